"""The acceptance scenario of CONTRACTS.md §2 against a real ``amends run`` over real HTTP.

The server runs as a subprocess with its own var directory, and (when the suite runs on
PostgreSQL) its own throw-away database, created and dropped here; users and tokens come from
the real CLI. Nothing in this test touches the test database of the rest of the suite.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import pytest

AMENDS = str(Path(sys.executable).with_name("amends"))
OPEN_STEPS = ["own", "listen", "acknowledge", "resolve", "agree", "act", "follow_up"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database when the suite runs on PostgreSQL; None on SQLite."""
    base = os.environ.get("AMENDS_DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg

    name = f"amends_http_{uuid.uuid4().hex[:10]}"
    admin = urlunparse(urlparse(base)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(base)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env["AMENDS_VAR_DIR"] = str(tmp_path / "var")
    for database in _postgres_database():
        if database:
            env["AMENDS_DATABASE_URL"] = database
        yield env


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([AMENDS, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen([AMENDS, "run", "--port", str(port)], env=server_env, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if proc.poll() is not None:
                break
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        assert proc.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
        yield base, server_env
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_the_contract_scenario_over_http(server: tuple[str, dict[str, str]]) -> None:
    base, env = server
    assert "agent ana" in cli(env, "user", "create", "ana", "--role", "agent", "--limit", "50")
    cli(env, "user", "create", "mia", "--role", "manager")
    ana_token = cli(env, "token", "create", "ana")
    mia_token = cli(env, "token", "create", "mia")

    ana = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {ana_token}"}, timeout=30)
    mia = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {mia_token}"}, timeout=30)
    with ana, mia:
        assert httpx.get(f"{base}/api/v1/cases", timeout=10).status_code == 401

        body = {"customer": {"name": "Lena Berg", "email": "lena@example.com"}, "channel": "email",
                "message": "My parcel arrived two weeks late and the box was crushed. I want a refund.",
                "external_id": "mail-0001"}
        opened = ana.post("/cases", json=body)
        assert opened.status_code == 201, opened.text
        case = opened.json()
        case_id = case["id"]
        assert [s["status"] for s in case["steps"]] == ["open"] * 9

        reply = ana.post(f"/cases/{case_id}/messages", json={
            "direction": "outbound",
            "body": "Thank you for telling us, Lena. I am sorry your parcel came late and crushed; I will "
                    "personally see this through."})
        assert reply.status_code == 201 and "coaching" in reply.json()

        for key in ("own", "listen", "acknowledge"):
            assert ana.post(f"/cases/{case_id}/steps/{key}/complete", json={"note": "done"}).status_code == 200

        small = ana.post(f"/cases/{case_id}/remedies", json={"kind": "refund", "value": 30, "currency": "EUR",
                                                              "extra": False, "description": "delivery refund"})
        assert small.status_code == 201 and small.json()["status"] == "approved"
        big = ana.post(f"/cases/{case_id}/remedies", json={"kind": "replacement", "value": 200, "currency": "EUR",
                                                            "extra": False, "description": "new set of plates"})
        assert big.status_code == 201 and big.json()["status"] == "pending_approval"
        big_id = big.json()["id"]

        denied = ana.post(f"/remedies/{big_id}/approve")
        assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
        approved = mia.post(f"/remedies/{big_id}/approve", json={"note": "fair"})
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        assert approved.json()["approver"] == "mia"

        early = ana.post(f"/cases/{case_id}/close", json={"outcome": "recovered", "root_cause": "courier"})
        assert early.status_code == 409
        assert early.json()["error"]["open_steps"] == OPEN_STEPS[3:]

        for key in OPEN_STEPS[3:]:
            assert ana.post(f"/cases/{case_id}/steps/{key}/complete").status_code == 200
        closed = ana.post(f"/cases/{case_id}/close", json={"outcome": "recovered", "root_cause": "courier"})
        assert closed.status_code == 200
        assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "recovered")

        again = ana.post("/cases", json=body)
        assert again.status_code == 200 and again.json()["id"] == case_id
        everything = ana.get("/cases", params={"status": "all"}).json()
        assert [c["id"] for c in everything["items"]] == [case_id]

        timeline = [(e["type"], e["actor"]) for e in ana.get(f"/cases/{case_id}").json()["timeline"]]
        # Other parts (outbound email, SLA) add their own events; the desk's own ones come in order.
        assert timeline.index(("remedy_approved", "mia")) < timeline.index(("case_closed", "ana"))
        assert timeline[0] == ("case_opened", "ana")

        bad = ana.post("/cases", content=b"\xff\xfe not json", headers={"Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_json"
        huge = ana.post("/cases", content=b"x" * (10 * 1024 * 1024), headers={"Content-Type": "application/json"})
        assert huge.status_code == 413
