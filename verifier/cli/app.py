"""The `verifier` typer app: each command module contributes its subcommands through `register(app)`."""

from __future__ import annotations

import io
import sys

import typer

from verifier.cli import bundle, calibrate, demo, experiment, history, proxy, replay, report, run, score, simulate

app = typer.Typer(
    name="verifier",
    help="Prove whether a realtime speech API's audio says what its own transcript says.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _command in (bundle, calibrate, demo, experiment, history, proxy, replay, report, run, score, simulate):
    _command.register(app)


def main() -> None:
    # Service text can hold a lone surrogate (half an emoji); printing it must not end the command.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    app()
