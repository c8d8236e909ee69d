"""The fitted decision: a logistic model over the clip statistics, its cut-off, and what it was fitted on.

`fit` (numpy only: Newton's method on the L2-penalised log-likelihood) turns
records labelled faithful / faulty into a `Calibration`; `Calibration.save`
writes it as JSON with what it was fitted on (engines or voices, clip counts,
date, model, the figures); `load` reads one back, checking every field.
`apply` gives a verdict its `confidence` (the model's probability that the
audio diverges from its transcript) and, when the calibration `decides`
(the shipped default does, for the Whisper model it was fitted on), makes the
match / fault call with it:

* a fault's class is the class model's (`classes.py`, fitted on labelled
  faults) where the calibration has one, except that the rules' missing audio
  and language drift stand (`KEPT_RULE_CLASSES`); without one, the rules'
  class is kept, and a rules' match becomes the fault its statistics point to
  (extra words past the end, a foreign stretch, a cut, else other content);
* a rules' fault below the cut-off becomes a match (the confidence stays on
  the verdict, so a person can still look at it).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from verifier.core.calibration.classes import ClassModel, ClassModelError, class_model_from_json
from verifier.core.calibration.logistic import Linear, fit_logistic, linear_json
from verifier.core.calibration.statistics import (
    DECISION_FEATURES,
    FEATURES,
    LANGUAGE_MAJORITY_P,
    decoded_text,
    excess_heard,
    feature_names,
    statistics,
    vector,
)
from verifier.core.calibration.triage import Triage, TriageError, triage_from_json
from verifier.core.decision import language_name, quote
from verifier.core.drift import SWITCH_LANGUAGES
from verifier.schema.reading import ReadingBand, ReadingBandError, bands_from_json
from verifier.schema.reading import run_info as reading_run_info
from verifier.schema.results import Verdict, VerdictClass

FORMAT = "verifier-calibration/1"
#: L2 penalty on the standardised weights: keeps a dozen weights sane on a few hundred clips
RIDGE = 1.0
#: the statistics whose weight may be negative (how well the ASR reads the voice at all)
SIGNED = ("clarity", "voice_clarity", "fluency")
#: the rules' classes a class model does not rename. missing_audio is a fact (no audio, or no speech in it),
#: not a reading. language_drift: held out, the class model named 59 of the rules' 74 drift verdicts on
#: faults right where keeping them names 57, yet it calls a sentence said in Spanish with the rest of the
#: reply dropped (the "Envíalo por favor..." report, the simulator's drift fault) a cut: nothing like it is
#: in the corpus it was fitted on, and the rules' translation test is made for it.
KEPT_RULE_CLASSES = (VerdictClass.MISSING_AUDIO.value, VerdictClass.LANGUAGE_DRIFT.value)
#: a match this likely to diverge says so in its explanation (the report's borderline filter starts here too)
BORDERLINE_NOTE = 0.2


class CalibrationError(ValueError):
    """A calibration file that cannot be used; the message names the file and the field."""


@dataclass
class Calibration:
    weights: list[float]  # one per FEATURES entry, on standardised statistics
    bias: float
    mean: list[float]
    scale: list[float]
    cutoff: float  # a confidence at or above this is a fault (the verdict)
    #: the confidence from which a fault counts in a gate by default: at most the fit's budget of faithful
    #: responses reach it (`--min-confidence`)
    gate_confidence: float = 0.9
    #: whether the model makes the match / fault call (True) or only sets `confidence` beside the
    #: rules' verdict (False). The shipped default decides: held out, it flags a quarter as many
    #: faithful clips as the rules for nearly as many faults (bench/heldout.py). It first did not: on
    #: the robotic voices language ID is noise, so until the sure-language statistic it waved
    #: "Exacto" through.
    decides: bool = False
    features: tuple[str, ...] = FEATURES
    fitted_on: dict[str, Any] = field(default_factory=dict)
    #: which fault a flagged clip is (None: the rules' class, and `fault_class` for their matches)
    classes: ClassModel | None = None
    #: how often faithful replies were flagged, held out, by how well the ASR read their voice
    #: (`verifier.schema.reading`; bench/reading.py measures them): empty where unmeasured
    reading_bands: tuple[ReadingBand, ...] = ()
    #: which clips the rules leave in doubt may be judged on their alignment alone, free decoding
    #: skipped (`verifier.core.calibration.triage`; None: every such clip is decoded)
    triage: Triage | None = None

    def triage_passes(self, aligned: dict[str, Any]) -> float | None:
        """The triage's probability that a clip diverges, given what is known of it before free decoding
        (`record.aligned`), where that is low enough to skip decoding it; None: decode it."""
        return None if self.triage is None else self.triage.passes(aligned)

    @property
    def fault_share(self) -> float | None:
        """The share of faulty responses at which the confidences are probabilities: the fit's own
        (its faulty clips over its clips) unless `at_fault_share` restated them. None if unrecorded."""
        stated = self.fitted_on.get("fault_share")
        if isinstance(stated, (int, float)) and 0.0 < stated < 1.0:
            return float(stated)
        clips, faulty = self.fitted_on.get("clips"), self.fitted_on.get("faulty")
        if isinstance(clips, int) and isinstance(faulty, int) and 0 < faulty < clips:
            return faulty / clips
        return None

    def at_fault_share(self, share: float) -> Calibration:
        """The same decision, its confidences restated as probabilities in traffic where `share` of the
        responses are faulty.

        A logistic model fitted on a sample whose fault share differs from the traffic's keeps its
        weights; only the intercept moves, by the difference in log odds (the prior correction for
        case-control samples, King & Zeng 2001). The held-out corpus is 45 % faults and `verifier
        calibrate` makes seven faults per response, while a nightly run may hold one fault in ten:
        there a confidence of 0.6 from the corpus's fit is a probability of about 0.17. The cut-off
        and the gate's confidence move by the same offset, so every verdict and every count at the
        gate's own confidence stay as they were; only what the number means changes.
        """
        own = self.fault_share
        if own is None:
            raise CalibrationError(
                "this calibration does not record the share of faults it was fitted on "
                "(fitted_on.clips and fitted_on.faulty): refit it with `verifier calibrate`"
            )
        if not 0.0 < share < 1.0:
            raise CalibrationError(f"a fault share must lie strictly between 0 and 1, not {share}")
        info = dict(self.fitted_on)
        info.setdefault("fit_fault_share", round(own, 6))
        info["fault_share"] = share
        return replace(
            self,
            bias=self.bias + _logit(share) - _logit(own),
            cutoff=restate(self.cutoff, own, share),
            gate_confidence=restate(self.gate_confidence, own, share),
            fitted_on=info,
            triage=None if self.triage is None else self.triage.shifted(_logit(share) - _logit(own)),
        )

    def describe(self) -> str:
        """One line on what decides: what it was fitted on, and the share of faults its confidences assume."""
        f = self.fitted_on
        what = ", ".join(
            str(x)
            for x in (
                f"{f['clips']} clips" if "clips" in f else None,
                f.get("model") and f"Whisper {f['model']}",
                f.get("date"),
            )
            if x
        )
        share = self.fault_share
        role = "decides" if self.decides else "gives confidence only (the rules decide)"
        return f"fitted on {what or 'unrecorded material'}; {role}" + (
            f"; confidences are probabilities at a fault share of {share:.2f}" if share is not None else ""
        )

    @property
    def typical_voice(self) -> float | None:
        """The ``voice_clarity`` an unknown voice is judged at: the mean of the voices fitted on (None
        where the decision does not weigh the voice)."""
        if "voice_clarity" not in self.features:
            return None
        return self.mean[self.features.index("voice_clarity")]

    def probability(self, rec: dict[str, Any], voice: float | None = None) -> float:
        """The probability that `rec`'s audio diverges from its transcript; `voice`: its run's
        `voice_clarity`. Unknown (None: a clip alone, or the first replies of a run), the voice is
        taken for a typical one. The clip's own clarity is no stand-in for it: a reply that says
        something else entirely reads badly everywhere, and would pass for a voice Whisper cannot read."""
        voice = self.typical_voice if voice is None else voice
        x = (vector(rec, self.features, voice) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = float(np.dot(self.weights, x) + self.bias)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        out = {
            "format": FORMAT,
            "features": list(self.features),
            **linear_json(self.weights, self.bias, self.mean, self.scale),
            "cutoff": round(self.cutoff, 4),
            "gate_confidence": round(self.gate_confidence, 4),
            "decides": self.decides,
            "fitted_on": self.fitted_on,
        }
        if self.classes is not None:
            out["classes"] = self.classes.to_json()
        if self.reading_bands:
            out["reading_bands"] = [b.to_json() for b in self.reading_bands]
        if self.triage is not None:
            out["triage"] = self.triage.to_json()
        return out

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")


def from_json(data: Any, where: str) -> Calibration:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CalibrationError(f"{where}: not a calibration file (field 'format' must be {FORMAT!r})")
    try:
        names = feature_names(data.get("features"), "features")
    except ValueError as exc:
        raise CalibrationError(f"{where}: {exc}") from None
    n = len(names)
    for key in ("weights", "mean", "scale"):
        v = data.get(key)
        if (
            not isinstance(v, list)
            or len(v) != n
            or not all(isinstance(x, (int, float)) and math.isfinite(x) for x in v)
        ):
            raise CalibrationError(f"{where}: field {key!r} must be {n} finite numbers")
    if any(s <= 0 for s in data["scale"]):
        raise CalibrationError(f"{where}: field 'scale' must be positive")
    for key in ("bias", "cutoff", "gate_confidence"):
        if not isinstance(data.get(key), (int, float)) or not math.isfinite(data[key]):
            raise CalibrationError(f"{where}: field {key!r} must be a finite number")
    for key in ("cutoff", "gate_confidence"):
        if not 0.0 < data[key] < 1.0:
            raise CalibrationError(f"{where}: field {key!r} must lie between 0 and 1")
    if not isinstance(data.get("decides", False), bool):
        raise CalibrationError(f"{where}: field 'decides' must be true or false")
    fitted = data.get("fitted_on", {})
    share = fitted.get("fault_share") if isinstance(fitted, dict) else None
    if share is not None and (not isinstance(share, (int, float)) or not 0.0 < share < 1.0):
        raise CalibrationError(f"{where}: field 'fitted_on.fault_share' must lie strictly between 0 and 1")
    second = fitted.get("second_reader") if isinstance(fitted, dict) else None
    if second is not None and (not isinstance(second, str) or not second.strip()):
        raise CalibrationError(f"{where}: field 'fitted_on.second_reader' must be a Whisper model's name or null")
    try:
        classes = class_model_from_json(data["classes"], where) if "classes" in data else None
    except ClassModelError as exc:
        raise CalibrationError(str(exc)) from None
    try:
        bands = bands_from_json(data["reading_bands"], where) if "reading_bands" in data else ()
    except ReadingBandError as exc:
        raise CalibrationError(str(exc)) from None
    try:
        triage = triage_from_json(data["triage"], where) if "triage" in data else None
    except TriageError as exc:
        raise CalibrationError(str(exc)) from None
    return Calibration(
        [float(x) for x in data["weights"]],
        float(data["bias"]),
        [float(x) for x in data["mean"]],
        [float(x) for x in data["scale"]],
        float(data["cutoff"]),
        float(data["gate_confidence"]),
        bool(data.get("decides", False)),
        names,
        fitted if isinstance(fitted, dict) else {},
        classes,
        bands,
        triage,
    )


def load(path: str | Path) -> Calibration:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CalibrationError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CalibrationError(f"{p}: not valid JSON: {exc}") from None
    return from_json(data, str(p))


def reading_info(model: str, calibration: str | Path | None) -> dict[str, Any]:
    """What a run directory records of how Whisper `model` reads voices (run.json's ``reading``): the
    bands of the calibration the run is judged by (`calibration`: a file, or None for the shipped one);
    none where that calibration measured none or cannot be read (the verifier reports that itself)."""
    try:
        cal = load(calibration) if calibration not in (None, "", "default") else default(model)
    except CalibrationError:
        cal = None
    return reading_run_info(model, cal.reading_bands if cal is not None else ())


def default(model: str = "base") -> Calibration | None:
    """The calibration shipped in the package for Whisper `model` (made by bench/heldout.py): default.json
    for base, default-<model>.json where one was fitted for another model (tiny.en, the live tap's), else
    default.json, which then gives confidence only. None if absent."""
    package = resources.files("verifier.core.calibration")
    for name in (f"default-{model}.json", "default.json") if model != "base" else ("default.json",):
        try:
            text = package.joinpath(name).read_text(encoding="utf-8")
        except (FileNotFoundError, OSError):
            continue
        return from_json(json.loads(text), f"verifier/core/calibration/{name}")
    return None


def restate(p: float, stated_at: float, share: float) -> float:
    """A probability stated where `stated_at` of the responses are faulty, restated where `share` are
    (the prior correction `Calibration.at_fault_share` applies to the intercept)."""
    q = min(max(p, 1e-9), 1.0 - 1e-9)
    return 1.0 / (1.0 + math.exp(-(_logit(q) + _logit(share) - _logit(stated_at))))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def fit(
    records: list[dict[str, Any]],
    faulty: list[bool],
    *,
    max_faithful_flagged: float = 0.01,
    fitted_on: dict[str, Any] | None = None,
    decides: bool = False,
    features: tuple[str, ...] | None = None,
    voices: list[float | None] | None = None,
    prior: Calibration | None = None,
    ridge: float = RIDGE,
) -> Calibration:
    """Fit the weights on labelled records and choose the two operating points.

    The verdict's cut-off is 0.5: a calibrated probability says a fault is
    more likely than not. `voices`: each record's run's `voice_clarity` (None: unknown, fitted as a
    typical voice), as the records will be judged. The gate's confidence is the lowest at which no more
    than `max_faithful_flagged` of the faithful records reach it (never below
    0.5): a nightly gate that fails on faithful replies gets switched off, so
    it counts only the faults it is that sure of; the others stay in the
    report, with their confidence, for a person to listen to.

    `prior`: a calibration of the same statistics fitted on other material (the shipped one, beside a
    user's few hundred clips): the weights are pulled toward its weights with strength `ridge`, not
    toward zero (`logistic.fit_logistic`).

    `features`: the statistics weighed; by default the prior's (a shipped file fitted before the package
    weighed others still holds a user's fit to what it weighs), else `DECISION_FEATURES`.
    """
    if features is None:
        features = tuple(prior.features) if prior is not None else DECISION_FEATURES
    if prior is not None and tuple(prior.features) != tuple(features):
        raise ValueError(
            f"a prior must weigh the same statistics: it weighs {', '.join(prior.features)}, "
            f"the fit {', '.join(features)}"
        )
    if len(records) != len(faulty) or not records:
        raise ValueError("fit needs labelled records")
    if all(faulty) or not any(faulty):
        raise ValueError("fit needs both faithful and faulty records")
    if voices is not None and len(voices) != len(records):
        raise ValueError("fit needs one voice (or None) per record")
    known = [v for v in voices or [] if v is not None]
    if "voice_clarity" in features and not known:
        raise ValueError("fit weighs voice_clarity: give the records' voices (their runs' voice_clarity)")
    # a record whose run had too few replies is fitted as `Calibration.probability` will judge it: in a
    # typical voice (here, the mean of the known ones)
    typical = float(np.mean(known)) if known else None
    x = np.array(
        [
            vector(r, features, typical if v is None else v)
            for r, v in zip(records, voices or [None] * len(records), strict=True)
        ]
    )
    y = np.array(faulty, dtype=np.float64)
    centre = None
    if prior is not None:
        centre = Linear(np.asarray(prior.weights), prior.bias, np.asarray(prior.mean), np.asarray(prior.scale))
    fitted = fit_logistic(x, y, [name in SIGNED for name in features], ridge, centre)
    p = fitted.fitted_p
    faithful_p = np.sort(p[y == 0])
    allowed = int(math.floor(max_faithful_flagged * len(faithful_p)))
    # flag strictly above the (allowed+1)-th highest faithful confidence
    edge = float(faithful_p[-(allowed + 1)]) if allowed < len(faithful_p) else 0.0
    gate = min(0.99, max(0.5, edge + 1e-6))
    cutoff = 0.5
    info = dict(fitted_on or {})
    info.setdefault("date", _dt.date.today().isoformat())
    info["clips"] = int(len(y))
    info["faithful"] = int((y == 0).sum())
    info["faulty"] = int((y == 1).sum())
    info["fit_faithful_flagged"] = int(((p >= cutoff) & (y == 0)).sum())
    info["fit_faults_flagged"] = int(((p >= cutoff) & (y == 1)).sum())
    info["fit_faithful_over_gate"] = int(((p >= gate) & (y == 0)).sum())
    info["fit_faults_over_gate"] = int(((p >= gate) & (y == 1)).sum())
    return Calibration(
        [float(v) for v in fitted.weights],
        fitted.bias,
        [float(v) for v in fitted.mean],
        [float(v) for v in fitted.scale],
        cutoff,
        gate,
        decides,
        features,
        info,
    )


def fault_class(rec: dict[str, Any]) -> VerdictClass:
    """The kind of fault the statistics point to, for a clip the rules passed but the model flags."""
    s = statistics(rec)
    if rec.get("kind") != "scored" or s["speech_short"] >= 2.5:
        return VerdictClass.MISSING_AUDIO
    if (s["extra_words"] >= math.log1p(2) and s["extra_s"] >= math.log1p(0.6)) or s["excess_words"] >= math.log1p(2):
        return VerdictClass.EXTRA_SPEECH
    if s["foreign"] >= 1.0:
        return VerdictClass.LANGUAGE_DRIFT
    if s["cut_words"] > 0 and s["replaced_s"] < math.log1p(0.35):
        return VerdictClass.TRUNCATED
    return VerdictClass.CONTENT_MISMATCH


def judge(rule: str, rec: dict[str, Any], cal: Calibration, voice: float | None = None) -> tuple[str, float]:
    """(verdict, confidence) for a clip the rules judged `rule`, on its evidence record and its run's
    `voice_clarity` (None: unknown; pure)."""
    if rec.get("triage_p") is not None:  # judged faithful on its alignment alone: never decoded
        return VerdictClass.MATCH.value, float(rec["triage_p"])
    p = cal.probability(rec, voice)
    if p < cal.cutoff:
        return VerdictClass.MATCH.value, p
    if rule in KEPT_RULE_CLASSES:
        return rule, p
    if cal.classes is not None:
        return cal.classes.predict(rec).value, p
    return (rule if rule != VerdictClass.MATCH.value else fault_class(rec).value), p


def apply(v: Verdict, cal: Calibration | None, voice: float | None = None) -> Verdict:
    """Set `v.confidence`, and make the match / fault call with it when the calibration `decides`
    (no-op without a calibration). `voice`: the run's `voice_clarity` (None: unknown; see `probability`)."""
    if cal is None or v.evidence is None or v.verdict in (VerdictClass.ERROR, VerdictClass.NOT_APPLICABLE):
        return v
    if v.evidence.get("kind") == "scored" and not v.evidence.get("units"):
        # An empty transcript over speech: every clip the model was fitted on claimed some words, so
        # its statistics say nothing here. The rules' verdict stands, with no confidence (a gate
        # counts it whatever its floor).
        return v
    verdict, p = judge(v.verdict.value, v.evidence, cal, voice)
    v.confidence = round(p, 4)
    if v.evidence.get("triage_p") is not None:
        scores = [float(u["p"]) for u in v.evidence.get("units", []) if u.get("p") is not None]
        v.explanation = (
            f"Judged faithful on the transcript's scoring alone, free decoding skipped: the fitted triage "
            f"gives {p:.2f} that the audio diverges" + (f" (lowest word score {min(scores):.2f})." if scores else ".")
        )
        return v
    if not cal.decides:
        verdict = v.verdict.value  # confidence beside the rules' verdict, which stands
    if verdict != VerdictClass.MATCH.value and v.verdict == VerdictClass.MATCH:
        cls = VerdictClass(verdict)
        v.verdict, v.flags = cls, [cls.value, "calibrated"]
        why = _why(v.evidence, cls)
        v.explanation = (
            f"{why[0].upper()}{why[1:]} (confidence {p:.2f} that the audio diverges; the word-by-word "
            f"rules alone passed it: {v.explanation})"
        )
    elif verdict != VerdictClass.MATCH.value and verdict != v.verdict.value and cal.decides:
        was, cls = v.verdict.value, VerdictClass(verdict)
        v.verdict, v.flags = cls, [cls.value, *(f for f in v.flags if f != cls.value), "classed"]
        why = _why(v.evidence, cls)
        v.explanation = (
            f"{why[0].upper()}{why[1:]} (the fitted class model's reading; the word-by-word rules "
            f"named {was}: {v.explanation})"
        )
        if v.divergence_at is None:
            v.divergence_at = _switched_word_at(v.evidence)
    elif verdict == VerdictClass.MATCH.value and v.verdict != VerdictClass.MATCH:
        was = v.verdict.value
        v.explanation = (
            f"Judged a match (confidence {p:.2f} that the audio diverges, below the cut-off "
            f"{cal.cutoff:.2f}); the word-by-word rules suggested {was}: {v.explanation}"
        )
        if p >= BORDERLINE_NOTE:  # a mishearing or a change: the evidence cannot tell, so say so
            v.explanation = f"Borderline, listen to it. {v.explanation}"
        v.verdict, v.flags = VerdictClass.MATCH, [f"rules_{was}"]
        v.missing_words, v.extra_words, v.divergence_at = [], [], None
    elif verdict == VerdictClass.MATCH.value and p >= BORDERLINE_NOTE:
        # a mishearing or a change (Boston / Austin): the evidence cannot tell, so say so
        v.explanation += (
            f" Borderline: confidence {p:.2f} that the audio diverges; "
            f"{_why(v.evidence, VerdictClass.CONTENT_MISMATCH)}: listen to it."
        )
    return v


def _switched_word(rec: dict[str, Any]) -> tuple[str, str, float, float] | None:
    """The word whose stretch sounds most like the watched languages: (word, the likeliest of them,
    their summed language ID, start), when that sum is a majority (LANGUAGE_MAJORITY_P): on a word's
    length Whisper spreads Spanish over Italian and Portuguese, so one of them alone seldom is."""
    units = rec.get("units", [])
    best: tuple[str, str, float, float] | None = None
    for i, langs in rec.get("word_languages", []):
        if not 0 <= int(i) < len(units):
            continue
        watched = [(str(lang), float(p)) for lang, p in langs if lang in SWITCH_LANGUAGES]
        mass = sum(p for _, p in watched)
        if watched and (best is None or mass > best[2]):
            best = (str(units[int(i)]["w"]), max(watched, key=lambda x: x[1])[0], mass, float(units[int(i)]["s"]))
    return best if best is not None and best[2] >= LANGUAGE_MAJORITY_P else None


def _switched_word_at(rec: dict[str, Any]) -> float | None:
    word = _switched_word(rec)
    return None if word is None else math.floor(word[3] * 100) / 100


def _why(rec: dict[str, Any], cls: VerdictClass) -> str:
    units = rec.get("units", [])
    if cls == VerdictClass.EXTRA_SPEECH:
        if rec.get("extra_words"):
            return f"The audio goes on past the transcript's end: {quote(rec['extra_words'])}"
        others, spare = excess_heard(rec)
        if others:
            decoded = decoded_text(rec).split()
            return (
                f"Free decoding heard {len(others)} words in a row that match no word of the transcript, with "
                f"{spare:.1f} s of speech the transcript does not account for: {quote(decoded, limit=30)}"
            )
        return "The audio holds speech the transcript does not have"
    if cls == VerdictClass.LANGUAGE_DRIFT:
        word = _switched_word(rec)
        if word is not None:
            w, lang, p, start = word
            return (
                f'at {start:.1f} s the audio says the transcript\'s "{w}" in another language: its stretch '
                f"sounds like {language_name(lang)} or a neighbour (language ID {p:.2f})"
            )
        return "A stretch of the audio is in another language than the transcript"
    if cls == VerdictClass.TRUNCATED:
        return "The audio lacks transcript words at its edge"
    if cls == VerdictClass.MISSING_AUDIO:
        return "The audio holds far less speech than its transcript needs"
    worst = min((u for u in units if u.get("p") is not None), key=lambda u: u["p"], default=None)
    if worst is not None:
        heard = f'"{" ".join(worst["hw"])}"' if worst.get("hw") else "something else"
        return f'the audio may say {heard} where the transcript says "{worst["w"]}" (score {worst["p"]:.4f})'
    return "The audio says something else than its transcript"
