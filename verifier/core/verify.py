"""The public API: does this audio say what its transcript says?

    from verifier import verify
    v = verify("reply.wav", "I'm checking. Yes, I found it.")
    v.verdict, v.missing_words, v.explanation

Per clip (see `verifier.core.evidence` for the steps): speech detection, one
encoder pass at the clip's own length, transcript-conditioned scoring of every
transcript token (`align`), then free decoding and language ID per audio
segment only where that scoring leaves doubt (``decode="auto"``; the
calibration's triage, where it has one, may judge such a clip faithful on that
scoring alone), everywhere (``"all"``) or nowhere (``"none"``), and there a
second Whisper model's reading of the transcript where the calibration was
fitted with one.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from verifier.core import calibration as calibration_mod
from verifier.core.asr import SAMPLE_RATE, Engine
from verifier.core.calibration import Calibration
from verifier.core.calibration.statistics import WORD_FEATURES, voice_clarity
from verifier.core.decision import Thresholds
from verifier.core.evidence import TriageCall, WordsWanted, analyse, analyse_many
from verifier.schema import audio as audio_mod
from verifier.schema.results import ResultMeta, Verdict, error_result

log = logging.getLogger(__name__)

DECODE_MODES = ("auto", "all", "none")
#: when the words' stretches are language-identified: only on the clips the calibration's decision
#: flags (its class model reads them), or on every clip (what a calibration is fitted from)
WORD_LANGUAGE_MODES = ("flagged", "always")
#: items scored together in verify_many (free decoding is batched across them). A clip's record does not
#: depend on its group (test_core_a_clip_reads_the_same_whatever_is_decoded_beside_it), so the size sets
#: only memory and speed: more clips per group fill more of each length bucket's decoding batches
#: (the nightly mix, five alternating runs: 16.8 s in groups of 32, 15.9 s in one group of 60)
BATCH_ITEMS = 64


def default_second_reader(model: str) -> str | None:
    """The second reader a calibration is fitted with when none is named: tiny.en, shipped with the
    package and a fifth of base's cost, beside any other model (beside itself it adds nothing)."""
    return None if model == "tiny.en" else "tiny.en"


@dataclass
class VerifyItem:
    id: str
    audio: bytes | None  # raw bytes in audio_format; None or b"" = no audio
    audio_format: str  # "wav" | "pcm16" | "g711_ulaw" | "g711_alaw"
    transcript: str
    language: str | None = None  # ISO 639-1 of the transcript; detect when None
    meta: ResultMeta = field(default_factory=ResultMeta)  # copied into Verdict.meta


class Verifier:
    """Loads the model once; verifies any number of items, from any one thread at a time or several."""

    def __init__(
        self,
        model: str = "base",
        *,
        decode: str = "auto",
        thresholds: Thresholds | None = None,
        device: str = "auto",
        cpu_threads: int = 0,
        calibration: Calibration | str | Path | None = "default",
        fault_share: float | None = None,
        word_languages: str = "flagged",
        workers: int = 1,
        second_reader: str | None = "calibration",
    ) -> None:
        """`calibration`: "default" (the fitted file shipped in the package), a path to one written by
        `verifier calibrate`, a loaded `Calibration`, or None (the word-by-word rules alone, no confidence).

        `fault_share`: the share of faulty responses expected in the traffic verified; confidences are
        then probabilities at that share (`Calibration.at_fault_share`; verdicts do not change). None:
        the calibration's own share (the shipped default's is its corpus's, 0.45).

        `word_languages`: "flagged" (language ID of the first and the worst-scored words' stretches only
        on the clips the decision flags, which is where the class model reads it) or "always" (every
        clip's record holds it: what the bench and `verifier calibrate` fit on).

        `workers`: groups of `BATCH_ITEMS` items verified side by side, each call on its own replica of
        the model, the cores split between them. A group is verified as it would be alone, so which
        worker takes it does not change its verdicts.

        `second_reader`: another Whisper model that scores the transcript's words where free decoding
        runs (`verifier.core.evidence`, step 8). "calibration": the one the calibration was fitted
        with (its ``fitted_on.second_reader``; none without a calibration), as its statistics need
        it; a model name, or None."""
        if decode not in DECODE_MODES:
            raise ValueError(f"decode must be one of {', '.join(DECODE_MODES)}, not {decode!r}")
        if word_languages not in WORD_LANGUAGE_MODES:
            raise ValueError(f"word_languages must be one of {', '.join(WORD_LANGUAGE_MODES)}, not {word_languages!r}")
        if workers < 1:
            raise ValueError(f"workers must be 1 or more, not {workers}")
        self.workers = workers
        self.word_languages = word_languages
        self.model = model
        self.decode = decode
        self.thresholds = thresholds or Thresholds()
        self.device = device
        self.cpu_threads = cpu_threads
        if calibration == "default":
            self.calibration: Calibration | None = calibration_mod.default(model)
        elif isinstance(calibration, (str, Path)):
            self.calibration = calibration_mod.load(calibration)
        else:
            self.calibration = calibration
        fitted_for = (self.calibration.fitted_on.get("model") if self.calibration is not None else None) or model
        if self.calibration is not None and self.calibration.decides and fitted_for != model:
            # The statistics are the model's own readings: a fit on base's says little of what tiny.en
            # or large-v3 hear. Keep its confidence as a hint; the word-by-word rules make the call.
            log.warning(
                "calibration fitted on Whisper %r, not %r: it gives confidence only and the rules decide; "
                "fit one for %r with `verifier calibrate`",
                fitted_for,
                model,
                model,
            )
            self.calibration = replace(self.calibration, decides=False)
        if second_reader == "calibration":
            fitted = self.calibration.fitted_on.get("second_reader") if self.calibration is not None else None
            second_reader = fitted if isinstance(fitted, str) and fitted else None
        self.second_reader = None if second_reader in (None, "none", model) else second_reader
        if fault_share is not None:
            if self.calibration is None:
                raise ValueError("a fault share restates a calibration's confidences: there is no calibration")
            self.calibration = self.calibration.at_fault_share(fault_share)
        self._engine: Engine | None = None
        self._second: Engine | None = None
        self._load_lock = threading.Lock()

    def _words_wanted(self) -> WordsWanted | None:
        """Which clips' words to language-identify (None: every clip's)."""
        cal = self.calibration
        if self.word_languages == "always" or (cal is not None and set(cal.features) & set(WORD_FEATURES)):
            return None
        if cal is None or cal.classes is None or not cal.decides:
            return lambda rec: False  # nothing reads them
        # The decision does not weigh them, so a record without them gets its final probability. Where it
        # weighs the run's voice, known only once the run is scored, ask whether the clip would be flagged
        # in the best-read voice (clarity 0) or in a typical one: the voice's weight may fall either way.
        voices: tuple[float | None, ...] = (0.0, None) if self.weighs_voice else (None,)
        return lambda rec: (
            rec.get("kind") == "scored"
            and rec.get("triage_p") is None  # judged faithful by the triage: nothing reads them
            and max(cal.probability(rec, v) for v in voices) >= cal.cutoff
        )

    def _triage(self) -> TriageCall | None:
        """The calibration's triage (`Calibration.triage_passes`), where it has one and makes the call: which
        clips the rules leave in doubt are judged on their alignment alone, free decoding skipped."""
        cal = self.calibration
        if cal is None or not cal.decides or cal.triage is None or self.decode != "auto":
            return None
        return cal.triage_passes

    def _load(self, model: str) -> Engine:
        return Engine(model, device=self.device, cpu_threads=self.cpu_threads, workers=self.workers)

    @property
    def engine(self) -> Engine:
        with self._load_lock:  # a worker thread may be the first user
            if self._engine is None:
                self._engine = self._load(self.model)
            return self._engine

    @property
    def second_engine(self) -> Engine | None:
        """The second reader's model, loaded on first use (None: no second reader)."""
        if self.second_reader is None:
            return None
        with self._load_lock:
            if self._second is None:
                self._second = self._load(self.second_reader)
            return self._second

    def verify_item(self, item: VerifyItem) -> Verdict:
        return self.verify_many([item])[0]

    @staticmethod
    def _error(item: VerifyItem, exc: Exception) -> Verdict:
        return error_result(
            item.id,
            f"{type(exc).__name__}: {exc}",
            transcript=item.transcript or "",
            transcript_language=item.language,
            explanation=f"Could not verify this response: {exc}",
            meta=copy.deepcopy(item.meta),
        )

    def verify_samples(
        self,
        samples: np.ndarray | None,
        transcript: str,
        *,
        language: str | None = None,
        id: str = "",
        meta: ResultMeta | None = None,
    ) -> Verdict:
        """Verify 16 kHz float32 mono samples (None: no audio at all)."""
        v = analyse(
            self.engine,
            samples,
            transcript or "",
            language=language,
            decode=self.decode,
            thresholds=self.thresholds,
            words_wanted=self._words_wanted(),
            second=self.second_engine,
            triage=self._triage(),
        )
        v.id = id
        v.meta = copy.deepcopy(meta) if meta is not None else ResultMeta()
        return calibration_mod.apply(v, self.calibration)

    def verify_many(
        self, items: Sequence[VerifyItem], *, progress: Callable[[int], None] | None = None
    ) -> list[Verdict]:
        """Verdicts in the order of `items`, judged as one run (`judge_run`): the calibration weighs
        each clip beside the median reading of the items of its voice (`meta.voice`; items that name
        none are one voice). A bad item gets verdict "error", never an exception. `progress` as in
        `read_many`."""
        return self.judge_run(self.read_many(items, progress=progress))

    @property
    def weighs_voice(self) -> bool:
        """Whether the calibration weighs the run's voice (`voice_clarity`), so that judging a reply
        again once the voice is better known can change its verdict."""
        return self.calibration is not None and "voice_clarity" in self.calibration.features

    def judge_run(self, verdicts: Sequence[Verdict]) -> list[Verdict]:
        """`read_many`'s verdicts, in their order, judged as one run per voice: each beside the median
        reading of the replies of its voice (`meta.voice`, where the caller named it; the replies that
        name none are one voice together). A voice's median is its own: mixed with a voice the model
        reads worse, it would make a clear voice's faults look like mishearings, and the other's
        mishearings like faults."""
        return judge_by_voice(self.judge, verdicts, lambda _, group: voice_clarity(v.reading for v in group))

    def judge(self, verdicts: Sequence[Verdict], voice: float | None) -> list[Verdict]:
        """`read_many`'s verdicts with the calibration applied (copies: the rules' verdicts are left as
        they were, to be judged again once a run's voice is better known). `voice`: the run's
        `voice_clarity` (None: unknown, judged as a typical voice)."""
        return [calibration_mod.apply(judgeable_copy(v), self.calibration, voice) for v in verdicts]

    def read_many(self, items: Sequence[VerifyItem], *, progress: Callable[[int], None] | None = None) -> list[Verdict]:
        """The word-by-word rules' verdicts in the order of `items`, each with its evidence and reading,
        before the calibration judges them (`judge`); a bad item gets verdict "error", never an exception.

        Items are taken in groups of `BATCH_ITEMS`: within a group, free
        decoding of the clips that need it runs batched (each clip still
        decoded on its own audio). With `workers` > 1, groups run side by side,
        each group as it would alone. `progress(n)` is called, in order, as groups finish.
        """
        engine = self.engine  # a missing model is the caller's problem: ModelError propagates
        second = self.second_engine
        groups = [list(items[start : start + BATCH_ITEMS]) for start in range(0, len(items), BATCH_ITEMS)]
        verify = functools.partial(self._verify_group, engine, second)
        side_by_side = self.workers > 1 and len(groups) > 1
        out: list[Verdict] = []
        with ThreadPoolExecutor(self.workers, "verifier") if side_by_side else contextlib.nullcontext() as pool:
            for group, verdicts in zip(groups, pool.map(verify, groups) if pool is not None else map(verify, groups)):
                out += verdicts
                if progress is not None:
                    progress(len(group))
        return out

    def _verify_group(self, engine: Engine, second: Engine | None, group: list[VerifyItem]) -> list[Verdict]:
        jobs: list[tuple[np.ndarray | None, str, str | None]] = []
        decoded: dict[int, Exception] = {}
        for k, item in enumerate(group):
            try:
                samples = None
                if item.audio:
                    samples = audio_mod.for_asr(item.audio, audio_mod.normalize_format(item.audio_format))
                jobs.append((samples, item.transcript or "", item.language))
            except Exception as exc:  # unreadable audio: this item only
                decoded[k] = exc
                jobs.append((None, "", None))
        results = analyse_many(
            engine,
            jobs,
            decode=self.decode,
            thresholds=self.thresholds,
            words_wanted=self._words_wanted(),
            second=second,
            triage=self._triage(),
        )
        out: list[Verdict] = []
        for k, (item, res) in enumerate(zip(group, results)):
            err = decoded.get(k) or (res if isinstance(res, Exception) else None)
            if err is not None:
                out.append(self._error(item, err))
                continue
            assert isinstance(res, Verdict)
            res.id, res.meta = item.id, copy.deepcopy(item.meta)
            out.append(res)
        return out


def judge_by_voice(
    judge: Callable[[Sequence[Verdict], float | None], list[Verdict]],
    verdicts: Sequence[Verdict],
    voice_of: Callable[[str | None, list[Verdict]], float | None],
) -> list[Verdict]:
    """`verdicts` judged by `judge`, in their order, each voice's together (`meta.voice`; those that name
    none are one voice) beside that voice's `voice_clarity`, which `voice_of(voice, its verdicts)` gives."""
    by_voice: dict[str | None, list[int]] = {}
    for k, v in enumerate(verdicts):
        by_voice.setdefault(v.meta.voice, []).append(k)
    out: dict[int, Verdict] = {}
    for voice, ks in by_voice.items():
        group = [verdicts[k] for k in ks]
        out.update(zip(ks, judge(group, voice_of(voice, group)), strict=True))
    return [out[k] for k in range(len(verdicts))]


def judgeable_copy(v: Verdict) -> Verdict:
    """A copy of `v` that judging and settling may change without changing `v` (the evidence, never
    written to, is shared)."""
    c = copy.copy(v)
    c.flags, c.missing_words, c.extra_words = list(v.flags), list(v.missing_words), list(v.extra_words)
    c.meta = copy.deepcopy(v.meta)
    return c


_DEFAULT: dict[str, Verifier] = {}
_DEFAULT_LOCK = threading.Lock()


def _shared(model: str) -> Verifier:
    with _DEFAULT_LOCK:
        if model not in _DEFAULT:
            _DEFAULT[model] = Verifier(model)
        return _DEFAULT[model]


def verify(
    audio: bytes | str | Path | np.ndarray,
    transcript: str,
    *,
    audio_format: str | None = None,
    language: str | None = None,
    model: str = "base",
    sample_rate: int | None = None,
) -> Verdict:
    """Verify one (audio, transcript) pair.

    audio: raw bytes (give `audio_format`; "wav" bytes carry their own rate),
    a file path (format from the extension unless given), or a float/int16
    numpy array of mono samples at `sample_rate` (16 kHz when omitted).
    The model is loaded once per process and reused.
    """
    samples: np.ndarray | None
    if isinstance(audio, np.ndarray):
        arr = audio.astype(np.float32) / 32768.0 if audio.dtype == np.int16 else audio.astype(np.float32)
        if arr.ndim > 1:
            arr = arr.mean(axis=1) if arr.shape[1] <= 8 else arr.mean(axis=0)
        samples = audio_mod.resample(arr, sample_rate or SAMPLE_RATE, SAMPLE_RATE)
    else:
        if isinstance(audio, (str, Path)):
            path = Path(audio)
            fmt = audio_format or audio_mod.format_from_path(path)
            data = path.read_bytes()
        else:
            if audio_format is None:
                audio_format = "wav" if audio[:4] == b"RIFF" else None
            if audio_format is None:
                raise audio_mod.AudioError("raw audio bytes need audio_format (pcm16, g711_ulaw, g711_alaw, wav)")
            fmt, data = audio_format, audio
        fmt = audio_mod.normalize_format(fmt)
        samples = audio_mod.for_asr(data, fmt) if data else None
    return _shared(model).verify_samples(samples, transcript, language=language)
