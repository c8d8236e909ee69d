"""When the transcript's words are spoken: DTW times corrected where they are weak.

DTW (Whisper's cross-attention alignment) times are good between two heard
words; next to an unheard run, and at a clip's first word, a heard word's edge
drifts into the run. Such edges are estimated from the reliable one and a
speaking rate measured on the clip itself. The seconds of speech these
estimates leave unexplained decide between "cut" and "replaced".
"""

from __future__ import annotations

import statistics

from verifier.core.decision import Run, Thresholds, UnitEvidence
from verifier.core.vad import Region, speech_between


def spoken_chars(words: list[str]) -> int:
    """Length of the words as said: a digit is said as a word ("4729" is four words)."""
    text = " ".join(words)
    return sum(5 if ch.isdigit() else 1 for ch in text if ch.isalnum() or ch == " ")


class Timing:
    """Where heard words start and end, corrected for DTW's weak spots.

    DTW times are good between two heard words; next to an unheard run (and
    at a clip's first word) a heard word's edge drifts into the run, so that
    edge is estimated from the other, reliable one and a speaking rate
    measured on the clip itself.
    """

    def __init__(self, units: list[UnitEvidence], regions: list[Region], seconds: float, t: Thresholds) -> None:
        self.u, self.seconds = units, seconds
        self.first_speech = regions[0].start if regions else 0.0
        rates = []
        for i in range(len(units) - 1):
            if units[i].heard and units[i + 1].heard:
                chars = spoken_chars(units[i].words)
                dur = units[i + 1].start - units[i].start
                if dur > 0:
                    rates.append(dur / max(1, chars))
        rate = statistics.median(rates) if len(rates) >= 3 else t.char_seconds
        self.rate = min(0.15, max(0.03, rate))

    def expected(self, i: int) -> float:
        return self.rate * (spoken_chars(self.u[i].words) + 1)

    def start(self, i: int) -> float:
        u = self.u
        if i == 0:
            return max(u[0].start, self.first_speech)
        if u[i - 1].heard:
            return u[i].start
        # next to an unheard run DTW smears this word's start into the run: go back from its end
        end = u[i + 1].start if i + 1 < len(u) and u[i + 1].heard else u[i].end
        return max(0.0, end - self.expected(i))

    def end(self, i: int) -> float:
        if i + 1 < len(self.u) and self.u[i + 1].heard:
            return self.u[i + 1].start
        return self.start(i) + self.expected(i)

    def region(self, run: Run) -> tuple[float, float]:
        # a clip's last heard word is often drawn out: give it half again its length before a tail run
        left = (
            (
                self.start(run.first - 1) + 1.5 * self.expected(run.first - 1)
                if run.kind == "tail"
                else self.end(run.first - 1)
            )
            if run.first > 0
            else 0.0
        )
        right = self.start(run.last + 1) if run.last + 1 < len(self.u) else self.seconds
        return left, max(left, right)


def leftover_speech(
    units: list[UnitEvidence], regions: list[Region], seconds: float, t: Thresholds
) -> tuple[float, float, float]:
    """(speech after the last heard word, speech before the first, where the former starts)."""
    heard = [i for i, u in enumerate(units) if u.heard]
    if not heard:
        return 0.0, 0.0, 0.0
    timing = Timing(units, regions, seconds, t)
    last, first = heard[-1], heard[0]
    # the last word may be drawn out: allow it half again its expected length
    tail_start = timing.start(last) + 1.5 * timing.expected(last)
    tail = speech_between(regions, tail_start, seconds)
    if first + 1 < len(units) and units[first + 1].heard:
        head_end = units[first + 1].start - 1.5 * timing.expected(first)
    else:
        head_end = units[first].start
    head = speech_between(regions, 0.0, head_end) if first == 0 else 0.0
    return tail, head, tail_start
