"""`draft`: every element by the coach's own judgement, variety, and the optional LLM backend
(tested against a real HTTP server on 127.0.0.1, not a mock)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from amends.language import PITFALLS, DraftContext, LLMConfig, coach, draft
from amends.language.text import reflect

CUSTOMER = "My parcel arrived two weeks late and the box was crushed. I want a refund."


def _ctx(seed: int = 0, **kw: Any) -> DraftContext:
    base: dict[str, Any] = dict(
        customer_name="Sam Lee",
        agent_name="Ana",
        salient_points=["parcel arrived two weeks late", "the box was crushed"],
        category="delivery",
        desired_outcome="refund",
        remedy_description="a full refund of £42 to your card today",
        extra_description="a £10 voucher for your next order",
        follow_up_date=date(2026, 3, 6),
        company_name="Lamp & Co",
        seed=seed,
    )
    base.update(kw)
    return DraftContext(**base)


@pytest.mark.parametrize("seed", range(12))
def test_draft_contains_every_element(seed: int) -> None:
    text = draft(_ctx(seed))
    for customer in (CUSTOMER, None):
        c = coach(text, customer)
        assert c.missing() == [], (seed, c.missing(), text)
        assert not any(c.pitfalls[p].present for p in PITFALLS), text
    assert "Sam" in text and "Ana" in text and "£42" in text and "£10 voucher" in text and "6 March" in text


@pytest.mark.parametrize(
    "ctx",
    [
        _ctx(remedy_description=None, extra_description=None, follow_up_date=None, agent_name=""),
        _ctx(salient_points=[], category="billing", desired_outcome=None, remedy_description=None),
        _ctx(salient_points=["I was charged twice for my order", "you never answered my emails"], category="billing"),
        _ctx(customer_name="", category="nonsense", company_name=""),
    ],
)
def test_sparse_contexts_still_complete(ctx: DraftContext) -> None:
    text = draft(ctx)
    c = coach(text)
    assert c.missing() == [], (c.missing(), text)


def test_several_phrasings() -> None:
    texts = {draft(_ctx(seed)) for seed in range(10)}
    assert len(texts) >= 5


def test_reflect_turns_pronouns() -> None:
    assert reflect("my parcel was crushed") == "your parcel was crushed"
    assert reflect("I was charged twice") == "you were charged twice"
    assert "we" in reflect("you sent me the wrong size").split()


class _Handler(BaseHTTPRequestHandler):
    answer: str | None = ""
    status = 200
    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length))
        type(self).seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        payload = {"choices": [{"message": {"role": "assistant", "content": type(self).answer}}]}
        raw = json.dumps(payload).encode() if type(self).answer is not None else b"not json"
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("H", (_Handler,), {"seen": [], "answer": "", "status": 200})
    httpd = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_llm_rephrase_used_when_it_passes_the_coach(server: tuple[str, type[_Handler]]) -> None:
    url, handler = server
    ctx = _ctx(3)
    good = draft(_ctx(7)).replace("Hi Sam", "Hello again Sam")
    handler.answer = good
    out = draft(ctx, llm=LLMConfig(base_url=url, model="tiny", api_key="k123"))
    assert out == good
    req = handler.seen[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "tiny"
    assert req["auth"] == "Bearer k123"
    assert any("Reply to rewrite" in m["content"] for m in req["body"]["messages"])


def test_llm_output_missing_elements_falls_back(server: tuple[str, type[_Handler]]) -> None:
    url, handler = server
    handler.answer = "Sorry if you felt upset. Have a nice day."
    ctx = _ctx(2)
    assert draft(ctx, llm=LLMConfig(base_url=url, model="tiny")) == draft(ctx)


@pytest.mark.parametrize("status,answer", [(500, "x"), (200, None), (200, "")])
def test_llm_failures_fall_back(server: tuple[str, type[_Handler]], status: int, answer: str | None) -> None:
    url, handler = server
    handler.status, handler.answer = status, answer
    ctx = _ctx(1)
    assert draft(ctx, llm=LLMConfig(base_url=url, model="tiny")) == draft(ctx)


def test_llm_unreachable_falls_back() -> None:
    ctx = _ctx(4)
    cfg = LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout=2)
    assert draft(ctx, llm=cfg) == draft(ctx)
