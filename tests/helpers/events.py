"""Hand-built realtime server event sequences (both wire shapes) for collector tests."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from verifier.schema import wire

_ids = itertools.count(1)


def _names(shape: str, audio_part: str, text_part: str) -> dict[str, str]:
    """The names these helpers use, taken from the one wire vocabulary."""
    n = wire.EVENT_NAMES[shape]
    return {
        "audio_delta": n["audio_delta"],
        "audio_done": n["audio_done"],
        "tr_delta": n["transcript_delta"],
        "tr_done": n["transcript_done"],
        "text_delta": n["text_delta"],
        "text_done": n["text_done"],
        "audio_part": audio_part,
        "text_part": text_part,
    }


BETA = _names(wire.BETA, "audio", "text")
GA = _names(wire.GA, "output_audio", "output_text")


def ev(type_: str, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "event_id": f"event_{next(_ids)}", **fields}


def session_updated(fmt: Any = "g711_ulaw", ga: bool = False, sid: str = "sess_1") -> dict[str, Any]:
    if ga:
        return ev("session.updated", session={"id": sid, "type": "realtime", "audio": {"output": {"format": fmt}}})
    return ev("session.updated", session={"id": sid, "modalities": ["text", "audio"], "output_audio_format": fmt})


def audio_response(
    rid: str,
    transcript: str,
    chunks: list[bytes],
    *,
    names: dict[str, str] = BETA,
    item: str | None = None,
    deltas: list[str] | None = None,
    status: str = "completed",
    audio_tokens: int = 50,
    with_done: bool = True,
) -> list[dict[str, Any]]:
    item = item or f"item_{rid}"
    scope = {"response_id": rid, "item_id": item, "output_index": 0, "content_index": 0}
    out = [
        ev(
            "response.created",
            response={
                "id": rid,
                "object": "realtime.response",
                "status": "in_progress",
                "modalities": ["text", "audio"],
                "output": [],
            },
        ),
        ev(
            "response.output_item.added",
            response_id=rid,
            output_index=0,
            item={"id": item, "type": "message", "role": "assistant", "content": []},
        ),
        ev("response.content_part.added", **scope, part={"type": names["audio_part"], "transcript": ""}),
    ]
    words = deltas if deltas is not None else [w + " " for w in transcript.split()]
    for i in range(max(len(words), len(chunks))):
        if i < len(words):
            out.append(ev(names["tr_delta"], **scope, delta=words[i]))
        if i < len(chunks):
            out.append(ev(names["audio_delta"], **scope, delta=base64.b64encode(chunks[i]).decode()))
    out += [
        ev(names["audio_done"], **scope),
        ev(names["tr_done"], **scope, transcript=transcript),
        ev("response.content_part.done", **scope, part={"type": names["audio_part"], "transcript": transcript}),
        ev("response.output_item.done", response_id=rid, output_index=0, item={"id": item}),
    ]
    if with_done:
        out.append(response_done(rid, status=status, audio_tokens=audio_tokens))
    return out


def text_response(
    rid: str, text: str, *, names: dict[str, str] = BETA, item: str | None = None, with_content: bool = True
) -> list[dict[str, Any]]:
    """The seed's missing-audio symptom: a text content part and text deltas only."""
    item = item or f"item_{rid}"
    scope = {"response_id": rid, "item_id": item, "output_index": 0, "content_index": 0}
    part = {"type": names["text_part"], "text": ""}
    added = ev("response.content_part.added", **scope, part=part)
    if with_content:
        added["content"] = dict(part)  # Azure preview duplicates the part as `content`
    out = [
        ev("response.created", response={"id": rid, "status": "in_progress", "modalities": ["text", "audio"]}),
        ev("response.output_item.added", response_id=rid, output_index=0, item={"id": item}),
        added,
    ]
    out += [ev(names["text_delta"], **scope, delta=w + " ") for w in text.split()]
    out += [
        ev(names["text_done"], **scope, text=text),
        ev("response.content_part.done", **scope, part={"type": names["text_part"], "text": text}),
        response_done(rid, audio_tokens=0),
    ]
    return out


def response_done(
    rid: str, status: str = "completed", audio_tokens: int = 50, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    return ev(
        "response.done",
        response={
            "id": rid,
            "status": status,
            "status_details": details,
            "output": [],
            "usage": {
                "total_tokens": 100,
                "input_tokens": 20,
                "output_tokens": 80,
                "output_token_details": {"text_tokens": 30, "audio_tokens": audio_tokens},
            },
        },
    )
