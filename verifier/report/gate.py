"""CI gate: fail a run when a verdict class happens more often than allowed.

`--max-rate missing_audio=0,truncated=0.02` means: at most 0 % of responses
may be `missing_audio` and at most 2 % `truncated`. `fault=R` caps the rate
of every non-match verdict together. Rates are of the judged responses:
`not_applicable` ones (nothing to verify) count in no numerator or denominator.

`min_confidence`: a fault whose `confidence` (the calibrated probability that
the audio diverges) is below it is borderline: it stays in the denominator and
in the report, for a person to listen to, but counts in no fault numerator. A
verdict without a confidence (rules alone, or an error) always counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from verifier.schema.results import ANY_FAULT, FAULT_CLASSES, Verdict, VerdictClass, fails, judged

#: the default `--min-confidence`: every fault counts, as before confidence existed. The shipped
#: calibration gives language ID too little weight to be trusted with the gate alone ("Exacto" gets
#: 0.19). bench/heldout.py's recommendation for a gate that must not flag faithful replies is
#: `RECOMMENDED_MIN_CONFIDENCE`: for each engine left out, the confidence at which at most 1 % of the
#: other engines' faithful clips are flagged was 0.91-0.92 on every fold; it then counts about half
#: of the faults (all missing audio, few one-word changes or code-switches).
DEFAULT_MIN_CONFIDENCE = 0.0
RECOMMENDED_MIN_CONFIDENCE = 0.9
_KNOWN = set(FAULT_CLASSES) | {VerdictClass.ERROR.value, ANY_FAULT}


class GateSpecError(ValueError):
    pass


def parse_max_rates(spec: str | Iterable[str] | None) -> dict[str, float]:
    """Parse `class=rate[,class=rate...]` (repeatable); rates are fractions in [0, 1]."""
    if spec is None:
        return {}
    parts = [spec] if isinstance(spec, str) else list(spec)
    limits: dict[str, float] = {}
    for part in ",".join(parts).split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep:
            raise GateSpecError(f"--max-rate item {part!r} is not CLASS=RATE")
        if name not in _KNOWN:
            raise GateSpecError(f"--max-rate names unknown class {name!r} (known: {', '.join(sorted(_KNOWN))})")
        try:
            rate = float(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)
        except ValueError:
            raise GateSpecError(f"--max-rate {name}={value!r}: not a number") from None
        if not 0.0 <= rate <= 1.0:
            raise GateSpecError(f"--max-rate {name}={value}: a rate must be between 0 and 1 (or 0%-100%)")
        limits[name] = rate
    return limits


@dataclass
class GateResult:
    ok: bool
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    breaches: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        if self.ok:
            return f"gate passed: {self.total} responses within limits"
        return "gate failed: " + "; ".join(self.breaches)


def _confidence(v: Verdict | Mapping[str, object]) -> float | None:
    c = v.confidence if isinstance(v, Verdict) else v.get("confidence")
    return float(c) if isinstance(c, (int, float)) and not isinstance(c, bool) else None


def evaluate(
    verdicts: Iterable[Verdict | Mapping[str, object]], limits: Mapping[str, float], min_confidence: float = 0.0
) -> GateResult:
    rows = list(verdicts)
    names = [v.verdict if isinstance(v, Verdict) else str(v["verdict"]) for v in rows]
    # a borderline fault is judged (denominator) but counts as no fault (numerators)
    borderline = sum(
        1
        for v, n in zip(rows, names)
        if fails(n) and n != VerdictClass.ERROR.value and (c := _confidence(v)) is not None and c < min_confidence
    )
    counts = Counter(
        "borderline"
        if fails(n) and n != VerdictClass.ERROR.value and (c := _confidence(v)) is not None and c < min_confidence
        else n
        for v, n in zip(rows, names)
    )
    total = sum(1 for n in names if judged(n))
    counts[ANY_FAULT] = sum(n for k, n in counts.items() if fails(k) and k != "borderline")
    breaches = []
    for name, limit in limits.items():
        n = counts.get(name, 0)
        rate = n / total if total else 0.0
        if rate > limit:
            breaches.append(f"{name} {n}/{total} = {rate:.1%} > max {limit:.1%}")
    if borderline and breaches:
        breaches.append(f"{borderline} borderline fault(s) under confidence {min_confidence:.2f} not counted")
    return GateResult(ok=not breaches, total=total, counts=dict(counts), breaches=breaches)
