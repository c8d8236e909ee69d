"""Hand-built realtime event logs of real-session shapes (both wire shapes), for the collector's tests.

Each builder returns the server events of one piece of a response, in the
order a service sends them; tests join the pieces and splice in client events.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

from verifier.schema import wire

_ids = itertools.count(1)
PCM16_RATE = 24_000 * 2  # bytes per second of the services' pcm16


def ev(type_: str, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "event_id": f"event_{next(_ids)}", **fields}


def pcm(seconds: float, level: int = 0) -> bytes:
    return level.to_bytes(2, "little", signed=True) * int(seconds * PCM16_RATE / 2)


def created(rid: str, modalities: list[str] | None = None, shape: str = wire.BETA) -> dict[str, Any]:
    resp: dict[str, Any] = {"id": rid, "object": "realtime.response", "status": "in_progress", "output": []}
    if modalities is not None:
        resp["output_modalities" if shape == wire.GA else "modalities"] = modalities
    return ev("response.created", response=resp)


def audio_message(
    rid: str,
    item: str,
    transcript: str,
    audio: bytes,
    *,
    index: int = 0,
    shape: str = wire.BETA,
    chunk: int = 4800,
    done_parts: bool = True,
) -> list[dict[str, Any]]:
    """An assistant message with one audio part: transcript and audio deltas interleaved, then the .done events."""
    names = wire.EVENT_NAMES[shape]
    part = "output_audio" if shape == wire.GA else "audio"
    scope = {"response_id": rid, "item_id": item, "output_index": index, "content_index": 0}
    out = [
        ev(
            "response.output_item.added",
            response_id=rid,
            output_index=index,
            item={"id": item, "type": "message", "role": "assistant", "status": "in_progress", "content": []},
        ),
        ev("response.content_part.added", **scope, part={"type": part, "transcript": ""}),
    ]
    words = [w + " " for w in transcript.split()]
    chunks = [audio[i : i + chunk] for i in range(0, len(audio), chunk)]
    for i in range(max(len(words), len(chunks))):
        if i < len(words):
            out.append(ev(names["transcript_delta"], **scope, delta=words[i]))
        if i < len(chunks):
            out.append(ev(names["audio_delta"], **scope, delta=base64.b64encode(chunks[i]).decode()))
    if done_parts:
        out += message_done(rid, item, transcript, index=index, shape=shape)
    return out


def message_done(
    rid: str, item: str, transcript: str, *, index: int = 0, shape: str = wire.BETA, status: str = "completed"
) -> list[dict[str, Any]]:
    names = wire.EVENT_NAMES[shape]
    part = "output_audio" if shape == wire.GA else "audio"
    scope = {"response_id": rid, "item_id": item, "output_index": index, "content_index": 0}
    return [
        ev(names["audio_done"], **scope),
        ev(names["transcript_done"], **scope, transcript=transcript),
        ev("response.content_part.done", **scope, part={"type": part, "transcript": transcript}),
        ev(
            "response.output_item.done",
            response_id=rid,
            output_index=index,
            item={"id": item, "type": "message", "role": "assistant", "status": status},
        ),
    ]


def text_message(rid: str, item: str, text: str, *, shape: str = wire.BETA) -> list[dict[str, Any]]:
    names = wire.EVENT_NAMES[shape]
    part = "output_text" if shape == wire.GA else "text"
    scope = {"response_id": rid, "item_id": item, "output_index": 0, "content_index": 0}
    return [
        ev(
            "response.output_item.added",
            response_id=rid,
            output_index=0,
            item={"id": item, "type": "message", "role": "assistant", "content": []},
        ),
        ev("response.content_part.added", **scope, part={"type": part, "text": ""}),
        *[ev(names["text_delta"], **scope, delta=w + " ") for w in text.split()],
        ev(names["text_done"], **scope, text=text),
        ev("response.content_part.done", **scope, part={"type": part, "text": text}),
        ev(
            "response.output_item.done",
            response_id=rid,
            output_index=0,
            item={"id": item, "type": "message", "role": "assistant", "status": "completed"},
        ),
    ]


def function_call(rid: str, item: str, name: str, arguments: str, *, index: int = 0) -> list[dict[str, Any]]:
    call = {"id": item, "type": "function_call", "name": name, "call_id": f"call_{item}"}
    return [
        ev(
            "response.output_item.added",
            response_id=rid,
            output_index=index,
            item={**call, "status": "in_progress", "arguments": ""},
        ),
        ev(
            "response.function_call_arguments.delta",
            response_id=rid,
            item_id=item,
            output_index=index,
            call_id=call["call_id"],
            delta=arguments,
        ),
        ev(
            "response.function_call_arguments.done",
            response_id=rid,
            item_id=item,
            output_index=index,
            call_id=call["call_id"],
            arguments=arguments,
        ),
        ev(
            "response.output_item.done",
            response_id=rid,
            output_index=index,
            item={**call, "status": "completed", "arguments": arguments},
        ),
    ]


def done(
    rid: str,
    status: str = "completed",
    details: dict[str, Any] | None = None,
    output: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return ev(
        "response.done",
        response={
            "id": rid,
            "object": "realtime.response",
            "status": status,
            "status_details": details,
            "output": output or [],
            "usage": {"output_tokens": 80},
        },
    )


# -- client events -----------------------------------------------------------


def cancel(rid: str | None = None) -> dict[str, Any]:
    return ev("response.cancel", **({"response_id": rid} if rid else {}))


def truncate(item: str, audio_end_ms: int, content_index: int = 0) -> dict[str, Any]:
    return ev("conversation.item.truncate", item_id=item, content_index=content_index, audio_end_ms=audio_end_ms)


def truncated(item: str, audio_end_ms: int, content_index: int = 0) -> dict[str, Any]:
    """The server's confirmation of a truncate."""
    return ev("conversation.item.truncated", item_id=item, content_index=content_index, audio_end_ms=audio_end_ms)
