"""Where in a clip someone is speaking (Silero VAD, shipped inside faster-whisper).

A neural VAD rather than an energy gate: noise, hum and clicks carry energy
but are not speech, and "no speech in it" is what `missing_audio` means.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from verifier.core.asr import SAMPLE_RATE

_VAD_LOCK = threading.Lock()  # the ONNX session is shared


@dataclass(frozen=True)
class Region:
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


def speech_regions(
    audio: np.ndarray,
    *,
    min_silence_s: float = 0.25,
    pad_s: float = 0.05,
    min_speech_s: float = 0.1,
    threshold: float = 0.5,
) -> list[Region]:
    """Speech stretches in 16 kHz mono audio, in seconds."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    audio = np.asarray(audio, np.float32)
    if audio.size < SAMPLE_RATE // 10:
        return []
    opts = VadOptions(
        threshold=threshold,
        min_silence_duration_ms=int(min_silence_s * 1000),
        speech_pad_ms=int(pad_s * 1000),
        min_speech_duration_ms=int(min_speech_s * 1000),
    )
    with _VAD_LOCK:
        stamps = get_speech_timestamps(audio, opts, sampling_rate=SAMPLE_RATE)
    return [Region(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in stamps]


def speech_between(regions: list[Region], start: float, end: float) -> float:
    """Seconds of speech inside [start, end]."""
    return sum(max(0.0, min(r.end, end) - max(r.start, start)) for r in regions)
