"""Layer 0, the records every other layer shares, and the one place each is written and read.

`audio` (the services' wire formats and codecs), `wire` (the realtime event
vocabulary of both API shapes), `results` (one verdict row), `captures` (one
collected response), `rundir` (the run directory), `redact` (secrets out of
everything written), `reading` (how well the ASR reads a run's voice, and how
often faithful replies were flagged on voices read as well).

Rule: imports nothing from verifier outside this package, and does no ASR,
no networking and no reporting.
"""
