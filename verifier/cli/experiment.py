"""`verifier experiment MATRIX.yaml [CORPUS]`: A/B runs of one corpus under several settings.

Exit codes: 0 the experiment ran (rejected configurations are results, and
are reported as such) and, with `--max-rate`, every configuration that
produced results stayed within the limits; 1 no configuration produced
results, or one breached a `--max-rate` limit; 2 bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer

from verifier.cli import options as opt
from verifier.cli.exits import EXIT_GATE, fail
from verifier.harness.experiment import MatrixError, load_matrix, run_matrix


def run_experiment(
    matrix: Path,
    corpus: Path | None,
    *,
    out: Path | None,
    overrides: Mapping[str, Any],
    limits: Mapping[str, float],
    db: str | None,
    progress: bool,
) -> None:
    """Run and print an experiment; `overrides` are RunConfig fields applied to every configuration.

    Shared by `verifier experiment` and `verifier run --matrix`, so both take
    the same settings and end with the same exit code.
    """
    from verifier.report.gate import evaluate
    from verifier.report.rundata import RunDirError, load_run

    try:
        m = load_matrix(matrix)
        result = run_matrix(
            m, str(corpus) if corpus else None, out_dir=out, overrides=dict(overrides), history=db, progress=progress
        )
    except MatrixError as exc:
        raise fail(str(exc)) from None
    breached = []
    for o in result.outcomes:
        extra = f": {o.message}" if o.message else ""
        fault = next((r for r in o.rates if r.name == "fault"), None)
        rate = f" fault {fault.count}/{fault.total} ({100 * fault.rate:.1f}%)" if fault and o.total else ""
        typer.echo(f"{o.name:<24} {o.status:<9} n={o.total}{rate}{extra}")
        if limits and o.status == "ok" and o.run_dir is not None:
            try:
                rows = load_run(result.path / o.run_dir).rows
            except RunDirError as exc:
                raise fail(str(exc)) from None
            gate = evaluate([r.verdict for r in rows], limits)
            typer.echo(f"{'':<24} {gate.reason}")
            if not gate.ok:
                breached.append(f"{o.name}: {gate.reason}")
    typer.echo(f"experiment report: {result.path / 'experiment.html'}")
    if not any(o.status == "ok" for o in result.outcomes):
        raise fail("no configuration produced results", EXIT_GATE)
    if breached:
        for line in breached:
            typer.echo(line, err=True)
        raise typer.Exit(EXIT_GATE)


def experiment(
    matrix: Path = typer.Argument(..., help="Matrix file (YAML): base settings and named configurations."),
    corpus: Path | None = typer.Argument(None, help="Corpus (JSONL or YAML); default: the matrix's 'corpus'."),
    out: Path | None = typer.Option(None, "--out", help="Experiment directory (one sub-run per configuration)."),
    target: str | None = typer.Option(None, "--target", help="simulator | azure | openai (overrides the matrix)."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="Service endpoint URL."),
    api_key: str | None = typer.Option(
        None, "--api-key", help="API key (default: from the environment).", show_default=False
    ),
    repeat: int | None = typer.Option(None, "--repeat", min=1, help="Responses per prompt and configuration."),
    concurrency: int | None = typer.Option(None, "--concurrency", min=1, help="Sessions in parallel."),
    asr_model: opt.AsrModel = None,
    decode: opt.Decode = None,
    threshold: opt.Threshold = None,
    device: opt.Device = None,
    max_rate: opt.MaxRate = None,
    model: opt.DeprecatedModel = None,
    db: str | None = typer.Option(None, "--db", help="Also record every sub-run in this history database."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress bars."),
) -> None:
    """Run CORPUS under every configuration of MATRIX and compare their rates with 95% CIs."""
    from verifier.schema.redact import register_secret

    register_secret(api_key)
    settings = opt.verify_settings(asr_model, decode, threshold, device, deprecated_model=model)
    limits = opt.gate_limits(max_rate)
    cli: dict[str, Any] = {
        k: v
        for k, v in {
            "target": target,
            "endpoint": endpoint,
            "api_key": api_key,
            "repeat": repeat,
            "concurrency": concurrency,
        }.items()
        if v is not None
    }
    cli.update(settings.run_config_fields())
    run_experiment(matrix, corpus, out=out, overrides=cli, limits=limits, db=db, progress=progress)


def register(app: typer.Typer) -> None:
    app.command("experiment")(experiment)
