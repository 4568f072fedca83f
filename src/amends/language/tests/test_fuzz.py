"""Hypothesis fuzz: analyze and coach never crash and always keep their shapes and ranges."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amends.language import ELEMENTS, PITFALLS, analyze, coach

_words = st.sampled_from(
    [
        "sorry",
        "refund",
        "late",
        "parcel",
        "thank you",
        "if",
        "you",
        "felt",
        "we",
        "our",
        "courier",
        "fault",
        "!!!",
        "?",
        "😡",
        "broken",
        "I'll",
        "follow up",
        "voucher",
        "policy",
        "\n",
        "@brand",
        "http://x.y",
        "#fail",
        "ß",
        "ü",
    ]
)
texts = st.one_of(st.text(max_size=400), st.lists(_words, max_size=60).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_analyze_fuzz(text: str) -> None:
    d = analyze(text).to_dict()
    assert 0.0 <= d["complaint"]["probability"] <= 1.0
    assert d["severity"] in range(5)
    assert all(0.0 <= v <= 1.0 for v in d["emotions"].values())
    assert d["complaint"]["label"] or d["severity"] == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(st.none(), texts))
def test_coach_fuzz(reply: str, customer: str | None) -> None:
    c = coach(reply, customer)
    d = c.to_dict()
    assert 0 <= d["score"] <= 100
    assert set(d["elements"]) == set(ELEMENTS) and set(d["pitfalls"]) == set(PITFALLS)
    for f in list(d["elements"].values()) + list(d["pitfalls"].values()):
        assert 0.0 <= f["confidence"] <= 1.0
        assert f["present"] == bool(f["evidence"]) or not f["present"]
