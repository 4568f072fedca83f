"""Intake and queue benchmark: cases opened per second over HTTP, and queue latency at 100,000 cases.

    .venv/bin/python bench/intake.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/intake.py --db sqlite --cases 100000 --seconds 15

For each database it starts a real ``amends run`` on a free port with its own var directory (and,
for PostgreSQL, a dedicated database ``amends_bench``, recreated each run), then:

1. opens cases with ``POST /api/v1/cases`` from 1 and from 4 concurrent keep-alive clients for a
   fixed time and prints cases per second. The load comes from ``wrk`` (``bench/intake.lua``) when
   it is installed (Debian: ``apt-get install wrk``): written in C, it leaves the two cores to the
   server. Without it, or with ``--client httpx``, Python threads with httpx send the same
   requests; they spend about as much CPU per request as the server, so on a small machine they
   measure the client as much as the server. ``--client both`` runs the two one after the other;
2. bulk-loads cases (bulk_create, with their steps) up to ``--cases`` and prints p50/p95/p99 of
   ``GET /api/v1/cases`` (first page, and pages deep into the queue through the cursor).

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx

ROOT = Path(__file__).resolve().parent.parent
AMENDS = str(Path(sys.executable).with_name("amends"))
PG_BASE = os.environ.get("AMENDS_BENCH_PG", "postgres://postgres@127.0.0.1:5432/amends_bench")
MESSAGES = [
    "My parcel arrived two weeks late and the box was crushed. I would like a refund.",
    "I was charged twice for order {n}. Please return the duplicate payment.",
    "The coffee tasted burnt and the staff were rude when I mentioned it.",
    "The hotel room was not cleaned when we arrived and we waited an hour for another.",
    "Cancelling my gym membership is impossible and you charged me again this month.",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_postgres(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([AMENDS, *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


class Server:
    def __init__(self, env: dict[str, str], workers: int, threads: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(Path(env["AMENDS_VAR_DIR"]) / "server.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [AMENDS, "run", "--port", str(self.port), "--workers", str(workers), "--threads", str(threads)],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start; see server.log")

    def cpu_seconds(self) -> float:
        """User + system CPU of the server and every process under it (gunicorn workers, job worker)."""
        tick = os.sysconf("SC_CLK_TCK")
        children: dict[int, list[int]] = {}
        stats: dict[int, list[str]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        total, todo = 0.0, [self.proc.pid]
        while todo:
            pid = todo.pop()
            if pid in stats:
                total += (int(stats[pid][11]) + int(stats[pid][12])) / tick
            todo.extend(children.get(pid, []))
        return total

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)
        self.log.close()


def intake(base: str, token: str, clients: int, seconds: float) -> tuple[float, list[float]]:
    """Cases per second with N keep-alive clients posting as fast as they can."""
    stop_at = time.perf_counter() + seconds
    counts = [0] * clients
    latencies: list[float] = []
    errors: list[str] = []

    def client(idx: int) -> None:
        rng = random.Random(idx)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            n = 0
            while time.perf_counter() < stop_at:
                n += 1
                body = {"customer": {"name": f"Bench {idx}-{n}", "email": f"b{idx}.{n % 500}@bench.example"},
                        "channel": "api", "message": rng.choice(MESSAGES).format(n=n)}
                t0 = time.perf_counter()
                response = http.post("/api/v1/cases", json=body)
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 201:
                    errors.append(f"{response.status_code} {response.text[:200]}")
                    return
                counts[idx] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(errors[0])
    return sum(counts) / elapsed, latencies


def intake_wrk(base: str, token: str, clients: int, seconds: float) -> tuple[float, float, float, int]:
    """Cases per second from wrk with N keep-alive connections: (rate, p50 ms, p95 ms, cases)."""
    done = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
         "-s", str(ROOT / "bench" / "intake.lua"), base],
        env=os.environ | {"AMENDS_BENCH_TOKEN": token}, capture_output=True, text=True, check=True)
    found = re.search(r"WRK created=(\d+) failed=(\d+) seconds=([\d.]+) p50_ms=([\d.]+) p95_ms=([\d.]+) "
                      r"socket_errors=(\d+)", done.stdout)
    if found is None:
        raise RuntimeError(f"unexpected wrk output: {done.stdout} {done.stderr}")
    created, failed, elapsed, p50, p95, socket_errors = found.groups()
    if int(failed) or int(socket_errors):
        raise RuntimeError(f"wrk: {failed} replies other than 201, {socket_errors} socket errors; {done.stdout}")
    return int(created) / float(elapsed), float(p50), float(p95), int(created)


def bulk_load(env: dict[str, str], total: int) -> float:
    """Top the database up to ``total`` cases with bulk_create, steps included (in a child process)."""
    code = f"""
import datetime as dt, random, django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
django.setup()
from django.db import transaction
from amends.cases.models import Case, CaseStep, PRIORITY_RANK, Priority
from amends.customers.models import Customer
from amends.playbooks.services import playbook_ensure_default
from amends.core import clock
playbook = playbook_ensure_default()
steps = list(playbook.steps.all())
rng = random.Random(11)
need = {total} - Case.objects.count()
now = clock.now()
customers = Customer.objects.bulk_create([Customer(name=f"Load {{i}}", email=f"load{{i}}@bench.example")
                                          for i in range(2000)])
batch = 2000
while need > 0:
    n = min(batch, need)
    with transaction.atomic():
        cases = []
        for i in range(n):
            prio = rng.choice(list(Priority))
            opened = now - dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
            status = rng.choices(["open", "waiting_customer", "closed"], [5, 1, 4])[0]
            cases.append(Case(customer=rng.choice(customers), channel="api", subject="Bulk case",
                              story="Loaded for the queue benchmark.", status=status, priority=prio,
                              priority_rank=PRIORITY_RANK[prio], opened_at=opened, playbook=playbook,
                              next_due_at=None if status == "closed" else opened + dt.timedelta(minutes=60)))
        cases = Case.objects.bulk_create(cases)
        CaseStep.objects.bulk_create([CaseStep(case=c, key=s.key, title=s.title, required=s.required,
                                               position=s.position, target_minutes=s.target_minutes,
                                               due_at=c.opened_at + dt.timedelta(minutes=s.target_minutes))
                                      for c in cases for s in steps], batch_size=5000)
    need -= n
from django.db import connection
if connection.vendor == "postgresql":
    # What autovacuum does within a minute of such a load; without statistics the planner takes
    # the 100,000 new rows for a few dozen and sorts the whole working queue.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
"""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - t0


def queue_latency(base: str, token: str, requests: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"first page": [], "deep pages (cursor)": [], "filtered (priority=high)": []}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        http.get("/api/v1/cases")  # warm the connection and caches
        for _ in range(requests):
            t0 = time.perf_counter()
            assert http.get("/api/v1/cases", params={"limit": 50}).status_code == 200
            out["first page"].append(time.perf_counter() - t0)
        cursor = None
        for _ in range(requests):
            params: dict[str, object] = {"limit": 50} | ({"cursor": cursor} if cursor else {})
            t0 = time.perf_counter()
            response = http.get("/api/v1/cases", params=params)
            out["deep pages (cursor)"].append(time.perf_counter() - t0)
            cursor = response.json()["next_cursor"]
        for _ in range(requests):
            t0 = time.perf_counter()
            http.get("/api/v1/cases", params={"limit": 50, "priority": "high"})
            out["filtered (priority=high)"].append(time.perf_counter() - t0)
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000 if len(values) > 1 else values[0] * 1000


def bench(db: str, args: argparse.Namespace) -> None:
    var = Path(tempfile.mkdtemp(prefix=f"amends-bench-{db}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env["AMENDS_VAR_DIR"] = str(var)
    env["AMENDS_LOG_LEVEL"] = "CRITICAL"
    if db == "postgres":
        prepare_postgres(PG_BASE)
        env["AMENDS_DATABASE_URL"] = PG_BASE
    run_cli(env, "migrate")
    run_cli(env, "user", "create", "bench", "--role", "agent", "--limit", "50")
    token = run_cli(env, "token", "create", "bench")
    server = Server(env, args.workers, args.threads)
    print(f"\n## {db} (gunicorn {args.workers} workers x {args.threads} threads, {os.cpu_count()} CPUs)")
    try:
        intake(server.base, token, 1, 2)  # warm-up
        for client in args.clients:
            for clients in (1, 4):
                cpu0 = server.cpu_seconds()
                if client == "wrk":
                    rate, p50, p95, cases = intake_wrk(server.base, token, clients, args.seconds)
                else:
                    rate, lat = intake(server.base, token, clients, args.seconds)
                    p50, p95, cases = pct(lat, 50), pct(lat, 95), len(lat)
                cpu_ms = (server.cpu_seconds() - cpu0) * 1000 / max(cases, 1)
                print(f"intake ({client}), {clients} client(s): {rate:7.1f} cases/s   (POST p50 {p50:.1f} ms, "
                      f"p95 {p95:.1f} ms; server CPU {cpu_ms:.1f} ms per case)")
        print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} / {os.getloadavg()[2]:.1f}")
        took = bulk_load(env, args.cases)
        print(f"bulk load to {args.cases:,} cases: {took:.1f} s")
        cpu0 = server.cpu_seconds()
        latencies = queue_latency(server.base, token, args.requests)
        cpu_ms = (server.cpu_seconds() - cpu0) * 1000 / sum(len(v) for v in latencies.values())
        for name, lat in latencies.items():
            print(f"GET /api/v1/cases, {name:26s}: p50 {pct(lat, 50):6.1f} ms   p95 {pct(lat, 95):6.1f} ms   "
                  f"p99 {pct(lat, 99):6.1f} ms")
        print(f"queue: server CPU {cpu_ms:.1f} ms per request; load average {os.getloadavg()[0]:.1f}")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each intake run lasts")
    parser.add_argument("--requests", type=int, default=200, help="queue requests per kind")
    parser.add_argument("--client", choices=["auto", "wrk", "httpx", "both"], default="auto",
                        help="load generator for intake; auto: wrk when installed, else httpx")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    has_wrk = shutil.which("wrk") is not None
    if args.client in ("wrk", "both") and not has_wrk:
        parser.error("wrk is not installed (Debian: apt-get install wrk)")
    args.clients = {"auto": ["wrk" if has_wrk else "httpx"], "both": ["wrk", "httpx"]}.get(args.client, [args.client])
    print(f"intake load generator: {', '.join(args.clients)}"
          + ("" if has_wrk or args.client == "httpx" else " (wrk not installed)"))
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        bench(db, args)


if __name__ == "__main__":
    main()
