"""Layer 2, reports built from a run directory or a `verifier score` output folder.

`write_reports(run_dir)` is what `verifier run` calls at the end of every run:
report.html, results.csv, results.parquet, summary.md and junit.xml. Also the
CI gate, run history and comparisons, support bundles and experiment pages.

Rule: reads and writes files only; imports `verifier.schema` and nothing else
of verifier (never the harness, the ASR or the realtime client), so a report
can be rebuilt from any run directory on any machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from verifier.report.gate import GateResult, evaluate
from verifier.report.html import render_html
from verifier.report.junit import write_junit
from verifier.report.rundata import RunData, RunDirError, load_run
from verifier.report.tables import summary_markdown, write_tables

if TYPE_CHECKING:
    from verifier.report.history import HistoryError

__all__ = ["write_reports", "build_reports", "load_run", "RunData", "RunDirError", "GateResult"]


def build_reports(
    run: RunData, out_dir: Path, *, gate: GateResult | None = None, history: str | None = None
) -> dict[str, Path]:
    """Write every report; raises HistoryError (with `.paths` set) only after all of them are
    written, when `history` was given and the run could not be recorded there."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = write_tables(run, out_dir)  # first: the flat results stand even if a later report fails
    extra = ""
    history_error: HistoryError | None = None
    if history:
        from verifier.report.history import HistoryError, history_section, record_run

        try:  # a broken history database costs the history, never the reports
            record_run(run, history)
            extra = history_section(history, run.config_name)
        except Exception as exc:
            history_error = exc if isinstance(exc, HistoryError) else HistoryError(f"{type(exc).__name__}: {exc}")
            run.problems.append(f"run not recorded in the history: {history_error}")
    html_path = out_dir / "report.html"
    html_path.write_text(render_html(run, gate=gate, extra_sections=extra), encoding="utf-8")
    md_path = out_dir / "summary.md"
    md_path.write_text(summary_markdown(run, gate), encoding="utf-8")
    paths.update(
        {"report.html": html_path, "summary.md": md_path, "junit.xml": write_junit(run, out_dir / "junit.xml")}
    )
    if history_error is not None:
        history_error.paths = paths
        raise history_error
    return paths


def write_reports(
    run_dir: Path, *, out_dir: Path | None = None, max_rates: dict[str, float] | None = None, history: str | None = None
) -> dict[str, Path]:
    """Write every report for a run into `out_dir` (default: the run dir); returns {file name: path}.

    `max_rates` (from `gate.parse_max_rates`) puts the gate decision into the
    report and summary; the caller decides the exit code. `history`, a
    SQLAlchemy URL or SQLite path, also records the run there.
    """
    run = load_run(run_dir)
    gate = evaluate([r.verdict for r in run.rows], max_rates) if max_rates else None
    return build_reports(run, Path(out_dir) if out_dir is not None else Path(run_dir), gate=gate, history=history)
