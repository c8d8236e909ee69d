"""One result row: the verdict on one (audio, transcript) pair and the evidence behind it.

Every writer of results (results.jsonl, CSV, Parquet, bundles) and every
reader goes through `Verdict.to_dict()` / `Verdict.from_dict()`, so there is
one shape. `meta` is typed (`ResultMeta`): the join keys (`response_id`,
`prompt_id`) are fields, not dictionary lookups, and the flat JSON object it
is written as stays what earlier versions wrote.

"Fault" has one definition here: a verdict that says the service's audio
disagrees with its transcript. `error` (the pair could not be judged) is not a
fault; gates and rates that mean "anything but a match" say so explicitly.
`not_applicable` (the response made no spoken claim to check: audio not
requested, a function call, cancelled before it spoke) is neither: it counts
against nothing and stays out of every rate's denominator (`judged`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from verifier.schema.jsontext import clean_text


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
    #: Nothing to judge, by the request's or the client's choice (audio not requested, a function call,
    #: cancelled or cut by the client before any speech); `meta.scope` says which.
    NOT_APPLICABLE = "not_applicable"

    def __str__(self) -> str:  # the wire value in f-strings, CSV cells and logs, on every Python
        return self.value

    @property
    def is_fault(self) -> bool:
        return self.value in FAULT_CLASSES


FAULT_CLASSES: tuple[str, ...] = ("missing_audio", "truncated", "language_drift", "extra_speech", "content_mismatch")


def is_fault(verdict: str) -> bool:
    """The audio disagrees with the transcript (not `match`, not `error`)."""
    return verdict in FAULT_CLASSES


#: The aggregate that rates and gates call "fault" (`--max-rate fault=0`): every response that is
#: not a `match`, so an `error` (stalled, failed, unreadable) fails a gate as a fault does.
ANY_FAULT = "fault"


def fails(verdict: str) -> bool:
    """Counts against `ANY_FAULT`: anything judged that is not a match."""
    return verdict != VerdictClass.MATCH.value and judged(verdict)


def judged(verdict: str) -> bool:
    """Belongs in the denominator of rates and gates (everything but `not_applicable`)."""
    return verdict != VerdictClass.NOT_APPLICABLE.value


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
class ResultMeta:
    """Where a result came from: the join keys, the run context, and anything else the caller kept.

    Written as one flat JSON object (`meta` in results.jsonl); unknown keys
    round-trip through `extra`.
    """

    response_id: str | None = None  # the service's response id (run, replay, proxy)
    prompt_id: str | None = None  # the corpus prompt that asked for it
    repeat_index: int | None = None
    attempt: int | None = None
    config_name: str | None = None
    conn: int | None = None
    prompt_text: str | None = None
    expected: str | None = None
    status: str | None = None  # response.done status
    #: Why less than the whole response was verified, when it was ("interrupted by the client",
    #: "audio not requested", "incomplete: max_output_tokens", ...); None: all of it.
    scope: str | None = None
    part_types: list[str] | None = None
    problems: list[str] | None = None
    manifest_line: int | None = None  # `verifier score`: where the pair came from
    field: str | None = None  # `verifier score`: the manifest field that was bad
    audio_path: str | None = None
    audio_format: str | None = None
    capture_seq: int | None = None  # the run directory's number for the capture judged (unique per run)
    #: the voice that spoke the reply, where the caller named it (a manifest's `voice`): replies are
    #: judged beside the other replies of their voice (`Verifier.judge_run`)
    voice: str | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "extra"}
        return {**self.extra, **{k: v for k, v in out.items() if v is not None}}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ResultMeta:
        data = data if isinstance(data, dict) else {}
        names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        meta = cls(extra={k: v for k, v in data.items() if k not in names})
        for k in names & data.keys():
            setattr(meta, k, data[k])
        return meta


@dataclass
class Verdict:
    id: str
    verdict: VerdictClass
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
    #: calibrated probability that the audio diverges from its transcript (None: not scored,
    #: e.g. an error, or no calibration); see `verifier.core.calibration`
    confidence: float | None = None
    #: how well the ASR reads the voice on this clip: the median probability of the transcript's words
    #: (those the text alone does not predict); a run's median of it says how far to trust its flags
    #: (`verifier.report.reading`). None: not scored word by word
    reading: float | None = None
    segments: list[Segment] = field(default_factory=list)
    words: list[WordOp] = field(default_factory=list)
    error: str | None = None
    meta: ResultMeta = field(default_factory=ResultMeta)
    #: the raw evidence the decision was made on (`verifier.core.calibration.record`); kept in
    #: memory for the bench and `verifier calibrate`, never written to results
    evidence: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.verdict = VerdictClass(self.verdict)  # a stray string fails here, not in a report
        # Service text may hold a lone surrogate (half an emoji); no UTF-8 writer takes one.
        for name in ("id", "transcript", "explanation", "asr_text", "error"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, clean_text(value))

    @property
    def response_id(self) -> str:
        """The join key with captures and events: the response id, else the item's own id."""
        return str(self.meta.response_id or self.id)

    @property
    def key(self) -> str:
        """Unique per row of one results file: the capture's number in a run (`seq:N`), the manifest
        line in `verifier score` output (`line:N`), else (older files) the response id. Response ids
        and manifest ids may repeat; two rows with different keys are two results, never one."""
        seq, line = self.meta.capture_seq, self.meta.manifest_line
        if isinstance(seq, int) and not isinstance(seq, bool):
            return f"seq:{seq}"
        if isinstance(line, int) and not isinstance(line, bool):
            return f"line:{line}"
        return self.response_id

    @property
    def is_fault(self) -> bool:
        return self.verdict.is_fault

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("evidence", None)
        d["verdict"] = self.verdict.value
        d["meta"] = self.meta.to_dict()
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Raises ValueError for an unknown verdict class, TypeError for a row that is no result."""
        v = from_fields(cls, {**data, "meta": ResultMeta.from_dict(data.get("meta")), "evidence": None})
        v.segments = _records(Segment, v.segments)
        v.words = _records(WordOp, v.words)
        return v


def _records(cls: type[T], items: object) -> list[T]:
    """The entries of a list that make a `cls`; anything else (a number, a string, a list that
    is no list) is left out rather than ending the reader."""
    if not isinstance(items, list):
        return []
    out: list[T] = []
    for item in items:
        if isinstance(item, cls):
            out.append(item)
        elif isinstance(item, dict):
            try:
                out.append(from_fields(cls, item))
            except TypeError:
                continue
    return out


def error_result(
    id: str,
    reason: str,
    *,
    explanation: str | None = None,
    transcript: str = "",
    transcript_language: str | None = None,
    audio_seconds: float = 0.0,
    flags: list[str] | None = None,
    meta: ResultMeta | None = None,
) -> Verdict:
    """The one way to say "this pair could not be judged", and why."""
    return Verdict(
        id=id,
        verdict=VerdictClass.ERROR,
        flags=list(flags or []),
        explanation=explanation if explanation is not None else f"Not judged: {reason}.",
        transcript=transcript,
        transcript_language=transcript_language,
        audio_seconds=audio_seconds,
        error=reason,
        meta=meta if meta is not None else ResultMeta(),
    )


def not_applicable_result(
    id: str,
    scope: str,
    explanation: str,
    *,
    transcript: str = "",
    audio_seconds: float = 0.0,
    flags: list[str] | None = None,
    meta: ResultMeta | None = None,
) -> Verdict:
    """The one way to say "there was nothing to verify", and why (`scope`, e.g. "audio not requested")."""
    meta = meta if meta is not None else ResultMeta()
    meta.scope = scope
    return Verdict(
        id=id,
        verdict=VerdictClass.NOT_APPLICABLE,
        flags=list(flags or []),
        explanation=explanation,
        transcript=transcript,
        audio_seconds=audio_seconds,
        meta=meta,
    )
