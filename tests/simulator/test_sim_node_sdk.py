"""The npm `openai` SDK, running the user report's code, against the simulator over wss."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.sim import KEY, REPORT_DRIFT_EN, REPORT_DRIFT_ES, LocalCA
from verifier.simulator import Simulator

pytestmark = pytest.mark.slow  # node SDK against simulator speech

NODE_DIR = Path(__file__).resolve().parent.parent / "node"
NODE = shutil.which("node")


def _run_report(sim: Simulator, ca: LocalCA, key: str = KEY, text: str = REPORT_DRIFT_ES) -> tuple[int, dict[str, Any]]:
    if NODE is None:
        pytest.skip("node is not installed: the npm SDK test needs Node.js 18+")
    if not (NODE_DIR / "node_modules" / "openai").is_dir():
        pytest.fail(f"npm packages missing: run `npm install` in {NODE_DIR} (make test does)")
    env = {
        **os.environ,
        "AZURE_OPENAI_API_KEY": key,
        "AZURE_OPENAI_ENDPOINT": sim.http_url(),
        "NODE_EXTRA_CA_CERTS": str(ca.ca_pem),
        "SIM_TEXT": text,
        "SIM_TIMEOUT_MS": "40000",
    }
    proc = subprocess.run([NODE, "user_report.js"], cwd=NODE_DIR, env=env, capture_output=True, text=True, timeout=90)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no summary from node (rc {proc.returncode}): {proc.stderr[-2000:]}"
    return proc.returncode, json.loads(lines[-1])


def test_npm_sdk_runs_the_user_report_code(tls_sim: Simulator, test_ca: LocalCA) -> None:
    rc, out = _run_report(tls_sim, test_ca)
    assert rc == 0 and not out["errors"], out
    assert out["events"][:2] == ["session.created", "session.updated"]
    assert out["part_types"] == ["audio"] and out["status"] == "completed"
    assert out["transcript"] == REPORT_DRIFT_EN
    seconds, words = out["audio_bytes"] / 8000, len(REPORT_DRIFT_EN.split())  # g711_ulaw: 8000 bytes/s
    assert out["deltas"] > 5 and 0.2 < seconds / words < 0.8, out
    assert out["audio_tokens"] > 0


def test_npm_sdk_sees_a_wrong_key_rejected(tls_sim: Simulator, test_ca: LocalCA) -> None:
    rc, out = _run_report(tls_sim, test_ca, key="not-the-key")
    assert rc == 1 and "401" in " ".join(out["errors"]), out
