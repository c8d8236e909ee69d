"""The realtime session as a sans-I/O state machine.

`Session.receive(raw)` takes one client WebSocket message and returns what the
server sends back (`Outcome.events`), possibly a new `ResponseRun` to stream,
and truth-log records. No sockets, no clocks, no threads: the server shell
(`server.py`) does all I/O, and tests drive this class directly.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import math
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verifier.schema.audio import bytes_per_second, for_asr
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.wire import BETA, CLIENT_EVENTS, EVENT_NAMES, GA
from verifier.simulator import tools as t
from verifier.simulator import validate as v
from verifier.simulator.faults import OVERRIDE_KEY, FaultDecision, FaultInjector, FaultSpecError
from verifier.simulator.listening import IDLE_PROMPT, Regions, Turn, TurnConfig, TurnDetector
from verifier.simulator.model import respond
from verifier.simulator.rendition import render
from verifier.simulator.responses import ResponseRun, text_deltas
from verifier.simulator.shapes import (
    default_session,
    input_format_of,
    merge,
    modalities_of,
    output_format_of,
    transcription_of,
    turn_detection_of,
    voice_of,
)
from verifier.simulator.validate import ApiError

SESSION_SECONDS = 30 * 60
TOKEN_LIMIT = 40_000
REQUEST_LIMIT = 5_000
#: The largest `audio` string one input_audio_buffer.append may carry (the services document 15 MiB
#: per event; this also stays under the server's 16 MiB frame limit).
MAX_APPEND_BYTES = 15 * 1024 * 1024
#: What the input audio buffer holds before a commit (about 90 minutes of pcm16 at 24 kHz).
MAX_BUFFER_BYTES = 256 * 1024 * 1024
_ALPHABET = string.ascii_letters + string.digits
# Objects an update replaces whole instead of merging field by field.
_REPLACED = frozenset({"turn_detection", "format", "voice", "transcription", "input_audio_transcription"})
#: The services' floor for a commit, in input audio.
MIN_COMMIT_MS = 100


class IdFactory:
    """Ids shaped like the services' (`event_` + 21 base62 characters)."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed)

    def __call__(self, prefix: str) -> str:
        return f"{prefix}_" + "".join(self._rng.choice(_ALPHABET) for _ in range(21))


@dataclass
class Listen:
    """Committed input audio the shell must transcribe, then hand back through `Session.heard`."""

    item_id: str
    audio: np.ndarray  # 16 kHz mono float32
    language: str | None
    #: Server turn detection with create_response: answer once the words are known.
    respond: bool = False
    #: The idle timeout committed this turn: nothing was said, the model asks whether anyone is there.
    idle: bool = False


@dataclass
class Outcome:
    events: list[dict[str, Any]] = field(default_factory=list)
    run: ResponseRun | None = None
    truth: list[dict[str, Any]] = field(default_factory=list)
    listen: list[Listen] = field(default_factory=list)


@dataclass(frozen=True)
class _Ask:
    """What a response.create asked for, resolved against the session: all that opening a response needs."""

    cfg: dict[str, Any]
    conversation: str
    modalities: list[str]
    audio_format: str
    metadata: dict[str, str] | None
    prompt: str
    instructions: str
    source: str  # what the prompt came from: "text", "audio" (a spoken turn) or "tool_output"
    after: str | None  # the committed turn this answers, if it is an automatic answer

    @property
    def input_tokens(self) -> int:
        return math.ceil(len((self.instructions + " " + self.prompt).split()) * 1.3)

    def truth(self, session_id: str, shape: str, *, forced: bool) -> dict[str, Any]:
        """The truth-log record this response starts with."""
        return {
            "response_id": None,
            "fault": None,
            "details": {},
            "session_id": session_id,
            "audio_format": self.audio_format,
            "api_shape": shape,
            "modalities": self.modalities,
            "forced": forced,
            "input_source": self.source,
        }


class Session:
    def __init__(
        self,
        *,
        shape: str,
        flavor: str = "openai",
        model: str = "gpt-realtime",
        faults: FaultInjector | None = None,
        ids: Callable[[str], str] | None = None,
        now: float = 0.0,
        regions: Regions | None = None,
    ) -> None:
        if shape not in (BETA, GA):
            raise ValueError(f"shape must be {BETA!r} or {GA!r}")
        self.shape, self.flavor, self.model = shape, flavor, model
        self.faults = faults or FaultInjector()
        self.new_id = ids or IdFactory()
        self.id = self.new_id("sess")
        self.conversation_id = self.new_id("conv")
        self.config = default_session(shape, self.id, model, int(now) + SESSION_SECONDS)
        self.items: list[dict[str, Any]] = []
        self.runs: list[ResponseRun] = []
        self.audio_buffer = bytearray()
        self.audio_produced = False
        self.tokens_used = 0
        #: The VAD behind server-side turn detection (Silero in the server); without one the
        #: session hears no turns and only manual commits work.
        self.regions = regions
        self.detector: TurnDetector | None = None
        self.input_samples = 0  # 16 kHz samples of input audio since the session began
        self.turn_item_id: str | None = None
        self.pending: set[str] = set()  # committed items whose words are not known yet
        self.deferred: list[tuple[dict[str, Any], str | None]] = []  # response.create waiting for them
        self.heard_text: dict[str, str] = {}
        self.assistant_runs: dict[str, ResponseRun] = {}
        #: Turns that server turn detection committed with create_response, in commit order: each
        #: is answered by its own response once its words are known and no other response is active.
        self.answers: list[str] = []
        #: Queued turns whose answer a later turn's speech interrupted before it could start.
        self.superseded: set[str] = set()
        #: In-conversation responses not yet ended, with the input sample at which each started:
        #: the idle timeout counts from where the last one's audio stops playing.
        self.playing: list[tuple[ResponseRun, int]] = []
        self._sync_turn_detection()

    # --- helpers -------------------------------------------------------------

    def _ev(self, type_: str, **fields: Any) -> dict[str, Any]:
        return {"type": type_, "event_id": self.new_id("event"), **fields}

    def error_event(self, err: ApiError, client_event_id: str | None = None) -> dict[str, Any]:
        return self._ev("error", error=err.body(client_event_id))

    def open(self) -> list[dict[str, Any]]:
        return [self._ev("session.created", session=copy.deepcopy(self.config))]

    @property
    def active_runs(self) -> list[ResponseRun]:
        self.runs = [r for r in self.runs if not r.finished]
        return self.runs

    # --- dispatch ------------------------------------------------------------

    def receive(self, raw: str | bytes) -> Outcome:
        try:
            event = parse(raw)  # a huge integer or 50,000 levels of nesting is an error event, not a crash
        except JSONTextError as exc:
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_json",
                            f"The client event is not valid JSON: {exc}. Each message must be one JSON object.",
                        )
                    )
                ]
            )
        if not isinstance(event, dict):
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_type",
                            f"Invalid type for client event: expected an object, but got {v.type_name(event)} instead.",
                        )
                    )
                ]
            )
        eid = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        kind = event.get("type")
        if kind is None:
            return Outcome([self.error_event(ApiError("invalid_event", "The 'type' field is missing."), eid)])
        known = CLIENT_EVENTS[self.shape]
        if kind not in known:
            shown = kind if isinstance(kind, str) else json.dumps(kind)
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_value",
                            f"Invalid value: '{shown}'. Supported values are: {v.quote_list(known)}.",
                            "type",
                        ),
                        eid,
                    )
                ]
            )
        handler = getattr(self, "_on_" + kind.replace(".", "_"), None)
        if handler is None:
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "unsupported_event", f"'{kind}' is not supported over WebSocket by this server.", "type"
                        ),
                        eid,
                    )
                ]
            )
        out: Outcome = handler(event, eid)
        return out

    # --- session -------------------------------------------------------------

    def _on_session_update(self, event: dict[str, Any], eid: str | None) -> Outcome:
        update = event.get("session")
        if update is None:
            return Outcome([self.error_event(v.missing("session"), eid)])
        err = v.session_check(self.shape, self.model)("session", update)
        if err:
            return Outcome([self.error_event(err, eid)])
        update = v.strip_unset(update)
        new_voice = voice_of(self.shape, merge(self.config, update))
        if self.audio_produced and new_voice != voice_of(self.shape, self.config):
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "cannot_update_voice",
                            "Cannot update a conversation's voice if assistant audio is present.",
                            "session.voice" if self.shape == BETA else "session.audio.output.voice",
                        ),
                        eid,
                    )
                ]
            )
        ignored = {"id", "object", "expires_at", "client_secret", "model"}
        clean = {k: val for k, val in update.items() if k not in ignored}
        self.config = merge(self.config, clean, replace=_REPLACED)
        self._sync_turn_detection()
        return Outcome([self._ev("session.updated", session=copy.deepcopy(self.config))])

    def _sync_turn_detection(self) -> None:
        wanted = TurnConfig.from_wire(turn_detection_of(self.shape, self.config)) if self.regions else None
        if wanted is None:
            self.detector = None
        elif self.detector is None or self.detector.config != wanted:
            self.detector = (
                TurnDetector(wanted, self.regions, start_sample=self.input_samples) if self.regions else None
            )

    # --- conversation --------------------------------------------------------

    def _find(self, item_id: str) -> int | None:
        return next((i for i, it in enumerate(self.items) if it.get("id") == item_id), None)

    def _materialize(self, item: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(item)
        out.setdefault("id", self.new_id("item"))
        out["object"] = "realtime.item"
        out["status"] = "completed"
        return out

    def _on_conversation_item_create(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item = event.get("item")
        if item is None:
            return Outcome([self.error_event(v.missing("item"), eid)])
        err = v.check_item(self.shape, "item", item)
        if err:
            return Outcome([self.error_event(err, eid)])
        if isinstance(item.get("id"), str) and self._find(item["id"]) is not None:
            return Outcome(
                [
                    self.error_event(
                        ApiError("item_id_already_exists", f"Item with id '{item['id']}' already exists.", "item.id"),
                        eid,
                    )
                ]
            )
        prev = event.get("previous_item_id")
        if prev is None:
            index = len(self.items)
        elif prev == "root":
            index = 0
        else:
            found = self._find(prev) if isinstance(prev, str) else None
            if found is None:
                return Outcome(
                    [
                        self.error_event(
                            ApiError(
                                "invalid_value",
                                f"Error adding item: the previous item with id '{prev}' does not exist.",
                                "previous_item_id",
                            ),
                            eid,
                        )
                    ]
                )
            index = found + 1
        stored = self._materialize(item)
        self.items.insert(index, stored)
        previous = self.items[index - 1]["id"] if index > 0 else None
        names = EVENT_NAMES[self.shape]
        events = [self._ev(names["item_added"], previous_item_id=previous, item=copy.deepcopy(stored))]
        if self.shape == GA:
            events.append(self._ev(names["item_done"], previous_item_id=previous, item=copy.deepcopy(stored)))
        return Outcome(events)

    def _on_conversation_item_delete(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item_id = event.get("item_id")
        index = self._find(item_id) if isinstance(item_id, str) else None
        if index is None:
            return Outcome(
                [
                    self.error_event(
                        ApiError("item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid
                    )
                ]
            )
        del self.items[index]
        return Outcome([self._ev("conversation.item.deleted", item_id=item_id)])

    def _on_conversation_item_retrieve(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item_id = event.get("item_id")
        index = self._find(item_id) if isinstance(item_id, str) else None
        if index is None:
            return Outcome(
                [
                    self.error_event(
                        ApiError("item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid
                    )
                ]
            )
        return Outcome([self._ev("conversation.item.retrieved", item=copy.deepcopy(self.items[index]))])

    def _on_conversation_item_truncate(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item_id = event.get("item_id")
        index = self._find(item_id) if isinstance(item_id, str) else None
        if index is None:
            return Outcome(
                [
                    self.error_event(
                        ApiError("item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid
                    )
                ]
            )
        item = self.items[index]
        if item.get("type") != "message" or item.get("role") != "assistant":
            return Outcome(
                [
                    self.error_event(
                        ApiError("invalid_value", "Only assistant message items can be truncated.", "item_id"), eid
                    )
                ]
            )
        given_index, given_end = event.get("content_index", 0), event.get("audio_end_ms")
        for name, value in (("content_index", given_index), ("audio_end_ms", given_end)):
            err = v.number(0, integer=True)(name, value) if value is not None else v.missing(name)
            if err:
                return Outcome([self.error_event(err, eid)])
        content_index, end_ms = int(given_index or 0), int(given_end or 0)
        parts = item.get("content") or []
        run = self.assistant_runs.get(str(item_id))
        if content_index >= max(len(parts), 1) or (parts and "transcript" not in parts[content_index]):
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_value",
                            f"Content index {content_index} of item {item_id} has no audio to truncate.",
                            "content_index",
                        ),
                        eid,
                    )
                ]
            )
        audio_ms = run.audio_ms if run is not None else 0
        if end_ms > audio_ms:
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_value",
                            f"Audio content of {audio_ms}ms is already shorter than {end_ms}ms",
                            "audio_end_ms",
                        ),
                        eid,
                    )
                ]
            )
        if parts and run is not None and run.total_audio_ms:
            # Keep only what was heard: the services drop the unheard text so it never
            # reaches the model's context as if the user had heard it.
            words = str(parts[content_index].get("transcript") or "").split()
            keep = int(len(words) * min(1.0, end_ms / run.total_audio_ms))
            parts[content_index]["transcript"] = " ".join(words[:keep])
        return Outcome(
            [self._ev("conversation.item.truncated", item_id=item_id, content_index=content_index, audio_end_ms=end_ms)]
        )

    # --- input audio ----------------------------------------------------------

    def _input_format(self) -> str:
        return input_format_of(self.shape, self.config)

    def _on_input_audio_buffer_append(self, event: dict[str, Any], eid: str | None) -> Outcome:
        audio = event.get("audio")
        if not isinstance(audio, str):
            return Outcome([self.error_event(v.missing("audio"), eid)])
        if len(audio) > MAX_APPEND_BYTES:  # checked before decoding: the size is the attack
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "invalid_value",
                            f"Audio content of {len(audio) / 2**20:.1f} MiB exceeds the maximum of "
                            f"{MAX_APPEND_BYTES / 2**20:g} MiB per input_audio_buffer.append.",
                            "audio",
                        ),
                        eid,
                    )
                ]
            )
        try:
            chunk = base64.b64decode(audio, validate=True)
        except (binascii.Error, ValueError):
            return Outcome(
                [
                    self.error_event(
                        ApiError("invalid_value", "Invalid 'audio'. Expected base64-encoded audio bytes.", "audio"), eid
                    )
                ]
            )
        if len(self.audio_buffer) + len(chunk) > MAX_BUFFER_BYTES:
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "input_audio_buffer_full",
                            f"The input audio buffer holds at most {MAX_BUFFER_BYTES / 2**20:g} MiB; "
                            "commit or clear it first.",
                            "audio",
                        ),
                        eid,
                    )
                ]
            )
        fmt = self._input_format()
        # pcm16 samples can straddle two appends: keep the buffer whole, convert whole samples.
        done = len(self.audio_buffer) - len(self.audio_buffer) % (2 if fmt == "pcm16" else 1)
        self.audio_buffer += chunk
        usable = len(self.audio_buffer) - len(self.audio_buffer) % (2 if fmt == "pcm16" else 1)
        samples = for_asr(bytes(self.audio_buffer[done:usable]), fmt) if usable > done else np.zeros(0, np.float32)
        self.input_samples += len(samples)
        if self.detector is None:
            return Outcome()
        self._note_playback()  # a response may have ended since the last append
        out = Outcome()
        for turn in self.detector.feed(samples):
            self._on_turn(turn, out)
        return out

    def _on_turn(self, turn: Turn, out: Outcome) -> None:
        cfg = self.detector.config if self.detector else None
        if turn.kind == "started":
            self.turn_item_id = self.new_id("item")
            out.events.append(
                self._ev("input_audio_buffer.speech_started", audio_start_ms=turn.start_ms, item_id=self.turn_item_id)
            )
            if cfg is not None and cfg.interrupt_response:
                for run in self.active_runs:
                    if run.in_conversation:
                        out.events.extend(run.cancel("turn_detected"))
                # The service would already be answering these turns; this speech cuts those answers off.
                self.superseded.update(self.answers)
            return
        assert turn.audio is not None
        item_id = self.turn_item_id or self.new_id("item")
        self.turn_item_id = None
        if turn.kind == "stopped":
            out.events.append(self._ev("input_audio_buffer.speech_stopped", audio_end_ms=turn.end_ms, item_id=item_id))
        elif self.shape == GA:
            out.events.append(
                self._ev(
                    "input_audio_buffer.timeout_triggered",
                    audio_start_ms=turn.start_ms,
                    audio_end_ms=turn.end_ms,
                    item_id=item_id,
                )
            )
        else:
            return  # the beta protocol has no idle timeout
        respond_after = bool(cfg and cfg.create_response)
        self._commit(turn.audio, item_id, out, respond=respond_after, idle=turn.kind == "timeout")

    def _commit(
        self, audio: np.ndarray, item_id: str, out: Outcome, *, respond: bool = False, idle: bool = False
    ) -> None:
        self.audio_buffer.clear()
        item = self._materialize(
            {"id": item_id, "type": "message", "role": "user", "content": [{"type": "input_audio", "transcript": None}]}
        )
        previous = self.items[-1]["id"] if self.items else None
        self.items.append(item)
        names = EVENT_NAMES[self.shape]
        out.events.append(self._ev("input_audio_buffer.committed", previous_item_id=previous, item_id=item_id))
        out.events.append(self._ev(names["item_added"], previous_item_id=previous, item=copy.deepcopy(item)))
        if self.shape == GA:
            out.events.append(self._ev(names["item_done"], previous_item_id=previous, item=copy.deepcopy(item)))
        language = (transcription_of(self.shape, self.config) or {}).get("language") or None
        self.pending.add(item_id)
        if respond:
            self.answers.append(item_id)
            if self.detector is not None:
                self.detector.hold_idle()
        out.listen.append(Listen(item_id, audio, language, respond=respond, idle=idle))

    def _on_input_audio_buffer_clear(self, event: dict[str, Any], eid: str | None) -> Outcome:
        self.audio_buffer.clear()
        if self.detector is not None:
            self.detector.clear()
        self.turn_item_id = None
        return Outcome([self._ev("input_audio_buffer.cleared")])

    def _on_input_audio_buffer_commit(self, event: dict[str, Any], eid: str | None) -> Outcome:
        fmt = self._input_format()
        ms = len(self.audio_buffer) * 1000 / bytes_per_second(fmt)
        if ms < MIN_COMMIT_MS:
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "input_audio_buffer_commit_empty",
                            "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, "
                            f"but buffer only has {ms:.2f}ms of audio.",
                        ),
                        eid,
                    )
                ]
            )
        usable = len(self.audio_buffer) - len(self.audio_buffer) % (2 if fmt == "pcm16" else 1)
        audio = for_asr(bytes(self.audio_buffer[:usable]), fmt)
        if self.detector is not None:
            self.detector.clear()
        item_id = self.turn_item_id or self.new_id("item")
        self.turn_item_id = None
        out = Outcome()
        self._commit(audio, item_id, out)
        return out

    def heard(self, job: Listen, text: str | None, error: str | None = None) -> list[Outcome]:
        """The words of a committed turn (None and `error` when transcription failed)."""
        self.pending.discard(job.item_id)
        said = IDLE_PROMPT if job.idle else (text or "")
        self.heard_text[job.item_id] = said
        out = Outcome()
        wanted = transcription_of(self.shape, self.config)
        index = self._find(job.item_id)
        if wanted and not job.idle:
            if text is None:
                out.events.append(
                    self._ev(
                        "conversation.item.input_audio_transcription.failed",
                        item_id=job.item_id,
                        content_index=0,
                        error={
                            "type": "transcription_error",
                            "code": "audio_unintelligible",
                            "message": error or "The audio could not be transcribed.",
                            "param": None,
                        },
                    )
                )
            else:
                for piece in text_deltas(text):
                    out.events.append(
                        self._ev(
                            "conversation.item.input_audio_transcription.delta",
                            item_id=job.item_id,
                            content_index=0,
                            delta=piece,
                        )
                    )
                done = self._ev(
                    "conversation.item.input_audio_transcription.completed",
                    item_id=job.item_id,
                    content_index=0,
                    transcript=text,
                )
                if self.shape == GA:
                    done["usage"] = {"type": "duration", "seconds": round(job.audio.size / 16000, 3)}
                out.events.append(done)
                if index is not None:
                    self.items[index]["content"][0]["transcript"] = text
        return [out, *self._settle()]

    def ended(self, run: ResponseRun) -> list[Outcome]:
        """A response stopped streaming (completed, cancelled or cut): start what waited for it."""
        return self._settle()

    def _settle(self) -> list[Outcome]:
        """Answer the queued turns that can be answered now, in order, then deferred client requests."""
        self._note_playback()
        outcomes: list[Outcome] = []
        while self.answers:
            turn = self.answers[0]
            if turn in self.pending or any(r.in_conversation for r in self.active_runs):
                break  # its words are not known yet, or the model is still answering an earlier turn
            self.answers.pop(0)
            if self._find(turn) is None:
                self.superseded.discard(turn)
                continue  # the client deleted the turn
            out = self._on_response_create({"type": "response.create"}, None, turn=turn)
            if turn in self.superseded:
                # The service had started this answer when the next turn's speech cut it off; the
                # client sees the same: the answer opens and ends cancelled, turn_detected.
                self.superseded.discard(turn)
                if out.run is not None:
                    out.events.extend(out.run.cancel("turn_detected"))
            outcomes.append(out)
        if not self.pending:
            deferred, self.deferred = self.deferred, []
            for event, eid in deferred:
                outcomes.append(self._on_response_create(event, eid))
        if self.detector is not None and self.detector.idle_held and not self.answers and not self.playing:
            # The answer that held the floor never started (an error, a deleted turn): idle from now.
            self.detector.reset_idle(self.input_samples)
        return outcomes

    def _note_playback(self) -> None:
        """Restart the idle clock where the ended responses' audio stops playing, once none is due."""
        ended = [(run, at) for run, at in self.playing if run.finished]
        if not ended:
            return
        self.playing = [(run, at) for run, at in self.playing if not run.finished]
        if self.detector is None or self.playing or self.answers:
            return
        # A client plays the audio it was sent (a cancelled answer only up to the cut) from when
        # the response began; input audio is the only clock the session has.
        end = max(at + run.audio_ms * 16_000 // 1000 for run, at in ended)
        self.detector.reset_idle(end)

    # --- responses -----------------------------------------------------------

    def _context(self, params: dict[str, Any]) -> tuple[list[dict[str, Any]], ApiError | None]:
        if "input" not in params:
            return self.items, None
        items: list[dict[str, Any]] = []
        for i, entry in enumerate(params["input"]):
            path = f"response.input[{i}]"
            err = v.check_item(self.shape, path, entry, allow_reference=True)
            if err:
                return [], err
            if entry.get("type") == "item_reference":
                found = self._find(entry["id"])
                if found is None:
                    return [], ApiError("invalid_value", f"Item with id '{entry['id']}' not found.", f"{path}.id")
                items.append(self.items[found])
            else:
                items.append(entry)
        return items, None

    def _prompt(self, items: list[dict[str, Any]]) -> tuple[str, str]:
        """What the model answers, and where it came from: "text", "audio", "tool_output" or "none"."""
        for item in reversed(items):
            kind = item.get("type")
            if kind == "function_call_output":
                return t.spoken_output(item.get("output", "")), "tool_output"
            if kind != "message" or item.get("role") != "user":
                continue
            texts: list[str] = []
            source = "text"
            for p in item.get("content", []):
                if not isinstance(p, dict):
                    continue
                if p.get("type") == "input_text" and p.get("text"):
                    texts.append(p["text"])
                elif p.get("type") == "input_audio":
                    # A turn in which nothing intelligible was said is still the latest turn:
                    # the model answers it, not an older one.
                    source = "audio"
                    said = self.heard_text.get(str(item.get("id"))) or p.get("transcript") or ""
                    if said:
                        texts.append(said)
            if texts or source == "audio":
                return " ".join(texts), source
        return "", "none"

    def _on_response_create(self, event: dict[str, Any], eid: str | None, *, turn: str | None = None) -> Outcome:
        """A client's response.create, or (`turn`) the automatic answer to that committed turn."""
        params = event.get("response") or {}
        err = v.response_check(self.shape, self.model)("response", params)
        if err:
            return Outcome([self.error_event(err, eid)])
        params = v.strip_unset(params)
        if turn is None and self.pending and "input" not in params:
            # The words of a committed turn are still being transcribed: answer once they are known.
            self.deferred.append((event, eid))
            return Outcome()
        conversation = params.get("conversation", "auto")
        if conversation != "none" and any(r.in_conversation for r in self.active_runs):
            active = next(r for r in self.active_runs if r.in_conversation)
            return Outcome(
                [
                    self.error_event(
                        ApiError(
                            "conversation_already_has_active_response",
                            f"Conversation already has an active response in progress: {active.response_id}. "
                            "Wait until the response is finished before creating a new one.",
                        ),
                        eid,
                    )
                ]
            )
        context, err = self._context(params)
        if err:
            return Outcome([self.error_event(err, eid)])
        at = self._find(turn) if turn is not None else None
        if at is not None:
            context = self.items[: at + 1]  # the answer to this turn, not to a later one
        cfg = merge(self.config, params, replace=_REPLACED)
        modalities = modalities_of(self.shape, cfg) or ["audio"]
        audio_format = output_format_of(self.shape, cfg) or "pcm16"
        instructions = str(cfg.get("instructions") or "")
        metadata = params.get("metadata")
        prompt, source = self._prompt(context)
        ask = _Ask(cfg, conversation, modalities, audio_format, metadata, prompt, instructions, source, turn)
        tools = cfg.get("tools") or []
        if source != "tool_output" and tools:
            try:
                name = t.choose(prompt, tools, cfg.get("tool_choice"), (metadata or {}).get(t.OVERRIDE_KEY))
            except t.ToolOverrideError as exc:
                return Outcome(
                    [self.error_event(ApiError("invalid_value", str(exc), f"response.metadata.{t.OVERRIDE_KEY}"), eid)]
                )
            if name is not None:
                return self._start_call(ask, t.call_for(name, tools, prompt, self.new_id("call")))
        try:
            decision = self.faults.decide(prompt + "\x00" + instructions, (metadata or {}).get(OVERRIDE_KEY))
        except FaultSpecError as exc:
            return Outcome(
                [self.error_event(ApiError("invalid_value", str(exc), f"response.metadata.{OVERRIDE_KEY}"), eid)]
            )
        truth = ask.truth(self.id, self.shape, forced=decision.forced)
        if decision.name == "rate_limit":
            truth.update(fault="rate_limit", details=self._rate_limit_details(prompt, instructions, eid))
            return Outcome([self.error_event(self._rate_limit_error(ask.input_tokens), eid)], truth=[truth])
        return self._start(ask, decision, truth)

    def _start_call(self, ask: _Ask, call: t.FunctionCall) -> Outcome:
        """A response that calls a function: no audio, no fault (the spoken answer comes after the output)."""
        quiet = render(respond(ask.prompt, ask.instructions), FaultDecision(None, None, random.Random(0)), audio=False)
        truth = ask.truth(self.id, self.shape, forced=False)
        out = self._start(ask, None, truth, call=call, rendition=quiet)
        truth["details"] = {
            "prompt": ask.prompt,
            "function_call": {"name": call.name, "call_id": call.call_id, "arguments": call.arguments},
            "item_id": truth["details"].get("item_id"),
        }
        return out

    def _start(
        self,
        ask: _Ask,
        decision: FaultDecision | None,
        truth: dict[str, Any],
        *,
        call: t.FunctionCall | None = None,
        rendition: Any = None,
    ) -> Outcome:
        """Open a response; in the conversation its item goes last, or right after the turn it answers."""
        cfg, conversation, modalities = ask.cfg, ask.conversation, ask.modalities
        audio_format, metadata, prompt, instructions = ask.audio_format, ask.metadata, ask.prompt, ask.instructions
        after, input_tokens = ask.after, ask.input_tokens
        if rendition is None:
            assert decision is not None
            rendition = render(respond(prompt, instructions), decision, audio="audio" in modalities)
        in_conversation = conversation != "none"
        response_id, item_id = self.new_id("resp"), self.new_id("item")
        found = self._find(after) if after is not None else None
        index = len(self.items) if found is None else found + 1
        previous = self.items[index - 1]["id"] if (in_conversation and index > 0) else None
        self.tokens_used += input_tokens + 400  # the output reservation the services show
        rate_limits = [
            {
                "name": "requests",
                "limit": REQUEST_LIMIT,
                "remaining": REQUEST_LIMIT - 1 - len(self.runs),
                "reset_seconds": 0.012,
            },
            {
                "name": "tokens",
                "limit": TOKEN_LIMIT,
                "remaining": max(0, TOKEN_LIMIT - self.tokens_used),
                "reset_seconds": round(self.tokens_used / TOKEN_LIMIT * 60, 3),
            },
        ]
        run = ResponseRun(
            shape=self.shape,
            flavor=self.flavor,
            new_id=self.new_id,
            response_id=response_id,
            item_id=item_id,
            conversation_id=self.conversation_id if in_conversation else None,
            previous_item_id=previous,
            modalities=modalities,
            audio_format=audio_format,
            voice=voice_of(self.shape, cfg),
            temperature=cfg.get("temperature") if self.shape == BETA else None,
            max_output_tokens=cfg.get("max_response_output_tokens" if self.shape == BETA else "max_output_tokens"),
            metadata=metadata,
            rendition=rendition,
            input_tokens=input_tokens,
            rate_limits=rate_limits,
            call=call,
        )
        if in_conversation:
            self.items.insert(index, run.item)  # the live item: it fills in as the response streams
            self.playing.append((run, self.input_samples))
        self.assistant_runs[item_id] = run
        if self.detector is not None and in_conversation:
            self.detector.hold_idle()
        if run.needs_audio:
            self.audio_produced = True
        self.runs.append(run)
        details = dict(rendition.details)
        details.update(prompt=prompt, instructions=instructions or None, item_id=item_id)
        truth.update(response_id=response_id, fault=rendition.fault, details=details)
        return Outcome(run.opening(), run=run, truth=[truth])

    def _rate_limit_error(self, requested: int) -> ApiError:
        used = TOKEN_LIMIT - 100
        wait = round(60 * (requested + 500) / TOKEN_LIMIT, 3)
        return ApiError(
            "rate_limit_exceeded",
            (
                f"Rate limit reached for {self.model} on tokens per min (TPM): Limit {TOKEN_LIMIT}, Used {used}, "
                f"Requested {requested + 500}. Please try again in {wait}s. Visit "
                "https://platform.openai.com/account/rate-limits to learn more."
            ),
            None,
            type="tokens",
        )

    @staticmethod
    def _rate_limit_details(prompt: str, instructions: str, eid: str | None) -> dict[str, Any]:
        return {
            "prompt": prompt,
            "instructions": instructions or None,
            "client_event_id": eid,
            "error_code": "rate_limit_exceeded",
        }

    def _on_response_cancel(self, event: dict[str, Any], eid: str | None) -> Outcome:
        wanted = event.get("response_id")
        runs = self.active_runs
        if wanted is not None:
            target = next((r for r in runs if r.response_id == wanted), None)
        else:
            # As the services do: without an id only the default conversation's
            # response is cancelled; out-of-band ones need their response_id.
            target = next((r for r in runs if r.in_conversation), None)
        if target is None:
            return Outcome(
                [
                    self.error_event(
                        ApiError("response_cancel_not_active", "Cancellation failed: no active response found.", None),
                        eid,
                    )
                ]
            )
        return Outcome(target.cancel())
