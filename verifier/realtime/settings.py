"""Session settings and the client events the harness sends, in either wire shape.

Defaults reproduce the session of the user reports: `session.update` with
modalities text+audio, the instructions, `g711_ulaw` output and temperature
0.6; per prompt a `conversation.item.create` with `input_text` and a
`response.create` with `conversation: "none"`. Every field can be changed per
corpus and per run, which is how users test whether a setting (e.g.
`modalities: ["audio"]`) makes the fault go away.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from verifier.schema.audio import AudioError, ga_format, normalize_format

SHAPES = ("beta", "ga")
WIRE_FORMATS = ("pcm16", "g711_ulaw", "g711_alaw")


class SettingsError(ValueError):
    pass


@dataclass
class SessionSettings:
    """What the harness asks of the service; None means "leave the service default"."""

    #: None: the shape's audio-capable default (beta ["text","audio"], GA ["audio"]).
    modalities: list[str] | None = None
    instructions: str | None = None
    voice: str | None = None
    output_audio_format: str = "g711_ulaw"
    #: Beta/preview only; the GA shape has no temperature and it is left out there.
    temperature: float | None = 0.6
    #: Deep-merged into the `session` object of session.update (e.g. turn_detection).
    extra: dict[str, Any] = field(default_factory=dict)
    #: Merged into the `response` object of every response.create (e.g. metadata, input).
    response_extra: dict[str, Any] = field(default_factory=dict)
    #: Give each response only its own prompt (`response.create` with an explicit `input`)
    #: instead of adding the prompt to the session's conversation, where earlier prompts
    #: pile up: the documented mitigation for text-only replies, worth an A/B run.
    isolate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "session settings") -> SessionSettings:
        return cls().merged(data, where)

    def merged(self, overrides: dict[str, Any], where: str = "session settings") -> SessionSettings:
        """A copy with `overrides` applied; unknown or mistyped fields raise naming `where`."""
        known = {f.name for f in fields(self)}
        out = copy.deepcopy(self)
        for key, value in overrides.items():
            if key not in known:
                raise SettingsError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            setattr(out, key, _check(key, value, where))
        return out

    def effective_modalities(self, shape: str) -> list[str]:
        if self.modalities is not None:
            return list(self.modalities)
        return ["audio"] if shape == "ga" else ["text", "audio"]


def _check(key: str, value: Any, where: str) -> Any:
    if value is None:
        if key in ("output_audio_format", "extra", "response_extra", "isolate"):
            raise SettingsError(f"{where}: {key} cannot be null")
        return None
    if key == "modalities":
        if isinstance(value, str):
            value = [m.strip() for m in value.split(",") if m.strip()]
        if not isinstance(value, list) or not all(isinstance(m, str) for m in value):
            raise SettingsError(f"{where}: modalities must be a list of strings, e.g. [text, audio]")
        return value
    if key == "output_audio_format":
        try:
            fmt = normalize_format(value)
        except AudioError as e:
            raise SettingsError(f"{where}: output_audio_format: {e}") from None
        if fmt not in WIRE_FORMATS:  # "wav" is a file format; the services stream raw samples
            raise SettingsError(f"{where}: output_audio_format must be one of {', '.join(WIRE_FORMATS)}, not {value!r}")
        return fmt
    if key == "temperature":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f"{where}: temperature must be a number, got {value!r}")
        return float(value)
    if key == "isolate":
        if not isinstance(value, bool):
            raise SettingsError(f"{where}: isolate must be true or false, got {value!r}")
        return value
    if key in ("extra", "response_extra"):
        if not isinstance(value, dict):
            raise SettingsError(f"{where}: {key} must be a mapping")
        return value
    if not isinstance(value, str):
        raise SettingsError(f"{where}: {key} must be a string, got {value!r}")
    return value


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in extra.items():
        out[k] = deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def session_update(settings: SessionSettings, shape: str) -> dict[str, Any]:
    """The session.update event for this shape."""
    s = settings
    session: dict[str, Any]
    if shape == "ga":
        output: dict[str, Any] = {"format": ga_format(s.output_audio_format)}
        if s.voice:
            output["voice"] = s.voice
        session = {"type": "realtime", "output_modalities": s.effective_modalities(shape), "audio": {"output": output}}
        if s.instructions is not None:
            session["instructions"] = s.instructions
    else:
        session = {"modalities": s.effective_modalities(shape)}
        if s.instructions is not None:
            session["instructions"] = s.instructions
        if s.voice:
            session["voice"] = s.voice
        session["output_audio_format"] = s.output_audio_format
        if s.temperature is not None:
            session["temperature"] = s.temperature
    return {"type": "session.update", "session": deep_merge(session, s.extra)}


def prompt_events(
    text: str, settings: SessionSettings, shape: str, instructions: str | None = None
) -> list[dict[str, Any]]:
    """The client events for one prompt; the last one is always the response.create.

    By default the prompt goes into the conversation (conversation.item.create), then an
    out-of-band response.create, as the user reports do; with `isolate` the prompt travels
    as the response's own `input`, so no earlier prompt is in its context.
    """
    message = {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}
    response: dict[str, Any] = {
        ("output_modalities" if shape == "ga" else "modalities"): settings.effective_modalities(shape),
        "conversation": "none",
    }
    if settings.isolate:
        response["input"] = [message]
    if instructions is not None:
        response["instructions"] = instructions
    create = {"type": "response.create", "response": deep_merge(response, settings.response_extra)}
    return [create] if settings.isolate else [{"type": "conversation.item.create", "item": message}, create]
