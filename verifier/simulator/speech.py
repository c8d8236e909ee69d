"""Real speech for the simulated responses, in the session's output format.

English goes through piper and other languages through espeak-ng (both via
`verifier.simulator.tts.synthesize`). Sentences are cached in memory: a corpus run
repeats the same prompts, and piper costs ~0.1 s a sentence.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import numpy as np

from verifier.schema import audio
from verifier.simulator import tts
from verifier.simulator.rendition import SpokenPart

Synth = Callable[[str, str], np.ndarray]
V = TypeVar("V")

_TAIL_PAD = 0.03  # seconds kept after the last loud sample of a cut


class _LRU(OrderedDict[Hashable, V]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Hashable, value: V) -> V:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)
        return value


def _default_synth(text: str, language: str) -> np.ndarray:
    return tts.synthesize(text, language)


def speech_end(samples: np.ndarray, rate: int = tts.TTS_RATE, threshold: float = 0.01) -> int:
    """Index just after the last audible sample (plus a short tail)."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return 0
    return min(samples.size, int(loud[-1]) + int(_TAIL_PAD * rate))


class SpeechRenderer:
    """SpokenPart sequences to float32 speech at `tts.TTS_RATE`, and to API bytes."""

    def __init__(self, synth: Synth | None = None, *, cache_size: int = 1024) -> None:
        self._synth = synth or _default_synth
        self._lock = threading.Lock()
        self._samples: _LRU[np.ndarray] = _LRU(cache_size)
        self._encoded: _LRU[bytes] = _LRU(cache_size // 4)

    def samples(self, text: str, language: str) -> np.ndarray:
        key = (text, language)
        with self._lock:
            hit = self._samples.get(key)
        if hit is not None:
            return hit
        out = np.asarray(self._synth(text, language), np.float32)
        with self._lock:
            return self._samples.put(key, out)

    def _part(self, part: SpokenPart) -> np.ndarray:
        full = self.samples(part.text, part.language)
        if part.keep_words is None:
            return full
        words = part.text.split()
        if part.keep_words <= 0:
            return full[:0]
        # Cut the whole sentence where its first words end, found by speaking
        # just those words: the sentence keeps its own prosody up to the cut.
        prefix = " ".join(words[: part.keep_words]).rstrip(",;:")
        end = speech_end(self.samples(prefix, part.language))
        return full[: min(end, full.size)]

    def render(self, parts: Sequence[SpokenPart]) -> np.ndarray:
        pieces: list[np.ndarray] = []
        for part in parts:
            if part.gap_before > 0 and pieces:
                pieces.append(tts.silence(part.gap_before))
            pieces.append(self._part(part))
        return np.concatenate(pieces).astype(np.float32) if pieces else np.zeros(0, np.float32)

    def encode(self, parts: Sequence[SpokenPart], fmt: str) -> bytes:
        """The raw bytes a realtime API would stream for these parts in `fmt`."""
        key = (tuple(parts), fmt)
        with self._lock:
            hit = self._encoded.get(key)
        if hit is not None:
            return hit
        data = audio.encode(self.render(parts), tts.TTS_RATE, fmt)
        with self._lock:
            return self._encoded.put(key, data)
