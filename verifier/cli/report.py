"""`verifier report RUN_DIR`: rebuild the reports of a run, and gate CI on them.

Exit codes: 0 reports written (and the gate, if any, passed); 1 a `--max-rate`
limit was breached (one line on stderr says which); 2 bad input.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, fail
from verifier.report import build_reports
from verifier.report.experiment import ExperimentError
from verifier.report.experiment_pages import rebuild_experiment
from verifier.report.gate import evaluate
from verifier.report.history import HistoryError
from verifier.report.rundata import RunDirError, load_run


def report(
    run_dir: Path = typer.Argument(..., help="Run directory (verifier run) or score output folder (verifier score)."),
    out: Path | None = typer.Option(None, "--out", help="Write the reports here instead of into RUN_DIR."),
    max_rate: opt.MaxRate = None,
    junit: Path | None = typer.Option(None, "--junit", help="Also copy the JUnit XML (one case per response) here."),
    db: str | None = typer.Option(
        None, "--db", help="Also record the run in this history database (SQLAlchemy URL or SQLite file path)."
    ),
    manifest: Path | None = typer.Option(
        None,
        "--manifest",
        help="For `verifier score` output: the manifest it scored, so the report can play each clip.",
    ),
) -> None:
    """Write report.html, results.csv/.parquet, summary.md and junit.xml for a run."""
    limits = opt.gate_limits(max_rate)
    if junit is not None:
        opt.output_file(junit, "--junit")
    if out is not None:
        opt.output_dir(out, "--out")
    if (run_dir / "experiment.json").is_file():  # an experiment: rebuild every sub-run's and the comparison
        try:
            result = rebuild_experiment(run_dir)
        except ExperimentError as exc:
            raise fail(str(exc)) from None
        typer.echo(f"experiment report: {result.path / 'experiment.html'}")
        return
    try:
        run = load_run(run_dir, manifest=manifest)
    except RunDirError as exc:
        raise fail(str(exc)) from None
    gate = evaluate([r.verdict for r in run.rows], limits) if limits else None
    history_error: HistoryError | None = None
    try:
        paths = build_reports(run, out if out is not None else run_dir, gate=gate, history=db)
    except HistoryError as exc:  # every report is written; only the history lacks the run
        history_error, paths = exc, exc.paths
    if junit is not None:
        junit.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(paths["junit.xml"], junit)
        paths["junit"] = junit
    for problem in run.problems:
        typer.echo(f"note: {problem}", err=True)
    typer.echo(f"report: {paths['report.html']}")
    typer.echo(f"summary: {paths['summary.md']}")
    if gate is not None:
        if not gate.ok:
            typer.echo(gate.reason, err=True)
            raise typer.Exit(EXIT_GATE)
        typer.echo(gate.reason)
    if history_error is not None:  # --db was asked for and not honoured: not a success
        raise fail(f"run not recorded in the history: {history_error}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
