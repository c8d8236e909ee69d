"""One clip, start to verdict: the ASR steps that gather evidence for `decision`.

1. Speech regions (Silero VAD): no speech and no word scored as spoken is
   ``missing_audio``.
2. One encoder pass over the clip at its own length (chunks of <= 28 s for
   long clips); language ID of the whole clip.
3. ``align``: the transcript's own tokens scored against the audio, and
   against silence (what the text alone predicts); each word gets a
   probability and a time.
4. Clearly faithful (every word scores well, language as written, no speech
   left over) and ``decode="auto"``: done, free decoding skipped. A clip this
   test leaves in doubt is shown, as `record.aligned`, to the caller's
   `triage` (the calibration's, `verifier.core.calibration.triage`), which may
   judge it faithful on this evidence alone: free decoding is skipped there too.
5. Otherwise free decoding per speech segment (`verifier.core.decoding`, batched
   across clips), each in the language heard in that segment (never the
   transcript's by fiat: forcing it makes Whisper translate and hides drift),
   then a jiwer word alignment.
6. Unheard words grouped into runs; the audio stretch of each run is timed
   from its heard neighbours and, when speech fills it, language-identified on
   its own, which is what catches a single code-switched word.
7. The first word's stretch and the worst-scored word's are language-identified
   too, where the caller's `words_wanted` asks it of the clip's record (the
   class model reads them, so a Verifier asks only of clips its decision
   flags: on a nightly mix that saves about a fifth of the time).
8. Where free decoding ran, a second Whisper model (the caller's `second`,
   tiny.en beside base) scores the transcript's words too: two readers
   mishear different words, and the fitted decision weighs the worst word as
   both hear it together. Where a triage is asked (step 4), this reading is
   taken before it, for the triage weighs it too.

`prepare` runs 1-4 and says what to decode; the caller runs 5
(`Verifier.verify_many` decodes every clip's segments in batches); `finish`
runs 6 on what was heard and asks `decision.decide` for the verdict.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verifier.core import language as textlang
from verifier.core.asr import SAMPLE_RATE, WINDOW_SECONDS, Alignment, Encoded, Engine
from verifier.core.calibration import record as evidence_record
from verifier.core.calibration.statistics import reading
from verifier.core.decision import (
    ONE_WORD_SPEECH_S,
    Evidence,
    Thresholds,
    UnitEvidence,
    decide,
    find_runs,
    foreign,
    informative,
    mark_heard,
)
from verifier.core.decoding import Heard, Piece, PieceResult, decode_pieces, plan_segments, token_logp
from verifier.core.drift import cut_after_translation, region_languages, word_languages
from verifier.core.normalize import (
    Unit,
    amount_first,
    is_number_word,
    normalize,
    split_words,
    spoken_at,
    written_number,
)
from verifier.core.normalize import units as make_units
from verifier.core.timing import Timing, leftover_speech
from verifier.core.vad import Region, speech_between, speech_regions
from verifier.core.words import DecodeMatch, match_units
from verifier.schema.results import Segment, Verdict, VerdictClass, WordOp

CHUNK_SECONDS = 28.0
#: A physical bound, not a fitted threshold: the fastest read speech (auctioneers, disclaimers)
#: stays under about 7 words a second. A transcript needing more than this of its audio cannot be
#: what the audio says, whatever the audio holds, and scoring it word by word would take minutes.
MAX_WORDS_PER_SECOND = 8.0
SLACK_WORDS = 10
#: speech in a stretch worth asking its language: about a syllable
LANGUAGE_CHECK_S = 0.15
log = logging.getLogger(__name__)

#: asked of a clip's record (without word_languages) whether to language-identify its words (step 7)
WordsWanted = Callable[[dict[str, Any]], bool]
#: asked of a clip's `record.aligned` whether to skip free decoding: the probability it diverges if so
TriageCall = Callable[[dict[str, Any]], float | None]


@dataclass
class Scored:
    """Transcript tokens scored against the audio (times in clip seconds)."""

    probs: list[float]
    starts: list[float]  # one per token, plus where the text ends


def _align_form(word: str, language: str) -> str:
    # Whisper writes what it hears: "@" is heard as a word, so score the word
    return word.replace("@", f" {spoken_at(language)} ").strip() or word


def _align_forms(words: list[str], units: list[Unit], language: str) -> list[str]:
    """Each word as Whisper would write it, for scoring: the audio is scored against the text the
    decoder writes, so a form it never writes must not make a spoken word look absent.

    Spelled-out numbers become digits ("one hundred and five euros" -> "105 euros": Whisper base
    gave "euros" 0.00005 after "one hundred and five", 0.9 after "105"); the digits go on the
    unit's first word, its other words score nothing of their own.
    """
    out = [_align_form(w, language) for w in words]
    for u in units:
        if len(u.words) == 1 and not is_number_word(words[u.words[0]]):
            continue
        digits = written_number([words[i] for i in u.words], language)
        if digits is None:
            continue
        tail = re.search(r"[.,!?;:]+$", words[u.words[-1]])
        out[u.words[0]] = digits + (tail.group(0) if tail else "")
        for i in u.words[1:]:
            out[i] = ""
    return out


def _chunks(samples: np.ndarray, regions: list[Region]) -> list[tuple[float, float]]:
    """Split long audio into <= CHUNK_SECONDS pieces, cutting in the silences between speech."""
    total = samples.size / SAMPLE_RATE
    if total <= WINDOW_SECONDS - 1.0:
        return [(0.0, total)]
    out: list[tuple[float, float]] = []
    start = 0.0
    while total - start > CHUNK_SECONDS:
        limit = start + CHUNK_SECONDS
        gaps = [
            (a.end + b.start) / 2 for a, b in zip(regions, regions[1:]) if start + 5.0 < (a.end + b.start) / 2 < limit
        ]
        cut = max(gaps) if gaps else limit
        out.append((start, cut))
        start = cut
    out.append((start, total))
    return out


def _encode_chunks(engine: Engine, samples: np.ndarray, regions: list[Region]) -> list[tuple[float, float, Encoded]]:
    out = []
    for c0, c1 in _chunks(samples, regions):
        out.append((c0, c1, engine.encode(samples[int(c0 * SAMPLE_RATE) : int(c1 * SAMPLE_RATE)])))
    return out


def _score(
    engine: Engine,
    encodings: list[tuple[float, float, Encoded]],
    tokens: list[int],
    word_ends: list[int],
    punct: list[bool],
    language: str,
    heard_prob: float,
) -> Scored:
    """Align the transcript's tokens; over several chunks, hand each chunk the words it holds."""
    probs = [0.0] * len(tokens)
    starts = [0.0] * (len(tokens) + 1)
    k = 0
    for c, (c0, c1, enc) in enumerate(encodings):
        if k >= len(tokens):
            break
        al: Alignment = engine.align(enc, tokens[k:], language)
        take = len(tokens) - k
        if c < len(encodings) - 1:
            # keep the words up to the last confidently heard one that starts inside this chunk
            take = 0
            begin = k
            for end in word_ends:
                n, first = end - k, begin - k
                begin = end
                if n <= 0 or n > len(al.probs):
                    continue
                # the word's own tokens decide (punctuation scores low even when spoken)
                ps = [al.probs[i] for i in range(max(0, first), n) if not punct[k + i]]
                if ps and float(np.mean(ps)) >= heard_prob and al.starts[max(0, first)] < (c1 - c0) - 0.5:
                    take = n
        for i in range(take):
            probs[k + i] = al.probs[i]
            starts[k + i] = c0 + al.starts[i]
        starts[k + take] = c0 + al.starts[take] if take < len(al.starts) else c1
        k += take
    for i in range(1, len(starts)):
        starts[i] = max(starts[i], starts[i - 1])
    return Scored(probs, starts)


@dataclass
class Reading:
    """One Whisper model's reading of a transcript against the audio."""

    scored: Scored
    tokens: list[int]
    starts_at: list[int]  # token offset of each word, and where the last ends: a prefix sum
    unit_tokens: list[list[int]]  # per unit: its spoken tokens (punctuation scores low even when spoken)


def _read(
    engine: Engine,
    encodings: list[tuple[float, float, Encoded]],
    words: list[str],
    units: list[Unit],
    language: str,
    heard_prob: float,
) -> Reading:
    word_tokens = engine.word_tokens(_align_forms(words, units, language), language)
    tokens = [tok for wt in word_tokens for tok in wt]
    word_ends = [int(x) for x in np.cumsum([len(wt) for wt in word_tokens])] if words else []
    punct = [engine.is_punctuation(tok, language) for tok in tokens]
    scored = _score(engine, encodings, tokens, word_ends, punct, language, heard_prob)
    starts_at = [0, *word_ends]
    unit_tokens = [[i for i in range(starts_at[u.words[0]], starts_at[u.words[-1] + 1]) if not punct[i]] for u in units]
    return Reading(scored, tokens, starts_at, unit_tokens)


def _prior(engine: Engine, tokens: list[int], language: str) -> list[float]:
    """Each token's probability against silence: how far the text alone predicts it."""
    out: list[float] = []
    for k in range(0, len(tokens), 200):  # the prior is local; short pieces stay in the decoder's context
        out += engine.align(engine.silence(), tokens[k : k + 200], language).probs
    return out


def _missing_audio(v: Verdict, words: list[str], reason: str) -> Verdict:
    v.verdict, v.flags = VerdictClass.MISSING_AUDIO, [VerdictClass.MISSING_AUDIO.value]
    v.explanation = reason + (f", though its transcript has {len(words)} words." if words else ".")
    v.missing_words = list(words)
    v.divergence_at = 0.0 if words else None
    v.evidence = evidence_record.early(v.verdict.value, v.flags, v.audio_seconds, v.speech_seconds, len(words))
    return v


def _says_something(word: str, language: str | None) -> bool:
    """Whether a transcript word is spoken at all: a letter or digit survives normalisation
    ("..." normalises to ".", "!!!" to nothing)."""
    return any(ch.isalnum() for token in normalize(word, language) for ch in token)


def _too_long(v: Verdict, words: list[str], seconds: float) -> Verdict:
    cap = int(MAX_WORDS_PER_SECOND * seconds + SLACK_WORDS)
    v.verdict, v.flags = VerdictClass.TRUNCATED, [VerdictClass.TRUNCATED.value, "transcript_exceeds_audio"]
    v.explanation = (
        f"The transcript has {len(words)} words, but {seconds:.1f} s of audio can hold at most about "
        f"{cap}: the audio cannot say all of it (not scored word by word)."
    )
    v.evidence = evidence_record.early(v.verdict.value, v.flags, seconds, v.speech_seconds, len(words))
    return v


@dataclass
class Pending:
    """A clip scored against its transcript, waiting for free decoding of `pieces`."""

    verdict: Verdict
    samples: np.ndarray
    regions: list[Region]
    language: str
    clip_languages: list[tuple[str, float]]
    words: list[str]
    units: list[Unit]
    evidence: list[UnitEvidence]
    thresholds: Thresholds
    decoded: bool
    pieces: list[Piece] = field(default_factory=list)
    aligned_tail_s: float = 0.0
    aligned_head_s: float = 0.0
    triage_p: float | None = None
    read_twice: bool = False  # the second reader scored the words already, for the triage


def second_reading(
    engine: Engine,
    samples: np.ndarray,
    regions: list[Region],
    words: list[str],
    units: list[Unit],
    language: str,
    heard_prob: float,
) -> list[float | None]:
    """Each unit's transcript-conditioned probability as a second Whisper model reads the audio.

    Two readers mishear different words: a word the first scores near zero and the second hears
    well is likely a mishearing, while a word neither hears ("Exacto" for "Exactly", a cut word)
    is not there (`statistics.low_both`).
    """
    encodings = _encode_chunks(engine, samples, regions)
    r = _read(engine, encodings, words, units, language, heard_prob)
    return [float(np.mean([r.scored.probs[i] for i in idx])) if idx else None for idx in r.unit_tokens]


def _read_twice(second: Engine | None, words: list[str], language: str) -> bool:
    """Whether the second reader reads this transcript: it needs words, in a language it knows."""
    return second is not None and bool(words) and (second.multilingual or language == "en")


def prepare(
    engine: Engine,
    samples: np.ndarray | None,
    transcript: str,
    *,
    language: str | None,
    decode: str,
    thresholds: Thresholds,
    triage: TriageCall | None = None,
    second: Engine | None = None,
) -> Verdict | Pending:
    """Steps 1-4: a final Verdict, or a Pending clip whose `pieces` need free decoding.

    `triage` (``decode="auto"`` only): asked of a clip the rules' own test leaves in doubt, with what
    is known before free decoding (`record.aligned`), the `second` reader's scores included (step 8,
    taken here for such a clip rather than after decoding); a probability passes the clip as faithful
    at that probability of diverging, and free decoding is skipped (None: decode it)."""
    t = thresholds
    words = split_words(transcript)
    if words and not any(_says_something(w, language) for w in words):
        words = []  # ". . .", "... !!!": punctuation says nothing, so it is judged as an empty transcript
    seconds = 0.0 if samples is None else samples.size / SAMPLE_RATE
    v = Verdict(
        id="",
        verdict=VerdictClass.MATCH,
        transcript=transcript,
        transcript_language=language,
        audio_seconds=round(seconds, 3),
    )
    if samples is None or samples.size == 0:
        v.transcript_language = language or textlang.guess(transcript)
        v.speech_seconds = 0.0
        return _missing_audio(v, words, "The response has no audio at all")
    if len(words) > MAX_WORDS_PER_SECOND * seconds + SLACK_WORDS:
        v.transcript_language = language or textlang.guess(transcript[:2000])
        return _too_long(v, words, seconds)
    regions = speech_regions(samples)
    v.speech_seconds = round(sum(r.seconds for r in regions), 3)

    encodings = _encode_chunks(engine, samples, regions)
    clip_languages = engine.detect_language(encodings[0][2])
    lang = "en" if not engine.multilingual else (language or textlang.guess(transcript, clip_languages))
    v.transcript_language = lang
    v.asr_language = clip_languages[0][0] if clip_languages else "en"
    units = make_units(words, lang)
    reading = _read(engine, encodings, words, units, lang, t.heard_prob)
    scored, starts_at = reading.scored, reading.starts_at
    prior = _prior(engine, reading.tokens, lang)

    evid: list[UnitEvidence] = []
    for u, idx in zip(units, reading.unit_tokens):
        a = starts_at[u.words[0]]
        b = starts_at[u.words[-1] + 1]
        evid.append(
            UnitEvidence(
                [words[i] for i in u.words],
                float(np.mean([scored.probs[i] for i in idx])) if idx else None,
                scored.starts[a],
                scored.starts[b],
                prior=float(np.mean([prior[i] for i in idx])) if idx else None,
                align_start=scored.starts[a],
                align_end=scored.starts[b],
                logp=token_logp([scored.probs[i] for i in idx]) if idx else None,
            )
        )
    scorable = [e.prob for e in evid if e.prob is not None]
    v.align_score = round(float(np.mean(scorable)), 4) if scorable else None
    mark_heard(evid, t)

    # A one-word reply ("Sure.") takes a quarter second: less speech than min_speech_s is still its speech.
    least = min(t.min_speech_s, ONE_WORD_SPEECH_S * len(words))
    if v.speech_seconds < least and not any(informative(e, t) and e.heard for e in evid):
        return _missing_audio(v, words, f"The {seconds:.1f} s of audio hold no speech (silence or noise)")

    inf_probs = [e.prob for e in evid if informative(e, t) and e.prob is not None]
    tail_s, head_s, _ = leftover_speech(evid, regions, seconds, t)
    clear = (
        bool(inf_probs)
        and _all_heard_but_few_weak(evid, t)
        and float(np.mean(inf_probs)) >= t.fast_mean_prob
        and (not engine.multilingual or foreign(clip_languages, lang, t) is None)
        and tail_s < t.extra_speech_s / 2
        and head_s < t.extra_speech_s / 2
    )
    triage_p = None
    read_twice = False
    if decode == "auto" and not clear and triage is not None and regions:
        if _read_twice(second, words, lang):
            assert second is not None
            # what the decision weighs most, the worst word as both readers hear it, tells a misheard
            # word from an absent one before decoding too; the reading is the one step 8 would take
            for e, prob in zip(evid, second_reading(second, samples, regions, words, units, lang, t.heard_prob)):
                e.prob2 = prob
            read_twice = True
        triage_p = triage(
            evidence_record.aligned(
                lang, seconds, v.speech_seconds, evid, clip_languages, engine.multilingual, tail_s, head_s
            )
        )
    decoded = bool(regions) and (decode == "all" or (decode == "auto" and not clear and triage_p is None))
    if (clear or triage_p is not None) and not decoded:
        for e in evid:  # the few weak words tolerated above are heard: the clip is faithful
            e.heard = True
    pending = Pending(
        v,
        samples,
        regions,
        lang,
        clip_languages,
        words,
        units,
        evid,
        t,
        decoded,
        aligned_tail_s=tail_s,
        aligned_head_s=head_s,
        triage_p=triage_p,
        read_twice=read_twice,
    )
    if decoded:
        pending.pieces = [
            Piece(samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)], a, b, lang, clip_languages)
            for a, b in plan_segments(regions, seconds)
        ]
        whole = pending.pieces[0]
        if len(pending.pieces) == 1 and len(encodings) == 1 and whole.start == 0.0 and engine.frames_on_host:
            whole.frames = engine.frames(encodings[0][2])  # the clip is the piece: reuse its encoding
    elif regions:
        v.segments = [
            Segment(
                round(regions[0].start, 3),
                round(regions[-1].end, 3),
                "",
                v.asr_language,
                round(clip_languages[0][1], 3) if clip_languages else None,
            )
        ]
    return pending


def _all_heard_but_few_weak(evid: list[UnitEvidence], t: Thresholds) -> bool:
    """Every unit heard on its score, save a few isolated mid-sentence words that score weakly, not absent.

    Classification tolerates one misheard word alone in mid-sentence anyway;
    a word scoring 0.15-0.5 between two strongly heard words is such a word
    (a name, "a" heard as "the"), while replaced or missing words score lower.
    One such word is allowed per 25 words.
    """
    unheard = [i for i, e in enumerate(evid) if not e.heard]
    if any(i in (0, len(evid) - 1) for i in unheard):
        return False  # an edge word: maybe cut
    # a word the text predicts only echoes its weak neighbour: it counts if it scored well itself
    if any(not informative(evid[i], t) and (evid[i].prob or 0.0) < t.heard_prob for i in unheard):
        return False
    weak = [i for i in unheard if informative(evid[i], t)]
    if len(weak) > max(1, len(evid) // 25):
        return False
    for i in weak:
        if i in (0, len(evid) - 1):
            return False
        e, before, after = evid[i], evid[i - 1], evid[i + 1]
        if not (
            informative(e, t)
            and e.prob is not None
            and e.prob >= t.weak_prob
            and all(n.prob is not None and n.prob >= t.strong_prob for n in (before, after))
        ):
            return False
    return True


def finish(
    engine: Engine,
    p: Pending,
    heard: Heard | None,
    words_wanted: WordsWanted | None = None,
    second: Engine | None = None,
) -> Verdict:
    """Steps 5-8 and the decision, given what free decoding heard (None: it was skipped).

    `words_wanted`: None asks step 7 of every clip. `second`: the second reader of step 8."""
    v, t, evid, lang, regions, samples = p.verdict, p.thresholds, p.evidence, p.language, p.regions, p.samples
    seconds = samples.size / SAMPLE_RATE
    match: DecodeMatch | None = None
    hyp: list[str] = []
    hyp_time: list[tuple[float, float]] = []
    hyp_logp: list[float] = []
    if heard is not None:
        v.segments = heard.segments
        v.asr_text = heard.text
        v.asr_language = _majority_language(v.segments) or v.asr_language
        said_words = [heard.words[i] for i in amount_first([hw.word for hw in heard.words])]
        hyp_units = make_units([hw.word for hw in said_words], lang)
        hyp = [tok for hu in hyp_units for tok in hu.tokens]
        hyp_time = [
            (said_words[hu.words[0]].start, said_words[hu.words[-1]].end) for hu in hyp_units for _ in hu.tokens
        ]
        # a unit's likelihood shared evenly by its normalised tokens ("4729" may be four)
        hyp_logp = [
            sum(said_words[i].logp for i in hu.words) / max(1, len(hu.tokens)) for hu in hyp_units for _ in hu.tokens
        ]
        match = match_units(p.units, hyp, fuzzy=t.fuzzy)
        v.wer = round(match.wer, 4)
        for e, m in zip(evid, match.units):
            e.match = m
        mark_heard(evid, t)
        for e in evid:  # decoded words are timed on heard speech: better than the transcript's DTW
            if e.heard and e.match is not None and e.match.hyp_index:
                e.start = hyp_time[e.match.hyp_index[0]][0]
                e.end = hyp_time[e.match.hyp_index[-1]][1]

    if heard is not None and not p.read_twice and _read_twice(second, p.words, lang):
        assert second is not None
        # where the first reader left doubt; its words and times stay the first reader's
        for e, prob in zip(evid, second_reading(second, samples, regions, p.words, p.units, lang, t.heard_prob)):
            e.prob2 = prob
    runs = find_runs(evid) if p.words else []
    timing = Timing(evid, regions, seconds, t)
    # Decoded words time well except next to speech the decoding dropped, which a neighbour's
    # span absorbs; the transcript's alignment errs elsewhere. A middle run's stretch is the
    # union of both readings, so a dropped foreign sentence is not squeezed out of it.
    by_align = Timing(
        [
            UnitEvidence(
                e.words,
                e.prob,
                e.align_start if e.align_start is not None else e.start,
                e.align_end if e.align_end is not None else e.end,
                heard=e.heard,
            )
            for e in evid
        ],
        regions,
        seconds,
        t,
    )
    for run in runs:
        run.start, run.end = timing.region(run)
        if run.kind == "middle":
            a_start, a_end = by_align.region(run)
            run.start, run.end = min(run.start, a_start), max(run.end, a_end)
        run.speech_s = round(speech_between(regions, run.start, run.end), 3)
        # Language is asked of any stretch holding a syllable's speech: too little to call it replaced
        # (unexplained_s), enough for a sure language ID among heard words -- a head word "Perfecto"
        # timed at 0.3 s was judged a cut with its language never asked.
        if engine.multilingual and (run.speech_s >= LANGUAGE_CHECK_S or run.kind == "all"):
            if run.kind == "all":
                run.languages = p.clip_languages
            elif not (run.kind == "middle" and run.substituted and run.first == run.last):
                run.languages = region_languages(engine, samples, run.start, run.end, lang)
            seg_foreign = _segment_language(v.segments, run.start, run.end, lang)
            if seg_foreign is not None and foreign(run.languages, lang, t) is None:
                run.languages = [seg_foreign]
    cut_after_translation(engine, samples, runs, p.units, lang, v.asr_text or "", t)
    if p.words:
        tail_s, head_s, tail_start = leftover_speech(evid, regions, seconds, t)
    else:  # nothing claimed: all speech is extra
        tail_s, head_s, tail_start = v.speech_seconds or 0.0, 0.0, regions[0].start if regions else 0.0

    ev = Evidence(
        transcript_language=lang,
        audio_seconds=seconds,
        speech_seconds=v.speech_seconds or 0.0,
        units=evid,
        runs=runs,
        decoded=heard is not None,
        clip_languages=p.clip_languages,
        segments=v.segments,
        wer=v.wer,
        multilingual=engine.multilingual,
        aligned_tail_s=p.aligned_tail_s,
        aligned_head_s=p.aligned_head_s,
        triage_p=p.triage_p,
    )
    if match is not None:
        ev.hyp = [(tok, a, b, lp) for tok, (a, b), lp in zip(hyp, hyp_time, hyp_logp)]
    if not runs or runs[-1].kind != "tail":
        ev.extra_speech_s, ev.extra_start = round(tail_s, 3), round(tail_start, 3)
        if match is not None:
            ev.extra_words = [hyp[i] for i in match.extra_after]
    if not runs or runs[0].kind not in ("head", "all"):
        ev.head_extra_s = round(head_s, 3)
        if match is not None:
            ev.head_extra_words = [hyp[i] for i in match.extra_before]
    if log.isEnabledFor(logging.DEBUG):
        log.debug(
            "units: %s",
            [
                (
                    " ".join(e.words),
                    e.prob and round(e.prob, 2),
                    e.prior and round(e.prior, 2),
                    e.match and e.match.op,
                    e.heard,
                    round(e.start, 2),
                )
                for e in evid
            ],
        )
        log.debug("runs: %s; tail %.2f s from %.2f, head %.2f s", runs, tail_s, tail_start, head_s)
    d = decide(ev, t)
    v.evidence = evidence_record.record(ev, d)
    read = reading(v.evidence)
    v.reading = None if read is None else round(read, 4)
    if words_wanted is None or words_wanted(v.evidence):
        # timed as recorded (rounded), so that a record's statistics can be recomputed from it alone
        ev.word_languages = word_languages(
            engine, samples, [(e.prob, round(e.start, 3), round(e.end, 3)) for e in evid], lang
        )
        v.evidence["word_languages"] = evidence_record.word_languages(ev.word_languages)
    v.verdict, v.flags, v.explanation = d.verdict, d.flags, d.explanation
    v.missing_words, v.extra_words = d.missing_words, d.extra_words
    # rounded down: a divergence at the very end must stay inside the audio
    v.divergence_at = None if d.divergence_at is None else math.floor(d.divergence_at * 100) / 100
    v.words = _word_ops(evid, match, hyp)
    if heard is None and "skipped" not in v.explanation:
        v.explanation += " (Free decoding was skipped: judged on transcript scoring alone.)"
    return v


def heard_from(results: list[PieceResult]) -> Heard:
    heard = Heard()
    for r in results:
        heard.segments.append(r.segment)
        heard.words.extend(r.words)
    return heard


def analyse_many(
    engine: Engine,
    jobs: list[tuple[np.ndarray | None, str, str | None]],
    *,
    decode: str,
    thresholds: Thresholds,
    words_wanted: WordsWanted | None = None,
    second: Engine | None = None,
    triage: TriageCall | None = None,
) -> list[Verdict | Exception]:
    """Verdicts for (samples, transcript, language) jobs; free decoding batched across them.

    A job that fails yields its exception in its place; the others go on. `second`: another
    Whisper model that reads the transcript too, on the clips free decoding ran on (step 8).
    """
    staged: list[Verdict | Pending | Exception] = []
    for samples, transcript, language in jobs:
        try:
            staged.append(
                prepare(
                    engine,
                    samples,
                    transcript,
                    language=language,
                    decode=decode,
                    thresholds=thresholds,
                    triage=triage,
                    second=second,
                )
            )
        except Exception as exc:
            staged.append(exc)
    owners: list[int] = []
    pieces: list[Piece] = []
    for k, s in enumerate(staged):
        if isinstance(s, Pending) and s.decoded:
            owners += [k] * len(s.pieces)
            pieces += s.pieces
    decoded = decode_pieces(engine, pieces) if pieces else []
    per_clip: dict[int, list[PieceResult]] = {}
    for k, r in zip(owners, decoded):
        per_clip.setdefault(k, []).append(r)
    out: list[Verdict | Exception] = []
    for k, s in enumerate(staged):
        if isinstance(s, Pending):
            try:
                heard = heard_from(per_clip.get(k, [])) if s.decoded else None
                out.append(finish(engine, s, heard, words_wanted, second))
            except Exception as exc:
                out.append(exc)
        else:
            out.append(s)
    return out


def analyse(
    engine: Engine,
    samples: np.ndarray | None,
    transcript: str,
    *,
    language: str | None,
    decode: str,
    thresholds: Thresholds,
    words_wanted: WordsWanted | None = None,
    second: Engine | None = None,
    triage: TriageCall | None = None,
) -> Verdict:
    """One clip, start to verdict."""
    res = analyse_many(
        engine,
        [(samples, transcript, language)],
        decode=decode,
        thresholds=thresholds,
        words_wanted=words_wanted,
        second=second,
        triage=triage,
    )[0]
    if isinstance(res, Exception):
        raise res
    return res


def _segment_language(segments: list[Segment], start: float, end: float, own: str) -> tuple[str, float] | None:
    for s in segments:
        overlap = min(s.end, end) - max(s.start, start)
        if overlap > 0.3 and s.language and s.language != own and (s.language_probability or 0) >= 0.5:
            return s.language, float(s.language_probability or 0)
    return None


def _majority_language(segments: list[Segment]) -> str | None:
    seconds: dict[str, float] = {}
    for s in segments:
        if s.language and s.text:
            seconds[s.language] = seconds.get(s.language, 0.0) + (s.end - s.start)
    return max(seconds, key=lambda k: seconds[k]) if seconds else None


def _word_ops(units: list[UnitEvidence], match: DecodeMatch | None, hyp: list[str]) -> list[WordOp]:
    ops: list[WordOp] = []

    def extras(after: int) -> None:
        if match is not None:
            ops.extend(WordOp("extra", hyp=hyp[j]) for j in match.inserted_after.get(after, []))

    extras(-1)
    for i, u in enumerate(units):
        heard_as = " ".join(u.match.heard) if u.match is not None and u.match.heard else None
        op = "ok" if u.heard else ("substituted" if heard_as else "missing")
        ops.append(
            WordOp(
                op,
                ref=" ".join(u.words),
                hyp=heard_as,
                start=round(u.start, 2),
                end=round(u.end, 2),
                probability=None if u.prob is None else round(u.prob, 4),
            )
        )
        extras(i)
    return ops
