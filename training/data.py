"""Loading the public labelled data sets from ../shared/data (or $AMENDS_DATA_DIR).

Only the training scripts read these files; nothing from them is committed.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    env = os.environ.get("AMENDS_DATA_DIR")
    return Path(env) if env else (REPO.parent / "shared" / "data")


def read_csv(rel: str) -> list[dict[str, str]]:
    csv.field_size_limit(10_000_000)
    with open(data_dir() / rel, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass
class Complaint:
    source: str
    text: str
    label: int
    severity: int
    domain: str
    cause: str
    aspects: str


def complaints() -> list[Complaint]:
    out: list[Complaint] = []
    for source, rel in (
        ("xci", "complaints/xci_train.csv"),
        ("x_fincorp", "complaints/x_fincorp_train.csv"),
        ("cesamard", "complaints/cesamard_train.csv"),
    ):
        for row in read_csv(rel):
            text = (row.get("text") or "").strip()
            if not text:
                continue
            out.append(
                Complaint(
                    source=source,
                    text=text,
                    label=int(float(row["complaint"])),
                    severity=int(float(row.get("severity") or 0)),
                    domain=row.get("domain") or "",
                    cause=row.get("cause") or "",
                    aspects=row.get("aspects") or "",
                )
            )
    return out


EMOTIONS = ("anger", "sadness", "fear", "joy")


def wassa(emotion: str, split: str) -> list[tuple[str, float]]:
    rows = read_csv(f"emotion/wassa2017_{emotion}_{split}.csv")
    return [(r["text"], float(r["intensity"])) for r in rows]


def turns(transcript: str) -> list[tuple[str, str]]:
    """(speaker, text) of each turn of a conversation stored as "CUSTOMER: ... || HELPDESK: ...".

    The IBM customer-care and STC-3 files both store dialogues this way.
    """
    out = []
    for turn in transcript.split(" || "):
        speaker, sep, text = turn.partition(":")
        if sep:
            out.append((speaker, text.strip()))
    return out


def speaker_text(transcript: str, speaker: str = "CUSTOMER") -> str:
    """One speaker's turns of a conversation, joined by spaces."""
    return " ".join(text for who, text in turns(transcript) if who == speaker)


def first_exchange(transcript: str) -> tuple[str, str] | None:
    """The customer's first turn and the help desk's reply to it, when the dialogue opens so."""
    opening = turns(transcript)[:2]
    if [who for who, _ in opening] != ["CUSTOMER", "HELPDESK"]:
        return None
    return opening[0][1], opening[1][1]


def goemotions(split: str) -> list[tuple[str, set[str]]]:
    rows = read_csv(f"emotion/goemotions_{split}.csv")
    return [(r["text"], set((r["labels"] or "").split("|"))) for r in rows]
