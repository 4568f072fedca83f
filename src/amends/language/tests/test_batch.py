"""The JSONL contract of `amends analyze` / `amends coach` (CONTRACTS.md §1)."""

from __future__ import annotations

import io
import json

from amends.language.batch import run_analyze, run_coach


def _run(fn, lines: list[str]) -> tuple[int, list[dict], str]:  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    rc = fn(io.StringIO("\n".join(lines) + "\n"), out, err)
    return rc, [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_analyze_good_lines() -> None:
    lines = [json.dumps({"id": f"x{i}", "text": t}) for i, t in enumerate(["my order is late!", "thanks, love it", ""])]
    rc, rows, err = _run(run_analyze, lines)
    assert rc == 0
    assert [r["id"] for r in rows] == ["x0", "x1", "x2"]
    assert all("complaint" in r and "error" not in r for r in rows)
    assert "analyze" in err


def test_analyze_bad_lines_keep_order_and_go_on() -> None:
    lines = [
        json.dumps({"id": "a", "text": "parcel never arrived"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 5}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": 7, "text": "the app crashed again"}),
        "\x00\xff garbage",
    ]
    rc, rows, _ = _run(run_analyze, lines)
    assert rc == 1
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "a" and "complaint" in rows[0]
    assert rows[1] == {"id": None, "error": rows[1]["error"]} and "JSON" in rows[1]["error"]
    assert rows[2]["id"] == "b" and "text" in rows[2]["error"]
    assert rows[3]["id"] == "c" and "error" in rows[3]
    assert rows[4]["id"] is None and "error" in rows[4]
    assert "error" in rows[5]
    assert rows[6]["id"] == 7 and "complaint" in rows[6]
    assert "error" in rows[7]


def test_analyze_many_lines_batched_in_chunks() -> None:
    lines = [json.dumps({"id": i, "text": f"order {i} arrived broken"}) for i in range(600)]
    rc, rows, _ = _run(run_analyze, lines)
    assert rc == 0
    assert [r["id"] for r in rows] == list(range(600))


def test_analyze_fast_gives_the_linear_heads_values() -> None:
    from amends.language import analyze_many

    texts = ["my order is late and the box was crushed!", "thanks, love it"]
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)]
    _, fast_rows, _ = _run(lambda i, o, e: run_analyze(i, o, e, fast=True), lines)
    _, full_rows, _ = _run(run_analyze, lines)
    expected = [a.to_dict() for a in analyze_many(texts, fast=True)]
    assert [{k: v for k, v in r.items() if k != "id"} for r in fast_rows] == expected
    assert fast_rows[0]["complaint"]["probability"] != full_rows[0]["complaint"]["probability"]


def test_analyze_to_business_makes_a_short_harm_report_a_critical_complaint() -> None:
    lines = [json.dumps({"id": "h", "text": "my daughter was injured"})]
    _, wild, _ = _run(run_analyze, lines)
    _, sent, _ = _run(lambda i, o, e: run_analyze(i, o, e, to_business=True), lines)
    assert wild[0]["urgency"] == "low" and not wild[0]["complaint"]["label"]
    assert sent[0]["urgency"] == "critical" and sent[0]["complaint"]["label"]


def test_coach_lines() -> None:
    lines = [
        json.dumps(
            {
                "id": "r1",
                "reply": "I'm sorry your parcel was late. I'll refund you today.",
                "customer_message": "parcel late",
            }
        ),
        json.dumps({"id": "r2", "reply": "Thanks!"}),
        json.dumps({"id": "r3", "text": "wrong field"}),
        "nope",
    ]
    rc, rows, _ = _run(run_coach, lines)
    assert rc == 1
    assert [r["id"] for r in rows] == ["r1", "r2", "r3", None]
    assert rows[0]["elements"]["apology"]["present"] is True
    assert 0 <= rows[1]["score"] <= 100
    assert "reply" in rows[2]["error"]
    assert "error" in rows[3]
