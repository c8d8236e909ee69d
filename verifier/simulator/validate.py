"""Client-event validation, with the error codes and messages the services use.

Each check takes the parameter path (`session.output_audio_format`) and the
value, and returns an `ApiError` or None. Objects reject fields they do not
know, which is how a flat beta field sent to a GA session fails.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

BETA_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse")
GA_VOICES = BETA_VOICES + ("marin", "cedar")
#: Models whose voice list adds marin and cedar; on Azure the "model" is the deployment name.
_NEW_VOICE_MODELS = ("gpt-realtime",)
BETA_FORMATS = ("pcm16", "g711_ulaw", "g711_alaw")
GA_FORMAT_TYPES = ("audio/pcm", "audio/pcmu", "audio/pcma")


@dataclass(frozen=True)
class ApiError:
    code: str | None
    message: str
    param: str | None = None
    type: str = "invalid_request_error"

    def body(self, client_event_id: str | None) -> dict[str, Any]:
        return {
            "type": self.type,
            "code": self.code,
            "message": self.message,
            "param": self.param,
            "event_id": client_event_id,
        }


Check = Callable[[str, Any], "ApiError | None"]


def type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int):
        return "an integer"
    if isinstance(v, float):
        return "a decimal"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "an array"
    return "an object"


def _wrong_type(path: str, expected: str, v: Any) -> ApiError:
    return ApiError(
        "invalid_type", f"Invalid type for '{path}': expected {expected}, but got {type_name(v)} instead.", path
    )


def missing(path: str) -> ApiError:
    return ApiError("missing_required_parameter", f"Missing required parameter: '{path}'.", path)


def quote_list(values: Iterable[Any]) -> str:
    q = [f"'{v}'" for v in values]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + f"{',' if len(q) > 2 else ''} and {q[-1]}"


def anything(path: str, v: Any) -> ApiError | None:
    return None


def string(path: str, v: Any) -> ApiError | None:
    return None if isinstance(v, str) else _wrong_type(path, "a string", v)


def boolean(path: str, v: Any) -> ApiError | None:
    return None if isinstance(v, bool) else _wrong_type(path, "a boolean", v)


def enum(*values: Any) -> Check:
    def check(path: str, v: Any) -> ApiError | None:
        if v in values and not isinstance(v, bool):
            return None
        if not isinstance(v, type(values[0])):
            return _wrong_type(path, type_name(values[0]), v)
        return ApiError("invalid_value", f"Invalid value: '{v}'. Supported values are: {quote_list(values)}.", path)

    return check


def number(lo: float | None = None, hi: float | None = None, *, integer: bool = False) -> Check:
    def check(path: str, v: Any) -> ApiError | None:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)):
            return _wrong_type(path, "an integer" if integer else "a number", v)
        kind = "integer" if integer else "decimal"
        if lo is not None and v < lo:
            return ApiError(
                f"{kind}_below_min_value",
                f"Invalid '{path}': {kind} below minimum value. Expected a value >= {lo:g}, but got {v:g} instead.",
                path,
            )
        if hi is not None and v > hi:
            return ApiError(
                f"{kind}_above_max_value",
                f"Invalid '{path}': {kind} above maximum value. Expected a value <= {hi:g}, but got {v:g} instead.",
                path,
            )
        return None

    return check


def token_cap(path: str, v: Any) -> ApiError | None:
    if v == "inf":
        return None
    if isinstance(v, str):
        return ApiError("invalid_value", f"Invalid value: '{v}'. Supported values are: 'inf'.", path)
    return number(1, 4096, integer=True)(path, v)


def nullable(check: Check) -> Check:
    def inner(path: str, v: Any) -> ApiError | None:
        return None if v is None else check(path, v)

    return inner


def one_of(*checks: Check) -> Check:
    def inner(path: str, v: Any) -> ApiError | None:
        errors = [c(path, v) for c in checks]
        return None if any(e is None for e in errors) else errors[0]

    return inner


def array(item: Check, *, max_items: int | None = None) -> Check:
    def check(path: str, v: Any) -> ApiError | None:
        if not isinstance(v, list):
            return _wrong_type(path, "an array", v)
        if max_items is not None and len(v) > max_items:
            return ApiError(
                "array_above_max_length",
                f"Invalid '{path}': array too long. Expected an array with "
                f"maximum length {max_items}, but got an array with length {len(v)} instead.",
                path,
            )
        for i, x in enumerate(v):
            err = item(f"{path}[{i}]", x)
            if err:
                return err
        return None

    return check


def obj(fields: Mapping[str, Check], *, required: Iterable[str] = (), ignored: Iterable[str] = ()) -> Check:
    needed, skip = tuple(required), frozenset(ignored)

    def check(path: str, v: Any) -> ApiError | None:
        if not isinstance(v, dict):
            return _wrong_type(path, "an object", v)
        for key, value in v.items():
            sub = f"{path}.{key}" if path else key
            if key in skip:
                continue
            if key not in fields:
                return ApiError("unknown_parameter", f"Unknown parameter: '{sub}'.", sub)
            err = fields[key](sub, value)
            if err:
                return err
        for key in needed:
            if key not in v:
                sub = f"{path}.{key}" if path else key
                return missing(sub)
        return None

    return check


def modalities(shape: str) -> Check:
    """beta accepts ["text"] or ["audio","text"]; GA accepts ["text"] or ["audio"]."""
    allowed = ({"text"}, {"audio", "text"}) if shape == "beta" else ({"text"}, {"audio"})
    combos = "['text'] and ['audio', 'text']" if shape == "beta" else "['text'] and ['audio']"
    each = array(enum("text", "audio"))

    def check(path: str, v: Any) -> ApiError | None:
        err = each(path, v)
        if err:
            return err
        if set(v) not in allowed or len(v) != len(set(v)):
            shown = "[" + ", ".join(f"'{m}'" for m in v) + "]"
            return ApiError(
                "invalid_value", f"Invalid modalities: {shown}. Supported combinations are: {combos}.", path
            )
        return None

    return check


def metadata(path: str, v: Any) -> ApiError | None:
    if v is None:
        return None
    if not isinstance(v, dict):
        return _wrong_type(path, "an object", v)
    if len(v) > 16:
        return ApiError(
            "object_above_max_properties",
            f"Invalid '{path}': too many properties. Expected an object "
            f"with at most 16 properties, but got an object with {len(v)} properties instead.",
            path,
        )
    for key, value in v.items():
        if len(key) > 64:
            return ApiError("invalid_value", f"Invalid '{path}': metadata keys can be at most 64 characters.", path)
        err = string(f"{path}.{key}", value)
        if err:
            return err
        if len(value) > 512:
            return ApiError(
                "string_above_max_length",
                f"Invalid '{path}.{key}': string too long. Expected a string "
                f"with maximum length 512, but got a string with length {len(value)} instead.",
                f"{path}.{key}",
            )
    return None


_TURN_DETECTION = nullable(
    obj(
        {
            "type": enum("server_vad", "semantic_vad"),
            "threshold": number(0, 1),
            "prefix_padding_ms": number(integer=True),
            "silence_duration_ms": number(integer=True),
            "create_response": boolean,
            "interrupt_response": boolean,
            "eagerness": enum("low", "medium", "high", "auto"),
            "idle_timeout_ms": nullable(number(integer=True)),
        }
    )
)
_TRANSCRIPTION = nullable(obj({"model": string, "language": string, "prompt": string}))
_NOISE = nullable(obj({"type": enum("near_field", "far_field")}))
_GA_FORMAT = obj({"type": enum(*GA_FORMAT_TYPES), "rate": enum(24000)}, required=("type",))
_TOOLS = nullable(array(anything))
# Read-only fields some clients echo back from session.created; the services ignore them.
_ECHOED = ("id", "object", "expires_at", "client_secret")
_CONVERSATION = nullable(one_of(enum("auto", "none"), string))


def voices_for(model: str) -> tuple[str, ...]:
    """The voices a model (an Azure deployment's model) speaks: gpt-realtime adds marin and cedar."""
    return GA_VOICES if model.lower().startswith(_NEW_VOICE_MODELS) else BETA_VOICES


# Optional fields are nullable where the SDKs send null for "not given" and the
# services accept it (LiveKit's generate_reply() sends "instructions": null).
# Null means "not given": protocol.py drops these before merging.
NULL_IS_UNSET = frozenset(
    {
        "instructions",
        "tools",
        "tool_choice",
        "max_output_tokens",
        "max_response_output_tokens",
        "temperature",
        "conversation",
        "input",
        "audio",
        "voice",
        "output_audio_format",
        "modalities",
        "output_modalities",
        "metadata",
        "speed",
    }
)


@functools.cache
def session_check(shape: str, model: str) -> Check:
    voices = voices_for(model)
    if shape == "beta":
        return obj(
            {
                "modalities": modalities("beta"),
                "instructions": nullable(string),
                "voice": enum(*voices),
                "input_audio_format": enum(*BETA_FORMATS),
                "output_audio_format": enum(*BETA_FORMATS),
                "input_audio_transcription": _TRANSCRIPTION,
                "turn_detection": _TURN_DETECTION,
                "input_audio_noise_reduction": _NOISE,
                "tools": _TOOLS,
                "tool_choice": nullable(anything),
                "temperature": nullable(number(0.6, 1.2)),
                "max_response_output_tokens": nullable(token_cap),
                "speed": number(0.25, 1.5),
                "tracing": anything,
                "include": nullable(array(string)),
                "model": string,
            },
            ignored=_ECHOED,
        )
    voice = one_of(enum(*voices), obj({"id": string}, required=("id",)))
    return obj(
        {
            "type": enum("realtime"),
            "output_modalities": modalities("ga"),
            "instructions": nullable(string),
            "audio": obj(
                {
                    "input": obj(
                        {
                            "format": _GA_FORMAT,
                            "transcription": _TRANSCRIPTION,
                            "noise_reduction": _NOISE,
                            "turn_detection": _TURN_DETECTION,
                        }
                    ),
                    "output": obj({"format": _GA_FORMAT, "voice": voice, "speed": number(0.25, 1.5)}),
                }
            ),
            "tools": _TOOLS,
            "tool_choice": nullable(anything),
            "max_output_tokens": nullable(token_cap),
            "tracing": anything,
            "prompt": anything,
            "include": nullable(array(string)),
            "truncation": anything,
            "model": string,
            "reasoning": anything,
            "parallel_tool_calls": boolean,
        },
        required=("type",),
        ignored=_ECHOED,
    )


@functools.cache
def response_check(shape: str, model: str) -> Check:
    voices = voices_for(model)
    if shape == "beta":
        return obj(
            {
                "modalities": nullable(modalities("beta")),
                "conversation": _CONVERSATION,
                "input": nullable(array(anything)),
                "instructions": nullable(string),
                "max_response_output_tokens": nullable(token_cap),
                "metadata": metadata,
                "output_audio_format": nullable(enum(*BETA_FORMATS)),
                "temperature": nullable(number(0.6, 1.2)),
                "tool_choice": nullable(anything),
                "tools": _TOOLS,
                "voice": nullable(enum(*voices)),
            }
        )
    voice = one_of(enum(*voices), obj({"id": string}, required=("id",)))
    return obj(
        {
            "output_modalities": nullable(modalities("ga")),
            "conversation": _CONVERSATION,
            "input": nullable(array(anything)),
            "instructions": nullable(string),
            "max_output_tokens": nullable(token_cap),
            "metadata": metadata,
            "audio": nullable(
                obj({"output": nullable(obj({"format": nullable(_GA_FORMAT), "voice": nullable(voice)}))})
            ),
            "tool_choice": nullable(anything),
            "tools": _TOOLS,
            "prompt": anything,
            "reasoning": anything,
            "parallel_tool_calls": nullable(boolean),
        }
    )


def strip_unset(params: dict[str, Any]) -> dict[str, Any]:
    """`params` without the null-as-unset fields, in nested audio objects too."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None and (key in NULL_IS_UNSET or key in ("output", "format")):
            continue
        if isinstance(value, dict) and key in ("audio", "input", "output"):
            value = strip_unset(value)
        out[key] = value
    return out


def check_item(shape: str, path: str, item: Any, *, allow_reference: bool = False) -> ApiError | None:
    """A conversation item as `conversation.item.create` or `response.input` carries it."""
    if not isinstance(item, dict):
        return _wrong_type(path, "an object", item)
    kind = item.get("type")
    if kind is None:
        return missing(f"{path}.type")
    kinds = ("message", "function_call", "function_call_output") + (("item_reference",) if allow_reference else ())
    err = enum(*kinds)(f"{path}.type", kind)
    if err:
        return err
    if kind == "item_reference":
        return obj({"type": string, "id": string}, required=("id",))(path, item)
    if kind != "message":
        return None
    role = item.get("role")
    if role is None:
        return missing(f"{path}.role")
    err = enum("user", "system", "assistant")(f"{path}.role", role)
    if err:
        return err
    content = item.get("content")
    if content is None:
        return missing(f"{path}.content")
    if not isinstance(content, list):
        return _wrong_type(f"{path}.content", "an array", content)
    if role == "assistant":
        allowed: tuple[str, ...] = ("text",) if shape == "beta" else ("output_text",)
    elif role == "system":
        allowed = ("input_text",)
    else:
        allowed = ("input_text", "input_audio") + (("item_reference",) if shape == "beta" else ("input_image",))
    for i, part in enumerate(content):
        p = f"{path}.content[{i}]"
        if not isinstance(part, dict):
            return _wrong_type(p, "an object", part)
        if "type" not in part:
            return missing(f"{p}.type")
        err = enum(*allowed)(f"{p}.type", part["type"])
        if err:
            return err
        if part["type"] in ("input_text", "text", "output_text"):
            if "text" not in part:
                return missing(f"{p}.text")
            err = string(f"{p}.text", part["text"])
            if err:
                return err
    return None
