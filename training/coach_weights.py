"""Fit the coach's score to the quality ratings of the labelled reply sets.

The score is `base + sum(weight of each element found) - sum(penalty of each pitfall found) +
wording . v`, clipped to 0-100, in the units of the ratings: it estimates the rating a
service-recovery manager would give the reply. `wording` is the reply's static sentence vector
(the engine's DenseEncoder, 256 numbers, already computed for every text the engine reads) and
`v` a learned direction in it: what the raters reward in how a reply is put that the thirteen
detectors do not see. The fit is one ridge regression on the labelled sets (the real-reply sets
of eval/coach_real.py, help-desk sets 1-4 and 6-7 of eval/coach_helpdesk.py and the three authored
sets; help-desk sets 5, 8 and 9 are kept out as checks never fitted on): the element and pitfall weights are
pulled towards the playbook's own weights (`coach.PLAYBOOK_WEIGHTS`, up to a common scale) so
that an element the ratings rarely see (something extra never occurs in the real replies) keeps
the playbook's say, and `v` towards zero. The fit uses what the coach *detects*, not the labels,
so the weights also absorb how reliable each detector is.

    python training/coach_weights.py            # print leave-one-set-out figures
    python training/coach_weights.py --write    # ... and write artefacts/coach.json

The figures to quote are leave-one-set-out: each real set scored with a score fitted on the
other sets (docs/language.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
from evaluate import AUTHORED_SETS, HELPDESK_SETS, REAL_SETS, coach_cases, pearson  # noqa: E402

from amends.language.coach import (  # noqa: E402
    ELEMENTS,
    PITFALLS,
    PLAYBOOK_WEIGHTS,
    SCORE_FILE,
    ScoreModel,
    coach,
    wording,
)

NAMES = (*ELEMENTS, *PITFALLS)
# Strength of the pull towards the playbook, in rated replies: chosen by the leave-one-set-out
# mean r over the real sets (with sets 1-9: 3, 10 and 30 gave 0.720, 0.719 and 0.715; none 0.720;
# 1,000 0.684).
RIDGE = 10.0
# Pull of the wording direction towards zero, in the units of the (unit-length) sentence vector:
# chosen by the leave-one-set-out mean r over the real sets (0.1, 0.3, 1, 3: see --sweep).
WORDING_RIDGE = 0.3
# Help-desk sets 5, 8 and 9 are checks never fitted on; the other help-desk sets are fitted on since
# help-desk set 4's revision (with sets 1-3 held out too, their mean leave-one-set-out r was 0.569;
# fitted on, 0.640, at 0.769 -> 0.762 on the IBM sets).
HELD_OUT_SOURCES = ("helpdesk-5", "helpdesk-8", "helpdesk-9")
RATED_SETS = (*REAL_SETS, *(name for name in HELPDESK_SETS if name not in HELD_OUT_SOURCES))


def detections(names: tuple[str, ...] = (*RATED_SETS, *AUTHORED_SETS)) -> tuple[np.ndarray, ...]:
    """Per labelled reply: its set, what the coach finds (0/1 per name in NAMES), the reply's
    wording vector, its rating."""
    sets, found, vectors, ratings = [], [], [], []
    for name in names:
        for customer, reply, _codes, rating in coach_cases(name):
            result = coach(reply, customer)
            present = {k for k, v in (result.elements | result.pitfalls).items() if v.present}
            sets.append(name)
            found.append([k in present for k in NAMES])
            vectors.append(wording(reply))
            ratings.append(rating)
    return np.array(sets), np.array(found, dtype=float), np.array(vectors), np.array(ratings, dtype=float)


def fit(
    x: np.ndarray, w: np.ndarray | None, y: np.ndarray, ridge: float = RIDGE, wording_ridge: float = WORDING_RIDGE
) -> ScoreModel:
    """Least squares for (base, signed weights, scale, wording direction) with
    `ridge * |weights - scale * playbook|^2 + wording_ridge * |direction|^2`; no direction when w is None.

    The wording term is centred on the fitted replies (the offset is their mean vector's
    projection), so it moves a reply up or down from what its elements are worth and the base
    keeps its meaning; its range is what it gives the fitted replies, which the product keeps it
    within (`ScoreModel.term`)."""
    prior = np.array([PLAYBOOK_WEIGHTS[k] for k in NAMES], dtype=float)
    n, k = x.shape
    d = 0 if w is None else w.shape[1]
    centre = np.zeros(d) if w is None else w.mean(axis=0)
    design = np.hstack([np.ones((n, 1)), x, np.zeros((n, 1)), np.zeros((n, 0)) if w is None else w - centre])
    pull = np.sqrt(ridge) * np.hstack([np.zeros((k, 1)), np.eye(k), -prior[:, None], np.zeros((k, d))])
    shrink = np.sqrt(wording_ridge) * np.hstack([np.zeros((d, k + 2)), np.eye(d)])
    solution = np.linalg.lstsq(
        np.vstack([design, pull, shrink]), np.concatenate([y, np.zeros(k + d)]), rcond=None
    )[0]
    direction = solution[k + 2 :]
    offset = float(centre @ direction)
    spread = (w @ direction - offset) if w is not None else np.zeros(1)
    return ScoreModel(
        base=float(solution[0]),
        weights={name: float(v) for name, v in zip(NAMES, solution[1 : k + 1], strict=True)},
        wording=direction,
        wording_offset=offset,
        wording_range=(float(spread.min()), float(spread.max())),
    )


def predict(model: ScoreModel, x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The score before clipping to 0-100, as coach._score adds it up."""
    weights = np.array([model.weights[k] for k in NAMES])
    return model.base + x @ weights + np.array([model.term(v) for v in w])


def leave_one_set_out(
    sets: np.ndarray, x: np.ndarray, w: np.ndarray, y: np.ndarray, wording_ridge: float = WORDING_RIDGE
) -> dict[str, tuple[float, float, float]]:
    """Per real set: score r with the playbook weights, with weights fitted on the other sets, and
    with weights and the wording direction fitted on the other sets."""
    prior = np.array([PLAYBOOK_WEIGHTS[k] for k in NAMES], dtype=float)
    out = {}
    for name in RATED_SETS:
        held = sets == name
        plain = fit(x[~held], None, y[~held])
        full = fit(x[~held], w[~held], y[~held], wording_ridge=wording_ridge)
        out[name] = (
            pearson(x[held] @ prior, y[held]),
            pearson(predict(plain, x[held], w[held]), y[held]),
            pearson(predict(full, x[held], w[held]), y[held]),
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help=f"write the score fitted on every set to {SCORE_FILE.name}")
    ap.add_argument("--sweep", action="store_true", help="print the leave-one-set-out mean r for other wording ridges")
    args = ap.parse_args()
    sets, x, w, y = detections()
    if args.sweep:
        for ridge in (0.1, 0.3, 1.0, 3.0, 10.0):
            means = np.mean(list(leave_one_set_out(sets, x, w, y, ridge).values()), axis=0)
            print(f"wording ridge {ridge}: mean r {means[2]:.3f}")
    figures = leave_one_set_out(sets, x, w, y)
    for name, (playbook, fitted, worded) in figures.items():
        print(f"{name}: score r {playbook:.3f} with the playbook weights, {fitted:.3f} fitted on the other sets, "
              f"{worded:.3f} with the wording term")
    means = np.mean(list(figures.values()), axis=0)
    for source, names in (("IBM", REAL_SETS), ("help-desk", [n for n in RATED_SETS if n not in REAL_SETS])):
        m = np.mean([figures[n] for n in names], axis=0)
        print(f"mean over the {source} sets: {m[0]:.3f} -> {m[1]:.3f} -> {m[2]:.3f}")
    print(f"mean over all the rated sets: {means[0]:.3f} -> {means[1]:.3f} -> {means[2]:.3f}")
    model = fit(x, w, y)
    plain = fit(x, None, y)
    # Another source, never fitted on: the STC-3 help-desk sets.
    hs, hx, hw, hy = detections(HELD_OUT_SOURCES)
    for name in HELD_OUT_SOURCES:
        held = hs == name
        without = pearson(predict(plain, hx[held], hw[held]), hy[held])
        worded = pearson(predict(model, hx[held], hw[held]), hy[held])
        print(f"{name} (not fitted on): score r {without:.3f} without the wording term, {worded:.3f} with it")
    spread = np.array([model.term(v) for v in w])
    print(f"wording term over the fitted replies: mean {spread.mean():.1f}, sd {spread.std():.1f}, "
          f"range {spread.min():.1f} to {spread.max():.1f} points")
    table = {k: round(v, 1) for k, v in model.weights.items()}
    print(json.dumps({"base": round(model.base, 1), "weights": table}))
    if args.write:
        SCORE_FILE.write_text(
            json.dumps(
                {
                    "about": "coach score = base + weights of the elements found + (negative) weights of the "
                    "pitfalls found + (wording . the reply's static sentence vector - wording_offset), clipped to "
                    "0-100; "
                    "fitted by training/coach_weights.py",
                    "replies": len(y),
                    "leave_one_set_out_mean_r": {
                        "playbook": round(float(means[0]), 3),
                        "fitted": round(float(means[1]), 3),
                        "fitted_with_wording": round(float(means[2]), 3),
                    },
                    "base": round(model.base, 2),
                    "weights": table,
                    "wording_offset": round(model.wording_offset, 3),
                    # The term is kept within what it gave the rated replies: no extrapolation
                    # for wordings unlike any of them.
                    "wording_range": [round(v, 1) for v in model.wording_range],
                    "wording": [round(float(v), 3) for v in model.wording],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {SCORE_FILE}")


if __name__ == "__main__":
    main()
