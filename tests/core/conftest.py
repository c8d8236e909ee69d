"""Shared fixtures for the core verifier tests: models and speech, made once per session."""

from __future__ import annotations

import numpy as np
import pytest

from verifier import Verifier
from verifier.schema import audio
from verifier.simulator import tts


@pytest.fixture(scope="session")
def base_verifier() -> Verifier:
    v = Verifier("base")
    _ = v.engine  # load once
    return v


@pytest.fixture(scope="session")
def tiny_verifier() -> Verifier:
    v = Verifier("tiny.en")
    _ = v.engine
    return v


class Speech:
    """Synthesised speech at 16 kHz, cached per text."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def __call__(self, text: str, language: str = "en") -> np.ndarray:
        key = (text, language)
        if key not in self._cache:
            self._cache[key] = audio.resample(tts.synthesize(text, language), tts.TTS_RATE, 16_000)
        return self._cache[key]

    def join(self, *parts: np.ndarray, gap: float = 0.05) -> np.ndarray:
        out: list[np.ndarray] = []
        for i, p in enumerate(parts):
            if i:
                out.append(np.zeros(int(gap * 16_000), np.float32))
            out.append(p)
        return np.concatenate(out)


@pytest.fixture(scope="session")
def speech() -> Speech:
    return Speech()
