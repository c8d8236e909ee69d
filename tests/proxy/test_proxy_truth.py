"""Real speech, real ASR: what the proxy's run directory concludes agrees with the simulator's truth log.

Also: a proxy killed with SIGKILL leaves a run directory `verifier report` reads.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.proxy import http_get, metric, proxy_to, rows, wait_for
from tests.helpers.sim import REPORT_TRUNCATE, ask, dial, recv
from verifier.simulator import Simulator

pytestmark = pytest.mark.slow

ASR = "tiny.en"
PREVIEW = "/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-realtime"
EXPECTED = {None: "match", "truncate": "truncated", "text_only": "missing_audio", "disconnect": "error"}


def test_verdicts_agree_with_the_simulator_truth_and_metrics_count_them(tmp_path: Path) -> None:
    out = tmp_path / "run"
    plan = ["none", "truncate:last_sentence", "text_only", "none", "disconnect"]

    async def go() -> str:
        async with (
            Simulator(api_key="sim-key", truth_log=tmp_path / "truth.jsonl") as sim,
            proxy_to(sim.http_url(), out, tap_process=True, verifier_model=ASR, report_every=1) as p,
        ):
            for fault in plan:
                try:
                    async with await dial(p.url() + PREVIEW) as ws:
                        await recv(ws)
                        await ask(ws, REPORT_TRUNCATE, fault=fault)
                except Exception:
                    assert fault == "disconnect"
            await wait_for(
                lambda: p.link is not None and sum(p.link.stats.get("verdicts", {}).values()) == len(plan), 240
            )
            return (await http_get(p.http_url() + "/metrics"))[1]

    page = asyncio.run(go())
    truth = {r["response_id"]: r["fault"] for r in rows(tmp_path / "truth.jsonl")}
    got = {(r["meta"]["response_id"]): r["verdict"] for r in rows(out / "results.jsonl")}
    assert set(got) == set(truth) and len(got) == len(plan)
    assert {rid: EXPECTED[f] for rid, f in truth.items()} == got
    for verdict, n in {"match": 2, "truncated": 1, "missing_audio": 1, "error": 1}.items():
        assert (
            metric(
                page,
                "verifier_proxy_responses_total",
                verdict=verdict,
                deployment="gpt-realtime",
                api_version="2024-10-01-preview",
            )
            == n
        ), verdict
    assert (
        metric(page, "verifier_proxy_audio_seconds_total", deployment="gpt-realtime", api_version="2024-10-01-preview")
        > 5
    )
    assert metric(page, "verifier_proxy_verification_lag_seconds_count") == len(plan)
    html = (out / "report.html").read_text()  # refreshed as it went, and at exit
    assert all(f'id="r-{rid}"' in html for rid in truth)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_killed_proxy_leaves_a_run_report_reads(tmp_path: Path) -> None:
    out, port = tmp_path / "run", free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]),
    }
    cli = [sys.executable, "-c", "from verifier.cli import main; main()"]

    async def go() -> None:
        async with Simulator(api_key="sim-key") as sim:
            proc = subprocess.Popen(
                [
                    *cli,
                    "proxy",
                    "--upstream",
                    sim.http_url(),
                    "--out",
                    str(out),
                    "--listen",
                    f"127.0.0.1:{port}",
                    "--verifier-model",
                    ASR,
                    "--report-every",
                    "0",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + 60
                while (await http_get(f"http://127.0.0.1:{port}/healthz"))[0] != 200:
                    assert proc.poll() is None and time.monotonic() < deadline, "proxy did not start"
                    await asyncio.sleep(0.2)
                async with await dial(f"ws://127.0.0.1:{port}" + PREVIEW) as ws:
                    await recv(ws)
                    await ask(ws, REPORT_TRUNCATE, fault="text_only")
                    await wait_for(lambda: len(rows(out / "results.jsonl")) == 1, 120)
                    # Kill everything at once (an OOM kill, a pulled plug): relay and tap process.
                    kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
                    for pid in [proc.pid, *map(int, kids)]:
                        os.kill(pid, signal.SIGKILL)
                    proc.wait(10)
            finally:
                if proc.poll() is None:
                    proc.kill()

    asyncio.run(go())
    info = json.loads((out / "run.json").read_text())
    assert info["finished"] is None  # killed: never finished, still readable
    done = subprocess.run([*cli, "report", str(out)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = (out / "report.html").read_text()
    assert "missing_audio" in html
