"""Faulty and faithful clips, built from synthesized pieces rather than guessed times.

A clip's audio is a list of pieces, each a piece of text said by one voice in
one language, joined with pauses. Cuts at a word boundary synthesize the words
that remain; a cut mid-word keeps half of the last word, located as the
difference between the prefix with and without it. Code switches synthesize
the foreign word (at the head, or one mid-sentence), phrase or sentence with a
Spanish or French voice (the same Kokoro speaker where the engine is Kokoro,
espeak-ng otherwise) and splice it in. The transcript is always the original
reply; only the audio is faulty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from corpora.heldout.engines import RATE, Voice
from corpora.heldout.texts import DEV, Table, Text

SENTENCE_GAP = 0.30
SPLICE_GAP = 0.06

Say = Callable[[str, str], np.ndarray]  # (text, language) -> samples, in the clip's voice family

LABELS = ("match", "missing_audio", "truncated", "language_drift", "extra_speech", "content_mismatch")

#: fault_kind -> label
KINDS: dict[str, str] = {
    "none": "match",
    "cut_tail_sentence": "truncated",
    "cut_tail_midsentence": "truncated",
    "cut_tail_midword": "truncated",
    "cut_tail_last_two_words": "truncated",
    "cut_head_sentence": "truncated",
    "cut_head_word": "truncated",
    "cut_head_midword": "truncated",
    "switch_head_word": "language_drift",
    "switch_word": "language_drift",
    "switch_phrase": "language_drift",
    "switch_sentence_es": "language_drift",
    "switch_sentence_fr": "language_drift",
    "switch_whole_es": "language_drift",
    "switch_whole_fr": "language_drift",
    "english_in_spanish": "language_drift",
    "extra_sentence": "extra_speech",
    "extra_sentence_head": "extra_speech",
    "other_reply": "content_mismatch",
    "changed_number": "content_mismatch",
    "changed_name": "content_mismatch",
    "changed_place": "content_mismatch",
    "empty": "missing_audio",
    "silence": "missing_audio",
    "noise": "missing_audio",
    "hum": "missing_audio",
    "click": "missing_audio",
}


@dataclass(frozen=True)
class Piece:
    text: str
    language: str
    gap_before: float = SENTENCE_GAP


def _words(s: str) -> list[str]:
    return s.split()


def _strip(s: str) -> str:
    return re.sub(r"[,;:]+$", "", s.strip())


def sentences(t: Text, spoken: tuple[str, ...] | None = None) -> list[Piece]:
    return [Piece(s, t.language) for s in (spoken or t.spoken)]


def word_at(t: Text) -> tuple[int, int, int] | None:
    """Where `t.word`'s English word is: (sentence, start, end), or None unless it occurs exactly
    once in the reply (in any case), as a whole word and not the first of its sentence (a word at
    the head is switch_head_word's)."""
    if t.word is None:
        return None
    pattern = re.compile(rf"(?<![\w'-]){re.escape(t.word[0])}(?![\w'-])", re.IGNORECASE)
    hits = [(i, m.start(), m.end()) for i, s in enumerate(t.spoken) for m in pattern.finditer(s)]
    if len(hits) != 1 or not t.spoken[hits[0][0]][: hits[0][1]].strip():
        return None
    return hits[0]


def applicable(t: Text, kind: str) -> bool:
    """Whether `kind` can be made from `t` (and makes a real fault of it)."""
    sp = t.spoken
    last, first = _words(sp[-1]), _words(sp[0])
    return {
        "none": True,
        "cut_tail_sentence": len(sp) >= 2,
        "cut_head_sentence": len(sp) >= 2,
        "cut_tail_midsentence": len(last) >= 6,
        "cut_tail_midword": len(last) >= 4,
        "cut_tail_last_two_words": len(last) >= 5,
        "cut_head_word": len(first) >= 4,
        "cut_head_midword": len(first) >= 4 and len(re.sub(r"\W", "", first[0])) >= 4,
        "switch_head_word": t.head is not None,
        "switch_word": t.word is not None,
        "switch_phrase": t.phrase is not None,
        "switch_sentence_es": t.es is not None and len(t.es) >= 2,
        "switch_sentence_fr": t.fr is not None and len(t.fr) >= 2,
        "switch_whole_es": t.es is not None,
        "switch_whole_fr": t.fr is not None,
        "english_in_spanish": t.en_phrase is not None,
        "extra_sentence": True,
        "extra_sentence_head": t.kind != "one_word",
        "other_reply": True,
        "changed_number": t.change is not None and t.change[0] == "changed_number",
        "changed_name": t.change is not None and t.change[0] == "changed_name",
        "changed_place": t.change is not None and t.change[0] == "changed_place",
        "empty": True,
        "silence": True,
        "noise": True,
        "hum": True,
        "click": True,
    }[kind]


def compose(pieces: list[Piece], say: Say) -> np.ndarray:
    out: list[np.ndarray] = []
    for i, p in enumerate(pieces):
        if i:
            out.append(np.zeros(int(p.gap_before * RATE), np.float32))
        out.append(say(p.text, p.language))
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def _midword_tail(sentence: str, lang: str, say: Say, rng: np.random.Generator) -> np.ndarray:
    """The sentence cut inside one of its last words (one of at least 4 letters)."""
    w = _words(sentence)
    cands = [j for j in range(1, len(w)) if len(re.sub(r"\W", "", w[j])) >= 4] or [len(w) - 1]
    j = cands[-1] if rng.random() < 0.6 else int(rng.choice(cands))
    before = say(_strip(" ".join(w[:j])), lang)
    with_word = say(_strip(" ".join(w[: j + 1])), lang)
    # the word's own span is what the longer prefix adds; keep 35-65 % of it
    start = min(before.size, with_word.size - 1)
    keep = start + int((with_word.size - start) * rng.uniform(0.35, 0.65))
    return with_word[:keep]


def _midword_head(sentence: str, lang: str, say: Say, rng: np.random.Generator) -> np.ndarray:
    w = _words(sentence)
    full = say(sentence, lang)
    first = say(_strip(w[0]), lang)
    return full[int(first.size * rng.uniform(0.4, 0.6)) :]


def build(t: Text, kind: str, say: Say, foreign: Say, rng: np.random.Generator, table: Table = DEV) -> np.ndarray:
    """Audio for reply `t` (a text of `table`) with fault `kind`. `foreign` speaks other languages than the reply's."""
    sp, lang = list(t.spoken), t.language
    if kind == "none":
        return compose(sentences(t), say)
    if kind == "cut_tail_sentence":
        return compose([Piece(s, lang) for s in sp[:-1]], say)
    if kind == "cut_head_sentence":
        return compose([Piece(s, lang) for s in sp[1:]], say)
    if kind in ("cut_tail_midsentence", "cut_tail_last_two_words"):
        w = _words(sp[-1])
        k = len(w) - 2 if kind == "cut_tail_last_two_words" else int(rng.integers(2, len(w) - 2))
        return compose([Piece(s, lang) for s in sp[:-1]] + [Piece(_strip(" ".join(w[:k])), lang)], say)
    if kind == "cut_tail_midword":
        head = compose([Piece(s, lang) for s in sp[:-1]], say)
        tail = _midword_tail(sp[-1], lang, say, rng)
        return np.concatenate([head, np.zeros(int(SENTENCE_GAP * RATE), np.float32), tail]) if head.size else tail
    if kind == "cut_head_word":
        w = _words(sp[0])
        return compose([Piece(" ".join(w[1:]), lang)] + [Piece(s, lang) for s in sp[1:]], say)
    if kind == "cut_head_midword":
        rest = compose([Piece(s, lang) for s in sp[1:]], say)
        head = _midword_head(sp[0], lang, say, rng)
        return np.concatenate([head, np.zeros(int(SENTENCE_GAP * RATE), np.float32), rest]) if rest.size else head
    if kind == "switch_head_word":
        assert t.head is not None
        en_word, word, flang = t.head
        after = sp[0][len(en_word) :].lstrip(" ,")
        return _mixed(
            [Piece(word + ",", flang), Piece(after, lang, SPLICE_GAP)] + [Piece(s, lang) for s in sp[1:]],
            say,
            foreign,
            lang,
        )
    if kind == "switch_word":
        assert t.word is not None
        at = word_at(t)
        if at is None:
            raise ValueError(f"{t.id}: word {t.word[0]!r} is not once, and not first, in a sentence of the reply")
        i, start, end = at
        _, word, flang = t.word
        before, after = sp[i][:start], sp[i][end:]
        # a comma or colon right after the word is its own pause: the foreign word keeps it
        unpunctuated = after.lstrip(",;:")
        punct, after = after[: len(after) - len(unpunctuated)], unpunctuated
        parts = [Piece(s, lang) for s in sp[:i]] + [Piece(_strip(before), lang)]
        parts.append(Piece(word + punct, flang, SPLICE_GAP))
        if after.strip(" ,.!?"):
            parts.append(Piece(after.strip(), lang, SPLICE_GAP))
        return _mixed(parts + [Piece(s, lang) for s in sp[i + 1 :]], say, foreign, lang)
    if kind == "switch_phrase":
        assert t.phrase is not None
        en_phrase, phrase, flang = t.phrase
        i = next(n for n, s in enumerate(sp) if en_phrase in s)
        before, _, after = sp[i].partition(en_phrase)
        parts = [Piece(s, lang) for s in sp[:i]]
        if before.strip(" ,"):
            parts.append(Piece(_strip(before), lang))
        parts.append(Piece(phrase, flang, SPLICE_GAP if parts else SENTENCE_GAP))
        if after.strip(" ,.!?"):
            parts.append(Piece(after.strip(), lang, SPLICE_GAP))
        return _mixed(parts + [Piece(s, lang) for s in sp[i + 1 :]], say, foreign, lang)
    if kind.startswith(("switch_sentence_", "switch_whole_")):
        flang = kind[-2:]
        trans = t.es if flang == "es" else t.fr
        assert trans is not None
        if kind.startswith("switch_whole_"):
            return compose([Piece(s, flang) for s in trans], foreign)
        i = int(rng.integers(0, len(sp)))
        parts = [Piece(trans[n] if n == i else s, flang if n == i else lang) for n, s in enumerate(sp)]
        return _mixed(parts, say, foreign, lang)
    if kind == "english_in_spanish":
        assert t.en_phrase is not None
        es_phrase, en = t.en_phrase
        i = next(n for n, s in enumerate(sp) if es_phrase in s)
        before, _, after = sp[i].partition(es_phrase)
        parts = [Piece(s, lang) for s in sp[:i]]
        if before.strip(" ,"):
            parts.append(Piece(_strip(before), lang))
        parts.append(Piece(en, "en", SPLICE_GAP if before.strip(" ,") else SENTENCE_GAP))
        if after.strip(" ,.!?¿"):
            parts.append(Piece(after.strip(), lang, SPLICE_GAP))
        return _mixed(parts + [Piece(s, lang) for s in sp[i + 1 :]], say, foreign, lang)
    if kind in ("extra_sentence", "extra_sentence_head"):
        extra = str(rng.choice(table.extra[lang]))
        parts = sentences(t)
        parts = parts + [Piece(extra, lang)] if kind == "extra_sentence" else [Piece(extra, lang)] + parts
        return compose(parts, say)
    if kind == "other_reply":
        pool = [o for o in table.texts if o.language == lang and o.id != t.id and o.kind != "long_reply"]
        alike = [o for o in pool if (o.kind == "one_word") == (t.kind == "one_word")]
        others = alike or pool
        other = others[int(rng.integers(0, len(others)))]
        return compose(sentences(other), say)
    if kind in ("changed_number", "changed_name", "changed_place"):
        assert t.change is not None
        return compose([Piece(s, lang) for s in t.change[1]], say)
    raise ValueError(f"{kind} is not a speech fault")


def _mixed(parts: list[Piece], say: Say, foreign: Say, lang: str) -> np.ndarray:
    def route(text: str, language: str) -> np.ndarray:
        return say(text, language) if language == lang else foreign(text, language)

    return compose(parts, route)


def missing(kind: str, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """No speech at all: what a stalled or broken response sends instead."""
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    if kind == "empty":
        return np.zeros(0, np.float32)
    if kind == "silence":
        return (rng.standard_normal(n) * 10 ** (-70 / 20)).astype(np.float32)  # a digital-silence floor
    if kind == "noise":
        level = rng.uniform(-45, -30)
        return (rng.standard_normal(n) * 10 ** (level / 20)).astype(np.float32)
    if kind == "hum":
        f0 = float(rng.choice([50.0, 60.0]))
        x = sum(a * np.sin(2 * np.pi * f0 * h * t) for h, a in ((1, 1.0), (2, 0.5), (3, 0.3)))
        return (np.asarray(x) * 10 ** (rng.uniform(-30, -20) / 20)).astype(np.float32)
    if kind == "click":
        x = np.zeros(n, np.float32)
        at = int(rng.uniform(0.2, 0.8) * n)
        x[at : at + 48] = np.hanning(48).astype(np.float32) * 0.6
        return x
    raise ValueError(f"{kind} is not a missing-audio kind")


def text(text_id: str, table: Table = DEV) -> Text:
    return table.by_id[text_id]


__all__ = ["KINDS", "LABELS", "Piece", "Voice", "applicable", "build", "compose", "missing", "text", "word_at"]
