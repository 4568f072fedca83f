"""Web desk benchmark: queue page server time with 100,000 cases, and the coach panel round trip.

    .venv/bin/python bench/web.py [--cases 100000] [--runs 200]

Uses a fresh SQLite file under var/bench-web/ (or the database in AMENDS_DATABASE_URL, which must be
empty), bulk-loads cases the way a busy desk would hold them (40% in the working queue, the rest
closed), then times:
- the queue page (full HTML) as the Django test client sees it, for the default view and for the
  filters agents use most (mine, unassigned, breached, waiting approval, a search), and
- the coach panel: POST /cases/<id>/coach/ over real HTTP (a threaded WSGI server on loopback,
  a keep-alive client), as the browser sends it while the agent types.
Prints p50/p95/max in milliseconds. Figures only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import socket
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

REPLIES = [
    "Hi Grace,",
    "Hi Grace, thank you for telling us.",
    "Hi Grace, thank you for telling us. I'm so sorry your kettle arrived two weeks late and the box was crushed.",
    "Hi Grace, thank you for telling us. I'm so sorry your kettle arrived two weeks late and the box was crushed. "
    "I will personally make sure this is put right: I can refund the kettle in full today, and I'd like to add a "
    "voucher for your next order. Would that work for you? I'll check in with you on Friday.",
]


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _report(label: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(f"{label:<38} p50 {statistics.median(ms):7.1f} ms   p95 {_pct(ms, 0.95):7.1f} ms   max {max(ms):7.1f} ms"
          f"   (n={len(ms)})")


def _load(n_cases: int) -> None:
    from amends.accounts.models import Role
    from amends.accounts.services import user_create
    from amends.cases.models import PRIORITY_RANK, Case, Priority, Status
    from amends.customers.models import Customer
    from amends.remedies.models import Remedy, RemedyStatus

    rng = random.Random(7)
    agents = [user_create(username=f"agent{i}", role=Role.AGENT, limit=Decimal("50"), password="bench-pass-1")
              for i in range(10)]
    customers = Customer.objects.bulk_create(
        [Customer(name=f"Customer {i}", email=f"c{i}@example.com") for i in range(max(1, n_cases // 5))],
        batch_size=5000)
    now = dt.datetime.now(dt.UTC)
    words = ["parcel", "late", "refund", "broken", "rude", "invoice", "charged", "twice", "cold", "repair", "missing"]
    batch: list[Case] = []
    for _ in range(n_cases):
        working = rng.random() < 0.4
        priority = rng.choices(list(Priority), weights=[2, 6, 3, 1])[0]
        opened = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        batch.append(Case(
            customer=customers[rng.randrange(len(customers))], channel="email",
            subject=" ".join(rng.choices(words, k=6)), story=" ".join(rng.choices(words, k=40)),
            status=(Status.OPEN if rng.random() < 0.85 else Status.WAITING_CUSTOMER) if working else Status.CLOSED,
            owner=rng.choice(agents) if rng.random() < 0.7 else None, priority=priority,
            priority_rank=PRIORITY_RANK[priority], severity=rng.randint(0, 4), anger=rng.random(),
            category=rng.choice(["product", "delivery", "billing", "service", "other"]), opened_at=opened,
            next_due_at=(now + dt.timedelta(minutes=rng.randint(-600, 6000))) if working else None,
            closed_at=None if working else opened + dt.timedelta(days=3),
        ))
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)
    open_ids = list(Case.objects.filter(status=Status.OPEN).values_list("id", flat=True)[:2000])
    Remedy.objects.bulk_create([
        Remedy(case_id=cid, kind="refund", value=Decimal("120"), currency="EUR", status=RemedyStatus.PENDING_APPROVAL,
               proposer=agents[0], created_at=now) for cid in rng.sample(open_ids, min(500, len(open_ids)))])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    var = ROOT / "var" / "bench-web"
    os.environ["AMENDS_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    if not os.environ.get("AMENDS_DATABASE_URL"):
        shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from amends.cases.models import Case
    from amends.cases.services import case_open

    if Case.objects.exists():
        print("The database is not empty; point AMENDS_DATABASE_URL at an empty one.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    _load(args.cases)
    story = ("I ordered a kettle (order 4471) and it arrived two weeks late. The box was crushed and the lid is "
             "cracked. Nobody answered my emails. I want a full refund.")
    case, _ = case_open(actor=None, customer_name="Grace Kettle", customer_email="grace@example.com", message=story)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{Case.objects.count():,} cases loaded on {connection.vendor} in {time.perf_counter() - started:.1f} s; "
          f"{Case.objects.filter(status__in=['open', 'waiting_customer']).count():,} in the working queue")

    from django.test import Client

    client = Client()
    from amends.accounts.models import User

    client.force_login(User.objects.get(username="agent0"))
    views = [("queue: all open", {}), ("queue: mine", {"view": "mine"}), ("queue: unassigned", {"view": "unassigned"}),
             ("queue: breached", {"view": "breached"}), ("queue: waiting approval", {"view": "approval"}),
             ("queue: category billing", {"category": "billing"}), ("queue: search 'refund'", {"q": "refund"}),
             ("queue: htmx refresh (results only)", {"_htmx": "1"})]
    for label, params in views:
        headers = {"HTTP_HX_REQUEST": "true"} if params.pop("_htmx", None) else {}
        client.get("/", params, **headers)  # warm
        samples = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get("/", params, **headers)
            samples.append(time.perf_counter() - t0)
            assert response.status_code == 200
        _report(label, samples)

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    import httpx

    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base) as http:
        login = http.get("/login/")
        token = login.cookies.get("csrftoken") or http.cookies.get("csrftoken")
        http.post("/login/", data={"username": "agent0", "password": "bench-pass-1", "csrfmiddlewaretoken": token},
                  headers={"Referer": base + "/login/"})
        token = http.cookies.get("csrftoken")
        headers = {"X-CSRFToken": token or "", "HX-Request": "true", "Referer": base + f"/cases/{case.pk}/"}
        samples = []
        for i in range(args.runs + 5):
            t0 = time.perf_counter()
            response = http.post(f"/cases/{case.pk}/coach/", data={"body": REPLIES[i % len(REPLIES)]}, headers=headers)
            elapsed = time.perf_counter() - t0
            assert response.status_code == 200 and "coach-score" in response.text, response.status_code
            if i >= 5:
                samples.append(elapsed)
        _report("coach panel round trip (HTTP)", samples)
        samples = []
        for _ in range(min(args.runs, 50)):
            t0 = time.perf_counter()
            response = http.get(f"/cases/{case.pk}/")
            samples.append(time.perf_counter() - t0)
            assert response.status_code == 200
        _report("case page (HTTP)", samples)
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
