"""`verifier run CORPUS`: play a corpus against a realtime deployment (or the simulator) and verify it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, EXIT_INTERRUPTED, fail
from verifier.harness.config import HarnessError, RunConfig
from verifier.harness.corpus import CorpusError
from verifier.harness.runner import RunSummary, new_run_id, run
from verifier.realtime.settings import SettingsError
from verifier.report.gate import evaluate
from verifier.schema.reading import from_run_info, notes
from verifier.schema.redact import redact, register_secret
from verifier.schema.results import Verdict
from verifier.schema.rundir import RunDirError, read_run_info

#: `run` flags that make no sense for an experiment: `--matrix` refuses them rather than drop them.
NOT_FOR_MATRIX = {"resume": "--resume", "config_name": "--config-name", "score": "--no-score"}


def write_reports(run_dir: Path, max_rates: Mapping[str, float] | None = None, history: str | None = None) -> None:
    """Write the run's reports (and record it in the history database when `history` is set)."""
    from verifier.report import write_reports as write_all
    from verifier.report.history import HistoryError

    try:
        paths = write_all(run_dir, max_rates=dict(max_rates) if max_rates else None, history=history)
    except HistoryError as e:  # the reports are written; only the history lacks this run
        typer.echo(f"warning: run not recorded in the history: {redact(str(e))}", err=True)
        paths = e.paths
    except Exception as e:  # a report failure must not hide the run's own outcome
        typer.echo(f"warning: report not written: {redact(str(e))}", err=True)
        return
    if "report.html" in paths:
        typer.echo(f"report: {paths['report.html']}")


def history_url(db: str | None) -> str:
    """Where runs are recorded: --db, else $VERIFIER_HISTORY_DB, else the default SQLite file."""
    from verifier.report.history import db_url

    return db_url(db)


def print_counts(counts: Mapping[str, int]) -> None:
    total = sum(counts.values())
    if not total:
        typer.echo("no results")
        return
    parts = [f"{k} {n} ({n / total:.0%})" for k, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    typer.echo(f"verdicts ({total}): " + ", ".join(parts))


def print_reading(verdicts: Iterable[Verdict], info: object) -> None:
    """How well Whisper reads each of the run's voices, and what that says of its flags (run.json's
    ``reading``)."""
    found = from_run_info(info)
    if found is None:
        return
    model, bands = found
    for said in notes(((v.meta.voice, v.reading) for v in verdicts), bands, model):
        typer.echo(said)


def print_summary(s: RunSummary) -> None:
    typer.echo(f"run: {s.run_dir}")
    typer.echo(
        f"collected {s.collected} responses in {s.collect_s:.1f}s ({s.responses_per_minute:.1f}/min)"
        + (f", {s.skipped} already in the run" if s.skipped else "")
        + (f", {s.retried} retried" if s.retried else "")
        + (f", {s.stalled} stalled" if s.stalled else "")
        + (f", {s.gave_up} gave up" if s.gave_up else "")
    )
    print_counts(s.counts)
    print_reading(s.verdicts, s.reading)


def _resume_base(resume: Path) -> tuple[dict[str, Any], str | None]:
    try:
        info = read_run_info(resume)
    except RunDirError as e:
        raise fail(str(e)) from None
    cfg = info.get("config")
    corpus = info.get("corpus")
    return (cfg if isinstance(cfg, dict) else {}), (str(corpus) if corpus else None)


def _stored_corpus(stored: str, resume: Path) -> str:
    """The corpus a run recorded, or a clear error when it is no longer where the run found it."""
    if not Path(stored).is_file():
        raise fail(
            f"the corpus of {resume}, {stored}, is not there any more (moved or deleted?); "
            f"pass it: `verifier run CORPUS --resume {resume}`"
        )
    return stored


def _json_option(value: str | None, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        obj = json.loads(value)
    except json.JSONDecodeError as e:
        raise fail(f"{name}: not valid JSON ({e.msg})") from None
    if not isinstance(obj, dict):
        raise fail(f"{name}: must be a JSON object")
    return obj


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_cmd(
        corpus: Path | None = typer.Argument(None, help="Corpus file (.jsonl or .yaml); optional with --resume."),
        target: str | None = typer.Option(
            None, help="simulator | azure | openai (default: simulator unless --endpoint or --api is given)."
        ),
        endpoint: str | None = typer.Option(
            None,
            help="Service endpoint, e.g. https://RES.openai.azure.com (env AZURE_OPENAI_ENDPOINT / OPENAI_BASE_URL).",
        ),
        api: str | None = typer.Option(None, help="azure | openai: which service's endpoints and auth."),
        api_version: str | None = typer.Option(
            None, help="Azure api-version (preview path, beta events); 'v1' for the GA path (env OPENAI_API_VERSION)."
        ),
        deployment: str | None = typer.Option(None, help="Azure deployment (env AZURE_OPENAI_DEPLOYMENT)."),
        model: str | None = typer.Option(None, help="OpenAI model (default gpt-realtime)."),
        shape: str | None = typer.Option(None, help="beta | ga: force the wire shape."),
        api_key: str | None = typer.Option(None, help="API key (env AZURE_OPENAI_API_KEY / OPENAI_API_KEY)."),
        token: str | None = typer.Option(None, help="Entra bearer token for Azure (env AZURE_OPENAI_AD_TOKEN)."),
        repeat: int | None = typer.Option(None, min=1, help="Times each prompt is played (default 1)."),
        concurrency: int | None = typer.Option(None, min=1, help="Concurrent sessions (default 1)."),
        out: Path | None = typer.Option(None, help="Run directory to create (default runs/RUN_ID)."),
        resume: Path | None = typer.Option(None, help="Continue the run in this directory."),
        faults: str | None = typer.Option(None, help="Simulator faults, e.g. text_only=0.1,truncate=0.1."),
        seed: int | None = typer.Option(None, help="Simulator seed."),
        sim_pace: float | None = typer.Option(
            None, help="Simulator audio pacing: 1 = real time, 0 = as fast as possible (default)."
        ),
        modalities: str | None = typer.Option(None, help="Comma list, e.g. text,audio or audio."),
        output_audio_format: str | None = typer.Option(None, help="pcm16 | g711_ulaw | g711_alaw."),
        temperature: float | None = typer.Option(None, help="Beta/preview only."),
        voice: str | None = typer.Option(None),
        instructions: str | None = typer.Option(None, help="Session instructions."),
        session_extra: str | None = typer.Option(None, help="JSON merged into session.update's session."),
        response_extra: str | None = typer.Option(None, help="JSON merged into every response.create."),
        isolate: bool | None = typer.Option(
            None,
            "--isolate/--no-isolate",
            help="Send each prompt as its response's own input, so earlier prompts are not in its context.",
        ),
        timeout: float | None = typer.Option(
            None, help="Seconds without an event before a response counts as stalled (default 30)."
        ),
        retries: int | None = typer.Option(
            None, min=0, help="Retries per response on rate limits and dropped connections (default 4)."
        ),
        response_timeout: opt.ResponseTimeout = None,
        pace: opt.Pace = None,
        asr_model: opt.AsrModel = None,
        decode: opt.Decode = None,
        threshold: opt.Threshold = None,
        device: opt.Device = None,
        max_rate: opt.MaxRate = None,
        calibration: opt.CalibrationFile = None,
        fault_share: opt.FaultShare = None,
        min_confidence: opt.MinConfidence = None,
        config_name: str | None = typer.Option(None, help="Label of this configuration (A/B runs)."),
        no_score: bool = typer.Option(False, "--no-score", help="Collect only; score later with --resume."),
        db: str | None = typer.Option(
            None,
            help="Run history database: SQLAlchemy URL or SQLite file "
            "(default $VERIFIER_HISTORY_DB or reports/history/runs.sqlite).",
        ),
        no_history: bool = typer.Option(False, "--no-history", help="Do not record this run in the history."),
        matrix: Path | None = typer.Option(
            None,
            help="A/B experiment: run CORPUS under every configuration "
            "of this YAML file and compare their rates; the other flags apply to "
            "every configuration, --max-rate gates each (see `verifier "
            "experiment`).",
        ),
        progress: bool = typer.Option(True, "--progress/--no-progress"),
    ) -> None:
        """Play every prompt of CORPUS against the target, capture every response, verify it."""
        register_secret(api_key)
        register_secret(token)
        verify = opt.verify_settings(
            asr_model, decode, threshold, device, calibration=calibration, fault_share=fault_share
        )
        limits = opt.gate_limits(max_rate)
        floor = opt.min_confidence(min_confidence)
        flags: dict[str, Any] = {
            "target": target,
            "endpoint": endpoint,
            "api": api,
            "api_version": api_version,
            "deployment": deployment,
            "model": model,
            "shape": shape,
            "repeat": repeat,
            "concurrency": concurrency,
            "faults": faults,
            "seed": seed,
            "sim_pace": sim_pace,
            "output_audio_format": output_audio_format,
            "temperature": temperature,
            "voice": voice,
            "instructions": instructions,
            "timeout_s": timeout,
            "retries": retries,
            "response_timeout_s": response_timeout,
            "pace": pace,
            "config_name": config_name,
            "api_key": api_key,
            "token": token,
            "modalities": [m.strip() for m in modalities.split(",") if m.strip()] if modalities else None,
            "extra": _json_option(session_extra, "--session-extra"),
            "response_extra": _json_option(response_extra, "--response-extra"),
            "isolate": isolate,
            **verify.run_config_fields(),
        }
        if matrix is not None:
            from verifier.cli.experiment import run_experiment

            given = {"resume": resume, "config_name": config_name, "score": no_score or None}
            refused = [NOT_FOR_MATRIX[k] for k, v in given.items() if v is not None]
            if refused:
                raise fail(
                    f"{', '.join(refused)} cannot be combined with --matrix (an experiment names, scores "
                    "and records each configuration itself; see `verifier experiment`)"
                )
            # Every other flag applies to every configuration, over the matrix file's own settings.
            overrides = {k: v for k, v in flags.items() if v is not None}
            return run_experiment(
                matrix,
                corpus,
                out=out,
                overrides=overrides,
                limits=limits,
                db=None if no_history else db,
                progress=progress,
            )

        base: dict[str, Any] = {}
        corpus_path: str | None = str(corpus) if corpus else None
        if resume is not None:
            base, stored = _resume_base(resume)
            corpus_path = corpus_path or (_stored_corpus(stored, resume) if stored else None)
            if out is not None and out != resume:
                raise fail("--out and --resume name different directories; --resume continues in place")
        if not corpus_path:
            raise fail("no corpus given (pass CORPUS, or --resume a run that names one)")

        if resume is None:
            if target is None:
                target = api if api in ("azure", "openai") else "simulator"
                if endpoint:
                    target = api or ("openai" if "openai.com" in endpoint else "azure")
            if target not in ("simulator", "azure", "openai"):
                raise fail(f"--target must be simulator, azure or openai, not {target!r}")
            if target != "simulator" and (faults or seed is not None or sim_pace is not None):
                raise fail("--faults, --seed and --sim-pace only apply to --target simulator")
            flags["target"] = target
        known = set(RunConfig.__dataclass_fields__)
        values = {k: v for k, v in base.items() if k in known and k not in ("api_key", "token")}
        values.update({k: v for k, v in flags.items() if v is not None and k not in ("api_key", "token")})
        if resume is None and out is None:
            values["run_id"] = new_run_id()
            out = Path("runs") / values["run_id"]
        run_dir = resume if resume is not None else out
        values.update(api_key=api_key, token=token, score=not no_score, resume=resume is not None, out_dir=str(run_dir))
        config = RunConfig(**values)
        try:
            summary = run(corpus_path, config, progress=progress)
        except (HarnessError, CorpusError, RunDirError, SettingsError) as e:
            raise fail(str(e)) from None
        except KeyboardInterrupt:
            raise fail(
                f"interrupted; what was collected is in {run_dir}: continue with `verifier run --resume {run_dir}`",
                EXIT_INTERRUPTED,
            ) from None
        print_summary(summary)
        write_reports(summary.run_dir, limits, history=None if no_history else history_url(db))
        if summary.scoring_error:
            raise fail(
                f"{summary.scoring_error}; the captures are kept: score them with "
                f"`verifier run --resume {summary.run_dir}`"
            )
        if limits:
            result = evaluate(summary.verdicts, limits, floor)
            typer.echo(result.reason)
            if not result.ok:
                raise typer.Exit(EXIT_GATE)
