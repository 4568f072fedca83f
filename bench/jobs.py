"""Jobs benchmark: jobs/second through the queue (real worker process) and the SLA sweep with many open cases.

    AMENDS_VAR_DIR=var/bench .venv/bin/python bench/jobs.py [--jobs 2000] [--cases 100000] [--due 200]

Uses its own SQLite database under AMENDS_VAR_DIR (or AMENDS_DATABASE_URL), the SQLite queue, and
Redis at AMENDS_BENCH_REDIS_URL (default redis://127.0.0.1:6379/9) when it answers. Prints figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
os.environ.setdefault("AMENDS_VAR_DIR", os.path.join(os.getcwd(), "var", "bench"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402


def queue_throughput(kind: str, url: str, jobs: int, threads: int) -> float:
    from amends.jobs import use_queue
    from amends.outbox.tasks import deliver_outbox

    name = f"bench-{uuid.uuid4().hex[:8]}"
    with use_queue(url, name) as huey:
        env = dict(os.environ, AMENDS_QUEUE_URL=url, AMENDS_QUEUE_NAME=name, AMENDS_LOG_LEVEL="ERROR")
        worker = subprocess.Popen([sys.executable, "-m", "amends.cli", "worker", "--threads", str(threads),
                                   "--no-scheduler"], env=env)
        try:
            deliver_outbox(0)  # warm-up: wait until the worker is up and has run one job
            while huey.storage.result_store_size() < 1:
                time.sleep(0.02)
            start = time.perf_counter()
            for i in range(jobs):
                deliver_outbox(-(i + 1))  # a real task: one claim query that finds nothing to do
            while huey.storage.result_store_size() < jobs + 1:
                time.sleep(0.02)
            elapsed = time.perf_counter() - start
        finally:
            worker.terminate()
            worker.wait(15)
            huey.storage.flush_results()
            huey.storage.flush_queue()
    rate = jobs / elapsed
    print(f"queue {kind:8s}: {jobs} jobs in {elapsed:.2f} s (enqueue + run) = {rate:,.0f} jobs/s "
          f"with {threads} threads")
    return rate


def seed_cases(count: int, due: int, now: dt.datetime) -> None:
    from amends.cases.models import Case, CaseStep, Status
    from amends.customers.models import Customer
    from amends.playbooks.services import playbook_ensure_default
    from amends.sla.models import CaseClock

    playbook_ensure_default()
    existing = Case.objects.filter(status=Status.OPEN).count()
    if existing >= count:
        print(f"seed: reusing {existing} open cases")
    else:
        customer = Customer.objects.create(name="Bench customer", email="bench@example.com")
        started = time.perf_counter()
        batch = 5000
        for offset in range(existing, count, batch):
            n = min(batch, count - offset)
            with transaction.atomic():
                cases = Case.objects.bulk_create([
                    Case(customer=customer, story="The parcel is late.", subject=f"Bench {offset + i}",
                         opened_at=now - dt.timedelta(hours=1)) for i in range(n)])
                steps = []
                for case in cases:
                    for pos, (key, minutes) in enumerate([("own", 60), ("listen", 120), ("acknowledge", 240),
                                                          ("resolve", 480), ("agree", 1440), ("act", 2880),
                                                          ("extra", 2880), ("follow_up", 10080), ("close", 10080)]):
                        steps.append(CaseStep(case=case, key=key, title=key, position=pos, target_minutes=minutes,
                                              due_at=case.opened_at + dt.timedelta(minutes=minutes)))
                CaseStep.objects.bulk_create(steps)
                CaseClock.objects.bulk_create([
                    CaseClock(case=case, first_response_due_at=case.opened_at + dt.timedelta(hours=4),
                              first_responded_at=case.opened_at, resolution_due_at=now + dt.timedelta(days=3),
                              next_check_at=now + dt.timedelta(minutes=5 + (case.pk % 10000)))
                    for case in cases])
        print(f"seed: {count - existing} open cases with 9 steps and a clock each in "
              f"{time.perf_counter() - started:.1f} s")
    # A manager with an email, so every breach also writes its escalation email (as in production).
    from amends.accounts.models import Role, User

    if not User.objects.filter(role=Role.MANAGER, is_active=True).exclude(email="").exists():
        from amends.accounts.services import user_create

        user_create(username="bench-manager", role=Role.MANAGER, email="manager@example.com")
    # Make `due` clocks due now, as in a busy minute (their "own" step breaches and is escalated).
    from amends.sla.models import CaseClock as Clock

    ids = list(Clock.objects.filter(active=True).order_by("id").values_list("pk", flat=True)[:due])
    Clock.objects.filter(pk__in=ids).update(next_check_at=now - dt.timedelta(seconds=1), marks={})
    # Clocks of an earlier run that fell due since then wait: the burst is exactly `due` clocks.
    Clock.objects.filter(active=True, next_check_at__lte=now).exclude(pk__in=ids).update(
        next_check_at=now + dt.timedelta(hours=1))


def sweep_timing(now: dt.datetime, due: int) -> None:
    from amends.sla.services import sla_sweep

    for label in (f"{due} clocks due", "run again at once (nothing left)"):
        start = time.perf_counter()
        handled = sla_sweep(now=now)
        elapsed = time.perf_counter() - start
        print(f"sla sweep, {label:34s}: handled {handled:4d} in {elapsed:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"database: {connection.vendor}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs")

    queue_throughput("sqlite", f"sqlite:///{settings.VAR_DIR / 'bench-queue.sqlite3'}", args.jobs, args.threads)
    redis_url = os.environ.get("AMENDS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    try:
        import redis

        redis.Redis.from_url(redis_url).ping()
    except Exception as exc:  # noqa: BLE001
        print(f"queue redis   : skipped ({exc})")
    else:
        queue_throughput("redis", redis_url, args.jobs, args.threads)
    if connection.vendor == "postgresql":
        cfg = connection.settings_dict
        queue_throughput("postgres", f"postgres://{cfg['USER'] or 'postgres'}@{cfg['HOST'] or '127.0.0.1'}:"
                         f"{cfg['PORT'] or 5432}/{cfg['NAME']}", args.jobs, args.threads)

    now = dt.datetime.now(dt.UTC)
    seed_cases(args.cases, args.due, now)
    from amends.cases.models import Case

    print(f"open cases: {Case.objects.filter(status='open').count()}")
    sweep_timing(now, args.due)
    from amends.sla.services import sla_sweep

    start = time.perf_counter()
    sla_sweep(now=now)
    print(f"sla sweep, idle minute (nothing due)          : {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
