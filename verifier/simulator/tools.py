"""When the simulated model calls a function, and with which arguments.

The rule is deterministic, so a test knows what its agent will see: the model
calls a tool when the user's words name it (any word of four or more letters
from the tool's name, e.g. "weather" for `get_weather`), or always when
`tool_choice` requires one. One response can be steered through its metadata,
as faults are: `sim_tool` set to a tool name calls it, `none` calls nothing.

Arguments are filled from the JSON schema of the tool's parameters: enums take
their first value, numbers the first number said (else 1), booleans true, and
strings the last capitalised name said ("Paris") or, failing that, the words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

OVERRIDE_KEY = "sim_tool"
_VERBS = frozenset(
    {
        "get",
        "set",
        "fetch",
        "find",
        "lookup",
        "look",
        "make",
        "list",
        "call",
        "check",
        "show",
        "tool",
        "func",
        "function",
        "info",
        "data",
    }
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+)*")


class ToolOverrideError(ValueError):
    """A `sim_tool` metadata value that names no tool of the response."""


@dataclass(frozen=True)
class FunctionCall:
    name: str
    call_id: str
    arguments: str  # a JSON object, as the services stream it


def tool_name(tool: Any) -> str | None:
    if not isinstance(tool, dict) or tool.get("type", "function") != "function":
        return None
    name = tool.get("name")
    if name is None and isinstance(tool.get("function"), dict):  # chat-completions shape some clients send
        name = tool["function"].get("name")
    return name if isinstance(name, str) and name else None


def _parameters(tool: dict[str, Any]) -> dict[str, Any]:
    params = tool.get("parameters")
    if params is None and isinstance(tool.get("function"), dict):
        params = tool["function"].get("parameters")
    return params if isinstance(params, dict) else {}


def name_words(name: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return [w.lower() for w in re.split(r"[\s_\-.]+", spaced) if len(w) >= 4 and w.lower() not in _VERBS]


def _mentions(prompt: str, name: str) -> bool:
    said = set(re.findall(r"[a-z]+", prompt.lower()))
    return any(w in said or w.rstrip("s") in said for w in name_words(name))


def choose(prompt: str, tools: list[Any], tool_choice: Any, override: object = None) -> str | None:
    """The tool the model calls for this prompt, or None to answer in speech."""
    names = [n for n in (tool_name(t) for t in tools or []) if n]
    if override is not None:
        if not isinstance(override, str) or not override.strip():
            raise ToolOverrideError(f"metadata.{OVERRIDE_KEY} must be a tool name or 'none'")
        wanted = override.strip()
        if wanted == "none":
            return None
        if wanted not in names:
            raise ToolOverrideError(
                f"metadata.{OVERRIDE_KEY}: no tool named {wanted!r} (tools: {', '.join(names) or 'none'})"
            )
        return wanted
    if not names or tool_choice == "none":
        return None
    if isinstance(tool_choice, dict):
        forced = tool_choice.get("name") or (tool_choice.get("function") or {}).get("name")
        if forced in names:
            return str(forced)
    if tool_choice == "required":
        return next((n for n in names if _mentions(prompt, n)), names[0])
    return next((n for n in names if _mentions(prompt, n)), None)


def _value(schema: Any, prompt: str) -> Any:
    if not isinstance(schema, dict):
        return prompt
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind in ("number", "integer"):
        m = _NUMBER.search(prompt)
        if not m:
            return 1
        return int(float(m.group())) if kind == "integer" else float(m.group())
    if kind == "boolean":
        return True
    if kind == "array":
        return [_value(schema.get("items"), prompt)]
    if kind == "object":
        return arguments_for(schema, prompt)
    # A capital that opens a sentence is grammar, not a name.
    inner = " ".join(re.sub(r"^\W*\S+", "", s) for s in re.split(r"(?<=[.!?])\s+", prompt))
    names = _NAME.findall(inner)
    return names[-1] if names else prompt.strip().rstrip("?.!")


def arguments_for(schema: dict[str, Any], prompt: str) -> dict[str, Any]:
    found, needed = schema.get("properties"), schema.get("required")
    props: dict[str, Any] = found if isinstance(found, dict) else {}
    required: list[Any] = needed if isinstance(needed, list) else list(props)
    return {key: _value(props.get(key), prompt) for key in required if key in props}


def call_for(name: str, tools: list[Any], prompt: str, call_id: str) -> FunctionCall:
    tool = next(t for t in tools if tool_name(t) == name)
    args = arguments_for(_parameters(tool), prompt)
    return FunctionCall(name, call_id, json.dumps(args, ensure_ascii=False))


def spoken_output(output: Any) -> str:
    """What the model says after a tool answered: the result's text, as a person would read it out."""
    text = output if isinstance(output, str) else json.dumps(output)
    try:
        value = json.loads(text)
    except ValueError:
        return text.strip()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        for key in ("text", "message", "result", "answer", "output", "summary"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key]).strip()
        pairs = [f"{k.replace('_', ' ')} {v}" for k, v in value.items() if isinstance(v, (str, int, float))]
        if pairs:
            return ", ".join(pairs).capitalize() + "."
    return "Done."
