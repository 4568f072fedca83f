"""JSONL batch runners behind `amends analyze` and `amends coach` (CONTRACTS.md §1).

One output line per input line, in order, with the same id. A line that is not a JSON object
or lacks its text field yields {"id": <id or null>, "error": "<why>"} and the run goes on; the
return value is 1 when any line failed, else 0. Valid lines are analysed in chunks so the
linear heads run over many texts at once; progress goes to `err`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TextIO

from amends.language.analyze import analyze_many
from amends.language.coach import coach

CHUNK = 256
MAX_LINE_CHARS = 2_000_000


def _parse(line: str, field: str) -> tuple[Any, dict[str, Any] | None, str | None]:
    """(id, object, error) for one input line."""
    if len(line) > MAX_LINE_CHARS:
        return None, None, f"line longer than {MAX_LINE_CHARS} characters"
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return None, None, f"invalid JSON: {exc}"[:300]
    if not isinstance(obj, dict):
        return None, None, "each line must be a JSON object"
    ident = obj.get("id")
    if not isinstance(ident, str | int | float | type(None)) or isinstance(ident, bool):
        ident = str(ident)
    value = obj.get(field)
    if value is None:
        return ident, None, f'missing "{field}"'
    if not isinstance(value, str):
        return ident, None, f'"{field}" must be a string'
    return ident, obj, None


def _write(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _run(
    inp: TextIO,
    out: TextIO,
    err: TextIO,
    field: str,
    process: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    label: str,
) -> int:
    failed = 0
    done = 0
    started = time.monotonic()
    # Slots keep input order: parsed errors and results are written back in sequence per chunk.
    pending: list[tuple[Any, dict[str, Any] | None, str | None]] = []

    def flush() -> None:
        nonlocal failed, done
        good = [obj for _, obj, error in pending if obj is not None and error is None]
        results: list[dict[str, Any] | str] = []
        if good:
            try:
                results = list(process(good))
            except Exception:  # noqa: BLE001 - isolate the bad line, keep the others
                results = []
                for obj in good:
                    try:
                        results.extend(process([obj]))
                    except Exception as exc:  # noqa: BLE001
                        results.append(f"processing failed: {type(exc).__name__}: {exc}"[:300])
        it = iter(results)
        for ident, _obj, error in pending:
            outcome: dict[str, Any] | str = next(it) if error is None else error
            if isinstance(outcome, dict):
                _write(out, {"id": ident, **outcome})
            else:
                failed += 1
                _write(out, {"id": ident, "error": outcome})
            done += 1
        pending.clear()
        out.flush()
        rate = done / max(time.monotonic() - started, 1e-9)
        err.write(f"{label}: {done} lines, {failed} failed ({rate:.0f}/s)\n")
        err.flush()

    for raw in inp:
        line = raw.rstrip("\r\n")
        if not line.strip():
            pending.append((None, None, "empty line"))
        else:
            pending.append(_parse(line, field))
        if len(pending) >= CHUNK:
            flush()
    if pending:
        flush()
    err.write(f"{label}: finished, {done} lines, {failed} failed in {time.monotonic() - started:.1f}s\n")
    return 1 if failed else 0


def _analyze_chunk(
    objs: list[dict[str, Any]], *, fast: bool = False, to_business: bool = False
) -> list[dict[str, Any]]:
    return [a.to_dict() for a in analyze_many([o["text"] for o in objs], fast=fast, to_business=to_business)]


def _coach_chunk(objs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for o in objs:
        cm = o.get("customer_message")
        out.append(coach(o["reply"], cm if isinstance(cm, str) else None).to_dict())
    return out


def run_analyze(inp: TextIO, out: TextIO, err: TextIO, *, fast: bool = False, to_business: bool = False) -> int:
    """`amends analyze`: {"id", "text"} lines in, analysis lines out (``fast`` and ``to_business``:
    see analyze_many)."""
    return _run(inp, out, err, "text", partial(_analyze_chunk, fast=fast, to_business=to_business), "analyze")


def run_coach(inp: TextIO, out: TextIO, err: TextIO) -> int:
    """`amends coach`: {"id", "reply", "customer_message"?} lines in, coaching lines out."""
    return _run(inp, out, err, "reply", _coach_chunk, "coach")
