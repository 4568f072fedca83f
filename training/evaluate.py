"""Measurements shared by training/train.py and bench/language.py.

- complaint_cv: k-fold cross-validation of the complaint decision exactly as the product makes
  it (router-mixed per-source heads over [TF-IDF | distilled dense] features), per data set.
  The vocabulary, idf and static vectors are label-free and reused from the shipped artefacts;
  every supervised head is refitted inside each fold.
- choose_blend: the encoder's share and a logit shift per complaint source, chosen on held-out
  CV outputs (`python training/evaluate.py blend --write` stores the choice over all five folds).
- coach_eval: per-label F1 of the coach on one hand-labelled set of training/eval/ (named in
  COACH_SETS) and the Pearson correlation of its score with the labeller's quality ratings.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

SOURCES = ("xci", "x_fincorp", "cesamard")


def pearson(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.std() == 0 or y.std() == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    scores = []
    for cls in (0, 1):
        tp = float(np.sum((y_pred == cls) & (y_true == cls)))
        fp = float(np.sum((y_pred == cls) & (y_true != cls)))
        fn = float(np.sum((y_pred != cls) & (y_true == cls)))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


FOLD_CACHE = HERE / "cache"


def encoder_fold_path(fold: int) -> Path:
    """Held-out encoder outputs for one CV fold, written by `finetune.py --fold K`."""
    return FOLD_CACHE / f"encoder-fold{fold}.npz"


def _encoder_folds(folds: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The folds whose held-out encoder outputs exist, checked against the shipped recipe."""
    import json

    meta = json.loads((HERE.parent / "src" / "amends" / "language" / "artefacts" / "encoder.json").read_text())
    out = {}
    for k in range(folds):
        path = encoder_fold_path(k)
        if not path.exists():
            continue
        with np.load(path) as z:
            recipe = json.loads(str(z["recipe"]))
            if any(recipe.get(key, 0) != meta.get(key, 0) for key in ("layers", "epochs", "teachers", "outputs")):
                raise SystemExit(f"{path} was fitted by another recipe than encoder.json: rerun finetune.py --fold {k}")
            out[k] = (z["test_idx"], z["test_logits"])
    return out


def complaint_splits(comp: list, folds: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, held-out) row indices of the complaint CV, stratified by source and label.

    The one split used by complaint_cv and by `finetune.py --fold K`, so the encoder's held-out
    outputs line up with the linear heads' folds.
    """
    from sklearn.model_selection import StratifiedKFold

    strat = np.array([f"{c.source}{c.label}" for c in comp])
    return list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(comp)), strat))


@dataclass
class ComplaintOOF:
    """Held-out complaint probabilities of every CV row, per source head (columns in SOURCES order)."""

    y: np.ndarray
    src: np.ndarray
    fold: np.ndarray
    router: np.ndarray  # the router's weight of each source head
    linear: np.ndarray  # each linear head's probability
    encoder: np.ndarray  # each encoder output's probability (NaN on folds without its outputs)
    encoder_folds: list[int]


def complaint_oof(folds: int = 5, seed: int = 0) -> ComplaintOOF:
    """Refit the router and the per-source linear heads inside each fold; read the encoder's
    held-out outputs where `finetune.py --fold K` saved them."""
    import data
    from sklearn.linear_model import LogisticRegression
    from train import ROUTER_C, design, fit_complaint_head

    from amends.language.encoder import OUTPUTS
    from amends.language.model import Model

    model = Model()
    enc = _encoder_folds(folds)
    comp = data.complaints()
    x = design(model.vectoriser, model.dense, [c.text for c in comp])
    n = len(comp)
    out = ComplaintOOF(
        y=np.array([c.label for c in comp]), src=np.array([c.source for c in comp]), fold=np.zeros(n, dtype=int),
        router=np.zeros((n, len(SOURCES))), linear=np.zeros((n, len(SOURCES))),
        encoder=np.full((n, len(SOURCES)), np.nan), encoder_folds=sorted(enc),
    )
    for k, (tr, te) in enumerate(complaint_splits(comp, folds, seed)):
        out.fold[te] = k
        router = LogisticRegression(C=ROUTER_C, max_iter=3000).fit(x[tr], out.src[tr])
        r = router.predict_proba(x[te])
        for j, s in enumerate(router.classes_):
            col = SOURCES.index(s)
            mask = out.src[tr] == s
            coef, bias = fit_complaint_head(x[tr][mask], out.y[tr][mask], s, model.vectoriser.n_features)
            out.router[te, col] = r[:, j]
            out.linear[te, col] = 1.0 / (1.0 + np.exp(-(x[te] @ coef + bias)))
        if k in enc:
            idx, logits = enc[k]
            if not np.array_equal(idx, te):
                raise SystemExit(f"{encoder_fold_path(k)} holds out other rows than this split")
            cols = [OUTPUTS.index(f"complaint:{s}") for s in SOURCES]
            out.encoder[te] = 1.0 / (1.0 + np.exp(-logits[:, cols]))
    return out


Blend = tuple[dict[str, float], dict[str, float]]  # the encoder's share and the logit shift, per source


def blended(oof: ComplaintOOF, rows: np.ndarray, blend: Blend) -> np.ndarray:
    """The product's complaint probability of the rows (amends.language.model.Model.score)."""
    from amends.language.model import blend_complaint

    shares, shifts = blend
    p = blend_complaint(
        oof.linear[rows], np.nan_to_num(oof.encoder[rows]),
        np.array([shares[s] for s in SOURCES]), np.array([shifts[s] for s in SOURCES]),
    )
    return (oof.router[rows] * p).sum(axis=1)


def source_f1(oof: ComplaintOOF, rows: np.ndarray, p: np.ndarray) -> dict[str, float]:
    src = oof.src[rows]
    return {s: macro_f1(oof.y[rows][src == s], (p[src == s] >= 0.5).astype(int)) for s in SOURCES}


SHARES = tuple(round(0.1 * i, 1) for i in range(11))
SHIFTS = tuple(round(0.25 * i, 2) for i in range(-4, 5))


def choose_blend(oof: ComplaintOOF, rows: np.ndarray) -> Blend:
    """Per source, the encoder share and logit shift that maximise that source's F1 on `rows`.

    Ties go to the share nearest 0.5 and the smallest shift, so a flat stretch picks a middle.
    """
    shares = {s: 0.3 for s in SOURCES}
    shifts = {s: 0.0 for s in SOURCES}
    for s in SOURCES:
        best: tuple[float, float, float] | None = None
        best_choice = (shares[s], shifts[s])
        for a in SHARES:
            for d in SHIFTS:
                trial = ({**shares, s: a}, {**shifts, s: d})
                f = source_f1(oof, rows, blended(oof, rows, trial))[s]
                key = (round(f, 6), -abs(a - 0.5), -abs(d))
                if best is None or key > best:
                    best, best_choice = key, (a, d)
        shares[s], shifts[s] = best_choice
    return shares, shifts


def uniform(share: float) -> Blend:
    """One encoder share for every source, no logit shift (the shipped form of the blend)."""
    return {s: share for s in SOURCES}, {s: 0.0 for s in SOURCES}


def choose_share(oof: ComplaintOOF, rows: np.ndarray) -> float:
    """The single encoder share that maximises the mean of the three sources' F1 on `rows`; ties
    go to the share nearest 0.5."""
    def key(a: float) -> tuple[float, float]:
        mean_f1 = float(np.mean(list(source_f1(oof, rows, blended(oof, rows, uniform(a))).values())))
        return round(mean_f1, 6), -abs(a - 0.5)

    return max(SHARES, key=key)


def share_cv(oof: ComplaintOOF) -> tuple[dict[float, dict[str, float]], dict[str, float], list[float]]:
    """Per single share, each source's F1 over every row; the F1 when each fold is scored with the
    share chosen on the other four (nested); and those choices."""
    rows = np.arange(len(oof.y))
    per_share = {a: source_f1(oof, rows, blended(oof, rows, uniform(a))) for a in SHARES}
    nested = np.zeros(len(oof.y))
    choices = []
    for k in oof.encoder_folds:
        a = choose_share(oof, np.flatnonzero(oof.fold != k))
        choices.append(a)
        outer = np.flatnonzero(oof.fold == k)
        nested[outer] = blended(oof, outer, uniform(a))
    return per_share, source_f1(oof, rows, nested), choices


def complaint_cv(folds: int = 5, seed: int = 0, blend: Blend | None = None) -> dict[str, float]:
    """Complaint macro-F1 per source by stratified k-fold CV of the shipped recipe (router + heads).

    The per-source probabilities are blended with the fine-tuned encoder's as the product does
    (``blend``: the encoder's share and logit shift per source, by default the shipped ones) on
    the folds whose held-out encoder outputs are in FOLD_CACHE (``finetune.py --fold K``). Keys:
    each source's F1 of the blend over those folds' rows; ``linear:<source>``, the linear heads'
    F1 over the same rows; ``nested:<source>``, the F1 when each fold's blend is chosen on the
    other folds (choose_blend), so no fold is scored with a choice made on it;
    ``encoder_folds``, how many folds have encoder outputs (0: the linear heads alone over every
    row).
    """
    from amends.language.model import Model

    oof = complaint_oof(folds, seed)
    if blend is None:
        model = Model()
        blend = ({s: float(a) for s, a in zip(model.sources, model.blend_complaint, strict=True)},
                 {s: float(d) for s, d in zip(model.sources, model.complaint_shift, strict=True)})
    scored = np.isin(oof.fold, oof.encoder_folds) if oof.encoder_folds else np.ones(len(oof.y), dtype=bool)
    rows = np.flatnonzero(scored)
    linear = source_f1(oof, rows, (oof.router * oof.linear)[rows].sum(axis=1))
    out: dict[str, float] = {"encoder_folds": float(len(oof.encoder_folds))}
    out |= source_f1(oof, rows, blended(oof, rows, blend)) if oof.encoder_folds else linear
    out |= {f"linear:{s}": f for s, f in linear.items()}
    if len(oof.encoder_folds) > 1:
        nested = np.zeros(len(oof.y))
        for k in oof.encoder_folds:
            inner = np.flatnonzero(scored & (oof.fold != k))
            outer = np.flatnonzero(oof.fold == k)
            nested[outer] = blended(oof, outer, choose_blend(oof, inner))
        out |= {f"nested:{s}": f for s, f in source_f1(oof, rows, nested[rows]).items()}
    return out


# The labelled coach sets: authored ones are a module's CASES, real ones a table of IBM threads
# in eval/coach_real.py (in the order they were drawn and labelled).
AUTHORED_SETS = {
    "authored-tuning": "eval.coach_eval",
    "authored-heldout": "eval.coach_heldout",
    "authored-final": "eval.coach_test",
}
REAL_SETS = {
    "real-1": "LABELS",
    "real-2": "HELDOUT",
    "real-3": "TEST",
    "real-4": "FINAL",
    "real-5": "LAST",
    "real-6": "SIXTH",
    "real-7": "SEVENTH",
    "real-8": "EIGHTH",
    "real-9": "NINTH",
    "real-10": "TENTH",
    "real-11": "ELEVENTH",
}
# Help-desk replies of the STC-3 dialogues (another source of real replies, translated), in
# eval/coach_helpdesk.py: held out of everything the rules and the score weights were fitted on.
HELPDESK_SETS = {
    "helpdesk-1": "FIRST",
    "helpdesk-2": "SECOND",
    "helpdesk-3": "THIRD",
    "helpdesk-4": "FOURTH",
    "helpdesk-5": "FIFTH",
    "helpdesk-6": "SIXTH",
    "helpdesk-7": "SEVENTH",
    "helpdesk-8": "EIGHTH",
    "helpdesk-9": "NINTH",
}
COACH_SETS = (*AUTHORED_SETS, *REAL_SETS, *HELPDESK_SETS)


def real_reply_cases(set_name: str) -> list[tuple[str, str, str, int]]:
    """The labelled real replies of one eval/coach_real.py table with their texts from the shared data."""
    import data
    from eval import coach_real

    if set_name not in REAL_SETS:
        raise ValueError(f"unknown real-reply set {set_name!r}; one of {', '.join(REAL_SETS)}")
    labelled: list[tuple[str, str, int]] = getattr(coach_real, REAL_SETS[set_name])
    threads = {r["session_id"]: r for r in data.read_csv("conversations/ibm_customer_care_dev.csv")}
    cases = []
    for session, codes, rating in labelled:
        row = threads[session]
        cases.append((data.speaker_text(row["context"]), row["agent_reply"], codes, rating))
    return cases


def helpdesk_reply_cases(set_name: str) -> list[tuple[str, str, str, int]]:
    """The labelled help-desk replies of one eval/coach_helpdesk.py table, texts from the shared data."""
    import data
    from eval import coach_helpdesk

    labelled: list[tuple[str, str, int]] = getattr(coach_helpdesk, HELPDESK_SETS[set_name])
    dialogues = {r["id"]: r["dialogue"] for r in data.read_csv("conversations/stc3_dialogues_train.csv")}
    cases = []
    for dialogue_id, codes, rating in labelled:
        exchange = data.first_exchange(dialogues[dialogue_id])
        assert exchange is not None, dialogue_id
        cases.append((*exchange, codes, rating))
    return cases


def coach_cases(set_name: str) -> list[tuple[str, str, str, int]]:
    """(customer message, reply, codes, rating) of one labelled set named in COACH_SETS."""
    import importlib

    if set_name in REAL_SETS:
        return real_reply_cases(set_name)
    if set_name in HELPDESK_SETS:
        return helpdesk_reply_cases(set_name)
    if set_name not in AUTHORED_SETS:
        raise ValueError(f"unknown coach set {set_name!r}; one of {', '.join(COACH_SETS)}")
    cases: list[tuple[str, str, str, int]] = importlib.import_module(AUTHORED_SETS[set_name]).CASES
    return cases


def coach_eval(set_name: str = "authored-tuning") -> dict[str, object]:
    """Coach F1 per label and score-vs-rating correlation on one labelled set (see COACH_SETS)."""
    from eval.coach_eval import CODES

    from amends.language.coach import ELEMENTS, PITFALLS, coach

    cases = coach_cases(set_name)
    names = list(ELEMENTS) + list(PITFALLS)
    gold: dict[str, list[bool]] = {n: [] for n in names}
    pred: dict[str, list[bool]] = {n: [] for n in names}
    scores, ratings = [], []
    for customer, reply, codes, rating in cases:
        labels = {CODES[c] for c in codes.split()}  # an empty string: nothing present
        result = coach(reply, customer)
        found = {k for k, v in result.elements.items() if v.present} | {
            k for k, v in result.pitfalls.items() if v.present
        }
        for n in names:
            gold[n].append(n in labels)
            pred[n].append(n in found)
        scores.append(result.score)
        ratings.append(rating)
    f1 = {}
    for n in names:
        g, p = np.array(gold[n]), np.array(pred[n])
        tp, fp, fn = np.sum(g & p), np.sum(~g & p), np.sum(g & ~p)
        f1[n] = float(2 * tp / (2 * tp + fp + fn)) if (tp + fp + fn) else 1.0
    return {
        "n": len(cases),
        "f1": f1,
        "mean_f1": float(np.mean(list(f1.values()))),
        "score_pearson": pearson(scores, ratings),
    }


def main() -> None:
    """`python training/evaluate.py blend [--write]`: choose the complaint blend (a share and a
    logit shift per source) on every CV fold with encoder outputs; `share [--write]`: one share
    for every source, with its nested CV figures. --write stores the choice in
    training/blend.json and the shipped encoder.json."""
    import argparse
    import json

    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["blend", "share"])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    oof = complaint_oof()
    if len(oof.encoder_folds) < 5:
        raise SystemExit(f"encoder outputs for {len(oof.encoder_folds)} of 5 folds: run finetune.py --fold K first")
    path = HERE / "blend.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    if args.what == "share":
        per_share, nested, choices = share_cv(oof)
        for a, f in per_share.items():
            print(f"share {a}: " + ", ".join(f"{s} {v:.3f}" for s, v in f.items()))
        print("nested (each fold with the share chosen on the other four, " + ", ".join(map(str, choices)) + "): "
              + ", ".join(f"{s} {v:.3f}" for s, v in nested.items()))
        share = choose_share(oof, np.arange(len(oof.y)))
        print(f"chosen on all five folds: {share}")
        saved["chosen"] = (f"one encoder share for every complaint source ({share}), chosen by "
                           "evaluate.choose_share on the held-out outputs of all five CV folds; intensity share "
                           "on the WASSA dev files")
        saved["blend"] = {k: v for k, v in saved["blend"].items() if k != "complaint_shift"} | {"complaint": share}
    else:
        shares, shifts = choose_blend(oof, np.arange(len(oof.y)))
        print(json.dumps({"complaint": shares, "complaint_shift": shifts}))
        saved["chosen"] = ("complaint share and logit shift per source by evaluate.choose_blend on the held-out "
                           "outputs of all five CV folds; intensity share on the WASSA dev files")
        saved["blend"] |= {"complaint": shares, "complaint_shift": shifts}
    if args.write:
        path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
        meta_path = HERE.parent / "src" / "amends" / "language" / "artefacts" / "encoder.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["blend"] = saved["blend"]
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
