"""Layer 3, the `verifier` command line: options in, exit codes and one-line errors out.

`app` assembles the typer app from one module per command; `options` holds
the options several commands share; `exits` the exit codes and error lines.

Rule: the top layer; may import anything, and nothing imports it.
"""


def main() -> None:
    """The console script's entry point; the commands load only when a command runs."""
    from verifier.cli.app import main as run_app

    run_app()
