"""The semantics of real sessions: what the collector makes of them and what `outcome` leaves to verify.

Hand-built logs for each case a real app's traffic holds that `run`'s own
prompts never do. Each must end in its own verdict or scope with a reason,
never in a fault of the service and never dropped. No model here: where a
verdict from the verifier is needed, it is the shape the core gives for that
audio (a tail the cut audio lacks), built by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.session_events import (
    PCM16_RATE,
    audio_message,
    cancel,
    created,
    done,
    ev,
    function_call,
    message_done,
    pcm,
    text_message,
    truncate,
    truncated,
)
from verifier.harness.scorer import Scorer
from verifier.realtime import outcome
from verifier.realtime.collector import Collector
from verifier.realtime.replay import replay_lines
from verifier.schema import wire
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import Verdict, VerdictClass, WordOp, fails, is_fault, judged
from verifier.schema.rundir import RunDir, read_jsonl

SENTENCE = "Sure, the forecast for Lisbon tomorrow is sunny with a high of twenty four degrees."


class Client(dict[str, Any]):
    """Marks an event the client sent, in a hand-built log."""


def feed(seq: list[Any], c: Collector | None = None) -> tuple[list[ResponseCapture], Collector]:
    c = c or Collector()
    caps: list[ResponseCapture] = []
    for i, e in enumerate(seq):
        if isinstance(e, Client):
            c.feed_client(dict(e), i * 0.01)
        else:
            caps += c.feed(e, i * 0.01)
    return caps, c


def one(seq: list[Any], c: Collector | None = None) -> ResponseCapture:
    caps, _ = feed(seq, c)
    assert len(caps) == 1, caps
    return caps[0]


def heard_verdict(transcript: str, heard_words: int, *, seconds: float, middle_missing: int | None = None) -> Verdict:
    """What the core says of audio holding only the first `heard_words` words: a cut tail, `truncated`."""
    words = transcript.split()
    ops = [WordOp("ok" if i < heard_words and i != middle_missing else "missing", ref=w) for i, w in enumerate(words)]
    missing = [w.ref or "" for w in ops if w.op == "missing"]
    flags = ["truncated"] + (["content_mismatch"] if middle_missing is not None else [])
    expl = f'The audio ends without the transcript\'s {len(words) - heard_words} last word(s) "..."'
    if middle_missing is not None:
        expl += f'. Also: at 0.5 s the audio does not say "{words[middle_missing]}"'
    return Verdict(
        id="",
        verdict=VerdictClass.TRUNCATED,
        flags=flags,
        explanation=expl + ".",
        transcript=transcript,
        audio_seconds=seconds,
        missing_words=missing,
        words=ops,
    )


# -- audio not requested -----------------------------------------------------


@pytest.mark.parametrize("shape", [wire.BETA, wire.GA])
def test_text_only_response_is_not_applicable_not_missing_audio(shape: str) -> None:
    text = '{"intent": "weather", "city": "Lisbon", "when": "tomorrow", "units": "metric"}'
    cap = one([created("r1", ["text"], shape), *text_message("r1", "i1", text, shape=shape), done("r1")])
    assert cap.modalities == ["text"] and cap.modalities_source == "response"
    assert cap.audio == b"" and cap.transcript is None and cap.text == text
    p = outcome.plan(cap)
    assert p.final is not None and p.final.verdict is VerdictClass.NOT_APPLICABLE
    assert p.final.meta.scope == "audio not requested" and "audio_not_requested" in p.final.flags
    done_name = wire.EVENT_NAMES[shape]["audio_done"]
    assert p.final.explanation == (
        "Audio not requested (modalities: text, as the response set them): nothing to verify. The service sent "
        f"0.00 s of audio in 0 chunk(s), no {done_name} arrived, no transcript and a text part of 8 words; "
        "status completed."
    )
    assert not fails(p.final.verdict) and not is_fault(p.final.verdict) and not judged(p.final.verdict)


def test_modalities_set_per_session_or_by_the_client_request() -> None:
    text = text_message("r1", "i1", "Okay.", shape=wire.GA)
    # GA session says text only; the response object is silent.
    sess = ev("session.updated", session={"id": "s", "type": "realtime", "output_modalities": ["text"]})
    cap = one([sess, created("r1", shape=wire.GA), *text, done("r1")])
    assert (cap.modalities, cap.modalities_source) == (["text"], "session")
    # Only the client said so: per session (session.update) ...
    cap = one([Client(ev("session.update", session={"modalities": ["text"]})), created("r1"), *text, done("r1")])
    assert (cap.modalities, cap.modalities_source) == (["text"], "session.update")
    # ... or per response (response.create), which beats the session's audio for that response only.
    c = Collector()
    seq = [
        ev("session.updated", session={"id": "s", "modalities": ["text", "audio"]}),
        Client(ev("response.create", response={"modalities": ["text"]})),
        created("r1"),
        *text,
        done("r1"),
        Client(ev("response.create", response={})),
        created("r2"),
        *text_message("r2", "i2", "Okay."),
        done("r2"),
    ]
    first, second = feed(seq, c)[0]
    assert (first.modalities, first.modalities_source) == (["text"], "response.create")
    assert outcome.plan(first).final.verdict is VerdictClass.NOT_APPLICABLE  # type: ignore[union-attr]
    # Asked for audio (by the session) and answered in text: the service's missing-audio symptom, still judged.
    assert (second.modalities, second.modalities_source) == (["text", "audio"], "session")
    p = outcome.plan(second)
    assert p.final is None and p.transcript == "Okay." and p.audio == b""


def test_each_reply_names_the_voice_that_spoke_it_as_the_session_or_response_says() -> None:
    """A run's replies are judged beside the other replies of their voice: the voice comes from the server's
    session (beta `voice`, GA `audio.output.voice`, a custom voice's id), else the client's session.update,
    and a response object's own voice beats both. A value no service sends is not taken for a voice."""
    speech = audio_message("r1", "i1", "Okay.", pcm(0.5))
    beta = ev("session.updated", session={"id": "s", "voice": "alloy"})
    assert one([beta, created("r1"), *speech, done("r1")]).meta["voice"] == "alloy"
    ga = ev("session.updated", session={"id": "s", "type": "realtime", "audio": {"output": {"voice": "marin"}}})
    assert one([ga, created("r1", shape=wire.GA), *speech, done("r1")]).meta["voice"] == "marin"
    custom = ev("session.created", session={"id": "s", "audio": {"output": {"voice": {"id": "voice_1234"}}}})
    assert one([custom, created("r1"), *speech, done("r1")]).meta["voice"] == "voice_1234"
    asked = Client(ev("session.update", session={"voice": "cedar"}))
    assert one([asked, created("r1"), *speech, done("r1")]).meta["voice"] == "cedar"
    # the server's word beats the client's request, and a response's own voice beats the session's
    assert one([asked, beta, created("r1"), *speech, done("r1")]).meta["voice"] == "alloy"
    own = created("r1")
    own["response"]["voice"] = "verse"
    assert one([beta, own, *speech, done("r1")]).meta["voice"] == "verse"
    for hostile in ("", " alloy", "a" * 65, "al\nloy", "<script>", 7, ["alloy"], {"name": "alloy"}):
        bad = ev("session.updated", session={"id": "s", "voice": hostile})
        assert "voice" not in one([bad, created("r1"), *speech, done("r1")]).meta, hostile
    assert "voice" not in one([created("r1"), *speech, done("r1")]).meta


def test_a_refused_response_create_does_not_shift_the_requests() -> None:
    c = Collector()
    refused = ev("response.create", response={"modalities": ["text"]})
    seq = [
        Client(refused),
        ev("error", error={"type": "invalid_request_error", "event_id": refused["event_id"], "message": "bad"}),
        Client(ev("response.create", response={"modalities": ["audio", "text"]})),
        created("r1"),
        *audio_message("r1", "i1", "Hi.", pcm(0.5)),
        done("r1"),
    ]
    cap = one(seq, c)
    assert cap.modalities == ["audio", "text"] and cap.modalities_source == "response.create"


# -- function calls, several items and parts ---------------------------------


def test_function_call_only_is_not_applicable_and_names_the_call() -> None:
    cap = one(
        [created("r1", ["text", "audio"]), *function_call("r1", "fc1", "get_weather", '{"city": "Lisbon"}'), done("r1")]
    )
    assert cap.output_items == [{"id": "fc1", "type": "function_call", "name": "get_weather", "status": "completed"}]
    p = outcome.plan(cap)
    assert p.final is not None and p.final.verdict is VerdictClass.NOT_APPLICABLE
    assert p.final.meta.scope == "function call"
    assert p.final.explanation.startswith(
        "The response is a function_call get_weather with no speech: nothing "
        "to verify. The service sent 0.00 s of audio"
    )
    assert "Lisbon" not in json.dumps(cap.to_dict())  # arguments are the app's data: not kept


def test_function_call_with_speech_verifies_the_speech() -> None:
    seq = [
        created("r1", ["text", "audio"]),
        *audio_message("r1", "m1", "Let me check.", pcm(1.0)),
        *function_call("r1", "fc1", "get_weather", "{}", index=1),
        done("r1"),
    ]
    cap = one(seq)
    assert [i["type"] for i in cap.output_items] == ["message", "function_call"]
    p = outcome.plan(cap)
    assert p.final is None and p.scope is None and p.transcript == "Let me check." and len(p.audio) == PCM16_RATE


def test_several_items_and_parts_join_in_output_order() -> None:
    first = audio_message("r1", "m1", "First sentence.", pcm(1.0, 1), done_parts=False)
    second = audio_message("r1", "m2", "Second sentence.", pcm(0.5, 2), index=1, done_parts=False)
    # The second part's .done events arrive first: the transcript still follows the audio's order.
    seq = [
        created("r1"),
        *first,
        *second,
        *message_done("r1", "m2", "Second sentence.", index=1),
        *message_done("r1", "m1", "First sentence."),
        done("r1"),
    ]
    cap = one(seq)
    assert cap.transcript == "First sentence. Second sentence."
    assert cap.audio == pcm(1.0, 1) + pcm(0.5, 2) and cap.meta["audio_parts"] == 2
    assert [i["id"] for i in cap.output_items] == ["m1", "m2"]


# -- barge-in ----------------------------------------------------------------


@pytest.mark.parametrize("shape", [wire.BETA, wire.GA])
def test_barge_in_cuts_the_audio_where_the_client_did(shape: str) -> None:
    sent = audio_message("r1", "m1", SENTENCE, pcm(3.0), shape=shape, done_parts=False)
    seq = [
        created("r1", ["audio", "text"], shape),
        *sent,
        Client(cancel()),
        Client(truncate("m1", 1200)),
        truncated("m1", 1200),
        *message_done("r1", "m1", SENTENCE, shape=shape, status="incomplete"),
        done("r1", "cancelled", {"type": "cancelled", "reason": "client_cancelled"}),
    ]
    cap = one(seq)
    assert cap.status == "cancelled" and cap.client_events == ["response.cancel", "conversation.item.truncate"]
    assert cap.truncation == {
        "item_id": "m1",
        "content_index": 0,
        "audio_end_ms": 1200,
        "by": "conversation.item.truncated",
        "at_s": 1.2,
    }
    assert len(cap.audio) == 3 * PCM16_RATE  # the capture keeps all that was sent
    p = outcome.plan(cap)
    assert p.final is None and p.scope == "interrupted by the client" and p.ended_early
    assert len(p.audio) == int(1.2 * PCM16_RATE)  # verification gets what was played
    v = outcome.settle(p, cap, heard_verdict(SENTENCE, 4, seconds=1.2))
    assert v.verdict is VerdictClass.MATCH and not fails(v.verdict)
    assert v.flags == ["interrupted"] and v.meta.scope == "interrupted by the client"
    done_name = wire.EVENT_NAMES[shape]["audio_done"]
    assert v.explanation == (
        "Interrupted by the client at 1.20 s (conversation.item.truncated, audio_end_ms 1200); verified up to there "
        "(1.20 s of audio). What was heard matches the transcript so far; the audio ends without the transcript's "
        f'11 last word(s) "...". The service sent 3.00 s of audio in 30 chunk(s), {done_name} arrived, a transcript '
        "of 15 words; status cancelled (client_cancelled)."
    )


def test_barge_in_keeps_a_fault_in_what_was_heard() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(3.0), done_parts=False),
        Client(truncate("m1", 2000)),
        *message_done("r1", "m1", SENTENCE),
        done("r1", "cancelled", {"type": "cancelled", "reason": "turn_detected"}),
    ]
    cap = one(seq)
    assert cap.truncation is not None and cap.truncation["by"] == "conversation.item.truncate"
    p = outcome.plan(cap)
    v = outcome.settle(p, cap, heard_verdict(SENTENCE, 6, seconds=2.0, middle_missing=2))
    assert v.verdict is VerdictClass.CONTENT_MISMATCH and v.flags == ["content_mismatch", "interrupted"]
    assert v.explanation.startswith(
        "Interrupted by the client at 2.00 s (conversation.item.truncate, "
        "audio_end_ms 2000); verified up to there (2.00 s of audio). The audio ends"
    )


def test_cut_before_any_audio_is_not_applicable() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(0.4), done_parts=False),
        Client(cancel("r1")),
        Client(truncate("m1", 0)),
        done("r1", "cancelled", {"reason": "client_cancelled"}),
    ]
    p = outcome.plan(one(seq))
    assert p.final is not None and p.final.verdict is VerdictClass.NOT_APPLICABLE
    assert p.final.meta.scope == "interrupted by the client" and p.final.flags == ["interrupted"]
    assert p.final.explanation.startswith(
        "Interrupted by the client at 0.00 s (conversation.item.truncate, "
        "audio_end_ms 0) before any audio: nothing to verify. The service sent "
        "0.40 s of audio in 4 chunk(s), no response.audio.done arrived"
    )


def test_cut_in_the_second_item_counts_from_the_start_of_the_audio() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", "One.", pcm(1.0)),
        *audio_message("r1", "m2", "Two and three.", pcm(2.0), index=1, done_parts=False),
        Client(truncate("m2", 500)),
        *message_done("r1", "m2", "Two and three.", index=1),
        done("r1", "cancelled", {"reason": "turn_detected"}),
    ]
    cap = one(seq)
    assert cap.truncation is not None and cap.truncation["at_s"] == 1.5
    assert len(outcome.plan(cap).audio) == int(1.5 * PCM16_RATE)


def test_cut_after_the_response_finished_is_noted_and_the_whole_audio_verified() -> None:
    c = Collector()
    caps, _ = feed([created("r1"), *audio_message("r1", "m1", SENTENCE, pcm(3.0)), done("r1")], c)
    (cap,) = caps
    feed([Client(truncate("m1", 1500)), truncated("m1", 1500)], c)
    assert cap.truncation is None and outcome.plan(cap).scope is None
    assert c.late_truncations == [
        {
            "item_id": "m1",
            "content_index": 0,
            "audio_end_ms": 1500,
            "by": "conversation.item.truncate",
            "response_id": "r1",
        }
    ]
    assert c.notes == [
        "conversation.item.truncate: the client stopped playing response r1 at 1.50 s, after the "
        "response had finished (its whole audio is verified)"
    ]


def test_cancel_without_a_cut_verifies_what_was_sent() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(1.5), done_parts=False),
        Client(cancel()),
        done("r1", "cancelled", {"type": "cancelled", "reason": "client_cancelled"}),
    ]
    cap = one(seq)
    assert cap.client_events == ["response.cancel"] and cap.truncation is None
    p = outcome.plan(cap)
    assert p.scope == "cancelled: client_cancelled" and len(p.audio) == len(cap.audio)
    v = outcome.settle(p, cap, heard_verdict(SENTENCE, 7, seconds=1.5))
    assert v.verdict is VerdictClass.MATCH and v.flags == ["cancelled"]
    assert v.explanation.startswith(
        "Cancelled: the client cancelled it (client_cancelled); verified up to there "
        "(1.50 s of audio). What was heard matches the transcript so far;"
    )
    assert v.explanation.endswith(
        "The service sent 1.50 s of audio in 15 chunk(s), no response.audio.done "
        "arrived, a transcript of 15 words; status cancelled (client_cancelled)."
    )


def test_cancel_with_nothing_in_flight_is_noted() -> None:
    _, c = feed([Client(cancel())])
    assert c.notes == ["response.cancel with no such response in flight (the service has nothing to cancel)"]


# -- incomplete, failed --------------------------------------------------------


@pytest.mark.parametrize("reason", ["max_output_tokens", "content_filter"])
def test_incomplete_is_verified_up_to_where_it_stopped(reason: str) -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(2.0)),
        done("r1", "incomplete", {"type": "incomplete", "reason": reason}),
    ]
    cap = one(seq)
    p = outcome.plan(cap)
    assert p.scope == f"incomplete: {reason}" and p.ended_early and len(p.audio) == len(cap.audio)
    v = outcome.settle(p, cap, heard_verdict(SENTENCE, 9, seconds=2.0))
    assert v.verdict is VerdictClass.MATCH and v.flags == ["incomplete"] and v.meta.scope == f"incomplete: {reason}"
    assert v.explanation.startswith(f"Incomplete ({reason}); verified up to there (2.00 s of audio).")
    assert v.explanation.endswith(f"status incomplete ({reason}).")


def test_incomplete_before_any_output_is_not_applicable() -> None:
    p = outcome.plan(one([created("r1"), done("r1", "incomplete", {"reason": "content_filter"})]))
    assert p.final is not None and p.final.verdict is VerdictClass.NOT_APPLICABLE
    assert p.final.explanation.startswith("Incomplete (content_filter) before any output: nothing to verify.")


def test_failed_is_an_error_with_the_services_reason_and_what_it_sent() -> None:
    details = {"type": "failed", "error": {"type": "server_error", "code": "internal_error", "message": "boom"}}
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(1.0), done_parts=False),
        done("r1", "failed", details),
    ]
    p = outcome.plan(one(seq))
    assert p.final is not None and p.final.verdict is VerdictClass.ERROR and not is_fault(p.final.verdict)
    assert p.final.meta.scope == "failed" and p.final.error == "response failed: internal_error: boom"
    assert p.final.explanation == (
        "Not judged: response failed: internal_error: boom. The service sent 1.00 s of "
        "audio in 10 chunk(s), no response.audio.done arrived, a transcript of 15 words; "
        "status failed."
    )


# -- the service's own cuts stay faults, and say what was sent ---------------------


def test_a_service_cut_stays_a_fault_and_says_what_was_sent() -> None:
    cap = one(
        [
            created("r1", shape=wire.GA),
            *audio_message("r1", "m1", SENTENCE, pcm(1.0), shape=wire.GA, done_parts=False),
            ev(
                "response.output_audio_transcript.done",
                response_id="r1",
                item_id="m1",
                output_index=0,
                content_index=0,
                transcript=SENTENCE,
            ),
            done("r1"),
        ]
    )
    p = outcome.plan(cap)
    assert p.final is None and p.scope is None and not p.ended_early
    v = outcome.settle(p, cap, heard_verdict(SENTENCE, 5, seconds=1.0))
    assert v.verdict is VerdictClass.TRUNCATED and is_fault(v.verdict) and v.meta.scope is None
    assert v.explanation.endswith(
        "The service sent 1.00 s of audio in 10 chunk(s), no "
        "response.output_audio.done arrived, a transcript of 15 words; status completed."
    )


# -- the user's side, reused ids -------------------------------------------------


def test_input_audio_transcription_is_kept_apart_from_the_response() -> None:
    seq = [
        ev("conversation.item.input_audio_transcription.delta", item_id="u1", content_index=0, delta="What's"),
        ev(
            "conversation.item.input_audio_transcription.completed",
            item_id="u1",
            content_index=0,
            transcript="What's the weather?",
        ),
        ev(
            "conversation.item.input_audio_transcription.failed",
            item_id="u2",
            content_index=0,
            error={"type": "transcription_error", "code": "audio_unintelligible", "message": "unclear"},
        ),
        created("r1"),
        *audio_message("r1", "m1", "Sunny.", pcm(0.5)),
        done("r1"),
    ]
    (cap,) = feed(seq)[0]
    _, c = feed(seq)
    assert cap.transcript == "Sunny." and "weather" not in json.dumps(cap.to_dict())
    assert c.input_transcripts == {"u1": "What's the weather?"} and c.problems == []
    assert c.notes == [
        "input audio transcription of item u2 failed: audio_unintelligible: unclear "
        "(the user's side; no response is judged on it)"
    ]


def test_a_reused_response_id_gets_its_own_capture() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", "One.", pcm(0.5)),
        done("r1"),
        created("r1"),
        *audio_message("r1", "m1", "Two.", pcm(0.5, 3)),
        done("r1"),
    ]
    (a, b), c = feed(seq)
    assert (a.response_id, a.transcript) == ("r1", "One.")
    assert (b.response_id, b.transcript, b.meta["server_response_id"]) == ("r1#2", "Two.", "r1")
    assert b.audio == pcm(0.5, 3)
    assert "the server reused response id r1 (finished before); kept apart as r1#2" in b.problems
    assert not any("after its response.done" in p for p in c.problems)


def test_reused_event_ids_are_counted_once_not_listed_per_event() -> None:
    seq = [created("r1"), *audio_message("r1", "m1", SENTENCE, pcm(3.0)), done("r1")]
    for e in seq:
        e["event_id"] = "event_same"
    cap = one(seq)
    assert cap.transcript == SENTENCE and len(cap.audio) == 3 * PCM16_RATE
    assert [p for p in cap.problems if "duplicate" in p] == [
        "duplicate event_id event_same (the count is in meta.duplicate_event_ids)"
    ]
    assert cap.meta["duplicate_event_ids"] == len(seq) - 1


# -- replay feeds client events; the scorer decides without a model --------------


def test_replay_feeds_client_events_of_both_log_forms() -> None:
    seq = [
        created("r1"),
        *audio_message("r1", "m1", SENTENCE, pcm(3.0), done_parts=False),
        Client(cancel()),
        Client(truncate("m1", 1200)),
        done("r1", "cancelled", {"reason": "client_cancelled"}),
    ]
    raw = [json.dumps(dict(e)) for e in seq]
    wrapped = [
        json.dumps(
            {
                "t": i * 0.01,
                "conn": 0,
                "prompt_id": "p",
                "event": dict(e),
                **({"dir": "client"} if isinstance(e, Client) else {}),
            }
        )
        for i, e in enumerate(seq)
    ]
    for lines in (raw, wrapped):
        res = replay_lines(lines)
        (cap,) = res.captures
        assert res.client_events == 2 and cap.truncation is not None and cap.truncation["at_s"] == 1.2
        assert cap.client_events == ["response.cancel", "conversation.item.truncate"]


def test_scorer_writes_not_applicable_without_loading_a_model(tmp_path: Path) -> None:
    def no_model() -> Any:
        raise AssertionError("nothing here needs the verifier")

    caps, _ = feed(
        [
            created("r1", ["text"]),
            *text_message("r1", "i1", "Okay."),
            done("r1"),
            created("r2"),
            *function_call("r2", "fc", "lookup", "{}"),
            done("r2"),
        ]
    )
    rd = RunDir.create(tmp_path / "run", {"run_id": "t", "kind": "replay"})
    scorer = Scorer(rd, no_model)
    for cap in caps:
        rd.write_capture(cap)
        scorer.submit(cap)
    scorer.close()
    rd.finish()
    rd.close()
    assert scorer.error is None
    rows = read_jsonl(tmp_path / "run" / "results.jsonl")
    assert [(r["verdict"], r["meta"]["scope"]) for r in rows] == [
        ("not_applicable", "audio not requested"),
        ("not_applicable", "function call"),
    ]


def test_client_frames_as_text_and_the_users_audio_unparsed() -> None:
    c = Collector()
    c.feed_client('{"type": "input_audio_buffer.append", "audio": "' + "A" * 100_000 + '"}')
    c.feed_client(b'{"type":"input_audio_buffer.append","audio":"not json at all')  # never parsed, never a problem
    c.feed_client(json.dumps({"type": "response.create", "response": {"output_modalities": ["text"]}}))
    c.feed_client(b"{broken")
    cap = one([created("r1"), *text_message("r1", "i1", "Okay."), done("r1")], c)
    assert (cap.modalities, cap.modalities_source) == (["text"], "response.create")
    assert c.client_events_seen == 4 and len(c.problems) == 1 and "unparseable" in c.problems[0]
