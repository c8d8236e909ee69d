"""Free decoding of speech segments, batched across clips, each in the language heard in it.

Free decoding is the expensive step (greedy, ~10 ms a token on two cores);
CTranslate2 decodes a batch of 8 segments for about a third of the cost of 8
one by one, so `Verifier.verify_many` gathers the segments of every clip that
needs decoding and decodes them together. Each batch item is still its own
clip's audio, padded with silence: batching never mixes speech between clips.

How much silence must not depend on the batch either: the decoder attends to
the padding, so a borderline clip padded to its batch-mates' length could be
heard differently from run to run as collection order changed the batches.
Each segment is padded to a fixed bucket of its own length (`BUCKET_FRAMES` of
encoder output on the CPU path, 2 s of audio on a GPU), and only segments of one
bucket share a batch. The bucket, not the batch, also sets the token budget,
and the decoded words are aligned one segment at a time in the segment's own
language: a clip's whole reading is the same alone (a replay) as in any batch.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from verifier.core.asr import FRAME_SECONDS, SAMPLE_RATE, Encoded, Engine
from verifier.core.normalize import split_words
from verifier.core.vad import Region
from verifier.schema.results import Segment

SEGMENT_SECONDS = 20.0  # Whisper stops early on windows near 30 s
BATCH = 8
BUCKET_FRAMES = 100  # 2 s of encoder frames: padding per segment is < 2 s, whatever the batch


@dataclass
class Piece:
    """One speech segment of one clip, to decode."""

    samples: np.ndarray
    start: float  # where the piece starts in its clip (seconds)
    end: float
    own: str  # the transcript's language
    clip_languages: list[tuple[str, float]] = field(default_factory=list)
    frames: np.ndarray | None = None  # the piece's encoder output, when already computed


#: a token the decoder gives less than this is as absent as one it gives nothing: one garbled token must not
#: outweigh a sentence (e**-13.8 = 1e-6)
LOGP_FLOOR = math.log(1e-6)


def token_logp(probs: list[float]) -> float:
    """Log-likelihood of tokens from their probabilities, each floored at `LOGP_FLOOR`."""
    return float(sum(max(LOGP_FLOOR, math.log(p)) if p > 0 else LOGP_FLOOR for p in probs))


class HeardWord(NamedTuple):
    word: str
    start: float  # clip seconds
    end: float
    #: log-likelihood of the word's tokens given the audio and the decoded words before it: how sure the
    #: decoder is of what it wrote, the yardstick a transcript word is measured against
    logp: float


@dataclass
class Heard:
    """What free decoding heard in one clip: segments, and each decoded word with its time and likelihood."""

    segments: list[Segment] = field(default_factory=list)
    words: list[HeardWord] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text).strip()


def plan_segments(regions: list[Region], total: float) -> list[tuple[float, float]]:
    """Group speech regions into segments: sentences of one utterance together, under 20 s each."""
    split: list[Region] = []
    for r in regions:  # continuous speech longer than a segment is cut where it must be
        start = r.start
        while r.end - start > SEGMENT_SECONDS:
            split.append(Region(start, start + SEGMENT_SECONDS))
            start += SEGMENT_SECONDS
        split.append(Region(start, r.end))
    joined: list[Region] = []
    for r in split:
        # language ID needs about a second of speech, so short bits join their neighbour
        short = r.seconds < 1.0 or (bool(joined) and joined[-1].seconds < 1.0)
        if joined and (r.start - joined[-1].end < 0.5 or short) and r.end - joined[-1].start < SEGMENT_SECONDS:
            joined[-1] = Region(joined[-1].start, r.end)
        else:
            joined.append(r)
    if len(joined) == 1:
        return [(0.0, total)] if total <= SEGMENT_SECONDS + 8 else [(joined[0].start, joined[0].end)]
    return [(max(0.0, r.start - 0.1), min(total, r.end + 0.1)) for r in joined]


def looping(text: str) -> bool:
    """Whisper's repetition loop: a high compression ratio, or the text starting over at its end."""
    data = text.encode()
    if len(data) > 40 and len(data) / max(1, len(zlib.compress(data))) > 2.4:
        return True
    words = [w.strip(".,!?;:¡¿\"'") for w in text.lower().split()]
    if any(words[-k:] == words[-2 * k : -k] for k in range(3, len(words) // 2 + 1)):
        return True
    if any(words[-k:] == words[:k] for k in range(2, len(words) // 2 + 1)):
        return True  # started over
    if len(words) >= 6 and any(words[j : j + 3] == words[:3] for j in range(3, len(words) - 2)):
        return True  # started over, cut short by the length limit
    sentences = [x.strip().lower() for x in re.split(r"[.!?]+", text) if x.strip()]
    if len(sentences) >= 2 and len(set(sentences)) == 1:
        return True  # "Okay. Okay."
    # a short phrase said over and over ("Okay. Okay. Okay.")
    return any(len(words) >= 3 * k and words[-k:] == words[-2 * k : -k] == words[-3 * k : -2 * k] for k in (1, 2))


def decode_language(langs: list[tuple[str, float]], own: str) -> tuple[str | None, float | None]:
    """The language to decode a segment in: the one heard, when language ID is sure of it.

    When it is unsure and the transcript's language is a plausible reading,
    decode in that (robotic or accented speech often leaves ID unsure); a
    confident other language is never overridden, so drift stays visible.
    """
    if not langs:
        return None, None
    top, p = langs[0]
    if p >= 0.5:
        return top, p
    own_p = next((q for lang, q in langs if lang == own), 0.0)
    return (own, own_p) if own_p >= 0.1 else (top, p)


@dataclass
class PieceResult:
    segment: Segment
    words: list[HeardWord]


def _batches(keys: list[int]) -> list[list[int]]:
    """Indices grouped by equal key (a padded length), at most BATCH a group."""
    by_key: dict[int, list[int]] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k, []).append(i)
    return [idx[j : j + BATCH] for _, idx in sorted(by_key.items()) for j in range(0, len(idx), BATCH)]


def _bucket_seconds(engine: Engine, key: int) -> float:
    """The most audio a piece of bucket `key` holds: what its token budget is for."""
    if engine.frames_on_host:  # the bucket is in encoder frames, and each piece's encoding adds 1 s of silence
        return key * BUCKET_FRAMES * FRAME_SECONDS - 1.0
    return 2.0 * key


def _bucket_encoding(
    engine: Engine, pieces: list[Piece], frames: list[np.ndarray], idx: list[int], key: int
) -> Encoded:
    """Pieces `idx` of bucket `key` as one batch, each padded to the bucket's end, not to its batch-mates'
    length: stacked from their own encodings (CPU), or encoded padded (GPU)."""
    seconds = _bucket_seconds(engine, key)
    if engine.frames_on_host:
        return engine.stack([frames[i] for i in idx], seconds, pad_to=key * BUCKET_FRAMES)
    return engine.encode_many([pieces[i].samples for i in idx], min_seconds=seconds + 1.0)


def decode_pieces(engine: Engine, pieces: list[Piece]) -> list[PieceResult]:
    results: list[PieceResult | None] = [None] * len(pieces)
    frames: list[np.ndarray] = []
    if engine.frames_on_host:  # encode each piece at its own length (cheapest on CPU), stack for decoding
        frames = [p.frames if p.frames is not None else engine.frames(engine.encode(p.samples)) for p in pieces]
        keys = [-(-f.shape[0] // BUCKET_FRAMES) for f in frames]
    else:  # on a GPU one padded batch is cheapest; group similar lengths so little padding is decoded
        keys = [-(-p.samples.size // (2 * SAMPLE_RATE)) for p in pieces]
    for group in _batches(keys):
        # What a piece is read with is its bucket's, never its batch-mates': the same clip must get the
        # same reading however a run happens to batch it (alone in a replay, in a different order tonight).
        key = keys[group[0]]
        budget = _bucket_seconds(engine, key)
        enc = _bucket_encoding(engine, pieces, frames, group, key)
        lang_ids = engine.detect_language_many(enc)
        chosen = [decode_language(ids or pieces[i].clip_languages, pieces[i].own) for i, ids in zip(group, lang_ids)]
        decoded = engine.decode_many(enc, [lang for lang, _ in chosen], seconds=budget)
        texts = [d.text for d in decoded]
        loops = [k for k in range(len(group)) if looping(texts[k])]
        if loops:  # Whisper loops when it cannot see the end of speech: give it room, all of them at once
            # one length for the bucket (its pieces are at most 2 s apart), whatever loops beside them
            room = engine.encode_many([pieces[group[k]].samples for k in loops], min_seconds=max(10.0, key * 2.0 + 1.0))
            for k, d in zip(loops, engine.decode_many(room, [chosen[k][0] for k in loops], seconds=budget)):
                texts[k] = d.text
        # time the decoded words: DTW is reliable on words that were actually heard
        words = [split_words(t) for t in texts]
        token_lists = [[x for w in engine.word_tokens(ws, lang) for x in w] for ws, (lang, _) in zip(words, chosen)]
        # one piece at a time, in its own language: batched, the alignment's attention is normalised
        # over the batch's padded tokens, and it took one language for all, so a word's time and score
        # moved with its batch-mates (by 0.36 s on one clip)
        aligned = [
            engine.align_many(_bucket_encoding(engine, pieces, frames, [i], key), [tokens], lang)[0]
            for i, tokens, (lang, _) in zip(group, token_lists, chosen)
        ]
        for k, i in enumerate(group):
            p = pieces[i]
            lang, prob = chosen[k]
            seg = Segment(round(p.start, 3), round(p.end, 3), texts[k], lang, None if prob is None else round(prob, 3))
            timed: list[HeardWord] = []
            wt = engine.word_tokens(words[k], lang)
            pos = 0
            starts, probs = aligned[k].starts, aligned[k].probs
            for w, toks in zip(words[k], wt):
                end = min(pos + len(toks), len(starts) - 1)
                # punctuation is left out, as on the transcript's side: it says nothing about the audio
                spoken = [q for q, t in zip(probs[pos : pos + len(toks)], toks) if not engine.is_punctuation(t, lang)]
                timed.append(HeardWord(w, p.start + starts[pos], p.start + starts[end], token_logp(spoken)))
                pos += len(toks)
            results[i] = PieceResult(seg, timed)
    return [r for r in results if r is not None]
