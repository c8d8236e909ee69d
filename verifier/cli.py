"""The `verifier` command line.

Each module in `verifier.commands` contributes its subcommands through a
`register(app)` function, so every capability owns its own CLI surface.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

from . import commands

app = typer.Typer(
    name="verifier",
    help="Prove whether a realtime speech API's audio says what its own transcript says.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        module.register(app)


_register_all()


def main() -> None:
    app()
