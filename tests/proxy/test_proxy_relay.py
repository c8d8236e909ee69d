"""The relay over real sockets: frames unchanged and in order, handshakes, closes, failures, the run directory."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.helpers.proxy import (
    SECRET,
    MatchAll,
    Scripted,
    http_get,
    metric,
    proxy_to,
    rows,
    strip_ids,
    wait_for,
)
from tests.helpers.sim import KEY, ask, dial, recv, types_of
from verifier.report.rundata import load_run
from verifier.schema.results import VerdictClass
from verifier.simulator import Simulator

PREVIEW = "/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime"
GA = "/openai/v1/realtime?model=gpt-realtime"
# Text, binary, unicode, empty, not JSON, a large frame: the relay must not care what it carries.
SCRIPT: list[str | bytes] = [
    '{"type":"session.created","session":{"id":"s1"}}',
    b"\x00\x01binary\xff",
    '{"type":"x","text":"h\u00e9llo \u2603 \U0001f600"}',
    "",
    "not json {",
    json.dumps({"type": "big", "blob": "A" * 1_000_000}),
]


def test_frames_pass_unchanged_both_ways_and_in_order(tmp_path: Path) -> None:
    async def go() -> None:
        async def script(ws: ServerConnection) -> None:
            for m in SCRIPT:
                await ws.send(m)

        async with Scripted(script=script).running() as up, proxy_to(up.url, tmp_path / "run") as p:
            async with connect(p.url() + PREVIEW, additional_headers={"api-key": KEY}, max_size=None) as ws:
                got = [await asyncio.wait_for(ws.recv(), 10) for _ in SCRIPT]
                sent: list[str | bytes] = [
                    "a",
                    b"\x00b",
                    "\u00fc" * 10,
                    json.dumps({"type": "x", "n": list(range(50))}),
                ]
                for m in sent:
                    await ws.send(m)
                await wait_for(lambda: len(up.received) == len(sent))
            assert got == SCRIPT  # same payloads, text stays text, binary stays binary
            assert [type(m) for m in got] == [type(m) for m in SCRIPT]
            assert up.received == sent
            status, page = await http_get(p.http_url() + "/metrics")
            assert status == 200
            assert metric(page, "verifier_proxy_frames_total", direction="server") == len(SCRIPT)
            assert metric(page, "verifier_proxy_frames_total", direction="client") == len(sent)
            assert metric(page, "verifier_proxy_bytes_total", direction="client") == sum(len(m) for m in sent)

    asyncio.run(go())


def test_request_path_headers_and_subprotocols_reach_upstream(tmp_path: Path) -> None:
    offered = ["realtime", f"openai-insecure-api-key.{SECRET}", "openai-beta.realtime-v1"]

    async def go() -> None:
        async def script(ws: ServerConnection) -> None:
            await ws.send(json.dumps({"type": "error", "error": {"message": f"echo {SECRET}"}}))

        async with Scripted(script=script, choose="realtime").running() as up, proxy_to(up.url, tmp_path / "run") as p:
            headers = {
                "api-key": SECRET,
                "Authorization": f"Bearer {SECRET}",
                "OpenAI-Beta": "realtime=v1",
                "x-ms-client-request-id": "req-42",
                "Origin": "https://app.example.com",
            }
            async with connect(
                p.url() + PREVIEW + f"&api-key={SECRET}", additional_headers=headers, subprotocols=offered
            ) as ws:  # type: ignore[arg-type]
                assert ws.subprotocol == "realtime"
                await ws.recv()
            req = up.requests[0]
            assert req.path == PREVIEW + f"&api-key={SECRET}"
            for k, v in headers.items():
                assert req.headers.get_all(k) == [v], k
            assert req.headers["Sec-WebSocket-Protocol"] == ", ".join(offered)
            assert req.headers["Host"] == f"127.0.0.1:{up.port}"
        await asyncio.sleep(0)

    asyncio.run(go())
    # The credentials went upstream and nowhere else: not in any file of the run directory.
    files = [f for f in (tmp_path / "run").rglob("*") if f.is_file()]
    assert files and not [f for f in files if SECRET.encode() in f.read_bytes()]
    opened = rows(tmp_path / "run" / "proxy_sessions.jsonl")[0]
    assert opened["route"]["auth"] == "subprotocol" and "[REDACTED]" in opened["route"]["path"]


@pytest.mark.parametrize(
    "status, body, extra",
    [
        (401, b'{"error":{"code":"401","message":"Access denied due to invalid subscription key."}}', []),
        (404, b'{"error":{"code":"DeploymentNotFound","message":"The API deployment does not exist."}}', []),
        (
            429,
            b'{"error":{"code":"429","message":"Rate limit reached. Try again in 7 seconds."}}',
            [("Retry-After", "7"), ("x-ratelimit-remaining-requests", "0")],
        ),
    ],
)
def test_upstream_refusal_reaches_the_client_unchanged(
    tmp_path: Path, status: int, body: bytes, extra: list[tuple[str, str]]
) -> None:
    async def go() -> None:
        refuse = (status, [("Content-Type", "application/json"), *extra], body)
        async with Scripted(refuse=refuse).running() as up, proxy_to(up.url, tmp_path / "run") as p:
            seen = []
            for base in (f"ws://127.0.0.1:{up.port}", p.url()):
                with pytest.raises(InvalidStatus) as err:
                    await connect(base + PREVIEW, additional_headers={"api-key": KEY})
                r = err.value.response
                seen.append(
                    (
                        r.status_code,
                        bytes(r.body or b""),
                        r.headers.get("Content-Type"),
                        [r.headers.get(k) for k, _ in extra],
                    )
                )
            assert seen[0] == seen[1] and seen[1][0] == status and seen[1][1] == body
            page = (await http_get(p.http_url() + "/metrics"))[1]
            assert metric(page, "verifier_proxy_handshakes_refused_total", status=str(status)) == 1

    asyncio.run(go())


def test_simulator_refusals_match_direct(fast_sim: Simulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run") as p:
            for path, headers in (
                (PREVIEW, {"api-key": "wrong-key"}),
                ("/openai/nowhere", {"api-key": KEY}),
                (GA + "&api-version=2024-10-01-preview", {"api-key": KEY}),
            ):
                seen = []
                for base in (fast_sim.url(), p.url()):
                    with pytest.raises(InvalidStatus) as err:
                        await connect(base + path, additional_headers=headers)
                    seen.append((err.value.response.status_code, bytes(err.value.response.body or b"")))
                assert seen[0] == seen[1], path

    asyncio.run(go())


@pytest.mark.parametrize("path, fault", [(PREVIEW, "truncate"), (GA, "text_only"), (PREVIEW, None)])
def test_simulator_session_is_the_same_through_the_proxy(
    fast_sim: Simulator, tmp_path: Path, path: str, fault: str | None
) -> None:
    async def session(base: str) -> list[dict[str, Any]]:
        async with await dial(base + path) as ws:
            events = [await recv(ws)]
            events += await ask(ws, "Good morning. The report is ready.", fault=fault)
            return events

    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run") as p:
            direct = await session(fast_sim.url())
            proxied = await session(p.url())
            await wait_for(lambda: p.tap is not None and sum(p.tap.stats.verdicts.values()) == 1)
        assert types_of(proxied) == types_of(direct)
        assert strip_ids(proxied) == strip_ids(direct)

    asyncio.run(go())
    caps = rows(tmp_path / "run" / "captures.jsonl")
    assert len(caps) == 1 and caps[0]["meta"]["deployment"] == "gpt-realtime"
    assert (tmp_path / "run" / caps[0]["audio_file"]).stat().st_size > 0 if fault != "text_only" else True


def test_upstream_close_code_and_reason_reach_the_client(tmp_path: Path) -> None:
    async def go() -> None:
        async def script(ws: ServerConnection) -> None:
            await ws.send("{}")
            await ws.close(4008, "session expired: max duration")

        async with Scripted(script=script).running() as up, proxy_to(up.url, tmp_path / "run") as p:
            async with connect(p.url() + PREVIEW, additional_headers={"api-key": KEY}) as ws:
                await ws.recv()
                with pytest.raises(ConnectionClosed) as err:
                    await asyncio.wait_for(ws.recv(), 10)
            assert err.value.rcvd is not None
            assert (err.value.rcvd.code, err.value.rcvd.reason) == (4008, "session expired: max duration")
        closed = [r for r in rows(tmp_path / "run" / "proxy_sessions.jsonl") if r["event"] == "close"]
        assert closed[0]["by"] == "upstream" and closed[0]["code"] == 4008

    asyncio.run(go())


def test_a_close_without_a_code_reaches_the_client_without_one(tmp_path: Path) -> None:
    async def go() -> None:
        async def script(ws: ServerConnection) -> None:
            await ws.send("{}")
            await ws.close(None)  # type: ignore[arg-type]  # an empty close frame: 1005 on the other side

        async with Scripted(script=script).running() as up, proxy_to(up.url, tmp_path / "run") as p:
            async with connect(p.url() + PREVIEW, additional_headers={"api-key": KEY}) as ws:
                await ws.recv()
                with pytest.raises(ConnectionClosed) as err:
                    await asyncio.wait_for(ws.recv(), 10)
            assert err.value.rcvd is not None and err.value.rcvd.code == 1005  # as direct, not 1000

    asyncio.run(go())


def test_client_close_closes_upstream_with_its_code(tmp_path: Path) -> None:
    async def go() -> None:
        async with Scripted().running() as up, proxy_to(up.url, tmp_path / "run") as p:
            ws = await connect(p.url() + PREVIEW, additional_headers={"api-key": KEY})
            await ws.send("hi")
            await ws.close(4100, "user hung up")
            await wait_for(lambda: bool(up.closes))
            assert up.closes == [(4100, "user hung up")] and up.received == ["hi"]

    asyncio.run(go())


def test_upstream_drop_is_a_drop_for_the_client(fast_sim: Simulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run") as p:
            async with await dial(p.url() + PREVIEW) as ws:
                await recv(ws)
                with pytest.raises(ConnectionClosed) as err:
                    await ask(ws, "Good morning. The report is ready.", fault="disconnect", timeout=10)
                assert err.value.rcvd is None  # no close frame, as direct
            await wait_for(lambda: p.tap is not None and sum(p.tap.stats.verdicts.values()) == 1)
        res = rows(tmp_path / "run" / "results.jsonl")
        assert [r["verdict"] for r in res] == ["error"] and "closed by the upstream" in res[0]["explanation"]

    asyncio.run(go())


class Exploding:
    def verify_many(self, items: list[Any]) -> list[Any]:
        raise RuntimeError("verifier blew up")


def test_a_crashing_tap_or_verifier_never_touches_the_relay(fast_sim: Simulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run", verifier_factory=Exploding) as p:
            assert p.tap is not None

            def broken(*a: Any) -> None:
                raise ValueError("tap bug")

            async with await dial(p.url() + PREVIEW) as ws:
                await recv(ws)
                first = await ask(ws, "One two three.", fault="none")
                p.tap.frame = broken  # type: ignore[method-assign]
                second = await ask(ws, "Four five six.", fault="none")
            assert types_of(first)[-1] == types_of(second)[-1] == "response.done"
            await wait_for(lambda: sum(p.tap.stats.verdicts.values()) == 1 if p.tap else False)
            page = (await http_get(p.http_url() + "/metrics"))[1]
            assert metric(page, "verifier_proxy_tap_errors_total") > 0
        res = rows(tmp_path / "run" / "results.jsonl")
        assert [r["verdict"] for r in res] == ["error"] and "verifier blew up" in res[0]["error"]

    asyncio.run(go())


def test_verification_behind_skips_and_counts(fast_sim: Simulator, tmp_path: Path) -> None:
    release = asyncio.Event()

    class Slow(MatchAll):
        def verify_many(self, items: list[Any]) -> list[Any]:
            import time

            while not release.is_set():
                time.sleep(0.01)
            return super().verify_many(items)

    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run", verifier_factory=Slow, max_pending=1) as p:
            async with await dial(p.url() + PREVIEW) as ws:
                await recv(ws)
                for i in range(3):
                    await ask(ws, f"Sentence number {i}.", fault="none")
            await wait_for(lambda: p.tap is not None and p.tap.stats.captures == 3)
            page = (await http_get(p.http_url() + "/metrics"))[1]
            assert metric(page, "verifier_proxy_responses_skipped_total", reason="verification_behind") == 2
            assert metric(page, "verifier_proxy_verification_pending") == 1
            release.set()
            await wait_for(lambda: p.tap is not None and sum(p.tap.stats.verdicts.values()) == 1)
        assert len(rows(tmp_path / "run" / "captures.jsonl")) == 3  # skipped ones are kept, just not judged
        assert len(rows(tmp_path / "run" / "results.jsonl")) == 1

    asyncio.run(go())


def test_restart_appends_and_report_reads_it(fast_sim: Simulator, tmp_path: Path) -> None:
    out = tmp_path / "run"

    async def one_session(text: str) -> None:
        async with proxy_to(fast_sim.http_url(), out) as p:
            async with await dial(p.url() + GA) as ws:
                await recv(ws)
                await ask(ws, text, fault="none")
            await wait_for(lambda: p.tap is not None and sum(p.tap.stats.verdicts.values()) == 1)

    asyncio.run(one_session("First run."))
    asyncio.run(one_session("Second run."))
    assert len(rows(out / "results.jsonl")) == 2
    sessions = [r["conn"] for r in rows(out / "proxy_sessions.jsonl") if r["event"] == "open"]
    assert sessions == [1, 2]
    info = json.loads((out / "run.json").read_text())
    assert info["kind"] == "proxy" and info["proxy_restarts"] == 1 and len(info["resumed"]) == 1
    run = load_run(out)
    assert [r.verdict.verdict for r in run.rows] == ["match", "match"] and not run.problems


def test_healthz_and_plain_http(tmp_path: Path) -> None:
    async def go() -> None:
        async with Scripted().running() as up, proxy_to(up.url, tmp_path / "run") as p:
            status, body = await http_get(p.http_url() + "/healthz")
            assert status == 200 and json.loads(body)["status"] == "ok"
            assert (await http_get(p.http_url() + PREVIEW))[0] == 426

    asyncio.run(go())


def test_unreachable_upstream_is_a_502(tmp_path: Path) -> None:
    async def go() -> None:
        async with proxy_to("http://127.0.0.1:9", tmp_path / "run") as p:
            with pytest.raises(InvalidStatus) as err:
                await connect(p.url() + PREVIEW, additional_headers={"api-key": KEY})
            assert err.value.response.status_code == 502
            assert KEY.encode() not in bytes(err.value.response.body or b"")

    asyncio.run(go())


class Truncating(MatchAll):
    def verify_many(self, items: list[Any]) -> list[Any]:
        out = super().verify_many(items)
        for v in out:
            v.verdict, v.explanation = VerdictClass.TRUNCATED, f"audio stops before the transcript ends ({SECRET})"
        return out


def test_alert_webhook_gets_each_fault_without_secrets(fast_sim: Simulator, tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    posts: list[dict[str, Any]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            posts.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a: Any) -> None:
            pass

    hook = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()

    async def go() -> None:
        async with proxy_to(
            fast_sim.http_url(),
            tmp_path / "run",
            verifier_factory=Truncating,
            alert_webhook=f"http://127.0.0.1:{hook.server_port}/alert",
        ) as p:
            # A second credential header the upstream ignores: registered as secret all the same.
            async with connect(p.url() + PREVIEW, additional_headers={"api-key": KEY, "x-api-key": SECRET}) as ws:
                await recv(ws)
                await ask(ws, "One two three.", fault="none")
            await wait_for(lambda: len(posts) == 1)

    try:
        asyncio.run(go())
    finally:
        hook.shutdown()
    alert = posts[0]
    caps = rows(tmp_path / "run" / "captures.jsonl")
    assert alert["verdict"] == "truncated" and alert["fault"] is True
    assert alert["response_id"] == caps[0]["response_id"] and alert["conn"] == 1
    assert SECRET not in json.dumps(alert) and "[REDACTED]" in alert["explanation"]


def test_tap_in_its_own_process_follows_sessions_and_dies_alone(fast_sim: Simulator, tmp_path: Path) -> None:
    async def go() -> None:
        async with proxy_to(fast_sim.http_url(), tmp_path / "run", tap_process=True, verify=False) as p:
            assert p.link is not None
            async with await dial(p.url() + PREVIEW) as ws:
                await recv(ws)
                first = await ask(ws, "One two three.", fault="none")
                await wait_for(lambda: len(rows(tmp_path / "run" / "captures.jsonl")) == 1)
                page = (await http_get(p.http_url() + "/metrics"))[1]
                assert (
                    metric(
                        page,
                        "verifier_proxy_audio_seconds_total",
                        deployment="gpt-realtime",
                        api_version="2024-10-01-preview",
                    )
                    > 0
                )  # reported back by the child
                p.link._proc.kill()  # the tap process dies mid-session (a crash in verification, say)
                await asyncio.sleep(0.3)
                second = await ask(ws, "Four five six.", fault="none")
            assert types_of(first) == types_of(second) and types_of(second)[-1] == "response.done"

    asyncio.run(go())
    assert len(rows(tmp_path / "run" / "captures.jsonl")) == 1
