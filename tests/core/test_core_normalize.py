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
    # "one", which the normaliser leaves a word, in the figure Whisper writes as often
    assert written_number(["one."]) == "1"
    # what is already digits, and other languages, stay as they are
    assert written_number(["4729"]) is None
    assert written_number(["cinco"], "es") is None


def test_an_amount_with_cents_reads_as_it_is_said() -> None:
    # piper's faithful "seven dollars sixty" was decoded "$7.60": read "7.6 0 dollars", it matched nothing
    assert normalize("That costs $7.60.") == normalize("That costs seven dollars sixty.")
    assert normalize("$7.60") == normalize("seven dollars and sixty cents") == ["7", "dollars", "6", "0"]
    assert normalize("$0.60") == normalize("sixty cents") == ["6", "0", "cents"]
    # a changed amount stays changed
    assert normalize("$7.40") != normalize("seven dollars sixty")
    # a decimal that is not cents keeps its point
    assert normalize("$12.5") == ["1", "2.5", "dollars"]


def test_a_figure_keeps_its_spoken_leading_zeros() -> None:
    # the normaliser writes "0142" as "142", yet "zero one four two" as "0142"
    assert normalize("Your code is 0142.") == normalize("Your code is zero one four two.")
    assert normalize("007") == normalize("oh oh seven") == ["0", "0", "7"]
    assert normalize("0142") != normalize("142")
    # a time and a decimal are not said with their zeros
    assert normalize("09:30") == normalize("nine thirty")
    assert normalize("$7.05") == ["7", "dollars", "0", "5"]


def test_one_is_one_figure_whichever_way_whisper_writes_it() -> None:
    assert normalize("It is ten until one.") == normalize("It is 10 until 1.") == ["it", "is", "1", "0", "until", "1"]
    assert normalize("the one I want") == ["the", "1", "i", "want"]


def test_a_number_in_one_word_is_scored_both_ways_a_run_in_figures() -> None:
    from verifier.core.evidence import align_forms

    words = split_words("It is ten until one, two hundred and five euros, twenty-one cats.")
    written, figures = align_forms(words, units(words), "en")
    # Whisper writes "10 until 1" and "two cats" alike: the caller scores both lists, unit by unit
    assert written == ["It", "is", "ten", "until", "one,", "205", "", "", "", "euros,", "21", "cats."]
    assert figures == ["It", "is", "10", "until", "1,", "205", "", "", "", "euros,", "21", "cats."]
    # a run of number words is one figure either way: a changed figure shows in its own token
    words = split_words("Room three hundred and twelve.")
    assert align_forms(words, units(words), "en") == (["Room", "312.", "", "", ""], None)
    assert align_forms(["Hola"], units(["Hola"], "es"), "es") == (["Hola"], None)


def test_each_unit_is_taken_from_the_reading_that_explains_it_better_and_a_figure_is_exact() -> None:
    from verifier.core.evidence import Reading, Scored, better_per_unit

    # "ten until one": unit 0 "ten" (two tokens as written, one as "10"), unit 1 "until", unit 2 "one"
    us = units(["ten", "until", "one."])
    as_written = Reading(
        Scored([0.2, 0.3, 0.9, 0.8], [0.0, 0.2, 0.4, 0.7, 1.0]),
        [1, 2, 3, 4],
        [0, 2, 3, 4],
        [[0, 1], [2], [3]],
        [False] * 3,
    )
    in_figures = Reading(
        Scored([0.9, 0.5, 0.1], [0.0, 0.3, 0.6, 0.9]), [5, 3, 6], [0, 1, 2, 3], [[0], [1], [2]], [True, False, True]
    )
    r = better_per_unit((as_written, in_figures), us)
    assert r.tokens == [5, 3, 4] and r.starts_at == [0, 1, 2, 3] and r.unit_tokens == [[0], [1], [2]]
    assert [r.unit_prob(k) for k in range(3)] == pytest.approx([0.9, 0.9, 0.8])
    assert r.scored.starts == [0.0, 0.4, 0.7, 1.0]  # each unit's own times, in order
    # a figure's probability is its tokens' geometric mean: one wrong digit is not averaged away
    code = Reading(Scored([0.87, 0.86, 1e-6], [0.0, 0.1, 0.2, 0.3]), [7, 8, 9], [0, 3], [[0, 1, 2]], [True])
    assert (code.unit_prob(0) or 1.0) < 0.02
    assert Reading(code.scored, code.tokens, code.starts_at, code.unit_tokens, [False]).unit_prob(0) == pytest.approx(
        0.577, abs=1e-3
    )
