"""`python -m verifier`: the same command line as the `verifier` script, without depending on how it was installed."""

from verifier.cli.app import main

main()
