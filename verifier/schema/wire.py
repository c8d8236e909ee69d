"""The realtime wire vocabulary: event names of the two shapes, mapped onto one set of kinds.

The one place event names live: the collector reads server events through
`kind_of`, the simulator sends them through `EVENT_NAMES`, and the run
directory and bundles recognise audio payloads through `AUDIO_DELTA_NAMES`.


The beta/preview shape (OpenAI `OpenAI-Beta: realtime=v1`, Azure
`/openai/realtime?api-version=...`) and the GA shape (`/v1/realtime`,
Azure `/openai/v1/realtime`) name the same stream events differently. The
collector works on the canonical kinds below so one state machine serves both,
and a log that mixes them (a user's app that upgraded midway) still replays.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

BETA, GA = "beta", "ga"

EVENT_NAMES: dict[str, dict[str, str]] = {
    BETA: {
        "item_added": "conversation.item.created",
        "text_delta": "response.text.delta",
        "text_done": "response.text.done",
        "audio_delta": "response.audio.delta",
        "audio_done": "response.audio.done",
        "transcript_delta": "response.audio_transcript.delta",
        "transcript_done": "response.audio_transcript.done",
    },
    GA: {
        "item_added": "conversation.item.added",
        "item_done": "conversation.item.done",
        "text_delta": "response.output_text.delta",
        "text_done": "response.output_text.done",
        "audio_delta": "response.output_audio.delta",
        "audio_done": "response.output_audio.done",
        "transcript_delta": "response.output_audio_transcript.delta",
        "transcript_done": "response.output_audio_transcript.done",
    },
}

#: Every client event type the services accept, per shape (the error for an
#: unknown type lists them).
CLIENT_EVENTS: dict[str, tuple[str, ...]] = {
    BETA: (
        "session.update",
        "input_audio_buffer.append",
        "input_audio_buffer.commit",
        "input_audio_buffer.clear",
        "conversation.item.create",
        "conversation.item.truncate",
        "conversation.item.delete",
        "conversation.item.retrieve",
        "response.create",
        "response.cancel",
        "transcription_session.update",
        "output_audio_buffer.clear",
    ),
    GA: (
        "session.update",
        "input_audio_buffer.append",
        "input_audio_buffer.commit",
        "input_audio_buffer.clear",
        "conversation.item.create",
        "conversation.item.truncate",
        "conversation.item.delete",
        "conversation.item.retrieve",
        "response.create",
        "response.cancel",
        "output_audio_buffer.clear",
    ),
}


class Kind(str, Enum):
    """What a server event means to the collector, whatever its wire name."""

    SESSION = "session"  # session.created / session.updated
    RESPONSE_CREATED = "response.created"
    RESPONSE_DONE = "response.done"
    OUTPUT_ITEM_ADDED = "output_item.added"
    OUTPUT_ITEM_DONE = "output_item.done"
    PART_ADDED = "content_part.added"
    PART_DONE = "content_part.done"
    AUDIO_DELTA = "audio.delta"
    AUDIO_DONE = "audio.done"
    TRANSCRIPT_DELTA = "audio_transcript.delta"
    TRANSCRIPT_DONE = "audio_transcript.done"
    TEXT_DELTA = "text.delta"
    TEXT_DONE = "text.done"
    ERROR = "error"
    RATE_LIMITS = "rate_limits.updated"
    CONVERSATION = "conversation"  # item created/added/done, truncated, deleted
    OTHER_KNOWN = "other"  # known events the collector has no use for (input audio buffer, ...)


BETA_NAMES: dict[str, Kind] = {
    "response.audio.delta": Kind.AUDIO_DELTA,
    "response.audio.done": Kind.AUDIO_DONE,
    "response.audio_transcript.delta": Kind.TRANSCRIPT_DELTA,
    "response.audio_transcript.done": Kind.TRANSCRIPT_DONE,
    "response.text.delta": Kind.TEXT_DELTA,
    "response.text.done": Kind.TEXT_DONE,
    "conversation.item.created": Kind.CONVERSATION,
}

GA_NAMES: dict[str, Kind] = {
    "response.output_audio.delta": Kind.AUDIO_DELTA,
    "response.output_audio.done": Kind.AUDIO_DONE,
    "response.output_audio_transcript.delta": Kind.TRANSCRIPT_DELTA,
    "response.output_audio_transcript.done": Kind.TRANSCRIPT_DONE,
    "response.output_text.delta": Kind.TEXT_DELTA,
    "response.output_text.done": Kind.TEXT_DONE,
    "conversation.item.added": Kind.CONVERSATION,
    "conversation.item.done": Kind.CONVERSATION,
    "output_audio_buffer.started": Kind.OTHER_KNOWN,
    "output_audio_buffer.stopped": Kind.OTHER_KNOWN,
    "output_audio_buffer.cleared": Kind.OTHER_KNOWN,
}

SHARED_NAMES: dict[str, Kind] = {
    "session.created": Kind.SESSION,
    "session.updated": Kind.SESSION,
    "response.created": Kind.RESPONSE_CREATED,
    "response.done": Kind.RESPONSE_DONE,
    "response.output_item.added": Kind.OUTPUT_ITEM_ADDED,
    "response.output_item.done": Kind.OUTPUT_ITEM_DONE,
    "response.content_part.added": Kind.PART_ADDED,
    "response.content_part.done": Kind.PART_DONE,
    "error": Kind.ERROR,
    "rate_limits.updated": Kind.RATE_LIMITS,
    "conversation.created": Kind.CONVERSATION,
    "conversation.item.truncated": Kind.CONVERSATION,
    "conversation.item.deleted": Kind.CONVERSATION,
    "conversation.item.retrieved": Kind.CONVERSATION,
    "conversation.item.input_audio_transcription.completed": Kind.CONVERSATION,
    "conversation.item.input_audio_transcription.delta": Kind.CONVERSATION,
    "conversation.item.input_audio_transcription.failed": Kind.CONVERSATION,
    "input_audio_buffer.committed": Kind.OTHER_KNOWN,
    "input_audio_buffer.cleared": Kind.OTHER_KNOWN,
    "input_audio_buffer.speech_started": Kind.OTHER_KNOWN,
    "input_audio_buffer.speech_stopped": Kind.OTHER_KNOWN,
    "input_audio_buffer.timeout_triggered": Kind.OTHER_KNOWN,
    "transcription_session.updated": Kind.OTHER_KNOWN,
    "response.function_call_arguments.delta": Kind.OTHER_KNOWN,
    "response.function_call_arguments.done": Kind.OTHER_KNOWN,
    "response.mcp_call_arguments.delta": Kind.OTHER_KNOWN,
    "response.mcp_call_arguments.done": Kind.OTHER_KNOWN,
}

_ALL: dict[str, Kind] = {**SHARED_NAMES, **BETA_NAMES, **GA_NAMES}

# The wire names of audio deltas (both families): the events whose bulk is base64 audio.
AUDIO_DELTA_NAMES = frozenset(n for n, k in _ALL.items() if k is Kind.AUDIO_DELTA)

# Which family a name belongs to, for telling the user which shape a log speaks.
FAMILY: dict[str, str] = {**{n: "beta" for n in BETA_NAMES}, **{n: "ga" for n in GA_NAMES}}

# Content part types: beta says audio/text, GA item content says output_audio /
# output_text, and some GA servers still send audio/text in part events.
AUDIO_PART_TYPES = frozenset({"audio", "output_audio"})
TEXT_PART_TYPES = frozenset({"text", "output_text"})

# Events that belong to one response (carry `response_id`).
RESPONSE_SCOPED = frozenset(
    {
        Kind.RESPONSE_CREATED,
        Kind.RESPONSE_DONE,
        Kind.OUTPUT_ITEM_ADDED,
        Kind.OUTPUT_ITEM_DONE,
        Kind.PART_ADDED,
        Kind.PART_DONE,
        Kind.AUDIO_DELTA,
        Kind.AUDIO_DONE,
        Kind.TRANSCRIPT_DELTA,
        Kind.TRANSCRIPT_DONE,
        Kind.TEXT_DELTA,
        Kind.TEXT_DONE,
    }
)


def kind_of(event_type: str) -> Kind | None:
    """The canonical kind of a wire event name, or None for a name we do not know."""
    return _ALL.get(event_type)


def family_of(event_type: str) -> str | None:
    """ "beta" or "ga" for names only one family uses; None for shared or unknown names."""
    return FAMILY.get(event_type)


def is_audio_part(part_type: object) -> bool:
    return isinstance(part_type, str) and part_type in AUDIO_PART_TYPES


def is_text_part(part_type: object) -> bool:
    return isinstance(part_type, str) and part_type in TEXT_PART_TYPES


def response_id_of(event: dict[str, Any]) -> str | None:
    """The response an event belongs to: `response.id` (created/done) or `response_id` (the rest)."""
    resp = event.get("response")
    if isinstance(resp, dict) and isinstance(resp.get("id"), str):
        return str(resp["id"])
    rid = event.get("response_id")
    return rid if isinstance(rid, str) else None
