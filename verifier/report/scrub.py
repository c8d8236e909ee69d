"""Stricter secret scrubbing for anything that leaves the organisation (bundles).

`verifier.schema.redact` runs at every write; a bundle goes to a third party, so it
gets a second, broader pass: values of any field whose name merely *contains*
key/token/secret/password/authorization, key-shaped text after words like
"api key", Azure's 32-hex key shape, and the actual values of the credential
environment variables the SDKs use (so a key that leaked anywhere is caught
even when nothing around it looks secret).
"""

from __future__ import annotations

import os
import re
from typing import Any

from verifier.schema.redact import REDACTED, redact

ENV_SECRETS = (
    "AZURE_OPENAI_API_KEY",
    "OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "AZURE_API_KEY",
    "VERIFIER_API_KEY",
    "AZURE_OPENAI_TOKEN",
    "OPENAI_ADMIN_KEY",
)

_NAME = re.compile(r"(?i)(api[-_]?key|token|secret|password|passwd|authorization|credential|subscription[-_]?key)")
# Names with a secret-ish word that are not secrets (token counts, key names).
_NOT_SECRET = re.compile(r"(?i)(tokens|token_details|_tokens$|^max_|token_count|keyframe|key_id$)")

_TEXT = [
    # "api key: abc...", "api-key=...", "subscription key 'abc...'", "token abc..." in error messages
    re.compile(
        r"(?i)((?:api[-_ ]?key|subscription[-_ ]?key|access[-_ ]?token|token|secret|password)"
        r"[\"']?\s*(?:provided)?\s*[:=]?\s*[\"']?)([A-Za-z0-9._~+/-]{16,})"
    ),
    re.compile(r"(?<![A-Za-z0-9_])([0-9a-fA-F]{32})(?![A-Za-z0-9_])"),  # Azure resource keys
    re.compile(r"(?<![A-Za-z0-9_])([A-Za-z0-9]{84})(?![A-Za-z0-9_])"),  # newer 84-char Azure keys
]


def known_secrets(extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    values = [os.environ.get(name, "") for name in ENV_SECRETS] + list(extra)
    return sorted({v for v in values if v and len(v) >= 6}, key=len, reverse=True)


def scrub_text(text: str, secrets: list[str]) -> str:
    for s in secrets:
        text = text.replace(s, REDACTED)
    text = redact(text)
    for pat in _TEXT:
        text = pat.sub(lambda m: (m.group(1) if m.lastindex and m.lastindex > 1 else "") + REDACTED, text)
    return text


def _secret_name(name: str) -> bool:
    return bool(_NAME.search(name)) and not _NOT_SECRET.search(name)


def scrub_obj(obj: Any, secrets: list[str]) -> Any:
    if isinstance(obj, dict):
        return {
            k: (
                REDACTED
                if isinstance(k, str) and _secret_name(k) and isinstance(v, str) and v
                else scrub_obj(v, secrets)
            )
            for k, v in obj.items()
        }
    if isinstance(obj, (list, tuple)):
        return [scrub_obj(v, secrets) for v in obj]
    if isinstance(obj, str):
        return scrub_text(obj, secrets)
    return obj
