"""A/B experiments: several session settings, one corpus, compared; a rejected one is a result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli.app import app
from verifier.harness.experiment import MatrixError, load_matrix

runner = CliRunner()

MATRIX = """
name: modalities-workaround
baseline: beta-text-audio
base:
  target: simulator
  faults: text_only=0.5
  seed: 3
  repeat: 2
  verifier_model: tiny.en
configurations:
  beta-text-audio: {modalities: [text, audio], output_audio_format: g711_ulaw}
  beta-audio-only: {modalities: [audio]}
  ga-audio: {shape: ga, modalities: [audio]}
"""


@pytest.mark.slow
def test_experiment_compares_configurations(sim_corpus: Path, tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.yaml"
    matrix.write_text(MATRIX)
    out = tmp_path / "exp"
    res = runner.invoke(app, ["experiment", str(matrix), str(sim_corpus), "--out", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    exp = json.loads((out / "experiment.json").read_text())
    by = {c["name"]: c for c in exp["configurations"]}
    assert by["beta-text-audio"]["status"] == "ok" and by["beta-text-audio"]["total"] == 6
    assert by["beta-text-audio"]["counts"]["missing_audio"] >= 1
    rejected = by["beta-audio-only"]
    assert rejected["status"] == "rejected" and "Invalid modalities: ['audio']" in rejected["message"]
    assert by["ga-audio"]["status"] == "ok" and by["ga-audio"]["total"] == 6
    # Each sub-run is a full run directory with its own report.
    assert (out / "beta-text-audio" / "report.html").exists()
    assert json.loads((out / "ga-audio" / "run.json").read_text())["config_name"] == "ga-audio"
    page = (out / "experiment.html").read_text()
    assert "Invalid modalities" in page and "beta-text-audio/report.html" in page and "<svg" in page
    assert any(c["configuration"] == "ga-audio" and c["verdict"] == "missing_audio" for c in exp["comparisons"])
    md = (out / "experiment.md").read_text()
    assert "| beta-audio-only | **rejected**" in md


@pytest.mark.parametrize(
    "text, message",
    [
        ("configurations: {a: {modalitis: [audio]}}", "configuration 'a': unknown setting 'modalitis'"),
        ("configurations: {a: {api_key: sk-123}}", "'api_key' cannot be set in a matrix file"),
        ("base: {repeat: 2}", "'configurations' must be"),
        ("configurations: [{modalities: [audio]}]", "configurations[0] needs a 'name'"),
        ("configurations: {a: {}}\nbaseline: b", "baseline 'b' is not one of the configurations"),
        ("configurations: {a: {}\n", "line"),
    ],
)
def test_bad_matrix_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(MatrixError, match="m.yaml") as exc:
        load_matrix(path)
    assert message in str(exc.value)
    res = runner.invoke(app, ["experiment", str(path), str(path)])
    assert res.exit_code == 2 and message in res.stderr
