"""`verifier replay` end to end on a text-only log, as a public app publishes one: no false missing_audio."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.session_events import created, done, ev, text_message
from verifier.schema.rundir import read_jsonl

ROOT = Path(__file__).resolve().parents[2]
# The command itself, whatever entry-point script the environment happens to have installed.
VERIFIER = [sys.executable, "-c", "from verifier.cli.app import main; main()"]


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_replay_of_a_text_only_log_is_not_missing_audio(tmp_path: Path) -> None:
    answer = json.dumps(
        {
            "intent": "set_temperature",
            "value": "minimum",
            "room": "living room",
            "confirm": True,
            "reply": "Lowering the living room thermostat to its minimum setting now, as you asked.",
        }
    )
    events = [
        ev("session.created", session={"id": "sess_1", "modalities": ["text"], "output_audio_format": "pcm16"}),
        created("resp_1", ["text"]),
        *text_message("resp_1", "item_1", answer),
        done("resp_1"),
    ]
    log = tmp_path / "app-events.jsonl"
    log.write_text("".join(json.dumps(e) + "\n" for e in events))
    out = tmp_path / "replayed"
    r = subprocess.run(
        [*VERIFIER, "replay", str(log), "--out", str(out), "--asr-model", "tiny.en", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=200,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert r.returncode == 0, r.stderr
    (res,) = read_jsonl(out / "results.jsonl")
    assert res["verdict"] == "not_applicable" and res["meta"]["scope"] == "audio not requested"
    assert res["explanation"].startswith("Audio not requested (modalities: text, as the response set them)")
    assert "no response.audio.done arrived, no transcript and a text part of" in res["explanation"]
    summary = (out / "summary.md").read_text()
    assert "0 of 0 responses diverge" in summary and "1 had nothing to verify (not_applicable)" in summary
    assert "| audio not requested | 1 | not_applicable 1 |" in summary
    html = (out / "report.html").read_text()
    assert "Not verified in full" in html and "missing_audio 1" not in html
    junit = (out / "junit.xml").read_text()
    assert 'failures="0"' in junit and 'skipped="1"' in junit
