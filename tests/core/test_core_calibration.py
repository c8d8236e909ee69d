"""The fitted decision on hand-built evidence: statistics, the fit and its cut-off, confidence on verdicts,
the calibration file's checks and the gate's confidence floor. No audio, no model."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.calibration import scored
from verifier.core.calibration import CalibrationError, apply, fit, load
from verifier.core.calibration.figures import (
    at_fault_share,
    ece,
    ece_by_chance,
    nightly_confidence,
    operating_curve,
    wilson,
)
from verifier.core.calibration.model import judge
from verifier.core.calibration.statistics import (
    DECISION_FEATURES,
    VOICE_DECISION_FEATURES,
    excess_heard,
    reading,
    statistics,
    stretch_gaps,
    voice_clarity,
    worst_of,
)
from verifier.core.verify import Verifier
from verifier.report.gate import evaluate
from verifier.schema.results import ResultMeta, Verdict, VerdictClass


def test_a_faithful_clip_has_quiet_statistics() -> None:
    s = statistics(scored([0.95, 0.9, 0.97]))
    assert s["low_word"] < 0.1 and s["unheard"] == 0 and s["foreign"] == 0 and s["rules"] == 0


def test_a_word_the_audio_does_not_hold_stands_out() -> None:
    s = statistics(scored([0.95, 0.0008, 0.97], run_speech_s=0.5, wer=0.33))
    assert s["low_word"] > 3 and s["unheard"] == pytest.approx(1 / 3) and s["replaced_s"] > 0.3


def test_a_word_one_reader_mishears_and_the_other_hears_is_not_the_worst_word() -> None:
    # "Sure." at 0.007 to base, 0.82 to tiny.en: misheard; a word neither hears stays the worst
    misheard = statistics(scored([0.95, 0.0001, 0.97], second=[0.9, 0.9, 0.95], wer=0.33))
    absent = statistics(scored([0.95, 0.0001, 0.97], second=[0.9, 0.0001, 0.95], wer=0.33))
    once = statistics(scored([0.95, 0.0001, 0.97], wer=0.33))
    assert misheard["low_word"] == absent["low_word"] == once["low_word"] == pytest.approx(4.0)
    assert misheard["low_both"] == pytest.approx(-math.log10(math.sqrt(0.0001 * 0.9)), abs=1e-3)
    assert absent["low_both"] == pytest.approx(4.0) and misheard["low_both"] < absent["low_both"] - 1.5
    # a clip read once keeps its first reader's worst word, apart: the fit weighs the two kinds apart
    assert once["low_both"] == 0.0 and once["low_alone"] == once["low_word"]
    assert misheard["low_alone"] == absent["low_alone"] == 0.0
    # one reader alone cannot vouch for a word the other does not hear at all (a changed name)
    vouched = statistics(scored([0.95, 0.15, 0.97], second=[0.9, 0.0, 0.95], wer=0.33))
    assert vouched["low_both"] > 2.0


def test_the_worst_word_of_a_long_reply_is_weighed_as_the_worst_of_many() -> None:
    # one word at 0.001 among three, and among eighty: the same worst word, as surprising as its company
    short = statistics(scored([0.95, 0.001, 0.97], second=[0.9, 0.001, 0.95], wer=0.33))
    long_reply = statistics(scored([0.95] * 40 + [0.001] + [0.97] * 39, second=[0.9] * 40 + [0.001] + [0.95] * 39))
    assert short["low_both"] == pytest.approx(long_reply["low_both"]) == pytest.approx(3.0, abs=1e-6)
    assert short["low_both_n"] == pytest.approx(worst_of(0.001, 3))
    assert long_reply["low_both_n"] == pytest.approx(worst_of(0.001, 80))
    assert long_reply["low_both_n"] < short["low_both_n"] - 1.0
    # a clip read once: the first reader's worst word, weighed alike; the other statistic 0, as low_both's
    once = statistics(scored([0.95, 0.001, 0.97], wer=0.33))
    assert once["low_both_n"] == 0.0 and once["low_alone_n"] == pytest.approx(worst_of(0.001, 3))
    assert short["low_alone_n"] == 0.0


def test_worst_of_is_one_words_surprise_for_one_word_and_less_for_many() -> None:
    assert worst_of(0.01, 1) == pytest.approx(2.0)
    assert worst_of(1e-4, 80) == pytest.approx(4.0 - math.log10(80), abs=0.01)  # Bonferroni, for small p
    assert worst_of(0.5, 10) == pytest.approx(-math.log10(1 - 0.5**10))  # never below 0
    assert worst_of(1.0, 5) == worst_of(0.3, 0) == 0.0
    assert all(worst_of(0.001, n) > worst_of(0.001, n + 1) for n in range(1, 200))


def test_a_fit_held_to_a_prior_weighs_what_the_prior_weighs() -> None:
    # a shipped file fitted before the package weighed other statistics still holds a user's fit
    recs, labels = _corpus()
    prior = fit(recs, labels, features=("low_both", "low_alone", "cut_words"))
    held = fit(recs, labels, prior=prior, ridge=300.0)
    assert held.features == prior.features
    assert fit(recs, labels).features == DECISION_FEATURES
    with pytest.raises(ValueError, match="same statistics"):
        fit(recs, labels, prior=prior, features=DECISION_FEATURES)


def test_a_calibration_names_its_second_reader_or_none(tmp_path: Path) -> None:
    from verifier import Verifier

    recs, labels = _corpus()
    cal = fit(recs, labels, decides=True, fitted_on={"model": "base", "second_reader": "tiny.en"})
    assert Verifier("base", calibration=cal).second_reader == "tiny.en"  # loaded with it, lazily
    assert Verifier("base", calibration=cal, second_reader=None).second_reader is None
    assert Verifier("base", calibration=None).second_reader is None
    assert Verifier("tiny.en", calibration=cal, second_reader="tiny.en").second_reader is None  # itself: nothing
    cal.save(tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text())
    data["fitted_on"]["second_reader"] = 3
    (tmp_path / "bad.json").write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match="fitted_on.second_reader"):
        load(tmp_path / "bad.json")


def test_language_evidence_is_shrunk_on_a_short_stretch() -> None:
    long = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("es", 0.8), ("en", 0.1)]))
    short = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=0.2, run_languages=[("es", 0.8), ("en", 0.1)]))
    own_leads = statistics(scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("en", 0.6), ("es", 0.3)]))
    assert long["foreign"] > 1.5 and short["foreign"] < long["foreign"] / 4 and own_leads["foreign"] == 0


def test_only_a_language_with_a_majority_counts_as_heard() -> None:
    # robotic speech leaves language ID unsure among many: espeak-ng's French as "Romanian 0.35"
    unsure = statistics(
        scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("ro", 0.35), ("fr", 0.1), ("it", 0.1)])
    )
    majority = statistics(
        scored([0.9, 0.01, 0.01, 0.9], run_speech_s=1.2, run_languages=[("es", 0.55), ("en", 0.1), ("it", 0.1)])
    )
    assert unsure["foreign"] == 0 and majority["foreign"] > 1.5


def test_decoded_words_past_the_end_count_only_with_speech_to_hold_them() -> None:
    looping = statistics(scored([0.9, 0.9], extra_s=0.0, extra_words=["again"] * 10, wer=2.0))
    spoken = statistics(scored([0.9, 0.9], extra_s=2.5, extra_words=["again"] * 10, wer=2.0))
    assert looping["extra_words"] == 0 and spoken["extra_words"] > 2


TOTAL = ["Your", "total", "is", "forty", "dollars."]


def test_words_heard_beyond_the_transcript_count_wherever_the_alignment_put_them() -> None:
    # an extra sentence the word alignment stretched the transcript across ("forty" matched a "4"
    # and a "0" at the far end, as espeak-ng's clip of it went): no word is past the transcript's end
    extra = scored(
        [0.9] * 5,
        words=TOTAL,
        heard="Your total is 4 binars. I am also sent a copy to your email, 0 dollars.",
        speech_s=4.25,
    )
    s = statistics(extra)
    assert s["extra_words"] == 0
    # the ten words between "4" and "0" match no transcript word; "your" the transcript has
    others, surplus = excess_heard(extra)
    assert others == ["binars", "i", "am", "also", "sent", "a", "copy", "to", "email"]
    assert surplus == pytest.approx(4.25 - 0.06 * 29) and s["excess_words"] == 9
    # a loop of the transcript's own words adds nothing, a loop of a mishearing its words once
    loop = scored([0.9] * 5, words=TOTAL, heard=" ".join(TOTAL * 3), speech_s=4.5)
    looped_mishearing = scored([0.9] * 5, words=TOTAL, heard="Your total is party dollars. " * 3, speech_s=4.5)
    assert statistics(loop)["excess_words"] == 0
    assert excess_heard(looped_mishearing)[0] == ["party"]
    # a spelled code leaves a word or two to no transcript word, between words that matched
    spelled = scored(
        [0.9] * 5,
        words=["The", "code", "is", "GUEST42", "today."],
        heard="The code is G U E S T 4 2 today.",
        speech_s=4.0,
    )
    assert excess_heard(spelled)[0] == ["g", "u", "e", "s"] and statistics(spelled)["excess_words"] == 4
    # more words in no more speech than the transcript needs is a mishearing, not extra speech
    garbled = scored([0.9] * 5, words=TOTAL, heard="You're a tote a lease for tea doll hers.", speech_s=1.7)
    assert statistics(garbled)["excess_words"] == 0
    # unless the alignment itself left speech past the transcript's end: a fast voice reads a long
    # reply in less speech than its length suggests, and its extra sentence fills no more
    fast = scored(
        [0.9] * 5, words=TOTAL, heard="Your total is forty dollars. Parking is free.", speech_s=1.0, extra_s=1.2
    )
    assert excess_heard(fast) == (["parking", "free"], pytest.approx(1.2)) and statistics(fast)["excess_words"] == 2


def test_a_fault_found_from_words_heard_beyond_the_transcript_names_them() -> None:
    faithful = [scored([0.9] * 5, words=TOTAL, heard=" ".join(TOTAL), speech_s=1.9) for _ in range(30)]
    faults = [
        scored([0.9] * 5, words=TOTAL, heard=" ".join(TOTAL) + " " + extra, speech_s=3.5 + 0.1 * k)
        for k, extra in enumerate(["By the way, our office is closed on Monday."] * 10)
    ]
    cal = fit(faithful + faults, [False] * 30 + [True] * 10, features=("excess_words",), decides=True)
    v = Verdict("a", VerdictClass.MATCH, explanation="All 5 transcript words were heard.", evidence=faults[0])
    apply(v, cal)
    assert v.verdict == VerdictClass.EXTRA_SPEECH
    assert v.explanation.startswith(
        "Free decoding heard 8 words in a row that match no word of the transcript, with 1.8 s of speech "
        "the transcript does not account for: "
        '"Your total is forty dollars. By the way, our office is closed on Monday."'
    )


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


def test_a_fit_centred_on_another_moves_from_it_only_as_far_as_its_clips_ask() -> None:
    # the prior, fitted on many clips; a user's few, drawn the same way but standardised on their own
    prior = fit(*_corpus(1))
    recs, labels = _corpus(2)
    few, few_labels = recs[:25] + recs[-15:], labels[:25] + labels[-15:]
    free = fit(few, few_labels)
    held = fit(few, few_labels, prior=prior, ridge=1e6)
    others, _ = _corpus(3)
    # held hard, the fit is the prior's function of the statistics, restated on its own standardisation
    assert max(abs(held.probability(r) - prior.probability(r)) for r in others) < 0.05
    # free, it is not: 40 clips move a fit further than that
    assert max(abs(free.probability(r) - prior.probability(r)) for r in others) > 0.05
    # no prior is the plain fit, whatever the strength named
    assert fit(few, few_labels, ridge=1.0).weights == free.weights
    with pytest.raises(ValueError, match="same statistics"):
        fit(few, few_labels, prior=replace(prior, features=prior.features[:-1]), features=DECISION_FEATURES)


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


def test_a_clips_reading_is_its_median_words_probability_and_the_shipped_bands_load(tmp_path: Path) -> None:
    from verifier.core.calibration import default

    rec = scored([0.9, 0.2, 0.7, 0.95, 0.5])
    assert reading(rec) == pytest.approx(0.7) and reading(rec) == pytest.approx(10 ** -statistics(rec)["clarity"])
    assert reading({"kind": "early", "n_words": 3}) is None
    cal = default("base")
    assert cal is not None and [b.low for b in cal.reading_bands] == [0.0, 0.4, 0.6, 0.8]
    assert all(b.faithful > 0 for b in cal.reading_bands)
    path = tmp_path / "calib.json"
    cal.save(path)
    assert load(path).reading_bands == cal.reading_bands
    data = json.loads(path.read_text())
    data["reading_bands"][0]["flagged"] = -1
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match=r"calib.json: field 'reading_bands\[0\]'"):
        load(path)


def test_the_operating_curve_compares_fits_at_equal_faithful_clips_flagged() -> None:
    faithful = [0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.1, 0.05, 0.02, 0.01]
    faults = [0.95, 0.8, 0.6, 0.4, 0.1]
    pairs = [(p, False) for p in faithful] + [(p, True) for p in faults]
    # none of ten faithful clips flagged: only the fault above 0.9; one (0.9): 1; two (0.7 up): 2; ...
    assert operating_curve(pairs, (0.05, 0.1, 0.2, 0.5)) == [(0, 10, 1), (1, 10, 1), (2, 10, 2), (5, 10, 4)]
    # ties at the cut-off flag every clip there: the sixth faithful clip scores 0.1, and so does the seventh
    assert operating_curve(pairs, (0.6,)) == [(7, 10, 5)]
    # a stricter fit of the same ranking (every confidence halved) sits at the same points
    assert operating_curve([(p / 2, y) for p, y in pairs], (0.1, 0.2, 0.5)) == operating_curve(pairs, (0.1, 0.2, 0.5))
    assert operating_curve([(0.5, True)]) == [(0, 0, 1)] * 4


def _decoded(probs: list[float], said: list[float], heard: list[tuple[str, float, list[int]]]) -> dict[str, Any]:
    """A decoded clip: unit i scored `said[i]` nats; `heard` is what decoding wrote (token, nats, units it matched)."""
    rec = scored(probs, wer=0.25)
    for i, u in enumerate(rec["units"]):
        u["lp"] = said[i]
        u["hi"] = [k for k, (_, _, owners) in enumerate(heard) if i in owners]
    rec["hyp"] = [[tok, 0.0, 0.0, lp] for tok, lp, _ in heard]
    return rec


def test_the_likelihood_gap_tells_a_mishearing_from_a_change_and_a_cut() -> None:
    # "Please repeat the digits": the decoder, unsure itself, wrote "place" -- a near tie
    misheard = _decoded(
        [0.05, 0.9, 0.9, 0.9],
        [-3.0, -0.1, -0.1, -0.2],
        [("place", -1.2, [0]), ("repeat", -0.1, [1]), ("the", -0.1, [2]), ("digits", -0.2, [3])],
    )
    # "Exactly, it works": the audio says "Exacto", which the decoder is sure of
    changed = _decoded(
        [0.0008, 0.9, 0.9], [-9.5, -0.1, -0.1], [("exacto", -0.4, [0]), ("it", -0.1, [1]), ("works", -0.1, [2])]
    )
    # the last two words never spoken: nothing decoded where they belong
    cut = _decoded([0.9, 0.9, 0.01, 0.01], [-0.1, -0.1, -6.0, -7.0], [("your", -0.1, [0]), ("total", -0.1, [1])])
    gaps = {name: statistics(rec)["gap"] for name, rec in (("misheard", misheard), ("changed", changed), ("cut", cut))}
    assert gaps["misheard"] == pytest.approx(1.8)
    assert gaps["changed"] == pytest.approx(9.1)
    assert gaps["cut"] == pytest.approx(13.0)


def test_another_figure_heard_cleanly_is_told_from_a_garbled_or_misheard_one() -> None:
    def heard_as(word: str, *heard: str) -> float:
        rec = scored([0.9, 0.1, 0.9], words=["is", word, "now"], wer=0.33)
        rec["units"][1]["hw"] = list(heard)
        return statistics(rec)["other_number"]

    assert heard_as("$12.50", "2", "2.5", "0", "dollars") == 1.0  # "$22.50": the words beside it may be heard
    assert heard_as("5th.", "6") == 1.0  # an ordinal and a cardinal compare by value
    assert heard_as("21st.", "2", "3rd") == 1.0
    assert heard_as("5th.", "5") == 0.0  # the same value, written another way
    assert heard_as("4729.", "4", "7", "9") == 0.0  # a figure fewer: misheard as much as changed
    assert heard_as("3", "free") == 0.0  # a word for a figure
    assert heard_as("555", "5", "x", "5") == 0.0  # garbled
    assert heard_as("four", "6") == 1.0  # a number said in words is one too
    assert heard_as("Boston", "austin") == 0.0  # no number at all
    heard = scored([0.9, 0.9, 0.9], words=["is", "5th.", "now"], wer=0.0)
    heard["units"][1]["hw"] = ["6"]
    assert statistics(heard)["other_number"] == 0.0  # only an unheard unit's reading counts


def test_without_free_decoding_there_is_no_gap_to_measure() -> None:
    rec = scored([0.9, 0.01, 0.9])  # not decoded: an unheard word's score alone, no yardstick
    rec["units"][1]["lp"] = -6.0
    assert stretch_gaps(rec) == [] and statistics(rec)["gap"] == 0.0


def test_a_calibration_may_weigh_a_subset_of_the_statistics(tmp_path: Path) -> None:
    recs, labels = _corpus()
    cal = fit(recs, labels, features=("low_word", "gap", "extra_words"))
    cal.save(tmp_path / "c.json")
    back = load(tmp_path / "c.json")
    assert back.features == ("low_word", "gap", "extra_words")
    assert back.probability(recs[0]) == pytest.approx(cal.probability(recs[0]), abs=1e-4)
    data = json.loads((tmp_path / "c.json").read_text())
    data["features"][1] = "hunch"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match="'features'"):
        load(tmp_path / "bad.json")


def test_a_calibration_decides_only_for_the_whisper_model_it_was_fitted_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from verifier import Verifier

    cal = fit(*_corpus(), decides=True, fitted_on={"model": "base"})
    assert Verifier("base", calibration=cal).calibration.decides  # type: ignore[union-attr]
    with caplog.at_level("WARNING"):
        other = Verifier("tiny.en", calibration=cal)  # the model is loaded lazily: nothing is loaded here
    assert other.calibration is not None and not other.calibration.decides
    assert "fitted on Whisper 'base', not 'tiny.en'" in caplog.text
    assert cal.decides  # the caller's calibration is not changed


def test_the_ece_a_calibrated_model_shows_by_chance_shrinks_with_the_clips() -> None:
    # what a per-engine ECE target can mean: on 80 clips a perfect model still shows several hundredths
    few = ece_by_chance([0.1, 0.3, 0.5, 0.7, 0.9] * 16)
    many = ece_by_chance([0.1, 0.3, 0.5, 0.7, 0.9] * 400)
    assert 0.04 < few < 0.12 and many < 0.02
    assert ece_by_chance([0.1, 0.9] * 40) == ece_by_chance([0.1, 0.9] * 40)  # seeded
    assert ece_by_chance([]) == 0.0


def test_calibrate_prints_its_held_out_figures_with_the_ece_chance_alone_gives() -> None:
    import numpy as np

    from verifier.harness.calibrate import Example, report

    def ex(kind: str, label: str) -> Example:
        return Example("a.wav", kind, label, np.zeros(16, np.float32), "hello there", "en")

    judged = [(ex("none", "match"), "match", 0.1)] * 8 + [(ex("none", "match"), "truncated", 0.6)] * 2
    judged += [(ex("cut_tail", "truncated"), "truncated", 0.9)] * 9 + [(ex("cut_tail", "truncated"), "match", 0.3)]
    lines = report(judged)
    assert (
        lines[0].startswith("held out (folds by response): faithful flagged 2/10") and "faults flagged 9/10" in lines[0]
    )
    assert any("cut_tail" in x and "flagged 9/10, right class 9/10" in x for x in lines)
    ece_line = next(x for x in lines if "ECE" in x)
    assert "by chance" in ece_line
    # half the clips are faults here: what the same confidences would mean at one fault in ten
    assert lines[-1].startswith("  at one fault in 10") and "with --fault-share 0.1" in lines[-1]


def test_each_whisper_model_gets_the_calibration_fitted_for_it() -> None:
    from verifier.core.calibration import default

    base, tiny, other = default(), default("tiny.en"), default("large-v3")
    assert base is not None and tiny is not None and other is not None
    assert base.fitted_on["model"] == "base" and tiny.fitted_on["model"] == "tiny.en"
    assert tiny.decides and tiny.fitted_on["command"].startswith("bench/heldout.py --model tiny.en ")
    # no fit shipped for it: base's, which a Verifier for that model keeps for confidence only
    assert other.fitted_on["model"] == "base"
    from verifier import Verifier  # models load lazily: nothing is loaded here

    assert Verifier("tiny.en").calibration.decides  # type: ignore[union-attr]
    assert not Verifier("large-v3").calibration.decides  # type: ignore[union-attr]


def test_confidences_restated_at_another_fault_share_keep_every_verdict() -> None:
    recs, labels = _corpus()  # a third of the clips faulty
    cal = fit(recs, labels, decides=True)
    assert cal.fault_share == pytest.approx(60 / 180)
    nightly = cal.at_fault_share(0.05)
    assert nightly.fault_share == 0.05 and nightly.fitted_on["fit_fault_share"] == pytest.approx(1 / 3, abs=1e-6)
    shift = math.log(0.05 / 0.95) - math.log(60 / 120)
    for rec in recs + _corpus(2)[0]:
        p, q = cal.probability(rec), nightly.probability(rec)
        assert math.log(q / (1 - q)) == pytest.approx(math.log(p / (1 - p)) + shift, abs=1e-6)
        assert judge(rec["rule"], rec, cal)[0] == judge(rec["rule"], rec, nightly)[0]  # same call, other number
        assert (p >= cal.gate_confidence) == (q >= nightly.gate_confidence)
    assert nightly.cutoff < cal.cutoff and nightly.at_fault_share(1 / 3).cutoff == pytest.approx(cal.cutoff)


def test_a_fault_share_needs_a_calibration_that_records_its_own(tmp_path: Path) -> None:
    cal = fit(*_corpus())
    with pytest.raises(CalibrationError, match="strictly between 0 and 1"):
        cal.at_fault_share(1.0)
    unknown = replace(cal, fitted_on={})
    with pytest.raises(CalibrationError, match="share of faults it was fitted on"):
        unknown.at_fault_share(0.1)
    path = tmp_path / "nightly.json"
    cal.at_fault_share(0.1).save(path)
    assert load(path).fault_share == 0.1  # a restated file says so, and is read back at its share
    data = json.loads(path.read_text())
    data["fitted_on"]["fault_share"] = 3
    path.write_text(json.dumps(data))
    with pytest.raises(CalibrationError, match="fitted_on.fault_share"):
        load(path)


def test_the_ece_of_a_nightly_mix_weighs_the_clips_to_its_share() -> None:
    # calibrated at half faults: confidence 0.5 is right there, and wrong where faults are one in ten
    pairs = [(0.5, True)] * 50 + [(0.5, False)] * 50
    assert ece(pairs)[0] == pytest.approx(0.0)
    weights, restated = at_fault_share(pairs, 0.1)
    assert ece(pairs, weights=weights)[0] == pytest.approx(0.4)
    assert restated[0] == pytest.approx(0.1) and ece([(q, y) for q, (_, y) in zip(restated, pairs)], weights=weights)[
        0
    ] == pytest.approx(0.0)
    assert "0.400 as stated, 0.000 with --fault-share 0.1" in nightly_confidence(pairs)


def test_a_calibration_made_from_seven_faults_a_response_decides_at_even_odds() -> None:
    from verifier.harness.calibrate import at_even_odds

    recs, labels = _corpus()
    faulty = [r for r, y in zip(recs, labels) if y]
    many = fit(recs + faulty * 13, labels + [True] * len(faulty) * 13)  # 120 faithful, 840 faults
    assert many.fault_share == pytest.approx(840 / 960)
    even = at_even_odds(many)
    assert even.fault_share == 0.5 and even.cutoff == 0.5
    rng = random.Random(5)
    faithful = []  # faithful replies with one word the model reads badly: a mishearing, not a fault
    for _ in range(40):
        probs = [rng.uniform(0.6, 1.0) for _ in range(6)]
        probs[rng.randrange(1, 5)] = rng.uniform(0.02, 0.1)
        faithful.append(scored(probs))
    flagged = [judge(r["rule"], r, many)[0] != "match" for r in faithful]
    flagged_even = [judge(r["rule"], r, even)[0] != "match" for r in faithful]
    # the same evidence: every clip flagged at even odds is flagged at seven to one, not the other way
    assert all(a for a, b in zip(flagged, flagged_even) if b) and sum(flagged_even) < sum(flagged)


def test_an_empty_transcript_is_left_to_the_rules_with_no_confidence() -> None:
    cal = fit(*_corpus(), decides=True)
    rec = scored([])
    assert rec["units"] == []
    v = Verdict("a", VerdictClass.EXTRA_SPEECH, flags=["extra_speech"], explanation="x", evidence=rec)
    apply(v, cal)
    assert v.verdict == VerdictClass.EXTRA_SPEECH and v.confidence is None


def test_a_runs_voice_is_the_median_of_its_readings_and_absent_below_five() -> None:
    assert voice_clarity([0.9, 0.8, 0.7, 0.6]) is None  # too few replies: each clip stands for its voice
    # only probabilities count (a results file is read back from anywhere)
    got = voice_clarity([0.5, 0.9, 0.8, 0.7, 0.6, "0.1", None, 2.0, float("nan")])
    assert got == pytest.approx(-math.log10(0.7))
    rec = scored([0.9, 0.5, 0.8])
    assert statistics(rec)["voice_clarity"] == statistics(rec)["clarity"]
    assert statistics(rec, 1.5)["voice_clarity"] == 1.5


def test_the_runs_voice_tells_a_hard_voice_from_a_reply_gone_wrong() -> None:
    """Faithful replies in a voice the model reads badly look, clip by clip, like replies in a clear
    voice that went wrong everywhere (a whole reply in another language): only the voice tells them apart."""
    rng = random.Random(3)

    def reply(lo: float, hi: float) -> dict[str, Any]:
        return scored([rng.uniform(lo, hi) for _ in range(6)])

    clear, hard = -math.log10(0.85), -math.log10(0.1)
    recs, labels, voices = [], [], []
    for _ in range(60):
        recs += [reply(0.7, 1.0), reply(0.05, 0.2), reply(0.05, 0.2)]  # clear faithful, hard faithful, clear gone wrong
        labels += [False, False, True]
        voices += [clear, hard, clear]
    blind = fit(recs, labels)
    seeing = fit(recs, labels, voices=voices, features=VOICE_DECISION_FEATURES)
    probe = scored([0.1, 0.12, 0.08, 0.15, 0.1, 0.09])
    assert seeing.probability(probe, hard) < 0.2 < 0.8 < seeing.probability(probe, clear)
    # fitted and judged clip by clip, the same clip is a coin toss: half the clips like it were faults
    assert 0.3 < blind.probability(probe) < 0.7
    assert judge("match", probe, seeing, hard)[0] == "match" and judge("match", probe, seeing, clear)[0] != "match"
    # a voice not known yet (a clip alone, a run's first replies) is a typical one, never the clip's own
    # reading: a reply that says something else entirely reads badly everywhere, like a hard voice
    assert seeing.probability(probe) == pytest.approx(seeing.probability(probe, seeing.typical_voice))
    assert seeing.probability(probe, hard) < seeing.probability(probe) < seeing.probability(probe, clear)
    with pytest.raises(ValueError, match="one voice"):
        fit(recs, labels, voices=voices[:-1])
    with pytest.raises(ValueError, match="give the records' voices"):
        fit(recs, labels, features=VOICE_DECISION_FEATURES)


def test_a_run_that_names_its_voices_judges_each_reply_beside_its_own_voice() -> None:
    """`Verifier.judge_run` (what `verifier score` and `verify_many` use): a manifest that mixes a voice the
    model reads badly with a clear one judges each reply by its own voice's median, in the manifest's order."""
    rng = random.Random(4)

    def reply(lo: float, hi: float) -> dict[str, Any]:
        return scored([rng.uniform(lo, hi) for _ in range(6)])

    clear, hard = -math.log10(0.85), -math.log10(0.1)
    recs, labels, voices = [], [], []
    for _ in range(60):
        recs += [reply(0.7, 1.0), reply(0.05, 0.2), reply(0.05, 0.2)]
        labels += [False, False, True]
        voices += [clear, hard, clear]
    verifier = Verifier(calibration=fit(recs, labels, voices=voices, features=VOICE_DECISION_FEATURES, decides=True))
    assert verifier.weighs_voice
    probe = [0.1, 0.12, 0.08, 0.15, 0.1, 0.09]

    def read(rec: dict[str, Any], voice: str | None, id_: str) -> Verdict:
        return Verdict(id_, VerdictClass.MATCH, evidence=rec, reading=reading(rec), meta=ResultMeta(voice=voice))

    run = [read(reply(0.05, 0.2), "hard", f"h{k}") for k in range(5)]
    run += [read(reply(0.7, 1.0), "clear", f"c{k}") for k in range(5)]
    run.insert(3, read(scored(probe), "hard", "probe-hard"))
    run.append(read(scored(probe), "clear", "probe-clear"))
    judged = verifier.judge_run(run)
    assert [v.id for v in judged] == [v.id for v in run]
    by_id = {v.id: v for v in judged}
    # the same words, read as badly: a mishearing in the hard voice, a fault in the clear one
    assert by_id["probe-hard"].verdict is VerdictClass.MATCH
    assert by_id["probe-clear"].verdict is not VerdictClass.MATCH
    # each voice is judged as it would be alone, and the rules' verdicts are left as they were
    alone = {
        v.id: v.confidence
        for voice in ("hard", "clear")
        for v in verifier.judge_run([r for r in run if r.meta.voice == voice])
    }
    assert {v.id: v.confidence for v in judged} == alone
    assert all(v.verdict is VerdictClass.MATCH and v.confidence is None for v in run)
    # named by nobody, the replies are one voice, whose median is neither
    blind = {v.id: v.confidence for v in verifier.judge_run([replace(v, meta=ResultMeta()) for v in run])}
    assert blind["probe-hard"] == blind["probe-clear"] and blind != alone
