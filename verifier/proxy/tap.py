"""The tap: relayed frames in, captures and verdicts in a run directory out.

The relay calls `open` / `frame` / `close` on the event loop; each only puts
a tuple on a bounded queue and returns. One tap thread drains it: per
connection a `Collector` (the same sans-I/O collector `verifier run` uses,
fed unchanged so its captures flow through as they are), the event log, and
each finished capture written to the run directory. Captures then go to the
scorer (`Scorer`, a thread of its own) through a bounded window: when
verification falls behind, new captures are skipped and counted rather than
queued without end, and a skipped capture stays in `captures.jsonl`, so
nothing collected is lost. Unfinished responses cost no ASR and are always
judged (verdict `error`).

If the tap itself falls behind (its frame queue is full), frames are not
relayed any slower: the tap stops following that connection's in-flight
responses, counts them as skipped, and picks up again at the next response.

Credentials: the values `handshake.credentials()` found are registered with
the redactor for the life of the process, and only `Route` labels (masked
path, deployment, api-version, auth kind) are ever written.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from verifier.harness.scorer import Scorer, VerifierLike, make_verifier
from verifier.proxy.handshake import Route
from verifier.realtime.collector import Collector
from verifier.realtime.outcome import unfinished_reason
from verifier.schema import audio as _audio
from verifier.schema.captures import ResponseCapture
from verifier.schema.redact import redact, redact_obj, register_secret
from verifier.schema.results import Verdict, fails
from verifier.schema.rundir import RunDir, read_jsonl

log = logging.getLogger("verifier.proxy.tap")

SESSIONS = "proxy_sessions.jsonl"  # one line per session opened / closed, beside the run's own files
STOPPED = "proxy stopped"
FRAME_QUEUE = 200_000  # frames; ~ a minute of 50 busy sessions
MAX_PENDING = 16  # captures waiting for or in verification before new ones are skipped
CLIENT_AUDIO_EVENTS = frozenset({"input_audio_buffer.append"})


class Observer(Protocol):
    """Where the tap reports what it counted (metrics); methods run on tap/scorer threads."""

    def response(self, verdict: str, route: Route) -> None: ...

    def audio(self, seconds: float, route: Route) -> None: ...

    def lag(self, seconds: float) -> None: ...

    def skipped(self, reason: str) -> None: ...


@dataclass
class TapStats:
    sessions: int = 0
    frames_seen: int = 0
    frames_dropped: int = 0  # tap queue full: not followed (still relayed)
    captures: int = 0
    submitted: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> responses not verified
    tap_errors: int = 0
    alerts_sent: int = 0
    alerts_failed: int = 0
    reports_written: int = 0
    last_lag_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["verdicts"], d["skipped"] = dict(self.verdicts), dict(self.skipped)
        return d


@dataclass
class _Session:
    conn: int
    route: Route
    collector: Collector
    dropped_seen: int = 0
    frames: Counter[str] = field(default_factory=Counter)


class Tap:
    """Follows every relayed session; see the module docstring. `start()` before use, `stop()` at the end."""

    def __init__(
        self,
        run_dir: RunDir,
        *,
        verifier: Callable[[], VerifierLike] | None = None,
        max_pending: int = MAX_PENDING,
        frame_queue: int = FRAME_QUEUE,
        observer: Observer | None = None,
        alert: Callable[[dict[str, Any]], None] | None = None,
        report_every: float = 0.0,
        log_events: bool = True,
    ) -> None:
        self.run_dir = run_dir
        self.observer = observer
        self.alert = alert
        self.log_events = log_events
        self.max_pending = max_pending
        self.frame_limit = frame_queue
        self.report_every = report_every
        self.stats = TapStats()
        self._q: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._dropped: Counter[int] = Counter()  # conn -> frames dropped (written on the loop thread)
        self._sessions: dict[int, _Session] = {}
        self._routes: dict[str, tuple[Route, float]] = {}  # response_id -> (route, when it was submitted)
        self._next_conn = _last_conn(run_dir)
        self._stopping = False
        self._lock = threading.Lock()
        self._pending = 0
        # live traffic has no end to judge it again at: each reply is judged with the voice of those before it
        self._scorer = (
            Scorer(run_dir, _lowered(verifier), self._on_result, final_pass=False) if verifier is not None else None
        )
        self._thread = threading.Thread(target=self._loop, name="verifier-proxy-tap", daemon=True)
        self._reporter: threading.Thread | None = None
        self._stop_reports = threading.Event()
        self._results_at_report = -1
        self._sessions_file = open(run_dir.path / SESSIONS, "a", encoding="utf-8")

    # -- the relay's side (event loop thread): O(1), never blocks -------------

    def open(self, route: Route, peer: str, secrets: list[str]) -> int:
        for value in secrets:  # before any frame of this session can reach a log
            register_secret(value)
        self._next_conn += 1
        self._q.put(("open", self._next_conn, route, peer, time.time()))
        return self._next_conn

    def open_as(self, conn: int, route: Route, peer: str, secrets: list[str]) -> None:
        """`open` with the connection number chosen by the relay (the tap in its own process)."""
        for value in secrets:
            register_secret(value)
        self._next_conn = max(self._next_conn, conn)
        self._q.put(("open", conn, route, peer, time.time()))

    def frame_with_drops(self, conn: int, direction: str, data: str | bytes, t: float, drops: int) -> None:
        """`frame`, told how many frames of this connection the relay could not pass on to the tap."""
        if drops > self._dropped.get(conn, 0):
            self._dropped[conn] = drops
        self.frame(conn, direction, data, t)

    @property
    def next_conn(self) -> int:
        return self._next_conn

    def frame(self, conn: int, direction: str, data: str | bytes, t: float) -> None:
        if self._q.qsize() >= self.frame_limit:
            self._dropped[conn] += 1
            self.stats.frames_dropped += 1
            return
        self._q.put(("frame", conn, direction, data, t))

    def close(self, conn: int, code: int | None, reason: str, by: str) -> None:
        self._q.put(("close", conn, code, reason, by, time.time()))

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> Tap:
        self._thread.start()
        if self.report_every > 0:
            self._reporter = threading.Thread(target=self._report_loop, name="verifier-proxy-report", daemon=True)
            self._reporter.start()
        return self

    def stopping(self) -> None:
        """From now on, responses cut off by closing sessions are the proxy's doing, not the service's."""
        self._stopping = True

    def stop(self, timeout: float = 60.0) -> None:
        """Drain the frames, keep what was in flight as retried, finish verification, write run.json."""
        self._stopping = True
        self._q.put(None)
        self._thread.join(timeout)
        if self._scorer is not None:
            self._scorer.close(timeout=timeout)
        if self._reporter is not None:
            self._stop_reports.set()
            self._reporter.join(timeout)
        self._sessions_file.close()
        self.write_info(finished=True)

    def write_info(self, finished: bool = False) -> None:
        self.run_dir.info["proxy"] = self.stats.to_dict()
        if self._scorer is not None and self._scorer.error:
            self.run_dir.info["scoring_error"] = self._scorer.error
        if finished:
            self.run_dir.finish()
        else:
            self.run_dir.write_info()

    @property
    def pending(self) -> int:
        return self._pending

    # -- the tap thread --------------------------------------------------------

    def _loop(self) -> None:
        while True:
            item = self._q.get()
            if item is None:
                break
            try:
                kind = item[0]
                if kind == "frame":
                    self._frame(*item[1:])
                elif kind == "open":
                    self._open(*item[1:])
                elif kind == "close":
                    self._close(*item[1:])
            except Exception as e:  # one odd frame must not end the tap for every session
                self.stats.tap_errors += 1
                log.warning("tap: %s", redact(f"{type(e).__name__}: {e}"))
        for conn in list(self._sessions):
            self._close(conn, None, STOPPED, "proxy", time.time())

    def _open(self, conn: int, route: Route, peer: str, t: float) -> None:
        self._sessions[conn] = _Session(conn, route, Collector())
        self.stats.sessions += 1
        self._session_line({"conn": conn, "event": "open", "t": self._t(t), "route": asdict(route), "peer": peer})

    def _frame(self, conn: int, direction: str, data: str | bytes, t: float) -> None:
        s = self._sessions.get(conn)
        if s is None:
            return
        self.stats.frames_seen += 1
        s.frames[direction] += 1
        if self._dropped[conn] != s.dropped_seen:
            self._lost_frames(s)
        event = _parse(data)
        rel = self._t(t)
        if direction == "client":
            if self.log_events and event is not None:
                self.run_dir.log_event(_slim_client(event), conn=conn, prompt_id=None, attempt=None, client=True, t=rel)
            # what the client asked for (modalities, barge-in) decides what the response is judged on
            s.collector.feed_client(event if event is not None else data, rel)
            return
        if self.log_events:
            self.run_dir.log_event(
                event if event is not None else _raw_text(data), conn=conn, prompt_id=None, attempt=None, t=rel
            )
        for cap in s.collector.feed(event if event is not None else data, rel):
            self._finished(s, cap)

    def _close(self, conn: int, code: int | None, reason: str, by: str, t: float) -> None:
        s = self._sessions.pop(conn, None)
        self._dropped.pop(conn, None)
        if s is None:
            return
        detail = f"code {code}{': ' + reason if reason else ''}"
        why = STOPPED if self._stopping else f"connection closed by the {by} ({detail})"
        for cap in s.collector.close(why):
            self._finished(s, cap)
        self._session_line(
            {
                "conn": conn,
                "event": "close",
                "t": self._t(t),
                "by": by,
                "code": code,
                "reason": redact(reason),
                "frames": dict(s.frames),
                "problems": [redact(p) for p in s.collector.problems[:50]],
            }
        )

    def _session_line(self, row: dict[str, Any]) -> None:
        # Flushed per line, like the run's own logs: a killed proxy loses at most this line.
        self._sessions_file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._sessions_file.flush()

    def _lost_frames(self, s: _Session) -> None:
        s.dropped_seen = self._dropped[s.conn]
        lost = s.collector.close("tap fell behind; frames not followed")
        if lost:
            self._skip("tap_behind", len(lost))
            for cap in lost:
                self.run_dir.write_retried(cap, "tap fell behind")
        fresh = Collector()
        fresh.session_id, fresh.session_format, fresh.session = (
            s.collector.session_id,
            s.collector.session_format,
            s.collector.session,
        )
        s.collector = fresh

    def _finished(self, s: _Session, cap: ResponseCapture) -> None:
        cap.meta.update(
            {"conn": s.conn, "api": s.route.api, "deployment": s.route.deployment, "api_version": s.route.api_version}
        )
        if self._stopping and cap.status is None:
            self.run_dir.write_retried(cap, STOPPED)
            self._skip("proxy_stopped")
            return
        self.run_dir.write_capture(cap)
        self.stats.captures += 1
        if self.observer is not None and cap.audio:
            try:
                self.observer.audio(_audio.duration(cap.audio, cap.audio_format), s.route)
            except Exception:
                pass
        self._submit(cap, s.route)

    def _submit(self, cap: ResponseCapture, route: Route) -> None:
        scorer = self._scorer
        if scorer is None:
            return
        if scorer.error is not None:
            self._skip("verifier_unavailable")
            return
        cheap = unfinished_reason(cap) is not None  # judged without ASR
        with self._lock:
            if not cheap and self._pending >= self.max_pending:
                busy = True
            else:
                busy = False
                self._pending += 1
        if busy:
            self._skip("verification_behind")
            return
        self._routes[cap.response_id] = (route, time.monotonic())
        self.stats.submitted += 1
        scorer.submit(cap)

    def _skip(self, reason: str, n: int = 1) -> None:
        self.stats.skipped[reason] += n
        if self.observer is not None:
            for _ in range(n):
                self.observer.skipped(reason)

    # -- the scorer thread -------------------------------------------------------

    def _on_result(self, v: Verdict) -> None:
        with self._lock:
            self._pending = max(0, self._pending - 1)
        try:
            route, t_submit = self._routes.pop(v.response_id, (None, None))
            self.stats.verdicts[v.verdict] += 1
            if t_submit is not None:
                self.stats.last_lag_s = time.monotonic() - t_submit
            if self.observer is not None and route is not None:
                self.observer.response(v.verdict, route)
                if t_submit is not None:
                    self.observer.lag(time.monotonic() - t_submit)
            if self.alert is not None and fails(v.verdict):
                self.alert(alert_payload(v, self.run_dir.info.get("run_id")))
        except Exception as e:  # metrics or alerting trouble must not stop scoring
            self.stats.tap_errors += 1
            log.warning("tap result handling: %s", redact(f"{type(e).__name__}: {e}"))

    # -- report refresh ------------------------------------------------------------

    def _report_loop(self) -> None:
        while not self._stop_reports.wait(self.report_every):
            self.refresh_report()

    def refresh_report(self) -> None:
        done = sum(self.stats.verdicts.values())
        if done == self._results_at_report:
            return
        try:
            from verifier.report import write_reports

            self.write_info()
            write_reports(self.run_dir.path)
            self._results_at_report = done
            self.stats.reports_written += 1
        except Exception as e:
            log.warning("report refresh failed: %s", redact(f"{type(e).__name__}: {e}"))

    def _t(self, t: float) -> float:
        return round(t - float(self.run_dir.info.get("started_epoch") or 0.0), 6)


def alert_payload(v: Verdict, run_id: Any) -> dict[str, Any]:
    """What a fault alert says: verdict, explanation and ids; no audio, no credentials."""
    payload = {
        "text": f"verifier proxy: {v.verdict} in response {v.response_id}: {v.explanation}",
        "verdict": v.verdict.value,
        "fault": v.is_fault,
        "explanation": v.explanation,
        "flags": list(v.flags),
        "response_id": v.response_id,
        "conn": v.meta.conn,
        "status": v.meta.status,
        "audio_seconds": v.audio_seconds,
        "run_id": run_id,
    }
    return dict(redact_obj(payload))


class Webhook:
    """POSTs alert payloads as JSON from its own thread; a slow or dead endpoint only loses alerts."""

    def __init__(self, url: str, *, timeout: float = 5.0, backlog: int = 100, stats: TapStats | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self.stats = stats
        self._q: queue.Queue[dict[str, Any] | None] = queue.Queue(maxsize=backlog)
        self._thread = threading.Thread(target=self._loop, name="verifier-proxy-alert", daemon=True)
        self._thread.start()

    def __call__(self, payload: dict[str, Any]) -> None:
        try:
            self._q.put_nowait(payload)
        except queue.Full:
            if self.stats is not None:
                self.stats.alerts_failed += 1

    def close(self, timeout: float = 10.0) -> None:
        try:
            self._q.put(None, timeout=timeout)
        except queue.Full:
            return
        self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            payload = self._q.get()
            if payload is None:
                return
            req = urllib.request.Request(
                self.url,
                data=json.dumps(payload).encode(),
                method="POST",
                headers={"Content-Type": "application/json", "User-Agent": "verifier-proxy"},
            )
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    resp.read(1024)
                if self.stats is not None:
                    self.stats.alerts_sent += 1
            except Exception as e:
                if self.stats is not None:
                    self.stats.alerts_failed += 1
                log.warning("alert webhook failed: %s", redact(f"{type(e).__name__}: {e}"))


def open_run_dir(path: str | Path, info: dict[str, Any]) -> RunDir:
    """A fresh run directory, or the existing one reopened to append (a restarted proxy never overwrites)."""
    p = Path(path)
    if (p / "run.json").exists():
        rd = RunDir.open_existing(p)
        rd.info.setdefault("proxy_restarts", 0)
        rd.info["proxy_restarts"] = int(rd.info["proxy_restarts"]) + 1
        rd.write_info()
        return rd
    return RunDir.create(p, info)


def build_tap(
    settings: dict[str, Any], observer: Observer | None, verifier: Callable[[], VerifierLike] | None = None
) -> tuple[Tap, Callable[[], None]]:
    """A started Tap from plain settings (what crosses into the tap process), and its closer.

    settings: out, info (run.json for a new run), verify, verifier_model, decode, fault_share,
    max_pending, report_every, log_events, alert_webhook. `verifier` overrides the model (tests, in-process only).
    """
    rd = open_run_dir(settings["out"], dict(settings.get("info") or {}))
    factory = None
    if settings.get("verify", True):
        share = settings.get("fault_share")
        factory = verifier or default_verifier(
            str(settings.get("verifier_model", "base")),
            str(settings.get("decode", "auto")),
            float(share) if share is not None else None,
        )
    report_every = float(settings.get("report_every", 30.0))
    tap = Tap(
        rd,
        verifier=factory,
        max_pending=int(settings.get("max_pending", MAX_PENDING)),
        observer=observer,
        report_every=report_every,
        log_events=bool(settings.get("log_events", True)),
    )
    webhook = None
    if settings.get("alert_webhook"):
        webhook = Webhook(str(settings["alert_webhook"]), stats=tap.stats)
        tap.alert = webhook
    tap.start()

    def close_extra() -> None:
        if webhook is not None:
            webhook.close()
        if report_every > 0:
            tap.refresh_report()

    return tap, close_extra


def default_verifier(model: str, decode: str, fault_share: float | None = None) -> Callable[[], VerifierLike]:
    """The verifier `verifier run` uses, built on first use (in the scorer thread)."""
    return lambda: make_verifier(model, decode, fault_share=fault_share)


def _last_conn(rd: RunDir) -> int:
    last = rd.max_conn
    for row in read_jsonl(rd.path / SESSIONS):
        if isinstance(row.get("conn"), int):
            last = max(last, row["conn"])
    return last


def _lowered(factory: Callable[[], VerifierLike] | None) -> Callable[[], VerifierLike]:
    """Build the verifier at the lowest CPU priority: its threads inherit it, the relay keeps the CPU."""
    assert factory is not None

    def build() -> VerifierLike:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except (AttributeError, OSError):
            pass
        return factory()

    return build


def _parse(data: str | bytes) -> dict[str, Any] | None:
    try:
        ev = json.loads(data)
    except (ValueError, TypeError):
        return None
    return ev if isinstance(ev, dict) else None


def _raw_text(data: str | bytes) -> str:
    if isinstance(data, bytes):
        return f"<binary frame, {len(data)} bytes>"
    return data[:2000]


def _slim_client(event: dict[str, Any]) -> dict[str, Any]:
    # The user's microphone audio is theirs, and bulky: keep its size, not its content.
    if event.get("type") in CLIENT_AUDIO_EVENTS and isinstance(event.get("audio"), str):
        return {**event, "audio": f"<{len(event['audio'])} base64 chars omitted>"}
    return event
