"""Text normalisation for scoring: differences of form must not count as errors.

Whisper's own normalisers do the heavy lifting (``whisper-normalizer``):
``EnglishTextNormalizer`` for English (spelled numbers to digits, contractions,
British/American spelling, fillers) and ``BasicTextNormalizer`` for every other
language (case, punctuation, symbols; diacritics kept). Around them sit a few
small transforms, composable in the spirit of jiwer's, that make the spoken and
written forms of what realtime voices say agree:

* ``@`` is said "at", the dots of a domain are said "dot" (``miempresa.com``);
* curly apostrophes are apostrophes (the normaliser only knows ``'``);
* digit runs are split into single digits, so "4729", "47 29" and "four seven
  two nine" all become ``4 7 2 9``;
* a currency sign is its word after the amount: Whisper's normaliser turns
  "five euros" into "€5" but leaves "euros 5" alone, and "$5" is said "five
  dollars"; and where Whisper itself writes the word first ("Your balance is
  Euros 105." for "one hundred and five euros") the decoded words are read
  amount first (`amount_first`);
* "ok" is "okay".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Transform = Callable[[str], str]

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u2032`´]")
_AT = re.compile(r"\s*@\s*")
# a dot between word characters followed by a TLD-ish tail: "miempresa.com", "a.b.org"
_DOMAIN_DOT = re.compile(r"(?<=\w)\.(?=[A-Za-z]{2,}\b)")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")

_NUMBER_WORDS = frozenset(
    "zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion point".split()
)
_SYNONYMS = {"ok": "okay"}


# how voices say "@" and the "." of a domain, per language (English otherwise)
_SPOKEN_AT = {"es": "arroba", "pt": "arroba", "fr": "arobase", "it": "chiocciola", "ca": "arrova"}
_SPOKEN_DOT = {"es": "punto", "it": "punto", "pt": "ponto", "fr": "point", "de": "punkt", "nl": "punt"}


def spoken_at(language: str) -> str:
    """How a voice speaking `language` says "@"."""
    return _SPOKEN_AT.get(language, "at")


def spoken_symbols(text: str, language: str = "en") -> str:
    """Write symbols the way a voice says them ("@" -> "at", "x.com" -> "x dot com")."""
    text = _APOSTROPHES.sub("'", text)
    text = _AT.sub(f" {spoken_at(language)} ", text)
    return _DOMAIN_DOT.sub(f" {_SPOKEN_DOT.get(language, 'dot')} ", text)


_CURRENCY = re.compile(r"([€$£¥])\s?(\d[\d.,]*)")
_CURRENCY_WORDS = {"€": "euros", "$": "dollars", "£": "pounds", "¥": "yen"}


def currency_words(text: str) -> str:
    return _CURRENCY.sub(lambda m: f"{m.group(2)} {_CURRENCY_WORDS[m.group(1)]}", text)


#: currency words Whisper sometimes writes before the amount, as a sign would stand
_CURRENCY_NAMES = frozenset("euro euros dollar dollars pound pounds yen peso pesos".split())


def amount_first(words: Sequence[str]) -> list[int]:
    """The order to read `words` in so a currency word written before its amount follows it.

    Nobody says "euros one hundred and five": that is Whisper writing "€105"
    in words, and read as written it would count as a missing "euros" at the
    end and an unexpected one before the number.
    """
    order = list(range(len(words)))
    i = 0
    while i < len(order) - 1:
        word = re.sub(r"[^\w]", "", words[order[i]].lower())
        j = i + 1
        while j < len(order) and (
            is_number_word(words[order[j]])
            or (words[order[j]].lower() == "and" and i + 1 < j < len(order) - 1 and is_number_word(words[order[j + 1]]))
        ):
            j += 1
        if word in _CURRENCY_NAMES and j > i + 1:
            order[i:j] = order[i + 1 : j] + [order[i]]
            i = j
        else:
            i += 1
    return order


def split_digits(text: str) -> str:
    return _DIGITS.sub(lambda m: " ".join(m.group(0)), text)


def compose(*transforms: Transform) -> Transform:
    def run(text: str) -> str:
        for t in transforms:
            text = t(text)
        return text

    return run


@functools.lru_cache(maxsize=8)
def _whisper_normalizer(language: str) -> Transform:
    if language == "en":
        from whisper_normalizer.english import EnglishTextNormalizer

        return EnglishTextNormalizer()
    from whisper_normalizer.basic import BasicTextNormalizer

    return BasicTextNormalizer()


def normalizer(language: str | None) -> Transform:
    lang = (language or "en").lower().split("-")[0]
    return compose(
        functools.partial(spoken_symbols, language=lang), _whisper_normalizer(lang), currency_words, split_digits
    )


def normalize(text: str, language: str | None = None) -> list[str]:
    """Text -> the word tokens that are compared."""
    words = _SPACES.split(normalizer(language)(text).strip())
    return [_SYNONYMS.get(w, w) for w in words if w]


@dataclass
class Unit:
    """Transcript words normalised together, and the tokens they became.

    Runs of number words form one unit so "forty seven" can become "4 7";
    everything else is one word per unit.
    """

    words: list[int]  # indices into the transcript's words
    tokens: list[str]


def split_words(text: str) -> list[str]:
    """The transcript's words as a person reads them (whitespace separated)."""
    return [w for w in _SPACES.split(_APOSTROPHES.sub("'", text).strip()) if w]


def is_number_word(word: str) -> bool:
    core = re.sub(r"[^\w-]", "", word.lower())
    parts = [p for p in core.split("-") if p]
    return bool(parts) and all(p in _NUMBER_WORDS or p.isdigit() for p in parts)


_WRITTEN_NUMBER = re.compile(r"\d[\d.,:]*(st|nd|rd|th)?")


def written_number(words: Sequence[str], language: str | None = None) -> str | None:
    """Spelled-out English number words as Whisper writes them ("one hundred and five" -> "105",
    "fifth" -> "5th"); None when they are not one number it would write in digits ("one" stays "one")."""
    if not (language or "en").startswith("en") or not all(is_number_word(w) or w.lower() == "and" for w in words):
        return None
    if any(ch.isdigit() for w in words for ch in w):
        return None  # already written in digits
    text = _whisper_normalizer("en")(" ".join(words)).strip()
    return text if _WRITTEN_NUMBER.fullmatch(text) else None


def units(words: Sequence[str], language: str | None = None) -> list[Unit]:
    out: list[Unit] = []
    english = (language or "en").startswith("en")
    i = 0
    while i < len(words):
        j = i + 1
        if english and is_number_word(words[i]):
            # a run of number words is read as one number ("one hundred and five" is 105); stop at
            # sentence punctuation
            while j < len(words) and not re.search(r"[.!?;:,]$", words[j - 1]):
                if is_number_word(words[j]):
                    j += 1
                elif (
                    words[j].lower() == "and"
                    and words[j - 1].lower().strip(",") in ("hundred", "thousand")
                    and j + 1 < len(words)
                    and is_number_word(words[j + 1])
                ):
                    j += 2
                else:
                    break
        out.append(Unit(list(range(i, j)), normalize(" ".join(words[i:j]), language)))
        i = j
    return out
