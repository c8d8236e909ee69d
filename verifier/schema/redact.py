"""Keep secrets out of logs, reports and support bundles.

Redaction happens at every boundary where data leaves memory (event logs, run
metadata, bundles, error messages), not once at the end, so a crash midway
cannot leak a key that was about to be scrubbed.
"""

from __future__ import annotations

import re
from typing import Any

REDACTED = "[REDACTED]"

# Header / field / query names whose values are always secret.
SECRET_NAMES = frozenset(
    {
        "api-key",
        "api_key",
        "apikey",
        "authorization",
        "x-api-key",
        "bearer",
        "access_token",
        "token",
        "client_secret",
        "password",
        "secret",
        "ocp-apim-subscription-key",
        "openai-api-key",
        "azure_openai_api_key",
        "openai_api_key",
    }
)

_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"),  # OpenAI keys (sk-..., sk-proj-...)
    re.compile(r"(?i)((?:api[-_]?key|access_token|token)=)[^&\s\"']+"),  # query strings
    re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),  # JWTs (Entra tokens)
    # user:password@ in a URL (--endpoint http://admin:secret@host): the whole userinfo goes
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/?#\s@]+@"),
]

_known: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret the process holds, so it is scrubbed wherever it shows up."""
    if value and len(value) >= 6:
        _known.add(value)


def redact(text: str) -> str:
    for secret in sorted(_known, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    for pat in _PATTERNS:
        text = pat.sub(_scrubbed, text)
    return text


def _scrubbed(m: re.Match[str]) -> str:
    kept = m.group(1) if m.groups() else ""
    return kept + REDACTED + ("@" if m.group(0).endswith("@") else "")


def strip_userinfo(url: str) -> str:
    """`url` without a user:password@ part (for showing or storing an endpoint)."""
    return _PATTERNS[-1].sub(lambda m: m.group(1), url)


def redact_obj(obj: Any) -> Any:
    """A copy of a JSON-like value with secret fields and secret-looking strings scrubbed."""
    if isinstance(obj, dict):
        return {
            k: (REDACTED if isinstance(k, str) and k.lower() in SECRET_NAMES and v else redact_obj(v))
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [redact_obj(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(redact_obj(v) for v in obj)
    if isinstance(obj, str):
        return redact(obj)
    return obj
