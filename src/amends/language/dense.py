"""Dense sentence vectors from a distilled static word-piece table.

The table holds, for each word piece of the all-MiniLM-L6-v2 vocabulary, the average of its
contextual vectors after three transformer layers over a training corpus (reduced to 256 dims by
PCA). A sentence vector is the idf-weighted mean of its pieces' rows, l2-normalised: semantic
features for the linear heads at the cost of a tokenizer call and a lookup.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from amends.language.features import MAX_CHARS, segment_sums

MAX_PIECES = 256


class DenseEncoder:
    """Encodes texts into l2-normalised float32 vectors."""

    def __init__(self, tokenizer: Tokenizer, vectors: np.ndarray, weights: np.ndarray) -> None:
        self.tokenizer = tokenizer
        self.vectors = vectors.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.dim = int(vectors.shape[1])

    @classmethod
    def load(cls, folder: Path) -> DenseEncoder:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_PIECES)
        with np.load(folder / "static.npz") as z:
            return cls(tokenizer, z["vectors"], z["weights"])

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([t[:MAX_CHARS] for t in texts], add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encs), dtype=np.int64, count=len(encs))
        if lengths.sum() == 0:
            return out
        ids = np.fromiter((i for e in encs for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        w = self.weights[ids]
        bounds = np.concatenate(([0], np.cumsum(lengths)))
        totals = segment_sums(self.vectors[ids] * w[:, None], bounds)
        wsum = segment_sums(w, bounds)
        nonempty = lengths > 0
        out[nonempty] = totals[nonempty] / wsum[nonempty, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
