"""Run history: every run's settings, counts and rates in one SQL database.

SQLite file by default (`reports/history/runs.sqlite`, or $VERIFIER_HISTORY_DB);
any SQLAlchemy URL works (e.g. postgresql+psycopg://...). Two tables, so a
dashboard can query rates directly: `runs` (one row per run) and `run_rates`
(one row per run and verdict class, with its Wilson 95% CI).
Recording a run twice (e.g. after `--resume`) replaces its rows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from verifier.report.rundata import RunData, load_run
from verifier.report.stats import Rate, count_classes, rates

DEFAULT_DB = "reports/history/runs.sqlite"
ENV_DB = "VERIFIER_HISTORY_DB"

metadata = MetaData()
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(200), unique=True, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("started", String(40)),
    Column("finished", String(40)),
    Column("config_name", String(200), index=True),
    Column("experiment", String(200)),
    Column("corpus", Text),
    Column("api", String(40)),
    Column("host", String(255)),
    Column("region", String(80)),
    Column("deployment", String(200)),
    Column("model", String(200)),
    Column("api_version", String(80)),
    Column("shape", String(20)),
    Column("total", Integer, nullable=False),
    Column("counts_json", Text, nullable=False),
    Column("session_json", Text),
    Column("info_json", Text),
    Column("path", Text),
)
run_rates = Table(
    "run_rates",
    metadata,
    Column("run_pk", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("verdict", String(60), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("rate", Float, nullable=False),
    Column("ci_low", Float, nullable=False),
    Column("ci_high", Float, nullable=False),
)


class HistoryError(ValueError):
    """The history database could not be used; `paths` holds the reports written regardless."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.paths: dict[str, Path] = {}


@dataclass
class RunRecord:
    run_id: str
    total: int
    counts: dict[str, int]
    started: str | None = None
    config_name: str | None = None
    recorded_at: str | None = None
    session: dict[str, Any] = field(default_factory=dict)
    target: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    @property
    def rates(self) -> list[Rate]:
        return rates(self.counts, self.total)

    @property
    def label(self) -> str:
        return (self.started or self.recorded_at or self.run_id)[:16].replace("T", " ")


def db_url(url: str | Path | None = None) -> str:
    """A SQLAlchemy URL from a URL, a file path, $VERIFIER_HISTORY_DB, or the default file."""
    value = str(url) if url else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" in value:
        return value
    path = Path(value).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


_engines: dict[str, Engine] = {}


def _where(url: str) -> str:
    return url.split("@")[-1]  # never the user:password part of a server URL


def engine(url: str | Path | None = None) -> Engine:
    u = db_url(url)
    if u not in _engines:
        try:
            # SQLite: wait for another process's write instead of failing at once ("database is locked").
            eng = create_engine(u, connect_args={"timeout": 30}) if u.startswith("sqlite") else create_engine(u)
            _create_tables(eng)
        except Exception as exc:  # driver missing, bad URL, unreachable server, corrupt file: one clear line
            raise HistoryError(f"history database {_where(u)!r}: {type(exc).__name__}: {_first_line(exc)}") from None
        _engines[u] = eng
    return _engines[u]


def _create_tables(eng: Engine, tries: int = 5) -> None:
    """CREATE TABLE, tolerating another process creating the same tables at the same moment
    (its check and ours both find no table, then one CREATE fails with "already exists")."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    for attempt in range(tries):
        try:
            metadata.create_all(eng)
            return
        except (OperationalError, ProgrammingError) as exc:
            if "already exists" not in str(exc) or attempt == tries - 1:
                raise


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:300]


def record_run(run: RunData | Path | str, url: str | Path | None = None) -> RunRecord:
    data = run if isinstance(run, RunData) else load_run(run)
    counts = count_classes(data.verdicts)
    total = len(data.rows)
    t = data.target
    info = {k: v for k, v in data.info.items() if k not in ("session", "target")}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    row = {
        "run_id": data.run_id,
        "recorded_at": now,
        "started": _s(data.info.get("started")),
        "finished": _s(data.info.get("finished")),
        "config_name": data.config_name,
        "experiment": _s(data.info.get("experiment")),
        "corpus": _s(data.info.get("corpus")),
        "api": t.get("api"),
        "host": t.get("host"),
        "region": t.get("region"),
        "deployment": t.get("deployment"),
        "model": t.get("model"),
        "api_version": t.get("api_version"),
        "shape": t.get("shape"),
        "total": total,
        "counts_json": json.dumps(counts, sort_keys=True),
        "session_json": json.dumps(data.session, default=str),
        "info_json": json.dumps(info, default=str),
        "path": str(Path(data.path).resolve()),
    }
    try:
        _insert(row, data.run_id, counts, total, url)
    except HistoryError:
        raise
    except Exception as exc:  # a damaged or foreign database: say which, never a traceback
        raise HistoryError(
            f"history database {_where(db_url(url))!r}: {type(exc).__name__}: {_first_line(exc)}"
        ) from None
    return _record(row)


def _insert(row: dict[str, Any], run_id: str, counts: dict[str, int], total: int, url: str | Path | None) -> None:
    with engine(url).begin() as conn:
        old = conn.execute(select(runs.c.id).where(runs.c.run_id == run_id)).scalar()
        if old is not None:
            conn.execute(delete(run_rates).where(run_rates.c.run_pk == old))
            conn.execute(delete(runs).where(runs.c.id == old))
        inserted = conn.execute(insert(runs).values(**row)).inserted_primary_key
        assert inserted is not None
        pk = inserted[0]
        conn.execute(
            insert(run_rates),
            [
                {
                    "run_pk": pk,
                    "verdict": r.name,
                    "count": r.count,
                    "total": r.total,
                    "rate": r.rate,
                    "ci_low": r.low,
                    "ci_high": r.high,
                }
                for r in rates(counts, total)
            ],
        )


def _s(v: Any) -> str | None:
    return None if v is None else str(v)


def _record(row: Any) -> RunRecord:
    m = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    return RunRecord(
        run_id=m["run_id"],
        total=int(m["total"]),
        counts={k: int(v) for k, v in json.loads(m["counts_json"]).items()},
        started=m.get("started"),
        config_name=m.get("config_name"),
        recorded_at=m.get("recorded_at"),
        session=json.loads(m.get("session_json") or "{}"),
        target={
            k: m.get(k) for k in ("api", "host", "region", "deployment", "model", "api_version", "shape") if m.get(k)
        },
        path=m.get("path"),
    )


def list_runs(url: str | Path | None = None, *, last: int | None = None, config: str | None = None) -> list[RunRecord]:
    """Recorded runs, oldest first (the last `last` of them)."""
    q = select(runs).order_by(runs.c.started.desc(), runs.c.id.desc())
    if config is not None:
        q = q.where(runs.c.config_name == config)
    if last:
        q = q.limit(last)
    with engine(url).connect() as conn:
        rows = [_record(r) for r in conn.execute(q)]
    return rows[::-1]


def get_run(url: str | Path | None, run_id: str) -> RunRecord | None:
    with engine(url).connect() as conn:
        row = conn.execute(select(runs).where(runs.c.run_id == run_id)).first()
    return _record(row) if row is not None else None


def previous_run(url: str | Path | None, rec: RunRecord) -> RunRecord | None:
    """The run recorded before `rec` with the same configuration name (nightly baseline)."""
    earlier = [
        r
        for r in list_runs(url, config=rec.config_name)
        if r.run_id != rec.run_id and (r.started or "") <= (rec.started or "")
    ]
    return earlier[-1] if earlier else None


def history_section(url: str | Path | None, config: str | None, *, last: int = 30) -> str:
    """The report's "History" section: this configuration's recent runs as a trend plot."""
    from html import escape

    from verifier.report.plots import history_svg
    from verifier.report.stats import ANY_FAULT, CLASSES

    records = list_runs(url, last=last, config=config)
    if len(records) < 2:
        return ""
    shown = [c for c in CLASSES[1:] if any(r.counts.get(c) for r in records)] + [ANY_FAULT]
    svg = history_svg(
        [(r.label, {x.name: x for x in r.rates}) for r in records],
        shown,
        title=f"Rate per class over the last {len(records)} runs" + (f" of {config}" if config else ""),
    )
    return (
        f'<h2>History</h2>{svg}<p class="muted">Configuration {escape(config or "(unnamed)")}; '
        "shaded bands are 95% CIs.</p>"
    )
