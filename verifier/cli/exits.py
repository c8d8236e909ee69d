"""Exit codes and the one error line every command ends with.

0: the command did its job (and a gate, if any, passed).
1: the job ran but its verdict is "no": a `--max-rate` limit was breached,
   `compare` found a class significantly worse, no experiment configuration
   produced results.
2: bad input or a run that could not go on (file not found, bad option,
   unreachable service, missing model).
130: interrupted (Ctrl-C), what was collected is kept.
"""

from __future__ import annotations

import typer

from verifier.schema.redact import redact

OK = 0
EXIT_GATE = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_INPUT) -> typer.Exit:
    """Print `error: MESSAGE` (secrets redacted) on stderr; return the Exit to raise.

    Returned, not raised, so call sites read `raise fail(...) from None` and
    type checkers see that control stops there.
    """
    typer.echo(f"error: {redact(message)}", err=True)
    return typer.Exit(code)
