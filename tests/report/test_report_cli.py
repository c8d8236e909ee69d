"""`verifier report` as CI runs it: exit codes, the one-line reason, JUnit output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli.app import app

runner = CliRunner()


@pytest.mark.slow  # three reports, over a second
def test_gate_passes_fails_and_rejects_bad_specs(synthetic_run: Path, tmp_path: Path) -> None:
    out = ["--out", str(tmp_path / "r")]
    ok = runner.invoke(app, ["report", str(synthetic_run), *out, "--max-rate", "fault=0.9"])
    assert ok.exit_code == 0, ok.output
    assert "gate passed" in ok.stdout

    bad = runner.invoke(app, ["report", str(synthetic_run), *out, "--max-rate", "missing_audio=0,truncated=20%"])
    assert bad.exit_code == 1
    reason = bad.stderr.strip().splitlines()
    assert reason == ["gate failed: missing_audio 1/6 = 16.7% > max 0.0%"]  # truncated 16.7% <= 20%: not named

    # Repeated --max-rate options add up.
    both = runner.invoke(
        app, ["report", str(synthetic_run), *out, "--max-rate", "missing_audio=0", "--max-rate", "truncated=0.02"]
    )
    assert both.exit_code == 1 and "truncated 1/6" in both.stderr and "missing_audio 1/6" in both.stderr

    for spec in ("nonsense=0.1", "truncated", "truncated=2", "truncated=abc"):
        res = runner.invoke(app, ["report", str(synthetic_run), *out, "--max-rate", spec])
        assert res.exit_code == 2, spec
        assert "--max-rate" in res.stderr


def test_no_gate_exits_zero_and_junit_copy(synthetic_run: Path, tmp_path: Path) -> None:
    junit = tmp_path / "ci" / "verifier.xml"
    res = runner.invoke(app, ["report", str(synthetic_run), "--out", str(tmp_path / "r"), "--junit", str(junit)])
    assert res.exit_code == 0, res.output
    assert len(ET.parse(junit).getroot().findall(".//testcase")) == 6


def test_bad_run_dir_is_exit_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["report", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "not a directory" in res.stderr
