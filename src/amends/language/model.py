"""Loads the trained artefacts once and scores batches of texts with every linear head.

Heads are linear over [sparse TF-IDF row | dense sentence vector]; their names say what they
are (``complaint:xci``, ``router:cesamard``, ``intensity:anger`` ...). Their complaint and
intensity probabilities are blended with those of the fine-tuned encoder (``encoder.py``). The
artefacts are .npz / text / ONNX files written by training/train.py and training/finetune.py;
nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from amends.language.dense import DenseEncoder
from amends.language.encoder import OUTPUTS, Encoder
from amends.language.features import Vectoriser, sparse_dot

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
EMOTIONS = ("anger", "sadness", "fear", "joy")


class ArtefactsMissing(RuntimeError):
    """The trained artefacts are not where the package expects them (run `make models`)."""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


def _softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _threads() -> int:
    raw = os.environ.get("AMENDS_LANGUAGE_THREADS", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"AMENDS_LANGUAGE_THREADS must be a whole number of threads (1 or more), not {raw!r}")
    return int(raw)


def _blend(linear: np.ndarray, encoder: np.ndarray, weight: float | np.ndarray) -> np.ndarray:
    return (1.0 - weight) * linear + weight * encoder


def blend_complaint(linear: np.ndarray, encoder: np.ndarray, shares: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Each source's complaint probability from its linear head's and the encoder's (columns are
    sources): the encoder's share of it, then a logit shift that moves the source's decision point."""
    p = _blend(linear, encoder, shares)
    if not np.any(shifts):
        return p
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return _sigmoid(np.log(p / (1 - p)) + shifts)


def _per_source(value: float | dict[str, float], source: str) -> float:
    """A blend setting: one number for every source, or one per source."""
    return float(value[source] if isinstance(value, dict) else value)


@dataclass
class Scores:
    """Per-text model outputs for a batch (arrays of length n)."""

    complaint: np.ndarray
    # 1..4, the severity head's argmax for every text: whether the text is a complaint at all is
    # decided by `analyze` (which can overrule the complaint head), so it also zeroes severity.
    severity: np.ndarray
    emotions: dict[str, np.ndarray]


class Model:
    """All heads, evaluated together for a batch."""

    def __init__(self, folder: Path = ARTEFACTS) -> None:
        try:
            with gzip.open(folder / "vocab.txt.gz", "rt", encoding="utf-8") as fh:
                n_words, n_chars = (int(x) for x in fh.readline().split("\t"))
                lines = fh.read().split("\n")
            with np.load(folder / "heads.npz") as z:
                names = [str(n) for n in z["names"]]
                # Head by head (n_heads, n_features): see features.sparse_dot.
                self.sparse_heads = np.ascontiguousarray(z["sparse"].astype(np.float32).T)
                self.dense_w = z["dense"].astype(np.float32)
                self.bias = z["bias"].astype(np.float32)
                idf = z["idf"].astype(np.float32)
            self.dense = DenseEncoder.load(folder)
            meta = json.loads((folder / "encoder.json").read_text(encoding="utf-8"))
            self.encoder = Encoder(folder / "encoder.onnx", folder / "tokenizer.json", threads=_threads())
        except FileNotFoundError as exc:
            raise ArtefactsMissing(f"language artefacts missing in {folder}: run `make models`") from exc
        word_vocab = {w: i for i, w in enumerate(lines[:n_words])}
        char_vocab = {c: i for i, c in enumerate(lines[n_words : n_words + n_chars])}
        self.vectoriser = Vectoriser(word_vocab, char_vocab, idf)
        self.col = {n: i for i, n in enumerate(names)}
        self.sources = [n.split(":", 1)[1] for n in names if n.startswith("router:")]
        self.severity_classes = sorted(int(n.split(":", 1)[1]) for n in names if n.startswith("severity:"))
        if tuple(meta["outputs"]) != OUTPUTS:
            raise ArtefactsMissing(f"encoder.onnx in {folder} has other outputs than this code expects: `make models`")
        # How much of each probability comes from the fine-tuned encoder (the rest is the linear
        # heads'), and a logit shift per complaint source that moves its decision point. Chosen on
        # the complaint CV's held-out outputs and the WASSA dev files (docs/language.md).
        blend = meta["blend"]
        self.blend_complaint = np.array([_per_source(blend["complaint"], s) for s in self.sources], dtype=np.float32)
        self.complaint_shift = np.array(
            [_per_source(blend.get("complaint_shift", 0.0), s) for s in self.sources], dtype=np.float32
        )
        self.blend_intensity = float(blend["intensity"])

    def logits(self, texts: list[str]) -> np.ndarray:
        """Raw head outputs, shape (n, heads)."""
        indptr, indices, values = self.vectoriser.rows(texts)
        out = sparse_dot(indptr, indices, values, self.sparse_heads)
        out += self.dense.encode(texts) @ self.dense_w
        out += self.bias
        return out

    def sparse_contributions_for(self, text: str, heads: list[str]) -> list[float]:
        """The sparse part of each head for a fragment of text (used to rank clauses), featurised once."""
        idx, val = self.vectoriser.row(text)
        if not idx:
            return [0.0 for _ in heads]
        rows, values = np.asarray(idx), np.asarray(val, dtype=np.float32)
        return [float(np.dot(self.sparse_heads[self.col[h], rows], values)) for h in heads]

    def score(self, texts: list[str], encoder: bool = True) -> Scores:
        """Every head's output; ``encoder=False`` gives the linear heads' alone."""
        raw = self.logits(texts)
        enc = self.encoder.outputs(texts) if encoder else None
        router = _softmax(raw[:, [self.col[f"router:{s}"] for s in self.sources]])
        per_source = _sigmoid(raw[:, [self.col[f"complaint:{s}"] for s in self.sources]])
        if enc is not None:
            tuned = _sigmoid(enc[:, [OUTPUTS.index(f"complaint:{s}") for s in self.sources]])
            per_source = blend_complaint(per_source, tuned, self.blend_complaint, self.complaint_shift)
        complaint = (router * per_source).sum(axis=1)
        sev_logits = raw[:, [self.col[f"severity:{c}"] for c in self.severity_classes]]
        severity = np.asarray(self.severity_classes)[sev_logits.argmax(axis=1)]
        emotions: dict[str, np.ndarray] = {}
        for e in EMOTIONS:
            # The WASSA-2017 regressors (stacked on the GoEmotions presence heads) are used as
            # they are: every presence gate tried cost more Pearson r than it bought (docs).
            emotions[e] = np.clip(raw[:, self.col[f"intensity:{e}"]], 0.0, 1.0)
            if enc is not None:
                tuned_e = _sigmoid(enc[:, OUTPUTS.index(f"intensity:{e}")])
                emotions[e] = _blend(emotions[e], tuned_e, self.blend_intensity)
        return Scores(complaint=complaint, severity=severity, emotions=emotions)


_lock = threading.Lock()
_model: Model | None = None


def get_model() -> Model:
    """The process-wide model, loaded on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model()
    return _model
