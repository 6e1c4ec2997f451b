// Offline check of rendered Kubernetes manifests (the output of `kubectl kustomize deploy/k8s/overlays/<overlay>`):
//   node validate.mjs [--min-replicas N] [--broker-nodes N] [--pg-instances N] [--documented FILE] rendered.yaml
// 1. Every object of the Kubernetes API is validated with kubernetes-models' validate() (its JSON schemas: types,
//    required fields, enums), and, stricter than that, every field it holds must exist in the API (a misspelt
//    "readinesProbe" is an error: kubectl apply refuses unknown fields, the schemas alone would let it pass).
// 2. The operators' custom resources (RabbitmqCluster, CloudNativePG Cluster and Database) are checked by hand:
//    apiVersion, kind, required fields, known fields of the parts used here.
// 3. The platform's own rules: probes on /health/ready and /health/live, resources, non-root read-only containers,
//    a preStop and a grace period for the drain, a Service, PodDisruptionBudget and HorizontalPodAutoscaler for each
//    Deployment, replicas and HPA minimum at least --min-replicas, a migration Job per data-owning service named after
//    its image tag and an init container waiting for it, migrations off at start-up, quorum queues on, broker nodes and
//    database instances at least as asked, and every Secret referenced named in --documented (README.md).
// Prints one line per problem and a summary; exits 1 when there is any problem, 2 on bad usage.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const options = { minReplicas: 1, brokerNodes: 1, pgInstances: 1, documented: null, file: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--min-replicas") options.minReplicas = Number(argv[++i]);
  else if (a === "--broker-nodes") options.brokerNodes = Number(argv[++i]);
  else if (a === "--pg-instances") options.pgInstances = Number(argv[++i]);
  else if (a === "--documented") options.documented = argv[++i];
  else if (!a.startsWith("--") && options.file === null) options.file = a;
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!options.file) { console.error("usage: node validate.mjs [--min-replicas N] [--broker-nodes N] [--pg-instances N] [--documented FILE] rendered.yaml"); process.exit(2); }

const problems = [];
const problem = (obj, message) => problems.push(`${obj ? `${obj.kind}/${obj.metadata?.name}` : "(render)"}: ${message}`);

const documents = parseAllDocuments(readFileSync(options.file, "utf8"));
const objects = [];
for (const doc of documents) {
  if (doc.errors.length) { problem(null, `YAML: ${doc.errors[0].message}`); continue; }
  const obj = doc.toJS();
  if (obj) objects.push(obj);
}
if (objects.length === 0) problem(null, "no object rendered");

// ---- 1. Kubernetes API objects ---------------------------------------------------------------------------------
const modelsRoot = dirname(require.resolve("kubernetes-models/package.json"));
const apimachineryRoot = dirname(require.resolve("@kubernetes-models/apimachinery/package.json"));

/** The .d.ts of a model: its interface's fields and, for each, the file of the interface it holds (if any). */
const declarations = new Map();
function declaration(file) {
  if (declarations.has(file)) return declarations.get(file);
  const text = readFileSync(file, "utf8");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) imports.set(m[1], m[2]);
  const body = text.match(/export interface \w+(?: extends [\w, ]+)? \{([\s\S]*?)\n\}/);
  let fields = null;
  if (body) {
    fields = new Map();
    // Four spaces in: the interface's own fields (a map's "[key: string]: T;" sits deeper).
    for (const m of body[1].matchAll(/^ {4}"([^"]+)"\??: (.*)$/gm)) {
      const type = m[2].trim().replace(/;$/, "");
      const ref = type.match(/^(?:Array<)?(I\w+)>?$/);
      let target = null;
      if (ref && imports.has(ref[1])) target = resolveImport(file, imports.get(ref[1]));
      fields.set(m[1], target);
    }
  }
  const result = { fields };
  declarations.set(file, result);
  return result;
}

function resolveImport(from, spec) {
  let base;
  if (spec.startsWith("@kubernetes-models/apimachinery/")) base = join(apimachineryRoot, spec.slice("@kubernetes-models/apimachinery/".length));
  else if (spec.startsWith(".")) base = join(dirname(from), spec);
  else return null;
  const file = `${base}.d.ts`;
  return existsSync(file) ? file : null;
}

/** Fields the API does not have, anywhere in value (walked along the model's declarations). */
function unknownFields(value, file, path, out) {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) { value.forEach((v, i) => unknownFields(v, file, `${path}[${i}]`, out)); return; }
  const { fields } = declaration(file);
  if (!fields) return; // a type alias (Quantity, IntOrString, Time...) or a map
  for (const [key, v] of Object.entries(value)) {
    if (!fields.has(key)) { out.push(`${path}.${key} is not a field of the API`); continue; }
    const target = fields.get(key);
    if (target) unknownFields(v, target, `${path}.${key}`, out);
  }
}

async function validateApiObject(obj) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  let models;
  try {
    models = await import(modulePath);
  } catch {
    problem(obj, `unknown apiVersion ${obj.apiVersion}`);
    return;
  }
  const Model = models[obj.kind];
  if (typeof Model !== "function") { problem(obj, `${obj.apiVersion} has no kind ${obj.kind}`); return; }
  try {
    new Model(obj).validate();
  } catch (e) {
    problem(obj, `schema: ${e.message}`);
  }
  const dts = join(modelsRoot, group ? join(group, version) : version, `${obj.kind}.d.ts`);
  if (existsSync(dts)) {
    const unknown = [];
    unknownFields(obj, dts, "", unknown);
    for (const u of unknown) problem(obj, u);
  } else {
    problem(obj, `no declaration for ${obj.apiVersion} ${obj.kind} to check its fields against`);
  }
}

// ---- 2. The operators' custom resources -----------------------------------------------------------------------
const known = (obj, value, path, allowed) => {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) { problem(obj, `${path} must be an object`); return; }
  for (const key of Object.keys(value)) if (!allowed.includes(key)) problem(obj, `${path}.${key} is not a field of ${obj.kind}`);
};
const positiveInteger = (obj, value, path) => {
  if (!Number.isInteger(value) || value < 1) problem(obj, `${path} must be a positive integer (is ${JSON.stringify(value)})`);
};

// rabbitmq.com/v1beta1 RabbitmqCluster, RabbitMQ Cluster Operator v2.14.0.
function checkRabbitmqCluster(obj) {
  const spec = obj.spec ?? {};
  known(obj, spec, "spec", ["replicas", "image", "imagePullSecrets", "service", "persistence", "resources", "affinity",
    "tolerations", "rabbitmq", "tls", "skipPostDeployStep", "terminationGracePeriodSeconds", "delayStartSeconds",
    "override", "secretBackend"]);
  positiveInteger(obj, spec.replicas ?? 1, "spec.replicas");
  if (spec.replicas !== undefined && spec.replicas % 2 === 0) problem(obj, "spec.replicas should be odd (quorum queues need a majority)");
  if (spec.replicas !== undefined && spec.replicas < options.brokerNodes) problem(obj, `spec.replicas is ${spec.replicas}, want at least ${options.brokerNodes}`);
  if (spec.replicas === undefined && options.brokerNodes > 1) problem(obj, `spec.replicas unset (1), want at least ${options.brokerNodes}`);
  if (spec.image !== undefined && typeof spec.image !== "string") problem(obj, "spec.image must be a string");
  known(obj, spec.persistence, "spec.persistence", ["storageClassName", "storage"]);
  known(obj, spec.rabbitmq, "spec.rabbitmq", ["additionalPlugins", "additionalConfig", "advancedConfig", "envConfig", "erlangInetConfig"]);
  known(obj, spec.resources, "spec.resources", ["requests", "limits", "claims"]);
}

const cnpgClusters = new Map();
// postgresql.cnpg.io/v1 Cluster, CloudNativePG 1.28.4.
function checkCnpgCluster(obj) {
  const spec = obj.spec;
  if (!spec) { problem(obj, "spec is required"); return; }
  known(obj, spec, "spec", ["instances", "imageName", "imageCatalogRef", "imagePullPolicy", "imagePullSecrets",
    "primaryUpdateStrategy", "primaryUpdateMethod", "storage", "walStorage", "tablespaces", "resources", "postgresql",
    "managed", "bootstrap", "minSyncReplicas", "maxSyncReplicas", "affinity", "topologySpreadConstraints", "monitoring",
    "backup", "description", "inheritedMetadata", "enableSuperuserAccess", "superuserSecret", "certificates",
    "startDelay", "stopDelay", "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "livenessProbeTimeout",
    "logLevel", "env", "envFrom", "projectedVolumeTemplate", "ephemeralVolumeSource", "ephemeralVolumesSizeLimit",
    "priorityClassName", "schedulerName", "serviceAccountTemplate", "replica", "replicationSlots", "externalClusters",
    "enablePDB", "plugins", "probes", "podSecurityContext", "securityContext", "seccompProfile", "postgresUID",
    "postgresGID", "nodeMaintenanceWindow", "maxStartDelay", "maxStopDelay"]);
  positiveInteger(obj, spec.instances, "spec.instances");
  if (spec.instances < options.pgInstances) problem(obj, `spec.instances is ${spec.instances}, want at least ${options.pgInstances}`);
  if (!spec.storage?.size && !spec.storage?.pvcTemplate) problem(obj, "spec.storage.size (or pvcTemplate) is required");
  known(obj, spec.storage, "spec.storage", ["size", "storageClass", "pvcTemplate", "resizeInUseVolumes"]);
  if (spec.minSyncReplicas !== undefined || spec.maxSyncReplicas !== undefined) {
    const min = spec.minSyncReplicas ?? 0, max = spec.maxSyncReplicas ?? 0;
    if (!(min <= max && max < spec.instances)) problem(obj, `need minSyncReplicas <= maxSyncReplicas < instances (${min}, ${max}, ${spec.instances})`);
  }
  known(obj, spec.managed, "spec.managed", ["roles", "services"]);
  const roles = new Set();
  for (const [i, role] of (spec.managed?.roles ?? []).entries()) {
    known(obj, role, `spec.managed.roles[${i}]`, ["name", "ensure", "comment", "login", "superuser", "createdb", "createrole",
      "inherit", "replication", "bypassrls", "connectionLimit", "validUntil", "inRoles", "passwordSecret", "disablePassword"]);
    if (typeof role.name !== "string" || !role.name) problem(obj, `spec.managed.roles[${i}].name is required`);
    if (role.ensure !== undefined && !["present", "absent"].includes(role.ensure)) problem(obj, `spec.managed.roles[${i}].ensure must be present or absent`);
    if (role.passwordSecret !== undefined) known(obj, role.passwordSecret, `spec.managed.roles[${i}].passwordSecret`, ["name"]);
    roles.add(role.name);
  }
  cnpgClusters.set(`${obj.metadata.namespace}/${obj.metadata.name}`, roles);
}

// postgresql.cnpg.io/v1 Database (CloudNativePG 1.25 and later); checked after every Cluster is known.
function checkCnpgDatabase(obj) {
  const spec = obj.spec;
  if (!spec) { problem(obj, "spec is required"); return; }
  known(obj, spec, "spec", ["cluster", "name", "owner", "ensure", "databaseReclaimPolicy", "template", "encoding", "locale",
    "localeProvider", "lcCollate", "lcCtype", "icuLocale", "icuRules", "builtinLocale", "collationVersion", "isTemplate",
    "allowConnections", "connectionLimit", "tablespace", "extensions", "schemas"]);
  for (const field of ["name", "owner"]) if (typeof spec[field] !== "string" || !spec[field]) problem(obj, `spec.${field} is required`);
  if (typeof spec.cluster?.name !== "string") { problem(obj, "spec.cluster.name is required"); return; }
  if (spec.ensure !== undefined && !["present", "absent"].includes(spec.ensure)) problem(obj, "spec.ensure must be present or absent");
  const roles = cnpgClusters.get(`${obj.metadata.namespace}/${spec.cluster.name}`);
  if (!roles) problem(obj, `spec.cluster.name ${spec.cluster.name} is no Cluster of this render`);
  else if (!roles.has(spec.owner)) problem(obj, `owner ${spec.owner} is not a managed role of Cluster ${spec.cluster.name}`);
}

const custom = {
  "rabbitmq.com/v1beta1 RabbitmqCluster": checkRabbitmqCluster,
  "postgresql.cnpg.io/v1 Cluster": checkCnpgCluster,
};

// ---- run 1 and 2 -------------------------------------------------------------------------------------------------
const databases = [];
for (const obj of objects) {
  if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string" || typeof obj.metadata?.name !== "string") {
    problem(obj, "apiVersion, kind and metadata.name are required");
    continue;
  }
  if (obj.kind !== "Namespace" && !obj.metadata.namespace) problem(obj, "has no namespace");
  const key = `${obj.apiVersion} ${obj.kind}`;
  if (custom[key]) custom[key](obj);
  else if (key === "postgresql.cnpg.io/v1 Database") databases.push(obj);
  else if (obj.apiVersion.includes(".") && !obj.apiVersion.includes(".k8s.io/")) problem(obj, `custom resource ${key} is not one this check knows`);
  else await validateApiObject(obj);
}
databases.forEach(checkCnpgDatabase);

// ---- 3. The platform's rules -------------------------------------------------------------------------------------
const of = (kind) => objects.filter((o) => o.kind === kind);
const deployments = of("Deployment");
const jobs = of("Job");
const envOf = (container) => Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
const matches = (selector, labels) => selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const tagOf = (image) => { const i = image.lastIndexOf(":"); return i > image.lastIndexOf("/") ? image.slice(i + 1) : "latest"; };

if (deployments.length === 0) problem(null, "no Deployment rendered");
for (const d of deployments) {
  const name = d.metadata.name;
  const pod = d.spec?.template?.spec ?? {};
  const labels = d.spec?.template?.metadata?.labels ?? {};
  if ((d.spec?.replicas ?? 1) < options.minReplicas) problem(d, `replicas ${d.spec?.replicas ?? 1}, want at least ${options.minReplicas}`);
  if (pod.securityContext?.runAsNonRoot !== true) problem(d, "pod securityContext.runAsNonRoot must be true");
  if ((pod.terminationGracePeriodSeconds ?? 30) < 35) problem(d, "terminationGracePeriodSeconds below 35 (5 s preStop + 30 s drain)");
  for (const c of pod.containers ?? []) {
    const where = `container ${c.name}`;
    if (c.readinessProbe?.httpGet?.path !== "/health/ready") problem(d, `${where}: readinessProbe must GET /health/ready`);
    if (c.livenessProbe?.httpGet?.path !== "/health/live") problem(d, `${where}: livenessProbe must GET /health/live`);
    if (!c.lifecycle?.preStop) problem(d, `${where}: no preStop (the Service must stop sending before SIGTERM)`);
    for (const part of ["requests", "limits"]) for (const r of ["cpu", "memory"])
      if (!c.resources?.[part]?.[r]) problem(d, `${where}: resources.${part}.${r} missing`);
  }
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    if (c.securityContext?.readOnlyRootFilesystem !== true) problem(d, `container ${c.name}: readOnlyRootFilesystem must be true`);
    if (c.securityContext?.allowPrivilegeEscalation !== false) problem(d, `container ${c.name}: allowPrivilegeEscalation must be false`);
  }
  if (!of("Service").some((s) => matches(s.spec?.selector, labels))) problem(d, "no Service selects its pods");
  if (!of("PodDisruptionBudget").some((p) => matches(p.spec?.selector?.matchLabels, labels))) problem(d, "no PodDisruptionBudget covers its pods");
  const hpa = of("HorizontalPodAutoscaler").find((h) => h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec.scaleTargetRef.name === name);
  if (!hpa) problem(d, "no HorizontalPodAutoscaler scales it");
  else if ((hpa.spec.minReplicas ?? 1) < options.minReplicas) problem(hpa, `minReplicas ${hpa.spec.minReplicas ?? 1}, want at least ${options.minReplicas}`);

  // A data-owning service (it has a connection string): its release's migration Job, and an init container waiting.
  const main = (pod.containers ?? [])[0];
  if (!main) continue;
  const connection = Object.keys(envOf(main)).find((k) => k.startsWith("ConnectionStrings__"));
  if (!connection) continue;
  const suffix = tagOf(main.image).replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const job = jobs.find((j) => j.spec?.template?.spec?.containers?.some((c) => c.image === main.image && (c.args ?? []).includes("--migrate")));
  if (!job) problem(d, `no Job runs ${main.image} --migrate`);
  else {
    if (job.metadata.name !== `${name}-migrate-${suffix}`) problem(job, `must be named ${name}-migrate-${suffix} (after the image tag ${tagOf(main.image)}: one Job per release)`);
    const jobEnv = envOf(job.spec.template.spec.containers[0]);
    if (!jobEnv[connection]) problem(job, `does not set ${connection}`);
  }
  const wait = (pod.initContainers ?? []).find((c) => (c.args ?? []).includes("--wait-for-migrations"));
  if (!wait) problem(d, "no init container waits for its migrations (--wait-for-migrations)");
  else if (wait.image !== main.image) problem(d, "the init container waiting for migrations must run the same image");
}

const config = of("ConfigMap").find((c) => c.metadata.name === "platform-config");
if (!config) problem(null, "no ConfigMap platform-config");
else {
  if (config.data?.Database__MigrateOnStartup !== "false") problem(config, "Database__MigrateOnStartup must be \"false\" (migrations run as Jobs)");
  if (config.data?.RabbitMq__QuorumQueues !== "true") problem(config, "RabbitMq__QuorumQueues must be \"true\" on Kubernetes");
}
if (!of("RabbitmqCluster").length) problem(null, "no RabbitmqCluster");
if (!of("Cluster").length) problem(null, "no CloudNativePG Cluster");
if (!of("Ingress").length) problem(null, "no Ingress");
if (!of("NetworkPolicy").some((p) => Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 && (p.spec?.policyTypes ?? []).includes("Ingress") && !p.spec?.ingress))
  problem(null, "no default-deny ingress NetworkPolicy");

if (options.documented) {
  const text = readFileSync(options.documented, "utf8");
  const secrets = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      if (v.secretKeyRef?.name) secrets.add(v.secretKeyRef.name);
      if (v.secretRef?.name) secrets.add(v.secretRef.name);
      if (v.passwordSecret?.name) secrets.add(v.passwordSecret.name);
      if (typeof v.secretName === "string") secrets.add(v.secretName);
      Object.values(v).forEach(walk);
    }
  };
  objects.forEach(walk);
  for (const s of secrets) if (!text.includes(s)) problem(null, `Secret ${s} is referenced but not named in ${options.documented}`);
}

for (const p of problems) console.log(`ERROR ${p}`);
const kinds = {};
for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
console.log(`${objects.length} objects (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}), ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
