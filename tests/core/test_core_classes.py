"""The class model on hand-built evidence: which fault a flagged clip is, fitted on labelled faults, the
word-language statistics it weighs, and its place in a calibration file. No audio, no model."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.calibration import scored
from verifier.core.calibration import CalibrationError, apply, fit, load
from verifier.core.calibration.classes import FAULTS, fit_classes
from verifier.core.calibration.model import judge
from verifier.core.calibration.statistics import statistics
from verifier.schema.results import Verdict, VerdictClass

SPANISH = [("es", 0.46), ("it", 0.44), ("en", 0.05)]
ENGLISH = [("en", 0.93), ("cy", 0.02)]
ROBOTIC = [("ja", 0.4), ("zh", 0.2), ("en", 0.1)]  # an accented voice's faithful word: foreign, not watched


def test_a_words_stretch_counts_toward_a_switch_only_in_the_watched_languages() -> None:
    switched = statistics(scored([0.4, 0.9, 0.9], word_languages=[(0, SPANISH)]))
    faithful = statistics(scored([0.4, 0.9, 0.9], word_languages=[(0, ROBOTIC)]))
    assert switched["head_switch"] == pytest.approx(0.9) and switched["low_switch"] == pytest.approx(0.9)
    assert faithful["head_switch"] == 0 and faithful["low_switch"] == 0
    # the first word is English, the worst-scored third word ("pedido" for "order") is not
    middle = statistics(scored([0.9, 0.9, 0.001, 0.9], word_languages=[(0, ENGLISH), (2, SPANISH)]))
    assert middle["head_switch"] == 0 and middle["low_switch"] == pytest.approx(0.9)


def _one_word_faults(seed: int = 3) -> tuple[list[dict[str, Any]], list[str]]:
    """One unheard word, switched (its stretch sounds Spanish) or changed (it sounds English), and cuts."""
    rng = random.Random(seed)
    recs, labels = [], []
    for k in range(90):
        probs = [rng.uniform(0.6, 1.0) for _ in range(5)]
        i = rng.randrange(1, 4)
        probs[i] = rng.uniform(0.0001, 0.01)
        if k % 3 == 0:
            langs = [(lang, p * rng.uniform(0.8, 1.0)) for lang, p in SPANISH]
            recs.append(scored(probs, run_speech_s=0.4, wer=0.2, word_languages=[(0, ENGLISH), (i, langs)]))
            labels.append("language_drift")
        elif k % 3 == 1:
            recs.append(scored(probs, run_speech_s=0.4, wer=0.2, word_languages=[(0, ENGLISH), (i, ENGLISH)]))
            labels.append("content_mismatch")
        else:
            probs[-1] = rng.uniform(0.0001, 0.01)
            recs.append(scored(probs[:4] + [probs[-1]], run_speech_s=0.0, wer=0.2))
            labels.append("truncated")
    return recs, labels


def test_the_class_model_tells_a_switched_word_from_a_changed_one_by_its_sound() -> None:
    recs, labels = _one_word_faults()
    model = fit_classes(recs, labels, fitted_on={"corpus": "hand-built"})
    assert model.fitted_on["faults"] == 90 and model.fitted_on["fit_right_class"] >= 85
    probs = [0.9, 0.9, 0.002, 0.9, 0.9]
    switched = scored(probs, run_speech_s=0.4, wer=0.2, word_languages=[(0, ENGLISH), (2, SPANISH)])
    changed = scored(probs, run_speech_s=0.4, wer=0.2, word_languages=[(0, ENGLISH), (2, ENGLISH)])
    assert switched["rule"] == changed["rule"]  # the rules see one unheard word either way
    assert model.predict(switched) == VerdictClass.LANGUAGE_DRIFT
    assert model.predict(changed) == VerdictClass.CONTENT_MISMATCH
    scores = model.scores(switched)
    assert set(scores) == set(FAULTS) and sum(scores.values()) == pytest.approx(1.0)


def test_a_class_nothing_taught_is_never_predicted() -> None:
    recs, labels = _one_word_faults()
    model = fit_classes(recs, labels)
    assert model.fitted_on["per_class"]["extra_speech"] == 0
    loud = scored([0.9, 0.9, 0.9], extra_s=3.0, extra_words=["and", "one", "more", "thing"] * 3, wer=2.0)
    assert model.predict(loud) != VerdictClass.EXTRA_SPEECH
    with pytest.raises(ValueError, match="not fault classes"):
        fit_classes(recs[:2], ["match", "truncated"])


def _calibration_with_classes() -> Any:
    rng = random.Random(5)
    recs, faulty = [], []
    for _ in range(90):
        recs.append(scored([rng.uniform(0.6, 1.0) for _ in range(5)], wer=0.0))
        faulty.append(False)
    fault_recs, labels = _one_word_faults()
    cal = fit(recs + fault_recs, faulty + [True] * len(fault_recs), decides=True)
    cal.classes = fit_classes(fault_recs, labels)
    return cal


def test_a_flagged_clip_takes_the_class_models_class_and_says_so() -> None:
    cal = _calibration_with_classes()
    probs = [0.9, 0.9, 0.002, 0.9, 0.9]
    ev = scored(probs, run_speech_s=0.4, wer=0.2, words=["Your", "order", "pedido", "has", "shipped"])
    ev["word_languages"] = [[0, [list(x) for x in ENGLISH]], [2, [list(x) for x in SPANISH]]]
    assert ev["rule"] == "content_mismatch"
    assert judge(ev["rule"], ev, cal)[0] == "language_drift"
    v = Verdict("a", VerdictClass.CONTENT_MISMATCH, flags=["content_mismatch"], explanation="rules' words", evidence=ev)
    apply(v, cal)
    assert v.verdict == VerdictClass.LANGUAGE_DRIFT and v.flags[0] == "language_drift" and "classed" in v.flags
    assert '"pedido"' in v.explanation and "Spanish" in v.explanation and "rules' words" in v.explanation
    assert v.divergence_at == pytest.approx(0.8)  # the switched word's start (0.4 s a word)


def test_missing_audio_stays_missing_audio_whatever_the_class_model_says() -> None:
    cal = _calibration_with_classes()
    silent = scored([0.0001, 0.0001, 0.0001], run_speech_s=0.0, wer=1.0)
    silent["rule"] = "missing_audio"
    verdict, p = judge("missing_audio", silent, cal)
    assert p >= cal.cutoff and verdict == "missing_audio"


def test_a_calibration_file_keeps_its_class_model_and_names_a_bad_field(tmp_path: Path) -> None:
    cal = _calibration_with_classes()
    path = tmp_path / "calib.json"
    cal.save(path)
    back = load(path)
    assert back.classes is not None and back.classes.to_json() == cal.classes.to_json()
    probs = [0.9, 0.9, 0.002, 0.9, 0.9]
    ev = scored(probs, run_speech_s=0.4, wer=0.2, word_languages=[(0, ENGLISH), (2, SPANISH)])
    assert back.classes.predict(ev) == cal.classes.predict(ev)
    data = json.loads(path.read_text())
    data["classes"]["weights"][1] = data["classes"]["weights"][1][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match=r"calib\.json: field 'classes\.weights'"):
        load(path)
    data["classes"] = {**cal.classes.to_json(), "classes": ["match", "truncated"]}
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match="'classes.classes'"):
        load(path)


def test_a_verifier_asks_the_words_language_only_of_the_clips_its_decision_flags() -> None:
    from verifier import Verifier

    # two words replaced by a second and a half of surely Spanish speech, doubted by both readers (as an
    # English clip in doubt is read: read once, the eleven statistics give it 0.34, the fifteen gave 0.53)
    flagged = scored(
        [0.9, 0.0001, 0.0001, 0.9],
        second=[0.9, 0.001, 0.001, 0.9],
        run_speech_s=1.5,
        run_languages=[("es", 0.95), ("en", 0.02)],
        wer=0.5,
    )
    fine = scored([0.95, 0.93, 0.97], wer=0.0)
    wanted = Verifier("base")._words_wanted()  # the shipped default: a decision and a class model
    assert wanted is not None and wanted(flagged) and not wanted(fine)
    assert Verifier("base", word_languages="always")._words_wanted() is None  # what calibrations are fitted on
    nothing = Verifier("base", calibration=None)._words_wanted()  # no class model reads them
    assert nothing is not None and not nothing(flagged)
    with pytest.raises(ValueError, match="word_languages must be one of"):
        Verifier("base", word_languages="sometimes")


def test_the_rules_language_drift_stands_a_sentence_said_in_spanish_with_the_rest_dropped() -> None:
    # the "Envíalo por favor..." report: the first words said in Spanish, the rest of the reply never said.
    # Nothing like it is in the class model's corpus; it reads the dropped tail as a cut.
    cal = _calibration_with_classes()
    probs = [0.001, 0.001, 0.001, 0.0001, 0.0001, 0.0001]
    ev = scored(probs, run_speech_s=1.2, run_languages=[("es", 0.9), ("en", 0.05)], wer=1.0)
    assert ev["rule"] == "language_drift"
    assert cal.classes.predict(ev) == VerdictClass.TRUNCATED  # what the class model alone would say
    verdict, p = judge("language_drift", ev, cal)
    assert p >= cal.cutoff and verdict == "language_drift"


def test_verifier_calibrate_fits_a_class_model_only_for_a_whisper_model_with_language_id() -> None:
    import numpy as np

    from verifier.harness.calibrate import Example, fitted

    rng = random.Random(7)
    fault_recs, labels = _one_word_faults()
    faithful = [scored([rng.uniform(0.6, 1.0) for _ in range(5)], wer=0.0) for _ in range(60)]

    def pairs(multilingual: bool) -> list[tuple[Example, Verdict]]:
        out = []
        for i, (rec, label) in enumerate([(r, "match") for r in faithful] + list(zip(fault_recs, labels))):
            rec = {**rec, "multilingual": multilingual}
            ex = Example(
                f"r{i % 30}", "none" if label == "match" else "made", label, np.zeros(16, np.float32), "x", "en"
            )
            out.append((ex, Verdict(f"r{i}", VerdictClass.MATCH, evidence=rec)))
        return out

    with_id = fitted(pairs(True), {})
    assert with_id.classes is not None and with_id.classes.fitted_on["faults"] == len(fault_recs)
    assert fitted(pairs(False), {}).classes is None  # tiny.en: the rules name the fault
