"""What a voice-agent test needs around a framework: spoken input, and ears for the audio it gets back.

Speech comes from the project's TTS (piper) and is heard back with the
simulator's own Whisper, so a test checks what was said, not just that bytes
arrived.
"""

from __future__ import annotations

import numpy as np

from verifier.schema import audio
from verifier.simulator import tts
from verifier.simulator.listening import shared_hearing

RATE = tts.TTS_RATE  # 24 kHz, the realtime API's pcm16 rate


def spoken(text: str, *, lead: float = 0.3, tail: float = 1.2) -> np.ndarray:
    """`text` as a user would say it: 16-bit samples at 24 kHz, with silence around it."""
    samples = np.concatenate([tts.silence(lead), tts.synthesize(text, "en"), tts.silence(tail)])
    return audio.to_int16(samples)


def frames(pcm: np.ndarray, ms: int = 20) -> list[np.ndarray]:
    step = RATE * ms // 1000
    return [pcm[i : i + step] for i in range(0, len(pcm), step)]


def hear(pcm16: bytes | np.ndarray, rate: int = RATE) -> str:
    """What Whisper hears in the agent's received audio."""
    pcm = np.frombuffer(pcm16, np.int16) if isinstance(pcm16, bytes) else np.asarray(pcm16, np.int16)
    return shared_hearing().transcribe(audio.resample(audio.to_float(pcm), rate, 16_000))


def words(text: str) -> list[str]:
    return [w for w in "".join(c.lower() if c.isalnum() or c.isspace() else " " for c in text).split()]
