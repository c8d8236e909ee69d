"""Helpers for the proxy tests: a scripted upstream that records what it was sent, and proxy setup."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

import numpy as np
from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from verifier.proxy.service import Proxy, ProxyConfig
from verifier.schema.results import Verdict
from verifier.simulator.speech import SpeechRenderer

SECRET = "sk-test-0123456789abcdefSECRET"


def tone_speech() -> SpeechRenderer:
    """A stand-in voice: 0.3 s of tone per word (relay tests check bytes, not speech)."""

    def synth(text: str, language: str) -> np.ndarray:
        n = int(24_000 * 0.3 * max(1, len(text.split())))
        return (0.3 * np.sin(np.arange(n) * 2 * np.pi * 220 / 24_000)).astype(np.float32)

    return SpeechRenderer(synth=synth)


class MatchAll:
    """A verifier stand-in for relay tests: every pair matches (real ASR is in the slow tests)."""

    def verify_many(self, items: list[Any]) -> list[Verdict]:
        return [Verdict(id=i.id, verdict="match", meta=i.meta) for i in items]


@dataclass
class Scripted:
    """An upstream that records each handshake and every message, and plays a script back.

    `script(ws)` runs per connection after the handshake; `refuse` answers the
    handshake with (status, headers, body) instead; `choose` picks a subprotocol.
    """

    script: Callable[[ServerConnection], Any] | None = None
    refuse: tuple[int, list[tuple[str, str]], bytes] | None = None
    choose: str | None = None
    requests: list[Request] = field(default_factory=list)
    received: list[str | bytes] = field(default_factory=list)
    closes: list[tuple[int | None, str]] = field(default_factory=list)
    port: int = 0

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Scripted]:
        def process_request(conn: ServerConnection, request: Request) -> Response | None:
            self.requests.append(request)
            if self.refuse is None:
                return None
            status, headers, body = self.refuse
            h = Headers(headers)
            h["Content-Length"] = str(len(body))
            return Response(status, HTTPStatus(status).phrase, h, body)

        def select(conn: ServerConnection, offered: Any) -> Any:
            return self.choose if self.choose in offered else None

        async def handler(ws: ServerConnection) -> None:
            try:
                if self.script is not None:
                    await self.script(ws)
                async for m in ws:
                    self.received.append(m)
            except Exception:
                pass
            rcvd = ws.protocol.close_rcvd
            self.closes.append((rcvd.code, rcvd.reason) if rcvd is not None else (None, ""))

        async with serve(
            handler,
            "127.0.0.1",
            0,
            process_request=process_request,
            select_subprotocol=select,
            compression=None,
            max_size=None,
        ) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            yield self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@asynccontextmanager
async def proxy_to(upstream: str, out: Path, **kw: Any) -> AsyncIterator[Proxy]:
    kw.setdefault("verifier_factory", MatchAll)
    kw.setdefault("report_every", 0)
    p = Proxy(ProxyConfig(upstream=upstream, out=out, port=0, **kw))
    await p.start()
    try:
        yield p
    finally:
        await p.stop()


async def http_get(url: str) -> tuple[int, str]:
    """GET from a thread: the proxy under test serves on this very event loop."""
    return await asyncio.to_thread(_get, url)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except urllib.error.URLError as e:  # not listening (yet)
        return 0, str(e.reason)


def metric(page: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text, 0.0 when absent."""
    for line in page.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        base, _, rest = head.partition("{")
        if base != name:
            continue
        got = dict(kv.split("=", 1) for kv in rest.rstrip("}").split(",") if kv) if rest else {}
        if all(got.get(k) == json.dumps(v) for k, v in labels.items()):
            return float(value)
    return 0.0


def rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


async def wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def strip_ids(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with the per-run ids removed, to compare a proxied session with a direct one."""

    def clean(v: Any) -> Any:
        if isinstance(v, dict):
            return {
                k: clean(x)
                for k, x in v.items()
                if k not in ("event_id", "id", "response_id", "item_id", "previous_item_id", "expires_at")
            }
        if isinstance(v, list):
            return [clean(x) for x in v]
        return v

    return [clean(e) for e in events]
