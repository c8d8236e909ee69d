"""Endpoints and authentication, answered the way the services answer them.

Pure: `route(path, headers, api_key)` returns the wire shape to speak or the
HTTP rejection to send before the WebSocket handshake.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from verifier.schema.wire import BETA, GA

AZURE_PREVIEW, AZURE_GA, OPENAI = "azure-preview", "azure-ga", "openai"


@dataclass(frozen=True)
class Route:
    endpoint: str  # AZURE_PREVIEW | AZURE_GA | OPENAI
    shape: str  # BETA | GA
    flavor: str  # "azure" | "openai"
    model: str


@dataclass(frozen=True)
class Rejection:
    status: int
    body: dict[str, Any]


def _azure_error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _openai_error(message: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": code}}


AZURE_NOT_FOUND = Rejection(404, _azure_error("404", "Resource not found"))
AZURE_NO_DEPLOYMENT = Rejection(
    404,
    _azure_error(
        "DeploymentNotFound",
        "The API deployment for this resource does not exist. If you created the deployment "
        "within the last 5 minutes, please wait a moment and try again.",
    ),
)
AZURE_MISSING_KEY = Rejection(
    401,
    _azure_error(
        "401",
        "Access denied due to missing subscription key. Make sure to include subscription key when making "
        "requests to an API.",
    ),
)
AZURE_BAD_KEY = Rejection(
    401,
    _azure_error(
        "401",
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
        "for an active subscription and use a correct regional API endpoint for your resource.",
    ),
)
OPENAI_MISSING_KEY = Rejection(
    401,
    _openai_error(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer "
        "auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from "
        "https://platform.openai.com/account/api-keys."
    ),
)


def _openai_bad_key(given: str) -> Rejection:
    shown = ("*" * (len(given) - 4) + given[-4:]) if len(given) > 8 else "*" * len(given)
    return Rejection(
        401,
        _openai_error(
            f"Incorrect API key provided: {shown}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            "invalid_api_key",
        ),
    )


def _bearer(values: list[str]) -> str | None:
    for value in values:
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
    return None


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def route(path: str, header: Callable[[str], list[str]], api_key: str | None) -> Route | Rejection:
    """Decide what a handshake request gets. `header(name)` returns all values of a header."""
    parts = urlsplit(path)
    where = parts.path.rstrip("/")
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    if where == "/openai/realtime":
        endpoint, flavor = AZURE_PREVIEW, "azure"
    elif where == "/openai/v1/realtime":
        endpoint, flavor = AZURE_GA, "azure"
    elif where == "/v1/realtime":
        endpoint, flavor = OPENAI, "openai"
    elif where.startswith("/openai"):
        return AZURE_NOT_FOUND
    else:
        return Rejection(404, _openai_error(f"Invalid URL (GET {parts.path})"))

    bearer = _bearer(header("Authorization"))
    if flavor == "azure":
        given = next(iter(header("api-key")), None) or query.get("api-key") or bearer
        if api_key is not None:
            if not given:
                return AZURE_MISSING_KEY
            if not _same(given, api_key):
                return AZURE_BAD_KEY
    elif api_key is not None:
        if not bearer:
            return OPENAI_MISSING_KEY
        if not _same(bearer, api_key):
            return _openai_bad_key(bearer)

    if endpoint == AZURE_PREVIEW:
        if not query.get("api-version"):
            return AZURE_NOT_FOUND
        if not query.get("deployment"):
            return AZURE_NO_DEPLOYMENT
        return Route(endpoint, BETA, flavor, query["deployment"])
    if endpoint == AZURE_GA and "api-version" in query:
        # Microsoft: the GA endpoint takes no api-version; leaving it in gives 401.
        return AZURE_BAD_KEY
    model = query.get("model")
    if not model:
        return Rejection(
            400, _openai_error("Missing required parameter: 'model'.", "missing_required_parameter", "model")
        )
    betas = {x.strip().lower() for v in header("OpenAI-Beta") for x in v.split(",")}
    beta = endpoint == OPENAI and "realtime=v1" in betas
    return Route(endpoint, BETA if beta else GA, flavor, model)
