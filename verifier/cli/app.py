"""The `verifier` typer app: each command module contributes its subcommands through `register(app)`."""

from __future__ import annotations

import typer

from verifier.cli import bundle, demo, experiment, history, proxy, replay, report, run, score, simulate

app = typer.Typer(
    name="verifier",
    help="Prove whether a realtime speech API's audio says what its own transcript says.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _command in (bundle, demo, experiment, history, proxy, replay, report, run, score, simulate):
    _command.register(app)


def main() -> None:
    app()
