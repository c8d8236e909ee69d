"""Rates with confidence intervals, and the test behind `verifier compare`.

Failures are intermittent (1 in 20 responses in the user reports), so a rate
without its uncertainty misleads: 0 of 20 is not "never". Intervals are
Wilson score intervals (good coverage at small n and at 0 % / 100 %, unlike
the normal approximation).

`compare` asks, per class, "is this run's rate higher than the baseline's?"
with a one-sided Fisher exact test on the 2x2 table (class / not class x run /
baseline). Exact, so it stays valid at the small counts nightly runs have.
The per-class p-values are Holm-adjusted so that checking every class at once
keeps the chance of a false alarm on an unchanged service at `alpha`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scipy import stats as _sp

from verifier.schema.results import ANY_FAULT, FAULT_CLASSES, VerdictClass, fails, is_fault, judged

#: Every class a report shows, in display order; "fault" is any judged non-match.
#: `not_applicable` comes last: its rate is of all responses, every other class's of the judged ones.
CLASSES: tuple[str, ...] = (
    VerdictClass.MATCH.value,
    *FAULT_CLASSES,
    VerdictClass.ERROR.value,
    VerdictClass.NOT_APPLICABLE.value,
)
_NA = VerdictClass.NOT_APPLICABLE.value
TEST_NAME = "one-sided Fisher exact test per class, Holm-adjusted across classes"


@dataclass(frozen=True)
class Rate:
    name: str
    count: int
    total: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        return self.count / self.total if self.total else 0.0


def wilson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials; (0, 1) when n == 0."""
    if n <= 0:
        return 0.0, 1.0
    z = float(_sp.norm.ppf(0.5 + confidence / 2))
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # Clamp the floating-point dust so 0/n starts at exactly 0 and n/n ends at 1.
    return (0.0 if k == 0 else max(0.0, centre - half)), (1.0 if k == n else min(1.0, centre + half))


def count_classes(verdicts: Iterable[str]) -> dict[str, int]:
    counts = Counter(verdicts)
    out = {c: counts.get(c, 0) for c in CLASSES}
    for name, n in counts.items():  # a class this version does not know still counts
        out.setdefault(name, n)
    out[ANY_FAULT] = sum(n for name, n in counts.items() if fails(name))
    return out


def judged_total(counts: Mapping[str, int], total: int) -> int:
    """The responses there was something to verify in: the denominator of every rate but not_applicable's."""
    return total - counts.get(_NA, 0)


def rates(counts: Mapping[str, int], total: int, confidence: float = 0.95) -> list[Rate]:
    """One Rate per class (display order, then "fault"), from class counts."""
    names = [c for c in CLASSES] + sorted(k for k in counts if k not in CLASSES and k != ANY_FAULT) + [ANY_FAULT]
    n_judged = judged_total(counts, total)
    out = []
    for n in names:
        of = total if n == _NA else n_judged
        out.append(Rate(n, counts.get(n, 0), of, *wilson(counts.get(n, 0), of, confidence)))
    return out


def rates_of(verdicts: Sequence[str], confidence: float = 0.95) -> list[Rate]:
    return rates(count_classes(verdicts), len(verdicts), confidence)


def mismatch_rate(verdicts: Sequence[str], confidence: float = 0.95) -> Rate:
    """Responses whose audio diverges from the transcript (every fault class; not `error`, which
    means the pair could not be judged)."""
    k = sum(1 for v in verdicts if is_fault(v))
    n = sum(1 for v in verdicts if judged(v))
    return Rate("mismatch", k, n, *wilson(k, n, confidence))


def scope_counts(verdicts: Iterable[Any]) -> dict[str, Counter[str]]:
    """Responses verified in part or not at all, by why (`meta.scope`), each with its verdict classes."""
    out: dict[str, Counter[str]] = {}
    for v in verdicts:
        scope = getattr(getattr(v, "meta", None), "scope", None)
        if scope:
            out.setdefault(str(scope), Counter())[str(v.verdict)] += 1
    return dict(sorted(out.items(), key=lambda kv: -sum(kv[1].values())))


@dataclass(frozen=True)
class Comparison:
    name: str
    run: Rate
    baseline: Rate
    p_value: float  # raw one-sided p
    p_adjusted: float  # Holm-adjusted
    worse: bool


def _fisher_greater(k1: int, n1: int, k0: int, n0: int) -> float:
    if n1 == 0 or n0 == 0:
        return 1.0
    res = _sp.fisher_exact([[k1, n1 - k1], [k0, n0 - k0]], alternative="greater")
    return float(res[1])


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm step-down adjusted p-values (same order as given)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def compare(
    run_counts: Mapping[str, int],
    run_total: int,
    base_counts: Mapping[str, int],
    base_total: int,
    *,
    alpha: float = 0.05,
    classes: Sequence[str] | None = None,
) -> list[Comparison]:
    """Which failure classes happen significantly more often in the run than in the baseline."""
    names = list(classes) if classes is not None else [*FAULT_CLASSES, VerdictClass.ERROR.value, ANY_FAULT]
    run_rates = {r.name: r for r in rates(run_counts, run_total)}
    base_rates = {r.name: r for r in rates(base_counts, base_total)}
    run_total, base_total = judged_total(run_counts, run_total), judged_total(base_counts, base_total)
    raw = [_fisher_greater(run_counts.get(n, 0), run_total, base_counts.get(n, 0), base_total) for n in names]
    adj = holm(raw)
    out = []
    for name, p, pa in zip(names, raw, adj, strict=True):
        r = run_rates.get(name) or Rate(name, 0, run_total, *wilson(0, run_total))
        b = base_rates.get(name) or Rate(name, 0, base_total, *wilson(0, base_total))
        out.append(Comparison(name, r, b, p, pa, worse=pa < alpha and r.rate > b.rate))
    return out
