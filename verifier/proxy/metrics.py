"""`/metrics` in the Prometheus text format, and the `/healthz` body.

Relay counters are plain integers the event loop already keeps; they are read
at scrape time by a custom collector, so the hot path never takes a metrics
lock. Verdicts, audio seconds, lag and skips arrive from the tap's threads
through `ProxyMetrics`, which satisfies the tap's `Observer` protocol.

Labels come from the client's URL (deployment, api-version), so their number
is capped: past `MAX_SERIES` distinct pairs, new ones are counted as "other".
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from verifier.proxy.handshake import Route
from verifier.proxy.relay import RelayStats

MAX_SERIES = 200
LAG_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800)


class ProxyMetrics:
    def __init__(self, relay: RelayStats, pending: Callable[[], int] = lambda: 0) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._lock = threading.Lock()
        self._series: set[tuple[str, str]] = set()
        self.responses = Counter(
            "verifier_proxy_responses",
            "Verified responses by verdict class",
            ["verdict", "deployment", "api_version"],
            registry=self.registry,
        )
        self.audio_seconds = Counter(
            "verifier_proxy_audio_seconds",
            "Seconds of response audio captured",
            ["deployment", "api_version"],
            registry=self.registry,
        )
        self.lag_seconds = Histogram(
            "verifier_proxy_verification_lag_seconds",
            "From a response's end to its verdict",
            buckets=LAG_BUCKETS,
            registry=self.registry,
        )
        self.skipped_total = Counter(
            "verifier_proxy_responses_skipped", "Responses not verified, by reason", ["reason"], registry=self.registry
        )
        self.registry.register(_RelayCollector(relay, pending))

    # -- Observer ----------------------------------------------------------------

    def response(self, verdict: str, route: Route) -> None:
        self.responses.labels(verdict, *self._labels(route)).inc()

    def audio(self, seconds: float, route: Route) -> None:
        self.audio_seconds.labels(*self._labels(route)).inc(max(0.0, seconds))

    def lag(self, seconds: float) -> None:
        self.lag_seconds.observe(max(0.0, seconds))

    def skipped(self, reason: str) -> None:
        self.skipped_total.labels(reason).inc()

    # -- pages -------------------------------------------------------------------

    def page(self) -> tuple[int, str, bytes]:
        return 200, CONTENT_TYPE_LATEST, generate_latest(self.registry)

    def _labels(self, route: Route) -> tuple[str, str]:
        key = (route.deployment, route.api_version)
        with self._lock:
            if key not in self._series:
                if len(self._series) >= MAX_SERIES:
                    return ("other", "other")
                self._series.add(key)
        return key


class _RelayCollector:
    def __init__(self, stats: RelayStats, pending: Callable[[], int]) -> None:
        self.stats = stats
        self.pending = pending

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        s = self.stats
        frames = CounterMetricFamily("verifier_proxy_frames", "WebSocket messages relayed", labels=["direction"])
        nbytes = CounterMetricFamily("verifier_proxy_bytes", "Payload bytes relayed", labels=["direction"])
        for d in ("server", "client"):
            frames.add_metric([d], s.frames[d])
            nbytes.add_metric([d], s.bytes[d])
        yield frames
        yield nbytes
        yield GaugeMetricFamily("verifier_proxy_sessions_open", "Sessions being relayed now", value=s.sessions_open)
        yield CounterMetricFamily("verifier_proxy_sessions", "Sessions relayed since start", value=s.sessions_total)
        refused = CounterMetricFamily(
            "verifier_proxy_handshakes_refused", "Upstream handshake refusals passed on", labels=["status"]
        )
        for status, n in sorted(s.rejected.items()):
            refused.add_metric([str(status)], n)
        yield refused
        yield CounterMetricFamily(
            "verifier_proxy_upstream_unreachable",
            "Handshakes that could not reach upstream",
            value=s.upstream_unreachable,
        )
        yield CounterMetricFamily(
            "verifier_proxy_tap_errors", "Tap calls that failed (the frames still went)", value=s.tap_errors
        )
        yield GaugeMetricFamily(
            "verifier_proxy_verification_pending", "Responses waiting for or in verification", value=self.pending()
        )


def health(relay: RelayStats, tap: dict[str, Any] | None) -> tuple[int, str, bytes]:
    # The relay works without its tap; "degraded" says responses are no longer being followed.
    degraded = bool(tap and tap.get("tap_process_error"))
    body = {
        "status": "degraded" if degraded else "ok",
        "sessions_open": relay.sessions_open,
        "sessions_total": relay.sessions_total,
        "tap": tap,
    }
    return 200, "application/json", json.dumps(body).encode()
