"""Layer 3, the `verifier` command line: options in, exit codes and one-line errors out.

`app` assembles the typer app from one module per command; `options` holds
the options several commands share; `exits` the exit codes and error lines.

Rule: the top layer; may import anything, and nothing imports it.
"""


def main() -> None:
    # `verifier` scripts installed before the CLI moved to verifier.cli.app point here; keep them working.
    from verifier.cli.app import main as app_main

    app_main()
