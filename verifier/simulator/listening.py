"""The simulator's ears: server-side turn detection and input transcription.

`TurnDetector` is a pure state machine over 16 kHz input audio: it asks an
injected VAD (`Regions`) where speech is and turns the answers into speech
started / stopped / idle-timeout decisions with the services' parameters
(threshold, prefix_padding_ms, silence_duration_ms, idle_timeout_ms).
`Hearing` binds the project's own models: Silero VAD for the regions and
Whisper base for what was said. It is the only place the simulator imports
them, so the protocol session never loads a model itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

RATE = 16_000
#: Regions(audio at 16 kHz, threshold, min_silence_s) -> [(start_s, end_s)] of speech.
Regions = Callable[[np.ndarray, float, float], list[tuple[float, float]]]
#: Transcribe(audio at 16 kHz, language or None) -> the words heard.
Transcribe = Callable[[np.ndarray, "str | None"], str]

#: VAD is re-run after this much new audio: three Silero frames (32 ms each).
EVAL_SECONDS = 0.096
#: Audio kept before speech while nobody speaks: the prefix padding and room for a region to start.
_IDLE_KEEP_SECONDS = 1.0
#: semantic_vad ends a turn on meaning, not a fixed silence; the simulator maps eagerness to the
#: silence it waits (high answers sooner), which is how the eagerness levels differ to a client.
SEMANTIC_SILENCE_MS = {"low": 1500, "medium": 800, "auto": 800, "high": 400}
#: While someone speaks, the VAD re-reads only this much before the silence it waits for,
#: so a long turn costs the same per evaluation as a short one.
_TAIL_SECONDS = 2.0
#: Whisper base decoding a clip encoded at its own short length loops ("Your order was shipped
#: yesterday. Your order was ..."); padded to 8 s it did not, on 15 piper clips of 1.5-3.5 s
#: with 0-1 s of silence around them (4 s: 3 loops; 30 s: none, but 5x the encoder cost).
_MIN_WINDOW_SECONDS = 8.0
#: What the model hears when the idle timeout commits an empty turn.
IDLE_PROMPT = "Are you still there?"


@dataclass(frozen=True)
class TurnConfig:
    kind: str
    threshold: float = 0.5
    prefix_padding_ms: int = 300
    silence_duration_ms: int = 200
    create_response: bool = True
    interrupt_response: bool = True
    idle_timeout_ms: int | None = None

    @classmethod
    def from_wire(cls, td: Any) -> TurnConfig | None:
        """A session's `turn_detection` object (None when turn detection is off)."""
        if not isinstance(td, dict) or td.get("type") not in ("server_vad", "semantic_vad"):
            return None
        kind = td["type"]
        silence = td.get("silence_duration_ms")
        if kind == "semantic_vad":
            silence = SEMANTIC_SILENCE_MS.get(str(td.get("eagerness") or "auto"), 800)
        idle, threshold = td.get("idle_timeout_ms"), td.get("threshold")
        return cls(
            kind=kind,
            threshold=float(threshold) if isinstance(threshold, (int, float)) else 0.5,
            prefix_padding_ms=int(td.get("prefix_padding_ms") or 300) if kind == "server_vad" else 300,
            silence_duration_ms=int(silence if silence is not None else 200),
            create_response=td.get("create_response", True) is not False,
            interrupt_response=td.get("interrupt_response", True) is not False,
            idle_timeout_ms=int(idle) if isinstance(idle, int) and idle > 0 else None,
        )


@dataclass
class Turn:
    """A decision of the detector. Times are ms from the session's first input audio."""

    kind: str  # "started" | "stopped" | "timeout"
    start_ms: int
    end_ms: int = 0
    #: stopped / timeout: the turn's audio (prefix padding included), 16 kHz float32.
    audio: np.ndarray | None = None


class TurnDetector:
    def __init__(self, config: TurnConfig, regions: Regions, *, start_sample: int = 0) -> None:
        self.config, self._regions = config, regions
        self._window = np.zeros(0, np.float32)
        self._window_start = start_sample  # absolute sample index of _window[0]
        self.total = start_sample  # samples seen in the whole session
        self._last_eval = start_sample
        self.in_speech = False
        self._speech_start = 0
        #: Where the idle timeout counts from; None while the model is answering or about to.
        self._idle_from: int | None = start_sample

    def _ms(self, sample: int) -> int:
        return int(sample * 1000 // RATE)

    def hold_idle(self) -> None:
        """A response is due or playing: nobody is idle while the model has the floor."""
        self._idle_from = None

    @property
    def idle_held(self) -> bool:
        return self._idle_from is None

    def reset_idle(self, sample: int) -> None:
        """The idle timeout counts from `sample`: where the last response's audio stops playing,
        which may still lie ahead of the input audio heard so far."""
        self._idle_from = sample

    def feed(self, samples: np.ndarray) -> list[Turn]:
        self._window = np.concatenate([self._window, np.asarray(samples, np.float32)])
        self.total += len(samples)
        if self.total - self._last_eval < EVAL_SECONDS * RATE:
            return []
        self._last_eval = self.total
        cfg = self.config
        if self.in_speech:
            # Only the end of a long turn can change the decision: look at its tail, and at the
            # whole turn only when the tail is silent (to place audio_end_ms exactly).
            tail = int((cfg.silence_duration_ms / 1000 + _TAIL_SECONDS) * RATE)
            found = self._find(max(0, len(self._window) - tail))
            if not found:
                found = self._find(0)
        else:
            found = self._find(0)
        turns: list[Turn] = []
        if not self.in_speech:
            if found:
                self.in_speech = True
                self._speech_start = found[0][0]
                turns.append(Turn("started", self._ms(self._speech_start)))
            else:
                idle_from = self._idle_from
                if (
                    cfg.idle_timeout_ms is not None
                    and idle_from is not None
                    and self._ms(self.total - idle_from) >= cfg.idle_timeout_ms
                ):
                    turns.append(Turn("timeout", self._ms(idle_from), self._ms(self.total), self._window.copy()))
                    self._idle_from = self.total
                keep = int((_IDLE_KEEP_SECONDS + cfg.prefix_padding_ms / 1000) * RATE)
                self._trim(self.total - keep)
                return turns
        ours = [r for r in found if r[1] > self._speech_start]
        end = ours[-1][1] if ours else self._speech_start
        if self._ms(self.total - end) >= cfg.silence_duration_ms:
            first = max(self._window_start, self._speech_start - cfg.prefix_padding_ms * RATE // 1000)
            audio = self._window[first - self._window_start : end - self._window_start].copy()
            turns.append(Turn("stopped", self._ms(self._speech_start), self._ms(end), audio))
            self.in_speech = False
            self._idle_from = self.total
            self._trim(end)
        return turns

    def _find(self, offset: int) -> list[tuple[int, int]]:
        """Speech regions in the window from `offset`, as absolute sample indices."""
        cfg, start = self.config, self._window_start + offset
        return [
            (int(start + s * RATE), int(start + e * RATE))
            for s, e in self._regions(self._window[offset:], cfg.threshold, cfg.silence_duration_ms / 1000)
        ]

    def _trim(self, sample: int) -> None:
        cut = max(0, sample - self._window_start)
        if cut:
            self._window = self._window[cut:]
            self._window_start += cut

    def clear(self) -> None:
        """The client committed or cleared the buffer: whatever speech was open is gone."""
        self._trim(self.total)
        self.in_speech = False


class Hearing:
    """Silero VAD and Whisper base (from PyPI packages), loaded on first use and shared."""

    def __init__(self, model: str = "base") -> None:
        self.model = model
        self._engine: Any = None
        self._lock = threading.Lock()

    def regions(self, audio: np.ndarray, threshold: float, min_silence_s: float) -> list[tuple[float, float]]:
        from verifier.core.vad import speech_regions

        return [
            (r.start, r.end)
            for r in speech_regions(audio, min_silence_s=min_silence_s, pad_s=0.03, threshold=threshold)
        ]

    def engine(self) -> Any:
        with self._lock:
            if self._engine is None:
                from verifier.core.asr import Engine

                self._engine = Engine(self.model, device="cpu")
            return self._engine

    def transcribe(self, audio: np.ndarray, language: str | None = None) -> str:
        """What was said; "" for silence or noise."""
        audio = np.asarray(audio, np.float32)
        if audio.size < RATE // 10 or not self.regions(audio, 0.5, 0.3):
            return ""  # Whisper invents words in silence; the VAD hears none
        engine = self.engine()
        text_parts: list[str] = []
        for start in range(0, audio.size, 28 * RATE):  # Whisper's window; spoken turns are rarely longer
            enc = engine.encode(audio[start : start + 28 * RATE], min_seconds=_MIN_WINDOW_SECONDS)
            lang = language
            if not lang:
                guesses = engine.detect_language(enc)
                lang = guesses[0][0] if guesses else "en"
            text_parts.append(engine.decode(enc, lang).text)
        return collapse_repeats(" ".join(t for t in text_parts if t).strip())


def collapse_repeats(text: str) -> str:
    """Drop a sentence that repeats the one before it word for word.

    Whisper base sometimes loops on a short clip ("Your order was shipped
    yesterday. Your order was shipped yesterday."); a transcription service
    does not, and a framework under test should see what the user said once.
    """
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        key = re.sub(r"\W+", " ", sentence).strip().lower()
        if kept and key and key == re.sub(r"\W+", " ", kept[-1]).strip().lower():
            continue
        kept.append(sentence)
    return " ".join(kept).strip()


_SHARED: Hearing | None = None


def shared_hearing() -> Hearing:
    global _SHARED
    if _SHARED is None:
        _SHARED = Hearing()
    return _SHARED
