"""Held-out figures shared by the bench and `verifier calibrate` (pure)."""

from __future__ import annotations

import math
import random

from verifier.core.calibration.model import restate


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of k successes in n (95 % by default)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def ece(
    pairs: list[tuple[float, bool]], bins: int = 10, weights: list[float] | None = None
) -> tuple[float, list[tuple[float, float, int, float, float]]]:
    """Expected calibration error of (confidence, was a fault) pairs, and the reliability table:
    (bin low, bin high, clips, mean confidence, share of faults) per non-empty bin. `weights`
    (one per pair) weigh the clips, as `at_fault_share` does to stand for another mix."""
    w = weights if weights is not None else [1.0] * len(pairs)
    table = []
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        group = [(p, y, wi) for (p, y), wi in zip(pairs, w) if lo <= p < hi or (b == bins - 1 and p >= 1.0)]
        mass = sum(wi for _, _, wi in group)
        if not group or mass <= 0:
            continue
        conf = sum(p * wi for p, _, wi in group) / mass
        share = sum(wi for _, y, wi in group if y) / mass
        table.append((lo, hi, len(group), conf, share))
        total += mass * abs(conf - share)
    whole = sum(w)
    return (total / whole if pairs and whole > 0 else 0.0), table


def at_fault_share(
    pairs: list[tuple[float, bool]], share: float, stated_at: float | None = None
) -> tuple[list[float], list[float]]:
    """Judged clips as they would stand in traffic where `share` of the responses are faulty: a weight
    per clip (faults and faithful clips each weighed to that share) and each confidence restated at that
    share (the intercept shift of `Calibration.at_fault_share`) from the share it is stated at
    (`stated_at`; None: the clips' own, which the bench's folds are fitted at within 0.01)."""
    n = len(pairs)
    faults = sum(1 for _, y in pairs if y)
    if not 0 < faults < n or not 0.0 < share < 1.0:
        return [1.0] * n, [p for p, _ in pairs]
    own = faults / n
    base = stated_at if stated_at is not None else own
    weights = [share / own if y else (1 - share) / (1 - own) for _, y in pairs]
    return weights, [restate(p, base, share) for p, _ in pairs]


def nightly_confidence(pairs: list[tuple[float, bool]], share: float = 0.1, stated_at: float | None = None) -> str:
    """One line: what the confidences mean in a nightly run where `share` of the responses are faulty,
    as they are and restated with `--fault-share` (the corpus's own share is rarely the traffic's)."""
    weights, restated = at_fault_share(pairs, share, stated_at)
    as_is = ece(pairs, weights=weights)[0]
    fixed = ece([(q, y) for q, (_, y) in zip(restated, pairs)], weights=weights)[0]
    return (
        f"  at one fault in {round(1 / share)} (clips reweighted to a nightly mix): ECE {as_is:.3f} as "
        f"stated, {fixed:.3f} with --fault-share {share:g}"
    )


def ece_by_chance(confidences: list[float], draws: int = 200, seed: int = 0) -> float:
    """The ECE a perfectly calibrated model would still show on this many clips: labels drawn with the
    stated confidences, ECE averaged over `draws`. An ECE near it is sampling noise, not miscalibration
    (on 80 clips it is several hundredths)."""
    if not confidences:
        return 0.0
    rng = random.Random(seed)
    total = 0.0
    for _ in range(draws):
        total += ece([(p, rng.random() < p) for p in confidences])[0]
    return total / draws


#: the faithful-flagged shares at which `operating_curve` reads the faults caught
CURVE_SHARES = (0.01, 0.02, 0.05, 0.1)


def operating_curve(
    pairs: list[tuple[float, bool]], shares: tuple[float, ...] = CURVE_SHARES
) -> list[tuple[int, int, int]]:
    """Faults caught when the cut-off flags a given share of the faithful clips: per share, (faithful
    clips flagged, of the faithful, faults caught) from (confidence, was a fault) pairs. The cut-off is
    the k-th highest faithful confidence (k the share of the faithful, rounded down) and flags every
    clip at or above it, so ties can flag a few more than k; with k 0 it lies just above them all.

    Two fits compared at their own cut-offs can differ only in where they sit on one curve (a stricter
    fit flags fewer faithful clips and catches fewer faults); compared here, at equal faithful clips
    flagged, a statistic that only moves the cut-off gains nothing.
    """
    faithful = sorted((p for p, y in pairs if not y), reverse=True)
    faults = [p for p, y in pairs if y]
    out = []
    for share in shares:
        k = int(math.floor(share * len(faithful)))
        if not faithful:
            out.append((0, 0, len(faults)))
        elif k == 0:
            out.append((0, len(faithful), sum(1 for p in faults if p > faithful[0])))
        else:
            cut = faithful[k - 1]
            out.append((sum(1 for p in faithful if p >= cut), len(faithful), sum(1 for p in faults if p >= cut)))
    return out
