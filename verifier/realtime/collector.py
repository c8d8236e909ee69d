"""Sans-I/O collector: server events in, finished response captures out.

A pure state machine in the manner of h11 or the websockets protocol layer:
no sockets, no clocks. The transport (or a log replayer) calls `feed()` with
each event as it arrives, plus a timestamp if it has one, and gets back the
captures of responses that just finished. Anything odd about the stream (bad
JSON, missing fields, undecodable audio, unknown event types, `error` events)
is written down in `problems`, never raised: a run in CI must keep what it
collected even when the service misbehaves, which is exactly when it matters.

A tap that also sees the client's side (a proxy, a log with client events)
calls `feed_client()` too: the modalities a `response.create` or
`session.update` asked for, `response.cancel`, and the barge-in cut
`conversation.item.truncate` (`audio_end_ms`) are what tell a response the
client cut or never asked to speak from one the service broke. What the
collector sees that is neither a problem nor part of a capture (a cut of a
response already finished, a failed input-audio transcription) goes to
`notes`, so nothing is dropped silently.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from verifier.schema.audio import AudioError, duration, normalize_format
from verifier.schema.captures import ResponseCapture
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.wire import RESPONSE_SCOPED, Kind, family_of, is_audio_part, is_text_part, kind_of

PartKey = tuple[str, int]  # (item_id, content_index)


# The string each text-carrying event must hold; anything else is a problem, not a crash.
_TEXT_FIELDS = {
    Kind.TRANSCRIPT_DELTA: "delta",
    Kind.TRANSCRIPT_DONE: "transcript",
    Kind.TEXT_DELTA: "delta",
    Kind.TEXT_DONE: "text",
}


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
    order: list[PartKey] = field(default_factory=list)  # content parts, first seen first
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # output items by id
    asked: tuple[list[str] | None, str | None] = (None, None)  # modalities the client/session asked for, and who


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
        self._key: dict[str, str] = {}  # a reused response id -> the capture its events now build
        self._reused: Counter[str] = Counter()
        self._done_items: dict[str, str] = {}  # item_id -> finished response, for a cut that comes late
        self.session_modalities: list[str] | None = None  # as the server last reported them
        self.client_session_modalities: list[str] | None = None  # as the client's session.update asked
        # the voice that speaks, as the server last reported it and as the client asked: a run's replies are
        # judged beside the other replies of their voice (`meta["voice"]`)
        self.session_voice: str | None = None
        self.client_session_voice: str | None = None
        # response.create requests not yet answered: (event_id, the prompt marker its metadata carries, modalities)
        self._asked: deque[tuple[object, str | None, list[str] | None]] = deque()
        self.notes: list[str] = []  # seen, not part of any capture, not a problem of the stream
        self.input_transcripts: dict[str, str] = {}  # the user's input items, item_id -> transcript
        self.late_truncations: list[dict[str, Any]] = []  # cuts of responses already finished
        self.client_events_seen = 0

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
        if kind is Kind.CONVERSATION:
            self._on_conversation(ev, etype)
            return []
        if kind not in RESPONSE_SCOPED:
            return []
        b = self._owner(ev, etype, kind)
        if b is None:
            return []
        self._note(b, ev, etype, t)
        return self._dispatch(b, ev, kind, t)

    def feed_client(self, event: dict[str, Any] | str | bytes, t: float | None = None) -> None:
        """Consume one event the client sent (a proxy's other direction, a log's `"dir": "client"` lines).

        Client events finish no response, so nothing comes back; what they
        say lands on the captures they concern.
        """
        self.client_events_seen += 1
        try:
            self._feed_client(event, t)
        except Exception as e:
            self._stream_problem(f"could not handle client event ({type(e).__name__}: {e}): {_snippet(event)}")

    def _feed_client(self, event: dict[str, Any] | str | bytes, t: float | None) -> None:
        if isinstance(event, (str, bytes)) and _AUDIO_APPEND.match(
            event[:80] if isinstance(event, str) else event[:80].decode("latin-1")
        ):
            return  # the user's audio, most of a client's bytes: nothing here needs it parsed
        ev = self._parse(event)
        if ev is None:
            return
        etype = ev.get("type")
        if etype == "session.update":
            sess = ev.get("session")
            mods = _modalities(sess) if isinstance(sess, dict) else None
            if mods is not None:
                self.client_session_modalities = mods
            voice = _announced_voice(sess) if isinstance(sess, dict) else None
            if voice is not None:
                self.client_session_voice = voice
        elif etype == "response.create":
            resp = ev.get("response")
            mods = _modalities(resp) if isinstance(resp, dict) else None
            self._asked.append((ev.get("event_id"), _prompt_marker(resp), mods))
        elif etype == "response.cancel":
            rid = ev.get("response_id")
            key = self._key.get(rid, rid) if isinstance(rid, str) else None
            if key is None and self._building:
                key = next(reversed(self._building))  # no id: the response in flight, the newest one
            if key is not None and key in self._building:
                self._building[key].capture.client_events.append("response.cancel")
            else:
                self.notes.append(
                    f"response.cancel{f' of {rid}' if rid else ''} with no such response in flight "
                    "(the service has nothing to cancel)"
                )
        elif etype == "conversation.item.truncate":
            self._on_truncate(ev, "conversation.item.truncate")

    def abandon(self, response_id: str, reason: str) -> ResponseCapture | None:
        """Give up on one in-flight response (a stall): yield it as incomplete."""
        b = self._building.pop(self._key.get(response_id, response_id), None)
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
        key = self._key.get(rid, rid)
        reused = kind is Kind.RESPONSE_CREATED and key in self._finished
        if reused:
            # A new response under an id already finished: its own capture, under its own key.
            self._reused[rid] += 1
            key = self._key[rid] = f"{rid}#{self._reused[rid] + 1}"
        elif key in self._finished:
            self._stream_problem(f"{etype} for response {rid} after its response.done")
            return None
        b = self._building.get(key)
        if b is None:
            b = _Building(ResponseCapture(response_id=key, session_id=self.session_id))
            b.capture.audio_format = self.session_format or self.default_format
            voice = self.session_voice or self.client_session_voice
            if voice is not None:
                b.capture.meta["voice"] = voice
            self._building[key] = b
            if reused:
                b.capture.meta["server_response_id"] = rid
                b.capture.problems.append(f"the server reused response id {rid} (finished before); kept apart as {key}")
            if kind is not Kind.RESPONSE_CREATED:
                b.capture.problems.append(f"{etype} before response.created")
            else:
                asked = self._answered(ev.get("response"))
                if asked is not None:
                    b.asked = (asked, "response.create")
                elif self.session_modalities is not None:
                    b.asked = (self.session_modalities, "session")
                elif self.client_session_modalities is not None:
                    b.asked = (self.client_session_modalities, "session.update")
        return b

    def _answered(self, resp: Any) -> list[str] | None:
        """What the response.create this response answers asked for. A request that named its
        prompt in metadata is answered only by a response echoing that name (an unrequested
        response must not take a prompt's request); others are answered in order."""
        marker = _prompt_marker(resp)
        for i, (_eid, asked_marker, mods) in enumerate(self._asked):
            if asked_marker is None or asked_marker == marker:
                del self._asked[i]
                return mods
        return None

    def _note(self, b: _Building, ev: dict[str, Any], etype: str, t: float | None) -> None:
        cap = b.capture
        cap.event_types.append(etype)
        eid = ev.get("event_id")
        if isinstance(eid, str):
            if eid in b.seen_event_ids:
                # A server that reuses event ids reuses them often: one line, and a count.
                dups = cap.meta["duplicate_event_ids"] = cap.meta.get("duplicate_event_ids", 0) + 1
                if dups == 1:
                    cap.problems.append(f"duplicate event_id {eid} (the count is in meta.duplicate_event_ids)")
            b.seen_event_ids.add(eid)
            cap.event_ids.append(eid)
        fam = family_of(etype)
        if fam:
            b.families.add(fam)
        item = ev.get("item_id")
        if isinstance(item, str) and item and item not in b.item_ids:
            b.item_ids.append(item)
            self._item_owner[item] = cap.response_id
        if "content_index" in ev and _key(ev) not in b.order:
            b.order.append(_key(ev))

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
        elif kind in (Kind.OUTPUT_ITEM_ADDED, Kind.OUTPUT_ITEM_DONE):
            item = ev.get("item")
            iid = item.get("id") if isinstance(item, dict) else None
            if isinstance(iid, str) and iid not in b.item_ids:
                b.item_ids.append(iid)
                self._item_owner[iid] = cap.response_id
            if isinstance(item, dict):
                _note_item(b.items, item)
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
        mods = _modalities(sess)
        if mods is not None:
            self.session_modalities = mods
        voice = _announced_voice(sess)
        if voice is not None:
            self.session_voice = voice
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
        if err.get("event_id") is not None:  # a refused response.create gets no response.created
            self._asked = deque(a for a in self._asked if a[0] != err.get("event_id"))
        msg = f"error event: {err.get('type')}/{err.get('code')}: {err.get('message')}"
        self._stream_problem(msg)
        for b in self._building.values():
            b.capture.problems.append(msg)

    def _on_conversation(self, ev: dict[str, Any], etype: str) -> None:
        if etype == "conversation.item.truncated":
            self._on_truncate(ev, etype)
        elif etype == "conversation.item.input_audio_transcription.completed":
            item, text = ev.get("item_id"), ev.get("transcript")
            if isinstance(item, str) and isinstance(text, str):
                self.input_transcripts[item] = text
        elif etype == "conversation.item.input_audio_transcription.failed":
            raw = ev.get("error")
            err: dict[str, Any] = raw if isinstance(raw, dict) else {}
            self.notes.append(
                f"input audio transcription of item {ev.get('item_id')} failed: "
                f"{err.get('code') or err.get('type')}: {err.get('message')} "
                "(the user's side; no response is judged on it)"
            )

    def _on_truncate(self, ev: dict[str, Any], by: str) -> None:
        """A barge-in cut: the client played `audio_end_ms` of this item's audio and dropped the rest."""
        item, idx, end = ev.get("item_id"), ev.get("content_index", 0), ev.get("audio_end_ms")
        if not isinstance(item, str) or not isinstance(end, int) or isinstance(end, bool) or end < 0:
            self._stream_problem(f"{by} without a string item_id and a whole audio_end_ms: {_snippet(ev)}")
            return
        cut = {"item_id": item, "content_index": idx if isinstance(idx, int) else 0, "audio_end_ms": end, "by": by}
        key = self._item_owner.get(item)
        if key is not None and key in self._building:
            b = self._building[key]
            if b.capture.truncation is None or by == "conversation.item.truncated":  # the server's word wins
                b.capture.truncation = cut
            if by == "conversation.item.truncate":
                b.capture.client_events.append(by)
            return
        done = self._done_items.get(item)
        if done is not None:
            # The response had finished: the service's audio was whole; the client cut its playback.
            if not any(c["response_id"] == done and c["audio_end_ms"] == end for c in self.late_truncations):
                self.late_truncations.append({**cut, "response_id": done})
                self.notes.append(
                    f"{by}: the client stopped playing response {done} at {end / 1000:.2f} s, "
                    "after the response had finished (its whole audio is verified)"
                )
        elif by == "conversation.item.truncate":
            self.notes.append(f"{by} of item {item}, which no response seen here produced")

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
        mods = _modalities(resp)
        if mods is not None:
            cap.modalities, cap.modalities_source = mods, "response"
        if isinstance(resp.get("conversation_id"), str):
            cap.conversation_id = resp["conversation_id"]
        if isinstance(resp.get("metadata"), dict):
            cap.meta["metadata"] = resp["metadata"]
        voice = _announced_voice(resp)
        if voice is not None:
            cap.meta["voice"] = voice
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
            for item in resp["output"]:
                if isinstance(item, dict):
                    _note_item(b.items, item)

    def _finish(self, b: _Building) -> ResponseCapture:
        cap = b.capture
        self._finished.add(cap.response_id)
        for rid in [r for r, k in self._key.items() if k == cap.response_id]:
            del self._key[rid]
        for iid in b.item_ids:
            self._item_owner.pop(iid, None)
            self._done_items[iid] = cap.response_id
        while len(self._done_items) > _DONE_ITEMS_KEPT:  # a long session: the oldest cannot be cut any more
            del self._done_items[next(iter(self._done_items))]
        order = [k for k in b.order if k in b.audio] + [k for k in b.audio if k not in b.order]
        cap.audio = b"".join(bytes(b.audio[k]) for k in order)
        if len(b.audio) > 1:
            cap.meta["audio_parts"] = len(b.audio)
        if b.response_format:
            cap.audio_format, source = b.response_format, "response"
        elif self.session_format:
            cap.audio_format, source = self.session_format, "session"
        else:
            cap.audio_format, source = self.default_format, "default"
        cap.meta["format_source"] = source
        if cap.modalities is None and b.asked[0] is not None:
            cap.modalities, cap.modalities_source = b.asked
        cap.output_items = list(b.items.values())
        if cap.truncation is not None:
            cap.truncation["at_s"] = self._cut_at(b, order, cap.truncation)
        if cap.audio_format == "pcm16" and len(cap.audio) % 2:
            cap.problems.append(f"pcm16 audio has an odd byte count ({len(cap.audio)})")
        cap.transcript_deltas = "".join(b.transcript_deltas)
        cap.text_deltas = "".join(b.text_deltas)
        cap.transcript = _joined(_ordered(b.transcripts, b.order))
        cap.text = _joined(_ordered(b.texts, b.order))
        if cap.transcript is None:
            fallback = _joined(
                {
                    k: p["transcript"]
                    for k, p in b.part_fallback.items()
                    if isinstance(p.get("transcript"), str) and is_audio_part(p.get("type"))
                }
            )
            if fallback:
                cap.transcript = fallback
                cap.problems.append("no audio_transcript.done; transcript taken from the content part")
        if cap.text is None:
            fallback = _joined(
                {
                    k: p["text"]
                    for k, p in b.part_fallback.items()
                    if isinstance(p.get("text"), str) and is_text_part(p.get("type"))
                }
            )
            if fallback:
                cap.text = fallback
        if b.item_ids:
            cap.item_id = b.item_ids[0]
            if len(b.item_ids) > 1:
                cap.meta["item_ids"] = list(b.item_ids)
        if b.families:
            cap.meta["family"] = b.families.pop() if len(b.families) == 1 else "mixed"
        return cap

    def _cut_at(self, b: _Building, order: list[PartKey], cut: dict[str, Any]) -> float:
        """Seconds into the joined audio where the client's cut falls: its part's start plus audio_end_ms."""
        start = 0.0
        for k in order:
            if k == (cut["item_id"], cut["content_index"]):
                break
            try:
                start += duration(bytes(b.audio[k]), b.capture.audio_format)
            except AudioError:
                pass
        return round(start + cut["audio_end_ms"] / 1000, 3)

    def _stream_problem(self, msg: str) -> None:
        self.problems.append(msg)


_DONE_ITEMS_KEPT = 1000
_AUDIO_APPEND = re.compile(r'\s*\{\s*"type"\s*:\s*"input_audio_buffer\.append"')


def _prompt_marker(resp: Any) -> str | None:
    """The harness's prompt marker in a response object's metadata (see realtime.session)."""
    md = resp.get("metadata") if isinstance(resp, dict) else None
    m = md.get("verifier_prompt") if isinstance(md, dict) else None
    return m if isinstance(m, str) else None


def _modalities(obj: dict[str, Any]) -> list[str] | None:
    """What a session or response object asks for: GA `output_modalities`, beta `modalities`."""
    mods = obj.get("output_modalities", obj.get("modalities"))
    return [str(m) for m in mods] if isinstance(mods, list) else None


def _note_item(items: dict[str, dict[str, Any]], item: dict[str, Any]) -> None:
    """Keep what an output item is (no arguments, no content: those may be large or private)."""
    iid = item.get("id")
    if not isinstance(iid, str):
        return
    seen = items.setdefault(iid, {"id": iid})
    for k in ("type", "role", "name", "status"):
        if isinstance(item.get(k), str):
            seen[k] = item[k]


def _ordered(parts: dict[PartKey, str], order: list[PartKey]) -> dict[PartKey, str]:
    return {**{k: parts[k] for k in order if k in parts}, **parts}


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


#: a voice's name as the services give them ("alloy", "marin", a custom voice's "voice_..." id); anything
#: else a server or a log sends is not taken for one
_VOICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def _announced_voice(obj: dict[str, Any]) -> str | None:
    """The voice a session or response object names (beta `voice`, GA `audio.output.voice`, a custom
    voice as `{"id": ...}`); None where it names none, or names it in no shape a service uses."""
    voice = obj.get("voice")
    audio = obj.get("audio")
    if voice is None and isinstance(audio, dict) and isinstance(audio.get("output"), dict):
        voice = audio["output"].get("voice")
    if isinstance(voice, dict):
        voice = voice.get("id")
    return voice if isinstance(voice, str) and _VOICE_NAME.fullmatch(voice) else None


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
        text = obj if isinstance(obj, str) else json.dumps(obj, default=repr)[: limit + 1]
    except (ValueError, RecursionError):  # too deep (or circular) to show: say what it was
        text = f"<{type(obj).__name__} too deep to show>"
    return text if len(text) <= limit else text[:limit] + "..."
