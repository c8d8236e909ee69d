"""`verifier bundle RUN_DIR`: a zip of the evidence for a support ticket."""

from __future__ import annotations

from pathlib import Path

import typer

from verifier.cli import options as opt
from verifier.cli.exits import fail
from verifier.report.bundle import make_bundle
from verifier.report.rundata import RunDirError


def bundle(
    run_dir: Path = typer.Argument(..., help="Run directory written by `verifier run`."),
    out: Path | None = typer.Option(None, "--out", help="Zip to write (default: RUN_DIR/bundle.zip)."),
    include_matches: bool = typer.Option(False, "--include-matches", help="Also bundle responses that matched."),
    secret: list[str] | None = typer.Option(
        None,
        "--secret",
        help="A value to scrub besides the known patterns and $AZURE_OPENAI_API_KEY / "
        "$OPENAI_API_KEY (repeatable). Prefer the environment: command lines end up in shell history.",
    ),
) -> None:
    """Bundle every mismatched response (audio, transcript, heard text, diff, ids, events) with a SUMMARY.md
    for Azure / OpenAI support. Secrets are redacted in every file."""
    if out is not None:
        opt.output_file(out, "--out")
    try:
        path = make_bundle(run_dir, out, include_matches=include_matches, secrets=tuple(secret or ()))
    except RunDirError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"bundle: {path}")


def register(app: typer.Typer) -> None:
    app.command("bundle")(bundle)
