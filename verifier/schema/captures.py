"""What the collector saw of one realtime response: ids, audio, transcript, status, timings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, cast

from verifier.schema.results import from_fields


@dataclass
class ResponseCapture:
    """Everything one realtime response produced, as the collector saw it.

    Audio bytes are kept out of `to_dict()`; the run directory stores them in
    their own file named by `audio_file`. The run directory numbers every
    capture it writes (`meta["capture_seq"]`): response ids come from the
    service and may repeat, the sequence number never does.
    """

    response_id: str
    item_id: str | None = None
    session_id: str | None = None
    conversation_id: str | None = None
    audio_format: str = "pcm16"
    audio: bytes = b""
    audio_chunks: int = 0
    audio_file: str | None = None
    transcript: str | None = None  # from audio_transcript.done
    transcript_deltas: str = ""  # joined deltas, to expose a disagreement with .done
    text: str | None = None  # from text.done (text-only responses)
    text_deltas: str = ""
    part_types: list[str] = field(default_factory=list)  # content part types, in order
    #: Output items in output order: {"id", "type" (message, function_call, ...), "role", "name", "status"}.
    output_items: list[dict[str, Any]] = field(default_factory=list)
    modalities: list[str] | None = None  # as requested; None: nobody said (audio is then assumed)
    #: Who said: "response" (the server's response object), "response.create" (the client's request),
    #: "session" (session.created/updated), "session.update" (the client's session settings).
    modalities_source: str | None = None
    #: The client's cut (barge-in) while the response was in flight: {"item_id", "content_index",
    #: "audio_end_ms", "by" (the event that said so), "at_s" (seconds into `audio`)}.
    truncation: dict[str, Any] | None = None
    #: Client events that concerned this response, in order (response.create, response.cancel, ...).
    client_events: list[str] = field(default_factory=list)
    status: str | None = None  # response.done status; None if it never came
    status_details: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None
    event_ids: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # malformed events, bad base64, ...
    t_created: float | None = None
    t_first_audio: float | None = None
    t_last_audio: float | None = None
    t_done: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # prompt id, attempt, settings ...

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("audio")
        return d

    @property
    def key(self) -> str:
        """What identifies this capture in its run directory (and its result): see `capture_key`."""
        return capture_key(self.meta, self.response_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any], audio: bytes = b"") -> ResponseCapture:
        c = from_fields(cls, data)
        c.audio = audio
        return cast(ResponseCapture, c)


def capture_key(meta: dict[str, Any] | None, response_id: str) -> str:
    """`seq:N` for a capture the run directory numbered, else (run directories of earlier
    versions) its response id. A result of that capture carries the same key."""
    seq = meta.get("capture_seq") if isinstance(meta, dict) else None
    if isinstance(seq, int) and not isinstance(seq, bool):
        return f"seq:{seq}"
    return str(response_id)
