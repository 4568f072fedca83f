"""Measurements shared by training/train.py and bench/language.py.

- complaint_cv: k-fold cross-validation of the complaint decision exactly as the product makes
  it (router-mixed per-source heads over [TF-IDF | distilled dense] features), per data set.
  The vocabulary, idf and static vectors are label-free and reused from the shipped artefacts;
  every supervised head is refitted inside each fold.
- coach_eval: per-label F1 of the coach on the hand-labelled set in training/eval/ and the
  Pearson correlation of its score with the author's quality ratings.
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


def complaint_cv(folds: int = 5, seed: int = 0) -> dict[str, float]:
    """Complaint macro-F1 per source by stratified k-fold CV of the shipped recipe (router + heads)."""
    import data
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from train import ROUTER_C, fit_complaint_head

    from amends.language.model import Model

    model = Model()
    comp = data.complaints()
    texts = [c.text for c in comp]
    indptr, indices, values = model.vectoriser.rows(texts)
    xs = sp.csr_matrix((values, indices, indptr), shape=(len(texts), model.vectoriser.n_features))
    x = sp.hstack([xs, sp.csr_matrix(model.dense.encode(texts))]).tocsr()
    y = np.array([c.label for c in comp])
    src = np.array([c.source for c in comp])
    strat = np.array([f"{s}{label}" for s, label in zip(src, y, strict=True)])
    prob = np.zeros(len(y))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, strat):
        router = LogisticRegression(C=ROUTER_C, max_iter=3000).fit(x[tr], src[tr])
        r = router.predict_proba(x[te])
        mix = np.zeros(len(te))
        for k, s in enumerate(router.classes_):
            mask = src[tr] == s
            coef, bias = fit_complaint_head(x[tr][mask], y[tr][mask], s, model.vectoriser.n_features)
            mix += r[:, k] / (1.0 + np.exp(-(x[te] @ coef + bias)))
        prob[te] = mix
    return {s: macro_f1(y[src == s], (prob[src == s] >= 0.5).astype(int)) for s in SOURCES}


def real_reply_cases(heldout: bool = False, test: bool = False, final: bool = False,
                     last: bool = False, sixth: bool = False) -> list[tuple[str, str, str, int]]:
    """The labelled real replies of eval/coach_real.py with their texts from the shared data."""
    import csv

    from data import data_dir
    from eval.coach_real import FINAL, HELDOUT, LABELS, LAST, SIXTH, TEST

    with open(data_dir() / "conversations" / "ibm_customer_care_dev.csv", newline="", encoding="utf-8") as fh:
        threads = {r["session_id"]: r for r in csv.DictReader(fh)}
    cases = []
    chosen = SIXTH if sixth else LAST if last else FINAL if final else TEST if test else HELDOUT if heldout else LABELS
    for session, codes, rating in chosen:
        row = threads[session]
        customer = " ".join(t.split(":", 1)[1].strip() for t in row["context"].split(" || ")
                            if t.startswith("CUSTOMER:"))
        cases.append((customer, row["agent_reply"], codes, rating))
    return cases


def coach_eval(heldout: bool = False, final: bool = False, real: bool = False,
               real_heldout: bool = False, real_test: bool = False, real_final: bool = False,
               real_last: bool = False, real_sixth: bool = False) -> dict[str, object]:
    """Coach F1 and score correlation on the tuning, held-out, final test or real-reply set."""
    from eval.coach_eval import CODES

    from amends.language.coach import ELEMENTS, PITFALLS, coach

    if real or real_heldout or real_test or real_final or real_last or real_sixth:
        CASES = real_reply_cases(heldout=real_heldout, test=real_test, final=real_final, last=real_last,
                                 sixth=real_sixth)
    elif final:
        from eval.coach_test import CASES
    elif heldout:
        from eval.coach_heldout import CASES
    else:
        from eval.coach_eval import CASES

    names = list(ELEMENTS) + list(PITFALLS)
    gold = {n: [] for n in names}  # type: dict[str, list[bool]]
    pred = {n: [] for n in names}  # type: dict[str, list[bool]]
    scores, ratings = [], []
    for customer, reply, codes, rating in CASES:
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
        "n": len(CASES),
        "f1": f1,
        "mean_f1": float(np.mean(list(f1.values()))),
        "score_pearson": pearson(scores, ratings),
    }
