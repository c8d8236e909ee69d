"""Run history across three real simulator runs, and `verifier compare` on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.reports import sim_config
from verifier.cli.app import app
from verifier.report.history import list_runs, record_run
from verifier.report.stats import TEST_NAME

pytestmark = pytest.mark.slow  # simulator speech and Whisper

runner = CliRunner()


@pytest.fixture(scope="module")
def three_runs(sim_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Path]]:
    """Two equal nightly runs, then one where the service drops audio far more often."""
    from verifier.harness.runner import run

    root = tmp_path_factory.mktemp("hist")
    db = f"sqlite:///{root / 'history.sqlite'}"
    runs = []
    for i, faults in enumerate(["text_only=0.05", "text_only=0.05", "text_only=0.8"]):
        out = root / f"night{i}"
        run(sim_corpus, sim_config(out, faults=faults, repeat=4, seed=11, config_name="nightly"), progress=False)
        record_run(out, db)
        runs.append(out)
    return db, runs


def test_history_keeps_every_run_in_order(three_runs: tuple[str, list[Path]], tmp_path: Path) -> None:
    db, runs = three_runs
    records = list_runs(db)
    assert len(records) == 3 and all(r.total == 12 for r in records)
    assert all(r.config_name == "nightly" and r.target.get("api") == "azure" for r in records)
    assert records[0].counts == records[1].counts  # same seed, same faults: same outcome
    assert records[2].counts.get("missing_audio", 0) > records[0].counts.get("missing_audio", 0) + 5
    # Recording again replaces, never duplicates.
    record_run(runs[0], db)
    assert len(list_runs(db)) == 3

    plot = tmp_path / "trend.svg"
    res = runner.invoke(app, ["history", "--db", db, "--last", "10", "--plot", str(plot)])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if "nightly" in ln]
    assert len(lines) == 3
    assert "missing_audio" in plot.read_text() and plot.read_text().startswith("<svg")


def test_compare_detects_the_regression_and_not_equal_runs(three_runs: tuple[str, list[Path]]) -> None:
    db, runs = three_runs
    equal = runner.invoke(app, ["compare", str(runs[1]), str(runs[0]), "--db", db])
    assert equal.exit_code == 0, equal.output
    assert "no class significantly worse" in equal.stdout and TEST_NAME in equal.stdout

    worse = runner.invoke(app, ["compare", str(runs[2]), str(runs[1]), "--db", db])
    assert worse.exit_code == 1, worse.output
    reason = worse.stderr.strip()
    assert reason.startswith("significantly worse than baseline") and "missing_audio" in reason
    assert "truncated" not in reason

    # By recorded run id, and against "previous" (the nightly use).
    ids = [r.run_id for r in list_runs(db)]
    by_id = runner.invoke(app, ["compare", ids[2], "previous", "--db", db])
    assert by_id.exit_code == 1 and "missing_audio" in by_id.stderr
    # The improvement back is not a regression.
    better = runner.invoke(app, ["compare", ids[0], ids[2], "--db", db])
    assert better.exit_code == 0


def test_compare_bad_input(three_runs: tuple[str, list[Path]]) -> None:
    db, _ = three_runs
    res = runner.invoke(app, ["compare", "no-such-run", "previous", "--db", db])
    assert res.exit_code == 2 and "neither a run directory nor a run id" in res.stderr
