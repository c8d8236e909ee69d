"""`verifier run` / `verifier replay` as real subprocesses: kill and resume, bad keys, env config, the gate."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from verifier.report.history import list_runs
from verifier.schema.rundir import read_jsonl
from verifier.simulator import Simulator

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "user-reports.jsonl"
# `python -m verifier` from the checkout: this tree's code, however (and whenever) the script was installed.
VERIFIER = [sys.executable, "-m", "verifier"]


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*VERIFIER, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="module")
def sim() -> Any:
    s = Simulator(host="127.0.0.1", port=0, api_key="sim-key").start_in_thread()
    yield s
    s.stop_thread()


def test_killed_run_resumes_with_every_response_exactly_once(tmp_path: Path) -> None:
    out = tmp_path / "run"
    args = [
        "run",
        str(CORPUS),
        "--repeat",
        "3",
        "--concurrency",
        "2",
        "--out",
        str(out),
        "--sim-pace",
        "3",
        "--asr-model",
        "tiny.en",
        "--no-progress",
    ]
    proc = subprocess.Popen([*VERIFIER, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (
                len((out / "captures.jsonl").read_bytes().splitlines()) >= 6
                if (out / "captures.jsonl").exists()
                else False
            ):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
    killed_caps = list(read_jsonl(out / "captures.jsonl"))
    assert 6 <= len(killed_caps) < 24
    with open(out / "events.jsonl", "a") as f:
        f.write('{"t": 9.9, "conn": 1, "event": {"type": "response.au')  # a kill mid-line, made certain

    done = _cli("run", "--resume", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    caps = list(read_jsonl(out / "captures.jsonl"))
    keys = Counter((c["meta"]["prompt_id"], c["meta"]["repeat_index"]) for c in caps)
    assert len(keys) == 24 and set(keys.values()) == {1}
    assert [c["response_id"] for c in caps[: len(killed_caps)]] == [c["response_id"] for c in killed_caps]
    results = list(read_jsonl(out / "results.jsonl"))
    ids = Counter(r["meta"]["response_id"] for r in results)
    assert set(ids) == {c["response_id"] for c in caps} and set(ids.values()) == {1}
    assert all(r["verdict"] == "match" for r in results), [r["explanation"] for r in results if r["verdict"] != "match"]
    for path in (out / "events.jsonl", out / "captures.jsonl", out / "results.jsonl"):
        for line in path.read_text().splitlines():
            json.loads(line)  # every line whole: nothing glued to a torn fragment
    info = json.loads((out / "run.json").read_text())
    assert info["resumed"][0]["trimmed_torn_lines"][0] == "events.jsonl" and info["finished"]
    assert "skipped" in done.stdout or "already in the run" in done.stdout


def test_bad_key_and_bad_endpoint_give_one_line_and_leak_nothing(sim: Any, tmp_path: Path) -> None:
    secret = "sk-live-9d8f7e6a5b4c3d2e1f00"
    out = tmp_path / "run"
    r = _cli(
        "run",
        str(CORPUS),
        "--endpoint",
        sim.url("azure"),
        "--api",
        "azure",
        "--api-key",
        secret,
        "--out",
        str(out),
        "--no-progress",
    )
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: HTTP 401") and "check the API key" in lines[0]
    assert secret not in r.stdout + r.stderr
    for f in out.rglob("*"):
        assert not f.is_file() or secret not in f.read_text(errors="replace"), f

    env = {"AZURE_OPENAI_ENDPOINT": "http://127.0.0.1:9", "AZURE_OPENAI_API_KEY": secret}
    r = _cli(
        "run",
        str(CORPUS),
        "--target",
        "azure",
        "--retries",
        "0",
        "--out",
        str(tmp_path / "r2"),
        "--no-progress",
        env=env,
    )
    assert r.returncode == 2 and secret not in r.stdout + r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()] and "cannot connect to ws://127.0.0.1:9" in r.stderr


def test_environment_configures_the_target_and_the_gate_sets_the_exit_code(sim: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {"id": "a", "text": "Okay, much better.", "response": {"metadata": {"sim_fault": "text_only"}}},
                {"id": "b", "text": "That's the best one."},
            ]
        )
        + "\n"
    )
    env = {
        "AZURE_OPENAI_ENDPOINT": sim.http_url(),
        "AZURE_OPENAI_API_KEY": "sim-key",
        "OPENAI_API_VERSION": "2024-10-01-preview",
        "AZURE_OPENAI_DEPLOYMENT": "gpt-realtime",
    }
    out = tmp_path / "run"
    db = tmp_path / "history.sqlite"
    r = _cli(
        "run",
        str(corpus),
        "--target",
        "azure",
        "--out",
        str(out),
        "--asr-model",
        "tiny.en",
        "--max-rate",
        "missing_audio=0",
        "--no-progress",
        "--db",
        str(db),
        env=env,
    )
    assert r.returncode == 1, r.stderr
    assert "gate failed: missing_audio 1/2 = 50.0% > max 0.0%" in r.stdout
    info = json.loads((out / "run.json").read_text())
    assert info["target"]["api_version"] == "2024-10-01-preview" and info["target"]["kind"] == "azure"
    assert "sim-key" not in (out / "run.json").read_text()
    # Every run lands in the history, breached gate or not: nightly trends need the bad nights too.
    [recorded] = list_runs(db)
    assert recorded.run_id == info["run_id"] and recorded.counts.get("missing_audio") == 1

    r = _cli("run", str(corpus), "--max-rate", "nonsense=1")
    assert r.returncode == 2 and "unknown class 'nonsense'" in r.stderr


def test_replay_command_on_a_harness_log(sim: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "That's the best one."}) + "\n")
    out = tmp_path / "run"
    r = _cli("run", str(corpus), "--out", str(out), "--no-score", "--no-progress")
    assert r.returncode == 0, r.stderr
    log = out / "events.jsonl"
    with open(log, "a") as f:
        f.write("garbage line\n")
    r = _cli("replay", str(log), "--out", str(tmp_path / "replayed"), "--asr-model", "tiny.en", "--no-progress")
    # bad input: said, with the line, and a non-zero exit; the readable response is verified all the same
    lines = len(log.read_text().splitlines())
    assert r.returncode == 2, r.stderr
    assert "not valid JSON" in r.stderr and "replayed 1 responses" in r.stdout
    assert f"1 line(s) could not be read (line {lines})" in r.stderr
    (res,) = read_jsonl(tmp_path / "replayed" / "results.jsonl")
    assert res["verdict"] == "match" and res["meta"]["prompt_id"] == "a"
    r = _cli("replay", str(tmp_path / "nope.jsonl"))
    assert r.returncode == 2 and "event log not found" in r.stderr
