"""The result of judging one response: its verdict class and the evidence behind it.

Each record has `to_dict()` / `from_dict()` so run directories (JSON Lines)
round-trip without losing fields.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar


class VerdictClass(str, Enum):
    """The main finding about one (audio, transcript) pair."""

    MATCH = "match"
    MISSING_AUDIO = "missing_audio"
    TRUNCATED = "truncated"
    LANGUAGE_DRIFT = "language_drift"
    EXTRA_SPEECH = "extra_speech"
    CONTENT_MISMATCH = "content_mismatch"
    #: The pair could not be judged (unreadable audio, stalled or failed response).
    ERROR = "error"


FAULT_CLASSES = tuple(v.value for v in VerdictClass if v not in (VerdictClass.MATCH, VerdictClass.ERROR))

T = TypeVar("T")


def from_fields(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Segment:
    """A stretch of audio as the ASR heard it, with its own language guess."""

    start: float
    end: float
    text: str
    language: str | None = None
    language_probability: float | None = None


@dataclass
class WordOp:
    """One step of the transcript-vs-heard alignment, for highlighting.

    op: "ok" | "missing" (in transcript, not heard) | "extra" (heard, not in
    transcript) | "substituted".
    """

    op: str
    ref: str | None = None
    hyp: str | None = None
    start: float | None = None
    end: float | None = None
    probability: float | None = None  # transcript-conditioned score of `ref`


@dataclass
class Verdict:
    id: str
    verdict: str
    flags: list[str] = field(default_factory=list)
    explanation: str = ""
    transcript: str = ""
    transcript_language: str | None = None
    asr_text: str | None = None  # None when free decoding was skipped
    asr_language: str | None = None
    wer: float | None = None
    audio_seconds: float = 0.0
    speech_seconds: float | None = None
    missing_words: list[str] = field(default_factory=list)
    extra_words: list[str] = field(default_factory=list)
    divergence_at: float | None = None  # seconds into the audio
    align_score: float | None = None  # mean transcript-token probability
    segments: list[Segment] = field(default_factory=list)
    words: list[WordOp] = field(default_factory=list)
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # response_id, prompt id, ...

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        v = from_fields(cls, data)
        v.segments = [s if isinstance(s, Segment) else from_fields(Segment, s) for s in v.segments]
        v.words = [w if isinstance(w, WordOp) else from_fields(WordOp, w) for w in v.words]
        return v
