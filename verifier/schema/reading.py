"""How well the ASR reads a run's voice, and how far that lets a flag be trusted (pure).

Written into calibration files (`verifier.core.calibration`, their ``reading_bands``) and run
directories (run.json's ``reading``), read by the CLI and the reports: one place for both.

Every reply of a nightly run is in one voice. How well Whisper reads that voice decides how often it
mishears a faithful reply into a flag: on 93 voices nobody tuned to, those whose replies' median
word scored 0.8 or more had 4 % of their faithful replies flagged, those read below 0.4 had 27 %.
Each result carries its clip's reading (`Verdict.reading`); a run's median of them is the voice's,
and the calibration's ``reading_bands`` (measured by bench/reading.py) say what share of faithful
replies were flagged on voices read that well.

It changes no verdict. It tells the person reading a report whether a flag on this voice is likely
a fault or likely the ASR, and so whether to listen before acting on it.
"""

from __future__ import annotations

import math
import statistics as _stats
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: the band edges (median word probability): round numbers, not fitted
EDGES = (0.0, 0.4, 0.6, 0.8, 1.0)
#: fewer scored replies than this and a run's median is a few clips', not its voice's
MIN_REPLIES = 5
#: a band whose faithful replies were flagged this often or more gets the advice to listen first: it
#: parts the shipped bands where they part (4 % at 0.8 or more, 12 % and over below), not a fitted value
LISTEN_SHARE = 0.08


class ReadingBandError(ValueError):
    """A calibration file's `reading_bands` that cannot be used; the message names the field."""


@dataclass(frozen=True)
class ReadingBand:
    """Voices read with a median word probability in [low, high): how many faithful replies of theirs
    the verifier flagged, held out."""

    low: float
    high: float
    voices: int
    faithful: int
    flagged: int

    @property
    def share(self) -> float:
        return self.flagged / self.faithful if self.faithful else 0.0

    def holds(self, reading: float) -> bool:
        return self.low <= reading < self.high or (self.high >= 1.0 and reading >= 1.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "voices": self.voices,
            "faithful": self.faithful,
            "flagged": self.flagged,
        }


def bands_from_json(data: Any, where: str) -> tuple[ReadingBand, ...]:
    """A calibration file's ``reading_bands``; ReadingBandError names the file and the entry."""
    if not isinstance(data, list):
        raise ReadingBandError(f"{where}: field 'reading_bands' must be a list")
    out = []
    for i, item in enumerate(data):
        field = f"{where}: field 'reading_bands[{i}]'"
        if not isinstance(item, dict):
            raise ReadingBandError(f"{field} must be an object")
        low, high = item.get("low"), item.get("high")
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in (low, high)):
            raise ReadingBandError(f"{field}: 'low' and 'high' must be finite numbers")
        assert isinstance(low, (int, float)) and isinstance(high, (int, float))
        if not 0.0 <= low < high <= 1.0:
            raise ReadingBandError(f"{field}: needs 0 <= low < high <= 1, not {low} and {high}")
        counts = [item.get(k) for k in ("voices", "faithful", "flagged")]
        if not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts):
            raise ReadingBandError(f"{field}: 'voices', 'faithful' and 'flagged' must be counts")
        voices, faithful, flagged = (int(c) for c in counts)  # type: ignore[arg-type]
        if flagged > faithful:
            raise ReadingBandError(f"{field}: more faithful replies flagged ({flagged}) than there were ({faithful})")
        out.append(ReadingBand(float(low), float(high), voices, faithful, flagged))
    return tuple(sorted(out, key=lambda b: b.low))


def run_reading(readings: Iterable[object]) -> tuple[float | None, int]:
    """The median of a run's clip readings (None where fewer than `MIN_REPLIES` were scored), and how many."""
    # a results file is read back from anywhere: only a probability counts
    got = [
        float(r)
        for r in readings
        if isinstance(r, (int, float)) and not isinstance(r, bool) and math.isfinite(r) and 0.0 <= r <= 1.0
    ]
    return (_stats.median(got) if len(got) >= MIN_REPLIES else None), len(got)


def band_for(bands: Iterable[ReadingBand], reading: float) -> ReadingBand | None:
    return next((b for b in bands if b.holds(reading)), None)


def run_info(model: str, bands: Iterable[ReadingBand]) -> dict[str, Any]:
    """What run.json records (``reading``) so that a report, built anywhere, can say `note`."""
    return {"model": model, "bands": [b.to_json() for b in bands]}


def from_run_info(info: Any) -> tuple[str, tuple[ReadingBand, ...]] | None:
    """(model, bands) from run.json's ``reading``; None where absent or unusable (older runs)."""
    if not isinstance(info, dict) or not isinstance(info.get("model"), str):
        return None
    try:
        return info["model"], bands_from_json(info.get("bands", []), "run.json")
    except ReadingBandError:
        return None


def note(
    readings: Iterable[object], bands: Iterable[ReadingBand], model: str, *, whose: str = "this voice"
) -> str | None:
    """One sentence for a report: how well Whisper `model` reads `whose` (a run's voice), and how
    often faithful replies were flagged on voices it read that well (None: too few replies scored)."""
    median, n = run_reading(readings)
    if median is None:
        return None
    said = f"Whisper {model} reads {whose} with a median word probability of {median:.2f} ({n} replies)."
    band = band_for(bands, median)
    if band is None or not band.faithful:
        return said
    said += (
        f" Held out, on voices it read between {band.low:.1f} and {band.high:.1f}, {band.share:.0%} of faithful "
        f"replies were flagged ({band.flagged} of {band.faithful}, {band.voices} voices)"
    )
    if band.share >= LISTEN_SHARE:
        # not "calibrate on your voice": held out, fitting on the voice itself flagged as many faithful
        # replies as leaving it out (README, "Not met yet"); only a reader that hears it better helps
        return said + (
            ": listen to a flag before acting on it. A larger Whisper model may read this voice better "
            "(fit its calibration with `verifier calibrate`)."
        )
    return said + "."


def notes(replies: Iterable[tuple[str | None, object]], bands: Iterable[ReadingBand], model: str) -> list[str]:
    """`note` for each voice of a run's replies, given as (voice, reading), in the order the voices first
    come: replies that name no voice are "this voice". A voice with too few replies says nothing."""
    by_voice: dict[str | None, list[object]] = {}
    for voice, value in replies:
        by_voice.setdefault(voice, []).append(value)
    bands = tuple(bands)
    said = (
        note(values, bands, model, whose=f"the voice {voice!r}" if voice else "this voice")
        for voice, values in by_voice.items()
    )
    return [s for s in said if s]
