#!/usr/bin/env bash
# Creates the Secrets the manifests reference (none is committed), each only if it does not exist yet, in namespace
# platform (or $1). Passwords are random (openssl rand). Needs kubectl pointed at the cluster.
#   bash deploy/k8s/secrets.sh [namespace]
# Made here:
#   platform-db-identity, platform-db-ticketing, platform-db-projects, platform-db-assets, platform-db-notifications
#     type kubernetes.io/basic-auth, keys username (the service's name) and password: CloudNativePG sets each role's
#     password from it (postgres.yaml, managed.roles), the service's Deployment and migration Job connect with it.
# Not made here (say so, and how):
#   platform-rabbitmq-default-user   made by the RabbitMQ Cluster Operator (keys username, password, host, port...).
#   platform-tls                     the Ingress's certificate (production): kubectl -n platform create secret tls
#                                    platform-tls --cert=fullchain.pem --key=privkey.pem, or cert-manager.
#   platform-smtp                    optional SMTP credentials for notifications (keys username, password):
#                                    kubectl -n platform create secret generic platform-smtp --from-literal=username=...
set -euo pipefail
namespace=${1:-platform}
command -v kubectl >/dev/null || { echo "kubectl not found" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
for service in identity ticketing projects assets notifications; do
  name="platform-db-$service"
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists, kept"
    continue
  fi
  kubectl -n "$namespace" create secret generic "$name" --type=kubernetes.io/basic-auth \
    --from-literal=username="$service" --from-literal=password="$(openssl rand -hex 24)"
  # CloudNativePG only watches Secrets that carry this label for password changes.
  kubectl -n "$namespace" label secret "$name" cnpg.io/reload=true >/dev/null
done
