"""Scoring: WER, and which transcript words the audio lacks or adds.

Two kinds of evidence meet here, per transcript word:

* the transcript-conditioned probability Whisper gives the word (``align``):
  sharp about *whether* a word was spoken, blind to what was said instead;
* the free decoding's word alignment (jiwer), with rapidfuzz to forgive
  near-miss spellings of names ("miempresa" heard as "meepersa"): says what
  was heard instead, but drops words it cannot place (a code-switched
  "Exacto") and mis-spells rare ones.

A word counts as heard when either source is confident; it is missing only
when both agree it is not there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import jiwer
from rapidfuzz import fuzz

from verifier.core.normalize import Unit


@dataclass
class TokenOp:
    op: str  # "equal" | "substitute" | "delete" | "insert"
    ref: int | None  # index into the normalised reference tokens
    hyp: int | None  # index into the normalised hypothesis tokens


def token_ops(ref: Sequence[str], hyp: Sequence[str]) -> list[TokenOp]:
    """jiwer's word alignment, flattened to one op per token; where another alignment with as few
    edits matches more words, that one.

    Among alignments of equal cost jiwer may substitute the transcript's last words with the last
    words heard, and call everything between inserted: "your total is 40 dollars" against "your
    total is $14 dollars, I have also sent a copy to your email" set "dollars" against "email", so
    an extra sentence read as a changed tail and its words never counted as extra speech.
    """
    if not ref:
        return [TokenOp("insert", None, j) for j in range(len(hyp))]
    if not hyp:
        return [TokenOp("delete", i, None) for i in range(len(ref))]
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    ops: list[TokenOp] = []
    for chunk in out.alignments[0]:
        rs, re_, hs, he = chunk.ref_start_idx, chunk.ref_end_idx, chunk.hyp_start_idx, chunk.hyp_end_idx
        if chunk.type in ("equal", "substitute"):
            ops += [TokenOp(chunk.type, rs + k, hs + k) for k in range(re_ - rs)]
        elif chunk.type == "delete":
            ops += [TokenOp("delete", i, None) for i in range(rs, re_)]
        else:
            ops += [TokenOp("insert", None, j) for j in range(hs, he)]
    substituted = sum(o.op == "substitute" for o in ops)
    if substituted:
        # only a strictly better alignment replaces jiwer's: its other choices among equals stand
        fewer = _fewest_substitutions(ref, hyp)
        if sum(o.op == "substitute" for o in fewer) < substituted:
            return fewer
    return ops


def _fewest_substitutions(ref: Sequence[str], hyp: Sequence[str]) -> list[TokenOp]:
    """A minimum-edit alignment that, among those, substitutes fewest tokens (matches most)."""
    n, m = len(ref), len(hyp)
    # cost[i][j]: (edits, substitutions) aligning ref[:i] with hyp[:j], compared as tuples
    cost = [[(j, 0) for j in range(m + 1)]] + [[(i, 0)] + [(0, 0)] * m for i in range(1, n + 1)]
    for i in range(1, n + 1):
        row, above = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            e, s = above[j - 1]
            diagonal = (e, s) if ref[i - 1] == hyp[j - 1] else (e + 1, s + 1)
            row[j] = min(diagonal, (above[j][0] + 1, above[j][1]), (row[j - 1][0] + 1, row[j - 1][1]))
    ops: list[TokenOp] = []
    i, j = n, m
    while i or j:
        if i and j:
            e, s = cost[i - 1][j - 1]
            same = ref[i - 1] == hyp[j - 1]
            if cost[i][j] == ((e, s) if same else (e + 1, s + 1)):
                ops.append(TokenOp("equal" if same else "substitute", i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
        if i and cost[i][j] == (cost[i - 1][j][0] + 1, cost[i - 1][j][1]):
            ops.append(TokenOp("delete", i - 1, None))
            i -= 1
        else:
            ops.append(TokenOp("insert", None, j - 1))
            j -= 1
    return ops[::-1]


def wer(ref: Sequence[str], hyp: Sequence[str]) -> float:
    if not ref:
        return 0.0 if not hyp else 1.0
    if not hyp:
        return 1.0
    return float(jiwer.wer(" ".join(ref), " ".join(hyp)))


def similarity(a: str, b: str) -> float:
    """0-1 spelling similarity of two normalised words."""
    return float(fuzz.ratio(a, b)) / 100.0


@dataclass
class UnitMatch:
    """How the free decoding treated one transcript unit."""

    op: str  # "ok" | "substituted" | "missing"
    heard: list[str] = field(default_factory=list)  # hypothesis tokens set against it
    similarity: float = 0.0
    hyp_index: list[int] = field(default_factory=list)  # their indices in the hypothesis


@dataclass
class DecodeMatch:
    units: list[UnitMatch]
    extra_before: list[int]  # hypothesis token indices heard before the first unit
    extra_inside: list[int]
    extra_after: list[int]  # heard after the last unit that was matched
    wer: float
    #: inserted hypothesis tokens keyed by the unit they follow (-1: before the first)
    inserted_after: dict[int, list[int]] = field(default_factory=dict)


def match_units(units: Sequence[Unit], hyp: Sequence[str], *, fuzzy: float = 0.7) -> DecodeMatch:
    """Per-unit outcome of aligning the normalised transcript against what was heard."""
    ref: list[str] = []
    owner: list[int] = []
    for u_i, u in enumerate(units):
        ref += u.tokens
        owner += [u_i] * len(u.tokens)
    ops = token_ops(ref, hyp)
    per_unit: list[list[TokenOp]] = [[] for _ in units]
    for op in ops:
        if op.ref is not None:
            per_unit[owner[op.ref]].append(op)
    result: list[UnitMatch] = []
    for u, u_ops in zip(units, per_unit):
        if not u.tokens:  # nothing to compare (punctuation only): not evidence either way
            result.append(UnitMatch("ok"))
            continue
        idx = [o.hyp for o in u_ops if o.hyp is not None]
        heard = [hyp[j] for j in idx]
        if all(o.op == "equal" for o in u_ops):
            result.append(UnitMatch("ok", heard, 1.0, idx))
        elif heard:
            ref_text, hyp_text = " ".join(u.tokens), " ".join(heard)
            # numbers are exact or wrong: "4728" is not a near miss of "4729"
            numeric = any(ch.isdigit() for ch in ref_text + hyp_text)
            sim = float(ref_text == hyp_text) if numeric else similarity(ref_text, hyp_text)
            result.append(UnitMatch("ok" if sim >= fuzzy else "substituted", heard, sim, idx))
        else:
            result.append(UnitMatch("missing"))
    # inserted hypothesis tokens, by where they fall relative to matched transcript tokens
    first_ref = next((k for k, o in enumerate(ops) if o.ref is not None and o.hyp is not None), None)
    last_ref = max((k for k, o in enumerate(ops) if o.ref is not None and o.hyp is not None), default=None)
    before, inside, after = [], [], []
    inserted_after: dict[int, list[int]] = {}
    prev_unit = -1
    for k, o in enumerate(ops):
        if o.ref is not None:
            prev_unit = owner[o.ref]
        if o.op != "insert" or o.hyp is None:
            continue
        inserted_after.setdefault(prev_unit, []).append(o.hyp)
        if first_ref is None or last_ref is None or k > last_ref:
            after.append(o.hyp)
        elif k < first_ref:
            before.append(o.hyp)
        else:
            inside.append(o.hyp)
    return DecodeMatch(result, before, inside, after, wer(ref, hyp), inserted_after)
