"""Small text helpers shared by the coach and the drafter: sentences, content words, stems."""

from __future__ import annotations

import re

# Function words and filler that say nothing about a specific case.
_STOP_WORDS = """
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's with won't
would wouldn't you you'd you'll you're you've your yours yourself yourselves just also still even
really now get got getting one two us ur u im dont cant wont didnt doesnt isnt wasnt ive youre hi
hello hey thanks thank please pls plz ok okay yes yeah via amp will would shall may might must much
many lot lots like well back since yet ever every anything something nothing everything someone
anyone day days time times going go went gone make made want wanted need needed know said say tell
told see seen way sure try tried trying keep keeps kept every use used using thing things put
"""
STOP = frozenset(_STOP_WORDS.split())

_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9@#])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+")


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) spans of a text."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _SENT.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, m.start(), chunk.strip()))
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        out.append((pos + lead, len(text), tail.strip()))
    return out


def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match 'crushed' with 'crush', 'delivery' with 'delivered'."""
    w = word.lower().strip("'-")
    for suffix in (
        "ations",
        "ation",
        "ments",
        "ment",
        "ingly",
        "ing",
        "edly",
        "ies",
        "ied",
        "ers",
        "er",
        "ed",
        "ly",
        "es",
        "s",
        "y",
        "e",
    ):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:6]


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in STOP and len(w) > 2 or w.isdigit()]


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}
