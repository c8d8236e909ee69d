"""The fitted decision on hand-built evidence: statistics, the fit and its cut-off, confidence on verdicts,
the calibration file's checks and the gate's confidence floor. No audio, no model."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.helpers.calibration import scored
from verifier.core.calibration import CalibrationError, apply, fit, load
from verifier.core.calibration.figures import ece, wilson
from verifier.core.calibration.model import judge
from verifier.core.calibration.statistics import statistics
from verifier.report.gate import evaluate
from verifier.schema.results import Verdict, VerdictClass


def test_a_faithful_clip_has_quiet_statistics() -> None:
    s = statistics(scored([0.95, 0.9, 0.97]))
    assert s["low_word"] < 0.1 and s["unheard"] == 0 and s["foreign"] == 0 and s["rules"] == 0


def test_a_word_the_audio_does_not_hold_stands_out() -> None:
    s = statistics(scored([0.95, 0.0008, 0.97], run_speech_s=0.5, wer=0.33))
    assert s["low_word"] > 3 and s["unheard"] == pytest.approx(1 / 3) and s["replaced_s"] > 0.3


def test_language_evidence_is_shrunk_on_a_short_stretch() -> None:
    long = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("es", 0.8), ("en", 0.1)]))
    short = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=0.2, run_languages=[("es", 0.8), ("en", 0.1)]))
    own_leads = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("en", 0.6), ("es", 0.3)]))
    assert long["foreign"] > 1.5 and short["foreign"] < long["foreign"] / 4 and own_leads["foreign"] == 0


def test_decoded_words_past_the_end_count_only_with_speech_to_hold_them() -> None:
    looping = statistics(scored([0.9, 0.9], extra_s=0.0, extra_words=["again"] * 10, wer=2.0))
    spoken = statistics(scored([0.9, 0.9], extra_s=2.5, extra_words=["again"] * 10, wer=2.0))
    assert looping["extra_words"] == 0 and spoken["extra_words"] > 2


def _corpus(seed: int = 1) -> tuple[list[dict[str, object]], list[bool]]:
    rng = random.Random(seed)
    recs, labels = [], []
    for _ in range(120):  # faithful: every word scores well, now and then one middling word
        probs = [rng.uniform(0.6, 1.0) for _ in range(6)]
        if rng.random() < 0.2:
            probs[rng.randrange(1, 5)] = rng.uniform(0.2, 0.5)
        recs.append(scored(probs))
        labels.append(False)
    for _ in range(60):  # faults: a replaced word, or speech past the end
        probs = [rng.uniform(0.6, 1.0) for _ in range(6)]
        if rng.random() < 0.5:
            probs[rng.randrange(1, 5)] = rng.uniform(0.0001, 0.02)
            recs.append(scored(probs, run_speech_s=0.5))
        else:
            recs.append(scored(probs, extra_s=2.0, extra_words=["and", "one", "more", "thing"]))
        labels.append(True)
    return recs, labels  # type: ignore[return-value]


def test_the_fit_separates_faults_and_keeps_the_faithful_budget() -> None:
    recs, labels = _corpus()
    cal = fit(recs, labels, max_faithful_flagged=0.01, fitted_on={"engines": ["hand-built"]})
    probs = [cal.probability(r) for r in recs]
    over_gate = sum(1 for p, y in zip(probs, labels) if not y and p >= cal.gate_confidence)
    caught = sum(1 for p, y in zip(probs, labels) if y and p >= cal.gate_confidence)
    assert over_gate <= 1 and caught >= 50 and cal.gate_confidence >= 0.5 and cal.cutoff == 0.5
    assert cal.fitted_on["engines"] == ["hand-built"] and cal.fitted_on["clips"] == 180


def test_new_clips_get_the_confidence_they_deserve() -> None:
    cal = fit(*_corpus(1))
    recs, labels = _corpus(2)
    e, table = ece([(cal.probability(r), y) for r, y in zip(recs, labels)])
    assert e < 0.1 and sum(n for _, _, n, _, _ in table) == len(recs)


def test_judge_keeps_the_rules_class_and_names_one_the_rules_missed() -> None:
    cal = fit(*_corpus())
    fault = scored([0.9, 0.9, 0.9], extra_s=2.5, extra_words=["and", "one", "more", "thing", "too"], wer=1.6)
    assert fault["rule"] == "extra_speech"
    assert judge("extra_speech", fault, cal)[0] == "extra_speech"
    assert judge("match", fault, cal)[0] == "extra_speech"  # a rules' match the model flags gets a class
    fine = scored([0.95, 0.93, 0.97])
    verdict, p = judge("truncated", fine, cal)
    assert verdict == "match" and p < cal.cutoff


def test_a_calibration_that_does_not_decide_only_adds_confidence() -> None:
    cal = fit(*_corpus())  # decides=False, as the shipped default
    v = Verdict(
        "a",
        VerdictClass.CONTENT_MISMATCH,
        flags=["content_mismatch"],
        explanation="x",
        missing_words=["w"],
        evidence=scored([0.95, 0.93, 0.97]),
    )
    apply(v, cal)
    assert v.verdict == VerdictClass.CONTENT_MISMATCH and v.flags == ["content_mismatch"]
    assert v.confidence is not None and v.confidence < 0.5


def test_apply_sets_confidence_and_says_when_it_overrode_the_rules() -> None:
    cal = fit(*_corpus(), decides=True)
    v = Verdict(
        "a",
        VerdictClass.CONTENT_MISMATCH,
        flags=["content_mismatch"],
        explanation="x",
        missing_words=["w"],
        evidence=scored([0.95, 0.93, 0.97]),
    )
    apply(v, cal)
    assert v.verdict == VerdictClass.MATCH and v.confidence is not None and v.confidence < cal.cutoff
    assert v.flags == ["rules_content_mismatch"] and "rules" in v.explanation and not v.missing_words
    assert "evidence" not in v.to_dict() and v.to_dict()["confidence"] == v.confidence
    untouched = Verdict("b", VerdictClass.ERROR, error="boom")
    assert apply(untouched, cal).confidence is None


def test_a_calibration_file_round_trips_and_a_bad_one_names_its_field(tmp_path: Path) -> None:
    cal = fit(*_corpus())
    path = tmp_path / "calib.json"
    cal.save(path)
    again = load(path)
    assert again.cutoff == pytest.approx(cal.cutoff, abs=1e-4) and again.fitted_on["clips"] == 180
    data = json.loads(path.read_text())
    data["weights"] = data["weights"][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match="weights"):
        load(path)
    path.write_text("{not json")
    with pytest.raises(CalibrationError, match="not valid JSON"):
        load(path)
    with pytest.raises(CalibrationError, match="cannot read"):
        load(tmp_path / "absent.json")


def test_the_gate_counts_only_faults_at_or_above_the_confidence_floor() -> None:
    rows = [Verdict(str(i), VerdictClass.MATCH, confidence=0.01) for i in range(8)]
    rows.append(Verdict("sure", VerdictClass.TRUNCATED, confidence=0.97))
    rows.append(Verdict("edge", VerdictClass.CONTENT_MISMATCH, confidence=0.55))
    assert evaluate(rows, {"fault": 0.15}, 0.0).ok is False  # 2/10 counted
    g = evaluate(rows, {"fault": 0.15}, 0.6)
    assert g.ok and g.counts["fault"] == 1 and g.counts["borderline"] == 1 and g.total == 10
    rules_only = [Verdict("r", VerdictClass.TRUNCATED)]  # no confidence: always counts
    assert not evaluate(rules_only, {"fault": 0.0}, 0.99).ok


def test_wilson_interval() -> None:
    lo, hi = wilson(0, 100)
    assert lo == 0.0 and 0.03 < hi < 0.04
