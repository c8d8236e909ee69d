"""Which upstream to dial for a client's WebSocket handshake: pure, no I/O.

The proxy is transparent: the client's path, query, headers and offered
subprotocols go upstream as sent, so Azure preview (`/openai/realtime?
api-version=...&deployment=...`), Azure GA (`/openai/v1/realtime?model=`),
OpenAI (`/v1/realtime?model=`), the `api-key` header, Bearer tokens and the
browser's `openai-insecure-api-key.<key>` subprotocol all work unchanged.
Only what belongs to the hop itself is dropped (Host, the WebSocket key and
version, extensions, hop-by-hop headers): the upstream connection negotiates
its own.

`plan()` also names, without holding them, the credential values a request
carries (so the tap can register them for redaction), and describes the
route in secret-free labels for metrics and the run directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

# Headers that describe this hop, not the request: the upstream handshake makes its own.
HOP_HEADERS = frozenset(
    {
        "host",
        "connection",
        "upgrade",
        "keep-alive",
        "te",
        "trailer",
        "transfer-encoding",
        "content-length",
        "proxy-connection",
        "proxy-authorization",
        "proxy-authenticate",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
        "sec-websocket-accept",
    }
)
# Upstream handshake response headers worth handing back to the client (support tickets quote them).
RESPONSE_HEADERS_DROP = HOP_HEADERS | {"server", "date", "content-type"}
SECRET_QUERY = frozenset({"api-key", "api_key", "apikey", "access_token", "token", "key"})
SECRET_HEADERS = frozenset({"api-key", "authorization", "x-api-key", "ocp-apim-subscription-key", "cookie"})
INSECURE_KEY_PROTOCOL = "openai-insecure-api-key."
MASK = "[REDACTED]"

Headers = Sequence[tuple[str, str]]


class PlanError(ValueError):
    """The proxy cannot be configured with this upstream."""


@dataclass(frozen=True)
class Route:
    """Secret-free labels for one session: which API, deployment/model and api-version."""

    api: str  # "azure-preview" | "azure-ga" | "openai" | "other"
    deployment: str  # the Azure deployment or OpenAI model; "" when the request names none
    api_version: str  # the query's api-version; "v1" on GA paths; "" when none
    path: str  # path and query with secret query values masked
    auth: str  # how the client authenticated: api-key | bearer | subprotocol | query | none


@dataclass(frozen=True)
class UpstreamPlan:
    url: str
    headers: list[tuple[str, str]] = field(repr=False)
    subprotocols: list[str] = field(repr=False)
    route: Route
    secrets: list[str] = field(repr=False)  # credential values seen, for the redactor; never stored


def upstream_base(upstream: str) -> str:
    """`https://host[/prefix]` (or wss/http/ws, or a bare host) to `wss://host[/prefix]`, no trailing slash."""
    text = upstream.strip()
    if "://" not in text:
        text = "wss://" + text
    scheme, rest = text.split("://", 1)
    rest = rest.rstrip("/")
    scheme = {"https": "wss", "http": "ws"}.get(scheme.lower(), scheme.lower())
    if scheme not in ("ws", "wss"):
        raise PlanError(f"--upstream {upstream!r}: scheme must be https, http, wss or ws")
    parts = urlsplit(f"{scheme}://{rest}")
    if not parts.hostname:
        raise PlanError(f"--upstream {upstream!r}: no host")
    if parts.query or parts.fragment:
        raise PlanError(
            f"--upstream {upstream!r}: give the resource endpoint only; the client's path and query "
            "are forwarded as they are"
        )
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def plan(base: str, target: str, headers: Headers, subprotocols: Sequence[str] = ()) -> UpstreamPlan:
    """The upstream dial for a client request to `target` (path + query) with `headers`.

    `base` comes from `upstream_base()`. Headers keep their order and
    repeats; the subprotocols are offered upstream in the client's order.
    """
    if not target.startswith("/"):
        target = "/" + target
    forwarded = [(k, v) for k, v in headers if k.lower() not in HOP_HEADERS]
    return UpstreamPlan(
        url=base + target,
        headers=forwarded,
        subprotocols=list(subprotocols),
        route=describe(target, headers, subprotocols),
        secrets=credentials(target, headers, subprotocols),
    )


def describe(target: str, headers: Headers, subprotocols: Sequence[str] = ()) -> Route:
    parts = urlsplit(target)
    where = parts.path.rstrip("/")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if where.endswith("/openai/realtime"):
        api, deployment, version = "azure-preview", query.get("deployment", ""), query.get("api-version", "")
    elif where.endswith("/openai/v1/realtime"):
        api, deployment, version = "azure-ga", query.get("model", ""), query.get("api-version", "v1")
    elif where.endswith("/v1/realtime") or where.endswith("/realtime"):
        api, deployment, version = "openai", query.get("model", ""), query.get("api-version", "v1")
    else:
        api, deployment, version = (
            "other",
            query.get("deployment") or query.get("model", ""),
            query.get("api-version", ""),
        )
    names = {k.lower() for k, _ in headers}
    if any(p.startswith(INSECURE_KEY_PROTOCOL) for p in subprotocols):
        auth = "subprotocol"
    elif names & {"api-key", "x-api-key", "ocp-apim-subscription-key"}:
        auth = "api-key"
    elif "authorization" in names:
        auth = "bearer"
    elif any(k.lower() in SECRET_QUERY for k in query):
        auth = "query"
    else:
        auth = "none"
    return Route(
        api=api, deployment=_label(deployment), api_version=_label(version), path=masked_target(target), auth=auth
    )


def masked_target(target: str) -> str:
    """Path and query with credential query values replaced by a mask."""
    parts = urlsplit(target)
    if not parts.query:
        return parts.path
    pairs = [
        (k, MASK if k.lower() in SECRET_QUERY and v else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return f"{parts.path}?{urlencode(pairs, safe='[]')}"


def credentials(target: str, headers: Headers, subprotocols: Sequence[str] = ()) -> list[str]:
    """Every credential value the request carries: header values, Bearer tokens, query keys, the subprotocol key."""
    found: list[str] = []
    for k, v in headers:
        if k.lower() in SECRET_HEADERS and v.strip():
            found.append(v.strip())
            scheme, _, token = v.strip().partition(" ")
            if token.strip() and scheme.lower() in ("bearer", "basic"):
                found.append(token.strip())
    for k, v in parse_qsl(urlsplit(target).query, keep_blank_values=True):
        if k.lower() in SECRET_QUERY and v:
            found.append(v)
    for p in subprotocols:
        if p.startswith(INSECURE_KEY_PROTOCOL) and len(p) > len(INSECURE_KEY_PROTOCOL):
            found.append(p)
            found.append(p[len(INSECURE_KEY_PROTOCOL) :])
    return found


def response_headers(headers: Headers) -> list[tuple[str, str]]:
    """Upstream handshake response headers to pass on to the client (request ids, region, rate limits)."""
    return [(k, v) for k, v in headers if k.lower() not in RESPONSE_HEADERS_DROP]


def _label(value: str) -> str:
    # Metric labels come from the client's URL: keep them short and printable.
    clean = "".join(c for c in value if c.isprintable())
    return clean[:64]
