"""Fit the coach's score weights to the quality ratings of the labelled reply sets.

The score is `base + sum(weight of each element found) - sum(penalty of each pitfall found)`,
clipped to 0-100, in the units of the ratings: it estimates the rating a service-recovery
manager would give the reply. The weights are a ridge fit to the ratings of the labelled sets
(the real-reply sets of eval/coach_real.py and the three authored sets; the help-desk set is
kept out as a check), pulled towards the playbook's own weights (`coach.PLAYBOOK_WEIGHTS`, up to
a common scale) so that an element the ratings rarely see (something extra never occurs in the
real replies) keeps the playbook's say. The fit uses
what the coach *detects*, not the labels, so the weights also absorb how reliable each detector
is.

    python training/coach_weights.py            # print leave-one-set-out figures
    python training/coach_weights.py --write    # ... and write artefacts/coach.json

The figures to quote are leave-one-set-out: each real set scored with weights fitted on the
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
from evaluate import AUTHORED_SETS, REAL_SETS, coach_cases, pearson  # noqa: E402

from amends.language.coach import ELEMENTS, PITFALLS, PLAYBOOK_WEIGHTS, SCORE_FILE, coach  # noqa: E402

NAMES = (*ELEMENTS, *PITFALLS)
# Strength of the pull towards the playbook, in rated replies: chosen by the leave-one-set-out
# mean r over the real sets (with sets 1-9: 3, 10 and 30 gave 0.720, 0.719 and 0.715; none 0.720;
# 1,000 0.684).
RIDGE = 10.0


def detections() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per labelled reply: its set, what the coach finds (0/1 per name in NAMES), its rating."""
    sets, found, ratings = [], [], []
    for name in (*REAL_SETS, *AUTHORED_SETS):
        for customer, reply, _codes, rating in coach_cases(name):
            result = coach(reply, customer)
            present = {k for k, v in (result.elements | result.pitfalls).items() if v.present}
            sets.append(name)
            found.append([k in present for k in NAMES])
            ratings.append(rating)
    return np.array(sets), np.array(found, dtype=float), np.array(ratings, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, ridge: float = RIDGE) -> tuple[float, np.ndarray]:
    """Least squares for (base, signed weights, scale) with `ridge * |weights - scale * playbook|^2`."""
    prior = np.array([PLAYBOOK_WEIGHTS[k] for k in NAMES], dtype=float)
    n, k = x.shape
    design = np.hstack([np.ones((n, 1)), x, np.zeros((n, 1))])
    pull = np.sqrt(ridge) * np.hstack([np.zeros((k, 1)), np.eye(k), -prior[:, None]])
    solution = np.linalg.lstsq(np.vstack([design, pull]), np.concatenate([y, np.zeros(k)]), rcond=None)[0]
    return float(solution[0]), solution[1 : k + 1]


def leave_one_set_out(sets: np.ndarray, x: np.ndarray, y: np.ndarray) -> dict[str, tuple[float, float]]:
    """Per real set: score r with the playbook weights, and with weights fitted on the other sets."""
    prior = np.array([PLAYBOOK_WEIGHTS[k] for k in NAMES], dtype=float)
    out = {}
    for name in REAL_SETS:
        held = sets == name
        base, weights = fit(x[~held], y[~held])
        out[name] = (pearson(x[held] @ prior, y[held]), pearson(base + x[held] @ weights, y[held]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help=f"write the weights fitted on every set to {SCORE_FILE.name}")
    args = ap.parse_args()
    sets, x, y = detections()
    figures = leave_one_set_out(sets, x, y)
    for name, (playbook, fitted) in figures.items():
        print(f"{name}: score r {playbook:.3f} with the playbook weights, {fitted:.3f} fitted on the other sets")
    means = np.mean(list(figures.values()), axis=0)
    print(f"mean over the real sets: {means[0]:.3f} -> {means[1]:.3f}")
    base, weights = fit(x, y)
    table = {k: round(float(w), 1) for k, w in zip(NAMES, weights, strict=True)}
    print(json.dumps({"base": round(base, 1), "weights": table}))
    if args.write:
        SCORE_FILE.write_text(
            json.dumps(
                {
                    "about": "coach score = base + weights of the elements found + (negative) weights of the "
                    "pitfalls found, clipped to 0-100; fitted by training/coach_weights.py",
                    "replies": len(y),
                    "leave_one_set_out_mean_r": {
                        "playbook": round(float(means[0]), 3),
                        "fitted": round(float(means[1]), 3),
                    },
                    "base": round(base, 1),
                    "weights": table,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {SCORE_FILE}")


if __name__ == "__main__":
    main()
