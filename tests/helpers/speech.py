"""Synthesised speech for the tests, cached per text (piper / espeak: loading it is slow), and a tone
that stands in for speech where only the audio's format and length matter."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from verifier.schema import audio
from verifier.simulator import tts


def _fresh_espeak(text: str, language: str) -> np.ndarray:
    """espeak-ng speech as a fresh process makes it.

    libespeak-ng keeps state between calls in one process: the same text comes
    out a few samples different each time, depending on what was spoken
    before. A clip that sits near a decision threshold then flipped with test
    order; a fresh process gives the same samples every time.
    """
    code = (
        "import sys, numpy as np; from verifier.simulator import tts; "
        "sys.stdout.buffer.write(tts.synthesize(sys.argv[1], sys.argv[2]).astype(np.float32).tobytes())"
    )
    out = subprocess.run([sys.executable, "-c", code, text, language], capture_output=True, check=True, timeout=120)
    return np.frombuffer(out.stdout, np.float32).copy()


class Speech:
    """Synthesised speech at 16 kHz, cached per text."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def __call__(self, text: str, language: str = "en") -> np.ndarray:
        key = (text, language)
        if key not in self._cache:
            samples = tts.synthesize(text, language) if language == "en" else _fresh_espeak(text, language)
            self._cache[key] = audio.resample(samples, tts.TTS_RATE, 16_000)
        return self._cache[key]

    def join(self, *parts: np.ndarray, gap: float = 0.05) -> np.ndarray:
        out: list[np.ndarray] = []
        for i, p in enumerate(parts):
            if i:
                out.append(np.zeros(int(gap * 16_000), np.float32))
            out.append(p)
        return np.concatenate(out)


def tone(text: str, language: str) -> np.ndarray:
    """A stand-in for speech where only the audio's format and length matter (report writers): a chord
    as long as the text would take to say, at the speech engine's rate. Loads no model."""
    seconds = 0.07 * len(text)
    t = np.arange(int(seconds * tts.TTS_RATE)) / tts.TTS_RATE
    pitch = 220.0 if language == "en" else 330.0
    return (0.2 * np.sin(2 * np.pi * pitch * t) + 0.1 * np.sin(2 * np.pi * 2.5 * pitch * t)).astype(np.float32)
