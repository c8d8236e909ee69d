"""One response's event stream, as a state machine with no I/O.

`Session` opens a `ResponseRun` on `response.create` (its opening events go out
at once); the server shell then renders the audio, feeds it to `body()` and
sends each `Step`, sleeping `media_seconds / pace` after audio. A
`response.cancel` that arrives meanwhile calls `cancel()`, which closes
whatever is open; `body()` notices and stops.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from verifier.schema.audio import bytes_per_second, ga_format, get_format
from verifier.schema.wire import BETA, EVENT_NAMES, GA
from verifier.simulator.rendition import Rendition
from verifier.simulator.tools import FunctionCall

#: Durations of successive audio deltas, cycled: small first chunk, then 100-300 ms,
#: the spread the services show.
CHUNK_SECONDS = (0.05, 0.1, 0.1, 0.2, 0.15, 0.2, 0.3, 0.2)
#: How far (seconds of audio) transcript deltas run ahead of the audio deltas.
TRANSCRIPT_LEAD = 0.6
#: Audio tokens per second of speech, for usage figures.
AUDIO_TOKENS_PER_SECOND = 10
_CHARS_PER_SECOND = 15.0  # nominal speaking rate, for usage when audio was cut


@dataclass
class Step:
    event: dict[str, Any] | None = None
    media_seconds: float = 0.0
    #: "disconnect": close the socket now; "stall": stop sending, keep the socket open.
    action: str | None = None


def chunk_audio(audio: bytes, fmt: str) -> list[bytes]:
    bps, width = bytes_per_second(fmt), get_format(fmt).sample_width
    chunks: list[bytes] = []
    pos, i = 0, 0
    while pos < len(audio):
        size = max(width, int(CHUNK_SECONDS[i % len(CHUNK_SECONDS)] * bps) // width * width)
        chunks.append(audio[pos : pos + size])
        pos += size
        i += 1
    return chunks


def text_deltas(text: str) -> list[str]:
    """Token-like pieces (" word") whose concatenation is exactly `text`."""
    return re.findall(r"\s*\S+", text) or ([text] if text else [])


def _tokens(text: str) -> int:
    return math.ceil(len(text.split()) * 1.3)


class ResponseRun:
    def __init__(
        self,
        *,
        shape: str,
        flavor: str,
        new_id: Callable[[str], str],
        response_id: str,
        item_id: str,
        conversation_id: str | None,
        previous_item_id: str | None,
        modalities: list[str],
        audio_format: str,
        voice: Any,
        temperature: float | None,
        max_output_tokens: Any,
        metadata: dict[str, str] | None,
        rendition: Rendition,
        input_tokens: int,
        rate_limits: list[dict[str, Any]],
        call: FunctionCall | None = None,
    ) -> None:
        self.shape, self.flavor, self._new_id = shape, flavor, new_id
        self.names = EVENT_NAMES[shape]
        self.response_id, self.item_id = response_id, item_id
        self.conversation_id, self.previous_item_id = conversation_id, previous_item_id
        self.modalities, self.audio_format, self.voice = modalities, audio_format, voice
        self.temperature, self.max_output_tokens, self.metadata = temperature, max_output_tokens, metadata
        self.rendition = rendition
        self.input_tokens, self.rate_limits = input_tokens, rate_limits
        #: A function call instead of a message: no content parts, no audio (and that is no fault).
        self.call = call
        self.audio_part = not rendition.text_only and call is None
        #: created -> streaming -> completed | cancelled | stalled | disconnected
        self.state = "created"
        self.sent_text = ""
        self.audio_bytes_sent = 0
        self.total_audio_ms = 0  # the whole rendered reply, known once the shell hands over its audio
        self.audio_deltas = 0
        self.item: dict[str, Any] = {
            "id": item_id,
            "object": "realtime.item",
            "type": "message",
            "status": "in_progress",
            "role": "assistant",
            "content": [],
        }
        if call is not None:
            self.item = {
                "id": item_id,
                "object": "realtime.item",
                "type": "function_call",
                "status": "in_progress",
                "name": call.name,
                "call_id": call.call_id,
                "arguments": "",
            }

    # --- state ---------------------------------------------------------------

    @property
    def needs_audio(self) -> bool:
        return self.audio_part

    @property
    def finished(self) -> bool:
        return self.state in ("completed", "cancelled", "disconnected")

    @property
    def in_conversation(self) -> bool:
        return self.conversation_id is not None

    # --- events --------------------------------------------------------------

    def _ev(self, type_: str, **fields: Any) -> dict[str, Any]:
        return {"type": type_, "event_id": self._new_id("event"), **fields}

    def _scoped(self, type_: str, **fields: Any) -> dict[str, Any]:
        return self._ev(
            type_, response_id=self.response_id, item_id=self.item_id, output_index=0, content_index=0, **fields
        )

    def _part(self, text: str) -> dict[str, Any]:
        return {"type": "audio", "transcript": text} if self.audio_part else {"type": "text", "text": text}

    def _content(self, text: str) -> dict[str, Any]:
        kind = (
            ("audio" if self.audio_part else "text")
            if self.shape == BETA
            else ("output_audio" if self.audio_part else "output_text")
        )
        return {"type": kind, "transcript": text} if self.audio_part else {"type": kind, "text": text}

    def _part_event(self, type_: str, text: str) -> dict[str, Any]:
        ev = self._scoped(type_, part=self._part(text))
        if self.flavor == "azure" and self.shape == BETA:
            ev["content"] = self._part(text)  # Azure preview duplicates the part (see the user report)
        return ev

    def response_object(self, status: str, status_details: dict[str, Any] | None = None) -> dict[str, Any]:
        done = status != "in_progress"
        out: dict[str, Any] = {
            "object": "realtime.response",
            "id": self.response_id,
            "status": status,
            "status_details": status_details,
            "output": [dict(self.item)] if done else [],
            "conversation_id": self.conversation_id,
        }
        if self.shape == BETA:
            out.update(
                modalities=self.modalities,
                voice=self.voice,
                output_audio_format=self.audio_format,
                temperature=self.temperature,
                max_output_tokens=self.max_output_tokens,
            )
        else:
            out.update(
                output_modalities=self.modalities,
                audio={"output": {"format": ga_format(self.audio_format), "voice": self.voice}},
                max_output_tokens=self.max_output_tokens,
            )
        out["usage"] = self._usage(status) if done else None
        out["metadata"] = self.metadata
        return out

    def _usage(self, status: str) -> dict[str, int | dict[str, Any]]:
        text_tokens = _tokens(self.sent_text)
        audio_tokens = 0
        if self.audio_part and self.sent_text:
            # The services count the audio they meant to generate: a response whose
            # audio was cut still bills the full transcript's worth.
            seconds = len(self.sent_text) / _CHARS_PER_SECOND
            if status == "cancelled":
                seconds = self.audio_bytes_sent / bytes_per_second(self.audio_format)
            audio_tokens = math.ceil(seconds * AUDIO_TOKENS_PER_SECOND)
        input_details: dict[str, Any] = {
            "text_tokens": self.input_tokens,
            "audio_tokens": 0,
            "cached_tokens": 0,
            "cached_tokens_details": {"text_tokens": 0, "audio_tokens": 0},
        }
        if self.shape == GA:
            input_details["image_tokens"] = 0
            input_details["cached_tokens_details"]["image_tokens"] = 0
        output = text_tokens + audio_tokens
        return {
            "total_tokens": self.input_tokens + output,
            "input_tokens": self.input_tokens,
            "output_tokens": output,
            "input_token_details": input_details,
            "output_token_details": {"text_tokens": text_tokens, "audio_tokens": audio_tokens},
        }

    def opening(self) -> list[dict[str, Any]]:
        """response.created up to content_part.added; sent as soon as the response is accepted."""
        self.state = "streaming"
        events = [
            self._ev("response.created", response=self.response_object("in_progress")),
            self._ev("rate_limits.updated", rate_limits=self.rate_limits),
            self._ev("response.output_item.added", response_id=self.response_id, output_index=0, item=dict(self.item)),
        ]
        if self.in_conversation:
            events.append(
                self._ev(self.names["item_added"], previous_item_id=self.previous_item_id, item=dict(self.item))
            )
        if self.call is None:
            events.append(self._part_event("response.content_part.added", ""))
        return events

    def _closing(self, status: str, details: dict[str, Any] | None) -> list[dict[str, Any]]:
        if self.call is not None:
            return self._closing_call(status, details)
        n, text = self.names, self.sent_text
        events: list[dict[str, Any]] = []
        if self.audio_part:
            events.append(self._scoped(n["audio_done"]))
            events.append(self._scoped(n["transcript_done"], transcript=text))
        else:
            events.append(self._scoped(n["text_done"], text=text))
        events.append(self._part_event("response.content_part.done", text))
        self.item["status"] = "completed" if status == "completed" else "incomplete"
        self.item["content"] = [self._content(text)]
        events.append(
            self._ev("response.output_item.done", response_id=self.response_id, output_index=0, item=dict(self.item))
        )
        if self.in_conversation and self.shape == GA:
            events.append(self._ev(n["item_done"], previous_item_id=self.previous_item_id, item=dict(self.item)))
        events.append(self._ev("response.done", response=self.response_object(status, details)))
        self.state = status
        return events

    def _closing_call(self, status: str, details: dict[str, Any] | None) -> list[dict[str, Any]]:
        assert self.call is not None
        events: list[dict[str, Any]] = []
        if status == "completed":
            done = self._ev(
                "response.function_call_arguments.done",
                response_id=self.response_id,
                item_id=self.item_id,
                output_index=0,
                call_id=self.call.call_id,
                arguments=self.sent_text,
            )
            if self.shape == GA:
                done["name"] = self.call.name
            events.append(done)
        self.item["status"] = "completed" if status == "completed" else "incomplete"
        self.item["arguments"] = self.sent_text
        events.append(
            self._ev("response.output_item.done", response_id=self.response_id, output_index=0, item=dict(self.item))
        )
        if self.in_conversation and self.shape == GA:
            events.append(
                self._ev(self.names["item_done"], previous_item_id=self.previous_item_id, item=dict(self.item))
            )
        events.append(self._ev("response.done", response=self.response_object(status, details)))
        self.state = status
        return events

    def cancel(self, reason: str = "client_cancelled") -> list[dict[str, Any]]:
        """Close the response as cancelled (by the client, or by `turn_detected`); [] if it already ended."""
        if self.finished:
            return []
        return self._closing("cancelled", {"type": "cancelled", "reason": reason})

    @property
    def audio_ms(self) -> int:
        """Milliseconds of audio this response has streamed so far."""
        return int(self.audio_bytes_sent * 1000 // bytes_per_second(self.audio_format))

    def body(self, audio: bytes) -> Iterator[Step]:
        """Deltas, then the .done events. Stops early on a cut (disconnect/stall) or a cancel."""
        n = self.names
        if self.call is not None:
            yield from self._call_body()
            return
        words = text_deltas(self.rendition.transcript)
        steps: list[tuple[str, Any]] = []
        if self.audio_part:
            chunks = chunk_audio(audio, self.audio_format)
            total = sum(len(c) for c in chunks) / bytes_per_second(self.audio_format)
            self.total_audio_ms = int(total * 1000)
            w, t = 0, 0.0
            for chunk in chunks:
                while w < len(words) and (w / len(words)) * total <= t + TRANSCRIPT_LEAD:
                    steps.append(("text", words[w]))
                    w += 1
                steps.append(("audio", chunk))
                t += len(chunk) / bytes_per_second(self.audio_format)
            steps.extend(("text", x) for x in words[w:])
        else:
            steps = [("text", x) for x in words]
        cut = None
        if self.rendition.cut_fraction is not None:
            cut = min(max(1, int(len(steps) * self.rendition.cut_fraction)), max(len(steps) - 1, 0))
        for i, (kind, payload) in enumerate(steps):
            if self.finished:
                return
            if cut is not None and i == cut:
                yield from self._cut()
                return
            if kind == "text":
                self.sent_text += payload
                name = n["transcript_delta"] if self.audio_part else n["text_delta"]
                yield Step(self._scoped(name, delta=payload))
            else:
                self.audio_bytes_sent += len(payload)
                self.audio_deltas += 1
                yield Step(
                    self._scoped(n["audio_delta"], delta=base64.b64encode(payload).decode("ascii")),
                    media_seconds=len(payload) / bytes_per_second(self.audio_format),
                )
        if cut is not None and not self.finished:
            yield from self._cut()
            return
        if not self.finished:
            for ev in self._closing("completed", None):
                yield Step(ev)

    def _call_body(self) -> Iterator[Step]:
        assert self.call is not None
        args = self.call.arguments
        for piece in re.findall(r".{1,12}", args, re.DOTALL):
            if self.finished:
                return
            self.sent_text += piece
            yield Step(
                self._ev(
                    "response.function_call_arguments.delta",
                    response_id=self.response_id,
                    item_id=self.item_id,
                    output_index=0,
                    call_id=self.call.call_id,
                    delta=piece,
                )
            )
        if not self.finished:
            for ev in self._closing("completed", None):
                yield Step(ev)

    def _cut(self) -> Iterator[Step]:
        action = self.rendition.fault or "stall"
        self.state = "disconnected" if action == "disconnect" else "stalled"
        yield Step(action=action)
