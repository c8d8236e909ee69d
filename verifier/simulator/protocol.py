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

from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.wire import BETA, CLIENT_EVENTS, EVENT_NAMES, GA
from verifier.simulator import validate as v
from verifier.simulator.faults import OVERRIDE_KEY, FaultDecision, FaultInjector, FaultSpecError
from verifier.simulator.model import respond
from verifier.simulator.rendition import render
from verifier.simulator.responses import ResponseRun
from verifier.simulator.shapes import default_session, merge, modalities_of, output_format_of, voice_of
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
_REPLACED = frozenset({"turn_detection", "format", "voice"})


class IdFactory:
    """Ids shaped like the services' (`event_` + 21 base62 characters)."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed)

    def __call__(self, prefix: str) -> str:
        return f"{prefix}_" + "".join(self._rng.choice(_ALPHABET) for _ in range(21))


@dataclass
class Outcome:
    events: list[dict[str, Any]] = field(default_factory=list)
    run: ResponseRun | None = None
    truth: list[dict[str, Any]] = field(default_factory=list)


class Session:
    def __init__(self, *, shape: str, flavor: str = "openai", model: str = "gpt-realtime",
                 faults: FaultInjector | None = None, ids: Callable[[str], str] | None = None,
                 now: float = 0.0) -> None:
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
            return Outcome([self.error_event(ApiError(
                "invalid_json", f"The client event is not valid JSON: {exc}. Each message must be one JSON object."))])
        if not isinstance(event, dict):
            return Outcome([self.error_event(ApiError(
                "invalid_type", f"Invalid type for client event: expected an object, but got "
                f"{v.type_name(event)} instead."))])
        eid = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        kind = event.get("type")
        if kind is None:
            return Outcome([self.error_event(ApiError("invalid_event", "The 'type' field is missing."), eid)])
        known = CLIENT_EVENTS[self.shape]
        if kind not in known:
            shown = kind if isinstance(kind, str) else json.dumps(kind)
            return Outcome([self.error_event(ApiError(
                "invalid_value", f"Invalid value: '{shown}'. Supported values are: {v.quote_list(known)}.",
                "type"), eid)])
        handler = getattr(self, "_on_" + kind.replace(".", "_"), None)
        if handler is None:
            return Outcome([self.error_event(ApiError(
                "unsupported_event", f"'{kind}' is not supported over WebSocket by this server.", "type"), eid)])
        out: Outcome = handler(event, eid)
        return out

    # --- session -------------------------------------------------------------

    def _on_session_update(self, event: dict[str, Any], eid: str | None) -> Outcome:
        update = event.get("session")
        if update is None:
            return Outcome([self.error_event(v.missing("session"), eid)])
        err = (v.BETA_SESSION if self.shape == BETA else v.GA_SESSION)("session", update)
        if err:
            return Outcome([self.error_event(err, eid)])
        new_voice = voice_of(self.shape, merge(self.config, update))
        if self.audio_produced and new_voice != voice_of(self.shape, self.config):
            return Outcome([self.error_event(ApiError(
                "cannot_update_voice", "Cannot update a conversation's voice if assistant audio is present.",
                "session.voice" if self.shape == BETA else "session.audio.output.voice"), eid)])
        ignored = {"id", "object", "expires_at", "client_secret", "model"}
        clean = {k: val for k, val in update.items() if k not in ignored}
        self.config = merge(self.config, clean, replace=_REPLACED)
        return Outcome([self._ev("session.updated", session=copy.deepcopy(self.config))])

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
            return Outcome([self.error_event(ApiError(
                "item_id_already_exists", f"Item with id '{item['id']}' already exists.", "item.id"), eid)])
        prev = event.get("previous_item_id")
        if prev is None:
            index = len(self.items)
        elif prev == "root":
            index = 0
        else:
            found = self._find(prev) if isinstance(prev, str) else None
            if found is None:
                return Outcome([self.error_event(ApiError(
                    "invalid_value", f"Error adding item: the previous item with id '{prev}' does not exist.",
                    "previous_item_id"), eid)])
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
            return Outcome([self.error_event(ApiError(
                "item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid)])
        del self.items[index]
        return Outcome([self._ev("conversation.item.deleted", item_id=item_id)])

    def _on_conversation_item_retrieve(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item_id = event.get("item_id")
        index = self._find(item_id) if isinstance(item_id, str) else None
        if index is None:
            return Outcome([self.error_event(ApiError(
                "item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid)])
        return Outcome([self._ev("conversation.item.retrieved", item=copy.deepcopy(self.items[index]))])

    def _on_conversation_item_truncate(self, event: dict[str, Any], eid: str | None) -> Outcome:
        item_id = event.get("item_id")
        if not isinstance(item_id, str) or self._find(item_id) is None:
            return Outcome([self.error_event(ApiError(
                "item_not_found", f"Item with item_id not found: {item_id}", "item_id"), eid)])
        return Outcome([self._ev("conversation.item.truncated", item_id=item_id,
                                 content_index=event.get("content_index", 0),
                                 audio_end_ms=event.get("audio_end_ms", 0))])

    # --- input audio (accepted so clients that send it get the real answers) ---

    def _on_input_audio_buffer_append(self, event: dict[str, Any], eid: str | None) -> Outcome:
        audio = event.get("audio")
        if not isinstance(audio, str):
            return Outcome([self.error_event(v.missing("audio"), eid)])
        if len(audio) > MAX_APPEND_BYTES:  # checked before decoding: the size is the attack
            return Outcome([self.error_event(ApiError(
                "invalid_value", f"Audio content of {len(audio) / 2**20:.1f} MiB exceeds the maximum of "
                f"{MAX_APPEND_BYTES / 2**20:g} MiB per input_audio_buffer.append.", "audio"), eid)])
        try:
            chunk = base64.b64decode(audio, validate=True)
        except (binascii.Error, ValueError):
            return Outcome([self.error_event(ApiError(
                "invalid_value", "Invalid 'audio'. Expected base64-encoded audio bytes.", "audio"), eid)])
        if len(self.audio_buffer) + len(chunk) > MAX_BUFFER_BYTES:
            return Outcome([self.error_event(ApiError(
                "input_audio_buffer_full", f"The input audio buffer holds at most {MAX_BUFFER_BYTES / 2**20:g} MiB; "
                "commit or clear it first.", "audio"), eid)])
        self.audio_buffer += chunk
        return Outcome()

    def _on_input_audio_buffer_clear(self, event: dict[str, Any], eid: str | None) -> Outcome:
        self.audio_buffer.clear()
        return Outcome([self._ev("input_audio_buffer.cleared")])

    def _on_input_audio_buffer_commit(self, event: dict[str, Any], eid: str | None) -> Outcome:
        if not self.audio_buffer:
            return Outcome([self.error_event(ApiError(
                "input_audio_buffer_commit_empty",
                "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, "
                "but buffer only has 0.00ms of audio."), eid)])
        self.audio_buffer.clear()
        item = self._materialize({"type": "message", "role": "user",
                                  "content": [{"type": "input_audio", "transcript": None}]})
        previous = self.items[-1]["id"] if self.items else None
        self.items.append(item)
        names = EVENT_NAMES[self.shape]
        events = [self._ev("input_audio_buffer.committed", previous_item_id=previous, item_id=item["id"]),
                  self._ev(names["item_added"], previous_item_id=previous, item=copy.deepcopy(item))]
        if self.shape == GA:
            events.append(self._ev(names["item_done"], previous_item_id=previous, item=copy.deepcopy(item)))
        return Outcome(events)

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

    @staticmethod
    def _prompt(items: list[dict[str, Any]]) -> str:
        for item in reversed(items):
            if item.get("type") == "message" and item.get("role") == "user":
                texts = [p.get("text", "") for p in item.get("content", [])
                         if isinstance(p, dict) and p.get("type") == "input_text"]
                if texts:
                    return " ".join(t for t in texts if t)
        return ""

    def _on_response_create(self, event: dict[str, Any], eid: str | None) -> Outcome:
        params = event.get("response") or {}
        err = (v.BETA_RESPONSE if self.shape == BETA else v.GA_RESPONSE)("response", params)
        if err:
            return Outcome([self.error_event(err, eid)])
        conversation = params.get("conversation", "auto")
        if conversation != "none" and any(r.in_conversation for r in self.active_runs):
            active = next(r for r in self.active_runs if r.in_conversation)
            return Outcome([self.error_event(ApiError(
                "conversation_already_has_active_response",
                f"Conversation already has an active response in progress: {active.response_id}. "
                "Wait until the response is finished before creating a new one."), eid)])
        context, err = self._context(params)
        if err:
            return Outcome([self.error_event(err, eid)])
        cfg = merge(self.config, params, replace=_REPLACED)
        modalities = modalities_of(self.shape, cfg) or ["audio"]
        audio_format = output_format_of(self.shape, cfg) or "pcm16"
        instructions = str(cfg.get("instructions") or "")
        metadata = params.get("metadata")
        prompt = self._prompt(context)
        try:
            decision = self.faults.decide(prompt + "\x00" + instructions,
                                          (metadata or {}).get(OVERRIDE_KEY))
        except FaultSpecError as exc:
            return Outcome([self.error_event(ApiError("invalid_value", str(exc), f"response.metadata.{OVERRIDE_KEY}"),
                                             eid)])
        truth: dict[str, Any] = {"response_id": None, "fault": None, "details": {}, "session_id": self.id,
                 "audio_format": audio_format, "api_shape": self.shape, "modalities": modalities,
                 "forced": decision.forced}
        input_tokens = math.ceil(len((instructions + " " + prompt).split()) * 1.3)
        if decision.name == "rate_limit":
            truth.update(fault="rate_limit", details=self._rate_limit_details(prompt, instructions, eid))
            return Outcome([self.error_event(self._rate_limit_error(input_tokens), eid)], truth=[truth])
        return self._start(params, cfg, conversation, modalities, audio_format, metadata, prompt, instructions,
                           decision, input_tokens, truth)

    def _start(self, params: dict[str, Any], cfg: dict[str, Any], conversation: str, modalities: list[str],
               audio_format: str, metadata: dict[str, str] | None, prompt: str, instructions: str,
               decision: FaultDecision, input_tokens: int, truth: dict[str, Any]) -> Outcome:
        rendition = render(respond(prompt, instructions), decision, audio="audio" in modalities)
        in_conversation = conversation != "none"
        response_id, item_id = self.new_id("resp"), self.new_id("item")
        previous = self.items[-1]["id"] if (in_conversation and self.items) else None
        self.tokens_used += input_tokens + 400  # the output reservation the services show
        rate_limits = [
            {"name": "requests", "limit": REQUEST_LIMIT, "remaining": REQUEST_LIMIT - 1 - len(self.runs),
             "reset_seconds": 0.012},
            {"name": "tokens", "limit": TOKEN_LIMIT, "remaining": max(0, TOKEN_LIMIT - self.tokens_used),
             "reset_seconds": round(self.tokens_used / TOKEN_LIMIT * 60, 3)},
        ]
        run = ResponseRun(
            shape=self.shape, flavor=self.flavor, new_id=self.new_id, response_id=response_id, item_id=item_id,
            conversation_id=self.conversation_id if in_conversation else None, previous_item_id=previous,
            modalities=modalities, audio_format=audio_format, voice=voice_of(self.shape, cfg),
            temperature=cfg.get("temperature") if self.shape == BETA else None,
            max_output_tokens=cfg.get("max_response_output_tokens" if self.shape == BETA else "max_output_tokens"),
            metadata=metadata, rendition=rendition, input_tokens=input_tokens, rate_limits=rate_limits)
        if in_conversation:
            self.items.append(run.item)  # the live item: it fills in as the response streams
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
        return ApiError("rate_limit_exceeded", (
            f"Rate limit reached for {self.model} on tokens per min (TPM): Limit {TOKEN_LIMIT}, Used {used}, "
            f"Requested {requested + 500}. Please try again in {wait}s. Visit "
            "https://platform.openai.com/account/rate-limits to learn more."), None, type="tokens")

    @staticmethod
    def _rate_limit_details(prompt: str, instructions: str, eid: str | None) -> dict[str, Any]:
        return {"prompt": prompt, "instructions": instructions or None, "client_event_id": eid,
                "error_code": "rate_limit_exceeded"}

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
            return Outcome([self.error_event(ApiError(
                "response_cancel_not_active", "Cancellation failed: no active response found.", None), eid)])
        return Outcome(target.cancel())
