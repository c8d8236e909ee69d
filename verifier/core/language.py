"""The language a transcript is written in, when the caller does not say.

py3langid (a small offline text classifier), limited to languages Whisper
knows. Very short texts ("Okay.") are ambiguous to any text classifier; for
those the caller may fall back to what the audio's majority language is
among the text's plausible candidates.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from faster_whisper.tokenizer import _LANGUAGE_CODES
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in _LANGUAGE_CODES if c in ident.labels])
    return ident


def text_languages(text: str, top: int = 3) -> list[tuple[str, float]]:
    """Most likely languages of `text`, best first, with normalised probabilities."""
    if not any(ch.isalpha() for ch in text):
        return []
    with _LOCK:
        ranked = _identifier().rank(text)
    return [(str(lang), float(p)) for lang, p in ranked[:top]]


def guess(text: str, audio_languages: list[tuple[str, float]] | None = None, *, confident: float = 0.9) -> str:
    """One ISO 639-1 code for the transcript.

    Confident text ID wins. Otherwise the audio's best language among the
    text's plausible candidates decides (a short "Okay." must not be called
    Tagalog; nothing the text rules out can relabel it), then English when the
    text says too little to rule it out.
    """
    ranked = text_languages(text, top=5)
    if not ranked:
        return "en"
    if ranked[0][1] >= confident:
        return ranked[0][0]
    candidates = [lang for lang, p in ranked if p >= 0.02]
    if ranked[0][1] < 0.5 and "en" not in candidates:
        candidates.append("en")  # too little text to rule English out
    for lang, _ in (audio_languages or [])[:3]:
        if lang in candidates:
            return lang
    return "en" if "en" in candidates else ranked[0][0]
