"""Fitted statistics and calibrated confidence for the match / fault decision.

record.py: the raw evidence per clip (cached by the bench and `verifier
calibrate`); statistics.py: a dozen statistics from it; model.py: the logistic
model fitted on labelled clips, its cut-off, and `apply` (confidence on a
verdict); provenance.py: what a fit's evidence was computed with (recorded in
``fitted_on``). The shipped default.json is written by `bench/heldout.py --write-default`.
"""

from verifier.core.calibration.model import Calibration, CalibrationError, apply, default, fit, load

__all__ = ["Calibration", "CalibrationError", "apply", "default", "fit", "load"]
