"""The triage: clips judged on the transcript's alignment alone, free decoding skipped (no model here)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from verifier.core.calibration import CalibrationError, fit, load
from verifier.core.calibration.model import apply, judge
from verifier.core.calibration.record import aligned, record
from verifier.core.calibration.statistics import TRIAGE_FEATURES, triage_statistics
from verifier.core.calibration.triage import Triage, asked, fit_triage, triaged
from verifier.core.decision import Evidence, Thresholds, UnitEvidence, decide, find_runs, mark_heard
from verifier.core.words import UnitMatch
from verifier.schema.results import Verdict, VerdictClass

T = Thresholds()


def _units(probs: list[float], words: list[str] | None = None) -> list[UnitEvidence]:
    names = words or [f"word{i}" for i in range(len(probs))]
    return [UnitEvidence([w], p, 0.4 * i, 0.4 * i + 0.4, prior=0.01) for i, (w, p) in enumerate(zip(names, probs))]


def _clip(
    probs: list[float],
    *,
    tail_s: float = 0.0,
    speech_s: float | None = None,
    languages: list[tuple[str, float]] | None = None,
    decoded_as: list[str] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the triage is shown before free decoding, the scored record after it) of one clip."""
    clip_languages = languages or [("en", 0.97), ("es", 0.01)]
    audio = 0.4 * len(probs) + tail_s
    speech = audio if speech_s is None else speech_s
    before = aligned("en", audio, speech, _units(probs), clip_languages, True, tail_s, 0.0)
    us = _units(probs)
    for u, heard in zip(us, decoded_as or [" ".join(u.words) for u in us]):  # free decoding changes these
        u.match = UnitMatch("ok" if heard == u.words[0] else "substituted", [heard], 1.0, [0])
        u.start += 0.05
    mark_heard(us, T)
    ev = Evidence(
        "en",
        audio,
        speech,
        us,
        find_runs(us),
        decoded=True,
        clip_languages=clip_languages,
        wer=0.0,
        aligned_tail_s=tail_s,
        aligned_head_s=0.0,
    )
    return before, record(ev, decide(ev, T))


def _corpus(seed: int = 3) -> tuple[list[dict[str, Any]], list[bool]]:
    rng = random.Random(seed)
    recs, labels = [], []
    for _ in range(150):  # faithful: most words score well, one now and then middling
        probs = [rng.uniform(0.5, 1.0) for _ in range(6)]
        if rng.random() < 0.3:
            probs[rng.randrange(6)] = rng.uniform(0.05, 0.5)
        recs.append(_clip(probs)[1])
        labels.append(False)
    for _ in range(90):  # faults: a word the audio lacks, or a sentence past the end
        probs = [rng.uniform(0.5, 1.0) for _ in range(6)]
        if rng.random() < 0.6:
            probs[rng.randrange(6)] = rng.uniform(0.0001, 0.01)
            recs.append(_clip(probs)[1])
        else:
            recs.append(_clip(probs, tail_s=rng.uniform(1.5, 3.0))[1])
        labels.append(True)
    return recs, labels


def test_the_triage_reads_the_same_statistics_before_free_decoding_as_from_the_record_after_it() -> None:
    before, after = _clip([0.9, 0.02, 0.8, 0.7], tail_s=0.8, languages=[("en", 0.6), ("es", 0.3)])
    assert before["kind"] == "aligned" and after["kind"] == "scored" and after["decoded"]
    assert triage_statistics(before) == triage_statistics(after)
    s = triage_statistics(before)
    assert set(s) == set(TRIAGE_FEATURES)
    assert s["low_word"] == pytest.approx(-math.log10(0.02)) and s["tail_s"] == pytest.approx(math.log1p(0.8))
    assert s["own_language"] == pytest.approx(0.4) and s["foreign"] == 0.0  # Spanish holds no majority
    assert s["edge_word"] == pytest.approx(-math.log10(0.7)) and s["weak_words"] == pytest.approx(math.log1p(1))


def test_the_triage_lets_no_more_caught_faults_through_than_it_was_fitted_to() -> None:
    recs, labels = _corpus()
    caught = list(labels)  # as if the decision caught every fault
    tri = fit_triage(recs, labels, caught, max_faults_passed=0.0, fitted_on={"corpus": "hand-built"})
    passed = [tri.passes(r) is not None for r in recs]
    assert not any(p and y for p, y in zip(passed, labels))  # no fault passes: none was allowed to
    assert sum(p and not y for p, y in zip(passed, labels)) >= 75  # yet half the faithful clips skip decoding
    assert tri.fitted_on["corpus"] == "hand-built" and tri.fitted_on["fit_faults_passed"] == 0
    looser = fit_triage(recs, labels, caught, max_faults_passed=0.1)
    assert looser.below >= tri.below and looser.fitted_on["fit_faults_passed"] <= 9
    # what speaks for a fault never speaks for skipping: a word the audio lacks raises the probability
    missing = _clip([0.9, 0.9, 0.0002, 0.9, 0.9, 0.9])[0]
    assert tri.probability(missing) > tri.probability(_clip([0.9] * 6)[0]) and tri.passes(missing) is None


def test_a_clip_the_triage_passed_is_judged_faithful_at_its_probability() -> None:
    recs, labels = _corpus()
    cal = fit(recs, labels, decides=True)
    cal.triage = fit_triage(recs, labels, labels, max_faults_passed=0.0)
    clear = _clip([0.95, 0.9, 0.6, 0.9, 0.95, 0.9])[1]
    passed = triaged(clear, cal.triage)
    assert passed is not clear and passed["triage_p"] == pytest.approx(cal.triage.probability(clear), abs=1e-6)
    assert judge("truncated", passed, cal) == (VerdictClass.MATCH.value, passed["triage_p"])
    fault = _clip([0.95, 0.9, 0.0001, 0.9, 0.95, 0.9])[1]
    assert triaged(fault, cal.triage) is fault  # sent on to the decision
    # never asked: a clip the rules' own test found clear, or one decided before scoring
    assert not asked({**clear, "decoded": False}) and not asked({"kind": "early", "rule": "missing_audio"})
    v = Verdict(id="a", verdict=VerdictClass.MATCH, transcript="t", evidence=passed)
    apply(v, cal)
    assert v.verdict == VerdictClass.MATCH and v.confidence == pytest.approx(passed["triage_p"], abs=1e-4)
    assert v.explanation.startswith("Judged faithful on the transcript's scoring alone, free decoding skipped")


def test_restated_at_another_fault_share_the_same_clips_pass() -> None:
    recs, labels = _corpus()
    cal = fit(recs, labels, decides=True)
    cal.triage = fit_triage(recs, labels, labels, max_faults_passed=0.02)
    nightly = cal.at_fault_share(0.05)
    assert nightly.triage is not None
    for rec in recs:
        p, q = cal.triage_passes(rec), nightly.triage_passes(rec)
        assert (p is None) == (q is None)
        if p is not None and q is not None:
            assert q < p  # fewer faults in the traffic: a passed clip is less likely one


def test_a_calibration_file_keeps_its_triage_and_a_bad_one_names_the_field(tmp_path: Path) -> None:
    recs, labels = _corpus()
    cal = fit(recs, labels, decides=True)
    cal.triage = fit_triage(recs, labels, labels, max_faults_passed=0.01, fitted_on={"corpus": "hand-built"})
    path = tmp_path / "calib.json"
    cal.save(path)
    back = load(path)
    assert isinstance(back.triage, Triage) and back.triage.fitted_on["corpus"] == "hand-built"
    assert back.triage.below == pytest.approx(cal.triage.below, abs=1e-6)
    data = json.loads(path.read_text())
    for field, value, says in (
        ("below", 1.5, "'triage.below' must lie between 0 and 1"),
        ("weights", [1.0], "'triage.weights' must be 14 finite numbers"),
        ("features", ["low_word", "wer"], "'triage.features'"),
    ):
        bad = {**data, "triage": {**data["triage"], field: value}}
        path.write_text(json.dumps(bad))
        with pytest.raises(CalibrationError, match=says) as err:
            load(path)
        assert str(path) in str(err.value)
