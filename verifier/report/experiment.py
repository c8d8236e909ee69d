"""An experiment's record, `experiment.json`: per configuration its outcome and counts, compared.

Written by the harness after each configuration (`write_json`) and read back by
`verifier report EXPERIMENT_DIR` (`load_experiment`); this module is the only
place that knows the file's shape.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scipy import stats as _sp

from verifier.report.stats import ANY_FAULT, CLASSES, Rate, rates
from verifier.schema.jsontext import JSONTextError, parse

EXPERIMENT_JSON = "experiment.json"


class ExperimentError(ValueError):
    """A folder that holds no readable experiment."""


@dataclass
class ConfigOutcome:
    name: str
    status: str  # "ok" | "rejected" | "failed"
    run_dir: str | None
    settings: dict[str, Any]  # everything the run got (base + overrides), secrets left out
    message: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)  # what sets this configuration apart
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rates(self) -> list[Rate]:
        return rates(self.counts, self.total)


@dataclass
class ExperimentResult:
    name: str
    path: Path
    baseline: str
    outcomes: list[ConfigOutcome]
    started: str
    finished: str | None = None
    base: dict[str, Any] = field(default_factory=dict)  # settings every configuration shares

    def outcome(self, name: str) -> ConfigOutcome | None:
        return next((o for o in self.outcomes if o.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "experiment",
            "name": self.name,
            "baseline": self.baseline,
            "started": self.started,
            "finished": self.finished,
            "base": self.base,
            "configurations": [dataclasses.asdict(o) for o in self.outcomes],
            "comparisons": [dataclasses.asdict(c) for c in comparisons(self)],
        }


@dataclass
class ClassComparison:
    configuration: str
    verdict: str
    count: int
    total: int
    baseline_count: int
    baseline_total: int
    p_value: float  # two-sided Fisher exact
    direction: str  # "lower" | "higher" | "same"


def comparisons(
    result: ExperimentResult, classes: tuple[str, ...] = (*CLASSES[1:], ANY_FAULT)
) -> list[ClassComparison]:
    """Each successful configuration against the baseline, per class (two-sided Fisher exact)."""
    base = result.outcome(result.baseline)
    if base is None or base.status != "ok" or not base.total:
        return []
    out = []
    for o in result.outcomes:
        if o.name == base.name or o.status != "ok" or not o.total:
            continue
        for c in classes:
            k1, k0 = o.counts.get(c, 0), base.counts.get(c, 0)
            p = float(_sp.fisher_exact([[k1, o.total - k1], [k0, base.total - k0]])[1])
            r1, r0 = k1 / o.total, k0 / base.total
            out.append(
                ClassComparison(
                    o.name, c, k1, o.total, k0, base.total, p, "lower" if r1 < r0 else "higher" if r1 > r0 else "same"
                )
            )
    return out


def write_json(result: ExperimentResult) -> None:
    (result.path / EXPERIMENT_JSON).write_text(
        json.dumps(result.to_dict(), indent=2, default=str) + "\n", encoding="utf-8"
    )


def load_experiment(path: Path | str) -> ExperimentResult:
    """Read an experiment directory back (to rebuild its report)."""
    path = Path(path)
    try:
        data = parse((path / EXPERIMENT_JSON).read_bytes())
    except FileNotFoundError:
        raise ExperimentError(f"{path}: no experiment.json") from None
    except (OSError, JSONTextError) as exc:
        raise ExperimentError(f"{path / EXPERIMENT_JSON}: {exc}") from None
    if not isinstance(data, dict):
        raise ExperimentError(f"{path / EXPERIMENT_JSON}: not a JSON object")
    names = {f.name for f in dataclasses.fields(ConfigOutcome)}
    try:
        outs = [ConfigOutcome(**{k: v for k, v in o.items() if k in names}) for o in data.get("configurations", [])]
    except (TypeError, AttributeError) as exc:
        raise ExperimentError(f"{path / EXPERIMENT_JSON}: 'configurations' is not a list of records ({exc})") from None
    return ExperimentResult(
        data.get("name", path.name),
        path,
        data.get("baseline") or (outs[0].name if outs else ""),
        outs,
        data.get("started", ""),
        data.get("finished"),
        base=data.get("base") or {},
    )
