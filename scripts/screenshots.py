"""Capture screenshots of the web desk for docs/screenshots/ (``make screenshots``).

Loads the demo data (``amends.demo.load_demo``) and a few hand-written cases opened through the
services into a fresh SQLite database under var/screenshots/, serves the desk on a free port
and drives Debian Chromium through Playwright: the queue, the case page with the reply coach and
the approvals inbox, each at 1366x768 and 390x844.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import sys
import threading
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
VAR = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("AMENDS_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
PASSWORD = "screenshot-pass-1"

STORIES = [
    ("Grace Kettle", "grace@example.com", "critical", "I ordered a kettle (order 4471) and it arrived two weeks late. "
     "The box was crushed and the lid is cracked. Nobody answered my emails. I want a full refund."),
    ("Omar Haddad", "omar@example.com", "high", "I was charged twice for my March invoice and the second payment "
     "pushed my account overdrawn. I need the duplicate charge refunded today."),
    ("Lena Fischer", "lena@example.com", "high", "The waiter was rude to my mother at our anniversary dinner and "
     "we waited fifty minutes for cold food. It ruined the evening."),
    ("Tom Brooks", "tom@example.com", "normal", "My new headphones stopped charging after a week. I would like a "
     "replacement please."),
    ("Priya Nair", "priya@example.com", "normal", "The technician did not turn up for the repair appointment and "
     "I took the day off work for it."),
    ("Jonas Berg", "jonas@example.com", "normal", "The app keeps logging me out and support told me it was my "
     "phone's fault. I just want it to work."),
    ("Maria Costa", "maria@example.com", "low", "The parcel was left in the rain outside my door and the book "
     "inside is damp."),
    ("Ahmed Saleh", "ahmed@example.com", "low", "Your website says the store opens at nine but it was closed "
     "until ten this morning."),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed() -> None:
    from amends.accounts.models import Role
    from amends.accounts.services import user_create
    from amends.cases import services as case_services
    from amends.core import clock
    from amends.demo import load_demo
    from amends.remedies.models import CatalogueItem
    from amends.remedies.services import remedy_propose

    ana = user_create(username="ana", role=Role.AGENT, limit=Decimal("50"), first_name="Ana", last_name="Ruiz",
                      password=PASSWORD)
    ben = user_create(username="ben", role=Role.AGENT, limit=Decimal("30"), first_name="Ben", last_name="Cole")
    user_create(username="mia", role=Role.MANAGER, limit=Decimal("1000"), first_name="Mia", last_name="Novak",
                password=PASSWORD)
    load_demo(cases=60, seed=7)
    for name, kind, value, extra in [("Full refund", "refund", "0", False), ("Replacement item", "replacement", "0",
                                      False), ("Coffee voucher", "voucher", "15", True),
                                     ("Complimentary dessert", "complimentary", "8", True)]:
        CatalogueItem.objects.get_or_create(name=name, defaults={"kind": kind, "default_value": Decimal(value),
                                                                 "is_extra": extra})
    now = clock.now()
    for i, (name, email, priority, story) in enumerate(STORIES):
        # Some cases were opened yesterday so that their first steps are overdue in the queue.
        with clock.frozen_at(now - dt.timedelta(hours=[30, 3, 2, 20, 1, 5, 26, 0][i], minutes=7 * i)):
            case, _ = case_services.case_open(actor=None, customer_name=name, customer_email=email,
                                              channel="email" if i % 3 else "web", message=story)
            case_services.case_set_priority(case=case, priority=priority, actor=None)
            if i in (1, 3, 6):
                case_services.case_assign(case=case, owner=ana, actor=ana)
            if i in (2, 5):
                case_services.case_assign(case=case, owner=ben, actor=ben)
            if i in (1, 2):
                case_services.step_complete(case=case, key="own", actor=ana)
                remedy_propose(case=case, actor=ana, kind="refund", value="140" if i == 1 else "90",
                               description="Refund of the duplicate charge" if i == 1 else "Refund for the dinner")


def main() -> int:
    os.environ["AMENDS_VAR_DIR"] = str(VAR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    _seed()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    port = _free_port()
    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}"

    from playwright.sync_api import sync_playwright

    from amends.accounts.models import User
    from amends.cases.selectors import QueueFilters, case_queue

    top = case_queue(actor=User.objects.get(username="ana"), filters=QueueFilters(), limit=1).items[0]
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                      "--disable-background-networking"])
        for label, (width, height) in SIZES.items():
            for who in ("ana", "mia"):
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                page = context.new_page()
                page.goto(f"{base}/login/")
                page.get_by_label("Username").fill(who)
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url(f"{base}/")
                if who == "ana":
                    page.screenshot(path=str(OUT / f"queue-{label}.png"))
                    page.goto(f"{base}/cases/{top.pk}/")
                    page.screenshot(path=str(OUT / f"case-{label}.png"))
                    editor = page.locator("#reply-body")
                    editor.click()
                    editor.press_sequentially(f"Hi {top.customer.name.split()[0]}, thank you for telling us. I'm so "
                                              "sorry your order arrived two weeks late and the box was crushed.",
                                              delay=1)
                    page.get_by_test_id("coach-score").wait_for()
                    page.evaluate("document.getElementById('reply').scrollIntoView({block: 'start'})")
                    page.screenshot(path=str(OUT / f"case-coach-{label}.png"))
                else:
                    page.goto(f"{base}/approvals/")
                    page.screenshot(path=str(OUT / f"approvals-{label}.png"))
                context.close()
        browser.close()
    server.shutdown()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
