"""Held-out figures shared by the bench and `verifier calibrate` (pure)."""

from __future__ import annotations

import math
import random


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of k successes in n (95 % by default)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> tuple[float, list[tuple[float, float, int, float, float]]]:
    """Expected calibration error of (confidence, was a fault) pairs, and the reliability table:
    (bin low, bin high, clips, mean confidence, share of faults) per non-empty bin."""
    table = []
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        group = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p >= 1.0)]
        if not group:
            continue
        conf = sum(p for p, _ in group) / len(group)
        share = sum(1 for _, y in group if y) / len(group)
        table.append((lo, hi, len(group), conf, share))
        total += len(group) * abs(conf - share)
    return (total / len(pairs) if pairs else 0.0), table


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
