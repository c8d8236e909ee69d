"""Which fault a simulated response suffers, drawn reproducibly.

`--faults text_only=0.1,truncate=0.1` gives each fault a probability per
response. The draw for a response depends only on the seed, the prompt and how
many times that prompt was seen before, never on arrival order, so a corpus run
with parallel sessions gets the same faults on every run with the same seed.

A single response can be forced into a fault (or kept clean) through its
metadata: `response.create` with `response.metadata.sim_fault` set to a fault
name, `name:variant` (e.g. `language_drift:first_word`) or `none`. Metadata is
a documented field that every client can set and the services echo back, so
this needs no change to a real client.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

#: Every fault the simulator can inject, in the order the rates are walked.
FAULTS = ("text_only", "truncate", "language_drift", "disconnect", "rate_limit", "stall")

#: Faults that change the audio; they only make sense when audio was asked for.
AUDIO_FAULTS = frozenset({"text_only", "truncate", "language_drift"})

#: Variants a forced fault may name (`sim_fault: "truncate:mid_sentence"`).
VARIANTS: dict[str, tuple[str, ...]] = {
    "truncate": ("last_sentence", "mid_sentence"),
    "language_drift": ("first_word", "sentence", "all", "sentence_truncated"),
}

#: The metadata key that forces a fault for one response.
OVERRIDE_KEY = "sim_fault"


class FaultSpecError(ValueError):
    """A `--faults` spec or a `sim_fault` override that cannot be used."""


def parse_faults(spec: str | Mapping[str, float] | None) -> dict[str, float]:
    """`"text_only=0.1,truncate=0.05"` (or a mapping) to validated rates."""
    if not spec:
        return {}
    pairs: list[tuple[str, object]]
    if isinstance(spec, Mapping):
        pairs = [(str(k), v) for k, v in spec.items()]
    else:
        pairs = []
        for raw in spec.split(","):
            part = raw.strip()
            if not part:
                continue
            key, sep, text = part.partition("=")
            if not sep:
                raise FaultSpecError(f"fault {part!r} has no rate: write it as {part}=0.1")
            pairs.append((key.strip(), text.strip()))
    rates: dict[str, float] = {}
    for name, value in pairs:
        if name not in FAULTS:
            raise FaultSpecError(f"unknown fault {name!r} (known: {', '.join(FAULTS)})")
        try:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                raise TypeError
            rate = float(value)
        except (TypeError, ValueError):
            raise FaultSpecError(f"rate of fault {name!r} is not a number: {value!r}") from None
        if not 0.0 <= rate <= 1.0:  # also rejects NaN
            raise FaultSpecError(f"rate of fault {name!r} must be between 0 and 1, got {rate}")
        rates[name] = rate
    total = sum(rates.values())
    if total > 1.0 + 1e-9:
        raise FaultSpecError(f"fault rates add up to {total:g}; at most 1 is possible (one fault a response)")
    return rates


def parse_override(value: object) -> tuple[str | None, str | None]:
    """A `sim_fault` metadata value to (fault or None, variant or None)."""
    if not isinstance(value, str) or not value.strip():
        raise FaultSpecError(f"metadata.{OVERRIDE_KEY} must be a fault name, 'name:variant' or 'none'")
    name, _, variant = value.strip().partition(":")
    if name in ("none", "clean"):
        return None, None
    if name not in FAULTS:
        raise FaultSpecError(f"metadata.{OVERRIDE_KEY}: unknown fault {name!r} (known: none, {', '.join(FAULTS)})")
    if variant and variant not in VARIANTS.get(name, ()):
        known = ", ".join(VARIANTS.get(name, ())) or "none"
        raise FaultSpecError(f"metadata.{OVERRIDE_KEY}: fault {name!r} has no variant {variant!r} (known: {known})")
    return name, variant or None


@dataclass
class FaultDecision:
    """The fault one response gets; `rng` drives its details (cut points, variants)."""

    name: str | None
    variant: str | None
    rng: random.Random
    forced: bool = False


class FaultInjector:
    """Draws faults for responses from rates and a seed."""

    def __init__(self, rates: str | Mapping[str, float] | None = None, seed: int = 0) -> None:
        self.rates = parse_faults(rates)
        self.seed = seed
        self._seen: Counter[str] = Counter()

    def decide(self, key: str, override: object = None) -> FaultDecision:
        """The fault for the next response to prompt `key` (prompt + instructions)."""
        n = self._seen[key]
        self._seen[key] += 1
        # str seeds hash through SHA-512: stable across runs and platforms.
        rng = random.Random(f"{self.seed}\x00{key}\x00{n}")
        draw = rng.random()
        detail_rng = random.Random(rng.getrandbits(64))
        if override is not None:
            name, variant = parse_override(override)
            return FaultDecision(name, variant, detail_rng, forced=True)
        edge = 0.0
        for name in FAULTS:
            edge += self.rates.get(name, 0.0)
            if draw < edge:
                return FaultDecision(name, None, detail_rng)
        return FaultDecision(None, None, detail_rng)
