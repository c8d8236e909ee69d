"""A/B experiments: run the same corpus under several session settings.

Matrix file (YAML):

    name: modalities-workaround
    corpus: corpora/translation.jsonl      # optional; the command line wins
    baseline: beta-text-audio              # optional; default: the first configuration
    base:                                  # RunConfig fields every configuration shares
      target: simulator
      faults: text_only=0.2
      repeat: 10
    configurations:                        # a mapping name -> overrides, or a list of {name: ..., ...}
      beta-text-audio: {modalities: [text, audio]}
      beta-audio-only: {modalities: [audio]}        # the preview protocol rejects this
      ga-audio:        {shape: ga, modalities: [audio]}
      ulaw:            {output_audio_format: g711_ulaw}

Each configuration runs into its own sub-run directory under the experiment
directory; `experiment.json` and `experiment.html` compare their rates with
Wilson 95% CIs and, per class, a two-sided Fisher exact test against the
baseline. A configuration the service rejects (an `error` event for
`session.update`) is reported as rejected, with the service's message, and
the other configurations still run.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from verifier.harness.config import HarnessError, RunConfig
from verifier.harness.corpus import CorpusError, load_corpus
from verifier.harness.runner import run
from verifier.report import build_reports
from verifier.report.experiment import ConfigOutcome, ExperimentResult
from verifier.report.experiment_pages import write_experiment_reports
from verifier.report.rundata import load_run
from verifier.report.stats import count_classes
from verifier.schema.redact import redact, redact_obj

#: Fields a matrix may not set: the runner owns them, and secrets do not belong in files.
RESERVED = {"out_dir", "resume", "config_name", "api_key", "token"}
_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class MatrixError(ValueError):
    pass


@dataclass
class Configuration:
    name: str
    overrides: dict[str, Any]


@dataclass
class Matrix:
    name: str
    configurations: list[Configuration]
    base: dict[str, Any] = field(default_factory=dict)
    corpus: str | None = None
    baseline: str | None = None
    source: str | None = None

    @property
    def baseline_name(self) -> str:
        return self.baseline or self.configurations[0].name


def _config_fields() -> set[str]:
    return {f.name for f in dataclasses.fields(RunConfig)}


def _check_overrides(where: str, values: Any, known: set[str]) -> dict[str, Any]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise MatrixError(f"{where}: must be a mapping of settings, got {type(values).__name__}")
    out = {}
    for key, value in values.items():
        key = str(key)
        if key in RESERVED:
            raise MatrixError(
                f"{where}: {key!r} cannot be set in a matrix file "
                + (
                    "(pass secrets through the environment or the command line)"
                    if key in ("api_key", "token")
                    else "(the experiment runner sets it)"
                )
            )
        if key not in known:
            raise MatrixError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known - RESERVED))})")
        out[key] = value
    return out


def parse_matrix(data: Any, source: str = "matrix") -> Matrix:
    known = _config_fields()
    if not isinstance(data, Mapping):
        raise MatrixError(f"{source}: the top level must be a mapping with 'configurations'")
    extra = set(data) - {"name", "description", "corpus", "baseline", "base", "configurations"}
    if extra:
        raise MatrixError(
            f"{source}: unknown key(s) {', '.join(sorted(map(str, extra)))} (known: name, description, "
            "corpus, baseline, base, configurations)"
        )
    base = _check_overrides(f"{source}: base", data.get("base"), known)
    raw = data.get("configurations")
    items: list[tuple[str, Any]] = []
    if isinstance(raw, Mapping):
        items = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, list):
        for i, entry in enumerate(raw):
            if not isinstance(entry, Mapping) or "name" not in entry:
                raise MatrixError(f"{source}: configurations[{i}] needs a 'name'")
            items.append((str(entry["name"]), {k: v for k, v in entry.items() if k != "name"}))
    else:
        raise MatrixError(f"{source}: 'configurations' must be a mapping (name: settings) or a list")
    if not items:
        raise MatrixError(f"{source}: no configurations")
    configs, seen = [], set()
    for name, values in items:
        if not _NAME_OK.match(name):
            raise MatrixError(
                f"{source}: configuration name {name!r} must be letters, digits, '.', '_' or '-' (it names a folder)"
            )
        if name in seen:
            raise MatrixError(f"{source}: configuration {name!r} appears twice")
        seen.add(name)
        configs.append(Configuration(name, _check_overrides(f"{source}: configuration {name!r}", values, known)))
    baseline = data.get("baseline")
    if baseline is not None and str(baseline) not in seen:
        raise MatrixError(f"{source}: baseline {baseline!r} is not one of the configurations")
    return Matrix(
        name=str(data.get("name") or Path(source).stem),
        configurations=configs,
        base=base,
        corpus=None if data.get("corpus") is None else str(data["corpus"]),
        baseline=None if baseline is None else str(baseline),
        source=source,
    )


def load_matrix(path: Path | str) -> Matrix:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MatrixError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise MatrixError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    m = parse_matrix(data, str(path))
    if m.corpus and not Path(m.corpus).is_absolute() and not Path(m.corpus).exists():
        m.corpus = str(path.parent / m.corpus)  # relative to the matrix file
    return m


def _status_of(message: str) -> str:
    # The harness words a refused session.update as "the service rejected session.update: ...".
    return "rejected" if "rejected" in message.lower() else "failed"


RunFn = Callable[[Any, Any], Any]


def run_matrix(
    matrix: Matrix | Path | str,
    corpus: Any = None,
    *,
    out_dir: Path | str | None = None,
    overrides: Mapping[str, Any] | None = None,
    history: str | None = None,
    progress: bool = False,
    run_fn: RunFn | None = None,
) -> ExperimentResult:
    """Run every configuration of `matrix` over `corpus`; never stops at a rejected or failed one.

    `overrides` (e.g. target, endpoint, api_key from the command line) apply to
    every configuration after the matrix's own settings.
    """
    m = matrix if isinstance(matrix, Matrix) else load_matrix(matrix)
    corpus = corpus if corpus is not None else m.corpus
    if corpus is None:
        raise MatrixError(f"{m.source}: no corpus given (pass one, or set 'corpus' in the matrix file)")
    if isinstance(corpus, (str, Path)):
        try:  # once, up front: a bad corpus is one error, not one failure per configuration
            corpus = load_corpus(corpus)
        except CorpusError as exc:
            raise MatrixError(str(exc)) from None
    started = datetime.now(timezone.utc)
    exp_dir = (
        Path(out_dir) if out_dir is not None else Path("runs") / (f"exp-{m.name}-" + started.strftime("%Y%m%d-%H%M%S"))
    )
    exp_dir.mkdir(parents=True, exist_ok=True)
    shared = redact_obj({k: v for k, v in {**m.base, **(overrides or {})}.items() if k not in ("api_key", "token")})
    result = ExperimentResult(m.name, exp_dir, m.baseline_name, [], started.isoformat(timespec="seconds"), base=shared)
    runner = run_fn or (lambda c, cfg: run(c, cfg, progress=progress))
    for conf in m.configurations:
        settings = {**m.base, **conf.overrides, **(overrides or {})}
        sub = exp_dir / conf.name
        shown = redact_obj({k: v for k, v in settings.items() if k not in ("api_key", "token")})
        outcome = ConfigOutcome(
            conf.name, "ok", str(sub.relative_to(exp_dir)), shown, overrides=redact_obj(conf.overrides)
        )
        try:
            cfg = RunConfig(**{**settings, "out_dir": str(sub), "config_name": conf.name})
            runner(corpus, cfg)
        except HarnessError as exc:
            outcome.status, outcome.message = _status_of(str(exc)), redact(str(exc))
        except Exception as exc:  # one broken configuration must not lose the others' results
            outcome.status, outcome.message = "failed", redact(f"{type(exc).__name__}: {exc}")
        if (sub / "results.jsonl").exists() or (sub / "run.json").exists():
            data = load_run(sub)
            outcome.total, outcome.counts = len(data.rows), count_classes(data.verdicts)
            if outcome.status == "ok" and data.info.get("fatal"):
                outcome.status, outcome.message = _status_of(str(data.info["fatal"])), str(data.info["fatal"])
            build_reports(data, sub, history=history if outcome.status == "ok" else None)
        else:
            outcome.run_dir = None
        result.outcomes.append(outcome)
        write_experiment_reports(result)
    result.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    write_experiment_reports(result)
    return result
