"""JSON text from outside (a service, a log, a manifest, an old run directory): parse it, write it back.

Valid JSON can still break a naive reader: an integer of 5,000 digits trips
Python's int-conversion limit (`ValueError`), nesting 50,000 deep trips the
recursion limit, and `"\\ud83d"` (half an emoji, as a server that slices text
sends) decodes to a lone surrogate that no UTF-8 writer accepts. `parse()`
turns all of these into one `JSONTextError` naming what was wrong, and
`dumps_line()` writes anything `parse()` returned without raising and
without losing a character.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Nesting deeper than any realtime event, manifest line or result row needs;
#: deeper values are refused so later recursive code (redaction, reports) cannot overflow.
MAX_DEPTH = 64

_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONTextError(ValueError):
    """Text that is not a usable JSON value; the message says why in a few words."""


def parse(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """A JSON value, or JSONTextError (bad UTF-8, bad syntax, a huge integer, nesting too deep)."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONTextError(f"not UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        # json's messages may end in "at" ("Unterminated string starting at"), meant for a position
        raise JSONTextError(f"not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}") from None
    except RecursionError:
        raise JSONTextError("nested too deeply to read") from None
    except ValueError as exc:  # an integer past sys.get_int_max_str_digits()
        raise JSONTextError(f"unreadable value: {str(exc)[:80]}") from None
    if depth(value, max_depth + 1) > max_depth:
        raise JSONTextError(f"nested more than {max_depth} levels deep")
    return value


def depth(value: Any, stop: int = 1 << 30) -> int:
    """Nesting depth of a JSON-like value (a scalar is 0), counted without recursion; stops at `stop`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        elif not isinstance(v, (list, tuple)):
            continue
        d += 1
        deepest = max(deepest, d)
        if deepest >= stop:
            return deepest
        stack.extend((x, d) for x in v)
    return deepest


def clean_text(text: str) -> str:
    """`text` with lone UTF-16 surrogates replaced by U+FFFD, so it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_obj(value: Any) -> Any:
    """A JSON-like value with every string (and key) passed through `clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_obj(k): clean_obj(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_obj(v) for v in value]
    return value


def dumps_line(value: Any, **kwargs: Any) -> str:
    """One JSON text that any UTF-8 file accepts.

    Readable (`ensure_ascii=False`) when it can be; a value holding a lone
    surrogate is written with `\\u` escapes instead, so it round-trips
    exactly rather than being mangled or refused.
    """
    kwargs.setdefault("default", str)
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    if _SURROGATE.search(text):
        text = json.dumps(value, ensure_ascii=True, **kwargs)
    return text
