"""`verifier calibrate`: fit the decision statistics on a user's own faithful responses.

Nobody else has the user's voices, and a user may run another ASR model; the
shipped calibration was fitted on open speech engines. Given faithful
(audio, transcript) pairs, this makes faults from them, with labels:

* ``cut_tail`` / ``cut_head``: the audio stops before its last two words, or
  starts after its first two (``truncated``);
* ``drop_word``: one word's audio spliced out of mid-sentence, and
  ``swap_word``: the transcript says another response's word where the audio
  says its own (``content_mismatch``);
* ``code_switch``: two or more words' audio replaced by speech in another
  language, taken from responses in another language (``language_drift``;
  only when the material holds another language);
* ``extra_sentence``: another response's audio after this one's (``extra_speech``);
* ``silence``: the response's length of near-silence (``missing_audio``).

Every clip is verified once with the rules alone (the evidence is cached per
clip in memory); the statistics are fitted in five folds grouped by source
response (a response and the faults made from it are always in the same fold),
so the printed figures are held out, then once on everything for the file.
"""

from __future__ import annotations

import datetime as _dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from verifier.core.asr import SAMPLE_RATE
from verifier.core.calibration.classes import fit_classes
from verifier.core.calibration.figures import at_fault_share, ece, ece_by_chance, nightly_confidence, wilson
from verifier.core.calibration.model import RIDGE, Calibration, fit, judge
from verifier.core.normalize import split_words
from verifier.core.verify import Verifier, VerifyItem
from verifier.schema.audio import write_wav
from verifier.schema.results import Verdict

FOLDS = 5
#: Seven faults are made per response, so a fit's own share of faults (about 88 %) says how many were
#: made, not how often a response is faulty. Left there, its cut-off at 0.5 would flag any response
#: not seven times likelier faithful than faulty. Its confidences are stated, and its verdict cut, at
#: even odds instead: a response is flagged when its evidence favours a fault (`--fault-share`
#: restates them for your traffic).
STATED_SHARE = 0.5
#: How hard a fit with a prior (`--prior`, by default the shipped calibration for the model) is held to
#: the prior's weights: a Gaussian prior of variance 1/PRIOR_RIDGE on each standardised weight, the bias
#: free. Chosen by `bench/own_voice.py --group A` (seven voices, each calibrated on its own 50 replies,
#: judged on its clips of the seventh to tenth sealed sets) from 1, 3, 10, 30, 100, 300, 1000 and 10000:
#: 300 flagged the fewest faithful replies (31 of 259) with the most faults (227 of 251); on the group
#: judged after it, README "Calibrating on your own voice".
PRIOR_RIDGE = 300.0


def at_even_odds(cal: Calibration) -> Calibration:
    """`cal` with its confidences stated where faults and faithful responses are as many, cut at 0.5 there."""
    return replace(cal.at_fault_share(STATED_SHARE), cutoff=0.5)


@dataclass
class Source:
    id: str
    samples: np.ndarray  # 16 kHz float32
    transcript: str
    language: str | None


@dataclass
class Example:
    source: str
    kind: str  # "none" for a faithful response, else the kind of fault
    label: str  # the verdict class it should get
    samples: np.ndarray
    transcript: str
    language: str | None


def _timed_words(v: Verdict) -> list[tuple[str, float, float]]:
    return [
        (w.ref or "", float(w.start), float(w.end))
        for w in v.words
        if w.op == "ok" and w.ref and w.start is not None and w.end is not None
    ]


def _splice(samples: np.ndarray, a: float, b: float, insert: np.ndarray | None = None) -> np.ndarray:
    i, j = int(a * SAMPLE_RATE), int(b * SAMPLE_RATE)
    mid = insert if insert is not None else np.zeros(0, np.float32)
    return np.concatenate([samples[:i], mid, samples[j:]]).astype(np.float32)


def _gap(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.float32)


def make_faults(
    src: Source,
    timed: list[tuple[str, float, float]],
    others: Sequence[Source],
    foreign: Sequence[Source],
    rng: random.Random,
) -> list[Example]:
    """The faults made from one faithful response (see the module docstring)."""
    out: list[Example] = []
    s, t, lang = src.samples, src.transcript, src.language

    def add(kind: str, label: str, samples: np.ndarray, transcript: str = t) -> None:
        out.append(Example(src.id, kind, label, samples.astype(np.float32), transcript, lang))

    n = len(timed)
    if n >= 4:
        add("cut_tail", "truncated", s[: int(timed[-2][1] * SAMPLE_RATE)])
        add("cut_head", "truncated", s[int(timed[2][1] * SAMPLE_RATE) :])
    if n >= 5:
        k = rng.randrange(1, n - 1)
        add("drop_word", "content_mismatch", _splice(s, timed[k][1], timed[k][2]))
    words = split_words(t)
    pool = [w for o in others if o.id != src.id for w in split_words(o.transcript) if len(w.strip(".,!?")) >= 4]
    long_words = [i for i, w in enumerate(words) if len(w.strip(".,!?")) >= 4]
    if pool and long_words:
        i = rng.choice(long_words)
        new = rng.choice([w for w in pool if w.strip(".,!?").lower() != words[i].strip(".,!?").lower()] or pool)
        tail = words[i][len(words[i].rstrip(".,!?")) :]
        add("swap_word", "content_mismatch", s, " ".join([*words[:i], new.rstrip(".,!?") + tail, *words[i + 1 :]]))
    if foreign and n >= 4:
        f = rng.choice(list(foreign))
        k = rng.randrange(0, n - 2)
        piece = f.samples[: int(min(f.samples.size / SAMPLE_RATE, 2.0) * SAMPLE_RATE)]
        add(
            "code_switch",
            "language_drift",
            _splice(s, timed[k][1], timed[k + 1][2], np.concatenate([_gap(0.1), piece, _gap(0.1)])),
        )
    if others:
        o = rng.choice([x for x in others if x.id != src.id] or list(others))
        add("extra_sentence", "extra_speech", np.concatenate([s, _gap(0.4), o.samples]))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0.0, 0.0005, s.size).astype(np.float32)
    add("silence", "missing_audio", noise)
    return out


def build(
    verifier: Verifier,
    sources: Sequence[Source],
    foreign: Sequence[Source],
    seed: int = 9,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[Example, Verdict]]:
    """Verify the faithful responses and the faults made from them (rules only: evidence for the fit).

    Two passes, each batched as `verifier score` runs (`Verifier.read_many`: free decoding is about
    three times cheaper per clip in a batch): the faithful responses first, whose word times say where
    to cut, then every fault made from them."""
    rng = random.Random(seed)
    faithful = [Example(src.id, "none", "match", src.samples, src.transcript, src.language) for src in sources]
    read = verifier.read_many([_item(ex, src.id) for ex, src in zip(faithful, sources)], progress=progress)
    made: list[tuple[Example, str]] = []
    for src, v in zip(sources, read):
        made += [(ex, f"{src.id}:{ex.kind}") for ex in make_faults(src, _timed_words(v), sources, foreign, rng)]
    faults = verifier.read_many([_item(ex, id_) for ex, id_ in made], progress=progress)
    return [*zip(faithful, read), *((ex, v) for (ex, _), v in zip(made, faults))]


def _item(ex: Example, id_: str) -> VerifyItem:
    # 16-bit WAV at the ASR's rate: what a manifest of recorded responses gives the verifier
    return VerifyItem(id_, write_wav(ex.samples, SAMPLE_RATE), "wav", ex.transcript, ex.language)


def evaluate(
    data: list[tuple[Example, Verdict]],
    fitted_on: dict[str, Any],
    folds: int = FOLDS,
    prior: Calibration | None = None,
) -> tuple[Calibration, list[str]]:
    """Held-out figures by folds grouped on the source response, then the fit on everything.

    `prior`: a calibration fitted on other material for the same Whisper model (the shipped one): each
    fit is held to its weights (`PRIOR_RIDGE`) and names faults with its class model. Faults made from a
    user's fifty replies are fewer and narrower than the faults of real traffic; free, a fit learns
    their quirks (README, "Calibrating on your own voice")."""
    usable = [(ex, v) for ex, v in data if v.evidence is not None]
    groups = sorted({ex.source for ex, _ in usable})
    random.Random(0).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    judged: list[tuple[Example, str, float]] = []
    for k in range(folds):
        train = [(ex, v) for ex, v in usable if fold_of[ex.source] != k]
        test = [(ex, v) for ex, v in usable if fold_of[ex.source] == k]
        if not test or len({ex.label == "match" for ex, _ in train}) < 2:
            continue
        cal = fitted(train, {}, prior)
        for ex, v in test:
            assert v.evidence is not None
            verdict, p = judge(v.verdict.value, v.evidence, cal)
            judged.append((ex, verdict, p))
    lines = report(judged)
    held_out = {"folds": folds, "lines": lines}
    final = fitted(usable, {**fitted_on, "date": _dt.date.today().isoformat(), "held_out": held_out}, prior)
    return final, lines


def fitted(
    pairs: list[tuple[Example, Verdict]],
    fitted_on: dict[str, Any],
    prior: Calibration | None = None,
    ridge: float | None = None,
) -> Calibration:
    """The decision at even odds, and the class model: the prior's, or one fitted on the faults made here.
    `ridge`: how hard the weights are held (to the prior's, or to zero); by default `PRIOR_RIDGE` with a
    prior and `RIDGE` without (bench/own_voice.py chose the first by trying others).

    No class model fitted for a Whisper model without language ID (tiny.en): it cannot tell a switched
    word from a changed one, and would name both by the share of each among the faults made here (as
    the shipped default-tiny.en.json has none, for the same reason); the rules' class stands."""
    records = [v.evidence for _, v in pairs if v.evidence is not None]
    labels = [ex.label for ex, v in pairs if v.evidence is not None]
    faulty = [x != "match" for x in labels]
    if ridge is None:
        ridge = RIDGE if prior is None else PRIOR_RIDGE
    if prior is not None and fitted_on:
        fitted_on = {**fitted_on, "prior": {**describe(prior), "ridge": ridge}}
    cal = at_even_odds(fit(records, faulty, fitted_on=fitted_on or None, prior=prior, ridge=ridge))
    if prior is not None:
        cal.classes = prior.classes
        return cal
    faults = [(r, x) for r, x in zip(records, labels) if x != "match"]
    if len({x for _, x in faults}) >= 2 and any(r.get("multilingual") for r, _ in faults):
        cal.classes = fit_classes([r for r, _ in faults], [x for _, x in faults])
    return cal


def describe(prior: Calibration) -> dict[str, Any]:
    """What a fit records of its prior: enough to find it again and to see what it was fitted on."""
    on = prior.fitted_on or {}
    return {
        "model": on.get("model"),
        "command": on.get("command"),
        "date": on.get("date"),
        "corpora": on.get("corpora"),
        "clips": on.get("clips"),
    }


def report(judged: list[tuple[Example, str, float]]) -> list[str]:
    faithful = [(ex, v, p) for ex, v, p in judged if ex.label == "match"]
    faults = [(ex, v, p) for ex, v, p in judged if ex.label != "match"]
    fp = sum(1 for _, v, _ in faithful if v != "match")
    lo, hi = wilson(fp, len(faithful))
    lines = [
        f"held out (folds by response): faithful flagged {fp}/{len(faithful)} "
        f"[95% CI {lo:.1%}-{hi:.1%}]; faults flagged "
        f"{sum(1 for _, v, _ in faults if v != 'match')}/{len(faults)}; right class "
        f"{sum(1 for ex, v, _ in judged if v == ex.label)}/{len(judged)}"
    ]
    by_kind: dict[str, list[tuple[Example, str, float]]] = defaultdict(list)
    for j in faults:
        by_kind[j[0].kind].append(j)
    for kind in sorted(by_kind):
        g = by_kind[kind]
        lines.append(
            f"  {kind:<15} flagged {sum(1 for _, v, _ in g if v != 'match')}/{len(g)}, right class "
            f"{sum(1 for ex, v, _ in g if v == ex.label)}/{len(g)}; verdicts "
            + ", ".join(f"{k} {n}" for k, n in Counter(v for _, v, _ in g).most_common())
        )
    pairs = [(p, ex.label != "match") for ex, _, p in judged]
    # the confidences are stated at even odds: the clips are weighed to as many faults as faithful ones
    e, table = ece(pairs, weights=at_fault_share(pairs, STATED_SHARE)[0])
    lines.append(
        f"  confidence: ECE {e:.3f} with faults and faithful clips weighed alike (a perfectly calibrated "
        f"model would show {ece_by_chance([p for p, _ in pairs]):.3f} on as many clips, by chance); "
        "reliability (bin: clips, mean confidence, fault share): "
        + "; ".join(f"{lo_:.1f}-{hi_:.1f}: {n} {c:.2f} {s:.2f}" for lo_, hi_, n, c, s in table)
    )
    lines.append(nightly_confidence(pairs, stated_at=STATED_SHARE))
    return lines
