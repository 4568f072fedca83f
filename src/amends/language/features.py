"""Text normalisation and sparse n-gram features shared by training and run time.

The same function turns a text into (column, value) pairs when the training script fits the
linear heads and when the product scores a message, so the two can never drift apart. It is
pure Python plus numpy: no scikit-learn at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import numpy as np

# Long inputs are cut before featurising: the first few thousand characters decide whether a
# message is a complaint, and a 1 MB paste must not stall a batch.
MAX_CHARS = 4000

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOKEN = re.compile(r"#?[a-z0-9_']+|[!?]+|[^\s\w]")
_CHAR_NS = (2, 3, 4, 5)


def normalise(text: str) -> str:
    """Lower-case, mask URLs, @handles and digits, squeeze whitespace."""
    text = text[:MAX_CHARS]
    text = _CONTROL.sub(" ", text)
    text = _URL.sub(" url ", text)
    text = _MENTION.sub(" @user ", text)
    text = text.lower().replace("\u2019", "'").replace("&amp;", "&")
    text = _DIGITS.sub("0", text)
    return _SPACE.sub(" ", text).strip()


def tokens(norm: str) -> list[str]:
    """Word-level tokens of an already normalised text (hashtags kept whole)."""
    return _TOKEN.findall(norm)


def word_features(toks: list[str]) -> list[str]:
    """Unigrams, hashtag stems and bigrams."""
    feats = list(toks)
    feats.extend(t[1:] for t in toks if len(t) > 1 and t[0] == "#")
    feats.extend(a + " " + b for a, b in zip(toks, toks[1:], strict=False))
    return feats


def char_features(toks: list[str]) -> list[str]:
    """Character 2-5 grams inside word boundaries (robust to typos and elongations)."""
    feats: list[str] = []
    for tok in toks:
        padded = " " + tok + " "
        size = len(padded)
        for n in _CHAR_NS:
            if n > size:
                break
            feats.extend(padded[i : i + n] for i in range(size - n + 1))
    return feats


def raw_features(text: str) -> tuple[list[str], list[str]]:
    """The word and char feature strings of a raw text."""
    toks = tokens(normalise(text))
    return word_features(toks), char_features(toks)


class Vectoriser:
    """Maps texts to l2-normalised, sublinear TF-IDF rows over a fixed vocabulary.

    Word and char blocks are normalised separately and weighted equally, so long texts do not
    let the (many more) char grams drown the words.
    """

    def __init__(self, word_vocab: Mapping[str, int], char_vocab: Mapping[str, int], idf: np.ndarray) -> None:
        self.word_vocab = word_vocab
        self.char_vocab = char_vocab
        self.char_offset = len(word_vocab)
        self.idf = idf
        # The same float32 values as Python floats: indexing numpy one feature at a time costs
        # more than the rest of the row.
        self._idf = idf.tolist()
        self.n_features = len(word_vocab) + len(char_vocab)

    def _block(self, feats: Iterable[str], vocab: Mapping[str, int], offset: int) -> dict[int, float]:
        counts: dict[int, int] = {}
        get = vocab.get
        for f in feats:
            j = get(f)
            if j is not None:
                j += offset
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return {}
        idf = self._idf
        log = math.log
        vals = {j: (1.0 + log(c)) * idf[j] for j, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) * math.sqrt(2.0)
        return {j: v / norm for j, v in vals.items()}

    def row(self, text: str) -> tuple[list[int], list[float]]:
        """Column indices and values of one text (empty when nothing is known)."""
        words, chars = raw_features(text)
        block = self._block(words, self.word_vocab, 0)
        block.update(self._block(chars, self.char_vocab, self.char_offset))
        return list(block.keys()), list(block.values())

    def rows(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (indptr, indices, values) for many texts."""
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for text in texts:
            idx, val = self.row(text)
            indices.extend(idx)
            values.extend(val)
            indptr.append(len(indices))
        return (
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(values, dtype=np.float32),
        )


def sparse_dot(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Dense (n_rows, n_heads) product of a CSR matrix with a (n_features, n_heads) matrix."""
    n_rows = len(indptr) - 1
    out = np.zeros((n_rows, weights.shape[1]), dtype=np.float32)
    if len(indices) == 0:
        return out
    contrib = weights[indices].astype(np.float64) * values[:, None]
    # Row sums by differences of a running total: one vectorised pass, empty rows give zero.
    total = np.zeros((len(indices) + 1, weights.shape[1]), dtype=np.float64)
    np.cumsum(contrib, axis=0, out=total[1:])
    out[:] = total[indptr[1:]] - total[indptr[:-1]]
    return out
