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
- the response not done `response_timeout_s` after its response.create (a
  server that sends rate_limits.updated forever): recorded as `error`
  ("response timeout after N s"), the session replaced, like a stall.
- a frame over the size limit (close code 1009): the partial response is
  recorded as `error` with how to raise the limit; not retried (the same
  response would be as large again).
- a response the prompt did not ask for (its metadata names another prompt,
  or none): kept as its own capture (meta `unrequested`), and in
  `retried.jsonl` as before; the prompt goes on waiting for its own. What is
  still in flight when a connection is closed is kept the same way.

A spoken prompt (corpus `audio`) is streamed as input_audio_buffer.append at
`pace` times real time, then committed and answered, or left to the
session's server VAD.
- bad key / endpoint, or a `session.update` the service rejects: the run
  stops with a one-line error (nothing retried would fix it).

Which of these an event or a silence means is decided by the sans-I/O
`verifier.realtime.session.ClientSession`; this shell opens connections,
keeps the clocks, logs every event, counts attempts and backoff, and writes
what the session's actions say to the run directory.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verifier.harness.config import Job, RunConfig
from verifier.harness.corpus import AudioFileError, read_prompt_audio
from verifier.realtime.collector import Collector
from verifier.realtime.session import (
    OUTCOMES,
    Action,
    ClientSession,
    Fatal,
    Lost,
    NotRequested,
    Outcome,
    Pace,
    Rejected,
    Retry,
    Send,
    SessionReady,
    Stalled,
    State,
    parse_event,
)
from verifier.realtime.session import rate_limit_delay as rate_limit_delay  # where callers have found it
from verifier.realtime.settings import SessionSettings
from verifier.realtime.transport import Connection, FatalTransportError, Target, TransientTransportError
from verifier.schema.captures import ResponseCapture
from verifier.schema.rundir import RunDir

MAX_RETRY_AFTER_S = 120.0


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
    problems_not_listed: int = 0  # past the first 200: counted, so none goes unmentioned
    spoken: bool = False  # some prompts carry audio
    unrequested: int = 0
    session_recorded: bool = False
    connected_once: bool = False
    rng: random.Random = field(default_factory=random.Random)

    def next_conn(self) -> int:
        self.conn_base += 1
        return self.conn_base

    def note(self, problem: str) -> None:
        if problem in self.problems:
            return
        if len(self.problems) < 200:
            self.problems.append(problem)
        else:
            self.problems_not_listed += 1


def _tag(job: Job, attempt: int) -> str:
    """Names the placeholder of this attempt, should it get no response."""
    return f"{job.prompt.id}_r{job.repeat_index}_a{attempt}"


def _marker(job: Job, attempt: int) -> str:
    """What this attempt's response.create carries in metadata, for the service to echo."""
    return f"{job.prompt.id}#{job.repeat_index}#{attempt}"


class Worker:
    """The asyncio shell around one `ClientSession`: opens connections, moves events, carries out actions."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.cfg = ctx.config
        self.conn: Connection | None = None
        self.session = ClientSession(ctx.settings, ctx.target.shape, timeout_s=self.cfg.timeout_s, spoken=ctx.spoken)
        self.conn_no = 0

    @property
    def collector(self) -> Collector:
        return self.session.collector

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
            outcome = await self.attempt(job, attempt)
            if isinstance(outcome, Fatal):
                self.ctx.fatal = self.ctx.fatal or outcome.reason
                await self.disconnect()
                return
            if not isinstance(outcome, Retry):
                cap = outcome.capture
                if isinstance(outcome, (Stalled, Lost)):
                    if isinstance(outcome, Stalled):
                        self.ctx.stalled += 1
                    for p in outcome.partial if isinstance(outcome, Lost) else []:
                        self.keep_unrequested(p, p.problems[-1] if p.problems else "disconnected", job)
                    await self.disconnect(job)
                break
            r = outcome
            if r.reconnect:
                await self.disconnect()
            if attempt >= self.cfg.retries:
                if r.connect_failed and not self.ctx.connected_once:
                    # Never reached the service at all: a wrong endpoint, not a blip mid-run.
                    self.ctx.fatal = self.ctx.fatal or r.reason
                    return
                for p in r.partial[:-1]:
                    self.ctx.run_dir.write_retried(p, r.reason)
                cap = r.partial[-1] if r.partial else self.session.placeholder(_tag(job, attempt), r.reason)
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
        delay = min(self.cfg.max_backoff_s, self.cfg.backoff_s * (2**attempt)) * self.ctx.rng.uniform(0.5, 1.0)
        if retry_after:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER_S))
        return delay

    # -- one attempt -------------------------------------------------------

    async def attempt(self, job: Job, attempt: int) -> Outcome:
        outcome = await self.ensure_session()
        if outcome is not None:
            return outcome
        assert self.conn is not None
        override = job.prompt.meta.get("response")
        try:
            speech = read_prompt_audio(job.prompt.audio_path) if job.prompt.audio_path else None
        except AudioFileError as e:  # checked at load; changed since: this prompt is an error, the run goes on
            return Rejected(self.session.placeholder(_tag(job, attempt), f"prompt audio: {e}"))
        actions = self.session.start_prompt(
            job.prompt.text,
            _tag(job, attempt),
            instructions=job.prompt.instructions,
            response=override if isinstance(override, dict) else None,
            marker=_marker(job, attempt),
            audio=speech,
        )
        outcome = await self.carry_out(actions, job, attempt)
        # A stall is no event for timeout_s, counted from the last event (or from the prompt);
        # the response's deadline counts from its response.create (or the end of its spoken turn).
        last = time.monotonic()
        deadline = last + self.cfg.response_timeout_s
        while outcome is None:
            now = time.monotonic()
            remaining = min(self.cfg.timeout_s - (now - last), deadline - now)
            try:
                if remaining <= 0:
                    raise asyncio.TimeoutError
                raw = await self.conn.recv(remaining)
            except asyncio.TimeoutError:
                if time.monotonic() >= deadline:
                    actions = self.session.response_timed_out(self.cfg.response_timeout_s)
                else:
                    actions = self.session.timed_out()
            except TransientTransportError as e:
                actions = (
                    self.session.connection_lost(str(e)) if e.retryable else self.session.connection_broken(str(e))
                )
            else:
                last = time.monotonic()
                t = self.ctx.run_dir.t()
                ev = parse_event(raw)
                self.ctx.run_dir.log_event(
                    ev if ev is not None else raw, conn=self.conn_no, prompt_id=job.prompt.id, attempt=attempt, t=t
                )
                actions = self.session.receive(ev if ev is not None else raw, t)
            outcome = await self.carry_out(actions, job, attempt)
        return outcome

    async def carry_out(self, actions: list[Action], job: Job | None, attempt: int | None) -> Outcome | None:
        """Do what the session asks, in order; the first outcome ends the wait and is returned."""
        for action in actions:
            if isinstance(action, Send):
                failed = await self.send(action, job, attempt)
                if failed is not None:
                    return await self.carry_out(self.session.send_failed(action, failed), job, attempt)
            elif isinstance(action, Pace):
                if self.cfg.pace > 0:
                    await asyncio.sleep(action.seconds / self.cfg.pace)
            elif isinstance(action, NotRequested):
                self.keep_unrequested(action.capture, action.reason, job)
            elif isinstance(action, SessionReady):
                if not self.ctx.session_recorded:
                    self.ctx.session_recorded = True
                    self.ctx.run_dir.info["effective_session"] = action.session
                    self.ctx.run_dir.write_info()
            elif isinstance(action, OUTCOMES):
                return action
        return None

    def record(self, cap: ResponseCapture, job: Job, attempt: int) -> None:
        p = job.prompt
        cap.meta.update(
            {
                "prompt_id": p.id,
                "repeat_index": job.repeat_index,
                "attempt": attempt,
                "config_name": self.cfg.config_name,
                "conn": self.conn_no,
                "prompt_text": p.text,
            }
        )
        for k in ("language", "expected"):
            if getattr(p, k) is not None:
                cap.meta[k] = getattr(p, k)
        if cap.session_id is None:
            cap.session_id = self.collector.session_id
        self.ctx.run_dir.write_capture(cap)
        self.ctx.collected += 1
        self.ctx.on_capture(cap)

    def keep_unrequested(self, cap: ResponseCapture, reason: str, job: Job | None) -> None:
        """A response no prompt of ours asked for (or one still in flight when its connection
        closed): in retried.jsonl as ever, and a capture of its own, so it is verified and shown
        but counts for no prompt (it has no prompt_id)."""
        self.ctx.run_dir.write_retried(cap, reason)
        md = cap.meta.get("metadata")
        named = md.get("verifier_prompt") if isinstance(md, dict) else None
        if not any(reason in p for p in cap.problems):
            cap.problems.append(f"unrequested: {reason}")  # what the report shows beside its verdict
        cap.meta.update(
            {
                "unrequested": reason,
                "requested_by": named if isinstance(named, str) else None,
                "during_prompt": job.prompt.id if job else None,
                "config_name": self.cfg.config_name,
                "conn": self.conn_no,
            }
        )
        if named is None:  # the services echo response metadata; one that does not loses every prompt
            self.ctx.note(
                "a response named no prompt in its metadata (verifier_prompt); responses are matched "
                "to prompts by that echo, so if prompts time out, the service is not echoing it"
            )
        if cap.session_id is None:
            cap.session_id = self.collector.session_id
        self.ctx.run_dir.write_capture(cap)
        self.ctx.unrequested += 1
        self.ctx.on_capture(cap)

    # -- the connection ----------------------------------------------------

    async def send(self, action: Send, job: Job | None, attempt: int | None) -> str | None:
        """Log, then send, one client event; the reason it could not go out, or None."""
        assert self.conn is not None
        self.ctx.run_dir.log_event(
            action.event, conn=self.conn_no, prompt_id=job.prompt.id if job else None, attempt=attempt, client=True
        )
        try:
            await self.conn.send(action.event)
        except TransientTransportError as e:
            return str(e)
        return None

    async def ensure_session(self) -> Outcome | None:
        """A configured session to play the next prompt on, or the outcome that stands in its way."""
        if self.conn is not None:
            return None
        try:
            self.conn = await Connection.open(self.ctx.target)
        except FatalTransportError as e:
            return await self.carry_out(self.session.connect_refused(str(e)), None, None)
        except TransientTransportError as e:
            return await self.carry_out(self.session.connect_failed(str(e), e.retry_after), None, None)
        self.ctx.connected_once = True
        self.conn_no = self.ctx.next_conn()
        actions = self.session.connection_opened(self.conn_no)
        if self.ctx.region is None and self.conn.region:
            self.ctx.region = self.conn.region
            self.ctx.run_dir.info.setdefault("target", {})["region"] = self.conn.region
        outcome = await self.carry_out(actions, None, None)
        # The handshake has one deadline from session.update, however many other events arrive.
        deadline = time.monotonic() + self.cfg.timeout_s
        handshake: dict[str, Any] | None = {"handshake": self.conn.handshake} if self.conn.handshake else None
        while outcome is None and self.session.state is not State.IDLE:
            try:
                raw = await self.conn.recv(max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                actions = self.session.timed_out()
            except TransientTransportError as e:
                actions = (
                    self.session.connection_lost(str(e)) if e.retryable else self.session.connection_broken(str(e))
                )
            else:
                ev = parse_event(raw)
                self.ctx.run_dir.log_event(
                    ev if ev is not None else raw, conn=self.conn_no, prompt_id=None, attempt=None, extra=handshake
                )
                handshake = None  # on the connection's first logged server event only
                actions = self.session.receive(ev if ev is not None else raw, self.ctx.run_dir.t())
            outcome = await self.carry_out(actions, None, None)
        return outcome

    async def disconnect(self, job: Job | None = None) -> None:
        leftovers = self.session.close()
        if self.conn is not None:
            conn, self.conn = self.conn, None
            for p in self.collector.problems:
                self.ctx.note(f"conn {self.conn_no}: {p}")
            await conn.close()
        for cap in leftovers:  # in flight when the connection went: kept, not dropped
            self.keep_unrequested(cap, cap.problems[-1] if cap.problems else "disconnected", job)
