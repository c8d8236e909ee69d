"""The two wire shapes' session objects: defaults, merging, and what a session asks for.

Event names live in `verifier.schema.wire`, the one vocabulary.
"""

from __future__ import annotations

import copy
from typing import Any

from verifier.schema.audio import ga_format, normalize_format
from verifier.schema.wire import BETA

DEFAULT_INSTRUCTIONS = (
    "Your knowledge cutoff is 2023-10. You are a helpful, witty, and friendly AI. Your voice and personality "
    "should be warm and engaging. Talk quickly."
)
_TURN_DETECTION: dict[str, Any] = {
    "type": "server_vad",
    "threshold": 0.5,
    "prefix_padding_ms": 300,
    "silence_duration_ms": 200,
    "create_response": True,
    "interrupt_response": True,
}


def default_session(shape: str, session_id: str, model: str, expires_at: int) -> dict[str, Any]:
    if shape == BETA:
        return {
            "id": session_id,
            "object": "realtime.session",
            "model": model,
            "expires_at": expires_at,
            "modalities": ["text", "audio"],
            "instructions": DEFAULT_INSTRUCTIONS,
            "voice": "alloy",
            "input_audio_format": "pcm16",
            "output_audio_format": "pcm16",
            "input_audio_transcription": None,
            "input_audio_noise_reduction": None,
            "turn_detection": dict(_TURN_DETECTION),
            "tools": [],
            "tool_choice": "auto",
            "temperature": 0.8,
            "max_response_output_tokens": "inf",
            "speed": 1.0,
            "tracing": None,
            "include": None,
        }
    return {
        "type": "realtime",
        "object": "realtime.session",
        "id": session_id,
        "model": model,
        "output_modalities": ["audio"],
        "instructions": DEFAULT_INSTRUCTIONS,
        "tools": [],
        "tool_choice": "auto",
        "max_output_tokens": "inf",
        "tracing": None,
        "truncation": "auto",
        "prompt": None,
        "expires_at": expires_at,
        "audio": {
            "input": {
                "format": ga_format("pcm16"),
                "transcription": None,
                "noise_reduction": None,
                "turn_detection": dict(_TURN_DETECTION),
            },
            "output": {"format": ga_format("pcm16"), "voice": "marin", "speed": 1.0},
        },
        "include": None,
    }


def merge(base: dict[str, Any], update: dict[str, Any], *, replace: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Only fields present change; nested objects merge, except those in `replace` (and nulls)."""
    out = copy.deepcopy(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key not in replace:
            out[key] = merge(out[key], value, replace=replace)
        else:
            out[key] = copy.deepcopy(value)
    return out


def modalities_of(shape: str, cfg: dict[str, Any]) -> list[str] | None:
    value = cfg.get("modalities" if shape == BETA else "output_modalities")
    return list(value) if isinstance(value, list) else None


def output_format_of(shape: str, cfg: dict[str, Any]) -> str | None:
    if shape == BETA:
        fmt = cfg.get("output_audio_format")
    else:
        fmt = ((cfg.get("audio") or {}).get("output") or {}).get("format")
    return normalize_format(fmt) if fmt else None


def voice_of(shape: str, cfg: dict[str, Any]) -> Any:
    if shape == BETA:
        return cfg.get("voice")
    return ((cfg.get("audio") or {}).get("output") or {}).get("voice")


def _audio_input(cfg: dict[str, Any]) -> dict[str, Any]:
    return (cfg.get("audio") or {}).get("input") or {}


def input_format_of(shape: str, cfg: dict[str, Any]) -> str:
    fmt = cfg.get("input_audio_format") if shape == BETA else _audio_input(cfg).get("format")
    return normalize_format(fmt) if fmt else "pcm16"


def turn_detection_of(shape: str, cfg: dict[str, Any]) -> Any:
    return cfg.get("turn_detection") if shape == BETA else _audio_input(cfg).get("turn_detection")


def transcription_of(shape: str, cfg: dict[str, Any]) -> Any:
    return cfg.get("input_audio_transcription") if shape == BETA else _audio_input(cfg).get("transcription")
