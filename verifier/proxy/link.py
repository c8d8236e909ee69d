"""The tap in its own process: the relay's side of the pipe (`TapLink`) and the child's main loop.

Why a process: the relay is one event loop thread, and anything sharing its
interpreter shares its GIL. On a busy machine a tap or verifier thread that
holds the GIL and is then preempted by the OS stalls every relayed frame
until it is scheduled again. In a child process the relay thread holds its
GIL alone; the child collects, writes and verifies at whatever pace the
machine allows, and a crash there (even a segfault in the ASR) ends only the
child.

Relay -> child: one OS pipe, non-blocking on the relay side, framed the way
`multiprocessing.Connection` frames (4-byte big-endian length, then the
payload), so the child reads with `recv_bytes()`. When the pipe is full the
relay keeps a bounded backlog and writes it when the pipe drains; past the
bound it drops frames (they were relayed, just not followed) and tells the
child through a per-connection drop count, so the tap abandons only those
responses. Child -> relay: small JSON messages (verdicts, lag, skips,
counters) that feed /metrics.

This module imports nothing from verifier outside `verifier.proxy`; the
child imports `tap` (and through it the rest of verifier) only once it runs.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import multiprocessing
import os
import struct
import threading
from collections import Counter, deque
from dataclasses import asdict
from typing import Any, Protocol

from verifier.proxy.handshake import Route

log = logging.getLogger("verifier.proxy.link")

F_SETPIPE_SZ = 1031  # Linux fcntl: grow the pipe buffer
PIPE_SIZE = 1 << 20
MAX_BACKLOG = 64 << 20  # bytes of frames waiting for the pipe before frames are dropped
_FRAME = struct.Struct("!ciBd")  # kind b"F", conn, flags (bit0 client, bit1 binary), t
_DROPS = struct.Struct("!i")


class LinkObserver(Protocol):
    def response(self, verdict: str, route: Route) -> None: ...

    def audio(self, seconds: float, route: Route) -> None: ...

    def lag(self, seconds: float) -> None: ...

    def skipped(self, reason: str) -> None: ...


class TapLink:
    """TapPort for the relay, backed by a tap child process. `await start()` before serving."""

    def __init__(
        self, settings: dict[str, Any], observer: LinkObserver | None = None, max_backlog: int = MAX_BACKLOG
    ) -> None:
        self.settings = settings  # plain data for the child: out, verify, model, decode, alerts, ...
        self.observer = observer
        self.max_backlog = max_backlog
        self.stats: dict[str, Any] = {}  # the child's latest TapStats snapshot
        self.pending = 0
        self.frames_dropped = 0
        self.child_error: str | None = None
        self._dropped: Counter[int] = Counter()
        self._next_conn = 0
        self._backlog: deque[memoryview] = deque()
        self._backlog_bytes = 0
        self._wfd = -1
        self._rfd = -1
        self._inbuf = bytearray()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._proc: Any = None
        self._ready: asyncio.Future[dict[str, Any]] | None = None
        self._done: asyncio.Future[None] | None = None

    # -- lifecycle ---------------------------------------------------------------

    async def start(self, timeout: float = 120.0) -> dict[str, Any]:
        ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold threads
        to_child_r, to_child_w = ctx.Pipe(duplex=False)
        from_child_r, from_child_w = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(
            target=child_main, args=(to_child_r, from_child_w, self.settings), name="verifier-proxy-tap", daemon=True
        )
        self._proc.start()
        to_child_r.close()
        from_child_w.close()
        self._wfd = os.dup(to_child_w.fileno())
        to_child_w.close()
        self._rfd = os.dup(from_child_r.fileno())
        from_child_r.close()
        try:
            fcntl.fcntl(self._wfd, F_SETPIPE_SZ, PIPE_SIZE)
        except OSError:
            pass
        os.set_blocking(self._wfd, False)
        os.set_blocking(self._rfd, False)
        self._loop = asyncio.get_running_loop()
        self._ready = self._loop.create_future()
        self._done = self._loop.create_future()
        self._loop.add_reader(self._rfd, self._on_readable)
        try:
            ready = await asyncio.wait_for(asyncio.shield(self._ready), timeout)
        except BaseException:
            await self.stop(5)
            raise
        self._next_conn = int(ready.get("next_conn", 0))
        return ready

    def stopping(self) -> None:
        """The proxy is shutting down: sessions it closes now were cut by it, not by the service."""
        self._send(b"P")

    async def stop(self, timeout: float = 120.0) -> None:
        """Flush the backlog, ask the child to finish (drain, verify what it holds, write run.json), wait."""
        if self._proc is None:
            return
        self._send(b"S")
        deadline = asyncio.get_running_loop().time() + timeout
        while self._backlog and asyncio.get_running_loop().time() < deadline and self._proc.is_alive():
            await asyncio.sleep(0.05)
        if self._done is not None:
            try:
                left = max(1.0, deadline - asyncio.get_running_loop().time())
                await asyncio.wait_for(asyncio.shield(self._done), left)
            except asyncio.TimeoutError:
                log.warning("tap process did not finish in time; stopping it")
        await asyncio.to_thread(self._proc.join, 10)
        if self._proc.is_alive():
            self._proc.terminate()
        self._close_fds()
        self._proc = None

    def _close_fds(self) -> None:
        if self._loop is not None and self._rfd >= 0:
            self._loop.remove_reader(self._rfd)
            if self._backlog:
                self._loop.remove_writer(self._wfd)
        for fd in (self._wfd, self._rfd):
            if fd >= 0:
                os.close(fd)
        self._wfd = self._rfd = -1

    # -- TapPort (event loop thread; never blocks) ----------------------------------

    def open(self, route: Route, peer: str, secrets: list[str]) -> int:
        self._next_conn += 1
        self._send(
            b"O"
            + json.dumps({"conn": self._next_conn, "route": asdict(route), "peer": peer, "secrets": secrets}).encode()
        )
        return self._next_conn

    def frame(self, conn: int, direction: str, data: str | bytes, t: float) -> None:
        if self._backlog_bytes > self.max_backlog:
            self._dropped[conn] += 1
            self.frames_dropped += 1
            return
        binary = isinstance(data, bytes)
        payload = data if isinstance(data, bytes) else data.encode()
        head = _FRAME.pack(b"F", conn, (1 if direction == "client" else 0) | (2 if binary else 0), t)
        self._send(head + _DROPS.pack(self._dropped.get(conn, 0)) + payload)

    def close(self, conn: int, code: int | None, reason: str, by: str) -> None:
        self._dropped.pop(conn, None)
        self._send(b"C" + json.dumps({"conn": conn, "code": code, "reason": reason, "by": by}).encode())

    # -- pipe I/O ------------------------------------------------------------------

    def _send(self, payload: bytes) -> None:
        if self._wfd < 0:
            return
        msg = struct.pack("!i", len(payload)) + payload
        if self._backlog:
            self._queue(memoryview(msg))
            return
        try:
            n = os.write(self._wfd, msg)
        except BlockingIOError:
            n = 0
        except OSError:  # the child is gone: the relay carries on, untapped
            self.child_error = self.child_error or "tap process ended"
            return
        if n < len(msg):
            self._queue(memoryview(msg)[n:])
            assert self._loop is not None
            self._loop.add_writer(self._wfd, self._flush)

    def _queue(self, chunk: memoryview) -> None:
        self._backlog.append(chunk)
        self._backlog_bytes += len(chunk)

    def _flush(self) -> None:
        while self._backlog:
            chunk = self._backlog[0]
            try:
                n = os.write(self._wfd, chunk)
            except BlockingIOError:
                return
            except OSError:
                self._backlog.clear()
                self._backlog_bytes = 0
                break
            self._backlog_bytes -= n
            if n < len(chunk):
                self._backlog[0] = chunk[n:]
                return
            self._backlog.popleft()
        assert self._loop is not None
        self._loop.remove_writer(self._wfd)

    def _on_readable(self) -> None:
        try:
            data = os.read(self._rfd, 1 << 16)
        except BlockingIOError:
            return
        if not data:  # the child exited
            assert self._loop is not None
            self._loop.remove_reader(self._rfd)
            if self._done is not None and not self._done.done():
                self._done.set_result(None)
            if self._ready is not None and not self._ready.done():
                self._ready.set_exception(RuntimeError(self.child_error or "tap process exited before it was ready"))
            return
        self._inbuf += data
        while len(self._inbuf) >= 4:
            (n,) = struct.unpack_from("!i", self._inbuf)
            if len(self._inbuf) < 4 + n:
                break
            body = bytes(self._inbuf[4 : 4 + n])
            del self._inbuf[: 4 + n]
            try:
                self._on_message(json.loads(body))
            except Exception as e:  # a bad message from the child costs that message only
                log.warning("tap message not understood: %s", type(e).__name__)

    def _on_message(self, m: dict[str, Any]) -> None:
        kind = m.get("k")
        obs = self.observer
        if kind == "ready":
            if self._ready is not None and not self._ready.done():
                self._ready.set_result(m)
        elif kind == "error":
            self.child_error = str(m.get("message"))
            if self._ready is not None and not self._ready.done():
                self._ready.set_exception(RuntimeError(self.child_error))
        elif kind == "stats":
            self.stats = m.get("stats") or {}
            self.pending = int(m.get("pending") or 0)
        elif kind == "done":
            self.stats = m.get("stats") or self.stats
            if self._done is not None and not self._done.done():
                self._done.set_result(None)
        elif obs is not None:
            route = Route(**m["route"]) if isinstance(m.get("route"), dict) else None
            if kind == "response" and route is not None:
                obs.response(str(m["verdict"]), route)
            elif kind == "audio" and route is not None:
                obs.audio(float(m["seconds"]), route)
            elif kind == "lag":
                obs.lag(float(m["seconds"]))
            elif kind == "skipped":
                obs.skipped(str(m["reason"]))


# -- the child -------------------------------------------------------------------------


class _Outbox:
    """The child's messages to the relay; one lock, since the tap and scorer threads both report."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def put(self, msg: dict[str, Any]) -> None:
        data = json.dumps(msg).encode()
        with self.lock:
            try:
                self.conn.send_bytes(data)
            except OSError:
                pass  # the relay is gone; the run directory is what matters now

    # Observer protocol, forwarded
    def response(self, verdict: str, route: Route) -> None:
        self.put({"k": "response", "verdict": verdict, "route": asdict(route)})

    def audio(self, seconds: float, route: Route) -> None:
        self.put({"k": "audio", "seconds": seconds, "route": asdict(route)})

    def lag(self, seconds: float) -> None:
        self.put({"k": "lag", "seconds": seconds})

    def skipped(self, reason: str) -> None:
        self.put({"k": "skipped", "reason": reason})


def child_main(rx: Any, tx: Any, settings: dict[str, Any]) -> None:
    """Entry point of the tap process."""
    from verifier.proxy.tap import build_tap

    try:  # the relay is latency-bound, the tap throughput-bound: on a busy machine the relay goes first
        os.nice(int(settings.get("nice", 10)))
    except OSError:
        pass

    out = _Outbox(tx)
    try:
        tap, close_extra = build_tap(settings, out)
    except Exception as e:
        out.put({"k": "error", "message": f"{type(e).__name__}: {e}"})
        return
    out.put(
        {
            "k": "ready",
            "next_conn": tap.next_conn,
            "run_dir": str(tap.run_dir.path),
            "run_id": tap.run_dir.info.get("run_id"),
        }
    )
    stop = threading.Event()

    def report_stats() -> None:
        while not stop.wait(0.5):
            out.put({"k": "stats", "stats": tap.stats.to_dict(), "pending": tap.pending})

    threading.Thread(target=report_stats, name="verifier-proxy-tap-stats", daemon=True).start()
    while True:
        try:
            body = rx.recv_bytes()
        except (EOFError, OSError):
            break  # the relay is gone (killed): finish with what we have
        kind = body[:1]
        if kind == b"F":
            _, conn, flags, t = _FRAME.unpack_from(body)
            (drops,) = _DROPS.unpack_from(body, _FRAME.size)
            raw = body[_FRAME.size + _DROPS.size :]
            tap.frame_with_drops(
                conn, "client" if flags & 1 else "server", raw if flags & 2 else raw.decode(), t, drops
            )
        elif kind == b"O":
            m = json.loads(body[1:])
            tap.open_as(int(m["conn"]), Route(**m["route"]), str(m["peer"]), list(m["secrets"]))
        elif kind == b"C":
            m = json.loads(body[1:])
            tap.close(int(m["conn"]), m.get("code"), str(m.get("reason") or ""), str(m.get("by")))
        elif kind == b"P":
            tap.stopping()
        elif kind == b"S":
            break
    stop.set()
    tap.stop(timeout=float(settings.get("stop_timeout", 120.0)))
    close_extra()
    out.put({"k": "done", "stats": tap.stats.to_dict()})
