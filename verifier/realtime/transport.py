"""Where to connect and how: realtime WebSocket URLs, auth headers, connection errors.

A thin asyncio shell over `websockets`. It builds the URL and headers for
Azure preview, Azure GA v1 and OpenAI, opens the socket, and turns every way
a connection can fail into one of two errors: `FatalTransportError` (bad
key, wrong endpoint: stop, say so in one line with no secret in it) or
`TransientTransportError` (dropped, refused, 429/5xx: retry with backoff).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from verifier.realtime.settings import SHAPES
from verifier.schema.jsontext import JSONTextError, parse
from verifier.schema.redact import redact, register_secret
from verifier.schema.rundir import TargetInfo

DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"
DEFAULT_DEPLOYMENT = "gpt-realtime"
DEFAULT_OPENAI_MODEL = "gpt-realtime"
OPENAI_BASE = "wss://api.openai.com/v1"
HANDSHAKE_HEADERS = frozenset(
    {
        "x-ms-region",
        "x-request-id",
        "apim-request-id",
        "x-ms-client-request-id",
        "openai-processing-ms",
        "openai-organization",
        "openai-version",
    }
)
GA_API_VERSIONS = frozenset({"v1", "ga", "GA", "latest"})
# One realtime event can be large (a long audio delta, or a session echo with long instructions).
MAX_FRAME = 16 * 1024 * 1024
#: Environment variable that raises (or lowers) MAX_FRAME, in MiB.
MAX_FRAME_ENV = "VERIFIER_MAX_FRAME_MB"
CLOSE_TOO_BIG = 1009  # RFC 6455: a frame larger than the receiver takes


def max_frame() -> int:
    """The frame size limit: $VERIFIER_MAX_FRAME_MB MiB when set to a positive number, else MAX_FRAME."""
    try:
        mb = float(os.environ.get(MAX_FRAME_ENV, ""))
    except ValueError:
        return MAX_FRAME
    return int(mb * 1024 * 1024) if mb > 0 else MAX_FRAME


class TransportError(Exception):
    pass


class FatalTransportError(TransportError):
    """Nothing will work until the user changes something (key, endpoint, deployment)."""


class TransientTransportError(TransportError):
    """Worth retrying after a pause (dropped connection, refused, 429, 5xx)."""

    #: False when the same request would fail the same way (see FrameTooLargeError).
    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FrameTooLargeError(TransientTransportError):
    """The service sent a frame over our size limit, so we closed with 1009. The connection is gone
    (hence transient: the next prompt gets a fresh one), but the same response would be as large
    again, so it is not worth retrying."""

    retryable = False


@dataclass
class Target:
    """A resolved realtime endpoint. `headers` hold the secret; `describe()` never does."""

    api: str  # "azure" | "openai"
    shape: str  # "beta" | "ga"
    url: str
    headers: dict[str, str] = field(repr=False, default_factory=dict)
    deployment: str | None = None
    api_version: str | None = None
    model: str | None = None
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        """host[:port], never the user:password@ an endpoint URL may carry."""
        return urlsplit(self.url).netloc.rpartition("@")[2]

    def describe(self, kind: str | None = None) -> TargetInfo:
        parts = urlsplit(self.url)
        return TargetInfo(
            kind=kind,
            api=self.api,
            shape=self.shape,
            host=parts.hostname,
            port=parts.port,
            path=parts.path,
            deployment=self.deployment,
            api_version=self.api_version,
            model=self.model,
            region=_region_from_host(parts.hostname or ""),
        )


def _ws_base(endpoint: str) -> str:
    """https://x -> wss://x, http://x -> ws://x, bare host -> wss://host; no trailing slash."""
    e = endpoint.strip().rstrip("/")
    if "://" not in e:
        e = "wss://" + e
    scheme, rest = e.split("://", 1)
    scheme = {"https": "wss", "http": "ws"}.get(scheme.lower(), scheme.lower())
    if scheme not in ("ws", "wss"):
        raise FatalTransportError(f"endpoint {redact(endpoint)!r}: scheme must be https, http, wss or ws")
    return f"{scheme}://{rest}"


def _region_from_host(host: str) -> str | None:
    # Regional Azure endpoints look like <region>.api.cognitive.microsoft.com.
    if host.endswith(".api.cognitive.microsoft.com"):
        return host.split(".", 1)[0]
    return None


def build_target(
    api: str,
    endpoint: str | None = None,
    *,
    api_key: str | None = None,
    token: str | None = None,
    api_version: str | None = None,
    deployment: str | None = None,
    model: str | None = None,
    shape: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> Target:
    """Resolve URL, headers and wire shape for `api` ("azure" or "openai").

    Azure: an api-version selects the preview (beta-shaped) path; `v1` (or
    shape "ga", or an endpoint already ending in /openai/v1) selects GA,
    where `model` carries the deployment name and api-version must be absent.
    """
    register_secret(api_key)
    register_secret(token)
    if shape is not None and shape not in SHAPES:
        raise FatalTransportError(f"shape must be 'beta' or 'ga', not {shape!r}")
    if api == "azure":
        return _azure(endpoint, api_key, token, api_version, deployment, shape, ssl_context)
    if api == "openai":
        return _openai(endpoint, api_key or token, model, shape, ssl_context)
    raise FatalTransportError(f"api must be 'azure' or 'openai', not {api!r}")


def _azure(
    endpoint: str | None,
    api_key: str | None,
    token: str | None,
    api_version: str | None,
    deployment: str | None,
    shape: str | None,
    ssl_context: ssl.SSLContext | None,
) -> Target:
    if not endpoint:
        raise FatalTransportError("no Azure endpoint: pass --endpoint or set AZURE_OPENAI_ENDPOINT")
    if not (api_key or token):
        raise FatalTransportError(
            "no Azure credentials: pass --api-key or set AZURE_OPENAI_API_KEY "
            "(or AZURE_OPENAI_AD_TOKEN for an Entra token)"
        )
    base = _ws_base(endpoint)
    parts = urlsplit(base)
    path = parts.path.rstrip("/")
    for suffix, implies_ga in (
        ("/openai/v1/realtime", True),
        ("/openai/realtime", False),
        ("/openai/v1", True),
        ("/openai", False),
    ):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            if implies_ga and shape is None:
                shape = "ga"
            break
    root = f"{parts.scheme}://{parts.netloc}{path}"
    deployment = deployment or DEFAULT_DEPLOYMENT
    if shape is None:
        shape = "ga" if api_version in GA_API_VERSIONS else "beta"
    headers = {"api-key": api_key} if api_key else {"Authorization": f"Bearer {token}"}
    if shape == "ga":
        url = f"{root}/openai/v1/realtime?{urlencode({'model': deployment})}"
        return Target("azure", "ga", url, headers, deployment=deployment, api_version=None, ssl_context=ssl_context)
    version = api_version if api_version and api_version not in GA_API_VERSIONS else DEFAULT_AZURE_API_VERSION
    url = f"{root}/openai/realtime?{urlencode({'api-version': version, 'deployment': deployment})}"
    return Target("azure", "beta", url, headers, deployment=deployment, api_version=version, ssl_context=ssl_context)


def _openai(
    endpoint: str | None, key: str | None, model: str | None, shape: str | None, ssl_context: ssl.SSLContext | None
) -> Target:
    if not key:
        raise FatalTransportError("no OpenAI API key: pass --api-key or set OPENAI_API_KEY")
    base = _ws_base(endpoint or OPENAI_BASE).removesuffix("/realtime")
    model = model or DEFAULT_OPENAI_MODEL
    shape = shape or "ga"
    headers = {"Authorization": f"Bearer {key}"}
    if shape == "beta":
        headers["OpenAI-Beta"] = "realtime=v1"
    url = f"{base}/realtime?{urlencode({'model': model})}"
    return Target("openai", shape, url, headers, model=model, ssl_context=ssl_context)


def target_from_env(api: str | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Target:
    """Resolve a target from the variables the SDKs read, with explicit values winning.

    Azure: AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_AD_TOKEN,
    OPENAI_API_VERSION, AZURE_OPENAI_DEPLOYMENT. OpenAI: OPENAI_API_KEY,
    OPENAI_BASE_URL, OPENAI_REALTIME_MODEL.
    """
    e = dict(os.environ if env is None else env)
    o = {k: v for k, v in overrides.items() if v is not None}
    if api is None:
        api = (
            "azure"
            if (o.get("endpoint") or e.get("AZURE_OPENAI_ENDPOINT")) and "openai.com" not in str(o.get("endpoint", ""))
            else "openai"
        )
    if api == "azure":
        return build_target(
            "azure",
            o.get("endpoint") or e.get("AZURE_OPENAI_ENDPOINT"),
            api_key=o.get("api_key") or e.get("AZURE_OPENAI_API_KEY"),
            token=o.get("token") or e.get("AZURE_OPENAI_AD_TOKEN"),
            api_version=o.get("api_version") or e.get("OPENAI_API_VERSION"),
            deployment=o.get("deployment") or e.get("AZURE_OPENAI_DEPLOYMENT"),
            shape=o.get("shape"),
            ssl_context=o.get("ssl_context"),
        )
    return build_target(
        api,
        o.get("endpoint") or e.get("OPENAI_BASE_URL"),
        api_key=o.get("api_key") or e.get("OPENAI_API_KEY"),
        token=o.get("token"),
        model=o.get("model") or e.get("OPENAI_REALTIME_MODEL"),
        shape=o.get("shape"),
        ssl_context=o.get("ssl_context"),
    )


class Connection:
    """One realtime WebSocket: send JSON events, receive raw text frames."""

    def __init__(self, ws: Any, target: Target) -> None:
        self._ws = ws
        self.target = target
        headers = getattr(getattr(ws, "response", None), "headers", None)
        # Request ids and the serving region from the handshake: support tickets need them.
        self.handshake: dict[str, str] = {}
        if headers is not None:
            self.handshake = {
                k.lower(): v
                for k, v in headers.raw_items()
                if k.lower() in HANDSHAKE_HEADERS or "request-id" in k.lower()
            }
        self.region: str | None = self.handshake.get("x-ms-region")

    @classmethod
    async def open(cls, target: Target, open_timeout: float = 20.0) -> Connection:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI

        where = f"{urlsplit(target.url).scheme}://{target.host}{urlsplit(target.url).path}"
        loopback = (urlsplit(target.url).hostname or "") in ("127.0.0.1", "localhost", "::1")
        kwargs: dict[str, Any] = {
            "additional_headers": target.headers,
            "max_size": max_frame(),
            "open_timeout": open_timeout,
            "ping_interval": 20,
            "ping_timeout": 60,
            "compression": None,
            "user_agent_header": "verifier-harness",
        }
        if loopback:
            kwargs["proxy"] = None  # never send loopback traffic through an environment proxy
        if target.ssl_context is not None:
            kwargs["ssl"] = target.ssl_context
        try:
            ws = await connect(target.url, **kwargs)
        except InvalidStatus as e:
            raise _status_error(
                e.response.status_code, bytes(e.response.body or b""), where, e.response.headers.get("retry-after")
            ) from None
        except InvalidURI:
            raise FatalTransportError(f"invalid endpoint URL {redact(where)}") from None
        except socket.gaierror as e:
            raise FatalTransportError(f"cannot resolve host {target.host} ({e.strerror}): check the endpoint") from None
        except ssl.SSLError as e:
            raise FatalTransportError(f"TLS handshake with {target.host} failed: {redact(str(e))}") from None
        except (OSError, asyncio.TimeoutError, InvalidHandshake) as e:
            raise TransientTransportError(f"cannot connect to {where}: {redact(str(e)) or type(e).__name__}") from None
        return cls(ws, target)

    async def send(self, event: dict[str, Any]) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            await self._ws.send(json.dumps(event))
        except ConnectionClosed as e:
            raise TransientTransportError(f"connection closed while sending ({_close_reason(e)})") from None

    async def recv(self, timeout: float | None = None) -> str:
        """The next frame as text; TimeoutError if none within `timeout`; Transient on a drop."""
        from websockets.exceptions import ConnectionClosed

        try:
            msg = await asyncio.wait_for(self._ws.recv(), timeout)
        except ConnectionClosed as e:
            sent = getattr(e, "sent", None)
            if sent is not None and sent.code == CLOSE_TOO_BIG:
                limit = getattr(self._ws.protocol, "max_size", None) or max_frame()
                raise FrameTooLargeError(
                    f"the service sent a frame over the {limit / 2**20:g} MiB limit (closed with code "
                    f"{CLOSE_TOO_BIG}); raise the limit with {MAX_FRAME_ENV}=<MiB>"
                ) from None
            raise TransientTransportError(f"connection dropped ({_close_reason(e)})") from None
        return msg if isinstance(msg, str) else msg.decode("utf-8", errors="replace")

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self._ws.close(), 5)
        except Exception:  # closing a dead socket must never mask the real outcome
            pass


def _close_reason(e: Exception) -> str:
    rcvd = getattr(e, "rcvd", None)
    if rcvd is None:
        return "no close frame"
    return f"code {rcvd.code}{': ' + rcvd.reason if rcvd.reason else ''}"


def _body_message(body: bytes | None) -> str:
    """The service's own words from an HTTP error body (Azure and OpenAI wrap them in error.message)."""
    if not body:
        return ""
    text = body[:2000].decode("utf-8", errors="replace")
    try:
        obj = parse(text)
        err = obj.get("error") if isinstance(obj, dict) else None
        if isinstance(err, dict) and isinstance(err.get("message"), str):
            text = err["message"]
        elif isinstance(obj, dict) and isinstance(obj.get("message"), str):
            text = obj["message"]
    except JSONTextError:
        pass
    text = " ".join(redact(text).split())
    return text if len(text) <= 300 else text[:300] + "..."


def _status_error(status: int, body: bytes | None, where: str, retry_after: str | None) -> TransportError:
    detail = _body_message(body)
    detail = f" (service says: {detail})" if detail else ""
    msg = f"HTTP {status} from {redact(where)}"
    if status in (401, 403):
        return FatalTransportError(f"{msg}: authentication failed, check the API key or token{detail}")
    if status == 404:
        return FatalTransportError(f"{msg}: not found, check the endpoint, deployment/model and api-version{detail}")
    if status == 400:
        return FatalTransportError(f"{msg}: request rejected{detail}")
    if status == 429 or status >= 500:
        after = None
        try:
            after = float(retry_after) if retry_after else None
        except ValueError:
            pass
        return TransientTransportError(f"{msg}{detail}", retry_after=after)
    return FatalTransportError(f"{msg}{detail}")
