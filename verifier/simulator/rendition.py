"""What a response says in its transcript versus what its audio says.

A clean response speaks its transcript. A fault changes only the audio plan
(or the stream) and records what it changed, so the truth log can tell a test
exactly which words were dropped or spoken in another language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verifier.simulator.faults import AUDIO_FAULTS, FaultDecision
from verifier.simulator.model import FALLBACK_SPANISH, Reply, Sentence, first_word_swap

SENTENCE_GAP = 0.2  # seconds of silence between sentences
WORD_GAP = 0.05  # between a slipped first word and the rest of its sentence


@dataclass(frozen=True)
class SpokenPart:
    text: str
    language: str
    gap_before: float = 0.0
    #: Cut this part's audio after its first `keep_words` words (mid-sentence truncation).
    keep_words: int | None = None


@dataclass
class Rendition:
    transcript: str
    language: str
    parts: tuple[SpokenPart, ...]
    text_only: bool = False
    fault: str | None = None
    variant: str | None = None
    #: disconnect / stall: how far through the delta events the stream stops (0..1).
    cut_fraction: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def spoken_text(self) -> str:
        words: list[str] = []
        for p in self.parts:
            w = p.text.split()
            words.extend(w[: p.keep_words] if p.keep_words is not None else w)
        return " ".join(words)


def _clean_parts(sentences: tuple[Sentence, ...] | list[Sentence]) -> list[SpokenPart]:
    return [SpokenPart(s.text, s.language, SENTENCE_GAP if i else 0.0) for i, s in enumerate(sentences)]


def _alt(s: Sentence) -> tuple[str, str]:
    if s.alt_text and s.alt_language:
        return s.alt_text, s.alt_language
    # No rendering known: the model drifts into a stock Spanish sentence.
    return FALLBACK_SPANISH, "es"


def render(reply: Reply, decision: FaultDecision, *, audio: bool) -> Rendition:
    """Apply a fault decision to a reply. Pure: all randomness comes from decision.rng."""
    sentences = reply.sentences
    out = Rendition(reply.text, reply.language, tuple(_clean_parts(sentences)) if audio else (), text_only=not audio)
    name = decision.name
    if name in AUDIO_FAULTS and not audio:
        out.details["skipped_fault"] = name  # a text-only request has no audio to damage
        name = None
    if name is None:
        pass
    elif name == "text_only":
        out.parts, out.text_only = (), True
    elif name == "truncate":
        _truncate(out, sentences, decision)
    elif name == "language_drift":
        _drift(out, sentences, decision)
    elif name in ("disconnect", "stall"):
        out.cut_fraction = round(decision.rng.uniform(0.25, 0.75), 3)
        out.details["cut_fraction"] = out.cut_fraction
    out.fault = name
    if name in ("truncate", "language_drift"):
        out.details["variant"] = out.variant
    out.details["transcript"] = out.transcript
    out.details["spoken_text"] = out.spoken_text
    out.details["spoken_segments"] = [
        {
            "text": " ".join(p.text.split()[: p.keep_words]) if p.keep_words is not None else p.text,
            "language": p.language,
        }
        for p in out.parts
    ]
    return out


def _truncate(out: Rendition, sentences: tuple[Sentence, ...], decision: FaultDecision) -> None:
    variant = decision.variant or ("last_sentence" if len(sentences) > 1 else "mid_sentence")
    if variant == "last_sentence" and len(sentences) < 2:
        variant = "mid_sentence"
    parts = _clean_parts(sentences)
    if variant == "last_sentence":
        dropped = sentences[-1].text
        out.parts = tuple(parts[:-1])
    else:
        last = parts[-1]
        words = last.text.split()
        keep = max(1, min(len(words) - 1, round(len(words) * decision.rng.uniform(0.35, 0.7))))
        if len(words) < 2:
            keep = 0  # a one-word reply cut "mid-sentence" loses its only word
        dropped = " ".join(words[keep:])
        parts[-1] = SpokenPart(last.text, last.language, last.gap_before, keep_words=keep)
        out.parts = tuple(parts)
    out.variant = variant
    out.details["dropped_text"] = dropped
    out.details["dropped_words"] = dropped.split()


_DRIFT_WEIGHTS = {"first_word": 0.3, "sentence": 0.3, "all": 0.25, "sentence_truncated": 0.15}


def _drift(out: Rendition, sentences: tuple[Sentence, ...], decision: FaultDecision) -> None:
    swap = first_word_swap(sentences[0])
    usable = [
        v
        for v in _DRIFT_WEIGHTS
        if (v != "first_word" or swap) and (v not in ("sentence", "sentence_truncated") or len(sentences) > 1)
    ]
    variant = decision.variant if decision.variant in usable else None
    if variant is None:
        variant = decision.rng.choices(usable, weights=[_DRIFT_WEIGHTS[v] for v in usable])[0]
    parts = _clean_parts(sentences)
    drifted: list[str] = []
    replaced: list[str] = []
    if variant == "first_word" and swap:
        word, rest, head = swap
        first = sentences[0]
        parts[0:1] = [SpokenPart(word, "es"), SpokenPart(rest, first.language, WORD_GAP)]
        drifted, replaced = [word], [head]
    elif variant == "sentence":
        candidates = [i for i, s in enumerate(sentences) if s.alt_text] or list(range(len(sentences)))
        i = decision.rng.choice(candidates)
        text, lang = _alt(sentences[i])
        parts[i] = SpokenPart(text, lang, parts[i].gap_before)
        drifted, replaced = [text], [sentences[i].text]
    elif variant == "sentence_truncated":
        text, lang = _alt(sentences[0])
        parts = [SpokenPart(text, lang)]
        drifted, replaced = [text], [sentences[0].text]
        dropped = " ".join(s.text for s in sentences[1:])
        out.details["dropped_text"] = dropped
        out.details["dropped_words"] = dropped.split()
    else:  # all
        seen: set[str] = set()
        parts = []
        for s in sentences:
            text, lang = _alt(s)
            if text == FALLBACK_SPANISH and text in seen:
                continue  # one stock apology, not one per unknown sentence
            seen.add(text)
            parts.append(SpokenPart(text, lang, SENTENCE_GAP if parts else 0.0))
            drifted.append(text)
        replaced = [s.text for s in sentences]
    out.parts = tuple(parts)
    out.variant = variant
    out.details["drifted_text"] = " ".join(drifted)
    out.details["replaced_text"] = " ".join(replaced)
    out.details["drift_language"] = next((p.language for p in parts if p.language != out.language), None)
