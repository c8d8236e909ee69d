"""Classification: evidence about one (audio, transcript) pair -> verdict, flags, explanation.

Pure functions over plain data; the ASR work that produces the evidence lives
in `verifier.core.evidence`.

The evidence, per transcript unit (a word, or a run of number words): the
transcript-conditioned probability Whisper gives it, when it would be spoken,
and, when free decoding ran, whether the decoding heard it. Units that are
not heard form *runs*; where a run sits and whether unexplained speech fills
its place decides the finding:

* a tail run with no speech after the last heard word -> ``truncated`` (the
  head alike: nothing spoken before the first heard word);
* a run whose place holds speech in another language -> ``language_drift``;
* a run whose place holds other speech in the same language -> ``content_mismatch``;
* every word heard but speech going on past the last one -> ``extra_speech``;
* no speech at all -> ``missing_audio``.

Calibration: thresholds are set against the ASR's own noise on faithful
audio (corpora/detection, Whisper base int8, piper and espeak-ng speech sent as
pcm16, mu-law and A-law; `python bench/detection.py` re-measures). On the 276
words of the 14 faithful responses the transcript-conditioned score has a
median of 0.99, 10th percentile 0.78, 5th 0.54; 4 % score under 0.5: a
sentence's first word, "a" heard as "the", "any time" written "anytime", and
names read by an English voice ("soporte" 0.05). Hence: every word at 0.5
(`heard_prob`) or more, mean 0.7 or more, lets free decoding be skipped;
otherwise a word the decoder did not write needs 0.8 (`strong_prob`), a word it
wrote nearly (spelling similarity >= 0.7) needs 0.15, and one misheard word
alone in mid-sentence is tolerated. Words absent from the audio score 0.00-0.17
*unless the text predicts them*: "you" after "Thank" scores 0.97 over Spanish
audio because it scores 0.95 over silence too, so a word scoring >= 0.5
against silence (`prior_max`) is judged by free decoding or its neighbours,
never by its score. Language ID of a stretch: English speech gave p(en) >=
0.86; a lone Spanish word p(en) <= 0.4. Timing tolerances come from DTW
jitter at a run's edges (0.1-0.3 s) and TTS sentence gaps (0.15-0.3 s): a run
needs 0.35 s of unexplained speech to count as replaced rather than cut, and
extra speech needs 0.6 s past the transcript's last word (its expected length
allowed half again, for utterance-final lengthening).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from verifier.core.words import UnitMatch
from verifier.schema.results import Segment, VerdictClass

#: speech a word needs at the least (a physical bound, not a fitted threshold: "Sure." is 0.25-0.3 s)
ONE_WORD_SPEECH_S = 0.15


@dataclass
class Thresholds:
    """Decision thresholds; override any with ``--threshold name=value``."""

    #: less speech than this (seconds, VAD) and no word scored as spoken: missing_audio
    min_speech_s: float = 0.3
    #: without free decoding, a word whose transcript-conditioned probability reaches this was spoken
    heard_prob: float = 0.5
    #: a word scoring this high was spoken even if free decoding wrote something else
    strong_prob: float = 0.8
    #: a decoded word that only resembles the transcript's counts if the word scores at least this
    weak_prob: float = 0.15
    #: a word that scores this high against silence is predicted by the text alone: its score
    #: says nothing about the audio ("you" after "Thank"), so free decoding or its neighbours decide
    prior_max: float = 0.5
    #: free decoding is skipped (decode=auto) when every word is heard by score alone and their mean reaches this
    fast_mean_prob: float = 0.7
    #: spelling similarity (0-1) at which a decoded word counts as the transcript's word
    fuzzy: float = 0.7
    #: seconds of speech not accounted for by heard words before a run counts as replaced
    unexplained_s: float = 0.35
    #: seconds of speech past the transcript's last word that make extra_speech
    extra_speech_s: float = 0.6
    #: a region is in another language when the transcript's language scores below this ...
    drift_own_p: float = 0.5
    #: ... and another language scores at least this
    drift_other_p: float = 0.2
    #: unheard words a run needs before it is a content mismatch (one may be a misheard name)
    mismatch_min_words: int = 2
    #: seconds per character when the clip gives no better speaking-rate estimate
    char_seconds: float = 0.07

    def replace(self, **changes: float) -> Thresholds:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def parse(cls, items: Iterable[str], base: Thresholds | None = None) -> Thresholds:
        """``["heard_prob=0.4", ...]`` -> Thresholds; ValueError names a bad item."""
        t = base or cls()
        fields = {f.name: f for f in dataclasses.fields(cls)}
        changes: dict[str, float] = {}
        for item in items:
            for part in item.split(","):
                part = part.strip()
                if not part:
                    continue
                name, sep, value = part.partition("=")
                name = name.strip()
                if not sep or name not in fields:
                    raise ValueError(f"unknown threshold {part!r} (known: {', '.join(fields)})")
                try:
                    num = float(value)
                except ValueError:
                    raise ValueError(f"threshold {name}={value!r} is not a number") from None
                changes[name] = int(num) if fields[name].type in ("int", int) else num
        return dataclasses.replace(t, **changes)  # type: ignore[arg-type]


@dataclass
class UnitEvidence:
    words: list[str]  # the transcript's own words in this unit
    prob: float | None  # transcript-conditioned probability; None: nothing scorable
    start: float
    end: float
    match: UnitMatch | None = None  # None when free decoding was skipped
    heard: bool = True
    prior: float | None = None  # the same probability against silence: what the text alone predicts
    align_start: float | None = None  # the transcript-alignment times, kept when decoded times replace them
    align_end: float | None = None
    #: log-likelihood of the unit's spoken tokens given the audio and the transcript before it (nats)
    logp: float | None = None
    #: the same probability as `prob`, from a second Whisper model (None: not asked; see evidence step 8)
    prob2: float | None = None


@dataclass
class Run:
    """Consecutive transcript units the audio does not contain."""

    kind: str  # "head" | "middle" | "tail" | "all"
    first: int
    last: int  # inclusive unit indices
    start: float  # the audio stretch where these words belong
    end: float
    speech_s: float = 0.0  # speech in that stretch not accounted for by heard words
    substituted: bool = False  # free decoding heard other words there
    languages: list[tuple[str, float]] = field(default_factory=list)  # language ID of the stretch
    #: for a foreign stretch: its last units that even a translation of the audio lacks (cut off)
    untranslated_tail: int = 0


@dataclass
class Evidence:
    transcript_language: str
    audio_seconds: float
    speech_seconds: float
    units: list[UnitEvidence]
    runs: list[Run]
    decoded: bool
    extra_speech_s: float = 0.0  # speech after the last heard word, beyond what it needs
    extra_start: float | None = None
    extra_words: list[str] = field(default_factory=list)  # decoded words past the transcript
    head_extra_s: float = 0.0
    head_extra_words: list[str] = field(default_factory=list)
    clip_languages: list[tuple[str, float]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    wer: float | None = None
    multilingual: bool = True
    #: what free decoding heard, token by token as matched against the units: (token, start, end, logp)
    hyp: list[tuple[str, float, float, float]] = field(default_factory=list)
    #: language ID of the first and the worst-scored words' stretches: (unit index, languages)
    word_languages: list[tuple[int, list[tuple[str, float]]]] = field(default_factory=list)
    #: before free decoding, on the transcript's alignment alone: speech after the last heard word and
    #: before the first (what the calibration's triage reads, `verifier.core.calibration.triage`)
    aligned_tail_s: float = 0.0
    aligned_head_s: float = 0.0
    #: the triage's probability that the clip diverges, where it judged the clip on its alignment alone
    #: and free decoding was skipped for it (None: the triage did not pass it)
    triage_p: float | None = None


@dataclass
class Decision:
    verdict: VerdictClass
    flags: list[str]
    explanation: str
    missing_words: list[str]
    extra_words: list[str]
    divergence_at: float | None


_PRIORITY = [
    VerdictClass.MISSING_AUDIO,
    VerdictClass.LANGUAGE_DRIFT,
    VerdictClass.TRUNCATED,
    VerdictClass.EXTRA_SPEECH,
    VerdictClass.CONTENT_MISMATCH,
]

LANGUAGE_NAMES = {  # every language Whisper identifies
    "af": "Afrikaans",
    "am": "Amharic",
    "ar": "Arabic",
    "as": "Assamese",
    "az": "Azerbaijani",
    "ba": "Bashkir",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "bo": "Tibetan",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fo": "Faroese",
    "fr": "French",
    "gl": "Galician",
    "gu": "Gujarati",
    "ha": "Hausa",
    "haw": "Hawaiian",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "ht": "Haitian Creole",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "jw": "Javanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "km": "Khmer",
    "kn": "Kannada",
    "ko": "Korean",
    "la": "Latin",
    "lb": "Luxembourgish",
    "ln": "Lingala",
    "lo": "Lao",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mg": "Malagasy",
    "mi": "Maori",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "my": "Burmese",
    "ne": "Nepali",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "no": "Norwegian",
    "oc": "Occitan",
    "pa": "Punjabi",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sa": "Sanskrit",
    "sd": "Sindhi",
    "si": "Sinhala",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sn": "Shona",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "su": "Sundanese",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tg": "Tajik",
    "th": "Thai",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "tt": "Tatar",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "yi": "Yiddish",
    "yo": "Yoruba",
    "zh": "Chinese",
    "yue": "Cantonese",
}
#: a language is named only when language ID gives it at least this posterior; below, the stretch is
#: "not in the transcript's language" without a name (a short stretch's runner-up is noise: "Sure." as Arabic)
NAMED_LANGUAGE_P = 0.5


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", "an unidentified language")


def _spoken_in(other: tuple[str, float], own: str) -> str:
    """How the explanation names the language a stretch is in: by name only with a real posterior."""
    if other[1] >= NAMED_LANGUAGE_P:
        return f"{language_name(other[0])} (p={other[1]:.2f})"
    return (
        f"a language other than {language_name(own)} (language ID unsure: {language_name(other[0])} at "
        f"p={other[1]:.2f})"
    )


def informative(u: UnitEvidence, t: Thresholds) -> bool:
    return u.prob is not None and (u.prior is None or u.prior < t.prior_max)


def is_heard(u: UnitEvidence, t: Thresholds) -> bool | None:
    """Whether the audio holds this unit; None when the evidence cannot tell."""
    if u.prob is None:
        return True
    inf = informative(u, t)
    if u.match is not None:
        if u.match.op == "ok" and u.match.similarity >= 0.999:
            return True  # the decoder wrote exactly this word
        if inf and u.prob >= t.strong_prob:
            return True
        return u.match.op == "ok" and u.prob >= t.weak_prob
    return (u.prob >= t.heard_prob) if inf else None


def _all_heard(n: int) -> str:
    if n == 0:
        return "The transcript has no words, and the audio holds no speech past a loose end"
    return "The transcript's one word was heard" if n == 1 else f"All {n} transcript words were heard"


def mark_heard(units: list[UnitEvidence], t: Thresholds) -> None:
    """Set `heard` on every unit; undecidable ones follow their nearest decided neighbours."""
    status = [is_heard(u, t) for u in units]
    for i, st in enumerate(status):
        if st is None:
            left = next((status[j] for j in range(i - 1, -1, -1) if status[j] is not None), None)
            right = next((status[j] for j in range(i + 1, len(units)) if status[j] is not None), None)
            # heard only when the heard words around it say so (a cut tail has no heard right side)
            units[i].heard = bool(left) and (right is None or bool(right)) if left is not None else bool(right)
        else:
            units[i].heard = bool(st)


def find_runs(units: list[UnitEvidence]) -> list[Run]:
    """Group unheard units into head / middle / tail runs (or one "all" run)."""
    heard = [i for i, u in enumerate(units) if u.heard]
    runs: list[Run] = []
    if not heard:
        return [Run("all", 0, len(units) - 1, units[0].start, units[-1].end)] if units else []
    i = 0
    while i < len(units):
        if units[i].heard:
            i += 1
            continue
        j = i
        while j + 1 < len(units) and not units[j + 1].heard:
            j += 1
        kind = "head" if i == 0 else "tail" if j == len(units) - 1 else "middle"
        runs.append(
            Run(
                kind,
                i,
                j,
                units[i].start,
                units[j].end,
                substituted=any(u.match is not None and u.match.heard for u in units[i : j + 1]),
            )
        )
        i = j + 1
    return runs


def foreign(languages: list[tuple[str, float]], own: str, t: Thresholds) -> tuple[str, float] | None:
    """The other language a stretch is in, if language ID says so."""
    if not languages:
        return None
    own_p = next((p for lang, p in languages if lang == own), 0.0)
    other = next(((lang, p) for lang, p in languages if lang != own), None)
    # The other language must also beat the transcript's own: on a short stretch the posterior is
    # flat, and a runner-up at 0.21 behind English at 0.37 is noise, not another language.
    if own_p < t.drift_own_p and other is not None and other[1] >= t.drift_other_p and other[1] > own_p:
        return other
    return None


def quote(words: list[str], limit: int = 12) -> str:
    text = " ".join(words[:limit]) + (" ..." if len(words) > limit else "")
    return f'"{text}"'


def _run_words(ev: Evidence, run: Run) -> list[str]:
    return [w for u in ev.units[run.first : run.last + 1] for w in u.words]


def decide(ev: Evidence, t: Thresholds) -> Decision:
    found: dict[VerdictClass, str] = {}
    missing: list[str] = []
    divergence: list[float] = []
    n_units = len(ev.units)
    n_heard = sum(u.heard for u in ev.units)

    for run in ev.runs:
        words = _run_words(ev, run)
        other = foreign(run.languages, ev.transcript_language, t) if ev.multilingual else None
        if other is not None and run.first == run.last and other[1] < NAMED_LANGUAGE_P:
            # One word's stretch is too short for an unsure language ID to be evidence: Spanish "al"
            # came out Italian at 0.35. A real one-word switch ("Exacto") is identified surely.
            other = None
        replaced = run.speech_s >= t.unexplained_s or run.kind == "all"
        if other is not None and replaced:
            missing += words
            divergence.append(run.start)
            cut = [w for u in ev.units[run.last + 1 - run.untranslated_tail : run.last + 1] for w in u.words]
            said = words[: len(words) - len(cut)] if cut else words
            found.setdefault(
                VerdictClass.LANGUAGE_DRIFT,
                f"at {run.start:.1f} s the audio speaks {_spoken_in(other, ev.transcript_language)} "
                f"where the transcript says {quote(said)}",
            )
            if cut:
                found.setdefault(
                    VerdictClass.TRUNCATED,
                    f"the audio ends without the transcript's {len(cut)} last word(s) {quote(cut)} "
                    f"(not even in translation)",
                )
        elif run.kind in ("head", "tail") and not replaced:
            missing += words
            divergence.append(run.start)
            where = "ends" if run.kind == "tail" else "starts"
            found.setdefault(
                VerdictClass.TRUNCATED,
                f"the audio {where} without the transcript's {len(words)} "
                f"{'last' if run.kind == 'tail' else 'first'} word(s) {quote(words)}",
            )
        elif (
            run.last - run.first + 1 >= t.mismatch_min_words
            or run.kind == "all"
            or (ev.decoded and not run.substituted and replaced)
            or (ev.decoded and any(ch.isdigit() for ch in "".join(words)))
        ):
            # one word that free decoding dropped while speech fills its place was replaced, and a
            # number heard differently is wrong; without free decoding one low score is not enough
            missing += words
            divergence.append(run.start)
            heard = [w for u in ev.units[run.first : run.last + 1] if u.match is not None for w in u.match.heard]
            says = f"says {quote(heard)} where the transcript says" if heard else "does not say"
            found.setdefault(VerdictClass.CONTENT_MISMATCH, f"at {run.start:.1f} s the audio {says} {quote(words)}")
    if ev.runs and ev.runs[0].kind == "all" and ev.multilingual:
        other = foreign(ev.clip_languages, ev.transcript_language, t)
        if other is not None and VerdictClass.LANGUAGE_DRIFT not in found:
            found.pop(VerdictClass.CONTENT_MISMATCH, None)
            found[VerdictClass.LANGUAGE_DRIFT] = (
                f"the audio is in {_spoken_in(other, ev.transcript_language)}, "
                f"the transcript in {language_name(ev.transcript_language)}"
            )

    extra_words: list[str] = []
    # Past a transcript's last word, speech is extra once it holds more than a loose end; where the
    # transcript claims nothing at all, one spoken word ("Yes.", 0.5 s) is already more than it says.
    extra_s = t.extra_speech_s if ev.units else min(t.extra_speech_s, ONE_WORD_SPEECH_S)
    if ev.extra_speech_s >= extra_s and (not ev.decoded or ev.extra_words):
        extra_words = list(ev.extra_words)
        tail_said = f": {quote(extra_words)}" if extra_words else ""
        divergence.append(ev.extra_start if ev.extra_start is not None else ev.audio_seconds)
        found.setdefault(
            VerdictClass.EXTRA_SPEECH,
            f"the audio goes on for {ev.extra_speech_s:.1f} s past the transcript's end{tail_said}",
        )
    if ev.head_extra_s >= t.extra_speech_s and ev.head_extra_words:
        extra_words = list(ev.head_extra_words) + extra_words
        divergence.append(0.0)
        found.setdefault(
            VerdictClass.EXTRA_SPEECH,
            f"the audio starts with words the transcript lacks: {quote(ev.head_extra_words)}",
        )

    # One "missing" last word after a foreign stretch is the translation's loose end, not a cut.
    tails = [r for r in ev.runs if r.kind == "tail"]
    if (
        VerdictClass.LANGUAGE_DRIFT in found
        and VerdictClass.TRUNCATED in found
        and tails
        and tails[-1].first == tails[-1].last
        and not tails[-1].untranslated_tail
        and foreign(tails[-1].languages, ev.transcript_language, t) is None
    ):
        found.pop(VerdictClass.TRUNCATED)
        missing = [w for w in missing if w not in ev.units[tails[-1].first].words]
    # Mostly-unheard audio is a different text, not a cut one.
    if (
        VerdictClass.TRUNCATED in found
        and n_units
        and n_heard / n_units < 0.34
        and VerdictClass.CONTENT_MISMATCH in found
    ):
        found.pop(VerdictClass.TRUNCATED)

    flags = [c.value for c in _PRIORITY if c in found]
    if not flags:
        low = [u.prob for u in ev.units if u.prob is not None]
        how = (
            f"free decoding agrees (WER {ev.wer:.2f})" if ev.decoded and ev.wer is not None else "free decoding skipped"
        )
        detail = f"lowest word score {min(low):.2f}; " if low else ""
        return Decision(VerdictClass.MATCH, [], f"{_all_heard(n_units)} ({detail}{how}).", [], [], None)
    main = VerdictClass(flags[0])
    explanation = found[main][0].upper() + found[main][1:] + "."
    others = [found[c] for c in _PRIORITY if c in found and c != main]
    if others:
        explanation += " Also: " + "; ".join(others) + "."
    # A tail run is timed where its words would have been spoken, which can lie past the
    # end of a cut clip; the divergence a listener finds is where the audio stops.
    return Decision(
        main, flags, explanation, missing, extra_words, min(min(divergence), ev.audio_seconds) if divergence else None
    )
