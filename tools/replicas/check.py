#!/usr/bin/python3
"""tools/replicas/check.py — the up.sh --replicas platform end to end, through the gateway only.

    bash deploy/local/up.sh --replicas 2 && python3 tools/replicas/check.py [--rounds 20]

For each round: a project (carol, managed by bob, so that bob sees it), a ticket (bob, assigned and started), promoted
at once by bob to the project (ticketing asks
projects about a project it has not heard of yet: the service-to-service call, through the gateway), then waited for
until the ticket shows its project issue. It runs the rounds once with every replica up, then SIGKILLs replica 1 of
ticketing, projects and identity (the up.sh pid files) and runs them again: every write must still be accepted (the
gateway skips the dead replica and retries on its twin) and every promotion linked. Every write carries its own
Idempotency-Key and is retried with it after a 502/503/504, as a client should: a request in flight when its replica
died may fail once, and lands once when retried. Prints the figures (retries too); exits 1 on any write that never
landed or a ticket never linked. The killed replicas stay down: deploy/local/down.sh, then up.sh again.
"""
import argparse
import json
import os
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

GATEWAY = os.environ.get("GATEWAY", "http://127.0.0.1:5000")
PIDS = os.path.join(os.path.dirname(__file__), "..", "..", ".data", "up", "pids")


RETRIES = []


def call(method, path, token=None, body=None, form=None, timeout=30):
    """One request; a write is retried (same Idempotency-Key) after 502/503/504 or a broken connection, up to 5 times."""
    key = os.urandom(16).hex() if method == "POST" else None
    for attempt in range(5):
        status, answer = send(method, path, token, body, form, timeout, key)
        if method != "POST" or status not in (0, 502, 503, 504):
            return status, answer
        RETRIES.append(f"{method} {path}: {status} {str(answer)[:120]}")
        time.sleep(0.2 * (attempt + 1))
    return status, answer


def send(method, path, token, body, form, timeout, key):
    data, headers = None, {}
    if key and not path.startswith("/connect/"):
        headers["Idempotency-Key"] = key
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, headers["Content-Type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(GATEWAY + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")[:300]
    except OSError as e:
        return 0, str(e)


def token(user):
    status, body = call("POST", "/connect/token", form={
        "grant_type": "password", "client_id": "platform-cli", "username": user, "password": "Passw0rd!",
        "scope": "openid tickets projects"})
    if status != 200:
        sys.exit(f"no token for {user}: {status} {body}")
    return body["access_token"]


def fail(failures, text):
    failures.append(text)
    print("  failed:", text, flush=True)


def rounds(n, label, failures):
    carol, bob = token("carol"), token("bob")
    linked_after = []
    for i in range(n):
        s, project = call("POST", "/api/projects", carol, {"name": f"Replicas {label} {i}", "manager": "bob"})
        if s != 201:
            fail(failures, f"{label}: create project {s} {project}"); continue
        s, ticket = call("POST", "/api/tickets", bob, {"title": f"Replicas {label} {i}", "description": "Checked through the gateway.",
                                                        "requester": "alice", "category": "network", "impact": "Low", "urgency": "Low"})
        if s != 201:
            fail(failures, f"{label}: create ticket {s} {ticket}"); continue
        key = ticket["key"]
        for what, path, body in (("assign", f"/api/tickets/{key}/assign", {"assignee": "bob"}),
                                 ("start", f"/api/tickets/{key}/transitions", {"action": "Start"})):
            s, answer = call("POST", path, bob, body)
            if s != 200:
                fail(failures, f"{label}: {what} {key} {s} {answer}")
        started = time.monotonic()
        s, answer = call("POST", f"/api/tickets/{key}/promote", bob, {"projectKey": project["key"]})
        if s != 202:
            fail(failures, f"{label}: promote {key} {s} {answer}"); continue
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            s, t = call("GET", f"/api/tickets/{key}", bob)
            if s == 200 and isinstance(t.get("project"), dict) and t["project"].get("issueKey"):
                linked_after.append(time.monotonic() - started); break
            time.sleep(0.05)
        else:
            fail(failures, f"{label}: {key} not linked to an issue of {project['key']} within 60 s")
    linked_after.sort()
    median = linked_after[len(linked_after) // 2] if linked_after else float("nan")
    print(f"{label}: {n} rounds, {len(linked_after)} linked (median {median * 1000:.0f} ms from the promotion), "
          f"{len(failures)} failures so far", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    for service in ("ticketing", "projects", "identity"):
        if not os.path.exists(os.path.join(PIDS, f"{service}-2.pid")):
            sys.exit(f"no second replica of {service}: start the platform with deploy/local/up.sh --replicas 2")
    failures = []
    rounds(args.rounds, "all replicas up", failures)
    for service in ("ticketing", "projects", "identity"):
        with open(os.path.join(PIDS, f"{service}.pid")) as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGKILL)
        print(f"SIGKILL {service} replica 1 (pid {pid})", flush=True)
    rounds(args.rounds, "replica 1 of ticketing, projects, identity killed", failures)
    for failure in failures:
        print("FAILED:", failure)
    print(f"writes retried after a 5xx or a broken connection: {len(RETRIES)}")
    for retry in RETRIES[:10]:
        print("  retried:", retry)
    print("RESULT:", "passed" if not failures else f"FAILED ({len(failures)})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
