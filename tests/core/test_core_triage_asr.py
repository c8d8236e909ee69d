"""The triage at run time, through the real Whisper models: what it passes is never decoded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.helpers.speech import Speech
from verifier import Verifier
from verifier.core.calibration import default
from verifier.core.calibration.statistics import TRIAGE_FEATURES
from verifier.core.calibration.triage import Triage

pytestmark = pytest.mark.slow  # Whisper on synthesised speech

R3 = (
    "Exactly, it used to work automatically before, but since the last update I have to press "
    "the translate button each time."
)
R3_TAIL = (
    "it used to work automatically before, but since the last update I have to press the translate button each time."
)


def _triage(below: float) -> Triage:
    n = len(TRIAGE_FEATURES)
    return Triage(TRIAGE_FEATURES, [0.4] * n, -1.0, [0.5] * n, [1.0] * n, below)


def test_a_clip_the_triage_passes_is_not_decoded_and_carries_the_probability_the_bench_gives_it(
    base_verifier: Verifier, speech: Speech
) -> None:
    shipped = default("base")
    assert shipped is not None
    exacto = speech.join(speech("Exacto,", "es"), speech(R3_TAIL))

    def verifier(triage: Triage | None) -> Verifier:
        v = Verifier("base", calibration=replace(shipped, triage=triage))
        v._engine, v._second = base_verifier.engine, base_verifier.second_engine  # share the loaded models
        return v

    # the rules' own test sends the clip to free decoding (its first word is unheard)
    plain = verifier(None).verify_samples(exacto, R3, language="en")
    assert plain.asr_text is not None and plain.evidence is not None and plain.evidence["triage_p"] is None
    # a triage that passes it: judged faithful before decoding, at the probability the bench would give
    # it from the record of the decoded run (what a triage is fitted and measured on)
    lenient = _triage(below=0.9999)
    passed = verifier(lenient).verify_samples(exacto, R3, language="en")
    assert passed.asr_text is None and passed.verdict == "match" and passed.evidence is not None
    assert passed.confidence == pytest.approx(lenient.probability(plain.evidence), abs=1e-4)
    assert passed.evidence["triage_p"] == pytest.approx(lenient.probability(plain.evidence), abs=1e-6)
    # read by the second reader before the triage, exactly as the decoded run read it after decoding
    assert [u["p2"] for u in passed.evidence["units"]] == [u["p2"] for u in plain.evidence["units"]]
    assert all(u["p2"] is not None for u in passed.evidence["units"])
    assert "free decoding skipped" in passed.explanation
    # one that does not: decoded and judged as without a triage
    strict = verifier(_triage(below=1e-9)).verify_samples(exacto, R3, language="en")
    assert strict.asr_text == plain.asr_text and strict.verdict == plain.verdict
    assert strict.confidence == plain.confidence and strict.evidence is not None
    # the second reading taken before the triage is the one the decoded run took after decoding
    assert {**strict.evidence, "triage_p": None} == plain.evidence
