"""The triage: which clips may be judged on the transcript's alignment alone, before free decoding.

Free decoding, and the language ID that follows it, are most of a clip's cost, and the rules' own
test (`evidence.prepare`: every word heard, language as written, no speech left over) lets few clips
skip it: on the nightly mix, 8 of 60. The triage is a second test, fitted: a logistic model on what
is known before decoding (`statistics.triage_statistics` of `record.aligned`: both readers' word
scores, the clip's language ID, its speech against what the words need), fitted on the scored
records of the clips the rules' test sent to decoding. A clip whose probability of diverging is
below `below` is judged faithful at that probability, and not decoded. The second reader's scores
are its strongest statistic (so a clip the triage is asked about is read twice before, not after,
decoding): without them, it passed half as many faithful clips for as many faults.

`below` is set on the fit's faults: at most `max_faults_passed` of those the decision catches may
fall under it. What it costs held out, and what it saves, the bench measures (`bench/heldout.py
--triage RATE` fits one beside the decision and judges every clip as a run with it would;
`bench/nightly.py --calibration` times a run with it); `fitted_on` records what it was fitted on.

No shipped calibration carries one. Fitted at 0.5 % on the seven pooled corpora, it passed 43 % of
the held-out faithful clips sent to decoding for 4 of 980 caught faults (leave one engine out), and
on the tenth sealed set 31 % for 1 of 223, yet made the nightly mix only 1.12x as fast: the clips it
spares are the cheap end of a batched decoding, and every clip still pays for its encoding,
alignment, language ID and second reading (README, "Sealed"; docs/findings.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from verifier.core.calibration.logistic import fit_logistic, linear_json
from verifier.core.calibration.statistics import TRIAGE_FEATURES, feature_names, triage_statistics

#: an L2 penalty as the decision's: fourteen weights on a few thousand clips
RIDGE = 1.0
#: the statistics whose weight may be negative: how well the ASR reads the voice at all
SIGNED = ("clarity",)


class TriageError(ValueError):
    """A calibration file's triage that cannot be used; the message names the file and the field."""


@dataclass
class Triage:
    features: tuple[str, ...]
    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]
    #: a clip whose probability of diverging is below this is judged faithful, and not decoded
    below: float
    fitted_on: dict[str, Any] = field(default_factory=dict)

    def probability(self, aligned: dict[str, Any]) -> float:
        """The probability that a clip diverges, from what its record holds before free decoding."""
        stats = triage_statistics(aligned)
        z = self.bias + sum(
            w * (stats[f] - m) / s for f, w, m, s in zip(self.features, self.weights, self.mean, self.scale)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def passes(self, aligned: dict[str, Any]) -> float | None:
        """The clip's probability of diverging where it is low enough to skip free decoding; else None."""
        p = self.probability(aligned)
        return p if p < self.below else None

    def shifted(self, offset: float) -> Triage:
        """The same triage with its log odds moved by `offset` (`Calibration.at_fault_share`): the same
        clips pass, their probabilities restated."""
        below = min(max(self.below, 1e-9), 1.0 - 1e-9)
        return replace(
            self,
            bias=self.bias + offset,
            below=1.0 / (1.0 + math.exp(-(math.log(below / (1.0 - below)) + offset))),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            **linear_json(self.weights, self.bias, self.mean, self.scale),
            "below": round(self.below, 6),
            "fitted_on": self.fitted_on,
        }


def triage_from_json(data: Any, where: str) -> Triage:
    """A calibration file's ``triage`` field, every part checked; `where` names the file."""
    if not isinstance(data, dict):
        raise TriageError(f"{where}: field 'triage' must be an object")
    try:
        names = feature_names(data.get("features"), "triage.features", TRIAGE_FEATURES)
    except ValueError as exc:
        raise TriageError(f"{where}: {exc}") from None
    for key in ("weights", "mean", "scale"):
        v = data.get(key)
        if (
            not isinstance(v, list)
            or len(v) != len(names)
            or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v)
        ):
            raise TriageError(f"{where}: field 'triage.{key}' must be {len(names)} finite numbers")
    if any(s <= 0 for s in data["scale"]):
        raise TriageError(f"{where}: field 'triage.scale' must be positive")
    for key in ("bias", "below"):
        v = data.get(key)
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            raise TriageError(f"{where}: field 'triage.{key}' must be a finite number")
    if not 0.0 < data["below"] < 1.0:
        raise TriageError(f"{where}: field 'triage.below' must lie between 0 and 1")
    fitted = data.get("fitted_on", {})
    return Triage(
        names,
        [float(x) for x in data["weights"]],
        float(data["bias"]),
        [float(x) for x in data["mean"]],
        [float(x) for x in data["scale"]],
        float(data["below"]),
        fitted if isinstance(fitted, dict) else {},
    )


def asked(rec: dict[str, Any]) -> bool:
    """Whether a record is of a clip the triage is asked about: scored word by word, sent to free
    decoding by the rules' own test (a clip it finds clear, or one decided before scoring, never is)."""
    return rec.get("kind") == "scored" and bool(rec.get("decoded")) and bool(rec.get("units"))


def fit_triage(
    records: list[dict[str, Any]],
    faulty: list[bool],
    caught: list[bool],
    *,
    max_faults_passed: float,
    fitted_on: dict[str, Any] | None = None,
) -> Triage:
    """Fit a triage on the records it would be asked about (`asked`), labelled faulty or not; `caught`:
    whether the decision flags each record. `below` lets at most `max_faults_passed` of the caught
    faults through (their share, rounded down), never above even odds."""
    if not len(records) == len(faulty) == len(caught):
        raise ValueError("fit_triage needs one label and one decision per record")
    if not 0.0 <= max_faults_passed < 1.0:
        raise ValueError(f"max_faults_passed must lie in [0, 1), not {max_faults_passed}")
    keep = [k for k, r in enumerate(records) if asked(r)]
    y = np.array([faulty[k] for k in keep], dtype=np.float64)
    if not keep or y.all() or not y.any():
        raise ValueError("fit_triage needs faithful and faulty records that went to free decoding")
    x = np.array([[triage_statistics(records[k])[f] for f in TRIAGE_FEATURES] for k in keep])
    fitted = fit_logistic(x, y, [f in SIGNED for f in TRIAGE_FEATURES], RIDGE)
    p = fitted.fitted_p
    caught_p = np.sort(np.array([p[i] for i, k in enumerate(keep) if faulty[k] and caught[k]]))
    allowed = int(math.floor(max_faults_passed * len(caught_p)))
    below = float(caught_p[allowed]) if allowed < len(caught_p) else 0.5
    below = max(1e-6, min(0.5, below))
    info = dict(fitted_on or {})
    info["clips"] = len(keep)
    info["faithful"] = int((y == 0).sum())
    info["faulty"] = int((y == 1).sum())
    info["max_faults_passed"] = max_faults_passed
    info["fit_faithful_passed"] = int(((p < below) & (y == 0)).sum())
    info["fit_faults_passed"] = int(((p < below) & (y == 1)).sum())
    return Triage(
        TRIAGE_FEATURES,
        [float(w) for w in fitted.weights],
        fitted.bias,
        [float(m) for m in fitted.mean],
        [float(s) for s in fitted.scale],
        below,
        info,
    )


def triaged(rec: dict[str, Any], triage: Triage | None) -> dict[str, Any]:
    """A record decoded without a triage (the bench's, `verifier calibrate`'s) as `triage` would have
    left it: where it would have passed the clip, a copy that says so (``triage_p``), which
    `model.judge` then judges as the run would have; otherwise the record itself."""
    if triage is None or not asked(rec) or rec.get("triage_p") is not None:
        return rec
    p = triage.passes(rec)
    return rec if p is None else {**rec, "triage_p": round(p, 6)}
