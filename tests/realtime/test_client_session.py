"""The sans-I/O client session, driven by hand-built server events: no socket, no clock, no model."""

from __future__ import annotations

import base64
import itertools
from typing import Any

import pytest

from verifier.realtime.session import (
    NOT_REQUESTED,
    Captured,
    ClientSession,
    Fatal,
    NotRequested,
    Rejected,
    Retry,
    Send,
    SessionReady,
    SessionStateError,
    Stalled,
    State,
    rate_limit_delay,
)
from verifier.realtime.settings import SessionSettings

_ids = itertools.count(1)
TIMEOUT = 1.5


def ev(type_: str, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "event_id": f"event_{next(_ids)}", **fields}


def updated(sid: str = "sess_1") -> dict[str, Any]:
    return ev("session.updated", session={"id": sid, "modalities": ["text", "audio"], "output_audio_format": "pcm16"})


def created(rid: str) -> dict[str, Any]:
    return ev("response.created", response={"id": rid, "status": "in_progress", "modalities": ["text", "audio"]})


def audio(rid: str, chunk: bytes = b"\x01\x02" * 40) -> dict[str, Any]:
    return ev(
        "response.audio.delta",
        response_id=rid,
        item_id=f"item_{rid}",
        output_index=0,
        content_index=0,
        delta=base64.b64encode(chunk).decode(),
    )


def transcript(rid: str, text: str) -> dict[str, Any]:
    return ev(
        "response.audio_transcript.done",
        response_id=rid,
        item_id=f"item_{rid}",
        output_index=0,
        content_index=0,
        transcript=text,
    )


def done(rid: str, status: str = "completed", details: dict[str, Any] | None = None) -> dict[str, Any]:
    return ev("response.done", response={"id": rid, "status": status, "status_details": details, "output": []})


def error(type_: str | None, code: str | None, message: str, **more: Any) -> dict[str, Any]:
    return ev("error", error={"type": type_, "code": code, "message": message, **more})


def new_session(**settings: Any) -> ClientSession:
    return ClientSession(SessionSettings(**settings), "beta", timeout_s=TIMEOUT)


def ready(**settings: Any) -> ClientSession:
    s = new_session(**settings)
    s.connection_opened(1)
    assert s.receive(updated(), 0.1) == [SessionReady(updated()["session"])]
    return s


def prompting(s: ClientSession | None = None, tag: str = "p1_r0_a0") -> tuple[ClientSession, list[Send]]:
    s = s or ready()
    sends = s.start_prompt("That's the best one.", tag)
    assert all(isinstance(a, Send) for a in sends)
    return s, [a for a in sends if isinstance(a, Send)]


def feed(s: ClientSession, events: list[dict[str, Any] | str], t0: float = 1.0) -> list[Any]:
    out: list[Any] = []
    for i, e in enumerate(events):
        out += s.receive(e, t0 + i / 10)
    return out


# -- the handshake ------------------------------------------------------------


def test_open_sends_session_update_and_session_updated_makes_it_ready() -> None:
    s = new_session(output_audio_format="pcm16")
    assert s.state is State.CLOSED
    (send,) = s.connection_opened(1)
    assert isinstance(send, Send) and s.state is State.AWAITING_SESSION
    assert send.event["type"] == "session.update" and send.event["event_id"] == "evt_verifier_1_1"
    assert list(send.event)[:2] == ["type", "event_id"]  # the order the event log has always shown
    assert send.event["session"]["output_audio_format"] == "pcm16"
    assert s.receive(ev("session.created", session={"id": "sess_9"}), 0.0) == []
    assert s.receive("not json {", 0.1) == [] and s.state is State.AWAITING_SESSION
    assert s.receive("[1, 2]", 0.1) == []
    (action,) = s.receive(updated("sess_9"), 0.2)
    assert isinstance(action, SessionReady) and action.session["id"] == "sess_9"
    assert s.state is State.IDLE and s.collector.session_id == "sess_9" and s.collector.session_format == "pcm16"
    assert len(s.collector.problems) == 2  # the bad frames are written down, never raised


@pytest.mark.parametrize(
    "message,delay",
    [
        ("Rate limit reached. Please try again in 250ms.", 0.25),
        ("Rate limit reached. Please try again in 1.5s.", 1.5),
        ("Too many requests.", 0.0),
    ],
)
def test_a_rate_limited_session_update_is_retried_on_a_fresh_connection(message: str, delay: float) -> None:
    s = new_session()
    s.connection_opened(1)
    (r,) = s.receive(error("requests", "rate_limit_exceeded", message), 0.1)
    assert isinstance(r, Retry) and r.retry_after == delay and r.reconnect and not r.connect_failed
    assert r.reason.startswith("rate limited: requests/rate_limit_exceeded: ")
    assert s.state is State.CLOSED
    (again,) = s.connection_opened(2)
    assert isinstance(again, Send) and again.event["event_id"] == "evt_verifier_2_2"  # ids count on


def test_a_rejected_session_update_is_fatal_with_the_service_words() -> None:
    s = new_session()
    s.connection_opened(1)
    bad = error("invalid_request_error", "invalid_value", "Invalid modalities: ['audio']", param="session.modalities")
    assert s.receive(bad, 0.1) == [
        Fatal(
            "the service rejected session.update: invalid_request_error/invalid_value: "
            "Invalid modalities: ['audio'] (param session.modalities)"
        )
    ]
    assert s.state is State.CLOSED
    s2 = new_session()
    s2.connection_opened(1)
    assert s2.receive(ev("error", error="not an object"), 0.1) == [
        Fatal("the service rejected session.update: None/None: None")
    ]


def test_no_session_updated_in_time_or_a_drop_in_the_handshake_is_retried() -> None:
    s = new_session()
    s.connection_opened(1)
    assert s.timed_out() == [Retry(f"no session.updated within {TIMEOUT:g}s")] and s.state is State.CLOSED
    s.connection_opened(2)
    assert s.connection_lost("connection dropped (no close frame)") == [Retry("connection dropped (no close frame)")]
    assert s.state is State.CLOSED


def test_connecting_failures_are_retried_or_fatal() -> None:
    s = new_session()
    assert s.connect_failed("HTTP 503 from wss://x", 2.0) == [
        Retry("HTTP 503 from wss://x", retry_after=2.0, connect_failed=True)
    ]
    assert s.connect_refused("HTTP 401 from wss://x: authentication failed") == [
        Fatal("HTTP 401 from wss://x: authentication failed")
    ]
    assert s.state is State.CLOSED


# -- one prompt ---------------------------------------------------------------


def test_a_prompt_sends_its_events_and_its_response_is_captured() -> None:
    s, sends = prompting()
    assert [a.event["type"] for a in sends] == ["conversation.item.create", "response.create"]
    assert [a.event["event_id"] for a in sends] == ["evt_verifier_1_2", "evt_verifier_1_3"]
    assert sends[1].event["response"] == {"modalities": ["text", "audio"], "conversation": "none"}
    assert s.state is State.AWAITING_RESPONSE
    assert s.receive(created("resp_1"), 1.0) == [] and s.state is State.RESPONDING
    assert feed(s, [audio("resp_1"), audio("resp_1"), transcript("resp_1", "That's the best one.")], 1.1) == []
    (action,) = s.receive(done("resp_1"), 2.0)
    assert isinstance(action, Captured) and s.state is State.IDLE
    cap = action.capture
    assert cap.response_id == "resp_1" and cap.status == "completed" and cap.session_id == "sess_1"
    assert cap.audio == b"\x01\x02" * 80 and cap.audio_chunks == 2 and cap.transcript == "That's the best one."
    assert (cap.t_created, cap.t_first_audio, cap.t_done) == (1.0, 1.1, 2.0) and cap.problems == []


def test_prompt_overrides_instructions_and_isolation_shape_the_events() -> None:
    s = ready(isolate=True)
    sends = s.start_prompt(
        "Hola.",
        "p_r0_a0",
        instructions="Repeat it.",
        response={"metadata": {"sim_fault": "stall"}, "conversation": "auto"},
    )
    (create,) = sends
    assert isinstance(create, Send) and create.event["type"] == "response.create"
    resp = create.event["response"]
    assert resp["input"][0]["content"][0]["text"] == "Hola." and resp["instructions"] == "Repeat it."
    assert resp["metadata"] == {"sim_fault": "stall"} and resp["conversation"] == "auto"


def test_a_response_done_without_created_is_still_the_prompts() -> None:
    s, _ = prompting()
    assert feed(s, [audio("resp_7")]) == [] and s.state is State.AWAITING_RESPONSE
    (action,) = s.receive(done("resp_7"), 2.0)
    assert isinstance(action, Captured) and action.capture.response_id == "resp_7"
    assert "response.audio.delta before response.created" in action.capture.problems


def test_a_response_this_prompt_did_not_ask_for_is_set_aside() -> None:
    s, _ = prompting()
    s.receive(created("resp_mine"), 1.0)
    out = feed(s, [created("resp_other"), audio("resp_other"), done("resp_other")], 1.1)
    assert len(out) == 1 and isinstance(out[0], NotRequested)
    assert out[0].capture.response_id == "resp_other" and out[0].reason == NOT_REQUESTED
    assert s.state is State.RESPONDING
    (action,) = feed(s, [audio("resp_mine"), done("resp_mine")], 2.0)
    assert isinstance(action, Captured) and action.capture.response_id == "resp_mine"


def test_an_unrequested_response_between_prompts_is_set_aside() -> None:
    s = ready()
    out = feed(s, [created("resp_late"), done("resp_late")])
    assert len(out) == 1 and isinstance(out[0], NotRequested) and s.state is State.IDLE


def test_bad_frames_mid_prompt_go_into_the_captures_problems_not_raised() -> None:
    s = new_session()
    s.connection_opened(1)
    feed(s, ["garbage before the session", updated()])
    s.start_prompt("x", "p_r0_a0")
    out = feed(
        s,
        [
            created("resp_1"),
            "{bad json",
            '{"type": "response.audio.delta"',
            "[]",
            ev("response.foo", response_id="resp_1"),
            '{"no": "type"}',
            done("resp_1"),
        ],
    )
    (action,) = out
    assert isinstance(action, Captured)
    stream = [p for p in action.capture.problems if p.startswith("stream: ")]
    assert len(stream) == 4 and sum("unparseable event" in p for p in stream) == 2
    assert not any("garbage before the session" in p for p in action.capture.problems)  # not this prompt's
    # already the response's own problem: not repeated as a stream problem
    assert "unknown event type 'response.foo'" in action.capture.problems
    assert "stream: unknown event type 'response.foo'" not in action.capture.problems


def test_a_raw_json_frame_counts_like_a_parsed_one() -> None:
    import json

    s, _ = prompting()
    assert s.receive(json.dumps(created("resp_1")), 1.0) == [] and s.state is State.RESPONDING
    (action,) = s.receive(json.dumps(done("resp_1")), 2.0)
    assert isinstance(action, Captured) and action.capture.problems == []


# -- error events of each class -----------------------------------------------


def test_a_rate_limit_before_the_response_retries_on_the_same_session_after_the_asked_delay() -> None:
    s, _ = prompting()
    (r,) = s.receive(error("tokens", "rate_limit_exceeded", "Rate limit reached. Please try again in 250ms."), 1.0)
    assert isinstance(r, Retry) and r.retry_after == 0.25 and not r.reconnect and r.partial == []
    assert r.reason == "rate limited: tokens/rate_limit_exceeded: Rate limit reached. Please try again in 250ms."
    assert s.state is State.IDLE
    _, sends = prompting(s, "p1_r0_a1")  # same connection, ids count on
    assert [a.event["event_id"] for a in sends] == ["evt_verifier_1_4", "evt_verifier_1_5"]


def test_a_rate_limit_mid_response_keeps_the_partial_capture() -> None:
    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1")])
    (r,) = s.receive(error("tokens", "rate_limit_exceeded", "Please try again in 2s."), 2.0)
    assert isinstance(r, Retry) and r.retry_after == 2.0 and not r.reconnect
    (partial,) = r.partial
    assert partial.response_id == "resp_1" and partial.status is None and partial.problems[-1] == "rate limited"
    assert partial.audio_chunks == 1 and s.state is State.IDLE
    s.start_prompt("again", "p1_r0_a1")
    assert s.receive(done("resp_1"), 3.0) == []  # the abandoned response's own done: neither result nor crash


def test_a_response_that_failed_on_a_rate_limit_is_retried_with_it_as_partial() -> None:
    s, _ = prompting()
    details = {
        "type": "failed",
        "error": {"type": "tokens", "code": "rate_limit_exceeded", "message": "Please try again in 250ms."},
    }
    (r,) = feed(s, [created("resp_1"), done("resp_1", "failed", details)])
    assert isinstance(r, Retry) and r.reason == "rate limited (response failed)" and r.retry_after == 0.25
    assert not r.reconnect and [c.response_id for c in r.partial] == ["resp_1"] and s.state is State.IDLE


def test_a_response_that_failed_otherwise_is_the_prompts_result() -> None:
    s, _ = prompting()
    details = {"type": "failed", "error": {"type": "server_error", "message": "boom"}}
    (action,) = feed(s, [created("resp_1"), done("resp_1", "failed", details)])
    assert isinstance(action, Captured) and action.capture.status == "failed"


def test_no_quota_is_fatal_and_secret_free() -> None:
    s, _ = prompting()
    (f,) = s.receive(
        error(
            "insufficient_quota",
            "insufficient_quota",
            "You exceeded your quota, key sk-abcdefghijklmnopqrstuvwxyz123456",
        ),
        1.0,
    )
    assert isinstance(f, Fatal) and f.reason.startswith("the service refused: insufficient_quota/insufficient_quota")
    assert "sk-abcdefghijklmnopqrstuvwxyz123456" not in f.reason and s.state is State.CLOSED


@pytest.mark.parametrize("type_,code", [("invalid_request_error", "session_expired"), ("server_error", None)])
def test_an_expired_session_or_server_error_retries_on_a_fresh_one(type_: str, code: str | None) -> None:
    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1")])
    (r,) = s.receive(error(type_, code, "gone"), 2.0)
    line = f"{type_}/{code}: gone"
    assert isinstance(r, Retry) and r.reason == line and r.reconnect and r.retry_after is None
    (partial,) = r.partial
    assert partial.response_id == "resp_1" and partial.problems[-1] == f"disconnected: {line}"
    assert s.state is State.CLOSED


def test_a_rejected_response_create_gets_a_placeholder() -> None:
    s, sends = prompting(tag="p/1_r0_a2")
    create_id = sends[-1].event["event_id"]
    bad = error("invalid_request_error", "invalid_value", "bad voice", param="response.voice", event_id=create_id)
    (action,) = s.receive(bad, 1.0)
    assert isinstance(action, Rejected) and s.state is State.IDLE
    cap = action.capture
    assert cap.response_id == "noresponse_p_1_r0_a2" and cap.session_id == "sess_1"
    assert cap.audio_format == "g711_ulaw" and cap.audio == b""
    assert cap.problems == ["rejected: invalid_request_error/invalid_value: bad voice (param response.voice)"]


def test_other_errors_are_noted_and_the_response_goes_on() -> None:
    s, sends = prompting()
    item_id = sends[0].event["event_id"]
    assert s.receive(error("invalid_request_error", "x", "item refused", event_id=item_id), 1.0) == []
    assert s.receive(ev("error", error="not an object"), 1.1) == []
    s.receive(created("resp_1"), 1.2)
    # once the response exists, an error naming the response.create is no rejection either
    assert s.receive(error("invalid_request_error", "y", "late", event_id=sends[1].event["event_id"]), 1.3) == []
    (action,) = s.receive(done("resp_1"), 2.0)
    assert isinstance(action, Captured)
    assert "error event: invalid_request_error/y: late" in action.capture.problems
    assert "stream: error event: invalid_request_error/x: item refused" in action.capture.problems


# -- stall and disconnect -----------------------------------------------------


def test_a_stall_before_any_response_is_a_placeholder_and_closes_the_session() -> None:
    s, _ = prompting(tag="p1_r1_a0")
    (action,) = s.timed_out()
    assert isinstance(action, Stalled) and s.state is State.CLOSED
    assert action.capture.response_id == "noresponse_p1_r1_a0"
    assert action.capture.problems == [
        f"stalled: no event for {TIMEOUT:g}s after response.create (no response.created)"
    ]
    (send,) = s.connection_opened(2)
    assert isinstance(send, Send) and send.event["event_id"] == "evt_verifier_2_4"


def test_a_stall_mid_response_keeps_what_arrived() -> None:
    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1")])
    (action,) = s.timed_out()
    assert isinstance(action, Stalled) and s.state is State.CLOSED
    cap = action.capture
    assert cap.response_id == "resp_1" and cap.status is None and cap.audio_chunks == 1
    assert cap.problems == [f"stalled: no event for {TIMEOUT:g}s"]


def test_a_disconnect_mid_response_retries_with_the_partial_capture() -> None:
    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1"), created("resp_2")])
    (r,) = s.connection_lost("connection dropped (code 1011: internal error)")
    assert isinstance(r, Retry) and r.reconnect and not r.connect_failed and s.state is State.CLOSED
    assert [c.response_id for c in r.partial] == ["resp_1", "resp_2"]
    assert all(c.problems[-1] == "disconnected: connection dropped (code 1011: internal error)" for c in r.partial)


def test_a_failed_send_keeps_its_number_and_frees_the_rest() -> None:
    s, sends = prompting()
    (r,) = s.send_failed(sends[0], "connection closed while sending (no close frame)")
    assert isinstance(r, Retry) and r.reconnect and r.partial == [] and s.state is State.CLOSED
    (send,) = s.connection_opened(2)
    assert isinstance(send, Send) and send.event["event_id"] == "evt_verifier_2_3"  # 1_3 never went out


def test_inputs_the_state_cannot_take_are_a_caller_bug() -> None:
    s = new_session()
    with pytest.raises(SessionStateError):
        s.start_prompt("x", "t")
    with pytest.raises(SessionStateError):
        s.receive(updated(), 0.0)
    with pytest.raises(SessionStateError):
        s.timed_out()
    with pytest.raises(SessionStateError):
        s.connection_lost("x")
    s.connection_opened(1)
    with pytest.raises(SessionStateError):
        s.connection_opened(2)
    with pytest.raises(SessionStateError):
        s.start_prompt("x", "t")  # not before session.updated
    s.receive(updated(), 0.0)
    with pytest.raises(SessionStateError):
        s.timed_out()  # nothing is due while idle
    s.close()
    assert s.state is State.CLOSED


def test_rate_limit_delay_reads_the_services_words() -> None:
    assert rate_limit_delay({"code": "rate_limit_exceeded", "message": "Please try again in 250ms."}) == 0.25
    assert rate_limit_delay({"type": "tokens", "message": "Rate limit reached. Try again in 1.25s"}) == 1.25
    assert rate_limit_delay({"type": "rate_limit_error"}) == 0.0
    assert rate_limit_delay({"type": "invalid_request_error", "code": "invalid_value", "message": "bad"}) is None


# -- follow-ups: hostile frames, matching by echo, deadlines, spoken prompts -----


def marked(rid: str, marker: str | None) -> dict[str, Any]:
    e = created(rid)
    if marker is not None:
        e["response"]["metadata"] = {"verifier_prompt": marker, "sim_fault": "none"}
    return e


def test_valid_but_hostile_json_is_a_bad_frame_not_an_exception() -> None:
    s, _ = prompting()
    huge = '{"type": "response.audio.delta", "n": ' + "9" * 5000 + "}"
    deep = "[" * 50_000 + "]" * 50_000
    assert s.receive(huge, 1.0) == [] and s.receive(deep, 1.1) == [] and s.receive(b"\xff\xfe", 1.2) == []
    assert s.state is State.AWAITING_RESPONSE and len(s.collector.problems) == 3
    (action,) = feed(s, [created("resp_1"), done("resp_1")], 2.0)
    assert isinstance(action, Captured)
    assert sum(p.startswith("stream: unparseable event") for p in action.capture.problems) == 2


def test_the_prompt_marker_travels_in_metadata_merged_with_the_prompts_own() -> None:
    s = ready()
    sends = s.start_prompt("x", "p_r0_a1", response={"metadata": {"sim_fault": "stall"}}, marker="p#0#1")
    create = sends[-1]
    assert isinstance(create, Send)
    assert create.event["response"]["metadata"] == {"sim_fault": "stall", "verifier_prompt": "p#0#1"}


def test_responses_are_matched_by_their_echoed_marker_not_by_arrival() -> None:
    s = ready()
    s.start_prompt("x", "p1_r0_a0", marker="p1#0#0")
    # An unrequested response (no marker) and another prompt's arrive first: neither displaces this prompt.
    out = feed(
        s,
        [
            marked("resp_x", None),
            audio("resp_x"),
            marked("resp_o", "p9#0#0"),
            done("resp_x"),
            marked("resp_1", "p1#0#0"),
            done("resp_o"),
            audio("resp_1"),
        ],
    )
    assert [type(a) for a in out] == [NotRequested, NotRequested]
    assert [a.capture.response_id for a in out] == ["resp_x", "resp_o"] and s.state is State.RESPONDING
    (action,) = s.receive(done("resp_1"), 3.0)
    assert isinstance(action, Captured) and action.capture.response_id == "resp_1"
    # the collector knew what each request asked for, and gave it to the response that echoed it
    assert action.capture.modalities_source == "response"


def test_a_done_without_created_is_the_prompts_only_when_it_echoes_the_marker() -> None:
    s = ready()
    s.start_prompt("x", "p1_r0_a0", marker="p1#0#0")
    other = done("resp_z")
    (a,) = s.receive(other, 1.0)
    assert isinstance(a, NotRequested) and s.state is State.AWAITING_RESPONSE
    mine = done("resp_7")
    mine["response"]["metadata"] = {"verifier_prompt": "p1#0#0"}
    (b,) = s.receive(mine, 2.0)
    assert isinstance(b, Captured) and b.capture.response_id == "resp_7"


def test_client_events_reach_the_collector() -> None:
    s = ready()
    s.start_prompt("x", "p1_r0_a0", response={"modalities": ["text"]}, marker="p1#0#0")
    assert s.collector.client_events_seen == 3  # session.update, item, response.create
    (action,) = feed(
        s, [ev("response.created", response={"id": "r", "metadata": {"verifier_prompt": "p1#0#0"}}), done("r")]
    )
    assert isinstance(action, Captured)
    assert (action.capture.modalities, action.capture.modalities_source) == (["text"], "response.create")


def test_a_response_past_its_deadline_is_an_error_capture_and_the_session_goes() -> None:
    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1"), ev("rate_limits.updated", rate_limits=[])])
    (action,) = s.response_timed_out(120)
    assert isinstance(action, Stalled) and s.state is State.CLOSED
    assert action.capture.response_id == "resp_1" and action.capture.status is None
    assert action.capture.problems[-1] == "response timeout after 120 s"
    s2, _ = prompting(tag="p2_r0_a0")
    (b,) = s2.response_timed_out(0.5)
    assert isinstance(b, Stalled) and b.capture.problems == ["response timeout after 0.5 s (no response.created)"]


def test_a_frame_over_the_limit_ends_the_response_as_an_error_without_retry() -> None:
    from verifier.realtime.session import Lost

    s, _ = prompting()
    feed(s, [created("resp_1"), audio("resp_1"), created("resp_2")])
    reason = "the service sent a frame over the 16 MiB limit (closed with code 1009); raise the limit with X=<MiB>"
    (action,) = s.connection_broken(reason)
    assert isinstance(action, Lost) and s.state is State.CLOSED
    assert action.capture.response_id == "resp_1" and action.capture.problems[-1] == reason
    assert [c.response_id for c in action.partial] == ["resp_2"]
    s2 = new_session()
    s2.connection_opened(1)
    assert s2.connection_broken(reason) == [Fatal(reason)]


def test_closing_hands_back_what_was_in_flight() -> None:
    s = ready()
    feed(s, [audio("resp_never_created")])
    (cap,) = s.close()
    assert cap.response_id == "resp_never_created" and cap.audio_chunks == 1
    assert cap.problems[-1] == "disconnected: closed by the harness" and s.state is State.CLOSED


def _spoken_session(extra: dict[str, Any] | None = None, report: Any = ...) -> ClientSession:
    s = ClientSession(SessionSettings(extra=extra or {}), "beta", timeout_s=TIMEOUT, spoken=True)
    (update,) = s.connection_opened(1)
    assert isinstance(update, Send)
    sess = dict(updated()["session"])
    if report is not ...:
        sess["turn_detection"] = report
    s.receive(ev("session.updated", session=sess), 0.1)
    return s


def test_a_spoken_prompt_with_manual_turns_streams_commits_and_asks() -> None:
    from verifier.realtime.session import Pace

    s = ClientSession(SessionSettings(), "beta", timeout_s=TIMEOUT, spoken=True)
    (update,) = s.connection_opened(1)
    assert isinstance(update, Send) and update.event["session"]["turn_detection"] is None
    s.receive(updated(), 0.1)
    assert not s.server_vad
    speech = b"\x10\x00" * 24_000  # one second
    out = s.start_prompt("(spoken)", "p_r0_a0", marker="p#0#0", audio=speech)
    sends = [a for a in out if isinstance(a, Send)]
    paces = [a.seconds for a in out if isinstance(a, Pace)]
    assert [e.event["type"] for e in sends[-2:]] == ["input_audio_buffer.commit", "response.create"]
    appends = [e.event for e in sends if e.event["type"] == "input_audio_buffer.append"]
    assert b"".join(base64.b64decode(e["audio"]) for e in appends) == speech
    assert len(appends) == 10 and sum(paces) == pytest.approx(1.0)
    resp = sends[-1].event["response"]
    assert "conversation" not in resp and resp["metadata"] == {"verifier_prompt": "p#0#0"}


def test_a_spoken_prompt_under_server_vad_waits_for_the_services_own_response() -> None:
    s = _spoken_session(
        {"turn_detection": {"type": "server_vad", "silence_duration_ms": 300}},
        {"type": "server_vad", "silence_duration_ms": 300},
    )
    assert s.server_vad
    out = s.start_prompt("(spoken)", "p_r0_a0", marker="p#0#0", audio=b"\x10\x00" * 12_000)
    sends = [a.event for a in out if isinstance(a, Send)]
    assert {e["type"] for e in sends} == {"input_audio_buffer.append"}
    sent = sum(len(base64.b64decode(e["audio"])) for e in sends)
    assert sent == 24_000 + int((0.3 + 0.5) * 48_000)  # the speech, then silence to end the turn
    # another prompt's response is not this one's; the unmarked response the service created is
    out2 = feed(
        s,
        [
            marked("resp_o", "q#0#0"),
            done("resp_o"),
            ev("input_audio_buffer.speech_started"),
            marked("resp_1", None),
            done("resp_1"),
        ],
    )
    assert [type(a) for a in out2] == [NotRequested, Captured] and out2[1].capture.response_id == "resp_1"


def test_the_services_report_of_turn_detection_wins() -> None:
    s = _spoken_session({"turn_detection": {"type": "server_vad"}}, None)
    assert not s.server_vad


def test_ga_spoken_sessions_put_turn_detection_under_audio_input() -> None:
    s = ClientSession(SessionSettings(), "ga", timeout_s=TIMEOUT, spoken=True)
    (update,) = s.connection_opened(1)
    assert isinstance(update, Send) and update.event["session"]["audio"]["input"]["turn_detection"] is None
    assert update.event["session"]["audio"]["output"]["format"]  # the output settings are kept
    s.receive(
        ev("session.updated", session={"id": "s", "audio": {"input": {"turn_detection": {"type": "semantic_vad"}}}}),
        0.1,
    )
    assert s.server_vad  # what the service reports wins over what was asked
    typed = new_session()
    (plain,) = typed.connection_opened(1)
    assert isinstance(plain, Send) and "turn_detection" not in plain.event["session"]  # typed runs: unchanged
