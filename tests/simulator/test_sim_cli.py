"""`verifier simulate` as a user runs it: starts, prints its URLs, serves, stops on Ctrl-C."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.sim import ask, dial, recv

pytestmark = pytest.mark.slow  # the simulator in a subprocess

VERIFIER = [sys.executable, "-c", "from verifier.cli import main; main()"]


def test_simulate_serves_until_interrupted(tmp_path: Path) -> None:
    truth = tmp_path / "truth.jsonl"
    proc = subprocess.Popen(
        VERIFIER
        + [
            "simulate",
            "--port",
            "0",
            "--seed",
            "3",
            "--pace",
            "0",
            "--faults",
            "text_only=1",
            "--truth-log",
            str(truth),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert "simulator listening on ws://127.0.0.1:" in first and "text_only=1" in first, first
        preview = next(line for line in iter(proc.stdout.readline, "") if "Azure preview" in line)
        url = re.search(r"ws://\S+", preview)
        assert url is not None

        async def go() -> list[dict[str, object]]:
            ws = await dial(url.group(0))
            await recv(ws)
            events = await ask(ws, "Okay, much better.")
            await ws.close()
            return events

        events = asyncio.run(go())
        assert events[-1]["type"] == "response.done"
        assert "response.text.delta" in [e["type"] for e in events]  # text_only=1: every response
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        record = json.loads(truth.read_text().splitlines()[0])
        assert record["fault"] == "text_only" and record["details"]["transcript"] == "Okay, much better."
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_simulate_rejects_a_bad_fault_spec() -> None:
    result = subprocess.run(
        VERIFIER + ["simulate", "--faults", "truncate=2"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 2
    assert "--faults" in result.stderr and "between 0 and 1" in result.stderr


def test_simulate_help_names_the_tool_override_and_turn_detection() -> None:
    result = subprocess.run(
        VERIFIER + ["simulate", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for phrase in ("sim_fault", '{"sim_tool": "get_weather"}', "server_vad and semantic_vad", "interrupt_response"):
        assert phrase in text, phrase
