"""The fine-tuned encoder: same result alone or in a batch, blended into the model's probabilities."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from amends.language.encoder import OUTPUTS, prepare
from amends.language.model import ARTEFACTS, ArtefactsMissing, Model, _sigmoid, _softmax

TEXTS = [
    "@AirlineCo my bag has been lost for 5 days https://t.co/x and nobody answers",
    "",
    "thanks, the new card arrived today!",
    "Worst purchase ever. Stopped working after a week and the seller ignores me. " * 8,
]


def test_prepare_replaces_links_and_handles_with_one_placeholder_each() -> None:
    assert prepare("@Brand  see https://x.co/a   now @help") == "@user see http now @user"


def test_outputs_of_a_text_do_not_depend_on_the_rest_of_the_batch(model: Model) -> None:
    together = model.encoder.outputs(TEXTS)
    assert together.shape == (len(TEXTS), len(OUTPUTS))
    for i, text in enumerate(TEXTS):
        np.testing.assert_array_equal(model.encoder.outputs([text])[0], together[i])
    assert model.encoder.outputs([]).shape == (0, len(OUTPUTS))


def test_encoder_tells_a_complaint_from_thanks(model: Model) -> None:
    texts = ["you charged me twice and nobody answers my emails", "thank you so much, great service"]
    out = model.encoder.outputs(texts)
    col = OUTPUTS.index("complaint:xci")
    assert out[0, col] > 0 > out[1, col]
    anger = OUTPUTS.index("intensity:anger")
    assert out[0, anger] > out[1, anger]


def test_probabilities_blend_the_linear_heads_and_the_encoder(model: Model) -> None:
    scores = model.score(TEXTS)
    raw = model.logits(TEXTS)
    enc = model.encoder.outputs(TEXTS)
    router = _softmax(raw[:, [model.col[f"router:{s}"] for s in model.sources]])
    w = model.blend_complaint
    assert w.shape == (len(model.sources),) and ((w >= 0) & (w <= 1)).all()
    linear = _sigmoid(raw[:, [model.col[f"complaint:{s}"] for s in model.sources]])
    tuned = _sigmoid(enc[:, [OUTPUTS.index(f"complaint:{s}") for s in model.sources]])
    mixed = (1 - w) * linear + w * tuned
    per_source = 1 / (1 + np.exp(-(np.log(mixed / (1 - mixed)) + model.complaint_shift)))
    np.testing.assert_allclose(scores.complaint, (router * per_source).sum(axis=1), rtol=1e-5)
    wi = model.blend_intensity
    anger = np.clip(raw[:, model.col["intensity:anger"]], 0, 1)
    expected = (1 - wi) * anger + wi * _sigmoid(enc[:, OUTPUTS.index("intensity:anger")])
    np.testing.assert_allclose(scores.emotions["anger"], expected, rtol=1e-5)


def test_fast_analysis_uses_the_linear_heads_alone(model: Model) -> None:
    from amends.language import analyze_many

    raw = model.logits(TEXTS)
    router = _softmax(raw[:, [model.col[f"router:{s}"] for s in model.sources]])
    linear = (router * _sigmoid(raw[:, [model.col[f"complaint:{s}"] for s in model.sources]])).sum(axis=1)
    np.testing.assert_allclose(model.score(TEXTS, encoder=False).complaint, linear, rtol=1e-6)
    fast = analyze_many([TEXTS[0]], fast=True)[0]
    assert fast.probability == pytest.approx(float(linear[0]), rel=1e-6)
    assert fast.emotions["anger"] == pytest.approx(float(np.clip(raw[0, model.col["intensity:anger"]], 0, 1)), rel=1e-6)
    assert analyze_many([TEXTS[0]])[0].probability != fast.probability


def _artefacts_copy(tmp_path: Path, meta: dict[str, object] | None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for item in ARTEFACTS.iterdir():
        if item.name != "encoder.json":
            (tmp_path / item.name).symlink_to(item)
    if meta is not None:
        (tmp_path / "encoder.json").write_text(json.dumps(meta), encoding="utf-8")
    return tmp_path


def test_an_encoder_with_other_outputs_is_refused(tmp_path: Path) -> None:
    meta = json.loads((ARTEFACTS / "encoder.json").read_text(encoding="utf-8"))
    meta["outputs"] = list(reversed(meta["outputs"]))
    with pytest.raises(ArtefactsMissing, match="other outputs"):
        Model(_artefacts_copy(tmp_path, meta))


def test_a_bad_thread_count_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDS_LANGUAGE_THREADS", "two")
    with pytest.raises(ValueError, match="AMENDS_LANGUAGE_THREADS must be a whole number"):
        Model()


def test_missing_encoder_recipe_says_to_build_the_models(tmp_path: Path) -> None:
    with pytest.raises(ArtefactsMissing, match="make models"):
        Model(_artefacts_copy(tmp_path, None))


def test_a_per_source_blend_and_shift_in_the_recipe_are_applied(tmp_path: Path, model: Model) -> None:
    meta = json.loads((ARTEFACTS / "encoder.json").read_text(encoding="utf-8"))
    meta["blend"]["complaint"] = {s: 0.0 for s in model.sources}
    meta["blend"]["complaint_shift"] = {s: 0.0 for s in model.sources}
    linear_only = Model(_artefacts_copy(tmp_path / "a", meta))
    np.testing.assert_allclose(
        linear_only.score(TEXTS).complaint, model.score(TEXTS, encoder=False).complaint, rtol=1e-5
    )
    meta["blend"]["complaint_shift"] = {s: 1.0 for s in model.sources}
    shifted = Model(_artefacts_copy(tmp_path / "b", meta))
    assert (shifted.score(TEXTS).complaint > linear_only.score(TEXTS).complaint).all()
