"""Sans-I/O client session: what a harness client decides, apart from moving bytes.

The asyncio worker owns the socket, the clocks and the run directory; this
state machine owns every protocol decision, in the manner of the websockets
library's `Protocol`: it hands out the client events to send (with their
event ids), takes each server event (parsed, or the raw frame) and the two
things only the shell can observe (no event in time, the connection gone),
and answers with typed actions. Nothing here touches a socket, reads a clock
or awaits, so every decision can be tested with hand-built events.

One session object lives as long as its worker and spans its connections:
event ids keep counting across reconnects, and a placeholder for a prompt
that never got a response names the session the worker last had.

    CLOSED --connection_opened--> AWAITING_SESSION --session.updated--> IDLE
    IDLE --start_prompt--> AWAITING_RESPONSE --response.created--> RESPONDING
    AWAITING_RESPONSE / RESPONDING --the prompt's response done, or rejected--> IDLE
    any open state --connection lost, stall, response deadline, frame too large,
                     retry on a fresh session, fatal--> CLOSED
    a retry on the same session (rate limit) --> IDLE

Which response is the prompt's is decided by what the service echoes, not by
arrival order: each response.create carries `metadata.verifier_prompt` (the
prompt's marker), and only a response whose metadata names it is the
prompt's. One that names another prompt, or none, is unrequested: it is
handed out as `NotRequested` and the prompt goes on waiting for its own. A
spoken prompt under server VAD cannot name itself (the service creates the
response); there the first response without a marker after the prompt's
audio is the prompt's.

Every client event is fed to the collector too (`feed_client`), so what each
response.create asked for is known to it, as in a replay or the proxy.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from verifier.realtime.collector import Collector
from verifier.realtime.settings import SessionSettings, deep_merge, prompt_events, session_update
from verifier.schema.captures import ResponseCapture
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.redact import redact
from verifier.schema.rundir import safe_name
from verifier.schema.wire import response_id_of

#: Why a response this prompt did not ask for goes to retried.jsonl.
NOT_REQUESTED = "response not requested by this prompt"
#: The response metadata key that names the prompt a response.create was sent for.
PROMPT_KEY = "verifier_prompt"
#: Input audio is sent in chunks of this many seconds (the services' own examples use 20-100 ms).
AUDIO_CHUNK_S = 0.1
#: Bytes per second of the input audio the harness sends (pcm16, 24 kHz, mono: the services' default).
INPUT_BYTES_PER_S = 24_000 * 2
#: Silence sent after a spoken prompt under server VAD, beyond the session's silence_duration_ms,
#: so the service hears the turn end even when the recording stops right after the last word.
VAD_TAIL_S = 0.5


class State(Enum):
    CLOSED = "closed"  # no connection: before the first, and after one ended or was given up
    AWAITING_SESSION = "awaiting_session"  # session.update sent, no session.updated yet
    IDLE = "idle"  # the session is ready and no prompt is in flight
    AWAITING_RESPONSE = "awaiting_response"  # the prompt's events are out, its response id is not known yet
    RESPONDING = "responding"  # the prompt's response id is known; collecting it


class SessionStateError(RuntimeError):
    """The shell fed an input the current state cannot take (a bug in the caller, not the service)."""


# -- actions ------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    """Send this client event (it already carries its event_id)."""

    event: dict[str, Any]
    number: int  # this event's place in the worker's count, for send_failed


@dataclass(frozen=True)
class Pace:
    """Wait this many seconds of audio time (divided by the run's pace) before the next send."""

    seconds: float


@dataclass(frozen=True)
class SessionReady:
    """The service accepted session.update; `session` is the effective session it reported."""

    session: Any


@dataclass(frozen=True)
class NotRequested:
    """A response finished that this prompt did not ask for: keep it aside, it is not the prompt's result."""

    capture: ResponseCapture
    reason: str = NOT_REQUESTED


@dataclass(frozen=True)
class Captured:
    """The prompt's response, finished (whatever its status)."""

    capture: ResponseCapture


@dataclass(frozen=True)
class Rejected:
    """The service refused the prompt's response.create: a placeholder capture stands for the response."""

    capture: ResponseCapture


@dataclass(frozen=True)
class Stalled:
    """No event in time while a response was due: the capture says so; the session is replaced."""

    capture: ResponseCapture


@dataclass(frozen=True)
class Lost:
    """The connection is gone for a reason a retry would meet again (a frame over the size limit):
    the partial response is the prompt's result (verdict error); the session is replaced."""

    capture: ResponseCapture
    partial: list[ResponseCapture] = field(default_factory=list)  # other responses in flight, unrequested


@dataclass(frozen=True)
class Retry:
    """Play the prompt again after a delay; `partial` are the incomplete captures to keep aside."""

    reason: str
    retry_after: float | None = None
    partial: list[ResponseCapture] = field(default_factory=list)
    reconnect: bool = True  # False: the same session goes on (a rate limit)
    connect_failed: bool = False  # the connection could not be opened at all


@dataclass(frozen=True)
class Fatal:
    """Nothing a retry could fix (bad key, no quota, rejected session settings): stop the run."""

    reason: str


Action = Send | Pace | SessionReady | NotRequested | Captured | Rejected | Stalled | Lost | Retry | Fatal
#: Actions that end what the shell is waiting for: a prompt's attempt, or the session handshake.
Outcome = Captured | Rejected | Stalled | Lost | Retry | Fatal
OUTCOMES = (Captured, Rejected, Stalled, Lost, Retry, Fatal)


# -- pure helpers -------------------------------------------------------------


def parse_event(raw: str | bytes) -> dict[str, Any] | None:
    """A text frame as a JSON object, or None (the collector records why).

    `parse()`, not json.loads: a 5,000-digit number or 50,000 levels of nesting
    are a bad frame like any other, not an exception that ends the run.
    """
    try:
        ev = parse(raw)
    except JSONTextError:
        return None
    return ev if isinstance(ev, dict) else None


def turn_detection_of(session: Any) -> Any:
    """A session object's turn detection (beta `turn_detection`, GA `audio.input.turn_detection`);
    ... (Ellipsis) when the object does not say."""
    if not isinstance(session, dict):
        return ...
    if "turn_detection" in session:
        return session["turn_detection"]
    audio = session.get("audio")
    inp = audio.get("input") if isinstance(audio, dict) else None
    if isinstance(inp, dict) and "turn_detection" in inp:
        return inp["turn_detection"]
    return ...


def server_vad(turn_detection: Any) -> bool:
    return isinstance(turn_detection, dict) and turn_detection.get("type") in ("server_vad", "semantic_vad")


def marker_of(response: Any) -> str | None:
    """The prompt marker a response object's (or a capture meta's) metadata names, or None."""
    md = response.get("metadata") if isinstance(response, dict) else None
    m = md.get(PROMPT_KEY) if isinstance(md, dict) else None
    return m if isinstance(m, str) else None


def rate_limit_delay(err: dict[str, Any]) -> float | None:
    """Seconds to wait if this error is a rate limit (0.0 when it names no delay), else None."""
    code, typ = str(err.get("code") or ""), str(err.get("type") or "")
    msg = str(err.get("message") or "")
    if not ("rate_limit" in code or "rate_limit" in typ or "rate limit" in msg.lower()):
        return None
    m = re.search(r"try again in (\d+(?:\.\d+)?)\s*(ms|s)\b", msg, re.I)
    if not m:
        return 0.0
    return float(m[1]) / (1000.0 if m[2].lower() == "ms" else 1.0)


def error_line(err: dict[str, Any]) -> str:
    """One secret-free line for an `error` payload."""
    param = f" (param {err['param']})" if err.get("param") else ""
    return redact(f"{err.get('type')}/{err.get('code')}: {err.get('message')}{param}")


def _error_of(ev: dict[str, Any]) -> dict[str, Any]:
    err = ev.get("error")
    return err if isinstance(err, dict) else {}


def _chunks(audio: bytes) -> list[bytes]:
    step = int(AUDIO_CHUNK_S * INPUT_BYTES_PER_S)
    return [audio[i : i + step] for i in range(0, len(audio), step)]


# -- the state machine --------------------------------------------------------


class ClientSession:
    """One worker's realtime client: server events in, actions out."""

    def __init__(self, settings: SessionSettings, shape: str, *, timeout_s: float, spoken: bool = False) -> None:
        self.settings = settings
        self.shape = shape
        self.timeout_s = timeout_s  # only for the words of a stall; the shell keeps the time
        self.spoken = spoken  # some prompts are audio: turn detection must be what the run asked, not a default
        self.server_vad = False  # the session's turn detection, as the service reported it (else as asked)
        self._marker: str | None = None  # names the prompt in flight in response metadata
        self._spoken_turn = False  # the prompt in flight is audio the service's own turn detection answers
        self.state = State.CLOSED
        self.collector = Collector()
        self.conn = 0
        self.sent_count = 0  # client events numbered so far, over all connections
        self._tag: str | None = None  # names the placeholder of the prompt in flight
        self._sent: dict[str, str] = {}  # event_id -> type, for the prompt in flight
        self._rid: str | None = None  # the prompt's response id, once known
        self._stream_mark = 0  # collector problems before the prompt started

    # -- inputs from the shell ------------------------------------------------

    def connection_opened(self, conn: int) -> list[Action]:
        """A fresh connection (number `conn`) is open: configure its session."""
        self._expect(State.CLOSED)
        self.conn = conn
        self.collector = Collector(default_format=self.settings.output_audio_format)
        self.state = State.AWAITING_SESSION
        update = session_update(self.settings, self.shape)
        asked = turn_detection_of(update["session"])
        if self.spoken and asked is ...:
            # The services turn server VAD on by default; a run that did not ask for it commits its own turns.
            if self.shape == "ga":
                update["session"] = deep_merge(update["session"], {"audio": {"input": {"turn_detection": None}}})
            else:
                update["session"]["turn_detection"] = None
            asked = None
        self.server_vad = server_vad(asked)
        return [self._send(update)]

    def connect_failed(self, reason: str, retry_after: float | None = None) -> list[Action]:
        """The connection could not be opened, for a reason that may pass (refused, 429, 5xx)."""
        self._expect(State.CLOSED)
        return [Retry(reason, retry_after=retry_after, connect_failed=True)]

    def connect_refused(self, reason: str) -> list[Action]:
        """The service refused the connection for good (bad key, wrong endpoint)."""
        self._expect(State.CLOSED)
        return [Fatal(reason)]

    def start_prompt(
        self,
        text: str,
        tag: str,
        *,
        instructions: str | None = None,
        response: dict[str, Any] | None = None,
        marker: str | None = None,
        audio: bytes | None = None,
    ) -> list[Action]:
        """The client events of one prompt; `tag` names its placeholder should no response come.

        `response` is deep-merged into the response.create's `response` object (a corpus
        prompt's own override). `marker`, when given, goes into the response's metadata
        and only a response that echoes it is the prompt's (None: the first response is).
        `audio` (pcm16, 24 kHz, mono) makes the prompt spoken: it is appended in chunks
        with `Pace` between them, then committed and answered (manual turns), or left to
        the service's turn detection (server VAD), which creates the response itself.
        """
        self._expect(State.IDLE)
        events = prompt_events(text, self.settings, self.shape, instructions)
        create = events[-1]
        if audio is not None:
            # The spoken turn is the response's input: it goes into the conversation, as a voice app's does.
            create["response"].pop("input", None)
            if create["response"].get("conversation") == "none":
                del create["response"]["conversation"]
        if isinstance(response, dict):
            create["response"] = deep_merge(create["response"], response)
        if marker is not None:
            create["response"] = deep_merge(create["response"], {"metadata": {PROMPT_KEY: marker}})
        self._tag, self._rid, self._sent, self._marker = tag, None, {}, marker
        self._spoken_turn = audio is not None and self.server_vad
        self._stream_mark = len(self.collector.problems)
        self.state = State.AWAITING_RESPONSE
        out: list[Action] = []
        if audio is not None:
            tail = b""
            if self.server_vad:
                td = turn_detection_of(self.collector.session)
                silence_ms = td.get("silence_duration_ms") if isinstance(td, dict) else None
                silence_s = (silence_ms if isinstance(silence_ms, (int, float)) else 500) / 1000 + VAD_TAIL_S
                tail = bytes(int(silence_s * INPUT_BYTES_PER_S) // 2 * 2)
            for chunk in _chunks(audio + tail):
                out.append(
                    self._send({"type": "input_audio_buffer.append", "audio": base64.b64encode(chunk).decode("ascii")})
                )
                out.append(Pace(len(chunk) / INPUT_BYTES_PER_S))
            events = [] if self.server_vad else [{"type": "input_audio_buffer.commit"}, create]
        for ev in events:
            send = self._send(ev)
            self._sent[send.event["event_id"]] = send.event["type"]
            out.append(send)
        return out

    def receive(self, event: dict[str, Any] | str | bytes, t: float | None = None) -> list[Action]:
        """One server event: the parsed object, or the raw frame (a bad one is recorded, not raised)."""
        if self.state is State.CLOSED:
            raise SessionStateError("a server event on a closed session")
        ev = event if isinstance(event, dict) else parse_event(event)
        caps = self.collector.feed(ev if ev is not None else event, t)
        if self.state is State.AWAITING_SESSION:
            return self._handshake(ev)
        if self.state is State.IDLE:
            return [NotRequested(c) for c in caps]
        return self._prompt_event(ev, caps)

    def timed_out(self) -> list[Action]:
        """No server event for as long as the shell waits: a handshake that never finished, or a stall."""
        if self.state is State.AWAITING_SESSION:
            self.state = State.CLOSED
            return [Retry(f"no session.updated within {self.timeout_s:g}s")]
        self._expect(State.AWAITING_RESPONSE, State.RESPONDING)
        reason = f"stalled: no event for {self.timeout_s:g}s"
        cap = self.collector.abandon(self._rid, reason) if self._rid else None
        if cap is None:
            cap = self._placeholder(f"{reason} after response.create (no response.created)")
        self.state = State.CLOSED  # the service's state is unknown: the next prompt gets a fresh session
        return [Stalled(cap)]

    def response_timed_out(self, after_s: float) -> list[Action]:
        """The prompt's response did not finish within `after_s` of its response.create, however
        many other events came: record what arrived as the result; the session is replaced."""
        self._expect(State.AWAITING_RESPONSE, State.RESPONDING)
        reason = f"response timeout after {after_s:g} s"
        cap = self.collector.abandon(self._rid, reason) if self._rid else None
        if cap is None:
            cap = self._placeholder(f"{reason} (no response.created)")
        self.state = State.CLOSED
        return [Stalled(cap)]

    def connection_broken(self, reason: str) -> list[Action]:
        """The connection is gone for a reason that would recur on a retry (a frame over the size
        limit): the prompt's partial response is its result; nothing is retried."""
        if self.state is State.CLOSED:
            raise SessionStateError("connection broken on a closed session")
        if self.state in (State.AWAITING_SESSION, State.IDLE):
            self.state = State.CLOSED
            return [Fatal(reason)]
        cap = self.collector.abandon(self._rid, reason) if self._rid else None
        if cap is None:
            cap = self._placeholder(reason)
        others = self.collector.close(f"disconnected: {reason}")
        self.state = State.CLOSED
        return [Lost(cap, others)]

    def connection_lost(self, reason: str) -> list[Action]:
        """The connection dropped (or could not take a send): retry on a fresh session."""
        if self.state is State.CLOSED:
            raise SessionStateError("connection lost on a closed session")
        if self.state is State.AWAITING_SESSION:
            self.state = State.CLOSED
            return [Retry(reason)]
        self.state = State.CLOSED
        return [Retry(reason, partial=self.collector.close(f"disconnected: {reason}"))]

    def send_failed(self, send: Send, reason: str) -> list[Action]:
        """`send` failed: it keeps its number (it was logged), the events after it were never tried."""
        self.sent_count = send.number
        return self.connection_lost(reason)

    def close(self, reason: str = "closed by the harness") -> list[ResponseCapture]:
        """The shell closed the connection for its own reasons (end of work, giving up).

        Whatever was still in flight (a response nobody asked for, deltas of one never
        created) comes back incomplete, so the shell can keep it: nothing is dropped.
        """
        self.state = State.CLOSED
        return self.collector.close(f"disconnected: {reason}")

    def placeholder(self, tag: str, reason: str) -> ResponseCapture:
        """The capture that stands for a response that never came."""
        return ResponseCapture(
            response_id=safe_name(f"noresponse_{tag}"),
            session_id=self.collector.session_id,
            audio_format=self.settings.output_audio_format,
            problems=[reason],
        )

    # -- decisions ------------------------------------------------------------

    def _handshake(self, ev: dict[str, Any] | None) -> list[Action]:
        if ev is None:
            return []
        if ev.get("type") == "session.updated":
            reported = turn_detection_of(ev.get("session"))
            if reported is not ...:
                self.server_vad = server_vad(reported)
            self.state = State.IDLE
            return [SessionReady(ev.get("session"))]
        if ev.get("type") == "error":
            err = _error_of(ev)
            self.state = State.CLOSED
            delay = rate_limit_delay(err)
            if delay is not None:
                return [Retry(f"rate limited: {error_line(err)}", retry_after=delay)]
            return [Fatal(f"the service rejected session.update: {error_line(err)}")]
        return []

    def _prompt_event(self, ev: dict[str, Any] | None, caps: list[ResponseCapture]) -> list[Action]:
        etype = ev.get("type") if ev is not None else None
        if ev is not None and etype == "response.created" and self._rid is None:
            if self._claims(ev.get("response")):
                self._rid = response_id_of(ev)
        elif ev is not None and etype == "error":
            outcome = self._on_error(_error_of(ev))
            if outcome is not None:
                return [outcome]
        out: list[Action] = []
        for cap in caps:
            if self._rid is None and self._claims(cap.meta):
                self._rid = cap.response_id  # done without a created first: still the one this prompt asked for
            if cap.response_id != self._rid:
                out.append(NotRequested(cap))
                continue
            if cap.status == "failed":
                delay = rate_limit_delay((cap.status_details or {}).get("error") or {})
                if delay is not None:
                    self.state = State.IDLE
                    out.append(
                        Retry("rate limited (response failed)", retry_after=delay, partial=[cap], reconnect=False)
                    )
                    return out
            problems = self.collector.problems[self._stream_mark :]
            cap.problems.extend(f"stream: {p}" for p in problems if p not in cap.problems)
            self.state = State.IDLE
            out.append(Captured(cap))
            return out
        self.state = State.AWAITING_RESPONSE if self._rid is None else State.RESPONDING
        return out

    def _on_error(self, err: dict[str, Any]) -> Outcome | None:
        delay = rate_limit_delay(err)
        if delay is not None:
            rid = self._rid
            partial = [c for c in [self.collector.abandon(rid, "rate limited")] if c] if rid else []
            self.state = State.IDLE  # the same session goes on
            return Retry(f"rate limited: {error_line(err)}", retry_after=delay, partial=partial, reconnect=False)
        if err.get("code") == "insufficient_quota":
            self.state = State.CLOSED
            return Fatal(f"the service refused: {error_line(err)}")
        if err.get("code") == "session_expired" or err.get("type") == "server_error":
            self.state = State.CLOSED
            return Retry(error_line(err), partial=self.collector.close(f"disconnected: {error_line(err)}"))
        # Not retryable. A response being collected goes on (the error is in its problems);
        # a response.create the service refused means this prompt gets no response at all.
        if self._rid is None and self._sent.get(str(err.get("event_id"))) == "response.create":
            self.state = State.IDLE
            return Rejected(self._placeholder(f"rejected: {error_line(err)}"))
        return None

    def _claims(self, response: Any) -> bool:
        """Whether a response (its object, or a capture's meta) is the prompt's: it echoes the
        prompt's marker, or (a spoken turn the service answered itself) names no prompt."""
        if self._marker is None:
            return True  # no marker was sent: the first response is the prompt's
        named = marker_of(response)
        return named == self._marker or (named is None and self._spoken_turn)

    # -- plumbing -------------------------------------------------------------

    def _send(self, ev: dict[str, Any]) -> Send:
        self.sent_count += 1
        eid = f"evt_verifier_{self.conn}_{self.sent_count}"
        event = {"type": ev["type"], "event_id": eid, **{k: v for k, v in ev.items() if k != "type"}}
        # The collector hears the client too: what each response.create asked for, as in a replay or the proxy.
        self.collector.feed_client(event)
        return Send(event, self.sent_count)

    def _placeholder(self, reason: str) -> ResponseCapture:
        assert self._tag is not None  # only reachable while a prompt is in flight
        return self.placeholder(self._tag, reason)

    def _expect(self, *states: State) -> None:
        if self.state not in states:
            raise SessionStateError(f"session is {self.state.value}; this needs {' or '.join(s.value for s in states)}")
