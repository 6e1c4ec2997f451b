#!/usr/bin/env python3
"""drain.py — how fast a backlog of promotions drains after the consumer was down.

    tools/bench/drain.py [N]          default N = 1000 promotions; needs deploy/local/up.sh running

On the platform of up.sh: creates N tickets and a project through the gateway, SIGKILLs projects, promotes the N
tickets (ticketing accepts them and publishes TicketPromoted; they wait in projects' queue), restarts projects with the
command line and environment it had, and times how long until every ticket carries its project issue (promotion →
issue created in projects → ProjectIssueCreated → link written back in ticketing). Prints the flows per second and the
broker messages acknowledged per second over all queues in that window (every consumer of every service: projects,
ticketing, notifications, assets), read from RabbitMQ's management API.
"""
import base64
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UP = os.path.join(ROOT, ".data", "up")
GATEWAY = os.environ.get("GATEWAY", "http://127.0.0.1:5000")
MANAGEMENT = os.environ.get("RABBITMQ_MANAGEMENT", "http://127.0.0.1:15682")
PG = dict(host="127.0.0.1", port=os.environ.get("PG_PORT", "25432"), user="platform", db="platform_ticketing")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def request(method, url, body=None, token=None, headers=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        text = resp.read()
        return json.loads(text) if text else None


def token(user, scope):
    form = f"grant_type=password&client_id=platform-cli&username={user}&password=Passw0rd%21&scope={scope}".encode()
    req = urllib.request.Request(GATEWAY + "/connect/token", data=form, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["access_token"]


def psql(sql):
    env = dict(os.environ, PGPASSWORD="platform")
    out = subprocess.run(["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", PG["db"], "-qAt", "-c", sql],
                         env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def acked_total():
    """Messages acknowledged so far over every queue of the vhost (the broker's counters)."""
    req = urllib.request.Request(MANAGEMENT + "/api/queues?columns=name,message_stats.ack")
    req.add_header("Authorization", "Basic " + base64.b64encode(b"platform:platform").decode())
    with urllib.request.urlopen(req, timeout=10) as resp:
        queues = json.loads(resp.read())
    return sum(q.get("message_stats", {}).get("ack", 0) for q in queues)


def wait_until(what, check, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise SystemExit(f"timed out after {timeout} s waiting for {what}")


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main():
    pidfile = os.path.join(UP, "pids", "projects.pid")
    if not os.path.exists(pidfile):
        raise SystemExit("projects is not running: start deploy/local/up.sh first")
    agent = token("bob", "tickets")
    pmo = token("carol", "projects")
    suffix = str(int(time.time()))[-6:]
    project = request("POST", GATEWAY + "/api/projects", {
        "name": f"Drain bench {suffix}", "manager": "carol",
        "startDate": time.strftime("%Y-%m-%d"), "endDate": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 90 * 86400)),
    }, pmo)
    key = project["key"]
    # ticketing learns of the project by its ProjectCreated event (or asks projects while it is still up)
    wait_until("ticketing to know the project",
               lambda: psql(f"select count(*) from known_projects where key = '{key}'") == "1"
               if psql("select to_regclass('known_projects') is not null") == "t" else True, 30)

    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(lambda i: request("POST", GATEWAY + "/api/tickets", {
            "title": f"Drain bench {suffix} #{i}", "description": "backlog drain measurement", "category": "hardware",
            "impact": "Low", "urgency": "Low",
        }, agent)["key"], range(N)))
    print(f"{N} tickets created; project {key}")

    pid = int(open(pidfile).read().strip())
    environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")[:-1]
    cmdline = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[:-1]
    cwd = os.readlink(f"/proc/{pid}/cwd")
    port = next(a.decode().rsplit(":", 1)[1].strip("/") for a in cmdline if a.startswith(b"http://127.0.0.1:"))
    os.kill(pid, signal.SIGKILL)
    wait_until("projects to die", lambda: not os.path.exists(f"/proc/{pid}") or
               open(f"/proc/{pid}/stat").read().split()[2] == "Z", 10, 0.01)
    print("projects killed; promoting")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda k: request("POST", f"{GATEWAY}/api/tickets/{k}/promote", {"projectKey": key}, agent), keys))
    numbers = [int(k.split("-", 1)[1]) for k in keys]
    first, last = min(numbers), max(numbers)
    linked_sql = f"select count(*) from tickets where number between {first} and {last} and project_issue_id is not null"
    # ticketing's outbox has handed every TicketPromoted to the broker (they wait in projects' queue)
    wait_until("ticketing's outbox to publish the promotions",
               lambda: psql("select count(*) from outbox_messages where dispatched_at is null") == "0", 120)
    print(f"{N} promotions accepted and published while projects was down; restarting projects")

    log = open(os.path.join(UP, "logs", "projects.log"), "ab")
    env = dict(e.decode().split("=", 1) for e in environ)
    t0 = time.monotonic()
    proc = subprocess.Popen([a.decode() for a in cmdline], cwd=cwd, env=env, stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    open(pidfile, "w").write(str(proc.pid))
    wait_until("projects ready", lambda: ready(port), 120)
    t_ready = time.monotonic()
    acked_before = acked_total()
    wait_until("every promotion linked", lambda: psql(linked_sql) == str(N), 600, 0.1)
    t_done = time.monotonic()
    # The broker's counters are refreshed every few seconds: poll them until they have not moved for 6 s; the
    # messages are counted up to the last move (the other services' consumers may finish a little after the link).
    acked_after, last_move = acked_total(), time.monotonic()
    while time.monotonic() - last_move < 6:
        time.sleep(0.5)
        now = acked_total()
        if now != acked_after:
            acked_after, last_move = now, time.monotonic()
    drain = t_done - t_ready
    broker_window = max(last_move - t_ready, drain)
    print(f"projects ready {t_ready - t0:.1f} s after its restart")
    print(f"backlog of {N} promotions linked {drain:.1f} s after ready: {N / drain:.0f} flows/s; "
          f"{acked_after - acked_before} broker messages acknowledged in all queues "
          f"in {broker_window:.1f} s (≈ {(acked_after - acked_before) / broker_window:.0f}/s)")
    print(f"load average {' '.join(open('/proc/loadavg').read().split()[:3])}")


if __name__ == "__main__":
    main()
