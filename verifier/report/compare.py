"""`verifier compare RUN BASELINE`: did any verdict class get significantly worse?

A run or baseline is a run directory, a run id recorded in the history
database, or (baseline only) `previous`: the run recorded before RUN with the
same configuration name. See `stats.compare` for the test.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verifier.report.history import HistoryError, RunRecord, get_run, list_runs, previous_run
from verifier.report.rundata import load_run
from verifier.report.stats import TEST_NAME, Comparison, Rate, compare, count_classes


@dataclass
class CompareResult:
    run: RunRecord
    baseline: RunRecord
    alpha: float
    rows: list[Comparison]

    @property
    def worse(self) -> list[Comparison]:
        return [c for c in self.rows if c.worse]

    @property
    def reason(self) -> str:
        if not self.worse:
            return (
                f"no class significantly worse than baseline {self.baseline.run_id} ({TEST_NAME}, alpha {self.alpha})"
            )
        parts = [
            f"{c.name} {c.run.count}/{c.run.total} ({100 * c.run.rate:.1f}%) vs {c.baseline.count}/"
            f"{c.baseline.total} ({100 * c.baseline.rate:.1f}%), p={c.p_adjusted:.3g}"
            for c in self.worse
        ]
        return (
            f"significantly worse than baseline {self.baseline.run_id}: "
            + "; ".join(parts)
            + f" ({TEST_NAME}, alpha {self.alpha})"
        )


def record_of_dir(path: Path) -> RunRecord:
    data = load_run(path)
    return RunRecord(
        run_id=data.run_id,
        total=len(data.rows),
        counts=count_classes(data.verdicts),
        started=str(data.info.get("started") or "") or None,
        config_name=data.config_name,
        session=data.session,
        target=data.target,
        path=str(path),
    )


def resolve(ref: str, db: str | None) -> RunRecord:
    if Path(ref).is_dir():
        return record_of_dir(Path(ref))
    rec = get_run(db, ref)
    if rec is None:
        raise HistoryError(f"{ref!r} is neither a run directory nor a run id in the history database")
    return rec


def resolve_baseline(ref: str, run: RunRecord, db: str | None) -> RunRecord:
    if ref != "previous":
        return resolve(ref, db)
    prev = previous_run(db, run)
    if prev is None:  # RUN may not be recorded: take the latest other run of its configuration
        others = [r for r in list_runs(db, config=run.config_name) if r.run_id != run.run_id]
        prev = others[-1] if others else None
    if prev is None:
        raise HistoryError(f"no earlier run of configuration {run.config_name!r} in the history database")
    return prev


def compare_runs(run_ref: str, baseline_ref: str, *, db: str | None = None, alpha: float = 0.05) -> CompareResult:
    run = resolve(run_ref, db)
    base = resolve_baseline(baseline_ref, run, db)
    rows = compare(run.counts, run.total, base.counts, base.total, alpha=alpha)
    return CompareResult(run, base, alpha, rows)


def _cell(r: Rate) -> str:
    return f"{r.count}/{r.total} {100 * r.rate:5.1f}% [{100 * r.low:.0f}-{100 * r.high:.0f}]"


def format_table(result: CompareResult) -> str:
    lines = [
        f"run      {result.run.run_id} ({result.run.total} responses)",
        f"baseline {result.baseline.run_id} ({result.baseline.total} responses)",
        "",
        f"{'class':<18}{'run':>22}{'baseline':>22}{'p (adj.)':>10}",
    ]
    for c in result.rows:
        lines.append(
            f"{c.name:<18}{_cell(c.run):>22}{_cell(c.baseline):>22}{c.p_adjusted:>10.3g}"
            + ("  WORSE" if c.worse else "")
        )
    return "\n".join(lines)
