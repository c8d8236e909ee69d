"""Issue 10, item 10: a transcript of punctuation alone says nothing, and is judged as an empty one."""

from __future__ import annotations

import pytest

from tests.helpers.speech import Speech
from verifier import Verifier
from verifier.schema.results import VerdictClass


@pytest.mark.slow
def test_a_punctuation_only_transcript_is_judged_like_an_empty_one(tiny_verifier: Verifier, speech: Speech) -> None:
    clip = speech.join(
        speech("Thank you for calling. Your order has shipped and will arrive on Tuesday."),
        speech("Is there anything else I can help you with today?"),
    )
    assert clip.size / 16_000 > 6
    empty = tiny_verifier.verify_samples(clip, "", language="en")
    assert empty.verdict is not VerdictClass.MATCH
    for transcript in (". . .", "... !!!", " ?! "):
        v = tiny_verifier.verify_samples(clip, transcript, language="en")
        assert (v.verdict, v.flags) == (empty.verdict, empty.flags), (transcript, v.explanation)
        assert v.transcript == transcript  # the claim is kept as the service sent it
