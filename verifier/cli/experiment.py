"""`verifier experiment MATRIX.yaml [CORPUS]`: A/B runs of one corpus under several settings.

Exit codes: 0 the experiment ran (rejected configurations are results, and
are reported as such); 1 no configuration produced results; 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from verifier.harness.experiment import MatrixError, load_matrix, run_matrix

EXIT_NONE_RAN = 1
EXIT_INPUT = 2


def experiment(
    matrix: Path = typer.Argument(..., help="Matrix file (YAML): base settings and named configurations."),
    corpus: Path | None = typer.Argument(None, help="Corpus (JSONL or YAML); default: the matrix's 'corpus'."),
    out: Path | None = typer.Option(None, "--out", help="Experiment directory (one sub-run per configuration)."),
    target: str | None = typer.Option(None, "--target", help="simulator | azure | openai (overrides the matrix)."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="Service endpoint URL."),
    api_key: str | None = typer.Option(None, "--api-key", help="API key (default: from the environment).",
                                          show_default=False),
    repeat: int | None = typer.Option(None, "--repeat", help="Responses per prompt and configuration."),
    concurrency: int | None = typer.Option(None, "--concurrency", help="Sessions in parallel."),
    model: str | None = typer.Option(None, "--model", help="ASR model for verification (e.g. base, tiny.en)."),
    db: str | None = typer.Option(None, "--db", help="Also record every sub-run in this history database."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress bars."),
) -> None:
    """Run CORPUS under every configuration of MATRIX and compare their rates with 95% CIs."""
    cli: dict[str, Any] = {k: v for k, v in {
        "target": target, "endpoint": endpoint, "api_key": api_key, "repeat": repeat, "concurrency": concurrency,
        "verifier_model": model}.items() if v is not None}
    try:
        m = load_matrix(matrix)
        result = run_matrix(m, str(corpus) if corpus else None, out_dir=out, overrides=cli, history=db,
                            progress=progress)
    except MatrixError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    for o in result.outcomes:
        extra = f": {o.message}" if o.message else ""
        fault = next((r for r in o.rates if r.name == "fault"), None)
        rate = f" fault {fault.count}/{fault.total} ({100 * fault.rate:.1f}%)" if fault and o.total else ""
        typer.echo(f"{o.name:<24} {o.status:<9} n={o.total}{rate}{extra}")
    typer.echo(f"experiment report: {result.path / 'experiment.html'}")
    if not any(o.status == "ok" for o in result.outcomes):
        typer.echo("error: no configuration produced results", err=True)
        raise typer.Exit(EXIT_NONE_RAN)


def register(app: typer.Typer) -> None:
    app.command("experiment")(experiment)
