"""The asyncio WebSocket shell around the sans-I/O session.

It routes and authenticates handshakes, runs one `Session` per connection,
renders speech in a worker thread, paces audio deltas and carries out the
stream faults (closing the socket, going silent).
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from verifier.realtime.loop_thread import LoopThread
from verifier.schema.audio import duration
from verifier.simulator.faults import FaultInjector
from verifier.simulator.listening import Hearing, shared_hearing
from verifier.simulator.protocol import IdFactory, Listen, Outcome, Session
from verifier.simulator.responses import ResponseRun
from verifier.simulator.routes import AZURE_GA, OPENAI, Rejection, Route, route
from verifier.simulator.speech import SpeechRenderer

log = logging.getLogger("verifier.simulator")

_SHARED_SPEECH = SpeechRenderer()


class Simulator:
    """A local realtime API: `async with Simulator() as sim:` or `sim.start_in_thread()`."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str | None = "sim-key",
        faults: str | Mapping[str, float] | None = "",
        seed: int = 0,
        truth_log: str | Path | None = None,
        ssl_context: ssl.SSLContext | None = None,
        pace: float = 0.0,
        speech: SpeechRenderer | None = None,
        hearing: Hearing | None = None,
    ) -> None:
        if pace < 0:
            raise ValueError("pace must be >= 0 (0 streams as fast as possible)")
        self.host, self._port, self.api_key = host, port, api_key or None
        self.faults = FaultInjector(faults, seed)  # raises FaultSpecError on a bad spec, before any socket
        self.seed, self.ssl_context, self.pace = seed, ssl_context, pace
        self.truth_log = Path(truth_log) if truth_log else None
        self.truth: list[dict[str, Any]] = []
        self.speech = speech or _SHARED_SPEECH
        #: Silero VAD and Whisper for spoken turns; the models load on the first audio a client sends.
        self.hearing = hearing or shared_hearing()
        self._server: Server | None = None
        self._truth_lock = threading.Lock()
        self._ids = IdFactory()
        self._background = LoopThread("verifier-simulator")
        #: Server turn detection runs Silero (a few ms per 96 ms of input) here, not on the event
        #: loop. One worker: the VAD's ONNX session is shared and locked anyway.
        self._ears: ThreadPoolExecutor | None = None

    # --- lifecycle -----------------------------------------------------------

    async def start(self) -> Simulator:
        self._ears = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verifier-sim-vad")
        if self.truth_log:
            self.truth_log.parent.mkdir(parents=True, exist_ok=True)
            self.truth_log.write_text("")  # one log per simulator run
        self._server = await serve(
            self._handle,
            self.host,
            self._port,
            process_request=self._process_request,
            ssl=self.ssl_context,
            max_size=16 * 2**20,
        )
        log.info("simulator listening on %s", self.url())
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self._ears is not None:
            self._ears.shutdown(wait=False, cancel_futures=True)
            self._ears = None

    async def __aenter__(self) -> Simulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def start_in_thread(self) -> Simulator:
        """Run the server on its own event loop thread (for synchronous callers)."""
        self._background.start(self.start)
        return self

    def stop_thread(self) -> None:
        self._background.stop(self.stop, timeout=30)

    # --- addresses -----------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            return self._port
        return int(next(iter(self._server.sockets)).getsockname()[1])

    def _host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    def url(self, api: str = "azure") -> str:
        """Base URL a client is pointed at, as it would be for the real service.

        "azure": the resource endpoint, ws://127.0.0.1:PORT (wss with TLS); the
        client adds /openai/realtime or /openai/v1/realtime. "openai": the API
        base, ws://127.0.0.1:PORT/v1; the client adds /realtime.
        """
        root = f"{'wss' if self.ssl_context else 'ws'}://{self._host()}:{self.port}"
        if api == "azure":
            return root
        if api == "openai":
            return root + "/v1"
        raise ValueError("api must be 'azure' or 'openai'")

    def http_url(self) -> str:
        """The same root as http(s)://, the form SDK clients take as their endpoint."""
        return f"{'https' if self.ssl_context else 'http'}://{self._host()}:{self.port}"

    def realtime_url(
        self, api: str = "azure-preview", *, model: str = "gpt-realtime", api_version: str = "2024-10-01-preview"
    ) -> str:
        """Full WebSocket URL for 'azure-preview', 'azure-ga' or 'openai'."""
        base = self.url("azure")
        if api == AZURE_GA:
            return f"{base}/openai/v1/realtime?model={model}"
        if api == OPENAI:
            return f"{base}/v1/realtime?model={model}"
        if api == "azure-preview":
            return f"{base}/openai/realtime?api-version={api_version}&deployment={model}"
        raise ValueError("api must be 'azure-preview', 'azure-ga' or 'openai'")

    # --- connections ---------------------------------------------------------

    @staticmethod
    def _route(request: Request, api_key: str | None) -> Route | Rejection:
        return route(request.path, request.headers.get_all, api_key)

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        decided = self._route(request, self.api_key)
        if isinstance(decided, Route):
            return None
        response = connection.respond(HTTPStatus(decided.status), json.dumps(decided.body))
        del response.headers["Content-Type"]
        response.headers["Content-Type"] = "application/json"
        log.info("rejected handshake for %s: HTTP %d", request.path.split("?")[0], decided.status)
        return response

    async def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        decided = self._route(ws.request, self.api_key)
        assert isinstance(decided, Route)
        session = Session(
            shape=decided.shape,
            flavor=decided.flavor,
            model=decided.model,
            faults=self.faults,
            ids=self._ids,
            now=time.time(),
            regions=self.hearing.regions,
        )
        streams: set[asyncio.Task[None]] = set()
        # Turns are transcribed one after another, in commit order, off the event loop.
        jobs: asyncio.Queue[Listen] = asyncio.Queue()
        # Every call into the session, with the sending of what it returns, and every step of a
        # response's stream, holds this lock: the session runs in a worker thread while its VAD
        # does, and must never see a response change state under it. The lock is FIFO, so the
        # events of one session keep the order in which its calls arrived.
        turn = asyncio.Lock()
        loop = asyncio.get_running_loop()

        async def receive(message: str | bytes) -> None:
            async with turn:
                if session.detector is not None and self._ears is not None:
                    outcome = await loop.run_in_executor(self._ears, session.receive, message)
                else:
                    outcome = session.receive(message)
                await apply(outcome)

        async def apply(outcome: Outcome) -> None:
            await self._send_all(ws, outcome.events)
            for job in outcome.listen:
                jobs.put_nowait(job)
            if outcome.run is None:
                for record in outcome.truth:
                    self._record(record)
                return
            task = asyncio.create_task(play(outcome.run, outcome.truth))
            streams.add(task)
            task.add_done_callback(streams.discard)

        async def play(run: ResponseRun, truth: list[dict[str, Any]]) -> None:
            await self._stream(ws, run, truth, turn)
            try:
                async with turn:
                    # Turns queued behind this response (interrupt_response off) are answered now.
                    for outcome in session.ended(run):
                        await apply(outcome)
            except ConnectionClosed:
                pass

        async def listen() -> None:
            while True:
                job = await jobs.get()
                text: str | None
                error = None
                try:
                    text = await asyncio.to_thread(self.hearing.transcribe, job.audio, job.language)
                except Exception as exc:
                    log.warning("input transcription failed: %s", exc)
                    text, error = None, f"The audio could not be transcribed: {exc}"
                try:
                    async with turn:
                        for outcome in session.heard(job, text, error):
                            await apply(outcome)
                except ConnectionClosed:
                    return
                except Exception:  # keep hearing later turns; say loudly what broke this one
                    log.exception("handling the words of %s failed", job.item_id)

        listener = asyncio.create_task(listen())
        try:
            await self._send_all(ws, session.open())
            async for message in ws:
                await receive(message)
        except ConnectionClosed:
            pass
        finally:
            listener.cancel()
            for task in list(streams):
                task.cancel()

    @staticmethod
    async def _send_all(ws: ServerConnection, events: list[dict[str, Any]]) -> None:
        for event in events:
            await ws.send(json.dumps(event))

    async def _stream(
        self, ws: ServerConnection, run: ResponseRun, truth: list[dict[str, Any]], turn: asyncio.Lock
    ) -> None:
        audio = b""
        if run.needs_audio and not run.finished:  # an answer cancelled at birth is never spoken
            # piper/espeak are CPU-bound; keep the loop serving other sessions.
            audio = await asyncio.to_thread(self.speech.encode, run.rendition.parts, run.audio_format)
        for record in truth:
            record["audio_seconds"] = round(duration(audio, run.audio_format), 3) if run.needs_audio else 0.0
            self._record(record)
        steps = run.body(audio)
        try:
            while True:
                async with turn:  # a step changes the run's state, which the session reads
                    step = next(steps, None)
                if step is None:
                    break
                if step.action == "disconnect":
                    log.info("fault disconnect: closing %s mid-response", run.response_id)
                    if ws.transport is not None:
                        ws.transport.abort()
                    return
                if step.action == "stall":
                    log.info("fault stall: %s stops without response.done", run.response_id)
                    return
                assert step.event is not None
                await ws.send(json.dumps(step.event))
                if self.pace > 0 and step.media_seconds > 0:
                    await asyncio.sleep(step.media_seconds / self.pace)
        except ConnectionClosed:
            pass

    def _record(self, record: dict[str, Any]) -> None:
        with self._truth_lock:
            self.truth.append(record)
            if self.truth_log:
                with self.truth_log.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
