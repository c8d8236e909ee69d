"""Tests of the command line: shared options, exit codes, --matrix forwarding."""
