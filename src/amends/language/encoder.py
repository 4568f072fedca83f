"""The fine-tuned MiniLM encoder, run as an int8 ONNX graph with onnxruntime.

`training/finetune.py` writes `artefacts/encoder.onnx`: all six layers of all-MiniLM-L6-v2
fine-tuned on the complaint sets and the WASSA-2017 intensities, mean-pooled, with one output per
entry of OUTPUTS, for one unpadded text at a time, and `artefacts/encoder.json` (its recipe and
blend weights). `prepare` is the text normalisation shared by training and run time.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from amends.language.features import MAX_CHARS
from amends.language.text import MENTION, URL

MAX_TOKENS = 128
OUTPUTS = (
    "complaint:xci",
    "complaint:x_fincorp",
    "complaint:cesamard",
    "intensity:anger",
    "intensity:sadness",
    "intensity:fear",
    "intensity:joy",
)
_SPACE = re.compile(r"\s+")


def prepare(text: str) -> str:
    """Links and @handles carry no meaning for the encoder; they become one placeholder each."""
    text = URL.sub(" http ", text)
    text = MENTION.sub(" @user ", text)
    return _SPACE.sub(" ", text).strip()


class Encoder:
    """Runs the int8 graph over texts; one thread unless the caller asks for more."""

    def __init__(self, path: Path, tokenizer_path: Path, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def outputs(self, texts: list[str]) -> np.ndarray:
        """Raw outputs, shape (n, len(OUTPUTS)): complaint logits and intensity logits.

        Each text runs alone. The graph quantises its activations with one scale per input
        tensor, so in a padded batch a text's result would depend on its neighbours; alone it is
        the same in `analyze` and in any batch file, at about 10 % of the batched speed.
        """
        out = np.zeros((len(texts), len(OUTPUTS)), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([prepare(t[:MAX_CHARS]) for t in texts])
        for row, encoding in enumerate(encodings):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            out[row] = self.session.run(None, {"input_ids": ids})[0][0]
        return out
