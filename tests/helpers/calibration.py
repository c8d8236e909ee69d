"""Evidence records built by hand, for the calibration's tests (no audio, no model)."""

from __future__ import annotations

from typing import Any

from verifier.core.calibration.record import record
from verifier.core.decision import Evidence, Run, Thresholds, UnitEvidence, decide, find_runs, mark_heard
from verifier.core.normalize import normalize
from verifier.core.normalize import units as make_units
from verifier.core.words import match_units
from verifier.schema.results import Segment

T = Thresholds()


def scored(
    probs: list[float],
    *,
    language: str = "en",
    run_languages: list[tuple[str, float]] | None = None,
    run_speech_s: float = 0.0,
    extra_s: float = 0.0,
    extra_words: list[str] | None = None,
    words: list[str] | None = None,
    wer: float | None = None,
    word_languages: list[tuple[int, list[tuple[str, float]]]] | None = None,
    second: list[float | None] | None = None,
    heard: str | None = None,
    speech_s: float | None = None,
) -> dict[str, Any]:
    """A record of a clip whose words scored `probs` (0.4 s a word), and `second` by a second reader;
    runs found as the verifier finds them. `heard`: what free decoding wrote (one segment), and
    `speech_s` the clip's speech (its audio's length unless given)."""
    names = words or [f"word{i}" for i in range(len(probs))]
    us = [UnitEvidence([w], p, 0.4 * i, 0.4 * i + 0.4, prior=0.01) for i, (w, p) in enumerate(zip(names, probs))]
    for u, p2 in zip(us, second or []):
        u.prob2 = p2
    hyp = normalize(heard, language) if heard is not None else []
    if heard is not None:  # matched word by word as the verifier matches what free decoding wrote
        units = make_units(names, language)
        assert len(units) == len(us), "one unit a word: no run of number words"
        for u, m in zip(us, match_units(units, hyp, fuzzy=T.fuzzy).units):
            u.match = m
    mark_heard(us, T)
    runs: list[Run] = find_runs(us)
    for r in runs:
        r.speech_s = run_speech_s
        r.languages = list(run_languages or [])
    audio = us[-1].end + extra_s if us else 1.0
    ev = Evidence(
        language,
        audio,
        audio if speech_s is None else speech_s,
        us,
        runs,
        decoded=wer is not None or heard is not None,
        segments=[Segment(0.0, audio, heard, language, 0.99)] if heard is not None else [],
        hyp=[(tok, 0.0, audio, -0.1) for tok in hyp],
        extra_speech_s=extra_s,
        extra_words=list(extra_words or []),
        wer=wer,
        word_languages=list(word_languages or []),
    )
    return record(ev, decide(ev, T))
