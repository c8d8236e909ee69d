"""`verifier run --matrix` against the simulator: every run flag that applies reaches every configuration.

It used to drop --faults, --seed, --max-rate and more, so a gated nightly
matrix passed with 20% faults. Real simulator speech, real Whisper tiny.en.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.reports import ASR, write_corpus
from verifier.cli.app import app
from verifier.report.history import list_runs

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Nothing in the file injects faults or gates: whatever does comes from the command line.
MATRIX = """
name: gated
base: {target: simulator, repeat: 2}
configurations:
  pcm16: {output_audio_format: pcm16}
  ulaw: {output_audio_format: g711_ulaw}
"""


def test_run_matrix_forwards_faults_and_the_gate(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl")
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text(MATRIX)
    out, db = tmp_path / "exp", tmp_path / "history.sqlite"
    res = CliRunner().invoke(
        app,
        [
            "run",
            str(corpus),
            "--matrix",
            str(matrix),
            "--out",
            str(out),
            "--no-progress",
            "--faults",
            "text_only=0.2",
            "--seed",
            "3",
            "--max-rate",
            "fault=0",
            "--timeout",
            "20",
            "--asr-model",
            ASR,
            "--decode",
            "all",
            "--threshold",
            "heard_prob=0.45",
            "--device",
            "cpu",
            "--db",
            str(db),
        ],
    )
    exp = json.loads((out / "experiment.json").read_text())
    counts = {c["name"]: c["counts"] for c in exp["configurations"]}
    assert all(c["status"] == "ok" and c["total"] == 6 for c in exp["configurations"]), exp["configurations"]
    assert sum(c.get("missing_audio", 0) for c in counts.values()) >= 1, counts  # the faults were injected
    assert res.exit_code == 1, res.output  # ... and the gate saw them
    assert "gate failed: fault" in res.output
    for name in ("pcm16", "ulaw"):
        info = json.loads((out / name / "run.json").read_text())
        cfg = info["config"]
        assert (cfg["faults"], cfg["seed"], cfg["timeout_s"]) == ("text_only=0.2", 3, 20.0)
        assert (cfg["verifier_model"], cfg["decode"], cfg["device"]) == (ASR, "all", "cpu")
        assert cfg["thresholds"] == {"heard_prob": 0.45}
    assert {r.config_name for r in list_runs(str(db))} == {"pcm16", "ulaw"}  # --db reached every sub-run
