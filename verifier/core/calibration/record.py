"""The raw evidence about one clip, as plain JSON: what the fitted statistics are computed from.

Kept apart from the statistics so the expensive part (the ASR passes that
produce it) is done once per clip and cached by the bench and by `verifier
calibrate`; refitting reads records, never audio.
"""

from __future__ import annotations

from typing import Any

from verifier.core.decision import Decision, Evidence, UnitEvidence

#: bump when a record's shape or meaning changes: caches of older records are recomputed
RECORD_VERSION = 10


def _langs(langs: list[tuple[str, float]], k: int = 4) -> list[list[Any]]:
    return [[lang, round(float(p), 4)] for lang, p in langs[:k]]


def word_languages(found: list[tuple[int, list[tuple[str, float]]]]) -> list[list[Any]]:
    """The record's ``word_languages``: (unit index, languages) of the words whose stretch was asked."""
    return [[i, _langs(langs)] for i, langs in found]


def record(ev: Evidence, d: Decision) -> dict[str, Any]:
    """The evidence and the rules' decision for one clip that was scored word by word."""
    units = []
    for u in ev.units:
        m = u.match
        units.append(
            {
                "w": " ".join(u.words),
                "p": None if u.prob is None else round(u.prob, 5),
                "p2": None if u.prob2 is None else round(u.prob2, 5),
                "prior": None if u.prior is None else round(u.prior, 5),
                "heard": u.heard,
                "op": None if m is None else m.op,
                "sim": None if m is None else round(m.similarity, 3),
                "hw": None if m is None else list(m.heard),
                "s": round(u.start, 3),
                "e": round(u.end, 3),
                "lp": None if u.logp is None else round(u.logp, 3),
                "hi": None if m is None else list(m.hyp_index),
            }
        )
    runs = [
        {
            "kind": r.kind,
            "first": r.first,
            "last": r.last,
            "start": round(r.start, 3),
            "end": round(r.end, 3),
            "speech_s": r.speech_s,
            "substituted": r.substituted,
            "languages": _langs(r.languages),
            "untranslated_tail": r.untranslated_tail,
        }
        for r in ev.runs
    ]
    return {
        "v": RECORD_VERSION,
        "kind": "scored",
        "language": ev.transcript_language,
        "audio_s": round(ev.audio_seconds, 3),
        "speech_s": round(ev.speech_seconds, 3),
        "decoded": ev.decoded,
        "wer": ev.wer,
        "units": units,
        "runs": runs,
        "extra_s": ev.extra_speech_s,
        "extra_words": list(ev.extra_words),
        "head_extra_s": ev.head_extra_s,
        "head_extra_words": list(ev.head_extra_words),
        "clip_languages": _langs(ev.clip_languages),
        "segments": [[s.start, s.end, s.text, s.language, s.language_probability] for s in ev.segments],
        "multilingual": ev.multilingual,
        "hyp": [[tok, round(a, 3), round(b, 3), round(lp, 3)] for tok, a, b, lp in ev.hyp],
        "word_languages": word_languages(ev.word_languages),
        "aligned_tail_s": round(ev.aligned_tail_s, 3),
        "aligned_head_s": round(ev.aligned_head_s, 3),
        "triage_p": None if ev.triage_p is None else round(ev.triage_p, 6),
        "rule": d.verdict.value,
        "flags": list(d.flags),
    }


def aligned(
    language: str,
    audio_s: float,
    speech_s: float,
    units: list[UnitEvidence],
    clip_languages: list[tuple[str, float]],
    multilingual: bool,
    tail_s: float,
    head_s: float,
) -> dict[str, Any]:
    """What is known of a clip before free decoding, in the shape of a scored record's own fields
    (kind "aligned"): the transcript's words scored against the audio (by both readers, where the
    second read them), the clip's language ID, the speech left past the aligned words. A scored
    record holds all of it, so a triage fitted on scored records reads the same values from this
    one before it decides whether to decode."""
    return {
        "v": RECORD_VERSION,
        "kind": "aligned",
        "language": language,
        "audio_s": round(audio_s, 3),
        "speech_s": round(speech_s, 3),
        "units": [
            {
                "w": " ".join(u.words),
                "p": None if u.prob is None else round(u.prob, 5),
                "p2": None if u.prob2 is None else round(u.prob2, 5),
                "prior": None if u.prior is None else round(u.prior, 5),
            }
            for u in units
        ],
        "clip_languages": _langs(clip_languages),
        "multilingual": multilingual,
        "aligned_tail_s": round(tail_s, 3),
        "aligned_head_s": round(head_s, 3),
    }


def early(verdict: str, flags: list[str], audio_s: float, speech_s: float | None, n_words: int) -> dict[str, Any]:
    """A clip decided before word scoring (no audio, no speech, a transcript the audio cannot hold)."""
    return {
        "v": RECORD_VERSION,
        "kind": "early",
        "audio_s": round(audio_s, 3),
        "speech_s": round(speech_s or 0.0, 3),
        "n_words": n_words,
        "rule": verdict,
        "flags": list(flags),
    }
