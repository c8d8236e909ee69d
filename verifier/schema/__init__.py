"""Layer 0, the records every other layer shares, and the one place each is written and read.

`audio` (the services' wire formats and codecs), `wire` (the realtime event
vocabulary of both API shapes), `results` (one verdict row), `captures` (one
collected response), `rundir` (the run directory), `redact` (secrets out of
everything written).

Rule: imports nothing from verifier outside this package, and does no ASR,
no networking and no reporting.
"""
