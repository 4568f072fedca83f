"""`analyze`: triage one customer message (or many at once).

The trained heads give the complaint probability, severity and emotion intensities; small,
readable lexicons give the category, the urgency, the outcome the customer asked for and the
salient points (clauses in the customer's own words, ranked by the complaint head).
"""

# The phrase tables keep one family of wordings per line; splitting regexes hurts reading them.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from amends.language.features import MAX_CHARS
from amends.language.model import EMOTIONS, Scores, get_model
from amends.language.text import URL, coerce_text

CATEGORIES = ("product", "delivery", "billing", "service", "other")
URGENCIES = ("low", "normal", "high", "critical")
OUTCOMES = (
    "refund",
    "replacement",
    "repair",
    "discount",
    "apology",
    "explanation",
    "cancellation",
    "other",
)


@dataclass
class Analysis:
    """The triage of one customer message (CONTRACTS.md §1, `amends analyze`)."""

    complaint: bool
    probability: float
    severity: int
    emotions: dict[str, float]
    category: str
    urgency: str
    salient_points: list[str] = field(default_factory=list)
    desired_outcome: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "complaint": {"label": self.complaint, "probability": round(self.probability, 4)},
            "severity": self.severity,
            "emotions": {e: round(self.emotions.get(e, 0.0), 4) for e in EMOTIONS},
            "category": self.category,
            "urgency": self.urgency,
            "salient_points": list(self.salient_points),
            "desired_outcome": self.desired_outcome,
        }


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")", re.IGNORECASE)


# Category cues; the first matching words decide, weighted by how specific they are.
_CATEGORY_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "delivery": [
        (
            _rx(
                r"deliver\w*",
                r"shipp\w*",
                r"ship(ped)?\b",
                r"parcel",
                r"courier",
                r"dispatch\w*",
                r"tracking",
                r"postage",
                r"in transit",
                r"not (yet )?(arrived|received|delivered)",
                r"never (arrived|came|showed)",
                r"hasn'?t (arrived|come)",
                r"(late|delayed) (order|parcel|package|delivery)",
                r"packag\w*",
                r"box (was|came|arrived)",
                r"driver",
                r"pick ?up",
                r"collect(ion)?\b",
                r"missing item",
                r"wrong address",
                r"left (at|outside|on)",
            ),
            2.0,
        ),
        (_rx(r"arriv\w*", r"late\b", r"delay\w*", r"order\b", r"box\b", r"flight", r"train\b", r"bus\b"), 0.8),
    ],
    "billing": [
        (
            _rx(
                r"bill(ed|ing|s)?\b",
                r"charg\w*",
                r"overcharg\w*",
                r"refund\w*",
                r"invoice",
                r"payment\w*",
                r"paid\b",
                r"pay\b",
                r"debit\w*",
                r"credit card",
                r"transaction\w*",
                r"deduct\w*",
                r"fee\b",
                r"fees\b",
                r"price\w*",
                r"pric(ed|ing)",
                r"expensive",
                r"cost\w*",
                r"money",
                r"subscription",
                r"renewal",
                r"emi\b",
                r"loan",
                r"interest rate",
                r"balance",
                r"account (was )?(debited|frozen|blocked)",
                r"upi\b",
                r"atm\b",
                r"cash\b",
                r"\$\d",
                r"£\d",
                r"€\d",
                r"rs\.?\s?\d",
                r"inr\b",
                r"wallet",
            ),
            2.0,
        ),
        (_rx(r"account", r"card\b", r"bank\w*", r"amount"), 0.8),
    ],
    "product": [
        (
            _rx(
                r"broken",
                r"break\w*",
                r"defect\w*",
                r"fault\w*",
                r"damag\w*",
                r"crack\w*",
                r"quality",
                r"(doesn'?t|does not|didn'?t|won'?t|stopped) work\w*",
                r"malfunction\w*",
                r"not working",
                r"battery",
                r"screen",
                r"size\b",
                r"fit\b",
                r"fits\b",
                r"fabric",
                r"material",
                r"colou?r",
                r"stitch\w*",
                r"torn",
                r"ripped",
                r"taste\w*",
                r"stale",
                r"expired",
                r"smell\w*",
                r"leak\w*",
                r"crash\w*",
                r"bug\w*",
                r"glitch\w*",
                r"update\b",
                r"app\b",
                r"software",
                r"device",
                r"charger",
                r"product",
                r"item\b",
                r"pages?\b",
                r"binding",
                r"print(ing)?\b",
                r"duplicate copy",
                r"fake",
                r"counterfeit",
                r"pirated",
            ),
            2.0,
        ),
        (_rx(r"phone", r"laptop", r"shoes?", r"shirt", r"dress", r"book\b", r"food", r"meal", r"coffee"), 0.8),
    ],
    "service": [
        (
            _rx(
                r"rude\w*",
                r"staff",
                r"employee",
                r"agent",
                r"customer (service|care|support)",
                r"support team",
                r"helpline",
                r"call cent(er|re)",
                r"on hold",
                r"no (one|body) (answer|respond|replie|help)\w*",
                r"(no|zero) (response|reply)",
                r"ignor\w*",
                r"unhelpful",
                r"manager",
                r"waiter",
                r"waitress",
                r"cashier",
                r"receptionist",
                r"(waited|waiting) (for )?(\d+|an?|two|three|several) (hours?|mins?|minutes?|days?|weeks?)",
                r"nobody",
                r"attitude",
                r"(hung|hang) up",
                r"complain\w* (to|about) (you|your)",
                r"service\b",
                r"appointment",
                r"booking",
                r"reservation",
                r"(emailed|called|messaged|tweeted|dm'?d) (you|them)",
            ),
            2.0,
        ),
        (_rx(r"respon\w*", r"repl(y|ied|ies)", r"contact\w*", r"help\b", r"wait\w*"), 0.6),
    ],
}

_OUTCOME_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "cancellation",
        _rx(
            r"cancel\w*",
            r"close my account",
            r"unsubscribe",
            r"terminate",
            r"end my (contract|subscription)",
            r"port (my number )?out",
            r"switch(ing)? to (another|a different)",
        ),
    ),
    (
        "refund",
        _rx(
            r"refund\w*",
            r"money back",
            r"reimburse\w*",
            r"reverse the (charge|transaction|payment)",
            r"charge ?back",
            r"return (my|the) (money|amount|payment)",
            r"credit (it )?back",
            r"revert (my|the) (money|amount)",
        ),
    ),
    (
        "replacement",
        _rx(
            r"replac\w*",
            r"exchange",
            r"send (me )?(a )?(new|another|the right|the correct)",
            r"swap",
            r"re-?send",
            r"resend",
        ),
    ),
    (
        "repair",
        _rx(
            r"repair\w*",
            r"fix (it|this|the|my)",
            r"get (it|this) fixed",
            r"technician",
            r"engineer to",
            r"send someone",
        ),
    ),
    (
        "discount",
        _rx(
            r"discount",
            r"compensat\w*",
            r"voucher",
            r"coupon",
            r"credit (on|to) my account",
            r"goodwill",
            r"partial refund",
            r"price match",
        ),
    ),
    ("apology", _rx(r"apolog\w*", r"say sorry", r"an? sorry", r"owe me an")),
    (
        "explanation",
        _rx(
            r"explain\w*",
            r"explanation",
            r"why (is|was|did|does|do|has|have|are|were|would|can'?t|won'?t|isn'?t)",
            r"what happened",
            r"want to know",
            r"tell me (why|what|how|when)",
            r"how (come|long)",
        ),
    ),
]

_REQUEST = _rx(
    r"want",
    r"need",
    r"demand\w*",
    r"expect\w*",
    r"would like",
    r"i'?d like",
    r"please",
    r"kindly",
    r"pls",
    r"plz",
    r"give me",
    r"asking for",
    r"request\w*",
    r"require\w*",
    r"can (you|i|we) (get|have)",
    r"could (you|i) (get|have)",
    r"insist",
    r"or else",
    r"otherwise",
    r"until i get",
    r"\?",
)

# Threats of legal action make a complaint both critical and a matter of harm.
_LEGAL = (
    r"lawyer",
    r"solicitor",
    r"attorney",
    r"legal action",
    r"sue\b",
    r"suing",
    r"court\b",
)

_CRITICAL = _rx(
    r"injur\w*",
    r"hospital\w*",
    r"ambulance",
    r"allerg\w*",
    r"poison\w*",
    r"food poisoning",
    r"fire\b",
    r"caught fire",
    r"explod\w*",
    r"smoke\b",
    r"electric shock",
    r"unsafe",
    r"danger\w*",
    r"choking",
    *_LEGAL,
    r"police",
    r"fraud\w*",
    r"scam\w*",
    r"stolen",
    r"hack\w*",
    r"unauthori[sz]ed",
    r"identity theft",
    r"data (breach|leak)",
    r"ombudsman",
    r"regulator",
    r"rbi\b",
    r"consumer forum",
)
_HARM = _rx(
    r"injur\w*",
    r"hospital\w*",
    r"ambulance",
    r"allergic reaction",
    r"poison\w*",
    r"caught fire",
    r"explod\w*",
    r"electric shock",
    r"burn(ed|t) (me|my)",
    *_LEGAL,
)
_HIGH = _rx(
    r"urgent\w*",
    r"asap",
    r"immediately",
    r"right now",
    r"emergency",
    r"today\b",
    r"tonight",
    r"still (waiting|not|no)",
    r"(second|third|fourth|fifth|\d+(st|nd|rd|th)) time",
    r"again\b",
    r"weeks?\b",
    r"months?\b",
    r"never again",
    r"worst",
    r"disgust\w*",
    r"unacceptable",
    r"furious",
    r"ridiculous",
    r"pathetic",
    r"useless",
    r"cancel\w*",
    r"review\b",
    r"social media",
    r"everyone i know",
)

_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s*\n+\s*|\s+(?:but|however|and then|although|because|so now)\s+", re.IGNORECASE)
_AND = re.compile(r",?\s+and\s+(?=(?:the|my|i|it|they|you|your|then|now|no|nobody|still)\b)", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:@\w+|#\w+|hi|hello|hey|dear \w+|team|guys|so|and|but|also|ok(?:ay)?|well|just|please|pls|kindly|"
    r"i'?m writing (?:to|because)|i want(?:ed)? to (?:say|let you know|complain)|fyi)[\s,:;!.\-]*)+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"[@#]\w+")
_PROBLEM = _rx(
    r"late",
    r"delay\w*",
    r"broken",
    r"damag\w*",
    r"crush\w*",
    r"wrong",
    r"missing",
    r"never",
    r"not\b",
    r"n'?t\b",
    r"no\b",
    r"still",
    r"fail\w*",
    r"charg\w*",
    r"twice",
    r"rude",
    r"waited",
    r"lost",
    r"leak\w*",
    r"stopped",
    r"defect\w*",
    r"fault\w*",
    r"poor",
    r"worst",
    r"terrible",
    r"awful",
    r"cold\b",
    r"dirty",
    r"expired",
    r"overcharg\w*",
    r"ignor\w*",
    r"deduct\w*",
    r"blocked",
)
MAX_POINT_WORDS = 12


def _category(text: str) -> str:
    scores = {c: 0.0 for c in _CATEGORY_CUES}
    for cat, cues in _CATEGORY_CUES.items():
        for rx, weight in cues:
            scores[cat] += weight * len(rx.findall(text))
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] >= 1.0 else "other"


def _desired_outcome(text: str) -> str | None:
    """The remedy the customer asks for, if they ask; requests are looked for sentence by sentence."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if not _REQUEST.search(sentence):
            continue
        for outcome, rx in _OUTCOME_CUES:
            if rx.search(sentence):
                return outcome
    # "Refund!" or "I want my money back" without a request verb are still clear demands.
    short = text.strip().lower()
    for outcome, rx in _OUTCOME_CUES[:3]:
        m = rx.search(short)
        if m and re.search(r"\b(my|a|full|the)\s+" + re.escape(m.group(0).lower()), short):
            return outcome
    return None


def _urgency(text: str, complaint: bool, severity: int, anger: float) -> str:
    if _CRITICAL.search(text) and (complaint or severity >= 2):
        return "critical"
    if not complaint:
        return "low"
    if severity >= 3 or anger >= 0.6 or _HIGH.search(text):
        return "high"
    return "normal"


def _clean_clause(clause: str) -> str:
    clause = URL.sub("", clause)
    clause = _HANDLE.sub("", clause)
    clause = re.sub(r"\s+", " ", clause).strip(" ,;:-\u2013\u2014\"'()[]")
    clause = _LEADING.sub("", clause).strip(" ,;:-.!?")
    words = clause.split()
    if len(words) > MAX_POINT_WORDS:
        words = words[:MAX_POINT_WORDS]
    return " ".join(words).rstrip(",;:-")


def _clauses(text: str) -> list[str]:
    """Clauses of a message: sentences, then contrast/cause joints, then long 'and' lists."""
    out: list[str] = []
    for raw in _SPLIT.split(text):
        if not raw:
            continue
        parts = _AND.split(raw)
        # Split "X and Y" only when both halves still read as statements (3+ words each).
        if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts):
            out.extend(parts)
        else:
            out.append(raw)
    return out


def salient_points(text: str, limit: int = 3) -> list[str]:
    """Short clauses in the customer's words that state what went wrong, in reading order."""
    model = get_model()
    heads = [f"complaint:{s}" for s in model.sources]
    candidates: list[tuple[float, int, str]] = []
    for pos, raw in enumerate(_clauses(text[:MAX_CHARS])):
        clause = _clean_clause(raw)
        n_words = len(clause.split())
        if n_words < 3 or not re.search(r"[A-Za-z]", clause):
            continue
        problems = len(_PROBLEM.findall(clause))
        if not problems and _REQUEST.search(clause) and any(rx.search(clause) for _, rx in _OUTCOME_CUES):
            continue  # "I want a refund" is the desired outcome, not a point to restate
        score = sum(model.sparse_contributions_for(clause, heads)) / len(heads)
        score += 0.6 * problems
        if n_words > 25:
            score -= 0.5
        candidates.append((score, pos, clause))
    chosen = sorted(candidates, key=lambda c: -c[0])[:limit]
    chosen = [c for c in chosen if c[0] > 0.0] or chosen[:1]
    return [c[2] for c in sorted(chosen, key=lambda c: c[1])]


def _empty() -> Analysis:
    return Analysis(
        complaint=False,
        probability=0.0,
        severity=0,
        emotions={e: 0.0 for e in EMOTIONS},
        category="other",
        urgency="low",
        salient_points=[],
        desired_outcome=None,
    )


def analyze_many(texts: list[str], *, fast: bool = False, to_business: bool = False) -> list[Analysis]:
    """Analyse a batch; the heads run once over the whole batch (much faster than one by one).

    ``fast=True`` leaves out the fine-tuned encoder: about a quarter of the time per message, at
    the linear heads' accuracy (docs/language.md). The desk triages that way while a request
    waits and refines the triage with the full analysis moments later.

    ``to_business=True`` says the texts were sent to the business itself (what reaches the desk),
    not found in the wild: a report of harm to a person or a legal threat is then a complaint
    whatever the model gives it. Without it, the model must give such a text at least 0.2 first,
    which keeps news and chatter that mention courts or injuries out.
    """
    clean = [coerce_text(t, "analyze") for t in texts]
    live = [i for i, t in enumerate(clean) if re.search(r"\w", t)]
    out: list[Analysis] = [_empty() for _ in clean]
    if not live:
        return out
    # Long texts are analysed on their head, as the features see them: the rest rarely changes the triage.
    heads: Scores = get_model().score([clean[i][:MAX_CHARS] for i in live], encoder=not fast)
    for k, i in enumerate(live):
        text = clean[i][:MAX_CHARS]
        prob = float(heads.complaint[k])
        if (to_business or prob >= 0.2) and _HARM.search(text):
            # Harm to a person or a legal threat is always treated as a complaint: the classifier
            # saw few of them, and missing one costs far more than a false alarm.
            prob = max(prob, 0.75)
        complaint = prob >= 0.5
        severity = int(heads.severity[k]) if complaint else 0
        emotions = {e: float(heads.emotions[e][k]) for e in EMOTIONS}
        out[i] = Analysis(
            complaint=complaint,
            probability=prob,
            severity=severity,
            emotions=emotions,
            category=_category(text),
            urgency=_urgency(text, complaint, severity, emotions["anger"]),
            salient_points=salient_points(text) if complaint else [],
            desired_outcome=_desired_outcome(text),
        )
    return out


def analyze(text: str, *, fast: bool = False, to_business: bool = False) -> Analysis:
    """Analyse one customer message (``fast``, ``to_business``: see analyze_many)."""
    return analyze_many([text], fast=fast, to_business=to_business)[0]
