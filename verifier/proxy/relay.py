"""The asyncio shell: accept a client WebSocket, dial upstream, move frames both ways.

It decides nothing about content. Per client handshake it dials the upstream
that `handshake.plan()` names *before* answering the client, so an upstream
refusal (401, 404, 429, ...) reaches the client with the same status, headers
and body; on success the client gets the subprotocol upstream chose. Then two
pumps copy messages, text as text and binary as binary, in order, and a close
on either side is handed to the other with the same code and reason (an
abrupt drop is passed on as an abrupt drop).

After a frame is sent on, the tap is handed a reference to it through
`TapPort`, whose methods must return at once; every call is guarded, so a
failing tap costs a counter, never a frame.
"""

from __future__ import annotations

import asyncio
import http
import json
import logging
import ssl
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.http11 import Request, Response

from verifier.proxy import handshake
from verifier.proxy.handshake import Route, UpstreamPlan

log = logging.getLogger("verifier.proxy")

MAX_MESSAGE = 16 * 1024 * 1024  # one realtime event can be a long audio delta or a big session echo
# Close codes that never travel on the wire (RFC 6455 7.4.1): 1005 "no status", 1006 "abnormal".
NO_STATUS, ABNORMAL = 1005, 1006

HttpRoute = Callable[[], tuple[int, str, bytes]]  # () -> (status, content type, body)


class TapPort(Protocol):
    """What the relay tells the tap. Every method must return immediately (no I/O, no waiting)."""

    def open(self, route: Route, peer: str, secrets: list[str]) -> int: ...

    def frame(self, conn: int, direction: str, data: str | bytes, t: float) -> None: ...

    def close(self, conn: int, code: int | None, reason: str, by: str) -> None: ...


@dataclass
class RelayStats:
    """Plain counters, written only from the event loop thread; read by /metrics."""

    frames: Counter[str] = field(default_factory=Counter)  # "server" (upstream -> client) / "client"
    bytes: Counter[str] = field(default_factory=Counter)
    sessions_open: int = 0
    sessions_total: int = 0
    rejected: Counter[int] = field(default_factory=Counter)  # upstream handshake refusals by status
    upstream_unreachable: int = 0
    tap_errors: int = 0


@dataclass
class _Pending:
    upstream: ClientConnection
    plan: UpstreamPlan


class Relay:
    """The proxy listener: WebSocket relay plus a few local HTTP routes (`/metrics`, `/healthz`)."""

    def __init__(
        self,
        upstream: str,
        tap: TapPort | None = None,
        *,
        upstream_ssl: ssl.SSLContext | None = None,
        http_routes: Mapping[str, HttpRoute] | None = None,
        open_timeout: float = 20.0,
        max_message: int = MAX_MESSAGE,
    ) -> None:
        self.base = handshake.upstream_base(upstream)
        self.tap = tap
        self.upstream_ssl = upstream_ssl
        self.http_routes = dict(http_routes or {})
        self.open_timeout = open_timeout
        self.max_message = max_message
        self.stats = RelayStats()
        self._pending: dict[Any, _Pending] = {}
        self._server: Server | None = None
        self._loopback = (urlsplit(self.base).hostname or "") in ("127.0.0.1", "localhost", "::1")

    # -- lifecycle -------------------------------------------------------------

    async def start(self, host: str, port: int, ssl_context: ssl.SSLContext | None = None) -> Server:
        self._server = await serve(
            self._handle,
            host,
            port,
            ssl=ssl_context,
            process_request=self._process_request,
            process_response=self._process_response,
            select_subprotocol=self._select_subprotocol,
            compression=None,
            max_size=self.max_message,
            server_header=None,
            open_timeout=self.open_timeout + 10,
        )  # the client's handshake includes our upstream dial
        return self._server

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(next(iter(self._server.sockets)).getsockname()[1])

    async def stop(self, close_timeout: float = 5.0) -> None:
        """Stop accepting; close every session with 1001 (going away) on both sides."""
        if self._server is None:
            return
        self._server.close(close_connections=True)
        try:
            await asyncio.wait_for(self._server.wait_closed(), close_timeout)
        except asyncio.TimeoutError:
            pass
        for p in list(self._pending.values()):
            p.upstream.transport.abort()
        self._pending.clear()
        self._server = None

    # -- handshake -------------------------------------------------------------

    async def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if "websocket" not in request.headers.get("Upgrade", "").lower():
            return self._http(request)
        offered = [
            p.strip() for v in request.headers.get_all("Sec-WebSocket-Protocol") for p in v.split(",") if p.strip()
        ]
        p = handshake.plan(self.base, request.path, list(request.headers.raw_items()), offered)
        kwargs: dict[str, Any] = {
            "additional_headers": p.headers,
            "subprotocols": p.subprotocols or None,
            "user_agent_header": None,
            "compression": None,
            "max_size": self.max_message,
            "open_timeout": self.open_timeout,
        }
        if self._loopback:
            kwargs["proxy"] = None  # never send loopback traffic through an environment proxy
        if self.upstream_ssl is not None and p.url.startswith("wss:"):
            kwargs["ssl"] = self.upstream_ssl
        try:
            upstream = await connect(p.url, **kwargs)
        except InvalidStatus as e:
            self.stats.rejected[e.response.status_code] += 1
            log.info("upstream refused %s %s: HTTP %d", p.route.api, p.route.path.split("?")[0], e.response.status_code)
            return _mirror(e.response)
        except (OSError, asyncio.TimeoutError, InvalidHandshake) as e:
            self.stats.upstream_unreachable += 1
            status = 504 if isinstance(e, asyncio.TimeoutError) else 502
            # The exception text can hold the URL, never headers; still keep it to the type and host.
            what = f"{type(e).__name__} reaching {urlsplit(self.base).netloc}"
            log.warning("upstream unreachable: %s", what)
            return _local(
                status,
                {
                    "error": {
                        "type": "proxy_error",
                        "code": "upstream_unreachable",
                        "message": f"verifier proxy could not reach the upstream: {what}",
                    }
                },
            )
        self._pending[connection.id] = _Pending(upstream, p)
        # A client that vanishes between our dial and its 101 never reaches _handle: reap its upstream.
        asyncio.get_running_loop().call_later(self.open_timeout + 15, self._reap, connection.id)
        return None

    def _reap(self, key: Any) -> None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.upstream.transport.abort()

    def _select_subprotocol(self, connection: ServerConnection, offered: Any) -> Any:
        pending = self._pending.get(connection.id)
        return pending.upstream.subprotocol if pending is not None else None

    def _process_response(self, connection: ServerConnection, request: Request, response: Response) -> None:
        pending = self._pending.get(connection.id)
        if pending is None:
            return
        if response.status_code != http.HTTPStatus.SWITCHING_PROTOCOLS:
            self._pending.pop(connection.id, None)
            pending.upstream.transport.abort()
            return
        up = pending.upstream.response
        if up is not None:
            for k, v in handshake.response_headers(list(up.headers.raw_items())):
                response.headers[k] = v

    def _http(self, request: Request) -> Response:
        route = self.http_routes.get(urlsplit(request.path).path)
        if route is None:
            return _local(426, {"error": {"message": "this is a WebSocket proxy: connect with a WebSocket client"}})
        try:
            status, ctype, body = route()
        except Exception as e:  # a broken metrics page must not take the listener down
            log.warning("local route %s failed: %s", request.path, type(e).__name__)
            status, ctype, body = 500, "text/plain; charset=utf-8", b"internal error\n"
        headers = Headers([("Content-Type", ctype), ("Content-Length", str(len(body))), ("Connection", "close")])
        return Response(status, http.HTTPStatus(status).phrase, headers, body)

    # -- relaying --------------------------------------------------------------

    async def _handle(self, client: ServerConnection) -> None:
        pending = self._pending.pop(client.id, None)
        if pending is None:  # cannot happen: a 101 is only sent after a successful dial
            await client.close(1011, "proxy: no upstream")
            return
        upstream, p = pending.upstream, pending.plan
        self.stats.sessions_open += 1
        self.stats.sessions_total += 1
        conn = self._tap_open(p, client)
        ended: list[tuple[str, Any]] = []  # (side, close frame it sent or None), first closer first
        try:
            await asyncio.gather(
                self._pump(upstream, client, "server", conn, ended),
                self._pump(client, upstream, "client", conn, ended),
                return_exceptions=True,
            )
        finally:
            self.stats.sessions_open -= 1
            for ws in (upstream, client):
                if ws.close_code is None and ws.transport is not None:
                    ws.transport.abort()
            if conn is not None and self.tap is not None:
                side, rcvd = ended[0] if ended else ("server", None)
                try:
                    self.tap.close(
                        conn,
                        rcvd.code if rcvd is not None else ABNORMAL,
                        rcvd.reason if rcvd is not None else "",
                        "upstream" if side == "server" else "client",
                    )
                except Exception:
                    self.stats.tap_errors += 1

    async def _pump(
        self,
        src: ClientConnection | ServerConnection,
        dst: ClientConnection | ServerConnection,
        direction: str,
        conn: int | None,
        ended: list[tuple[str, Any]],
    ) -> None:
        frames, nbytes = self.stats.frames, self.stats.bytes
        tap = self.tap if conn is not None else None
        while True:
            try:
                message = await src.recv()
            except ConnectionClosed:
                break
            try:
                await dst.send(message)
            except ConnectionClosed:
                return  # dst went away first: the other pump carries its close across
            frames[direction] += 1
            nbytes[direction] += len(message)
            if tap is not None:
                try:
                    tap.frame(conn, direction, message, time.time())  # type: ignore[arg-type]
                except Exception:
                    self.stats.tap_errors += 1
        rcvd = src.protocol.close_rcvd
        ended.append((direction, rcvd))
        await _pass_close(dst, rcvd)

    def _tap_open(self, p: UpstreamPlan, client: ServerConnection) -> int | None:
        if self.tap is None:
            return None
        try:
            addr = client.remote_address
            peer = f"{addr[0]}:{addr[1]}" if isinstance(addr, tuple) and len(addr) >= 2 else ""
            return self.tap.open(p.route, peer, p.secrets)
        except Exception:
            self.stats.tap_errors += 1
            return None


async def _pass_close(dst: ClientConnection | ServerConnection, rcvd: Any) -> None:
    """Hand the close that `src` received to `dst`: same code and reason, or an abrupt drop for a drop."""
    if dst.close_code is not None or dst.protocol.close_sent is not None:
        return
    if rcvd is None:
        dst.transport.abort()
        return
    # A close frame without a code (read as 1005) goes on as one without a code: websockets sends
    # an empty close frame for code None, which its signature does not admit.
    code: int | None = None if rcvd.code == NO_STATUS else rcvd.code
    try:
        await dst.close(code, rcvd.reason)  # type: ignore[arg-type]
    except Exception:  # an invalid code from a hostile peer: fall back to a plain close
        await dst.close()


def _mirror(up: Response) -> Response:
    """The upstream's refusal, as the client would have had it directly."""
    body = bytes(up.body or b"")
    headers = Headers()
    for k, v in up.headers.raw_items():
        if k.lower() not in handshake.HOP_HEADERS and k.lower() not in ("server", "date"):
            headers[k] = v
    headers["Content-Length"] = str(len(body))
    headers["Connection"] = "close"
    return Response(up.status_code, up.reason_phrase, headers, body)


def _local(status: int, payload: dict[str, Any]) -> Response:
    body = json.dumps(payload).encode()
    headers = Headers(
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Connection", "close")]
    )
    return Response(status, http.HTTPStatus(status).phrase, headers, body)
