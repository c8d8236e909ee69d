"""One harness worker: a realtime session that plays prompts one after another.

Per prompt: `conversation.item.create` + `response.create`, then events go
to the event log and the collector until the response is done. What can go
wrong, and what happens:

- connection dropped / refused, 429, 5xx, `session_expired`: retried with
  exponential backoff on a fresh session; the partial capture goes to
  `retried.jsonl`.
- rate-limit `error` event (or a response that failed on a rate limit):
  retried after the delay the service asks for, on the same session.
- no event for `timeout_s` while a response is due: a stall. Recorded as a
  capture with the problem (verdict `error`), not retried; the session is
  replaced since its state is unknown.
- bad key / endpoint, or a `session.update` the service rejects: the run
  stops with a one-line error (nothing retried would fix it).
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verifier.harness.config import Job, RunConfig
from verifier.realtime.collector import Collector
from verifier.realtime.settings import SessionSettings, deep_merge, prompt_events, session_update
from verifier.realtime.transport import Connection, FatalTransportError, Target, TransientTransportError
from verifier.schema.captures import ResponseCapture
from verifier.schema.redact import redact
from verifier.schema.rundir import RunDir, safe_name

MAX_RETRY_AFTER_S = 120.0


class SessionRejected(RuntimeError):
    """The service refused the session settings (e.g. modalities it does not support)."""


class _Retry(Exception):
    def __init__(self, reason: str, *, retry_after: float | None = None,
                 partial: list[ResponseCapture] | None = None, reconnect: bool = True,
                 connect_failed: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.connect_failed = connect_failed
        self.retry_after = retry_after
        self.partial = partial or []
        self.reconnect = reconnect


@dataclass
class RunContext:
    """State the workers of one run share (all on one event loop: no locks needed)."""

    config: RunConfig
    target: Target
    settings: SessionSettings
    run_dir: RunDir
    on_capture: Callable[[ResponseCapture], None]
    conn_base: int = 0
    fatal: str | None = None
    collected: int = 0
    retried: int = 0
    stalled: int = 0
    gave_up: int = 0
    region: str | None = None
    problems: list[str] = field(default_factory=list)
    session_recorded: bool = False
    connected_once: bool = False
    rng: random.Random = field(default_factory=random.Random)

    def next_conn(self) -> int:
        self.conn_base += 1
        return self.conn_base

    def note(self, problem: str) -> None:
        if problem not in self.problems and len(self.problems) < 200:
            self.problems.append(problem)


def rate_limit_delay(err: dict[str, Any]) -> float | None:
    """Seconds to wait if this error is a rate limit (0.0 when it names no delay), else None."""
    code, typ = str(err.get("code") or ""), str(err.get("type") or "")
    msg = str(err.get("message") or "")
    if not ("rate_limit" in code or "rate_limit" in typ or "rate limit" in msg.lower()):
        return None
    m = re.search(r"try again in (\d+(?:\.\d+)?)\s*(ms|s)\b", msg, re.I)
    if not m:
        return 0.0
    return float(m[1]) / (1000.0 if m[2].lower() == "ms" else 1.0)


def _error_line(err: dict[str, Any]) -> str:
    param = f" (param {err['param']})" if err.get("param") else ""
    return redact(f"{err.get('type')}/{err.get('code')}: {err.get('message')}{param}")


def _parse(raw: str) -> dict[str, Any] | None:
    try:
        ev = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return ev if isinstance(ev, dict) else None


class Worker:
    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.cfg = ctx.config
        self.conn: Connection | None = None
        self.collector = Collector()
        self.conn_no = 0
        self._n_sent = 0

    async def run(self, queue: asyncio.Queue[Job]) -> None:
        try:
            while self.ctx.fatal is None:
                try:
                    job = queue.get_nowait()
                except asyncio.QueueEmpty:
                    break
                await self.run_job(job)
        finally:
            await self.disconnect()

    async def run_job(self, job: Job) -> None:
        attempt = 0
        while True:
            try:
                cap = await self.attempt(job, attempt)
                break
            except (FatalTransportError, SessionRejected) as e:
                self.ctx.fatal = self.ctx.fatal or str(e)
                await self.disconnect()
                return
            except _Retry as r:
                if r.reconnect:
                    await self.disconnect()
                if attempt >= self.cfg.retries:
                    if r.connect_failed and not self.ctx.connected_once:
                        # Never reached the service at all: a wrong endpoint, not a blip mid-run.
                        self.ctx.fatal = self.ctx.fatal or r.reason
                        return
                    for p in r.partial[:-1]:
                        self.ctx.run_dir.write_retried(p, r.reason)
                    cap = r.partial[-1] if r.partial else self.placeholder(job, attempt, r.reason)
                    cap.problems.append(f"gave up after {attempt + 1} attempts: {r.reason}")
                    self.ctx.gave_up += 1
                    break
                for p in r.partial:
                    self.ctx.run_dir.write_retried(p, r.reason)
                self.ctx.retried += 1
                await asyncio.sleep(self.backoff(attempt, r.retry_after))
                attempt += 1
        self.record(cap, job, attempt)

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.cfg.max_backoff_s, self.cfg.backoff_s * (2 ** attempt)) * self.ctx.rng.uniform(0.5, 1.0)
        if retry_after:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER_S))
        return delay

    # -- one attempt -------------------------------------------------------

    async def attempt(self, job: Job, attempt: int) -> ResponseCapture:
        await self.ensure_session()
        assert self.conn is not None
        coll = self.collector
        stream_mark = len(coll.problems)
        shape = self.ctx.target.shape
        events = prompt_events(job.prompt.text, self.ctx.settings, shape, job.prompt.instructions)
        override = job.prompt.meta.get("response")
        if isinstance(override, dict):
            events[-1]["response"] = deep_merge(events[-1]["response"], override)
        sent: dict[str, str] = {}
        for client_ev in events:
            sent[await self.send(client_ev, job, attempt)] = client_ev["type"]
        rid: str | None = None
        last = time.monotonic()
        while True:
            remaining = self.cfg.timeout_s - (time.monotonic() - last)
            try:
                if remaining <= 0:
                    raise asyncio.TimeoutError
                raw = await self.conn.recv(remaining)
            except asyncio.TimeoutError:
                return await self.stalled(job, attempt, rid)
            except TransientTransportError as e:
                raise _Retry(str(e), partial=coll.close(f"disconnected: {e}")) from None
            last = time.monotonic()
            t = self.ctx.run_dir.t()
            ev = _parse(raw)
            self.ctx.run_dir.log_event(ev if ev is not None else raw, conn=self.conn_no, prompt_id=job.prompt.id,
                                       attempt=attempt, t=t)
            caps = coll.feed(ev if ev is not None else raw, t)
            etype = ev.get("type") if ev is not None else None
            if ev is not None and etype == "response.created" and rid is None:
                resp = ev.get("response")
                rid = resp.get("id") if isinstance(resp, dict) else None
            elif ev is not None and etype == "error":
                rejected = self.on_error(ev, rid, sent, job, attempt)
                if rejected is not None:
                    return rejected
            for cap in caps:
                if rid is None:
                    rid = cap.response_id  # done without a created first: still the one this prompt asked for
                if cap.response_id != rid:
                    self.ctx.run_dir.write_retried(cap, "response not requested by this prompt")
                    continue
                if cap.status == "failed":
                    delay = rate_limit_delay((cap.status_details or {}).get("error") or {})
                    if delay is not None:
                        raise _Retry("rate limited (response failed)", retry_after=delay, partial=[cap],
                                     reconnect=False)
                cap.problems.extend(f"stream: {p}" for p in coll.problems[stream_mark:] if p not in cap.problems)
                return cap

    def on_error(self, ev: dict[str, Any], rid: str | None, sent: dict[str, str], job: Job,
                 attempt: int) -> ResponseCapture | None:
        err = ev.get("error") if isinstance(ev.get("error"), dict) else {}
        assert isinstance(err, dict)
        coll = self.collector
        delay = rate_limit_delay(err)
        if delay is not None:
            partial = [c for c in [coll.abandon(rid, "rate limited")] if c] if rid else []
            raise _Retry(f"rate limited: {_error_line(err)}", retry_after=delay, partial=partial, reconnect=False)
        if err.get("code") == "insufficient_quota":
            raise FatalTransportError(f"the service refused: {_error_line(err)}")
        if err.get("code") == "session_expired" or err.get("type") == "server_error":
            raise _Retry(_error_line(err), partial=coll.close(f"disconnected: {_error_line(err)}"))
        # Not retryable. A response being collected goes on (the error is in its problems);
        # a response.create the service refused means this prompt gets no response at all.
        if rid is None and sent.get(str(err.get("event_id"))) == "response.create":
            return self.placeholder(job, attempt, f"rejected: {_error_line(err)}")
        return None

    async def stalled(self, job: Job, attempt: int, rid: str | None) -> ResponseCapture:
        reason = f"stalled: no event for {self.cfg.timeout_s:g}s"
        cap = self.collector.abandon(rid, reason) if rid else None
        if cap is None:
            cap = self.placeholder(job, attempt, f"{reason} after response.create (no response.created)")
        self.ctx.stalled += 1
        await self.disconnect()  # the session is in an unknown state; the next prompt gets a fresh one
        return cap

    def placeholder(self, job: Job, attempt: int, reason: str) -> ResponseCapture:
        rid = safe_name(f"noresponse_{job.prompt.id}_r{job.repeat_index}_a{attempt}")
        return ResponseCapture(response_id=rid, session_id=self.collector.session_id,
                               audio_format=self.ctx.settings.output_audio_format, problems=[reason])

    def record(self, cap: ResponseCapture, job: Job, attempt: int) -> None:
        p = job.prompt
        cap.meta.update({"prompt_id": p.id, "repeat_index": job.repeat_index, "attempt": attempt,
                         "config_name": self.cfg.config_name, "conn": self.conn_no, "prompt_text": p.text})
        for k in ("language", "expected"):
            if getattr(p, k) is not None:
                cap.meta[k] = getattr(p, k)
        if cap.session_id is None:
            cap.session_id = self.collector.session_id
        self.ctx.run_dir.write_capture(cap)
        self.ctx.collected += 1
        self.ctx.on_capture(cap)

    # -- the session -------------------------------------------------------

    async def send(self, ev: dict[str, Any], job: Job | None, attempt: int | None) -> str:
        assert self.conn is not None
        self._n_sent += 1
        eid = f"evt_verifier_{self.conn_no}_{self._n_sent}"
        ev = {"type": ev["type"], "event_id": eid, **{k: v for k, v in ev.items() if k != "type"}}
        self.ctx.run_dir.log_event(ev, conn=self.conn_no, prompt_id=job.prompt.id if job else None,
                                   attempt=attempt, client=True)
        try:
            await self.conn.send(ev)
        except TransientTransportError as e:
            raise _Retry(str(e), partial=self.collector.close(f"disconnected: {e}")) from None
        return eid

    async def ensure_session(self) -> None:
        if self.conn is not None:
            return
        try:
            self.conn = await Connection.open(self.ctx.target)
        except TransientTransportError as e:
            raise _Retry(str(e), retry_after=e.retry_after, connect_failed=True) from None
        self.ctx.connected_once = True
        self.conn_no = self.ctx.next_conn()
        self.collector = Collector(default_format=self.ctx.settings.output_audio_format)
        if self.ctx.region is None and self.conn.region:
            self.ctx.region = self.conn.region
            self.ctx.run_dir.info.setdefault("target", {})["region"] = self.conn.region
        await self.send(session_update(self.ctx.settings, self.ctx.target.shape), None, None)
        deadline = time.monotonic() + self.cfg.timeout_s
        handshake: dict[str, Any] | None = {"handshake": self.conn.handshake} if self.conn.handshake else None
        while True:
            try:
                raw = await self.conn.recv(max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                raise _Retry(f"no session.updated within {self.cfg.timeout_s:g}s") from None
            except TransientTransportError as e:
                raise _Retry(str(e)) from None
            ev = _parse(raw)
            self.ctx.run_dir.log_event(ev if ev is not None else raw, conn=self.conn_no, prompt_id=None,
                                       attempt=None, extra=handshake)
            handshake = None  # on the connection's first logged server event only
            self.collector.feed(ev if ev is not None else raw, self.ctx.run_dir.t())
            if ev is None:
                continue
            if ev.get("type") == "session.updated":
                if not self.ctx.session_recorded:
                    self.ctx.session_recorded = True
                    self.ctx.run_dir.info["effective_session"] = ev.get("session")
                    self.ctx.run_dir.write_info()
                return
            if ev.get("type") == "error":
                err = ev.get("error") if isinstance(ev.get("error"), dict) else {}
                assert isinstance(err, dict)
                delay = rate_limit_delay(err)
                if delay is not None:
                    raise _Retry(f"rate limited: {_error_line(err)}", retry_after=delay)
                raise SessionRejected(f"the service rejected session.update: {_error_line(err)}")

    async def disconnect(self) -> None:
        if self.conn is not None:
            conn, self.conn = self.conn, None
            for p in self.collector.problems:
                self.ctx.note(f"conn {self.conn_no}: {p}")
            await conn.close()
