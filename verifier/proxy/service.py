"""One runnable proxy: relay + tap + metrics, on an event loop or its own thread.

    proxy = Proxy(ProxyConfig(upstream="https://x.openai.azure.com", out="runs/live"))
    await proxy.start(); ...; await proxy.stop()

The command line (`verifier proxy`) and the tests both build this.
"""

from __future__ import annotations

import asyncio
import secrets
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import handshake
from .metrics import ProxyMetrics, health
from .relay import Relay
from .tap import Tap, Webhook, default_verifier, open_run_dir


@dataclass
class ProxyConfig:
    upstream: str
    out: str | Path
    host: str = "127.0.0.1"
    port: int = 8443
    certfile: str | None = None
    keyfile: str | None = None
    upstream_cafile: str | None = None  # extra CA to trust for the upstream (a private gateway, tests)
    upstream_ssl: ssl.SSLContext | None = field(default=None, repr=False)
    alert_webhook: str | None = None
    verify: bool = True
    verifier_model: str = "base"
    decode: str = "auto"
    verifier_factory: Callable[[], Any] | None = field(default=None, repr=False)  # tests: a given verifier
    max_pending: int = 16
    report_every: float = 30.0
    log_events: bool = True


class Proxy:
    def __init__(self, config: ProxyConfig) -> None:
        self.config = config
        self.base = handshake.upstream_base(config.upstream)  # a bad --upstream fails here, before any file
        self.relay: Relay | None = None
        self.tap: Tap | None = None
        self.metrics: ProxyMetrics | None = None
        self.webhook: Webhook | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # -- async ---------------------------------------------------------------------

    async def start(self) -> Proxy:
        c = self.config
        listen_ssl = None
        if c.certfile:
            listen_ssl = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            listen_ssl.load_cert_chain(c.certfile, c.keyfile)
        upstream_ssl = c.upstream_ssl
        if upstream_ssl is None and c.upstream_cafile:
            upstream_ssl = ssl.create_default_context(cafile=c.upstream_cafile)
        rd = open_run_dir(c.out, self._run_info())
        factory = None
        if c.verify:
            factory = c.verifier_factory or default_verifier(c.verifier_model, c.decode)
        relay = Relay(c.upstream, None, upstream_ssl=upstream_ssl)
        metrics = ProxyMetrics(relay.stats, pending=lambda: self.tap.pending if self.tap is not None else 0)
        tap = Tap(rd, verifier=factory, max_pending=c.max_pending, observer=metrics,
                  report_every=c.report_every, log_events=c.log_events)
        if c.alert_webhook:
            self.webhook = Webhook(c.alert_webhook, stats=tap.stats)
            tap.alert = self.webhook
        relay.tap = tap
        relay.http_routes = {"/metrics": metrics.page, "/healthz": lambda: health(relay.stats, tap.stats.to_dict())}
        tap.start()
        self.relay, self.tap, self.metrics = relay, tap, metrics
        try:
            await relay.start(c.host, c.port, listen_ssl)
        except BaseException:
            tap.stop(timeout=5)
            raise
        return self

    async def stop(self, timeout: float = 60.0) -> None:
        if self.relay is None or self.tap is None:
            return
        self.tap.stopping()
        await self.relay.stop()
        await asyncio.to_thread(self.tap.stop, timeout)
        if self.webhook is not None:
            await asyncio.to_thread(self.webhook.close)
        if self.config.report_every > 0:
            await asyncio.to_thread(self.tap.refresh_report)
        self.relay = None

    @property
    def port(self) -> int:
        assert self.relay is not None
        return self.relay.port

    def url(self, scheme: str | None = None) -> str:
        s = scheme or ("wss" if self.config.certfile else "ws")
        return f"{s}://{self.config.host}:{self.port}"

    def http_url(self) -> str:
        return f"{'https' if self.config.certfile else 'http'}://{self.config.host}:{self.port}"

    # -- in a thread (synchronous callers, tests) -----------------------------------

    def start_in_thread(self) -> Proxy:
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._loop = loop
        self._thread = threading.Thread(target=main, name="verifier-proxy", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._loop = self._thread = None
            raise failure[0]
        return self

    def stop_thread(self, timeout: float = 120.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self.stop(timeout), loop).result(timeout=timeout + 30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        self._loop = self._thread = None

    def _run_info(self) -> dict[str, Any]:
        from urllib.parse import urlsplit

        parts = urlsplit(self.base)
        c = self.config
        return {
            "run_id": datetime.now(timezone.utc).strftime("proxy-%Y%m%d-%H%M%S-") + secrets.token_hex(2),
            "tool": "verifier", "kind": "proxy", "started_epoch": time.time(),
            "target": {"kind": "proxy", "endpoint_host": parts.hostname, "port": parts.port, "path": parts.path or "/"},
            "verifier_model": c.verifier_model if c.verify else None, "decode": c.decode,
            "config": {"listen": f"{c.host}:{c.port}", "tls": bool(c.certfile), "verify": c.verify,
                       "max_pending": c.max_pending, "alerts": bool(c.alert_webhook), "log_events": c.log_events},
        }
