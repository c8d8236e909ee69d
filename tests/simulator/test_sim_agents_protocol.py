"""Voice-agent flows in the sans-I/O session: turns, transcription, function calls, validation.

The VAD here is a plain energy gate over 32 ms frames, standing in for Silero
so these tests stay fast and exact about timing; Silero and Whisper run in the
framework tests (test_sim_livekit.py, test_sim_pipecat.py).
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
import pytest

from verifier.schema.audio import encode
from verifier.simulator.faults import FaultInjector
from verifier.simulator.listening import IDLE_PROMPT, TurnConfig, collapse_repeats
from verifier.simulator.protocol import IdFactory, Outcome, Session
from verifier.simulator.responses import ResponseRun

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "Weather for a city.",
    "parameters": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]},
}


def energy_regions(audio: np.ndarray, threshold: float, min_silence_s: float) -> list[tuple[float, float]]:
    frame = 512
    loud = [float(np.sqrt(np.mean(audio[i : i + frame] ** 2))) > 0.05 for i in range(0, len(audio) - frame + 1, frame)]
    regions: list[list[float]] = []
    for i, on in enumerate(loud):
        if not on:
            continue
        start, end = i * frame / 16000, (i + 1) * frame / 16000
        if regions and start - regions[-1][1] < min_silence_s:
            regions[-1][1] = end
        else:
            regions.append([start, end])
    # like Silero: a region is open until min_silence of quiet follows it
    return [(s, e) for s, e in regions]


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * 24000)) / 24000
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def quiet(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * 24000), np.float32)


def session(
    shape: str = "ga", *, faults: str = "", model: str = "gpt-realtime", td: Any = None, transcription: bool = True
) -> Session:
    s = Session(shape=shape, model=model, faults=FaultInjector(faults, 0), ids=IdFactory(7), regions=energy_regions)
    s.open()
    trans = {"model": "whisper-1"} if transcription else None
    if shape == "ga":
        upd: dict[str, Any] = {"type": "realtime", "audio": {"input": {"turn_detection": td, "transcription": trans}}}
    else:
        upd = {"turn_detection": td, "input_audio_transcription": trans}
    out = rx(s, {"type": "session.update", "session": upd})
    assert out.events[0]["type"] == "session.updated", out.events
    return s


def rx(s: Session, event: dict[str, Any]) -> Outcome:
    return s.receive(json.dumps(event))


def stream(s: Session, samples: np.ndarray, chunk_s: float = 0.1) -> Outcome:
    """Append in chunks as a client would; all events and listen jobs together."""
    total = Outcome()
    data = encode(samples, 24000, "pcm16")
    step = int(chunk_s * 48000)
    for i in range(0, len(data), step):
        out = rx(s, {"type": "input_audio_buffer.append", "audio": base64.b64encode(data[i : i + step]).decode()})
        total.events += out.events
        total.listen += out.listen
    return total


def types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def finish(run: ResponseRun, seconds: float = 1.0) -> list[dict[str, Any]]:
    return [st.event for st in run.body(bytes(int(48000 * seconds))) if st.event is not None]


def user_text(text: str) -> dict[str, Any]:
    return {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]},
    }


# --- validation ---------------------------------------------------------------


@pytest.mark.parametrize("shape", ["beta", "ga"])
def test_null_optional_fields_mean_not_given(shape: str) -> None:
    s = session(shape, td=None)
    tokens = "max_response_output_tokens" if shape == "beta" else "max_output_tokens"
    update: dict[str, Any] = {"instructions": None, "tools": None, tokens: None}
    if shape == "ga":
        update["type"] = "realtime"
    else:
        update.update(temperature=None, tool_choice=None)
    out = rx(s, {"type": "session.update", "session": update})
    assert types(out.events) == ["session.updated"], out.events
    assert out.events[0]["session"]["instructions"].startswith("Your knowledge cutoff")  # unchanged, not null
    rx(s, user_text("Your order was shipped yesterday."))
    params: dict[str, Any] = {
        "instructions": None,
        "tools": None,
        "conversation": None,
        tokens: None,
        "input": None,
        "metadata": {"client_event_id": "x"},
    }
    params.update({"voice": None, "tool_choice": None} if shape == "beta" else {"audio": None})
    out = rx(s, {"type": "response.create", "response": params})
    assert out.run is not None, out.events
    assert out.run.rendition.transcript == "Your order was shipped yesterday."
    assert out.run.in_conversation and out.run.voice in ("alloy", "marin")


def test_voices_follow_the_model_not_the_wire_shape() -> None:
    ok = session("beta", model="gpt-realtime", td=None)  # an Azure preview path to a gpt-realtime deployment
    assert types(rx(ok, {"type": "session.update", "session": {"voice": "marin"}}).events) == ["session.updated"]
    old = session("beta", model="gpt-4o-realtime-preview", td=None)
    err = rx(old, {"type": "session.update", "session": {"voice": "marin"}}).events[0]["error"]
    assert (err["code"], err["param"]) == ("invalid_value", "session.voice")
    old_ga = session("ga", model="gpt-4o-realtime-preview", td=None)
    err = rx(
        old_ga, {"type": "session.update", "session": {"type": "realtime", "audio": {"output": {"voice": "cedar"}}}}
    ).events[0]["error"]
    assert err["param"] == "session.audio.output.voice"


def test_commit_needs_100_ms_of_input_audio() -> None:
    s = session("ga", td=None)
    stream(s, quiet(0.05))
    err = rx(s, {"type": "input_audio_buffer.commit", "event_id": "c1"}).events[0]["error"]
    assert err["code"] == "input_audio_buffer_commit_empty" and "only has 50.00ms" in err["message"]
    stream(s, quiet(0.05))
    out = rx(s, {"type": "input_audio_buffer.commit"})
    assert types(out.events) == ["input_audio_buffer.committed", "conversation.item.added", "conversation.item.done"]
    assert len(out.listen) == 1 and abs(out.listen[0].audio.size - 1600) <= 2 and not out.listen[0].respond


def test_truncate_checks_audio_end_and_keeps_only_the_heard_words() -> None:
    s = session("ga", td=None)
    rx(s, user_text("Thank you for calling the help desk. Your ticket number is four five two."))
    run = rx(s, {"type": "response.create"}).run
    assert run is not None
    finish(run, seconds=4.0)
    err = rx(
        s, {"type": "conversation.item.truncate", "item_id": run.item_id, "content_index": 0, "audio_end_ms": 5000}
    ).events[0]["error"]
    assert (err["param"], err["message"]) == ("audio_end_ms", "Audio content of 4000ms is already shorter than 5000ms")
    out = rx(
        s, {"type": "conversation.item.truncate", "item_id": run.item_id, "content_index": 0, "audio_end_ms": 2000}
    )
    assert types(out.events) == ["conversation.item.truncated"] and out.events[0]["audio_end_ms"] == 2000
    item = rx(s, {"type": "conversation.item.retrieve", "item_id": run.item_id}).events[0]["item"]
    assert item["content"][0]["transcript"] == "Thank you for calling the help desk."  # 7 of 14 words in 2 of 4 s
    user_id = s.items[0]["id"]
    err = rx(
        s, {"type": "conversation.item.truncate", "item_id": user_id, "content_index": 0, "audio_end_ms": 0}
    ).events[0]["error"]
    assert err["param"] == "item_id"


# --- turns ------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["beta", "ga"])
def test_server_vad_detects_commits_and_answers_from_the_words(shape: str) -> None:
    s = session(shape, td={"type": "server_vad", "silence_duration_ms": 300, "prefix_padding_ms": 300})
    out = stream(s, np.concatenate([quiet(0.5), tone(1.0), quiet(0.6)]))
    kinds = types(out.events)
    added = "conversation.item.added" if shape == "ga" else "conversation.item.created"
    assert kinds[:4] == [
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed",
        added,
    ]
    started, stopped, committed = out.events[:3]
    assert 450 <= started["audio_start_ms"] <= 550 and 1450 <= stopped["audio_end_ms"] <= 1600
    assert started["item_id"] == stopped["item_id"] == committed["item_id"]
    [job] = out.listen
    assert job.respond and 1.2 <= job.audio.size / 16000 <= 1.45  # the speech plus 300 ms of prefix padding
    first, response = s.heard(job, "Your order was shipped yesterday.")
    kinds = types(first.events)
    assert kinds[-1] == "conversation.item.input_audio_transcription.completed"
    assert set(kinds[:-1]) == {"conversation.item.input_audio_transcription.delta"}
    assert "".join(e["delta"] for e in first.events[:-1]) == "Your order was shipped yesterday."
    assert ("usage" in first.events[-1]) == (shape == "ga")
    assert response.run is not None and response.run.rendition.transcript == "Your order was shipped yesterday."
    assert response.truth[0]["input_source"] == "audio"
    assert s.items[0]["content"][0]["transcript"] == "Your order was shipped yesterday."


def test_semantic_vad_waits_by_eagerness_and_no_transcription_means_no_events() -> None:
    assert TurnConfig.from_wire({"type": "semantic_vad", "eagerness": "low"}).silence_duration_ms == 1500  # type: ignore[union-attr]
    s = session("ga", td={"type": "semantic_vad", "eagerness": "high"}, transcription=False)
    out = stream(s, np.concatenate([quiet(0.3), tone(0.8), quiet(0.3)]))
    assert "input_audio_buffer.speech_stopped" not in types(out.events)  # 300 ms < high eagerness's 400 ms
    out = stream(s, quiet(0.3))
    assert "input_audio_buffer.speech_stopped" in types(out.events)
    [job] = out.listen
    first, response = s.heard(job, "Hello there.")
    assert first.events == [] and s.items[0]["content"][0]["transcript"] is None
    assert response.run is not None and response.run.rendition.transcript == "Hello there."


@pytest.mark.parametrize("interrupt", [True, False])
def test_speech_during_a_reply_interrupts_it_when_asked(interrupt: bool) -> None:
    s = session("ga", td={"type": "server_vad", "interrupt_response": interrupt, "create_response": False})
    rx(s, user_text("Thank you for calling the help desk."))
    run = rx(s, {"type": "response.create"}).run
    assert run is not None
    out = stream(s, np.concatenate([quiet(0.2), tone(0.5)]))
    assert types(out.events)[0] == "input_audio_buffer.speech_started"
    if interrupt:
        done = out.events[-1]
        assert done["type"] == "response.done" and done["response"]["status"] == "cancelled"
        assert done["response"]["status_details"]["reason"] == "turn_detected"
        assert run.finished
    else:
        assert "response.done" not in types(out.events) and not run.finished
    out = stream(s, quiet(0.5))
    assert out.listen and not out.listen[0].respond  # create_response false: the client asks


def test_manual_turn_response_waits_for_the_words() -> None:
    s = session("beta", td=None)
    out = stream(s, np.concatenate([tone(0.5), quiet(0.5)]))
    assert out.events == [] and out.listen == []  # no server turn detection
    [job] = rx(s, {"type": "input_audio_buffer.commit"}).listen
    held = rx(s, {"type": "response.create", "event_id": "r1"})
    assert held.events == [] and held.run is None  # deferred until the words are known
    outcomes = s.heard(job, "I have reset your password.")
    runs = [o.run for o in outcomes if o.run is not None]
    assert len(runs) == 1 and runs[0].rendition.transcript == "I have reset your password."
    assert "conversation.item.input_audio_transcription.completed" in types(outcomes[0].events)


def test_failed_transcription_and_idle_timeout() -> None:
    s = session("ga", td={"type": "server_vad", "idle_timeout_ms": 1000})
    out = stream(s, quiet(1.2))
    assert types(out.events)[0] == "input_audio_buffer.timeout_triggered"
    ev = out.events[0]
    assert ev["audio_end_ms"] - ev["audio_start_ms"] >= 1000 and ev["item_id"] == out.events[1]["item_id"]
    [job] = out.listen
    assert job.idle
    first, response = s.heard(job, "")
    assert first.events == []  # nothing was said, nothing to transcribe
    assert response.run is not None and response.run.rendition.transcript == IDLE_PROMPT
    finish(response.run)
    out = stream(s, np.concatenate([tone(0.5), quiet(0.5)]))
    [job] = out.listen
    first, _ = s.heard(job, None, "model exploded")
    assert types(first.events) == ["conversation.item.input_audio_transcription.failed"]
    assert first.events[0]["error"]["message"] == "model exploded"
    beta = session("beta", td={"type": "server_vad", "idle_timeout_ms": 500})
    assert stream(beta, quiet(1.0)).events == []  # the beta protocol has no idle timeout


def test_whisper_loops_are_collapsed() -> None:
    assert (
        collapse_repeats("Your order was shipped yesterday. Your order was shipped yesterday.")
        == "Your order was shipped yesterday."
    )
    assert collapse_repeats("No. No, thanks.") == "No. No, thanks."


# --- function calls ---------------------------------------------------------------


@pytest.mark.parametrize("shape", ["beta", "ga"])
def test_function_call_round_trip(shape: str) -> None:
    s = session(shape, td=None)
    update: dict[str, Any] = {"tools": [WEATHER]}
    if shape == "ga":
        update["type"] = "realtime"
    rx(s, {"type": "session.update", "session": update})
    rx(s, user_text("What is the weather in Paris?"))
    out = rx(s, {"type": "response.create"})
    assert out.run is not None and out.run.call is not None
    assert "response.content_part.added" not in types(out.events)
    assert out.events[2]["item"]["type"] == "function_call" and out.events[2]["item"]["name"] == "get_weather"
    events = finish(out.run)
    kinds = types(events)
    assert kinds[0] == "response.function_call_arguments.delta" and "response.audio.delta" not in kinds
    done = events[kinds.index("response.function_call_arguments.done")]
    assert json.loads(done["arguments"]) == {"location": "Paris"} and ("name" in done) == (shape == "ga")
    assert "".join(e["delta"] for e in events if e["type"].endswith("arguments.delta")) == done["arguments"]
    final = events[-1]["response"]
    assert final["status"] == "completed" and final["output"][0]["arguments"] == done["arguments"]
    assert final["usage"]["output_token_details"]["audio_tokens"] == 0
    assert out.truth[0]["details"]["function_call"]["name"] == "get_weather"
    rx(
        s,
        {
            "type": "conversation.item.create",
            "item": {
                "type": "function_call_output",
                "call_id": done["call_id"],
                "output": json.dumps({"text": "It is sunny in Paris."}),
            },
        },
    )
    answer = rx(s, {"type": "response.create"})
    assert answer.run is not None and answer.run.call is None and answer.run.needs_audio
    assert answer.run.rendition.transcript == "It is sunny in Paris."
    assert answer.truth[0]["input_source"] == "tool_output"


def test_tool_choice_and_the_sim_tool_override() -> None:
    s = session("ga", td=None)
    rx(s, user_text("Your order was shipped yesterday."))
    assert rx(s, {"type": "response.create", "response": {"tools": [WEATHER], "conversation": "none"}}).run.call is None  # type: ignore[union-attr]
    forced = rx(
        s,
        {
            "type": "response.create",
            "response": {"tools": [WEATHER], "tool_choice": "required", "conversation": "none"},
        },
    ).run
    assert forced is not None and forced.call is not None
    asked = rx(
        s,
        {
            "type": "response.create",
            "response": {"tools": [WEATHER], "conversation": "none", "metadata": {"sim_tool": "get_weather"}},
        },
    ).run
    assert (
        asked is not None
        and asked.call is not None
        and json.loads(asked.call.arguments) == {"location": "Your order was shipped yesterday"}
    )
    err = rx(
        s,
        {
            "type": "response.create",
            "response": {"tools": [WEATHER], "conversation": "none", "metadata": {"sim_tool": "get_time"}},
        },
    ).events[0]["error"]
    assert err["param"] == "response.metadata.sim_tool" and "get_time" in err["message"]
    rx(s, user_text("What is the weather in Paris?"))
    kept = rx(
        s, {"type": "response.create", "response": {"tools": [WEATHER], "conversation": "none", "tool_choice": "none"}}
    ).run
    assert kept is not None and kept.call is None


def test_faults_reach_spoken_turns_and_replies_after_tools() -> None:
    s = session("ga", td={"type": "server_vad"}, faults="truncate=1")
    rx(s, {"type": "session.update", "session": {"type": "realtime", "tools": [WEATHER]}})
    [job] = stream(s, np.concatenate([quiet(0.3), tone(1.0), quiet(0.5)])).listen
    _, spoken = s.heard(job, "Your order was shipped yesterday. It should arrive on Friday.")
    assert spoken.run is not None and spoken.truth[0]["fault"] == "truncate"
    assert spoken.truth[0]["input_source"] == "audio"
    assert spoken.truth[0]["details"]["dropped_text"] == "It should arrive on Friday."
    finish(spoken.run)
    [job] = stream(s, np.concatenate([tone(1.0), quiet(0.5)])).listen
    _, call = s.heard(job, "What is the weather in Paris?")
    assert call.run is not None and call.run.call is not None and call.truth[0]["fault"] is None
    events = finish(call.run)
    call_id = next(e for e in events if e["type"] == "response.function_call_arguments.done")["call_id"]
    rx(
        s,
        {
            "type": "conversation.item.create",
            "item": {
                "type": "function_call_output",
                "call_id": call_id,
                "output": "It is sunny in Paris. Take sunglasses.",
            },
        },
    )
    after = rx(s, {"type": "response.create"})
    assert after.truth[0]["fault"] == "truncate" and after.truth[0]["input_source"] == "tool_output"
    assert after.truth[0]["details"]["dropped_text"] == "Take sunglasses."
    text_only = session("beta", td=None, faults="text_only=1")
    [job] = (stream(text_only, tone(0.5)), rx(text_only, {"type": "input_audio_buffer.commit"}))[1].listen
    out = text_only.heard(job, "Hello there.")
    assert out[0].events  # transcription events
    created = rx(text_only, {"type": "response.create"})
    assert created.run is not None and created.truth[0]["fault"] == "text_only" and not created.run.needs_audio


@pytest.mark.parametrize("chunk_s", [0.02, 10.0])
def test_a_long_turn_with_short_pauses_is_one_turn_however_it_arrives(chunk_s: float) -> None:
    s = session("ga", td={"type": "server_vad", "silence_duration_ms": 400, "prefix_padding_ms": 200})
    speech = [quiet(0.4)]
    for _ in range(4):
        speech += [tone(1.5), quiet(0.15)]  # pauses shorter than the silence that ends a turn
    out = stream(s, np.concatenate([*speech, quiet(0.8)]), chunk_s=chunk_s)
    kinds = types(out.events)
    assert kinds.count("input_audio_buffer.speech_started") == 1
    assert kinds.count("input_audio_buffer.speech_stopped") == 1
    stopped = out.events[kinds.index("input_audio_buffer.speech_stopped")]
    assert 6800 <= stopped["audio_end_ms"] <= 6950  # 0.4 + 4 x 1.65 - 0.15 s
    [job] = out.listen
    assert 6.5 <= job.audio.size / 16000 <= 6.8


def test_a_turn_with_no_words_is_answered_as_itself_not_as_the_turn_before() -> None:
    s = session("ga", td={"type": "server_vad"})
    rx(s, user_text("Your order was shipped yesterday."))
    [job] = stream(s, np.concatenate([tone(0.5), quiet(0.5)])).listen
    _, response = s.heard(job, "")
    assert response.run is not None and response.truth[0]["input_source"] == "audio"
    assert response.run.rendition.transcript == "Hello! How can I help you today?"


# --- turns that overlap a response ----------------------------------------------------

ORDER, PASSWORD = "Your order was shipped yesterday.", "I have reset your password."


def runs_of(outcomes: list[Outcome]) -> list[ResponseRun]:
    return [o.run for o in outcomes if o.run is not None]


def errors_of(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [e for o in outcomes for e in o.events if e["type"] == "error"]


@pytest.mark.parametrize("interrupt", [True, False])
def test_two_turns_back_to_back_are_two_items_each_answered_as_itself(interrupt: bool) -> None:
    s = session("ga", td={"type": "server_vad", "silence_duration_ms": 300, "interrupt_response": interrupt})
    # The second turn starts 400 ms after the first ends: both are committed before either is transcribed.
    out = stream(s, np.concatenate([quiet(0.3), tone(1.0), quiet(0.4), tone(1.0), quiet(0.6)]))
    kinds = types(out.events)
    assert kinds.count("input_audio_buffer.committed") == 2 and "error" not in kinds
    first_job, second_job = out.listen
    assert [it["id"] for it in s.items] == [first_job.item_id, second_job.item_id]
    first = s.heard(first_job, ORDER)
    second = s.heard(second_job, PASSWORD)
    assert errors_of(first + second) == []
    said = {it["id"]: it["content"][0]["transcript"] for it in s.items if it["role"] == "user"}
    assert (said[first_job.item_id], said[second_job.item_id]) == (ORDER, PASSWORD)
    [replied] = runs_of(first)
    assert replied.rendition.transcript == ORDER
    if interrupt:
        # As the service does: the second turn's speech cancels the first turn's answer, then it is answered.
        assert replied.state == "cancelled"
        done = [e for o in first for e in o.events if e["type"] == "response.done"]
        assert [d["response"]["status_details"]["reason"] for d in done] == ["turn_detected"]
        [answer] = runs_of(second)
    else:
        # Not interrupted: the first answer plays out, and the second turn is answered after it.
        assert runs_of(second) == [] and not replied.finished
        finish(replied)
        [answer] = runs_of(s.ended(replied))
    assert answer.rendition.transcript == PASSWORD and not answer.finished
    # Each answer follows its own turn in the conversation, as the service orders them.
    ids = [it["id"] for it in s.items]
    assert ids == [first_job.item_id, replied.item_id, second_job.item_id, answer.item_id]


@pytest.mark.parametrize("interrupt", [True, False])
def test_a_second_turn_during_the_first_answer_is_answered(interrupt: bool) -> None:
    s = session("ga", td={"type": "server_vad", "silence_duration_ms": 300, "interrupt_response": interrupt})
    [job] = stream(s, np.concatenate([quiet(0.3), tone(1.0), quiet(0.6)])).listen
    [playing] = runs_of(s.heard(job, ORDER))
    out = stream(s, np.concatenate([quiet(3.4), tone(1.0), quiet(0.6)]))  # a 4 s pause, the answer still playing
    [job] = out.listen
    assert "error" not in types(out.events)
    assert playing.finished == interrupt
    outcomes = s.heard(job, PASSWORD)
    assert errors_of(outcomes) == []
    if not interrupt:
        assert runs_of(outcomes) == []  # waits for the answer that is playing
        finish(playing)
        outcomes = s.ended(playing)
    [answer] = runs_of(outcomes)
    assert answer.rendition.transcript == PASSWORD and not answer.finished


def test_idle_timeout_counts_from_when_the_answer_stops_playing() -> None:
    s = session("ga", td={"type": "server_vad", "idle_timeout_ms": 1000})
    rx(s, user_text(ORDER))
    run = rx(s, {"type": "response.create"}).run  # at 0 s of input audio
    assert run is not None
    out = stream(s, quiet(1.5))
    assert "input_audio_buffer.timeout_triggered" not in types(out.events)  # the model has the floor
    finish(run, seconds=3.0)
    assert s.ended(run) == []
    # Its audio plays until 3.0 s of input time: the user is idle only from there, for 1 s.
    out = stream(s, quiet(2.4))
    assert "input_audio_buffer.timeout_triggered" not in types(out.events)
    out = stream(s, quiet(0.3))
    [ev] = [e for e in out.events if e["type"] == "input_audio_buffer.timeout_triggered"]
    assert 3000 <= ev["audio_start_ms"] <= 3010 and 4000 <= ev["audio_end_ms"] <= 4100
    # A cancelled answer stopped playing where it was cut.
    [job] = out.listen
    _, answer = s.heard(job, "")
    assert answer.run is not None
    steps = answer.run.body(bytes(48000 * 3))
    next(st for st in steps if st.media_seconds > 0)  # one audio delta (50 ms) sent, then the client cancels
    rx(s, {"type": "response.cancel"})
    list(steps)
    assert answer.run.state == "cancelled" and s.ended(answer.run) == []
    out = stream(s, quiet(1.2))
    [ev] = [e for e in out.events if e["type"] == "input_audio_buffer.timeout_triggered"]
    assert ev["audio_start_ms"] == 4200 + 50  # it started at 4.2 s of input; 50 ms of it was played


def test_an_answer_that_never_started_gives_the_floor_back() -> None:
    s = session("ga", td={"type": "server_vad", "idle_timeout_ms": 1000}, faults="rate_limit=1")
    [job] = stream(s, quiet(1.1)).listen
    _, failed = s.heard(job, "")
    assert failed.run is None and failed.events[0]["error"]["code"] == "rate_limit_exceeded"
    out = stream(s, quiet(1.1))  # the idle clock runs again from the error, not held for ever
    assert types(out.events)[0] == "input_audio_buffer.timeout_triggered"
