"""One runnable proxy: relay + tap + metrics, on an event loop or its own thread.

    proxy = Proxy(ProxyConfig(upstream="https://x.openai.azure.com", out="runs/live"))
    await proxy.start(); ...; await proxy.stop()

The command line (`verifier proxy`) and the tests both build this.
"""

from __future__ import annotations

import asyncio
import secrets
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from verifier.proxy import handshake
from verifier.proxy.link import TapLink
from verifier.proxy.metrics import ProxyMetrics, health
from verifier.proxy.relay import Relay
from verifier.proxy.tap import Tap, build_tap
from verifier.realtime.loop_thread import LoopThread


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
    fault_share: float | None = None  # confidences restated at this share of faults (live traffic's is low)
    verifier_factory: Callable[[], Any] | None = field(default=None, repr=False)  # tests: a given verifier
    max_pending: int = 16
    report_every: float = 30.0
    log_events: bool = True
    #: Run the tap (collector, run directory, verification) in a child process, so nothing it does
    #: shares the relay's GIL. The command line does; in-process embedding and fast tests need not.
    tap_process: bool = False


class Proxy:
    def __init__(self, config: ProxyConfig) -> None:
        self.config = config
        self.base = handshake.upstream_base(config.upstream)  # a bad --upstream fails here, before any file
        self.relay: Relay | None = None
        self.tap: Tap | None = None  # the tap, when it runs in this process
        self.link: TapLink | None = None  # the tap process, when it runs in its own
        self._close_extra: Callable[[], None] = lambda: None
        self.metrics: ProxyMetrics | None = None
        self._background = LoopThread("verifier-proxy")

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
        relay = Relay(c.upstream, None, upstream_ssl=upstream_ssl)
        metrics = ProxyMetrics(relay.stats, pending=self._pending)
        settings = {
            "out": str(c.out),
            "info": self._run_info(),
            "verify": c.verify,
            "verifier_model": c.verifier_model,
            "decode": c.decode,
            "fault_share": c.fault_share,
            "max_pending": c.max_pending,
            "report_every": c.report_every,
            "log_events": c.log_events,
            "alert_webhook": c.alert_webhook,
        }
        if c.tap_process:
            link = TapLink(settings, observer=metrics)
            await link.start()
            relay.tap, self.link = link, link
        else:
            tap, self._close_extra = await asyncio.to_thread(build_tap, settings, metrics, c.verifier_factory)
            relay.tap, self.tap = tap, tap
        relay.http_routes = {"/metrics": metrics.page, "/healthz": lambda: health(relay.stats, self.tap_stats())}
        self.relay, self.metrics = relay, metrics
        try:
            await relay.start(c.host, c.port, listen_ssl)
        except BaseException:
            await self._stop_tap(5)
            raise
        return self

    def _pending(self) -> int:
        if self.tap is not None:
            return self.tap.pending
        return self.link.pending if self.link is not None else 0

    def tap_stats(self) -> dict[str, Any]:
        if self.tap is not None:
            return self.tap.stats.to_dict()
        if self.link is not None:
            return {
                **self.link.stats,
                "frames_dropped_by_relay": self.link.frames_dropped,
                "tap_process_error": self.link.child_error,
            }
        return {}

    async def stop(self, timeout: float = 120.0) -> None:
        if self.relay is None:
            return
        for t in (self.tap, self.link):
            if t is not None:
                t.stopping()
        await self.relay.stop()
        await self._stop_tap(timeout)
        self.relay = None

    async def _stop_tap(self, timeout: float) -> None:
        if self.link is not None:
            await self.link.stop(timeout)
        if self.tap is not None:
            await asyncio.to_thread(self.tap.stop, timeout)
            await asyncio.to_thread(self._close_extra)

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
        self._background.start(self.start)
        return self

    def stop_thread(self, timeout: float = 120.0) -> None:
        self._background.stop(lambda: self.stop(timeout), timeout=timeout + 30)

    def _run_info(self) -> dict[str, Any]:
        from urllib.parse import urlsplit

        parts = urlsplit(self.base)
        c = self.config
        reading = None
        if c.verify:  # a tap that only records loads nothing of the verifier
            from verifier.core.calibration.model import reading_info

            reading = reading_info(c.verifier_model, None)
        return {
            "run_id": datetime.now(timezone.utc).strftime("proxy-%Y%m%d-%H%M%S-") + secrets.token_hex(2),
            "tool": "verifier",
            "kind": "proxy",
            "started_epoch": time.time(),
            "target": {"kind": "proxy", "endpoint_host": parts.hostname, "port": parts.port, "path": parts.path or "/"},
            "verifier_model": c.verifier_model if c.verify else None,
            "decode": c.decode,
            "fault_share": c.fault_share if c.verify else None,
            "reading": reading,
            "config": {
                "listen": f"{c.host}:{c.port}",
                "tls": bool(c.certfile),
                "verify": c.verify,
                "max_pending": c.max_pending,
                "alerts": bool(c.alert_webhook),
                "log_events": c.log_events,
            },
        }
