"""`amends analyze` as a user runs it: files in, files out, exit status."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from amends.cli import app

runner = CliRunner()


def _analyze(tmp_path: Path, lines: list[dict], *flags: str) -> tuple[int, list[dict]]:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--input", str(inp), "--output", str(out), *flags])
    return result.exit_code, [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_fast_and_to_business_flags_reach_the_engine(tmp_path: Path) -> None:
    from amends.language import analyze_many

    lines = [{"id": "h", "text": "my daughter was injured"}, {"id": "p", "text": "My parcel is two weeks late!"}]
    code, plain = _analyze(tmp_path, lines)
    assert code == 0
    assert plain[0]["urgency"] == "low"
    code, flagged = _analyze(tmp_path, lines, "--fast", "--to-business")
    assert code == 0
    expected = [a.to_dict() for a in analyze_many([x["text"] for x in lines], fast=True, to_business=True)]
    assert [{k: v for k, v in row.items() if k != "id"} for row in flagged] == expected
    assert flagged[0]["urgency"] == "critical"


def test_a_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--input", str(tmp_path / "nope.jsonl"), "--fast"])
    assert result.exit_code == 1
    assert "nope.jsonl" in result.output
