"""Language of the stretches the transcript's words are missing from, and what a translation still covers."""

from __future__ import annotations

import logging

import numpy as np

from verifier.core.asr import SAMPLE_RATE, Engine
from verifier.core.decision import Run, Thresholds, foreign
from verifier.core.normalize import Unit, normalize
from verifier.core.words import match_units, similarity

log = logging.getLogger(__name__)

#: The languages a reply is watched for switching into, one word at a time: Spanish and French, the
#: languages gpt-realtime was reported drifting into, and those Whisper takes them for on a word's
#: length. On the dev corpus's 90 switched words in English replies (texts.py, texts_switch.py),
#: language ID of the word's stretch put 7.9 of its mass on Spanish, 4.9 on French, 3.9 on Italian and
#: 0.4 on Portuguese (Catalan and Galician, as close, drew none there), beside Japanese 11.8 and Thai
#: 6.8, which robotic and accented voices draw on faithful words as much. On 376 faithful first words,
#: Spanish and French drew 3.7 and 2.8. Replies in a watched language are not watched: a Spanish
#: reply's own words are no switch.
SWITCH_LANGUAGES = ("es", "fr", "it", "pt", "ca", "gl")


def region_languages(
    engine: Engine, samples: np.ndarray, start: float, end: float, own: str
) -> list[tuple[str, float]]:
    """Language ID of one stretch: the more foreign of a tight and a slightly wider window.

    A code-switched word is short; the tight window can cut it, the wide one
    can swamp it with the next (native) word, so both are asked.
    """
    total = samples.size / SAMPLE_RATE
    windows = [
        samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)]
        for a, b in ((max(0.0, lo), min(total, hi)) for lo, hi in ((start - 0.05, end + 0.1), (start - 0.1, end + 0.3)))
        if b - a >= 0.2
    ]
    if not windows:
        return []
    best: list[tuple[str, float]] = []
    own_best = 2.0
    # both windows in one encoder call, padded to the wider one's length: fixed by the stretch alone
    for langs in engine.detect_language_many(engine.encode_many(windows)):
        own_p = next((p for lang, p in langs if lang == own), 0.0)
        if langs and own_p < own_best:
            own_best, best = own_p, langs
    return best


def word_languages(
    engine: Engine, samples: np.ndarray, units: list[tuple[float | None, float, float]], own: str
) -> list[tuple[int, list[tuple[str, float]]]]:
    """Language ID of two words' stretches: the first (a switched head word, "Exacto, ...") and the
    worst scored ("su pedido" for "your order"), given (probability, start, end) per unit.

    Asked whether or not the words were heard: Whisper writes "Perfecto" as "Perfect" and scores
    it well, yet the stretch still sounds Spanish. Not asked of a reply in a watched language.
    """
    if own in SWITCH_LANGUAGES or not units or not engine.multilingual:
        return []
    probs = [1.0 if p is None else p for p, _, _ in units]
    worst = min(range(len(units)), key=probs.__getitem__)
    return [(i, region_languages(engine, samples, units[i][1], units[i][2], own)) for i in dict.fromkeys((0, worst))]


def cut_after_translation(
    engine: Engine, samples: np.ndarray, runs: list[Run], units: list[Unit], lang: str, heard_text: str, t: Thresholds
) -> None:
    """When the audio drifts into another language up to its end, find what it never said at all.

    The whole foreign stretch (from its first foreign run to the tail, heard
    words between included: a cognate or a name can score as heard) is
    translated, and the transcript's tail that the translation lacks is cut.
    """
    if lang != "en" or not engine.multilingual:
        return  # Whisper translates into English only
    foreign_runs = [
        r
        for r in runs
        if (r.speech_s >= t.unexplained_s or r.kind == "all") and foreign(r.languages, lang, t) is not None
    ]
    if not foreign_runs or foreign_runs[-1].kind not in ("tail", "all"):
        return
    first, last = foreign_runs[0], foreign_runs[-1]
    other = foreign(last.languages, lang, t)
    assert other is not None
    span = Run(last.kind, first.first, last.last, first.start, last.end)
    n = _untranslated_tail(engine, samples, span, units, other[0], heard_text, t)
    last.untranslated_tail = min(n, last.last - last.first + 1)


def _untranslated_tail(
    engine: Engine,
    samples: np.ndarray,
    run: Run,
    units: list[Unit],
    heard_language: str,
    heard_text: str,
    t: Thresholds,
) -> int:
    """How many of a foreign run's last units not even Whisper's English translation of the audio holds.

    "Envíalo por favor a soporte@miempresa.com" for "Please send it to
    soporte@miempresa.com. That's the best one.": the translation covers the
    first sentence, so the second is missing from the audio, not translated.
    """
    a, b = max(0.0, run.start - 0.1), min(samples.size / SAMPLE_RATE, run.end + 0.1)
    enc = engine.encode(samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)])
    text = engine.decode(enc, heard_language, task="translate").text
    log.debug("translation of %.1f-%.1f s: %r", a, b, text)
    run_units = units[run.first : run.last + 1]
    m = match_units(run_units, normalize(text, "en"), fuzzy=t.fuzzy)
    covered = {i for i, um in enumerate(m.units) if um.op == "ok" and um.heard}
    # names and cognates survive as they are ("soporte"): a long enough word heard anywhere counts
    bag = set(normalize(text, "en")) | set(normalize(heard_text, "en"))
    for i, u in enumerate(run_units):
        if any(len(tok) >= 4 and any(similarity(tok, h) >= t.fuzzy for h in bag) for tok in u.tokens):
            covered.add(i)
    if len(covered) < 2:
        return 0  # the audio matches too little of the text to say where it stops
    rest = len(run_units) - 1 - max(covered)
    return rest if rest >= t.mismatch_min_words else 0
