"""Rebuild response captures from an event log, through the same collector the harness uses.

Two line forms are accepted, mixed freely:

- raw: one server event per line as the user's own application received it
  (`{"type": "response.audio.delta", ...}`);
- wrapped, as the harness writes `events.jsonl`:
  `{"t": .., "conn": .., "prompt_id": .., "attempt": .., "event": {...}}`,
  with `"dir": "client"` on events the client sent.

Client events (wrapped with `"dir": "client"`, or raw lines whose type only a
client sends, such as `response.cancel` or `conversation.item.truncate`) go
to the collector's `feed_client`: they say what the client asked for and
where it cut a response off.

Wrapped lines carry a connection number, so each connection gets its own
collector (the audio format is per session) and captures get back their
prompt id and attempt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.realtime.collector import Collector
from verifier.schema.captures import ResponseCapture
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.wire import CLIENT_EVENTS, kind_of, response_id_of

END_OF_LOG = "log ended before response.done"

# Types only a client sends: a raw log that mixes both directions is told apart by them.
_CLIENT_ONLY = frozenset(t for names in CLIENT_EVENTS.values() for t in names if kind_of(t) is None)


@dataclass
class ReplayResult:
    captures: list[ResponseCapture] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lines: int = 0
    server_events: int = 0
    client_events: int = 0
    forms: set[str] = field(default_factory=set)  # "raw" / "wrapped"
    notes: list[str] = field(default_factory=list)  # what the collectors saw that is in no capture
    input_transcripts: int = 0  # the user's input-audio transcriptions seen (not judged)
    unreadable: list[int] = field(default_factory=list)  # numbers of the lines skipped as unreadable


def replay_lines(lines: Iterable[str], source: str = "<log>", default_format: str = "pcm16") -> ReplayResult:
    res = ReplayResult()
    collectors: dict[Any, Collector] = {}
    origin: dict[tuple[Any, str], dict[str, Any]] = {}  # (conn, response_id) -> prompt_id/attempt/conn from the wrapper

    def collector(conn: Any) -> Collector:
        if conn not in collectors:
            collectors[conn] = Collector(default_format=default_format)
        return collectors[conn]

    def keep(caps: list[ResponseCapture], conn: Any) -> None:
        for cap in caps:  # an id may recur on another connection: its origin is this connection's
            cap.meta.update(origin.get((conn, str(cap.meta.get("server_response_id") or cap.response_id)), {}))
            res.captures.append(cap)

    for lineno, line in enumerate(lines, 1):
        res.lines = lineno
        text = line.strip()
        if not text:
            continue
        try:
            obj = parse(text)
        except JSONTextError as e:
            res.problems.append(f"{source}:{lineno}: {e}; skipped")
            res.unreadable.append(lineno)
            continue
        if not isinstance(obj, dict):
            res.problems.append(f"{source}:{lineno}: not a JSON object; skipped")
            res.unreadable.append(lineno)
            continue
        conn: Any = None
        t: float | None = None
        event: Any = obj
        if "type" not in obj and "event" in obj:
            res.forms.add("wrapped")
            conn, event = obj.get("conn"), obj["event"]
            if not (conn is None or isinstance(conn, (int, str))):
                conn = json.dumps(conn, sort_keys=True)  # a hand-edited log: any value names a connection
            t = obj["t"] if isinstance(obj.get("t"), (int, float)) else None
            if obj.get("dir") == "client":
                res.client_events += 1
                if isinstance(event, dict):
                    collector(conn).feed_client(event, t)
                continue
            if isinstance(event, dict) and set(event) == {"raw"} and isinstance(event["raw"], str):
                event = event["raw"]  # a frame the harness could not parse: the collector records it
            elif not isinstance(event, dict):
                res.problems.append(f"{source}:{lineno}: 'event' is not an object; skipped")
                res.unreadable.append(lineno)
                continue
            if isinstance(event, dict):
                rid = response_id_of(event)
                if rid and (conn, rid) not in origin:
                    origin[(conn, rid)] = {
                        k: obj[k] for k in ("prompt_id", "attempt", "conn") if obj.get(k) is not None
                    }
        else:
            res.forms.add("raw")
            if obj.get("type") in _CLIENT_ONLY:
                res.client_events += 1
                collector(conn).feed_client(obj, t)
                continue
        res.server_events += 1
        keep(collector(conn).feed(event, t), conn)
    for conn, coll in collectors.items():
        keep(coll.close(END_OF_LOG), conn)
        where = f"{source} (conn {conn})" if conn is not None else source
        res.problems += [f"{where}: {p}" for p in coll.problems]
        res.notes += [f"{where}: {n}" for n in coll.notes]
        res.input_transcripts += len(coll.input_transcripts)
    return res


def replay_file(path: str | Path, default_format: str = "pcm16") -> ReplayResult:
    p = Path(path)
    with open(p, encoding="utf-8", errors="replace") as f:
        return replay_lines(f, str(p), default_format)
