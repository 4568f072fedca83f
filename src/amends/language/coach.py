"""`coach`: which recovery-playbook elements a reply contains, which pitfalls it falls into.

Each element and pitfall is detected sentence by sentence with readable phrase patterns (the
wording businesses really use, including the stock phrases that do *not* count), and checked
against the customer's own message when it is given: reflection and case-tied empathy need the
customer's points, the generic-template pitfall needs their absence. The score is a weighted sum
that follows the playbook, plus a learned term for the reply's wording; suggestions name what is
missing, with the customer's point quoted. Everything here is deterministic and takes a few
milliseconds per reply.
"""

# The phrase tables keep one family of wordings per line; splitting regexes hurts reading them.
# ruff: noqa: E501

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from amends.language.text import (
    MENTION,
    STOP,
    URL,
    coerce_text,
    content_stems,
    content_words,
    reflect,
    sentences,
    stem,
)

ELEMENTS = (
    "thanks",
    "apology",
    "empathy",
    "reflection",
    "ownership",
    "remedy",
    "something_extra",
    "follow_up",
    "asks_customer",
)
PITFALLS = ("conditional_apology", "defensive", "blames_other", "generic")

# The playbook's own view of what each part of a reply is worth (the elements add up to 100, the
# pitfalls subtract): the prior that the fitted score weights are pulled towards.
PLAYBOOK_WEIGHTS = {
    "thanks": 8,
    "apology": 14,
    "empathy": 12,
    "reflection": 14,
    "ownership": 11,
    "remedy": 16,
    "something_extra": 8,
    "follow_up": 9,
    "asks_customer": 8,
    "conditional_apology": -12,
    "defensive": -22,
    "blames_other": -16,
    "generic": -18,
}
# The score's base and weights fitted to the quality ratings of the labelled reply sets
# (training/coach_weights.py): the score estimates the rating a service-recovery manager gives.
SCORE_FILE = Path(__file__).resolve().parent / "artefacts" / "coach.json"


@dataclass(frozen=True)
class ScoreModel:
    """The score's fitted parts (training/coach_weights.py); the playbook's weights from 0 and no
    wording term before the first fit."""

    base: float
    weights: dict[str, float]
    wording: np.ndarray  # a direction in the static sentence-vector space; empty: no wording term
    wording_offset: float = 0.0
    wording_range: tuple[float, float] = (0.0, 0.0)

    @classmethod
    def load(cls, path: Path) -> ScoreModel:
        if not path.exists():
            return cls(0.0, {k: float(v) for k, v in PLAYBOOK_WEIGHTS.items()}, np.zeros(0, dtype=np.float32))
        saved = json.loads(path.read_text(encoding="utf-8"))
        lo, hi = saved.get("wording_range", (0.0, 0.0))
        return cls(
            base=float(saved["base"]),
            weights={k: float(saved["weights"][k]) for k in PLAYBOOK_WEIGHTS},
            wording=np.asarray(saved.get("wording", []), dtype=np.float32),
            wording_offset=float(saved.get("wording_offset", 0.0)),
            wording_range=(float(lo), float(hi)),
        )

    def term(self, vector: np.ndarray) -> float:
        """Points for a reply's wording given its sentence vector, within the range the rated
        replies gave; 0 for a reply with no word pieces (a zero vector says nothing either way)."""
        if not len(self.wording) or not vector.any():
            return 0.0
        return float(np.clip(float(vector @ self.wording) - self.wording_offset, *self.wording_range))

    def wording_term(self, reply: str) -> float:
        """`term` of the reply's own sentence vector; 0 without the trained artefacts."""
        if not len(self.wording):
            return 0.0
        from amends.language.model import ArtefactsMissing

        try:
            return self.term(wording(reply))
        except ArtefactsMissing:
            return 0.0


def wording(reply: str) -> np.ndarray:
    """The reply's static sentence vector (the engine's DenseEncoder), the input of the score's
    wording term: how a reply is put, beyond which elements it has, moves a rater too."""
    from amends.language.model import get_model

    return get_model().dense.encode([reply])[0]


SCORE = ScoreModel.load(SCORE_FILE)


MAX_REPLY_CHARS = 20000


@dataclass
class Finding:
    present: bool
    confidence: float
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"present": self.present, "confidence": round(self.confidence, 3), "evidence": list(self.evidence)}


@dataclass
class Coaching:
    """The coaching of one reply (CONTRACTS.md §1, `amends coach`)."""

    elements: dict[str, Finding]
    pitfalls: dict[str, Finding]
    score: int
    suggestions: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "elements": {k: self.elements[k].to_dict() for k in ELEMENTS},
            "pitfalls": {k: self.pitfalls[k].to_dict() for k in PITFALLS},
            "score": self.score,
            "suggestions": list(self.suggestions),
        }

    def missing(self) -> list[str]:
        return [k for k in ELEMENTS if not self.elements[k].present]


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(parts) + r")", re.IGNORECASE)


_I = r"(?:i|we)"
_SORRY_CORE = r"(?:sorry|apologi[sz]e|apologies|apology)"
# "We will constantly optimize and perfect our shortcomings": a promise made to every customer,
# so a stock phrase and no fix.
_IMPROVEMENT_PROMISE = (
    r"\b(?:constantly|continuously|continually) (?:optimi[sz]e|improve|perfect|enhance)\b"
    r"|\b(?:try|strive|work hard|make efforts?) to (?:improve|perfect|optimi[sz]e|enhance) our\b"
)

THANKS = _rx(
    r"\bthanks?\b(?! in advance)",
    r"\bthank you\b",
    r"\bthank u\b",
    r"\bty for\b",
    r"\bmany thanks\b",
    r"\bthx\b",
    r"\b(?:i|we) (?:really |truly |do )?appreciate (?:you|your|that you|the time|it that|hearing)",
    r"^(?:really )?appreciate (?:you|your|it)\b",
    r"\b(?:grateful|glad) (?:to you |that )?(?:for|you)\b (?:told|let|brought|took|reach|flag|rais|shar|writ)",
    r"\bgrateful (?:for|that)\b",
    r"\bappreciate (?:the|your) (?:tag|note|message|heads[- ]up|feedback|patience|reaching out|mention|shout|tweet|report|details|info|information|update|flag)\b",
)
APOLOGY = _rx(
    r"\b(?:i'?m|i am|we'?re|we are)\s+(?:so |very |truly |really |deeply |terribly |sincerely |extremely |genuinely )*sorry\b",
    r"\b(?:i|we) (?:sincerely |truly |deeply |do |really )?apologi[sz]e\b",
    r"\b(?:my|our) (?:sincere |deepest |heartfelt |humble |sincerest )?apolog(?:y|ies)\b",
    r"\bapologies\b",
    r"\bso sorry\b",
    r"^sorry\b",
    r"\bsorry (?:for|about|to hear|that|this|we)\b",
    r"\bplease accept our apolog",
    r"\band apologi[sz]e\b(?! if)",
    r"(?<!\bif )(?<!\bare )\bsorry\b(?!,? (?:if|should|you feel|that you feel|you felt))",
    r"\bplease forgive\b",
    r"\bwe owe you an apology\b",
)
CONDITIONAL = _rx(
    rf"\b{_SORRY_CORE}\w*,? (?:if|should)\b",
    rf"\b{_SORRY_CORE}\w* (?:that )?(?:you (?:feel|felt|think|believe|were made to feel)|you'?re (?:upset|unhappy|disappointed))",
    rf"\b{_SORRY_CORE}\w* for any (?:trouble|confusion|upset|issues?|problems?|inconvenience)(?: (?:this|that|it|which) (?:may|might|could))",
    rf"\b{_SORRY_CORE}\w* (?:that )?you feel that way\b",
    r"\bif (?:we|i|this|that|anything|our \w+) (?:have |has |had )?(?:caused|upset|offended|inconvenienced|disappointed)",
    r"\b(?:regret|sorry) (?:that )?you (?:were|are|feel|felt) (?:not |un)?(?:happy|satisfied|upset|disappointed)",
)
# Stock empathy: fits every complaint, so it does not count on its own (CONTRACTS.md §1).
STOCK_EMPATHY = _rx(
    r"\b(?:i|we) (?:completely |totally |fully |can |do |truly )?understand (?:your|the) (?:frustration|concern|disappointment|inconvenience|annoyance|feelings?)\b\.?",
    r"\b(?:i|we) understand (?:how )?(?:this|that|it) (?:is|can be|must be|would be) (?:frustrating|annoying|upsetting|disappointing|inconvenient)\.?$",
    r"\bwe (?:can )?(?:see|appreciate) (?:your|why you'?re) (?:frustrat\w*|upset|concern\w*)\.?$",
    r"\bwe understand\.?$",
    r"\bi hear you\.?$",
)
EMPATHY = _rx(
    r"\b(?:must|would) (?:have been|be|feel|have felt) (?:so |very |really |incredibly |deeply |extremely )?(?:frustrat|annoy|upset|disappoint|stress|worr|infuriat|maddening|awful|horrible|terrible|worrying|scary|distress|inconvenien|exhaust|embarrass|hurt|irritat|aggravat|alarm|concern)\w*",
    r"\b(?:i|we) can (?:only )?imagine\b",
    r"\bthat sounds (?:so |really |very |incredibly )?\w+",
    r"\b(?:i|we) (?:completely |totally |fully |can |do |truly )?understand (?:how|why|what)\b",
    r"\b(?:i|we) understand (?:your|the) (?:frustration|concern|disappointment|annoyance|worry|upset) (?:about|with|over|at|that|when|after|regarding|since)\b",
    r"\b(?:i|we) (?:completely |totally |fully |can )?(?:see|get|appreciate) (?:why|how)\b",
    r"\b(?:no wonder|of course) you(?:'re| are| were| feel)\b",
    r"\bnot (?:the|what) (?:experience|service) you\b",
    r"\b(?:that'?s|that is|this is|it'?s) (?:not (?:ok|okay|acceptable|good enough|what you|how)|(?:really |so )?(?:unacceptable|frustrating|disappointing|awful|not ok))",
    r"\bshould(?:n'?t| not) have (?:had|to)\b",
    r"\bhow (?:frustrating|disappointing|stressful|upsetting|annoying)\b",
    r"\bleft you (?:without|waiting|stranded|out of pocket|feeling)\b",
    r"\bon (?:your|such a) (?:special|big|important)\b",
    r"\b(?:really|truly) (?:frustrating|disappointing|stressful|upsetting)\b",
    r"\bhear(?:ing)? how\b",
    r"\byour (?:frustration|disappointment|upset|annoyance) is (?:completely |totally )?(?:understandable|justified|fair|valid)",
    r"\byou (?:had|have) every right\b",
    r"\b(?:understandably|rightly) (?:upset|annoyed|frustrated|disappointed)\b",
    r"\bthe last thing you (?:need|needed|want|wanted)\b",
    r"\b(?:i|we) know how\b",
    r"\bnot how (?:we|i|you) (?:want|would|should|expect)",
    r"\byou should (?:be able to (?:rely|trust|expect|count|enjoy)|never have|not have)\b",
    r"\b(?:that'?s|that is|this is|it'?s|it is|is|was|sounds|must be|what) (?:a |an |so |really |very |truly |far |completely |just |such a |absolutely )*(?:awful|annoying|infuriating|maddening|miserable|exhausting|rubbish|terrible|horrible|dreadful|worrying|stressful|upsetting|disappointing|frustrating|unacceptable|too long|not good enough|huge (?:problem|hassle|inconvenience)|mess|worst|nightmare|shocking|poor|unfair|hassle|pain|let-?down)\b",
    r"\bshould never (?:happen|have happened)\b",
    r"\bwould (?:annoy|frustrate|upset|worry) anyone\b",
    r"\bwhat a (?:mess|pain|hassle|nightmare|let-?down|shame)\b",
    r"\bso (?:disappointing|frustrating|annoying|upsetting|stressful)\b",
    r"\bon such a special day\b",
    r"\bmust have been (?:so |really |very |absolutely |truly )?\w+\b",
    r"\bnot the (?:standard|service|quality|experience|care) (?:you|we)\b",
    r"\bcan'?t imagine\b",
    r"\bdevastating\b",
    r"\bi'?d be (?:worried|upset|annoyed|frustrated|angry|furious|livid) too\b",
    r"\bbad enough\b",
    r"\b(?:isn'?t|is not|wasn'?t|was not) (?:acceptable|okay|ok|good enough|right|fair)\b",
    r"\bserious (?:mistake|error|problem)\b",
    r"\b(?:really|very|so) poor\b",
    r"\bput you through\b",
    r"\bheadache\b",
    r"\b(?:sad|gutted|heartbroken) to (?:hear|see|learn)\b",
)
OWNERSHIP = _rx(
    r"\b(?:i|we) (?:take|accept) (?:full |complete )?(?:responsibility|ownership)\b",
    r"\b(?:this|that|it) (?:is|was) (?:entirely |completely |totally )?(?:on us|our (?:fault|mistake|error|doing))\b",
    r"\bthat'?s on us\b",
    r"\bour (?:fault|mistake|error)\b",
    r"\bwe (?:got (?:this|it) wrong|made (?:a|an) (?:mistake|error)|messed up|dropped the ball|let you down|fell short|failed you|should have)\b",
    r"\bi (?:will|'ll) (?:personally )?(?:make sure|ensure|handle|take care|look after|own|oversee|see to|sort|fix|chase|arrange|process|get|organi[sz]e|book|send|issue|call|update|keep|be your|stay|follow|check|contact|escalate|speak|talk|raise|refund|replace|credit)\w*",
    r"\bi(?:'m| am) (?:personally )?(?:handling|taking care|looking after|looking into|on it|owning|responsible|your (?:point of contact|contact)|going to (?:make|personally|handle|take|look|sort|fix|see|arrange|get|send|call|issue|chase))\w*",
    r"\bi(?:'ve| have) (?:personally |already |just )?(?:arranged|issued|processed|sent|booked|raised|escalated|spoken|asked|flagged|refunded|credited|placed|ordered|cancel+ed|reversed|fixed|corrected|updated|passed|logged|started|set up|scheduled)\b",
    r"\bwe(?:'ve| have) (?:already |just )?(?:arranged|issued|processed|sent|booked|refunded|credited|reversed|fixed|corrected|cancel+ed|placed)\b",
    r"\b(?:i|we) (?:will|'ll) (?:make (?:this|it|things) right|put (?:this|it|things) right|make sure this (?:does not|doesn'?t|never|won'?t))",
    r"\bleave (?:it|this) with me\b",
    r"\bi(?:'ll| will) be (?:handling|looking after|taking care)\b",
    r"\bmy name is \w+ and i\b",
    r"\bi(?:'m| am) (?:\w+ing) (?:this|it|your \w+) (?:personally|myself)\b",
    r"\bi\b[^.!?]{0,40}\bpersonally\b",
    r"\bi(?:'ve| have) (?:personally |already |just |now |also )?(?!been\b|noted\b|noticed\b|received\b|read\b|heard\b|seen\b|passed on\b)\w+ed\b",
    r"\bi(?:'ve| have) (?:personally |already |just |now )?(?:sent|put|made|got|found|taken(?! notice)|set|sorted|booked|pushed|written|spoken|rung|paid)\b",
    r"\bi(?:'ll| will) (?:personally |also |now |then )?(?!be happy|try|pass|share|let the|look into)\w+\b",
    r"\bi(?:'m| am) (?:personally |now |also )?(?:sending|handling|arranging|booking|refunding|processing|replacing|fixing|chasing|moving|adding|issuing|crediting|calling|taking|looking after|making)\b",
    r"\b(?:was|is) ours\b",
    r"\bour (?:\w+ )?(?:fault|mistake|error|responsibility)s?\b",
    # Translated help-desk wording for taking the case on: "I have recorded the issue and submit
    # it to our engineer", "we will send our staff to repair the machine".
    r"\b(?:i|we|has|have|'ve) recorded (?:it|your|the|this)\b",
    r"\btransferr?ed (?:it|your \w+|the \w+) to (?:the |our )?(?:relevant |responsible |related )?(?:staff|department|team|colleagues?)\b",
    # The desk committing to work the case (LABELLING.md: "I'll look into your account now"): "we
    # will verify and handle the issue soon", "Xiaolv will inquire it for you", "our director
    # will handle it", "we will record your problem and report it to the police".
    r"\b(?:will|shall) (?:\w+ ){0,2}(?:handle|inquire|solve|resolve|deal with|follow up|report)(?: and \w+)? (?:it|this|that|the (?:\w+ )?(?:issue|problem|case|matter|order)|your (?:\w+ )?(?:issue|problem|case|order|complaint|request))\b",
    r"\bsend (?:our |an? )?(?:staff|engineers?|technicians?|team|someone)\b.{0,20}\bto (?:repair|fix|check|inspect|look at)\b",
    r"\b(?:it'?s|it is|that'?s|that is) (?:on us|our responsibility)\b",
    r"\bwe let you down\b",
    r"\b(?:i|we) (?:own|accept) (?:this|that|the mistake)\b",
    r"\bwe(?:'re| are) aware of (?:an?|the|this) (?:\w+ ){0,3}(?:issue|problem|outage|bug|fault)\b",
    r"\b(?:working|work) (?:to|on) (?:resolve|resolving|fix|fixing|restore|restoring)\b",
    r"\b(?:an? )?(?:honest )?(?:oversight|mistake) on our (?:part|side)\b",
    r"\bthere(?:'s| is) (?:currently )?(?:a|an) (?:known )?(?:bug|issue|problem|outage|fault) (?:on|with|in|affecting)\b",
    r"\bwas an honest (?:oversight|mistake)\b",
    r"\b(?:temporary )?issue (?:that )?we(?:'re| are) (?:currently )?(?:looking into|investigating|working on)\b",
    r"\bwe(?:'ve| have) (?:prohibited|removed|banned|blocked|suspended|taken down)\b",
    r"\bwe(?:'re| are) (?:complying|prohibiting|removing|blocking|banning)\b",
    r"\bwe(?:'re| are) actively (?:scanning|monitoring|reviewing|removing|checking)\b",
    r"\bwe(?:'re| are) (?:scanning|monitoring|reviewing|checking) (?:for )?(?:\w+ ){0,3}actively\b",
    r"\bmake sure (?:we|i) (?:address|resolve|fix|sort out|look into) (?:your|this|the)\b",
    r"\bwe(?:'ve| have) (?:observed|noticed|seen|identified|confirmed) (?:a |the |this )?(?:similar |same )?(?:issue|problem|bug)\b",
    # Escalating the case is acting on it (LABELLING.md: "I've escalated your case").
    r"\bwe(?:'ll| will| have|'ve) (?:report|feed ?back|escalate|transfer|submit|forward)(?:ed)? (?:this|the|your) (?:\w+ )?(?:problem|issue|case|complaint|matter|fault|feedback)\b",
    r"\b(?:your|the|this) (?:\w+ )?(?:problem|issue|case|complaint|fault|request|order) (?:has been|was|is being|have been) (?:registered|escalated|reported|recorded|logged|submitted|forwarded|transferred)\b",
    r"\bit (?:is|has been|was) checked that\b",
    # Pressing whoever holds the case: "Little Camel has urged our specialist to verify and address
    # the problem", "we'll push the agent to process it soon", "we've queried your order".
    r"\b(?:have|has|'ve|will|'ll) (?:urged|pushed|pressed|chased|urge|push|press|chase) (?:our|the) (?:\w+ ){0,2}(?:specialists?|staff|team|agents?|department|engineers?|colleagues?|merchant|hotel|airline)\b",
    r"\b(?:i|we)(?:'ve| have)? (?:queried|checked|looked up) (?:your |the )?(?:order|account|booking|case|ticket)\b",
    r"\b(?:staff|team|engineers?|specialists?|technicians?|we|i) (?:is|are|am|'re|'m) (?:actively |now |currently |already )?(?:handling|verifying|following up|processing|fixing|dealing with|investigating)\b",
)
REMEDY = _rx(
    r"\brefund(?:ed|ing)?\b(?! (?:can|may|might|usually|normally|typically|take|takes|are))(?<!^Refunds)",
    r"\b(?:posted|sent|shipped|dispatched|sending|posting|couriered) (?:you |out )?(?:the|a|an|your|another) (?:\w+ ){0,3}(?:to you|today|tomorrow|by|now|first class|out)\b",
    r"\bon (?:its|their) way to you\b",
    r"\bwon'?t (?:be )?charg\w*",
    r"\bfinish the job\b",
    r"\bsend (?:a|another|a different|our) (?:\w+ )?(?:plumber|engineer|technician|electrician|fitter|courier)\b",
    r"\bcover (?:the|any|all|your) (?:\w+ )?(?:costs?|bill|repairs?|expenses)\b",
    r"\b(?:corrected|fixed|resolved|sorted) (?:it|this|the)\b",
    r"\b(?:send|give|get) you (?:a |an |the |two |three |\d+ )?(?:brand )?(?:new|correct|right|free|replacement|fresh)\b",
    r"\breplace (?:the|your|it)\b",
    r"\b(?:please )?try (?:re\w+ing|clearing|updating|restarting|logging)\b",
    r"\b(?:raised|started|submitted|processed|issued) (?:a |an |the |your )?(?:\w+ )?(?:reversal|refund|claim|credit|chargeback)\b",
    r"\bcancel+ed your (?:contract|subscription|order|account|booking)\b",
    r"\bwon'?t be charged\b",
    r"\b(?:host|welcome|invite) (?:you|your \w+) (?:back|again)\b",
    r"\b(?:move|switch|upgrade) you to\b",
    r"\b(?:rebook|rebooked|re-booked)\b",
    r"\bbook (?:the|a) (?:first|new|next) (?:slot|appointment|visit)\b",
    r"\b(?:unblocked|reactivated|restored|reinstated|unlocked)\b",
    r"\bcomplete the order\b",
    r"\breplacement\b",
    r"\breplac(?:e|ing) (?:it|the|your|them)\b",
    r"\b(?:send|ship|post|courier|dispatch)\w* (?:you |out )?(?:a |an )?(?:new|another|fresh|second|replacement|the correct|the right)\b",
    r"\bcredit\w* (?:your|to your|of|back|the|\W?[$£€]|\d)",
    r"\breimburs\w*",
    r"\bcompensat\w*",
    r"\bmoney back\b",
    r"\brepair\w*\b",
    r"\bfix (?:it|this|the|your)\b",
    r"\b(?:has|have) been fixed\b",
    r"\bre-?deliver\w*\b",
    r"\bre-?ship\w*\b",
    r"\bre-?send\w*\b",
    r"\bwaiv\w*\b",
    r"\breverse\w* (?:the|this|that|your)\b",
    r"\bcancel\w* (?:the|this|that) (?:charge|fee|payment|order)",
    r"\bprice adjustment\b",
    r"\b(?:your )?options? (?:are|is)\b(?! (?:available|explained|listed|described))",
    r"\byou can (?:choose|pick|either)\b",
    r"\b(?:we|i) can (?:either|offer|give|send|arrange|book|refund|replace|credit|repair|fix)\b",
    r"\bwould you (?:prefer|like) (?:a|an|us to|me to|the)\b",
    r"\bexchange\b",
    r"\bfree (?:of charge )?(?:repair|replacement|re-?delivery)",
    r"\b(?:collect|pick up) (?:it|the|your)\b.{0,40}\b(?:new|replace|refund)",
    r"\btechnician\b",
    r"\bengineer (?:will|to)\b",
    r"\bre-?book\w*\b",
    r"(?<!could )(?<!can )(?<!would )\b(?:unblock|reactivat|restor|reinstat|unlock)\w* (?:your|the)\b",
    r"\b(?:these|the following|the|our) (?:troubleshooting )?(?:steps|tips|instructions)\b",
    r"\btroubleshooting\b",
    r"(?<!report this )\bby following the steps\b",
    r"\b(?:some|a few) steps\b",
    r"\bhow to (?:appeal|dispute|reset|recover|restore|fix|change|cancel|request|secure|remove|report|manage|block)\b",
    r"\bplease (?:reset|restart|update|clear|reinstall|restore|re-?download|sign out|log out)\b",
    r"\b(?:spam|junk|trash)(?:/\w+)? folders?\b",
    r"^(?:please )?(?:use(?! (?:this|the) link)|restart|update|clear|reinstall|turn (?:on|off)|enable|disable|reset|sign (?:in|out)|log (?:in|out)|force)\b",
    r"\bfollow(?:ing)? (?:this|the|these) (?:article|guide|steps|instructions)\b",
    r"\b(?:did|have) you (?:already )?tr(?:y|ied) (?:\w+ing|these|the|this)\b",
    r"\b(?:please )?try (?:to|these|the|our(?! best)|this|again|using|it)\b",
    r"\b(?:we|i)(?:'d| would)? (?:recommend|suggest)\w*\b(?! (?:getting in touch|contacting|reaching out|you contact|that you contact|(?:that )?you (?:to )?(?:go|call|phone|ring|contact)\b|going to|sending (?:a |us )?feedback|(?:up)?voting|visiting|checking out|checking (?:this|the|our) (?:link|page|article)|reading))",
    r"\brecommended steps\b",
    r"\byou can (?:also )?(?!(?:also|find|check|learn|read|view|see|visit|monitor|contact|reach|call|email|chat|share|stay|flag|report|imagine|understand|tell|expect|rest|trust|continue|keep|inquire|enquire|query|consult)\b)\w+",
    r"\bprovide you with (?:a |an |the )?(?:travel )?(?:funds|credit|voucher|refund|replacement)\b",
    r"\b(?:attempt|try) to (?:reset|restart|update|clear|reinstall|restore|re-?download|sign (?:in|out)|log (?:in|out))\b",
    r"\bthere(?:'s| is) (?:a|an) (?:button|option|setting|toggle|menu|switch)\b",
    r"\b(?:guide|article|steps|tips|page) (?:may|will|should|can) help you \w+",
    r"\byou (?:may|might|will) need to (?:use|change|update|reset|enable|disable|sign|log|turn|restart|reinstall|add|remove)\b",
    r"\b(?:could|can) be (?:solved|fixed|resolved) by\b",
    r"\b(?:you|they) (?:also )?have the (?:ability|option) to\b",
    r"\bmake sure (?:that )?(?:you|your)\b",
    r"\bcheck your (?:\w+ )?settings\b",
    r"\bways? (?:around|to fix|to solve) (?:it|this)\b",
    r"\byou can (?:use|redownload|re-download|download|fast forward|skip|dispute|appeal|reset|restore|change|turn|set|update|recover|remove|delete|cancel|request)\b",
    r"\b(?:in the process of|are) (?:removing|fixing|restoring|correcting)\b",
    r"\bwe(?:'re| are) (?:introducing|releasing|rolling out|adding)\b",
    r"\b(?:prohibiting|removing|blocking|banning) (?:certain |the |these |those )?(?:items|listings|sellers|accounts|posts)\b",
    r"\b(?:usually|often|should) (?:does the trick|do the trick|fix(?:es)? (?:it|this|the)|sort(?:s)? (?:it|this) out)\b",
    r"\bget you back (?:into|in|on)\b",
    r"\b(?:start|boot|restart)\w* (?:your|the) (?:\w+ )?(?:in|into) safe mode\b",
    r"\brebuild (?:the|your) (?:\w+ )?(?:database|cache|index|library)\b",
    r"^(?:please )?(?:uninstall|unplug|power cycle|rebuild|re-?install|delete|remove)\b",
    r"\blet'?s (?:make sure|check|try)\b",
    r"\bsecure your account\b",
)
EXTRA = _rx(
    r"\bas (?:a |an )?(?:small |little )?(?:token|gesture|thank[- ]you|goodwill|apology|way of (?:saying|apologi))",
    r"\bgoodwill\b",
    r"(?<!no )\bvoucher\b",
    r"\bgift (?:card|certificate|voucher)\b",
    r"\bcomplimentary\b",
    r"\bon the house\b",
    # "Please focus on us" and "count on us" ask for the customer's attention and give nothing.
    r"(?<!it's )(?<!that's )(?<!is )(?<!was )(?<!it is )(?<!focus )(?<!rely )(?<!count )(?<!depend )\bon us\b(?! to)",
    # "Our free service hotline" is a channel, not a gift.
    r"\bfree (?:of charge )?(?:upgrade|delivery|dessert|drink|meal|month|night|coffee|shipping|service(?! (?:hot ?line|line|number|phone|call|cent(?:er|re)))|session|gift|bottle)",
    r"\b\d+ ?% off\b",
    r"\b(?:a|an) (?:extra|bonus|additional) (?:\w+ )?(?:month|credit|discount|gift|night|item|voucher|points)\b",
    r"\b(?:a|an|as a) (?:little |small )?bonus\b",
    r"\bloyalty points\b",
    r"(?<!suggest )(?<!you )\bupgrade(?:d)? (?:you|your)\b",
    r"\bdiscount (?:on|off|for) your next\b",
    r"\bnext (?:order|visit|stay|meal|purchase|booking) (?:is )?(?:on us|free)\b",
    r"\bcourtesy (?:credit|discount|gift)\b",
    r"\b(?:added|included|popped|thrown in|put) (?:a|an) (?:little |small )?(?:extra|gift|treat|something)\b",
    r"\b(?:a|an) (?:free|complimentary) (?!(?:repair|replacement|re-?delivery|returns?|collection|exchange)\b)(?:\w+ )?\w+",
    r"\b(?:added|credit\w*|voucher|gift|offer\w*|refund\w*|off)\b.{0,60}\bfor (?:the|your) (?:trouble|inconvenience|wasted|hassle)\b",
    r"\bto make up for\b",
    r"\b(?:also|as well) (?:\w+ ){0,3}(?:credit|add|added|send|give|offer|include|upgrade)\w*\b.{0,40}(?:[$£€]\d|\d+ ?%|voucher|points|miles|credit|free|gift|bonus|upgrade)",
    r"\b(?:added|credited|given you) (?:\d[\d,]*|[$£€]\d+) ?(?:miles|points|credit)?",
)
FOLLOW_UP = _rx(
    r"\b(?:i|we)(?:'ll| will| am going to|'m going to) (?:personally )?(?:follow(?: |-)?up|check (?:in|back)|call you|ring you|email you|contact you|be in touch|get back to you|update you|keep you (?:updated|posted|informed)|let you know|message you|reach out)",
    r"\bfollow(?: |-)?up\b",
    r"\b(?:my|a) direct (?:line|number|email|phone|extension)\b",
    r"\b(?:reach|contact|email|call|text|message) me (?:directly )?(?:at|on|via)\b",
    r"\breply (?:directly )?to (?:this|me)\b",
    r"\b(?:send|drop) us a (?:dm|direct message|private message|pm)\b",
    r"\bdm us\b",
    r"\b(?:dm|pm) me\b",
    r"\b(?:via|by|through|in|over) (?:dm|direct message|private message)\b",
    r"\bcheck (?:in )?with you (?:on|by|next|in|tomorrow|again|once)\b",
    r"\bkeep (?:an eye|you posted|you updated|you informed)\b",
    r"\b(?:by|on|before) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the end of)\b.{0,40}\b(?:update|confirm|call|email|hear|let you know)",
    r"\bi(?:'m| am) (?:here|available) (?:if|whenever|to help)\b",
    r"\bmy (?:email|number|extension) is\b",
    r"\b(?:you can|feel free to) (?:reach|contact|call|email|message) (?:me|us) (?:directly|any ?time|at|on)\b",
    r"\byou'?ll (?:get|receive) (?:a |an )?(?:confirmation|update|email|text|call)\b",
    r"\b(?:i|we)(?:'ll| will) (?:stay with|confirm|text you|message you)\b",
    r"\b(?:call|email|message|text|ring|update|contact) you (?:on|by|tomorrow|next|once|when|as soon|again|later|in|tonight|this)\b",
    r"\breply here\b",
    r"\bplease dm\b",
    r"\bdm (?:us|me|your)\b",
    r"\bemail me (?:directly )?at\b",
    r"\bmy direct\b",
    r"\btweet (?:back|us)\b",
    r"\bchat with us\b",
    r"\bprivate (?:request|message|chat)s?\b",
    r"\bmessage us\b",
    r"\b(?:i|we)(?:'ll| will) (?:contact|call) and reply (?:to )?you\b",
    r"\b(?:dm|message) us if\b",
    r"\b(?:give us a shout|get in touch|reach out|drop us a line)\b.{0,30}\b(?:here|again|if)\b",
    r"\b(?:i|we)(?:'ll| will) (?:write|reply|come back) to you\b",
    r"\b(?:email|send|post) (?:\w+ ){0,3}to me (?:directly )?at\b",
    r"\bon (?:its|their) way to your (?:email|inbox|phone)\b",
    r"\b(?:create|open|submit|raise|file) (?:a |an )?(?:support )?(?:ticket|request|case)\b",
    r"\b(?:send|drop|write) us an? (?:email|e-mail|message|note|line)\b",
    r"\bemail us\b",
    r"\b(?:contact|reach out to|get in touch with|call|ring|chat with) (?:us|our (?:\w+ ){0,3}(?:team|support|specialists|agents|advisors|developers|experts))\b",
    r"\b(?:call|chat|phone)/(?:call|chat|phone) us\b",
    r"\blive (?:support|chat|agent)\b",
    r"\bone-on-one\b",
    r"\bso (?:that )?we (?:can|may|could) (?:assist|help|investigate|look into)\b",
    r"\b(?:reach|come|write) back (?:out|to us)\b",
    r"\bdon'?t hesitate to (?:reach|contact|get|message|call)\b",
    r"\b(?:send|submit) (?:us )?a (?:feedback )?report\b",
    r"\breport(?:ing)? (?:it|this|them) (?:through|via|by|to|using|here|so|in)\b",
    r"\bforward (?:the|it|this|that) (?:\w+ ){0,2}(?:email|message|details)? ?to\b",
    r"\bsubscribe to updates\b",
    r"\b(?:we|i)(?:'ll| will) (?:keep you posted|go from there)\b",
    r"\btake (?:a closer|another) look\b",
    r"\bwe(?:'ll| will) (?:wait|be waiting) for your (?:reply|update|response|message)\b",
    # The desk (or a named team) promising to come back: "the editor will reply you after inquiry".
    r"\b(?:will|shall) (?:reply|respond|get back|call back|ring back|call|contact|answer) (?:to )?you\b",
    r"\b(?:will|shall) (?:[\w,]+ ){0,4}(?:reply|respond) to (?:you|your)\b",
    r"\b(?:will|shall) (?:[\w,]+ ){0,4}give (?:you )?(?:the )?feedback(?: to you)?\b",
    # A full telephone number to ring (short service codes are often the remedy: "call 10011 to top up").
    r"\b(?:call|dial|ring)\w* (?:us )?(?:at |on )?\+?\d[\d -]{6,}\d\b",
    r"\bwait for (?:us|our \w+|a call) (?:to )?(?:ring|call|get|reply|contact)?\b",
    r"\bfollow (?:it|this|that) (?:up )?for you\b",
    r"\bcall (?:us |our \w+ (?:team )?)?(?:at |on )?\+?1?-?\(?\d{3}",
    r"\bchat (?:button|icon|option|window)\b",
    r"\b(?:give|send|tell) us\b.{0,60}(?:\band|&|&amp;) we(?:'ll| will)\b",
    r"\b(?:speak|speaking|talk|talking) (?:to|with) (?:one of )?our\b",
    r"\bwe(?:'d| would) love to (?:help|take|look)\b.{0,60}\b(?:phone|chat|call|email|dm)\b",
    r"\b(?:just )?a (?:dm|message|call|tweet) away\b",
    r"\bso (?:that )?(?:someone|one of us|a member of our team|our team|an agent|a specialist)(?: (?:on|from) our team)? (?:can|will|could) (?:assist|help|reach out|look into|contact)\b",
    r"\bso (?:that )?we (?:can|could|will) (?:reach out|contact you|follow up|get (?:this|it) fixed)\b",
    r"\b(?:get|put) you in touch with\b",
    r"\breach them (?:here|at|on|via)\b",
    r"\b(?:chat|support|billing|accounts?|care) team (?:that |who )?(?:will|can|is able to|will be able to) (?:assist|help)\b",
    r"\bvisit our (?:website|site|help (?:center|centre))\b.{0,30}\b(?:assist\w*|help|support)\b",
    r"\bto report (?:this|that|it|the) (?:\w+ ){0,3}(?:to|please|via|through|here)\b",
    r"\b(?:flag|report) (?:the |this |that |it )?(?:\w+ )?(?:for review|here)\b",
    r"\bsubmit (?:an? |the )?(?:online )?(?:abuse )?report(?: form)?\b",
    r"\bplease share your feedback\b",
    r"\breply (?:back )?to (?:the |your |this |our )?(?:ticket|email|case|message)\b",
    r"\bsend us a (?:tweet|dm|message|note)\b",
    r"\bsomeone (?:on|from) our team will (?:reach out|contact|assist|get back|be in touch)\b",
    r"\bconnect with us (?:via|by|through|on)\b",
    r"\bsubmit (?:it|this|that) as a (?:feature request|suggestion|idea)\b",
    r"\b(?:submit|send|leave) (?:a|your|an) (?:feature request|suggestion)\b",
    r"\b(?:call|dial|ring)\w* (?:\w+ ){0,4}(?:hot ?line|service line)\b",
    r"\byou will be (?:informed|notified|contacted|called)\b",
    r"\bstay tuned for (?:our|a|the) (?:reply|response|answer|update)\b",
    r"\badd (?:our )?qq\b",
)
QUESTION_REQ = _rx(
    r"\b(?:could|can|would|will) you (?:please |kindly )?(?:let (?:us|me) know|confirm|send|share(?! (?:your |any )?feedback)|tell|provide|dm|reply with|give|describe|forward|attach|clarify)\b",
    r"\b(?:please|kindly|pls) (?:let (?:us|me) know (?:which|what|whether|when)|confirm|send (?:us |me )?(?:your|the|a (?:photo|picture|screenshot|copy))|share(?! (?:your |any )?feedback)|tell (?:us|me)|provide|dm (?:us |me )?(?:your|the)|reply with|give us|describe|attach (?:a|the) (?:photo|picture|screenshot|receipt|copy)|clarify)\b",
    r"\bwhat would (?:make|help|you)\b",
    r"\bif you (?:send|share|provide|dm) (?:us |me )?(?:your|the|a (?:photo|picture|screenshot|copy))\b",
    r"\bfeel free to (?:send|share|dm|tell)\b",
    r"\bjust to confirm\b",
    r"\bprovide (?:us with )?(?:as much|more|some|your|the following) (?:information|details|info)\b",
    r"\bwould you (?:like|prefer|be happy|be open|rather)\b",
    r"\blet (?:us|me) know (?:which|what|whether|when)\b",
    r"\b(?:have|did) you (?:already )?tr(?:y|ied)\b",
    r"\byou can send (?:us )?(?:your|the)\b",
    # A check the customer is asked to run: "could you disconnect the router ... to see if it works".
    r"\b(?:could|can|would) you (?:please )?(?:try|check|restart|disconnect|reconnect|unplug|test)\b.{0,80}\bsee (?:if|whether)\b",
)
# Closing formulas that end in a question mark but ask the customer nothing.
_RHETORICAL = _rx(
    r"^(?:any|more|other|further) questions\?$",
    r"^(?:need|want) (?:more|any|further) help\?$",
    r"\blet (?:us|me) know if (?:that|this|it) (?:helps|works|does the trick)\?$",
    r"^mind if (?:we|i) jump in\?$",
    r"^(?:hi|hello)?,? ?do you have any (?:other |more |further )?questions?\?$",
    r"^(?:what|how) (?:can|may) (?:i|we) (?:do|help)(?: (?:for|with))?(?: you)?(?: today)?\?$",
    r"^(?:what|how) (?:can|may) (?:i|we) (?:do )?(?:to )?help(?: you)?(?: today)?\?$",
)
DEFENSIVE = _rx(
    r"\b(?:as|like) (?:we|i) (?:have )?(?:already )?(?:said|mentioned|explained|stated|told you)\b",
    r"\baccording to our (?:records|system|policy|terms|logs)\b",
    r"\b(?:our|the) policy (?:clearly )?(?:states|is|says|does not|doesn'?t)\b",
    r"\byou (?:should|could) have\b(?! (?:had|received|got|gotten|been|expected|enjoyed|seen|heard|a\b))",
    r"\byou (?:failed|forgot|neglected|chose) to\b",
    r"\byou (?:didn'?t|did not) (?:read|follow|check|provide|contact|tell|follow)\b",
    r"\b(?:it|this) (?:is|was) (?:clearly )?(?:stated|stipulated|explained|written|mentioned)\b",
    r"\bthat(?:'s| is) (?:not|simply not) (?:true|correct|accurate|the case|what happened)\b",
    r"\bthere(?:'s| is) nothing (?:we|i) can do\b",
    r"\bwe (?:are|'re) not (?:responsible|liable|at fault)\b",
    r"\bnot our (?:fault|problem|responsibility)\b",
    r"\bnothing wrong with (?:the|our|your)\b",
    r"\byou must have\b",
    r"\bcannot be held (?:responsible|liable)\b",
    r"\bin our defen[cs]e\b",
    r"\b(?:as per|per) (?:the|our) (?:terms|t&cs|t&c|policy|conditions)\b",
    r"\bif you had\b",
    r"\buser error\b",
    r"\bwe did (?:nothing|everything) (?:wrong|right|correctly)\b",
    r"\bwe (?:always|never) (?:do|make|send|deliver)\b",
    r"\b(?:to be fair|with respect),",
    r"\bunfortunately (?:that|this) is (?:not|outside|beyond) (?:something|our)\b",
    r"\byour (?:claim|complaint) (?:is|was) (?:invalid|unfounded|not valid)\b",
    r"\bwe (?:do not|don'?t) (?:accept|agree) that\b",
    r"\bthat is your responsibility\b",
    r"\bwe (?:can'?t|cannot|can not|are unable to) (?:be blamed|help you)\b",
    r"\b(?:in line with|as per|according to|in accordance with) (?:our |the |\w+ )?(?:policy|policies|guidelines|terms|records|rules|procedure)\b",
    r"\bour records show\b",
    r"\bis to be expected\b",
    r"\b(?:which|this|that|it) is (?:quite |perfectly |completely |totally )?normal\b",
    r"\bplease calm down\b",
    r"\b(?:is|are|was|were) (?:usually|normally|typically|often|always) (?:caused|due)\b",
    r"\bimproper use\b",
    r"\bmisuse\b",
    r"\bon (?:its|their) own\b",
    r"\bmust have been caused by\b",
    r"\b(?:was|were|is|are) (?:clearly )?(?:announced|published|communicated|displayed|shown) (?:on|in|at)\b",
    r"\bsold as seen\b",
    r"\bcannot be (?:returned|refunded|exchanged)\b",
    r"\b(?:user )?manual (?:explains|states|says|shows)\b",
    r"\bworks? (?:very|really|so) hard\b",
    r"\b(?:always|very|extremely) busy\b",
    r"\bfor security reasons\b",
    r"\bsometimes (?:\w+ ){0,3}(?:drop|happen|fail|occur)\w*\b",
    r"\btested to the highest\b",
    r"\b(?:is|are) (?:clearly )?(?:listed|stated|shown|displayed|published) (?:on|in|at)\b",
    r"\bplease review (?:your|the|our)\b",
    r"\b(?:can|must|need to) be (?:purchased|bought|ordered) separately\b",
    r"\bthese things (?:happen|can happen)\b",
    r"\bbeyond (?:anyone'?s|our|everyone'?s) control\b",
    r"\bunrelated to\b",
    r"\bnot related to\b",
    r"\b(?:was|were) already (?:faulty|broken|damaged|worn)\b",
    r"\b(?:is|it'?s|it is|was) (?:most )?(?:likely|probably) (?:that |your|due|caused|because)\b",
    r"\ball (?:we|i) can do\b",
    r"\b(?:was|is|are|were) non-?refundable\b",
    r"\bunfortunately,? (?:we|i) (?:cannot|can'?t|can not|are unable to|am unable to)\b",
    r"\bclearly (?:lists|states|shows|says|marks|displays|explains)\b",
    r"\bsometimes (?:need|have) to\b",
    r"\btight schedules?\b",
    r"\b(?:our|the) (?:staff|drivers?|team|instructors?|engineers?|technicians?|crew) (?:have|has|had|are|were) (?:very |extremely )?(?:tight|busy|limited|under pressure|short)\b",
    r"\bas stated in\b",
    r"\b(?:per|under|in|by|accept\w*|agreed to|according to) (?:our |the )?terms (?:of service|and conditions|& conditions)\b",
    r"\bour (?:system|records|logs) (?:shows?|indicates?|say|says|has no)\b",
    r"\b(?:you|users|customers|members|guests) are responsible for\b",
    r"\b(?:must|may|might) have (?:happened|occurred|been (?:damaged|caused|broken)) (?:after|before|during|when|while)\b",
    r"\bwe (?:do|did|always do|try) our best\b",
    r"\bbusiest (?:time|period|day|night|evening)\b",
    r"\bunforeseen circumstances\b",
    r"\b(?:can|may|do) occasionally\b",
    r"\busually (?:\w+ ){0,4}(?:and|which) will\b",
    r"\b(?:simply|just|only) (?:explaining|following|doing (?:his|her|their) job)\b",
    r"\b(?:check|inspect|test)s? every\b",
    r"\b(?:there(?:'s| is|was) )?no (?:record|evidence|sign) of\b",
    r"\b(?:had|has|have) a (?:glitch|technical issue|system error|hiccup)\b",
    r"\bplease check (?:the|that|your) (?:\w+ )?(?:is|are|was) (?:fitted|installed|set|switched|plugged|connected)",
    r"\bit(?:'s| is) (?:clearly )?your (?:fault|responsibility|mistake)\b",
    r"\b(?:it'?s|it is|this is|that is|that'?s|is) actually\b",
    r"\bactually (?:a|the|normal|expected|correct|working)\b",
    r"\b(?:a )?normal part of\b",
    r"\b(?:is|are) expected\b",
    r"\b(?:stated|agreed|accepted|explained) (?:to )?(?:during|at|when|before) (?:check ?-?out|purchase|sign-?up|booking|registration)\b",
    r"\b(?:stated|agreed) (?:and|&) (?:agreed|accepted)\b",
    r"\bwe (?:can'?t|cannot|can not|are unable to|do not|don'?t) (?:assist|help) with\b",
    r"\b(?:vary|varies|depend|depends) (?:by|on)\b",
    r"\bwe may need to verify\b",
    r"\bwhile the (?:probability|chance|likelihood)\b",
    r"\b(?:due to|because of) (?:the )?(?:impact of|current|high volumes?|covid|coronavirus)\b",
    r"\bit'?s (?:perfectly |completely )?normal (?:to|for|that)\b",
    r"\bexperiencing (?:longer|higher|high|heavy|increased|unusually)\b",
    r"\b(?:you|we)(?:'re| are| were) required to\b",
    r"\bit'?s (?:very |really |quite )?(?:difficult|hard|impossible) to\b",
    r"\b(?:as|like) (?:we|i) (?:have )?(?:already )?shared\b",
    r"\b(?:it )?(?:typically|usually|normally|generally) takes?\b",
    r"\brequires? (?:a |an )?(?:faster|stronger|newer|minimum|stable|compatible|higher)\b",
    r"\b(?:according to|as per|per) the information (?:previously |already )?(?:provided|given|sent|shared)\b",
    r"\bpreviously (?:provided|given|sent|shared|explained) to you\b",
    r"\b(?:is|are) only (?:available|offered|open|possible) (?:to|for|on|in|with|via)\b",
    r"\bdue to (?:contractual|legal|regulatory|licensing) (?:agreements?|reasons|requirements|restrictions)\b",
    r"\b(?:unable to|can'?t|cannot|can not) make (?:an )?exceptions?\b",
    r"\bwe(?:'re| are) always (?:testing|trying|changing|experimenting)\b",
    r"\b(?:accounts?|members|users|customers|plans?) can only\b",
    r"\b(?:supplies|stocks?|availability|spaces|places|slots|resources) (?:are|is) (?:very |extremely |currently )?limited\b",
    # Asking the customer to accept the explanation given: "... may take a while. Please understand."
    r"\bplease (?:kindly )?understand\b(?! (?:how|what|why))",
    r"\bhope for your (?:kind )?understanding\b",
    r"\bdue to (?:the )?restrictions?\b",
    # Explaining the fault away: "affected by many factors such as website servers and peak
    # periods", "postponed owing to the influence of the source of goods".
    r"\baffected by (?:many|various|several|multiple|a number of|a variety of) (?:\w+ )?factors\b",
    # Disputing the report with the desk's own check: "we have tested and it downloads normally",
    # "after local tests, we didn't find the problem", "the order displayed that you didn't check in".
    r"\bwe(?:'ve| have) tested\b",
    r"\b(?:did not|didn'?t|could not|couldn'?t|cannot|can'?t) (?:find|reproduce) (?:the|this|that|any|such a?) (?:\w+ )?(?:problem|issue|bug|fault|error)\b",
    r"\b(?:displayed|displays|shows?|showed|indicates?|indicated) that you (?:didn'?t|did not|have not|haven'?t|had not|hadn'?t)\b",
    r"\b(?:as|since) the rules\b",
    r"\b(?:owing|due) to the influence of\b",
    r"\bin time to avoid\b",
    r"\b(?:will be|is|are) subject to\b",
    r"\bwhen the (?:\w+ ){0,2}(?:traffic|volume|demand) is (?:heavy|high)\b",
    r"\bplease (?:keep|stay|be) calm\b",
    r"\bwe guarantee that (?:all|every|our)\b",
    r"\b(?:has|have) always been (?:valuing|committed|dedicated|focused)\b",
    r"\bdue to (?:different|various|local) (?:situations|circumstances|conditions|policies)\b",
)
_THIRD = (
    r"(?:courier|driver|delivery (?:partner|company|driver|guy|team)|supplier|manufacturer|warehouse|carrier|postal service|post office|royal mail|usps|"
    r"ups|fedex|dhl|hermes|evri|dpd|vendor|seller|third[- ]party|partner|contractor|kitchen|other (?:team|department)|(?:billing|tech|shipping) (?:team|department)|bank|system)"
)
BLAMES_OTHER = _rx(
    rf"\b(?:the|our|their|your) {_THIRD}(?:'s)? (?:fault|error|mistake|problem)\b",
    rf"\b{_THIRD}(?:'s)? fault\b",
    rf"\b(?:the|our|their) {_THIRD} (?:is|was|are|were) (?:responsible|to blame|at fault|late|slow|careless|negligent|short[- ]staffed)\b",
    rf"\b(?:the|our|their) {_THIRD} (?:has |have |had )?(?:messed up|failed|lost|mislaid|damaged|dropped|broke|delayed|forgot|mixed up|mishandled|made (?:a|an) (?:mistake|error))\b",
    rf"\b(?:caused|due|down|thanks) (?:by|to) (?:the|our|their) {_THIRD}\b(?!.{0, 30}\b(?:our|my) (?:fault|responsibility))",
    # "The fault of the courier", not "the specific fault of the broadband".
    r"\b(?:blame|blamed on)\b",
    rf"\bfault of (?:the |our |their |a |an )?(?:\w+ )?(?:{_THIRD}|staff|employees?|colleagues?|agents?|company|airline|hotel|merchant)\b",
    r"\b(?:he|she|they) (?:is|was|are|were) (?:new|in training|still learning|having a bad day|not supposed to)\b",
    r"\b(?:our|the) (?:new |junior )?(?:staff member|employee|colleague|agent|cashier|waiter|waitress|server|technician|driver|rep|representative|cleaner) (?!who |that |which )(?:[A-Z][a-z]+ )?(?:(?:was|is) (?:\w+ )?(?:new|wrong|late|rude|careless|mistaken|at fault|to blame|in training|absent|off sick|inexperienced)|made|did|forgot|failed|should)\b",
    r"\b[A-Z][a-z]+ (?:from|in) (?:our )?(?:the )?(?:warehouse|kitchen|billing|dispatch|accounts|night shift)\b.{0,40}\b(?:mistake|error|forgot|failed|wrong)",
    r"\bout of our (?:hands|control)\b",
    r"\b(?:their|his|her) (?:mistake|fault|error)\b",
    r"\b(?:contact|ask|check with|speak to|call) (?:your|the) (?:bank|courier|manufacturer|carrier|card issuer|airline|supplier|seller)\b",
    r"\b(?:is|was) new and\b",
    r"\bstill learning\b",
    r"\b(?:carried out|done|performed|handled|made|provided|fitted|installed) by (?:our |the |an? )?(?:partner|external|third[- ]party|installer|supplier|contractor|subcontractor|agency)\b",
    r"\bcontact them directly\b",
    r"\b(?:instructor|driver|staff member|technician|engineer|employee|colleague|he|she|they) had (?:a|an) (?:family emergency|emergency|bad day|personal (?:issue|matter))\b",
    r"\b(?:error|mistake|fault) (?:by|of|from) (?:our|the|a|their) (?:\w+ ){0,2}(?:supplier|partner|contractor|vendor|house|printer|courier|agency|installer)\b",
    r"\b(?:managed|handled|run|operated|provided) by (?:an? |the )?(?:external|third[- ]party|outside|separate|independent)\b",
    r"\bthe (?:\w+ )?(?:locum|temp|agency (?:worker|staff)|contractor|new starter|trainee|subcontractor) (?:made|caused|did|forgot|was)\b",
    r"\b(?:contractor|supplier|partner|courier|manufacturer) keeps\b",
    r"\bhave a word with (?:him|her|them)\b",
    r"\b(?:owner|developer|publisher|seller|manufacturer|provider|creator)'?s? (?:discretion|decision|responsibility|choice)\b",
    r"\b(?:is|was|are) not (?:developed|made|sold|run|operated|managed|administered|handled|controlled|processed) by (?:us|\w+)\b",
    r"\b(?:contact|reach out to|ask) (?:the|its|their) (?:app )?(?:developer|publisher|seller|provider|manufacturer)\b",
    r"\b(?:registered|maintained|managed|administered|provided|owned)(?: and (?:maintained|managed|administered))? (?:directly |solely )?by (?!us\b|our\b|me\b)\w+",
    r"\bcontact (?!us\b|me\b|our\b|them\b)\w+(?:&(?:amp;)?\w+)? directly\b",
    r"\byou(?:'ll| will) need to contact (?!us\b|our\b|me\b)\w+",
    r"\bthe (?:creator|channel owner|uploader|seller|host|developer|publisher) (?:has|have|may have|might have|chose|decided|set|specified)\b",
    r"\b(?:specified|chosen|set) by the (?:creator|channel owner|uploader|seller|host|developer|publisher)\b",
)
STOCK = _rx(
    r"\bapologi[sz]e for (?:any|the) inconvenience\b",
    r"\bsorry for (?:any|the) inconvenience\b",
    r"\bwe understand your (?:frustration|concern)\b",
    r"\byour (?:feedback|business|custom|call|satisfaction) is (?:very |extremely )?important\b",
    r"\bwe value (?:your|our) (?:feedback|business|customers?|custom)\b",
    r"\b(?:please )?(?:contact|call|reach out to) (?:our )?customer (?:service|support|care)\b",
    r"\bwe (?:strive|aim) to\b",
    r"\b(?:is|are|remain) committed to\b",
    r"\bhope (?:it|this|that) gets (?:resolved|sorted|fixed)\b",
    r"\bget in touch with (?:our )?customer (?:service|support|care)\b",
    r"\bthank you for (?:your|bringing) (?:patience|feedback|understanding|this to our attention)\b",
    r"\bwe(?:'re| are) looking into (?:it|this)\b",
    r"\bwe(?:'ll| will) (?:look into|pass (?:this|it) on|share (?:this|your feedback))\b",
    r"\bhave a (?:great|nice|good) day\b",
    r"\bwe take (?:all )?(?:feedback|complaints|this) (?:very )?seriously\b",
    r"\bnot (?:the|our) usual standard\b",
    r"\bwe(?:'re| are) here to help\b",
    r"\bhappy to help\b",
    r"\bregret (?:the|any) inconvenience\b",
    r"\bthanks? (?:you )?for (?:your|bringing) (?:patience|feedback|understanding)\b",
    r"\btake a look\b",
    r"\bfor further assistance\b",
    r"\bhave a (?:great|nice|good|lovely) (?:day|evening|weekend)\b",
    r"\bwe(?:'ll| will) be in touch\b",
    r"\bsomeone will be in touch\b",
    r"\brelevant (?:department|team|people)\b",
    r"\bpassed (?:on )?(?:your|the|these) (?:comments|feedback|complaint|concerns?) (?:on )?to\b",
    r"\bsorry to hear (?:that|about this|this)\W*$",
    r"\bplease dm us\b",
    r"\bsend us a dm\b",
    r"\bplease stay tuned\b",
    _IMPROVEMENT_PROMISE,
    r"\b(?:is|are) our (?:top |highest |number one )?priorit(?:y|ies)\b",
    r"\bmonitoring the situation\b",
    r"\bi saw your (?:message|tweet|post)\b",
    r"\blet us know if (?:there are|you have) any (?:other|more|further) questions\b",
    r"\bbest (?:team|people|place) to help\b",
    r"\bif you (?:run into|have|encounter) any (?:other |further )?(?:questions|issues|problems)\b",
    r"\b(?:verify|check) and (?:handle|address|solve|deal with|process)\b",
    r"\bwe need (?:to get )?(?:some |more |further )?(?:specific |detailed )?(?:information|details) from you\b",
    r"\b(?:concerns?|cares?) (?:a lot |very much |much )?about your (?:feedback|experience|situation)\b",
    r"\blet (?:us|me) know if (?:you need|there'?s|there is) anything else\b",
    r"\b(?:let'?s|let us) see what (?:we|i) can do\b",
    r"\b(?:they|someone|the team)(?:'ll| will) look into (?:this|it)\b",
    r"\b(?:sounds like a|what a|that'?s a|is a) (?:great|good|fantastic|wonderful) (?:suggestion|idea)\b",
    r"\bwe(?:'re| are) (?:always )?here (?:if|whenever|when|for) you\b",
    r"^(?:stay|keep) (?:safe|well|healthy)[.!]*$",
    r"\b(?:very|quite|really) concerned about (?:the|your) (?:situation|issue|problem|feedback)\b",
    r"\brelated (?:department|team|people)\b",
    r"\b(?:wait|be) (?:with )?patien(?:ce|t)\b",
    r"\b(?:keep on|continue) providing (?:better|high-quality|good|quality)\b",
    r"\bthanks? (?:you )?for (?:your )?(?:affirmation|support|trust|encouragement)\b",
    r"\b(?:noticed|taken notice of|received|seen) your (?:feedback|issue|problem|message|complaint|post)\b(?! about| regarding| on\b)",
)


_LEAD_HANDLES = re.compile(r"^(?:@\w+[\s,:]*)+")
# Sign-offs of social-media teams: "^AS", "*SR", "-Leah", "/OW", "~ Olivia", "^Kristy".
_SIGNATURE = re.compile(r"\s*(?:[\^*~/]|\s-)\s?[A-Z][A-Za-z]{0,11}\s*$")
_SIGNATURE_ONLY = re.compile(r"^[\^*~/-]\s?[A-Z][A-Za-z]{0,11}$")


def reply_sentences(text: str) -> list[tuple[int, int, str]]:
    """The reply's sentences, also cut at links, without leading @handles or a trailing sign-off.

    Every piece is still a substring of the reply, so evidence quotes it exactly; links say
    nothing about the case but their words ("password", "account") would look like restating.
    """
    out: list[tuple[int, int, str]] = []
    for start, _, sentence in sentences(text):
        offset = 0
        for chunk in URL.split(sentence):
            offset = sentence.find(chunk, offset)
            piece = _LEAD_HANDLES.sub("", chunk.strip())
            if _SIGNATURE_ONLY.match(piece):
                continue
            piece = _SIGNATURE.sub("", piece).strip(" :-\u2013\u2014")
            if re.search(r"[A-Za-z]{2}", piece):
                at = start + offset + chunk.find(piece)
                out.append((at, at + len(piece), piece))
            offset += len(chunk)
    return out


def _find(rx: re.Pattern[str], sents: list[tuple[int, int, str]]) -> list[str]:
    return [s for _, _, s in sents if rx.search(s)]


def _customer_points(customer_message: str) -> list[tuple[str, set[str]]]:
    """The customer's salient points with their content stems (from the analyzer)."""
    from amends.language.analyze import salient_points

    try:
        points = salient_points(customer_message, limit=4)
    except Exception:  # noqa: BLE001 - artefacts missing must not break coaching; fall back below
        points = []
    if not points:
        points = [s for _, _, s in sentences(customer_message)][:4]
    out = []
    for p in points:
        stems = content_stems(p)
        if stems:
            out.append((p, stems))
    return out


# Telling the customer what to do: such sentences name their problem without restating it.
_INSTRUCTION = _rx(
    r"^(?:please |just |also,? |then,? |first,? |for now,? |now,? )?(?:try|visit|check|go|use|follow|click|tap|select|open|refer|see|learn|read|contact|reach|send|submit|create|restart|update|clear|test|testing|to \w+)\b",
    r"\bplease (?:\w+ )?(?:visit|see|refer|check|follow|use|try|reset|restart|update|clear|restore|contact|send|submit|create)\b",
    r"\byou (?:have|'ll have|will have) the option\b",
    r"\bif you (?:believe|think|feel|are|'re)\b.{0,80}\b(?:you can|please|try)\b",
    r"\byou can\b",
    r"\b(?:we|i)(?:'d| would)? (?:also )?(?:recommend|suggest)\b",
    r"\bhere(?:'s| is| are) (?:a|an|the|some|how)\b",
    r"\bmay (?:also )?help\b",
    r"\b(?:did|have) you (?:already )?tr(?:y|ied)\b",
)
# Sentences that only point somewhere else (an article, the help site, another team).
_REDIRECT = _rx(
    r"\b(?:please )?refer to\b",
    r"\b(?:following|this|our|the) (?:help )?(?:article|link|page|faq|guide|help site)\b",
    r"\b(?:more )?(?:info|information|details)\b.{0,40}\b(?:can be found|here|posted|at our|on our)\b",
    r"\bmay (?:also )?help\b",
    r"\bhope this helps\b",
    r"\byou can (?:check|find|view|see|learn|read|visit|monitor)\b.{0,60}\bhere\b",
    r"\bfor (?:technical )?help,? (?:please )?visit\b",
    r"\b(?:remember|make sure|don'?t forget) to (?:attach|include|add|mention)\b",
    r"\bwe(?:'d| would) be happy to (?:look into|help with)\b",
    r"\b(?:follow|use|click) (?:this|the) link\b",
    r"^(?:and )?we(?:'ll| will| can) (?:assist|help)(?: you)?(?: further| from there)?[.!]*$",
    r"\b(?:additional|more|further) (?:info|information|details)\b",
    r"\bcheck (?:it|this|that) out\b",
    # What is left of "Please visit <link>" once the link is cut out.
    r"^(?:please )?(?:visit|check out|see|go to|head (?:over )?to)[.:!]*$",
    r"\b(?:link|article|page|guide) that (?:should|may|might|will|could) (?:be of )?(?:help|assist)",
    r"\b(?:shares?|has|gives?|provides?) (?:more |some )?(?:info|information|details)\b",
    r"\bhelp (?:to )?(?:resolve|look into) this\b",
    r"\bwe (?:can|would like to|'d like to) (?:help|look into this)\b",
)
_NOT_A_FIX = _rx(
    r"\bfeedback\b",
    _IMPROVEMENT_PROMISE,
    r"\breport(?:ing)? (?:it|this|them)\b",
    r"\bplease refer to\b",
    r"\b(?:speak|speaking|talk|talking) (?:to|with) (?:one of )?our\b",
    r"\bfollow us\b",
)
# Words every support exchange shares; sharing them with the customer is not being specific.
_SUPPORT_WORDS = frozenset(
    stem(w)
    for w in (
        "help", "assist", "support", "issue", "problem", "question", "send",
        # The desk's own name and the words of any exchange with it: "this is the editor of the
        # customer service" names the company the customer wrote to, not their point.
        "customer", "service", "feedback", "attention", "information", "contact", "message",
    )
)
# What the desk does with any case: "our staff will verify the situation and give you feedback"
# shares "staff" with a customer who met the staff and restates nothing of their point (a
# question about what the staff told them is still about their case, so not generic).
_DESK_WORDS = frozenset(
    stem(w) for w in ("staff", "give", "provide", "inquire", "verify", "explain", "situation", "transact", "reply")
)
_GREETING = _rx(
    r"^(?:hi|hello|hey|dear)\b(?: there| [A-Z][a-z]+)?[!,.]*$",
    r"^(?:(?:hi|hello|hey),? )?dear (?:customer|user|friend|sir|madam)s?[!,.]*$",
    r"^(?:okay|ok|oh no)[!.]*$",
    # The agent introducing themselves or the desk: "This is the editor of ... Customer Service".
    r"^(?:this is|i am|i'm|my name is)\b.{0,60}\b(?:customer service|support|care|help ?desk|team)\b[^.!?]*[.!]?$",
)
# A handle written with spaces, as translated posts show it: "@ China Unicom Guangdong Customer Service".
_SPACED_HANDLE = re.compile(r"@ (?:[A-Z][\w.·-]*\s?)+")
# An @handle with the capitalised words after it: translated posts tag "@China Unicom Beijing".
_HANDLE_RUN = re.compile(r"@ ?([A-Z][\w·-]*(?:\.[a-z]+)?(?:[ \t]+[A-Z][a-z][\w·-]*(?:\.[a-z]+)?){0,5})")
_GENERIC_REFLECT = _rx(
    r"\bfrom your (?:message|email|e-mail|note|review|post|tweet|letter|call)\b",
    r"\bas i understand it\b",
    r"\byou(?:'ve| have) (?:told|explained|described|mentioned|said)\b",
    r"\b(?:read|seen|looked at) your (?:message|email|review|post) about\b",
    r"\byou (?:mentioned|said|told us|explained|noted|wrote|described|reported|were charged|received|ordered|waited|had to)\b",
    r"\b(?:i|we) (?:see|can see|notice|note|understand) (?:that )?(?:your|the|you)\b(?! frustration| concern)",
    r"\byour (?:order|parcel|package|delivery|item|meal|booking|flight|bill|invoice|card|payment|refund|account|room|table|device|phone|laptop|car)\b (?:\w+ ){0,4}(?:arrived|was|is|has|had|came|didn'?t|did not|never|wasn'?t|got|went|isn'?t)\b",
    r"\b(?:charged|billed) (?:you )?twice\b",
    r"\barrived (?:late|damaged|broken|cold|crushed|open|empty|missing)\b",
)
_DETAILS_REQ = _rx(
    r"\b(?:provide|send|tell us|share|give us|leave)\b.{0,80}\b(?:contact|number|account|name|address|details|information|info)\b",
    r"\b(?:include|attach|with) (?:your|the)\b.{0,60}\b(?:id|info|information|details|number|address|name)\b",
)
# What any desk asks for to find a case: asking for it names nothing of this customer's problem.
_DETAIL_WORDS = frozenset(
    stem(w)
    for w in (
        "number", "phone", "cellphone", "mobile", "contact", "call", "account", "address", "name", "order",
        "email", "details", "information", "provide", "handle", "verify", "description",
    )
)
_SPECIFIC = re.compile(
    r"\d|[A-Z][a-z]+\s[A-Z]|#\w+|\b(?:order|parcel|box|bill|charge|invoice|flight|room|table|card|refund|item|driver|screen|battery|size)\b",
    re.IGNORECASE,
)


def _overlap(sentence: str, stems: set[str]) -> int:
    return len((content_stems(sentence) & stems) - _SUPPORT_WORDS)


def _restates(sentence: str, stems: set[str], need: int) -> bool:
    """Whether a reply sentence takes up `need` of the customer's words, the desk's own words aside."""
    return _overlap(sentence, stems - _DESK_WORDS) >= need


def coach(reply: str, customer_message: str | None = None) -> Coaching:
    """Coach one reply; `customer_message` (when given) anchors reflection and specificity."""
    reply = coerce_text(reply, "coach (reply)")[:MAX_REPLY_CHARS]
    if customer_message is not None and not isinstance(customer_message, str):
        customer_message = None
    customer = (customer_message or "")[:MAX_REPLY_CHARS]
    # The company the customer tagged is not their point: a reply that names "China Unicom" after
    # "@China Unicom Guangdong Customer Service" restates nothing.
    brand = content_stems(" ".join(m.group(1) for m in _HANDLE_RUN.finditer(URL.sub(" ", customer))))
    # Links and @handles in the customer's message are not points an agent could restate.
    customer = _SPACED_HANDLE.sub(" ", MENTION.sub(" ", URL.sub(" ", customer)))
    sents = reply_sentences(reply)
    el: dict[str, Finding] = {}
    pit: dict[str, Finding] = {}

    el["thanks"] = _simple(THANKS, sents, 0.95)

    conditional = _find(CONDITIONAL, sents)
    real_apology = [s for s in _find(APOLOGY, sents) if s not in conditional or _apology_outside(s)]
    el["apology"] = Finding(
        bool(real_apology), 0.95 if real_apology else (0.75 if conditional else 0.9), real_apology[:2]
    )
    pit["conditional_apology"] = Finding(bool(conditional), 0.9, conditional[:2])

    points = [(p, stems - brand) for p, stems in _customer_points(customer)] if customer.strip() else []
    points = [(p, stems) for p, stems in points if stems]
    customer_all = content_stems(customer) - brand

    # Empathy must be tied to this case: a feeling word plus something specific (the customer's
    # words, or concrete detail), otherwise it is a stock phrase.
    empathy_ev: list[str] = []
    stock_only: list[str] = []
    for _, _, s in sents:
        # "You report that the signal is poor" gives the customer's verdict back, not the agent's;
        # "if your delay was too long, try..." names a condition, not a feeling.
        felt = EMPATHY.search(_CONDITION.sub(" ", s)) and not _REPORTED.search(s)
        if felt or STOCK_EMPATHY.search(s):
            specific = _empathy_specific(s, customer_all)
            if specific and (felt or _overlap(s, customer_all) >= 1):
                empathy_ev.append(s)
            else:
                stock_only.append(s)
    el["empathy"] = Finding(bool(empathy_ev), 0.85 if empathy_ev else (0.8 if stock_only else 0.9), empathy_ev[:2])

    # Reflection: a sentence restating one of the customer's points, in an apology, a question or
    # an instruction too ("if you're seeing lag in chat, try..."; training/eval/LABELLING.md).
    # Not restating: a sentence that argues or blames (a rebuttal), a channel or a pointer
    # elsewhere (it names the problem only to send it on), and the agent introducing the desk
    # ("this is the editor of China Telecom Customer Service": the company, not the point), and a
    # stock phrase ("Qunar.com is very concerned about your feedback" names the company it wrote to).
    reflect_ev: list[str] = []
    uncovered: list[str] = []
    arguing = {s for _, _, s in sents if DEFENSIVE.search(s) or BLAMES_OTHER.search(s)}
    restating = [t for t in sents if t[2] not in arguing and not FOLLOW_UP.search(t[2]) and not _REDIRECT.search(t[2])
                 and not _GREETING.search(t[2])
                 and not STOCK.search(t[2]) and not _asks_for_details_only(t[2], customer_all)]
    if points:
        for text_point, stems in points:
            need = 1 if len(stems) <= 2 else 2
            hits = [s for _, _, s in restating if _restates(s, stems, need)]
            if hits:
                if hits[0] not in reflect_ev:
                    reflect_ev.append(hits[0])
            else:
                uncovered.append(text_point)
        if not reflect_ev:
            # The salient points are a few clauses; a sentence that takes up another specific word
            # of the message ("Face ID", "lag") reflects it too.
            reflect_ev = [s for _, _, s in restating if _restates(s, customer_all, 1)][:1]
        reflection = bool(reflect_ev)
        conf = 0.9 if reflection else 0.85
    else:
        # Without the customer's words only a statement in a restating form can count.
        reflect_ev = [
            s
            for _, _, s in restating
            if not s.rstrip().endswith("?") and not _INSTRUCTION.search(s)
            and _GENERIC_REFLECT.search(s) and (_SPECIFIC.search(s) or len(content_words(s)) >= 4)
        ]
        reflection = bool(reflect_ev)
        conf = 0.7 if reflection else 0.65
    el["reflection"] = Finding(reflection, conf, reflect_ev[:2])

    el["ownership"] = _simple(OWNERSHIP, sents, 0.85)
    # Steps for filing a report or reaching another team are a channel, not a fix.
    fixes = [s for s in _find(REMEDY, sents) if not (FOLLOW_UP.search(s) or _NOT_A_FIX.search(s))]
    el["remedy"] = Finding(bool(fixes), 0.85, fixes[:2])
    el["something_extra"] = _simple(EXTRA, sents, 0.85)
    # "Contact us at any time if you have any doubts" leaves the door open and commits to nothing
    # (LABELLING.md: "let us know if you have questions" alone is not a follow-up).
    channels = [s for s in _find(FOLLOW_UP, sents) if not (_OPEN_DOOR.search(s) and not _CHANNEL.search(s))]
    el["follow_up"] = Finding(bool(channels), 0.85, channels[:2])
    asks = [s for _, _, s in sents
            if (s.rstrip().endswith("?") and not _RHETORICAL.search(s)) or QUESTION_REQ.search(s)]
    el["asks_customer"] = Finding(bool(asks), 0.9 if asks else 0.85, asks[:2])

    pit["defensive"] = _simple(DEFENSIVE, sents, 0.85)
    blamed = _find(BLAMES_OTHER, sents)
    blamed += [t for _, _, t in sents if t not in blamed and _sends_to_other_desk(t, customer, brand)]
    pit["blames_other"] = Finding(bool(blamed), 0.8 if blamed else 0.85, blamed[:2])

    # Generic template: stock phrases and nothing specific to this customer.
    stock = _find(STOCK, sents) + [s for s in stock_only if s not in _find(STOCK, sents)]
    if customer.strip():
        # What the reply says beyond pointers and channels ("submit your account info here" names
        # the customer's account without being about their case).
        said = content_stems(" ".join(t for _, _, t in sents if not (FOLLOW_UP.search(t) or _REDIRECT.search(t))))
        specific_hits = len((said & customer_all) - _SUPPORT_WORDS - _DETAIL_WORDS - _DESK_WORDS)
        # Asking about the customer's own things ("could you confirm the carrier of the package?")
        # is about their case too.
        # Asking for the order number or the account is the request every case gets, though.
        specific = specific_hits >= 2 or bool(reflect_ev) or any(
            (content_stems(_LOOKUP_KEY.sub(" ", q)) & customer_all) - _SUPPORT_WORDS - _DETAIL_WORDS for q in asks
        )
    else:
        specific = (
            bool(reflect_ev)
            or bool(empathy_ev)
            or len(set(content_words(reply)) - STOP) >= 18
            and bool(_SPECIFIC.search(reply))
        )
    # Sentences any desk sends to any complaint: besides the stock phrases and channels, an apology
    # for "your unpleasant experience" or a request for the account number that names nothing of
    # this customer's problem.
    def _filler(t: str) -> bool:
        if THANKS.search(t) or STOCK.search(t) or STOCK_EMPATHY.search(t) or FOLLOW_UP.search(t) or _REDIRECT.search(t):
            return True
        if _GREETING.search(t) or _RHETORICAL.search(t):
            return True
        if not customer.strip():
            return False
        if _DESK_PROMISE.search(t) and not _overlap(t, customer_all - _DESK_WORDS):
            # "Our staff will verify the issue and give you feedback": what every case is told.
            return True
        return bool(APOLOGY.search(t) and _overlap(t, customer_all) == 0 or _asks_for_details_only(t, customer_all))

    filler_only = bool(sents) and all(_filler(t) for _, _, t in sents) and not el["remedy"].present
    # A reply that offers a fix is more than a template, stock phrases or not.
    generic = (bool(stock) and not el["remedy"].present or filler_only) and not specific or (
        not specific and len(content_words(reply)) < 4 and bool(reply.strip()))
    pit["generic"] = Finding(
        generic, 0.8 if generic else 0.75, (stock or [s for _, _, s in sents] or [reply.strip()[:200]])[:2] if generic else []
    )

    # A reply with no words in it is no reply, whatever the base of the fitted score.
    score = _score(el, pit, reply) if sents else 0
    return Coaching(elements=el, pitfalls=pit, score=score, suggestions=_suggest(el, pit, uncovered, points))


_CONDITION = _rx(r"\b(?:if|when|whenever|once)\b[^,.;!?]*(?:,|[.!?]*$)")
_REPORTED = _rx(
    r"^(?:\w+,? )?you (?:report|reported|say|said|mention|mentioned|state|stated|told us|wrote) that\b"
    r"(?!.*(?:\bmust\b|\bsounds\b|\bthat is\b|\bthat's\b|\bthis is\b|\bwhich is\b| - |;))"
)
# "Your broadband account", "the business number": what the desk looks the case up by.
_LOOKUP_KEY = re.compile(r"\b[\w-]+ (?:account|number|address)\b", re.IGNORECASE)
# The desk's promise to check a case.
_DESK_PROMISE = _rx(r"\b(?:will|'ll|shall) (?:\w+ )?(?:verify|check|record|look into|handle|process|track|inquire)\b")
_OPEN_DOOR = _rx(r"\bif you have (?:any )?(?:other |further |more )?(?:questions?|doubts?|queries|query|concerns?)\b")
# A channel named outright: a private message, an e-mail, a number to call.
_CHANNEL = _rx(r"\b(?:dm|direct message|private message|pm|e-?mail|hot ?line|\d{3,})\b")
# Sending the customer to another party's desk: "consult tenpay customer service hotline".
_OTHER_DESK = re.compile(
    r"\b(?:consult|contact|call|ask|dial|ring|reach|visit|go to)(?: with)? (?:the )?(?:official )?((?:[A-Za-z][\w-]* ){1,2})"
    r"(?:customer service|customer care|hot ?line|help ?line|support|(?:official )?(?:web ?site|store|shop))\b",
    re.IGNORECASE,
)


def _sends_to_other_desk(sentence: str, customer: str, brand: set[str]) -> bool:
    """Whether the sentence sends the customer to the desk of a party they named that is not the
    business they wrote to (LABELLING.md, B: "that's handled by Google Play, contact them")."""
    told = content_stems(customer)
    for m in _OTHER_DESK.finditer(sentence):
        if m.group(1).lower().startswith(("our ", "your ")):
            continue
        party = content_stems(m.group(1)) - {"the", "local", "nearest", "nearby", "official"}
        if not party or not party <= told:
            continue
        # "@AppleSupport" tags the business itself: "contact Apple Support" is its own desk.
        if any(p in b or b in p for p in party for b in brand):
            continue
        return True
    return False


def _asks_for_details_only(sentence: str, customer_stems: set[str]) -> bool:
    """A request for the order number or contact details that shares nothing else with the customer."""
    if not _DETAILS_REQ.search(sentence):
        return False
    return not ((content_stems(sentence) & customer_stems) - _SUPPORT_WORDS - _DETAIL_WORDS)


def _apology_outside(sentence: str) -> bool:
    """True when a sentence holds a real apology besides its conditional one."""
    stripped = CONDITIONAL.sub(" ", sentence)
    return bool(APOLOGY.search(stripped))


def _empathy_specific(sentence: str, customer_stems: set[str]) -> bool:
    stripped = STOCK_EMPATHY.sub(" ", sentence)
    words = [w for w in content_words(stripped) if stem(w) not in _FEELING_STEMS]
    if customer_stems and len({stem(w) for w in words} & customer_stems) >= 1:
        return True
    return len(words) >= 2


_FEELING_STEMS = {
    stem(w)
    for w in [
        "understand",
        "frustration",
        "frustrating",
        "frustrated",
        "concern",
        "concerns",
        "disappointment",
        "disappointing",
        "disappointed",
        "inconvenience",
        "inconvenient",
        "annoying",
        "annoyance",
        "upsetting",
        "upset",
        "feelings",
        "feeling",
        "imagine",
        "sounds",
        "must",
        "experience",
        "sorry",
        "apologise",
        "apologize",
        "completely",
        "totally",
        "fully",
        "truly",
        "really",
        "absolutely",
        "definitely",
        "certainly",
        "stressful",
        "awful",
        "terrible",
        "horrible",
        "see",
        "appreciate",
        "hear",
    ]
}


def _simple(rx: re.Pattern[str], sents: list[tuple[int, int, str]], conf: float) -> Finding:
    ev = _find(rx, sents)
    return Finding(bool(ev), conf if ev else 0.85, ev[:2])


def _score(el: dict[str, Finding], pit: dict[str, Finding], reply: str) -> int:
    found = [k for k in ELEMENTS if el[k].present] + [k for k in PITFALLS if pit[k].present]
    raw = SCORE.base + sum(SCORE.weights[k] for k in found) + SCORE.wording_term(reply)
    return int(max(0, min(100, round(raw))))


def _quote(point: str, limit: int = 60) -> str:
    point = point.strip().rstrip(".!?")
    return point if len(point) <= limit else point[: limit - 1].rsplit(" ", 1)[0] + "…"


def _suggest(
    el: dict[str, Finding],
    pit: dict[str, Finding],
    uncovered: list[str],
    points: list[tuple[str, set[str]]],
) -> list[str]:
    out: list[str] = []
    if pit["defensive"].present:
        out.append(
            f"Drop the defence or correction (\u201c{_quote(pit['defensive'].evidence[0])}\u201d): acknowledge the customer's experience instead of arguing the facts."
        )
    if pit["blames_other"].present:
        out.append(
            f"Do not blame anyone else (\u201c{_quote(pit['blames_other'].evidence[0])}\u201d): the business owns the breakdown, whoever caused it."
        )
    first_point = uncovered[0] if uncovered else (points[0][0] if points else None)
    if pit["conditional_apology"].present:
        example = f"I'm sorry {reflect(_quote(points[0][0]))}." if points else "I'm sorry your order arrived late."
        out.append(
            f"Replace the conditional apology (\u201c{_quote(pit['conditional_apology'].evidence[0])}\u201d) with a plain one for what went wrong, e.g. \u201c{example}\u201d"
        )
    if not el["apology"].present and not pit["conditional_apology"].present:
        what = f" for \u201c{_quote(first_point)}\u201d" if first_point else " for the specific problem"
        out.append(f"Apologise sincerely{what}, without 'if' or 'but'.")
    if not el["reflection"].present:
        if first_point:
            out.append(
                f"Restate the customer's point about \u201c{_quote(first_point)}\u201d in your own words so they know you listened."
            )
        else:
            out.append(
                "Restate the customer's specific problem in your own words (what happened, to which order or visit)."
            )
    elif uncovered:
        out.append(f"Also acknowledge the customer's point about \u201c{_quote(uncovered[0])}\u201d.")
    if not el["empathy"].present:
        topic = f" about \u201c{_quote(first_point, 40)}\u201d" if first_point else ""
        out.append(
            f"Show empathy in words tied to this case{topic} (how it affected them), not a stock 'we understand your frustration'."
        )
    if not el["thanks"].present:
        out.append("Thank the customer for telling you; a complaint is a chance to put things right.")
    if not el["ownership"].present:
        out.append(
            "Take ownership in the first person: say what you will personally do (\u201cI will make sure\u2026\u201d)."
        )
    if not el["remedy"].present:
        out.append(
            "Offer a concrete fix (refund, replacement, repair or a choice of options), not just 'we will look into it'."
        )
    if not el["asks_customer"].present:
        out.append("Ask the customer what would make it right for them, or which option they prefer.")
    if not el["something_extra"].present:
        out.append("Add something extra beyond the fix (a voucher, a complimentary item) as a goodwill gesture.")
    if not el["follow_up"].present:
        out.append("Commit to a follow-up (when you will check back) or give a direct way to reach you.")
    if pit["generic"].present:
        out.append("Make it personal: mention the customer's own details instead of template phrases.")
    return out
