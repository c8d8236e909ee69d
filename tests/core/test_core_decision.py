"""The decision rules on hand-built evidence: which words count as heard, how unheard ones group,
and which verdict each pattern gets. Pure functions; no audio, no model."""

from __future__ import annotations

import pytest

from verifier.core.decision import Evidence, Run, Thresholds, UnitEvidence, decide, find_runs, mark_heard
from verifier.core.words import UnitMatch
from verifier.schema.results import VerdictClass

T = Thresholds()


def units(*probs: float | None, prior: float | None = None) -> list[UnitEvidence]:
    """One word per unit, 0.4 s each: w0 w1 ..."""
    return [UnitEvidence([f"w{i}"], p, 0.4 * i, 0.4 * i + 0.4, prior=prior) for i, p in enumerate(probs)]


def evidence(us: list[UnitEvidence], *, decoded: bool = False, runs: list[Run] | None = None, **kw: object) -> Evidence:
    mark_heard(us, T)
    audio = us[-1].end if us else 0.0
    return Evidence("en", audio, audio, us, find_runs(us) if runs is None else runs, decoded, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "probs, kinds",
    [
        ((0.9, 0.9, 0.9), []),
        ((0.9, 0.9, 0.05, 0.05), [("tail", 2, 3)]),
        ((0.05, 0.9, 0.9), [("head", 0, 0)]),
        ((0.9, 0.05, 0.05, 0.9), [("middle", 1, 2)]),
        ((0.05, 0.05), [("all", 0, 1)]),
        ((0.05, 0.9, 0.05), [("head", 0, 0), ("tail", 2, 2)]),
    ],
)
def test_unheard_words_group_into_runs(probs: tuple[float, ...], kinds: list[tuple[str, int, int]]) -> None:
    us = units(*probs)
    mark_heard(us, T)
    assert [(r.kind, r.first, r.last) for r in find_runs(us)] == kinds


def test_a_word_the_text_alone_predicts_follows_its_neighbours() -> None:
    # prior >= prior_max: the score says nothing about the audio ("you" after "Thank")
    us = units(0.9, 0.99, 0.9)
    us[1].prior = 0.9
    mark_heard(us, T)
    assert [u.heard for u in us] == [True, True, True]
    cut = units(0.9, 0.05, 0.99)  # after an unheard word, at the end: a cut tail, not heard
    cut[2].prior = 0.9
    mark_heard(cut, T)
    assert [u.heard for u in cut] == [True, False, False]


def test_the_decoder_writing_the_word_is_enough() -> None:
    us = units(0.1)
    us[0].match = UnitMatch("ok", ["w0"], 1.0)
    mark_heard(us, T)
    assert us[0].heard
    us[0].match = UnitMatch("substituted", ["x"], 0.2)
    mark_heard(us, T)
    assert not us[0].heard


def test_every_word_heard_is_a_match() -> None:
    d = decide(evidence(units(0.9, 0.8, 0.95)), T)
    assert (d.verdict, d.flags, d.missing_words, d.divergence_at) == ("match", [], [], None)
    assert "All 3 transcript words were heard" in d.explanation


def test_a_cut_tail_is_truncated_where_the_audio_stops() -> None:
    ev = evidence(units(0.9, 0.9, 0.02, 0.02))
    ev.audio_seconds = 0.7  # the cut clip ends before the tail's words would have been spoken (0.8 s)
    d = decide(ev, T)
    assert d.verdict == "truncated" and d.missing_words == ["w2", "w3"]
    assert d.divergence_at == pytest.approx(0.7)
    assert "ends without the transcript's 2 last word(s)" in d.explanation


def test_a_foreign_stretch_where_the_words_should_be_is_language_drift() -> None:
    us = units(0.02, 0.9, 0.9)
    mark_heard(us, T)
    [head] = find_runs(us)
    head.speech_s, head.languages = 0.4, [("es", 0.8), ("en", 0.1)]
    d = decide(evidence(us, runs=[head]), T)
    assert d.verdict == "language_drift" and d.missing_words == ["w0"]
    assert "speaks Spanish (p=0.80)" in d.explanation
    head.languages = [("en", 0.9)]  # the same stretch in the transcript's language: a cut start instead
    head.speech_s = 0.0
    assert decide(evidence(us, runs=[head]), T).verdict == "truncated"


@pytest.mark.parametrize(
    "languages, said",
    [
        ([("ja", 0.34), ("en", 0.2)], "a language other than English (language ID unsure: Japanese at p=0.34)"),
        ([("ta", 0.9), ("en", 0.05)], "speaks Tamil (p=0.90)"),  # a name, never the raw code
        ([("xx", 0.9), ("en", 0.05)], "speaks an unidentified language (p=0.90)"),
    ],
)
def test_a_language_is_named_only_with_a_real_posterior(languages: list[tuple[str, float]], said: str) -> None:
    us = units(0.02, 0.02, 0.9)  # two words: an unsure language ID of one word alone is no drift (below)
    mark_heard(us, T)
    [head] = find_runs(us)
    head.speech_s, head.languages = 0.4, languages
    d = decide(evidence(us, runs=[head]), T)
    assert d.verdict == "language_drift" and said in d.explanation


@pytest.mark.parametrize("languages, drift", [([("it", 0.35), ("es", 0.2)], False), ([("es", 0.95)], True)])
def test_one_word_needs_a_sure_language_id_to_be_drift(languages: list[tuple[str, float]], drift: bool) -> None:
    # Spanish "al" came out Italian at 0.35: noise; "Exacto" for "Exactly" comes out Spanish at 0.95
    us = units(0.02, 0.9, 0.9)
    mark_heard(us, T)
    [head] = find_runs(us)
    head.speech_s, head.languages = 0.4, languages
    assert (decide(evidence(us, runs=[head]), T).verdict == "language_drift") is drift


def test_one_low_word_is_not_a_mismatch_but_several_are() -> None:
    assert decide(evidence(units(0.9, 0.02, 0.9)), T).verdict == "match"
    d = decide(evidence(units(0.9, 0.02, 0.02, 0.9)), T)
    assert d.verdict == "content_mismatch" and d.missing_words == ["w1", "w2"]
    strict = T.replace(mismatch_min_words=3)
    assert decide(evidence(units(0.9, 0.02, 0.02, 0.9)), strict).verdict == "match"


def test_speech_past_the_last_word_is_extra_speech() -> None:
    ev = evidence(units(0.9, 0.9), decoded=True, extra_speech_s=1.2, extra_start=0.8, extra_words=["and", "more"])
    d = decide(ev, T)
    assert d.verdict == "extra_speech" and d.extra_words == ["and", "more"] and d.divergence_at == 0.8
    ev.extra_speech_s = T.extra_speech_s - 0.1
    assert decide(ev, T).verdict == "match"


def test_an_empty_transcript_over_one_spoken_word_is_extra_speech() -> None:
    # "Yes." is half a second: short of the 0.6 s a loose end past the last word may hold, but an
    # empty transcript claims nothing, so one word's speech is already more than it says
    spoken = Evidence("en", 0.9, 0.5, [], [], True, extra_speech_s=0.5, extra_start=0.2, extra_words=["yes"])
    d = decide(spoken, T)
    assert d.verdict is VerdictClass.EXTRA_SPEECH and d.extra_words == ["yes"], d.explanation
    # a click's worth of sound, or speech nothing was decoded from, is not a word
    assert decide(Evidence("en", 0.9, 0.1, [], [], True, extra_speech_s=0.1, extra_words=["a"]), T).verdict is (
        VerdictClass.MATCH
    )
    assert decide(Evidence("en", 0.9, 0.5, [], [], True, extra_speech_s=0.5), T).verdict is VerdictClass.MATCH
    # with a transcript, half a second past its end is still a loose end
    tail = evidence(units(0.9, 0.9), decoded=True, extra_speech_s=0.5, extra_words=["yes"])
    assert decide(tail, T).verdict is VerdictClass.MATCH


def test_a_match_says_how_many_words_were_heard_in_words_that_read() -> None:
    assert decide(evidence(units(0.9)), T).explanation.startswith("The transcript's one word was heard (")
    assert decide(evidence(units(0.9, 0.9)), T).explanation.startswith("All 2 transcript words were heard (")
