"""Normalisation and word scoring: differences of form are not errors; differences of words are."""

from __future__ import annotations

import pytest

from verifier.core.decision import Thresholds
from verifier.core.normalize import amount_first, normalize, split_words, units, written_number
from verifier.core.words import match_units, token_ops, wer


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Your order number is 4729.", "your order number is four seven two nine"),
        ("Your order number is 4729.", "Your order number is 47 29"),
        ("Send it to soporte @ miempresa.com.", "send it to soporte at miempresa dot com"),
        ("Mail help@example.com today", "mail help at example dot com today"),
        ("It's fine, I don't mind.", "it is fine i do not mind"),
        ("That’s the best one!", "THAT'S THE BEST ONE"),
        ("OK, see you.", "okay see you"),
    ],
)
def test_core_forms_of_the_same_words_compare_equal(written: str, spoken: str) -> None:
    assert normalize(written, "en") == normalize(spoken, "en")
    assert wer(normalize(written, "en"), normalize(spoken, "en")) == 0.0


def test_core_different_words_still_differ() -> None:
    assert wer(normalize("Your order ships Tuesday.", "en"), normalize("your order ships thursday", "en")) > 0
    assert normalize("4729", "en") != normalize("4728", "en")


def test_core_non_english_normaliser_keeps_words_and_accents() -> None:
    assert normalize("Envíalo por favor a soporte @ miempresa.com.", "es") == [
        "envíalo",
        "por",
        "favor",
        "a",
        "soporte",
        "arroba",
        "miempresa",
        "punto",
        "com",
    ]
    assert normalize("¡Hola! ¿Cómo estás?", "es") == ["hola", "cómo", "estás"]


def test_core_number_words_form_one_unit() -> None:
    words = split_words("Order four seven two nine, then stop.")
    us = units(words, "en")
    assert [words[i] for i in us[1].words] == ["four", "seven", "two", "nine,"]
    assert us[1].tokens == ["4", "7", "2", "9"]


def test_core_match_units_names_missing_and_extra_words() -> None:
    words = split_words("I'm checking. Yes, I found it.")
    us = units(words, "en")
    m = match_units(us, normalize("I am checking", "en"))
    assert [u.op for u in m.units] == ["ok", "ok", "missing", "missing", "missing", "missing"]
    fuzzy = match_units(units(split_words("Write to miempresa"), "en"), normalize("write to meepresa", "en"))
    assert fuzzy.units[2].op == "ok" and 0.7 <= fuzzy.units[2].similarity < 1.0
    extra = match_units(units(split_words("Sure."), "en"), normalize("Sure. Anything else?", "en"))
    assert [extra.units[0].op] == ["ok"]
    assert len(extra.extra_after) == 2


def test_core_token_ops_cover_both_sides() -> None:
    ops = token_ops(["a", "b", "c"], ["a", "x", "c", "d"])
    assert [o.op for o in ops] == ["equal", "substitute", "equal", "insert"]
    assert token_ops([], ["a"])[0].op == "insert"
    assert token_ops(["a"], [])[0].op == "delete"


def test_core_an_extra_sentence_is_not_read_as_a_changed_tail() -> None:
    """Of two alignments with as many edits, the one matching more words: "dollars" is heard where it
    was said, and the sentence after it is extra, not the transcript's tail said otherwise."""
    said = units(split_words("Your total is forty dollars."), "en")
    heard = normalize("Your total is $14. I have also sent a copy to your email.", "en")
    m = match_units(said, heard)
    assert [u.op for u in m.units] == ["ok", "ok", "ok", "substituted", "ok"]
    assert [heard[j] for j in m.extra_after] == "i have also sent a copy to your email".split()
    ops = token_ops(["a", "b", "c"], ["a", "x", "c", "y", "z"])  # nothing to gain: jiwer's own alignment
    assert [o.op for o in ops] == ["equal", "substitute", "equal", "insert", "insert"]


def test_core_thresholds_parse_and_reject() -> None:
    t = Thresholds.parse(["heard_prob=0.4", "extra_speech_s=1,mismatch_min_words=3"])
    assert (t.heard_prob, t.extra_speech_s, t.mismatch_min_words) == (0.4, 1.0, 3)
    with pytest.raises(ValueError, match="unknown threshold"):
        Thresholds.parse(["nope=1"])
    with pytest.raises(ValueError, match="not a number"):
        Thresholds.parse(["heard_prob=high"])


def test_a_british_hundred_and_is_one_number_and_a_currency_sign_its_word() -> None:
    # flite, festival, piper and kokoro all said "one hundred and five euros"; Whisper wrote "105 euros"
    spoken = units("Your balance is one hundred and five euros.".split())
    assert [u.tokens for u in spoken][3:] == [["1", "0", "5"], ["euros"]]
    assert normalize("Your balance is 105 euros.") == normalize("Your balance is one hundred and five euros.")
    assert normalize("That is $40.") == normalize("That is forty dollars.")
    # "and" between numbers that are not one number stays a word
    assert [u.tokens for u in units("two and three".split())] == [["2"], ["and"], ["3"]]


def test_a_currency_word_whisper_writes_first_is_read_after_its_amount() -> None:
    # five engines' faithful "one hundred and five euros" came back as "Your balance is Euros 105."
    def read(text: str) -> str:
        words = text.split()
        return " ".join(words[i] for i in amount_first(words))

    assert read("Your balance is Euros 105.") == "Your balance is 105. Euros"
    assert read("Euros one hundred and five.") == "one hundred and five. Euros"
    assert read("pay 40 dollars") == "pay 40 dollars"
    # a currency word with no amount after it, or only "and", stays where it is
    assert read("euros and 5") == "euros and 5"
    assert read("in euros") == "in euros"


def test_spelled_numbers_are_scored_in_the_digits_whisper_writes() -> None:
    assert written_number("one hundred and five".split()) == "105"
    assert written_number(["forty-two"]) == "42"
    assert written_number(["twelve."]) == "12"
    # what Whisper writes as a word, what is already digits, and other languages stay as they are
    assert written_number(["one"]) is None
    assert written_number(["4729"]) is None
    assert written_number(["cinco"], "es") is None
