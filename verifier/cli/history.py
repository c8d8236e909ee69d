"""`verifier history` (the trend) and `verifier compare RUN BASELINE` (nightly alerting).

`compare` exits 1 when a class got significantly worse (naming it), 0 when
not, 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path

import typer

from verifier.cli.exits import EXIT_GATE, fail
from verifier.report.compare import compare_runs, format_table
from verifier.report.history import HistoryError, db_url, list_runs, record_run
from verifier.report.plots import history_svg
from verifier.report.rundata import RunDirError
from verifier.report.stats import ANY_FAULT, CLASSES

DB_HELP = (
    "History database: SQLAlchemy URL or SQLite file (default $VERIFIER_HISTORY_DB or reports/history/runs.sqlite)."
)


def history(
    add: list[Path] | None = typer.Option(None, "--add", help="Record these run directories first (repeatable)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    last: int = typer.Option(20, "--last", help="Show the last N runs."),
    config: str | None = typer.Option(None, "--config", help="Only runs of this configuration name."),
    plot: Path | None = typer.Option(None, "--plot", help="Write the trend as an SVG (or .html) file."),
) -> None:
    """Show every recorded run's size and rates per class, oldest first."""
    try:
        for path in add or []:
            rec = record_run(path, db)
            typer.echo(f"recorded {rec.run_id} ({rec.total} responses)")
        records = list_runs(db, last=last, config=config)
    except (HistoryError, RunDirError) as exc:
        raise fail(str(exc)) from None
    if not records:
        typer.echo(f"no runs recorded in {db_url(db).split('@')[-1]}")
        return
    shown = [c for c in (*CLASSES[1:], ANY_FAULT) if any(r.counts.get(c) for r in records)] or [ANY_FAULT]
    header = f"{'started':<17} {'run':<28} {'config':<16} {'n':>5} " + " ".join(f"{c[:14]:>14}" for c in shown)
    typer.echo(header)
    for r in records:
        by = {x.name: x for x in r.rates}
        cells = " ".join(f"{by[c].count:>4} {100 * by[c].rate:6.1f}%  " if c in by else f"{'':>14}" for c in shown)
        typer.echo(f"{r.label:<17} {r.run_id[:28]:<28} {(r.config_name or '')[:16]:<16} {r.total:>5} {cells}")
    if plot is not None:
        title = f"Rate per class over the last {len(records)} runs" + (f" ({config})" if config else "")
        svg = history_svg([(r.label, {x.name: x for x in r.rates}) for r in records], shown, title=title)
        text = svg if plot.suffix.lower() == ".svg" else f"<!doctype html><meta charset='utf-8'><body>{svg}</body>"
        plot.write_text(text, encoding="utf-8")
        typer.echo(f"plot: {plot}")


def compare(
    run: str = typer.Argument(..., help="Run directory or recorded run id."),
    baseline: str = typer.Argument(..., help="Run directory, recorded run id, or 'previous'."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    alpha: float = typer.Option(0.05, "--alpha", help="Family-wise significance level across classes."),
) -> None:
    """Exit 1 when a verdict class is significantly more frequent in RUN than in BASELINE
    (one-sided Fisher exact test per class, Holm-adjusted)."""
    if not 0 < alpha < 1:
        raise fail("--alpha must be between 0 and 1")
    try:
        result = compare_runs(run, baseline, db=db, alpha=alpha)
    except (HistoryError, RunDirError) as exc:
        raise fail(str(exc)) from None
    typer.echo(format_table(result))
    typer.echo("")
    if result.worse:
        typer.echo(result.reason, err=True)
        raise typer.Exit(EXIT_GATE)
    typer.echo(result.reason)


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("compare")(compare)
