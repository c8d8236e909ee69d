"""Sans-I/O collector: server events in, finished response captures out.

A pure state machine in the manner of h11 or the websockets protocol layer:
no sockets, no clocks. The transport (or a log replayer) calls `feed()` with
each event as it arrives, plus a timestamp if it has one, and gets back the
captures of responses that just finished. Anything odd about the stream (bad
JSON, missing fields, undecodable audio, unknown event types, `error` events)
is written down in `problems`, never raised: a run in CI must keep what it
collected even when the service misbehaves, which is exactly when it matters.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from verifier.schema.audio import AudioError, normalize_format
from verifier.schema.captures import ResponseCapture
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.wire import RESPONSE_SCOPED, Kind, family_of, is_audio_part, is_text_part, kind_of

PartKey = tuple[str, int]  # (item_id, content_index)


# The string each text-carrying event must hold; anything else is a problem, not a crash.
_TEXT_FIELDS = {Kind.TRANSCRIPT_DELTA: "delta", Kind.TRANSCRIPT_DONE: "transcript",
                Kind.TEXT_DELTA: "delta", Kind.TEXT_DONE: "text"}


@dataclass
class _Building:
    """One response under construction."""

    capture: ResponseCapture
    audio: dict[PartKey, bytearray] = field(default_factory=dict)
    transcripts: dict[PartKey, str] = field(default_factory=dict)
    transcript_deltas: list[str] = field(default_factory=list)
    texts: dict[PartKey, str] = field(default_factory=dict)
    text_deltas: list[str] = field(default_factory=list)
    part_fallback: dict[PartKey, dict[str, Any]] = field(default_factory=dict)  # content_part.done parts
    item_ids: list[str] = field(default_factory=list)
    families: set[str] = field(default_factory=set)
    seen_event_ids: set[str] = field(default_factory=set)
    response_format: str | None = None


class Collector:
    """Assemble realtime server events into `ResponseCapture`s.

    One collector per connection: the session's audio format is connection
    state. Responses may interleave; they are keyed by `response_id`.
    """

    def __init__(self, default_format: str = "pcm16") -> None:
        self.default_format = default_format
        self.session_id: str | None = None
        self.session_format: str | None = None
        self.session: dict[str, Any] | None = None  # last session object the server reported
        self.problems: list[str] = []  # stream-level: not attributable to one response
        self.errors: list[dict[str, Any]] = []  # every `error` event's payload
        self.unknown_types: Counter[str] = Counter()
        self.events_seen = 0
        self._building: dict[str, _Building] = {}
        self._item_owner: dict[str, str] = {}  # item_id -> response_id
        self._finished: set[str] = set()

    # -- public --------------------------------------------------------------

    @property
    def pending(self) -> list[str]:
        """Response ids started but not finished, oldest first."""
        return list(self._building)

    def feed(self, event: dict[str, Any] | str | bytes, t: float | None = None) -> list[ResponseCapture]:
        """Consume one server event (parsed, or the raw text frame); return captures it completed."""
        self.events_seen += 1
        try:
            return self._feed(event, t)
        except Exception as e:  # a shape nobody foresaw: write it down, keep the stream going
            self._stream_problem(f"could not handle event ({type(e).__name__}: {e}): {_snippet(event)}")
            return []

    def _feed(self, event: dict[str, Any] | str | bytes, t: float | None) -> list[ResponseCapture]:
        ev = self._parse(event)
        if ev is None:
            return []
        etype = ev.get("type")
        if not isinstance(etype, str):
            self._stream_problem(f"event without a string 'type': {_snippet(ev)}")
            return []
        kind = kind_of(etype)
        if kind is None:
            return self._unknown(ev, etype, t)
        if kind is Kind.SESSION:
            self._on_session(ev)
            return []
        if kind is Kind.ERROR:
            self._on_error(ev)
            return []
        if kind not in RESPONSE_SCOPED:
            return []
        b = self._owner(ev, etype, kind)
        if b is None:
            return []
        self._note(b, ev, etype, t)
        return self._dispatch(b, ev, kind, t)

    def abandon(self, response_id: str, reason: str) -> ResponseCapture | None:
        """Give up on one in-flight response (a stall): yield it as incomplete."""
        b = self._building.pop(response_id, None)
        if b is None:
            return None
        b.capture.problems.append(reason)
        return self._finish(b)

    def close(self, reason: str = "disconnected") -> list[ResponseCapture]:
        """End of stream: every in-flight response comes back incomplete (status None)."""
        out = []
        for rid in list(self._building):
            cap = self.abandon(rid, reason)
            if cap is not None:
                out.append(cap)
        return out

    # -- parsing and routing -------------------------------------------------

    def _parse(self, event: dict[str, Any] | str | bytes) -> dict[str, Any] | None:
        if isinstance(event, dict):
            return event
        if isinstance(event, bytes):
            try:
                event = event.decode("utf-8")
            except UnicodeDecodeError:
                self._stream_problem(f"binary frame that is not UTF-8 ({len(event)} bytes)")
                return None
        if not isinstance(event, str):
            self._stream_problem(f"event of type {type(event).__name__}, not a JSON text")
            return None
        try:  # parse(), not json.loads: a 5,000-digit number or 50,000 levels of nesting are problems too
            parsed = parse(event)
        except JSONTextError as e:
            self._stream_problem(f"unparseable event ({e}): {_snippet(event)}")
            return None
        if not isinstance(parsed, dict):
            self._stream_problem(f"event is not a JSON object: {_snippet(event)}")
            return None
        return parsed

    def _owner(self, ev: dict[str, Any], etype: str, kind: Kind) -> _Building | None:
        rid = ev.get("response_id")
        if kind in (Kind.RESPONSE_CREATED, Kind.RESPONSE_DONE):
            resp = ev.get("response")
            rid = resp.get("id") if isinstance(resp, dict) else None
            if not isinstance(rid, str) or not rid:
                self._stream_problem(f"{etype} without response.id: {_snippet(ev)}")
                return None
        if not isinstance(rid, str) or not rid:
            item = ev.get("item_id")
            if isinstance(item, str) and item in self._item_owner:
                rid = self._item_owner[item]
            elif len(self._building) == 1:
                rid = next(iter(self._building))
            else:
                self._stream_problem(f"{etype} without response_id and no single response in flight")
                return None
            self._building[rid].capture.problems.append(f"{etype} without response_id; attributed by context")
        if rid in self._finished:
            self._stream_problem(f"{etype} for response {rid} after its response.done")
            return None
        b = self._building.get(rid)
        if b is None:
            b = _Building(ResponseCapture(response_id=rid, session_id=self.session_id))
            b.capture.audio_format = self.session_format or self.default_format
            self._building[rid] = b
            if kind is not Kind.RESPONSE_CREATED:
                b.capture.problems.append(f"{etype} before response.created")
        return b

    def _note(self, b: _Building, ev: dict[str, Any], etype: str, t: float | None) -> None:
        cap = b.capture
        cap.event_types.append(etype)
        eid = ev.get("event_id")
        if isinstance(eid, str):
            if eid in b.seen_event_ids:
                cap.problems.append(f"duplicate event_id {eid}")
            b.seen_event_ids.add(eid)
            cap.event_ids.append(eid)
        fam = family_of(etype)
        if fam:
            b.families.add(fam)
        item = ev.get("item_id")
        if isinstance(item, str) and item and item not in b.item_ids:
            b.item_ids.append(item)
            self._item_owner[item] = cap.response_id

    def _dispatch(self, b: _Building, ev: dict[str, Any], kind: Kind, t: float | None) -> list[ResponseCapture]:
        cap = b.capture
        if kind is Kind.RESPONSE_CREATED:
            if cap.t_created is None:
                cap.t_created = t
            self._read_response(b, ev["response"], final=False)
        elif kind is Kind.RESPONSE_DONE:
            cap.t_done = t
            self._read_response(b, ev["response"], final=True)
            del self._building[cap.response_id]
            return [self._finish(b)]
        elif kind is Kind.OUTPUT_ITEM_ADDED:
            item = ev.get("item")
            iid = item.get("id") if isinstance(item, dict) else None
            if isinstance(iid, str) and iid not in b.item_ids:
                b.item_ids.append(iid)
                self._item_owner[iid] = cap.response_id
        elif kind is Kind.PART_ADDED:
            part = ev.get("part") if isinstance(ev.get("part"), dict) else ev.get("content")
            ptype = part.get("type") if isinstance(part, dict) else None
            if not isinstance(ptype, str):
                cap.problems.append(f"content_part.added without part.type: {_snippet(ev)}")
            else:
                cap.part_types.append(ptype)
                if not (is_audio_part(ptype) or is_text_part(ptype)):
                    cap.problems.append(f"unknown content part type {ptype!r}")
        elif kind is Kind.PART_DONE:
            part = ev.get("part") if isinstance(ev.get("part"), dict) else ev.get("content")
            if isinstance(part, dict):
                b.part_fallback[_key(ev)] = part
        elif kind is Kind.AUDIO_DELTA:
            self._on_audio(b, ev, t)
        elif kind in _TEXT_FIELDS:
            name = _TEXT_FIELDS[kind]
            value = ev.get(name)
            if not isinstance(value, str):
                cap.problems.append(f"{ev['type']} without a string {name}")
            elif kind is Kind.TRANSCRIPT_DELTA:
                b.transcript_deltas.append(value)
            elif kind is Kind.TEXT_DELTA:
                b.text_deltas.append(value)
            else:
                (b.transcripts if kind is Kind.TRANSCRIPT_DONE else b.texts)[_key(ev)] = value
        return []

    # -- event handlers ------------------------------------------------------

    def _on_audio(self, b: _Building, ev: dict[str, Any], t: float | None) -> None:
        cap = b.capture
        delta = ev.get("delta")
        if not isinstance(delta, str):
            cap.problems.append(f"{ev['type']} without a string delta (event {ev.get('event_id')})")
            return
        try:
            chunk = base64.b64decode(delta, validate=True)
        except (binascii.Error, ValueError) as e:
            cap.problems.append(f"invalid base64 audio in event {ev.get('event_id')}: {e}")
            return
        b.audio.setdefault(_key(ev), bytearray()).extend(chunk)
        cap.audio_chunks += 1
        if cap.t_first_audio is None:
            cap.t_first_audio = t
        cap.t_last_audio = t

    def _on_session(self, ev: dict[str, Any]) -> None:
        sess = ev.get("session")
        if not isinstance(sess, dict):
            self._stream_problem(f"{ev.get('type')} without a session object")
            return
        self.session = sess
        if isinstance(sess.get("id"), str):
            self.session_id = sess["id"]
        fmt = _announced_format(sess)
        if fmt is not None:
            try:
                self.session_format = normalize_format(fmt)
            except AudioError as e:
                self._stream_problem(f"{ev.get('type')}: {e}")

    def _on_error(self, ev: dict[str, Any]) -> None:
        err = ev.get("error")
        if not isinstance(err, dict):
            err = {"message": _snippet(ev)}
        self.errors.append(err)
        msg = f"error event: {err.get('type')}/{err.get('code')}: {err.get('message')}"
        self._stream_problem(msg)
        for b in self._building.values():
            b.capture.problems.append(msg)

    def _unknown(self, ev: dict[str, Any], etype: str, t: float | None) -> list[ResponseCapture]:
        self.unknown_types[etype] += 1
        if self.unknown_types[etype] == 1:
            self._stream_problem(f"unknown event type {etype!r}")
        rid = ev.get("response_id")
        if isinstance(rid, str) and rid in self._building:
            b = self._building[rid]
            self._note(b, ev, etype, t)
            b.capture.problems.append(f"unknown event type {etype!r}")
        return []

    def _read_response(self, b: _Building, resp: dict[str, Any], final: bool) -> None:
        cap = b.capture
        mods = resp.get("output_modalities", resp.get("modalities"))
        if isinstance(mods, list):
            cap.modalities = [str(m) for m in mods]
        if isinstance(resp.get("conversation_id"), str):
            cap.conversation_id = resp["conversation_id"]
        if isinstance(resp.get("metadata"), dict):
            cap.meta["metadata"] = resp["metadata"]
        fmt = _announced_format(resp)
        if fmt is not None:
            try:
                b.response_format = normalize_format(fmt)
            except AudioError as e:
                cap.problems.append(f"response: {e}")
        if not final:
            return
        status = resp.get("status")
        cap.status = status if isinstance(status, str) else None
        if cap.status is None:
            cap.problems.append("response.done without a status")
        if isinstance(resp.get("status_details"), dict):
            cap.status_details = resp["status_details"]
        if isinstance(resp.get("usage"), dict):
            cap.usage = resp["usage"]
        if isinstance(resp.get("output"), list):
            b.part_fallback.update(_output_parts(resp["output"], b.part_fallback))

    def _finish(self, b: _Building) -> ResponseCapture:
        cap = b.capture
        self._finished.add(cap.response_id)
        for iid in b.item_ids:
            self._item_owner.pop(iid, None)
        cap.audio = b"".join(bytes(v) for v in b.audio.values())
        if len(b.audio) > 1:
            cap.meta["audio_parts"] = len(b.audio)
        if b.response_format:
            cap.audio_format, source = b.response_format, "response"
        elif self.session_format:
            cap.audio_format, source = self.session_format, "session"
        else:
            cap.audio_format, source = self.default_format, "default"
        cap.meta["format_source"] = source
        if cap.audio_format == "pcm16" and len(cap.audio) % 2:
            cap.problems.append(f"pcm16 audio has an odd byte count ({len(cap.audio)})")
        cap.transcript_deltas = "".join(b.transcript_deltas)
        cap.text_deltas = "".join(b.text_deltas)
        cap.transcript = _joined(b.transcripts)
        cap.text = _joined(b.texts)
        if cap.transcript is None:
            fallback = _joined({k: p["transcript"] for k, p in b.part_fallback.items()
                                if isinstance(p.get("transcript"), str) and is_audio_part(p.get("type"))})
            if fallback:
                cap.transcript = fallback
                cap.problems.append("no audio_transcript.done; transcript taken from the content part")
        if cap.text is None:
            fallback = _joined({k: p["text"] for k, p in b.part_fallback.items()
                                if isinstance(p.get("text"), str) and is_text_part(p.get("type"))})
            if fallback:
                cap.text = fallback
        if b.item_ids:
            cap.item_id = b.item_ids[0]
            if len(b.item_ids) > 1:
                cap.meta["item_ids"] = list(b.item_ids)
        if b.families:
            cap.meta["family"] = b.families.pop() if len(b.families) == 1 else "mixed"
        return cap

    def _stream_problem(self, msg: str) -> None:
        self.problems.append(msg)


def _key(ev: dict[str, Any]) -> PartKey:
    item = ev.get("item_id")
    idx = ev.get("content_index")
    return (item if isinstance(item, str) else "", idx if isinstance(idx, int) else 0)


def _joined(parts: dict[PartKey, str]) -> str | None:
    if not parts:
        return None
    return " ".join(p for p in parts.values() if p) if len(parts) > 1 else next(iter(parts.values()))


def _announced_format(obj: dict[str, Any]) -> object | None:
    """The output audio format a session or response object announces (beta or GA shape)."""
    if "output_audio_format" in obj:
        return obj["output_audio_format"]
    audio = obj.get("audio")
    if isinstance(audio, dict):
        out = audio.get("output")
        if isinstance(out, dict) and out.get("format") is not None:
            return out["format"]
    return None


def _output_parts(output: list[Any], known: dict[PartKey, dict[str, Any]]) -> dict[PartKey, dict[str, Any]]:
    """Content parts listed in response.done's output, for keys content_part.done did not give."""
    found: dict[PartKey, dict[str, Any]] = {}
    for item in output:
        if not isinstance(item, dict) or not isinstance(item.get("content"), list):
            continue
        for idx, part in enumerate(item["content"]):
            key = (str(item.get("id") or ""), idx)
            if isinstance(part, dict) and key not in known:
                found[key] = part
    return found


def _snippet(obj: object, limit: int = 200) -> str:
    try:
        text = obj if isinstance(obj, str) else json.dumps(obj, default=repr)[:limit + 1]
    except (ValueError, RecursionError):  # too deep (or circular) to show: say what it was
        text = f"<{type(obj).__name__} too deep to show>"
    return text if len(text) <= limit else text[:limit] + "..."
