"""The sans-I/O session: validation, errors and event sequences, no sockets, no TTS."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from verifier.simulator.faults import FaultInjector
from verifier.simulator.protocol import IdFactory, Outcome, Session
from verifier.simulator.responses import ResponseRun, Step

PROMPT = "Please send it to soporte @ miempresa.com. That's the best one."


def session(shape: str = "beta", flavor: str = "azure", faults: str = "") -> Session:
    s = Session(shape=shape, flavor=flavor, model="gpt-realtime", faults=FaultInjector(faults, 0), ids=IdFactory(3))
    s.open()
    return s


def rx(s: Session, event: dict[str, Any] | str) -> Outcome:
    return s.receive(event if isinstance(event, str) else json.dumps(event))


def error_of(out: Outcome) -> dict[str, Any]:
    assert [e["type"] for e in out.events] == ["error"], out.events
    err: dict[str, Any] = out.events[0]["error"]
    return err


def item(text: str) -> dict[str, Any]:
    return {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]},
    }


def run_to_end(run: ResponseRun, audio: bytes) -> list[dict[str, Any]]:
    steps: list[Step] = list(run.body(audio))
    return [s.event for s in steps if s.event is not None]


def test_session_created_has_each_shape_schema() -> None:
    beta = Session(shape="beta", ids=IdFactory(1)).open()[0]
    ga = Session(shape="ga", ids=IdFactory(1)).open()[0]
    assert beta["type"] == ga["type"] == "session.created"
    assert beta["session"]["modalities"] == ["text", "audio"] and beta["session"]["output_audio_format"] == "pcm16"
    assert "output_modalities" not in beta["session"] and "audio" not in beta["session"]
    assert ga["session"]["type"] == "realtime" and ga["session"]["output_modalities"] == ["audio"]
    assert ga["session"]["audio"]["output"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert "temperature" not in ga["session"] and "modalities" not in ga["session"]
    assert beta["event_id"].startswith("event_") and beta["session"]["id"].startswith("sess_")


def test_session_update_answers_with_the_full_effective_config() -> None:
    s = session("beta")
    out = rx(
        s,
        {
            "type": "session.update",
            "session": {
                "modalities": ["text", "audio"],
                "instructions": "Translate.",
                "output_audio_format": "g711_ulaw",
                "temperature": 0.6,
            },
        },
    )
    cfg = out.events[0]["session"]
    assert out.events[0]["type"] == "session.updated"
    assert (cfg["instructions"], cfg["output_audio_format"], cfg["temperature"]) == ("Translate.", "g711_ulaw", 0.6)
    assert cfg["voice"] == "alloy" and cfg["turn_detection"]["type"] == "server_vad"  # untouched fields stay
    cfg = rx(s, {"type": "session.update", "session": {"turn_detection": None}}).events[0]["session"]
    assert cfg["turn_detection"] is None and cfg["output_audio_format"] == "g711_ulaw"

    g = session("ga")
    cfg = rx(
        g,
        {
            "type": "session.update",
            "session": {"type": "realtime", "audio": {"output": {"format": {"type": "audio/pcmu"}}}},
        },
    ).events[0]["session"]
    assert cfg["audio"]["output"] == {"format": {"type": "audio/pcmu"}, "voice": "marin", "speed": 1.0}


@pytest.mark.parametrize(
    "shape,field,value,message",
    [
        (
            "beta",
            "modalities",
            ["audio"],
            "Invalid modalities: ['audio']. Supported combinations are: ['text'] and ['audio', 'text'].",
        ),
        (
            "ga",
            "output_modalities",
            ["audio", "text"],
            "Invalid modalities: ['audio', 'text']. Supported combinations are: ['text'] and ['audio'].",
        ),
    ],
)
def test_modality_rules_reject_with_the_documented_errors(
    shape: str, field: str, value: list[str], message: str
) -> None:
    s = session(shape)
    update: dict[str, Any] = {field: value} if shape == "beta" else {"type": "realtime", field: value}
    err = error_of(rx(s, {"type": "session.update", "event_id": "evt_7", "session": update}))
    assert err == {
        "type": "invalid_request_error",
        "code": "invalid_value",
        "message": message,
        "param": f"session.{field}",
        "event_id": "evt_7",
    }
    err = error_of(rx(s, {"type": "response.create", "response": {field: value}}))
    assert err["message"] == message and err["param"] == f"response.{field}"
    ok = ["audio", "text"] if shape == "beta" else ["audio"]
    assert rx(s, {"type": "session.update", "session": {**update, field: ok}}).events[0]["type"] == "session.updated"
    assert (
        rx(s, {"type": "session.update", "session": {**update, field: ["text"]}}).events[0]["type"] == "session.updated"
    )


def test_ga_rejects_temperature_flat_beta_fields_and_a_missing_type() -> None:
    s = session("ga")
    cases = [
        ({"type": "realtime", "temperature": 0.6}, "unknown_parameter", "session.temperature"),
        ({"type": "realtime", "input_audio_format": "pcm16"}, "unknown_parameter", "session.input_audio_format"),
        ({"type": "realtime", "modalities": ["text"]}, "unknown_parameter", "session.modalities"),
        ({"instructions": "hi"}, "missing_required_parameter", "session.type"),
    ]
    for update, code, param in cases:
        err = error_of(rx(s, {"type": "session.update", "session": update}))
        assert (err["code"], err["param"]) == (code, param)
    assert (
        error_of(rx(s, {"type": "session.update", "session": {"type": "realtime", "temperature": 0.6}}))["message"]
        == "Unknown parameter: 'session.temperature'."
    )
    # and the preview shape rejects GA fields the same way
    err = error_of(rx(session("beta"), {"type": "session.update", "session": {"output_modalities": ["audio"]}}))
    assert (err["code"], err["param"]) == ("unknown_parameter", "session.output_modalities")


def test_beta_validates_values_and_ranges() -> None:
    s = session("beta")
    err = error_of(rx(s, {"type": "session.update", "session": {"temperature": 0.2}}))
    assert err["code"] == "decimal_below_min_value" and "Expected a value >= 0.6" in err["message"]
    err = error_of(rx(s, {"type": "session.update", "session": {"output_audio_format": "mp3"}}))
    assert err["message"] == "Invalid value: 'mp3'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'."
    err = error_of(rx(s, {"type": "session.update", "session": {"instructions": 5}}))
    assert err["code"] == "invalid_type" and err["param"] == "session.instructions"


def test_bad_client_events_get_error_events_and_the_session_survives() -> None:
    s = session("beta")
    assert error_of(rx(s, "{not json"))["code"] == "invalid_json"
    assert error_of(rx(s, "[1, 2]"))["code"] == "invalid_type"
    err = error_of(rx(s, {"event_id": "evt_1", "item": {}}))
    assert (err["code"], err["message"], err["event_id"]) == ("invalid_event", "The 'type' field is missing.", "evt_1")
    err = error_of(rx(s, {"type": "response.explode", "event_id": "evt_2"}))
    assert err["code"] == "invalid_value" and err["param"] == "type" and err["event_id"] == "evt_2"
    assert err["message"].startswith("Invalid value: 'response.explode'. Supported values are: 'session.update'")
    err = error_of(rx(s, {"type": "conversation.item.create"}))
    assert (err["code"], err["param"]) == ("missing_required_parameter", "item")
    err = error_of(
        rx(
            s,
            {
                "type": "conversation.item.create",
                "item": {"type": "message", "role": "assistant", "content": [{"type": "audio", "audio": "AAAA"}]},
            },
        )
    )
    assert (err["code"], err["param"]) == ("invalid_value", "item.content[0].type")  # no assistant audio items
    err = error_of(
        rx(
            s,
            {
                "type": "conversation.item.create",
                "item": {"type": "message", "role": "user", "content": [{"type": "input_text"}]},
            },
        )
    )
    assert err["param"] == "item.content[0].text"
    assert error_of(rx(s, {"type": "response.cancel"}))["code"] == "response_cancel_not_active"
    assert error_of(rx(s, {"type": "input_audio_buffer.commit"}))["code"] == "input_audio_buffer_commit_empty"
    # still alive and answering
    out = rx(s, item("Hello there."))
    assert [e["type"] for e in out.events] == ["conversation.item.created"]
    assert out.events[0]["item"]["content"][0]["text"] == "Hello there."


def test_one_active_response_per_conversation_but_out_of_band_is_free() -> None:
    s = session("beta")
    rx(s, item(PROMPT))
    first = rx(s, {"type": "response.create"})
    assert first.run is not None and first.events[0]["type"] == "response.created"
    err = error_of(rx(s, {"type": "response.create", "event_id": "evt_9"}))
    assert err["code"] == "conversation_already_has_active_response" and err["event_id"] == "evt_9"
    assert rx(s, {"type": "response.create", "response": {"conversation": "none"}}).run is not None
    run_to_end(first.run, bytes(16000))
    assert rx(s, {"type": "response.create"}).run is not None


def test_cancel_closes_the_open_parts_with_client_cancelled() -> None:
    s = session("ga", "openai")
    rx(s, item(PROMPT))
    out = rx(s, {"type": "response.create"})
    assert out.run is not None
    body = out.run.body(bytes(48000 * 3))
    next(body), next(body)
    cancelled = rx(s, {"type": "response.cancel"}).events
    assert [e["type"] for e in cancelled] == [
        "response.output_audio.done",
        "response.output_audio_transcript.done",
        "response.content_part.done",
        "response.output_item.done",
        "conversation.item.done",
        "response.done",
    ]
    done = cancelled[-1]["response"]
    assert done["status"] == "cancelled" and done["status_details"] == {
        "type": "cancelled",
        "reason": "client_cancelled",
    }
    assert list(body) == []  # the stream notices and stops


def _sequence(shape: str, flavor: str, fault: str | None = None) -> tuple[Outcome, list[dict[str, Any]]]:
    s = session(shape, flavor)
    rx(s, item(PROMPT))
    params: dict[str, Any] = {"conversation": "none"}
    if fault:
        params["metadata"] = {"sim_fault": fault}
    out = rx(s, {"type": "response.create", "response": params})
    assert out.run is not None
    return out, out.events + run_to_end(out.run, bytes(range(256)) * 100)


@pytest.mark.parametrize("shape,flavor", [("beta", "azure"), ("ga", "azure"), ("beta", "openai")])
def test_full_event_sequence_with_ids(shape: str, flavor: str) -> None:
    out, events = _sequence(shape, flavor)
    types = [e["type"] for e in events]
    pre = "response.audio" if shape == "beta" else "response.output_audio"
    assert types[:4] == [
        "response.created",
        "rate_limits.updated",
        "response.output_item.added",
        "response.content_part.added",
    ]  # conversation "none": no conversation item event
    assert types[-5:] == [
        f"{pre}.done",
        f"{pre}_transcript.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.done",
    ]
    assert types.index(f"{pre}_transcript.delta") < types.index(f"{pre}.delta")  # transcript runs ahead
    assert len({e["event_id"] for e in events}) == len(events)
    rid = events[0]["response"]["id"]
    scoped = [e for e in events if "item_id" in e]
    assert all(e["response_id"] == rid and e["output_index"] == 0 and e["content_index"] == 0 for e in scoped)
    deltas = "".join(e["delta"] for e in events if e["type"] == f"{pre}_transcript.delta")
    done = next(e for e in events if e["type"] == f"{pre}_transcript.done")["transcript"]
    assert deltas == done == PROMPT
    audio = b"".join(base64.b64decode(e["delta"]) for e in events if e["type"] == f"{pre}.delta")
    assert audio == bytes(range(256)) * 100
    part = events[3]
    assert part["part"] == {"type": "audio", "transcript": ""}
    assert ("content" in part) == (shape == "beta" and flavor == "azure")  # Azure preview's duplicate
    final = events[-1]["response"]
    assert final["status"] == "completed" and final["conversation_id"] is None
    content = final["output"][0]["content"][0]
    assert content == {"type": "audio" if shape == "beta" else "output_audio", "transcript": PROMPT}
    usage = final["usage"]
    assert (
        usage["output_token_details"]["audio_tokens"] > 0
        and usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    )
    assert ("modalities" in final) == (shape == "beta") and ("output_modalities" in final) == (shape == "ga")
    assert out.truth[0]["response_id"] == rid and out.truth[0]["fault"] is None


def test_text_only_fault_is_the_seed_report() -> None:
    out, events = _sequence("beta", "azure", "text_only")
    types = [e["type"] for e in events]
    assert events[3]["part"] == {"type": "text", "text": ""} == events[3]["content"]
    assert not any("audio" in t for t in types)
    assert "response.text.delta" in types and "response.text.done" in types
    final = events[-1]["response"]
    assert final["status"] == "completed" and final["output"][0]["content"][0] == {"type": "text", "text": PROMPT}
    assert final["usage"]["output_token_details"]["audio_tokens"] == 0
    assert out.truth[0]["fault"] == "text_only"


def test_rate_limit_fault_is_an_error_event_and_no_response() -> None:
    s = session("beta")
    rx(s, item(PROMPT))
    out = rx(
        s, {"type": "response.create", "event_id": "evt_rl", "response": {"metadata": {"sim_fault": "rate_limit"}}}
    )
    err = error_of(out)
    assert out.run is None and err["code"] == "rate_limit_exceeded" and err["event_id"] == "evt_rl"
    assert err["message"].startswith("Rate limit reached for gpt-realtime")
    assert out.truth[0]["fault"] == "rate_limit" and out.truth[0]["response_id"] is None
    assert rx(s, {"type": "response.create"}).run is not None  # nothing is left active


@pytest.mark.parametrize("fault,action", [("disconnect", "disconnect"), ("stall", "stall")])
def test_stream_faults_stop_before_response_done(fault: str, action: str) -> None:
    s = session("beta")
    rx(s, item(PROMPT))
    out = rx(s, {"type": "response.create", "response": {"metadata": {"sim_fault": fault}}})
    assert out.run is not None
    steps = list(out.run.body(bytes(48000 * 4)))  # 4 s of pcm16
    assert steps[-1].action == action and steps[-1].event is None
    assert not any(st.event and st.event["type"].endswith(".done") for st in steps)
    assert any(st.event and st.event["type"] == "response.audio.delta" for st in steps)
    assert (out.run in s.active_runs) == (fault == "stall")  # a stalled response stays active


def test_unknown_sim_fault_value_is_an_error() -> None:
    s = session("beta")
    err = error_of(rx(s, {"type": "response.create", "response": {"metadata": {"sim_fault": "explode"}}}))
    assert err["param"] == "response.metadata.sim_fault" and "unknown fault 'explode'" in err["message"]


def test_response_input_replaces_context_and_references_items() -> None:
    s = session("beta")
    created = rx(s, item("I'm sorry for the wait.")).events[0]["item"]["id"]
    rx(s, item("Your order was shipped yesterday."))
    out = rx(
        s,
        {
            "type": "response.create",
            "response": {"conversation": "none", "input": [{"type": "item_reference", "id": created}]},
        },
    )
    assert out.truth[0]["details"]["prompt"] == "I'm sorry for the wait."
    out = rx(s, {"type": "response.create", "response": {"conversation": "none", "input": []}})
    assert out.truth[0]["details"]["transcript"] == "Hello! How can I help you today?"


def test_response_create_overrides_the_output_format_for_one_response() -> None:
    s = session("beta")
    rx(s, item(PROMPT))
    out = rx(s, {"type": "response.create", "response": {"conversation": "none", "output_audio_format": "g711_alaw"}})
    assert out.run is not None and out.run.audio_format == "g711_alaw" and out.truth[0]["audio_format"] == "g711_alaw"
    assert run_to_end(out.run, bytes(8000))[-1]["response"]["output_audio_format"] == "g711_alaw"
    assert s.config["output_audio_format"] == "pcm16"  # the session keeps its own
    g = session("ga")
    rx(g, item(PROMPT))
    out = rx(g, {"type": "response.create", "response": {"audio": {"output": {"format": {"type": "audio/pcmu"}}}}})
    assert out.run is not None and out.run.audio_format == "g711_ulaw"
    assert out.events[0]["response"]["audio"]["output"]["format"] == {"type": "audio/pcmu"}


def test_voice_cannot_change_once_audio_was_produced() -> None:
    s = session("beta")
    assert rx(s, {"type": "session.update", "session": {"voice": "verse"}}).events[0]["type"] == "session.updated"
    rx(s, item(PROMPT))
    rx(s, {"type": "response.create", "response": {"conversation": "none"}})
    err = error_of(rx(s, {"type": "session.update", "session": {"voice": "ash"}}))
    assert err["code"] == "cannot_update_voice"
    assert rx(s, {"type": "session.update", "session": {"voice": "verse"}}).events[0]["type"] == "session.updated"
