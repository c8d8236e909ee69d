"""The one wire vocabulary: what the simulator sends, the collector understands."""

from __future__ import annotations

from verifier.schema import wire


def test_every_name_the_simulator_sends_has_a_kind_in_its_own_family() -> None:
    for shape, names in wire.EVENT_NAMES.items():
        for name in names.values():
            assert wire.kind_of(name) is not None, name
            assert wire.family_of(name) in (None, shape), name


def test_audio_delta_names_are_the_two_families_audio_deltas() -> None:
    assert wire.AUDIO_DELTA_NAMES == {
        wire.EVENT_NAMES[wire.BETA]["audio_delta"],
        wire.EVENT_NAMES[wire.GA]["audio_delta"],
    }


def test_response_id_of_reads_both_places_and_rejects_non_strings() -> None:
    assert wire.response_id_of({"type": "response.created", "response": {"id": "r1"}}) == "r1"
    assert wire.response_id_of({"type": "response.audio.delta", "response_id": "r2"}) == "r2"
    assert wire.response_id_of({"type": "response.audio.delta", "response_id": 7}) is None
    assert wire.response_id_of({"type": "response.done", "response": "r3"}) is None
