"""How well the ASR reads a run's voice: the bands a calibration records and the sentence reports print."""

from __future__ import annotations

import json

import pytest

from verifier.schema.reading import (
    MIN_REPLIES,
    ReadingBand,
    ReadingBandError,
    bands_from_json,
    from_run_info,
    note,
    notes,
    run_info,
)

BANDS = (
    ReadingBand(0.0, 0.4, 40, 137, 47),
    ReadingBand(0.4, 0.6, 21, 127, 26),
    ReadingBand(0.6, 0.8, 22, 218, 25),
    ReadingBand(0.8, 1.0, 39, 618, 23),
)


def test_a_voice_read_badly_gets_the_advice_to_listen_and_one_read_well_does_not() -> None:
    poor = note([0.7, 0.65, 0.72, 0.9, 0.3], BANDS, "base")
    assert poor is not None
    assert poor.startswith("Whisper base reads this voice with a median word probability of 0.70 (5 replies).")
    assert "between 0.6 and 0.8, 11% of faithful replies were flagged (25 of 218, 22 voices)" in poor
    assert "listen to a flag before acting on it" in poor
    good = note([0.95] * 8, BANDS, "base")
    assert good is not None and "4% of faithful replies were flagged (23 of 618, 39 voices)." in good
    assert "listen" not in good
    # a perfect reading falls in the top band, not outside every band
    top = note([1.0] * 5, BANDS, "base")
    assert top is not None and "between 0.8 and 1.0" in top


def test_too_few_replies_or_none_scored_say_nothing_and_no_bands_say_only_the_reading() -> None:
    assert note([0.9] * (MIN_REPLIES - 1) + [None, None], BANDS, "base") is None
    assert note([], BANDS, "base") is None
    # read back from a results file edited by hand or by a tool: what is no probability is left out
    hostile = note([0.9, 0.9, 0.9, 0.9, "0.1", float("nan"), 7.0, True, None], BANDS, "base")
    assert note([0.9] * 4, BANDS, "base") is None and hostile is None
    bare = note([0.5] * MIN_REPLIES, (), "tiny.en")
    assert bare == f"Whisper tiny.en reads this voice with a median word probability of 0.50 ({MIN_REPLIES} replies)."


def test_bands_round_trip_through_run_info_and_bad_ones_name_the_entry() -> None:
    info = json.loads(json.dumps(run_info("base", BANDS)))
    assert from_run_info(info) == ("base", BANDS)
    assert from_run_info(None) is None and from_run_info({"bands": []}) is None  # runs from before
    assert from_run_info({"model": "base", "bands": [{"low": 2}]}) is None  # unusable: no sentence, no crash
    with pytest.raises(ReadingBandError, match=r"calib.json: field 'reading_bands\[1\]': .*'low' and 'high'"):
        bands_from_json([BANDS[0].to_json(), {"low": "x", "high": 0.5}], "calib.json")
    with pytest.raises(ReadingBandError, match=r"reading_bands\[0\]'.* more faithful replies flagged \(9\)"):
        bands_from_json([{"low": 0.0, "high": 0.5, "voices": 1, "faithful": 3, "flagged": 9}], "calib.json")
    with pytest.raises(ReadingBandError, match="must be counts"):
        bands_from_json([{"low": 0.0, "high": 0.5, "voices": True, "faithful": 3, "flagged": 1}], "c")
    with pytest.raises(ReadingBandError, match="0 <= low < high <= 1"):
        bands_from_json([{"low": 0.6, "high": 0.5, "voices": 1, "faithful": 3, "flagged": 1}], "c")


def test_a_run_that_names_its_voices_is_told_how_each_is_read() -> None:
    replies = [("alloy", 0.95)] * 5 + [(None, 0.3)] * 5 + [("ash", 0.7)] * 4 + [("alloy", 0.9)]
    said = notes(replies, BANDS, "base")
    # in the order the voices first come; "ash", with four replies, says nothing
    assert len(said) == 2
    assert said[0].startswith(
        "Whisper base reads the voice 'alloy' with a median word probability of 0.95 (6 replies)."
    )
    assert said[1].startswith("Whisper base reads this voice with a median word probability of 0.30 (5 replies).")
    assert "listen" in said[1] and "listen" not in said[0]
    # a run that names none reads as it always did
    assert notes([(None, 0.95)] * 5, BANDS, "base") == [note([0.95] * 5, BANDS, "base")]
    assert notes([], BANDS, "base") == []
