"""Small text helpers shared by the analyser, the coach and the drafter.

Input coercion, the link and @handle patterns, sentences, content words, stems, and turning the
customer's words to the agent's point of view. Pure Python (no numpy), so the coach stays light.
"""

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

# Links and @handles: masked before featurising, dropped from clauses and customer points.
URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"@\w+")

_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9@#])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+")


def coerce_text(value: object, caller: str) -> str:
    """A str from what callers pass: bytes are decoded, lone surrogates replaced, anything else refused.

    `caller` names the argument in the error, e.g. "analyze" or "coach (reply)".
    """
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        raise TypeError(f"{caller} expects a str, got {type(value).__name__}")
    # Lone surrogates (from broken JSON escapes) would make encoders raise later on.
    return value.encode("utf-8", errors="replace").decode("utf-8")


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


_SWAP = {
    "i": "you",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "our": "your",
    "ours": "yours",
    "us": "you",
    "am": "are",
    "was": "were",
    "you": "we",
    "your": "our",
    "yours": "ours",
    "you're": "we're",
    "you've": "we've",
}
_VERB_BEFORE_US = re.compile(
    r"(?:told|called|emailed|contacted|asked|paid|messaged|phoned|rang|gave|sent|to|for|with|from|by)$", re.I
)


def reflect(point: str) -> str:
    """Turn the customer's words to the agent's point of view (my -> your, you -> we/us)."""
    words = re.findall(r"[\w']+|[^\w\s]+|\s+", point.strip().rstrip(".!?"))
    out: list[str] = []
    prev_subject_you = False
    for i, w in enumerate(words):
        low = w.lower()
        if low in {"was", "am"}:
            out.append(_SWAP[low] if prev_subject_you else w)
            continue
        if low == "you":
            before = "".join(words[:i]).rstrip()
            rep = "us" if _VERB_BEFORE_US.search(before) else "we"
            out.append(rep)
            prev_subject_you = False
            continue
        if low in _SWAP and low not in {"am", "was"}:
            rep = _SWAP[low]
            out.append(rep.capitalize() if w[0].isupper() and i == 0 else rep)
            prev_subject_you = low in {"i", "we"}
            continue
        if not w.isspace():
            prev_subject_you = False
        out.append(w)
    text = "".join(out)
    text = text[:1].lower() + text[1:] if text[:2] != "I " else text
    tokens = text.split()
    # "parcel arrived late" -> "your parcel arrived late": a bare noun needs an owner to read well.
    if len(tokens) >= 2 and tokens[0].lower() not in _DETERMINERS and _VERBISH.match(tokens[1].lower()):
        text = "your " + text
    return text


_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "your",
        "our",
        "my",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "it",
        "they",
        "you",
        "we",
        "i",
        "there",
        "nobody",
        "no",
        "nothing",
        "someone",
        "everyone",
        "everything",
        "all",
        "some",
        "every",
        "each",
    ]
)
_VERBISH = re.compile(
    r"^(?:\w+ed|is|was|are|were|has|had|have|never|did|didn't|doesn't|won't|hasn't|isn't|wasn't|"
    r"keeps|stopped|came|broke|went|got|took|still|not|came|fell|left|leaks|leaked)$"
)
