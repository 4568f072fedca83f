"""Measurements shared by training/train.py and bench/language.py.

- complaint_cv: k-fold cross-validation of the complaint decision exactly as the product makes
  it (router-mixed per-source heads over [TF-IDF | distilled dense] features), per data set.
  The vocabulary, idf and static vectors are label-free and reused from the shipped artefacts;
  every supervised head is refitted inside each fold.
- coach_eval: per-label F1 of the coach on one hand-labelled set of training/eval/ (named in
  COACH_SETS) and the Pearson correlation of its score with the labeller's quality ratings.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
            if any(recipe[key] != meta[key] for key in ("layers", "epochs", "outputs")):
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


def complaint_cv(folds: int = 5, seed: int = 0, blend: float | None = None) -> dict[str, float]:
    """Complaint macro-F1 per source by stratified k-fold CV of the shipped recipe (router + heads).

    The per-source probabilities are blended with the fine-tuned encoder's as the product does
    (``blend``: the encoder's share, by default the shipped one) on the folds whose held-out
    encoder outputs are in FOLD_CACHE (``finetune.py --fold K``). Keys: each source's F1 of the
    blend over those folds' rows; ``linear:<source>``, the linear heads' F1 over the same rows;
    ``encoder_folds``, how many folds that is (0: the linear heads alone over every row).
    """
    import data
    from sklearn.linear_model import LogisticRegression
    from train import ROUTER_C, design, fit_complaint_head

    from amends.language.encoder import OUTPUTS
    from amends.language.model import Model

    model = Model()
    if blend is None:
        blend = model.blend_complaint
    enc = _encoder_folds(folds)
    comp = data.complaints()
    x = design(model.vectoriser, model.dense, [c.text for c in comp])
    y = np.array([c.label for c in comp])
    src = np.array([c.source for c in comp])
    linear = np.zeros(len(y))
    blended = np.zeros(len(y))
    scored = np.zeros(len(y), dtype=bool)
    for k, (tr, te) in enumerate(complaint_splits(comp, folds, seed)):
        router = LogisticRegression(C=ROUTER_C, max_iter=3000).fit(x[tr], src[tr])
        r = router.predict_proba(x[te])
        for j, s in enumerate(router.classes_):
            mask = src[tr] == s
            coef, bias = fit_complaint_head(x[tr][mask], y[tr][mask], s, model.vectoriser.n_features)
            p = 1.0 / (1.0 + np.exp(-(x[te] @ coef + bias)))
            linear[te] += r[:, j] * p
            if k in enc:
                idx, logits = enc[k]
                if not np.array_equal(idx, te):
                    raise SystemExit(f"{encoder_fold_path(k)} holds out other rows than this split")
                p = (1 - blend) * p + blend / (1.0 + np.exp(-logits[:, OUTPUTS.index(f"complaint:{s}")]))
            blended[te] += r[:, j] * p
        scored[te] = k in enc or not enc
    out: dict[str, float] = {"encoder_folds": float(len(enc))}
    for s in SOURCES:
        m = scored & (src == s)
        out[s] = macro_f1(y[m], (blended[m] >= 0.5).astype(int))
        out[f"linear:{s}"] = macro_f1(y[m], (linear[m] >= 0.5).astype(int))
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
}
COACH_SETS = (*AUTHORED_SETS, *REAL_SETS)


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


def coach_cases(set_name: str) -> list[tuple[str, str, str, int]]:
    """(customer message, reply, codes, rating) of one labelled set named in COACH_SETS."""
    import importlib

    if set_name in REAL_SETS:
        return real_reply_cases(set_name)
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
