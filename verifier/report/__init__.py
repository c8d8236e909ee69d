"""Reports built from a run directory or a list of verdicts."""
