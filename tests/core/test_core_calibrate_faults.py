"""`verifier calibrate`'s faults, made from real speech with the real word timings, get the labels they claim."""

from __future__ import annotations

import random

import pytest

from tests.helpers.speech import Speech
from verifier import Verifier
from verifier.harness.calibrate import Source, _timed_words, make_faults

pytestmark = pytest.mark.slow  # Whisper on synthesised speech


def test_core_faults_made_from_a_faithful_reply_are_faults(base_verifier: Verifier, speech: Speech) -> None:
    text = "Your order ships tomorrow morning from our warehouse in Denver."
    other = "Thank you for calling, have a nice day."
    src = Source("a", speech(text), text, "en")
    rules = Verifier("base", calibration=None)
    rules._engine = base_verifier.engine  # one model load for the session
    first = rules.verify_samples(src.samples, text, language="en")
    assert first.verdict == "match", first.explanation
    timed = _timed_words(first)
    assert len(timed) >= 8 and all(a <= b for _, a, b in timed)
    faults = make_faults(
        src,
        timed,
        [src, Source("b", speech(other), other, "en")],
        [Source("c", speech("Muchas gracias por su paciencia.", "es"), "", "es")],
        random.Random(3),
    )
    kinds = {f.kind: f for f in faults}
    assert {"cut_tail", "cut_head", "drop_word", "swap_word", "code_switch", "extra_sentence", "silence"} <= set(kinds)
    for kind in ("cut_tail", "extra_sentence", "silence", "code_switch"):
        f = kinds[kind]
        v = rules.verify_samples(f.samples, f.transcript, language="en")
        assert v.verdict != "match", (kind, v.explanation)
        assert v.evidence is not None and v.evidence["rule"] == v.verdict.value
