"""Text normalisation and sparse n-gram features shared by training and run time.

The same function turns a text into (column, value) pairs when the training script fits the
linear heads and when the product scores a message, so the two can never drift apart. It is
pure Python plus numpy: no scikit-learn at run time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from itertools import chain

import numpy as np

from amends.language.text import MENTION, URL

# Long inputs are cut before featurising: the first few thousand characters decide whether a
# message is a complaint, and a 1 MB paste must not stall a batch.
MAX_CHARS = 4000

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TOKEN = re.compile(r"#?[a-z0-9_']+|[!?]+|[^\s\w]")
_CHAR_NS = (2, 3, 4, 5)
# Distinct tokens whose char-gram columns are kept (a few MB at most).
_CHAR_CACHE_SIZE = 100_000


def normalise(text: str) -> str:
    """Lower-case, mask URLs, @handles and digits, squeeze whitespace."""
    text = text[:MAX_CHARS]
    text = _CONTROL.sub(" ", text)
    text = URL.sub(" url ", text)
    text = MENTION.sub(" @user ", text)
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
        # The float32 idf in double precision, as the weights are computed before the final cast.
        self._idf64 = idf.astype(np.float64)
        self.n_features = len(word_vocab) + len(char_vocab)
        self._char_cache: dict[str, tuple[int, ...]] = {}

    def _char_columns(self, tok: str) -> tuple[int, ...]:
        """The known char-gram columns of one token, remembered: the same words come back all the time."""
        cols = self._char_cache.get(tok)
        if cols is None:
            get = self.char_vocab.get
            offset = self.char_offset
            cols = tuple(j + offset for f in char_features([tok]) if (j := get(f)) is not None)
            if len(self._char_cache) < _CHAR_CACHE_SIZE:
                self._char_cache[tok] = cols
        return cols

    def row(self, text: str) -> tuple[list[int], list[float]]:
        """Column indices and values of one text (empty when nothing is known)."""
        _, indices, values = self.rows([text])
        return indices.tolist(), values.tolist()

    def rows(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts (indptr, indices, values) for many texts.

        Each text gives two blocks, its word columns then its char columns, each weighted
        (1 + log count) * idf and scaled to length 1/sqrt(2); the weighting runs once over the
        whole batch in numpy (per column in Python it was most of the linear heads' time).
        """
        columns: list[int] = []
        counts: list[int] = []
        bounds = [0]
        get = self.word_vocab.get
        for text in texts:
            toks = tokens(normalise(text))
            # Counter counts in C; the grams and their columns are the same as char_features gives.
            words = Counter(j for f in word_features(toks) if (j := get(f)) is not None)
            chars = Counter(chain.from_iterable(self._char_columns(t) for t in toks))
            for block in (words, chars):
                columns.extend(block.keys())
                counts.extend(block.values())
                bounds.append(len(columns))
        indices = np.asarray(columns, dtype=np.int64)
        weights = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self._idf64[indices]
        edges = np.asarray(bounds, dtype=np.int64)
        norms = np.sqrt(segment_sums(weights * weights, edges)) * math.sqrt(2.0)
        sizes = np.diff(edges)
        values = weights / np.repeat(np.where(sizes > 0, norms, 1.0), sizes)
        return edges[::2].copy(), indices, values.astype(np.float32)


def segment_sums(rows: np.ndarray, bounds: np.ndarray, axis: int = 0) -> np.ndarray:
    """Sums of consecutive runs along `axis`: run i is rows[bounds[i]:bounds[i + 1]] there (empty
    runs give 0). The runs come first in the result, whichever axis they were cut from.

    One vectorised pass (np.add.reduceat) over the runs that hold anything: reduceat would give
    an empty run the row at its start instead of zero, and a running total costs several times
    as much on a batch's worth of rows. Runs along a contiguous axis are the cheaper to sum.
    """
    out = np.zeros((len(bounds) - 1, *np.delete(rows.shape, axis)), dtype=rows.dtype)
    nonempty = bounds[1:] > bounds[:-1]
    if nonempty.any():
        out[nonempty] = np.moveaxis(np.add.reduceat(rows, bounds[:-1][nonempty], axis=axis), axis, 0)
    return out


def sparse_dot(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """Dense (n_rows, n_heads) product of a CSR matrix with the weights `heads`, stored head by head
    as (n_heads, n_features): each head's run of a row is then contiguous, and summing the runs
    along the last axis costs a third of summing them down the columns of (n_features, n_heads)."""
    contrib = heads[:, indices] * values.astype(heads.dtype)[None, :]
    return segment_sums(contrib, indptr, axis=1)
