"""The sans-I/O collector on hand-built event sequences of both wire shapes."""

from __future__ import annotations

import copy
import json
import random

from tests.helpers.events import BETA, GA, audio_response, ev, response_done, session_updated, text_response
from verifier.realtime.collector import Collector
from verifier.schema.captures import ResponseCapture


def feed_all(c: Collector, events: list, t0: float = 0.0) -> list[ResponseCapture]:
    out = []
    for i, e in enumerate(events):
        out += c.feed(e, t0 + i * 0.01)
    return out


def test_beta_audio_response_is_captured_whole() -> None:
    c = Collector()
    c.feed(session_updated("g711_ulaw"))
    chunks = [bytes([i]) * 160 for i in range(5)]
    caps = feed_all(c, audio_response("resp_1", "Hello there friend.", chunks))
    assert len(caps) == 1
    cap = caps[0]
    assert cap.response_id == "resp_1" and cap.item_id == "item_resp_1" and cap.session_id == "sess_1"
    assert cap.audio == b"".join(chunks) and cap.audio_chunks == 5
    assert cap.audio_format == "g711_ulaw" and cap.meta["format_source"] == "session"
    assert cap.transcript == "Hello there friend."
    assert cap.transcript_deltas == "Hello there friend. "
    assert cap.part_types == ["audio"]
    assert cap.status == "completed" and cap.usage["output_token_details"]["audio_tokens"] == 50
    assert cap.modalities == ["text", "audio"]
    assert cap.t_created == 0.0 and cap.t_first_audio is not None and cap.t_last_audio is not None
    assert cap.t_first_audio < cap.t_last_audio < cap.t_done
    assert len(cap.event_ids) == len(cap.event_types) == len(set(cap.event_ids))
    assert cap.event_types[0] == "response.created" and cap.event_types[-1] == "response.done"
    assert cap.problems == [] and c.problems == []
    assert cap.meta["family"] == "beta"


def test_ga_names_and_format_objects() -> None:
    c = Collector()
    c.feed(session_updated({"type": "audio/pcm", "rate": 24000}, ga=True))
    chunks = [b"\x01\x00" * 240, b"\x02\x00" * 240]
    caps = feed_all(c, audio_response("resp_ga", "Okay, much better.", chunks, names=GA))
    assert len(caps) == 1
    cap = caps[0]
    assert cap.audio_format == "pcm16" and cap.audio == b"".join(chunks)
    assert cap.transcript == "Okay, much better." and cap.part_types == ["output_audio"]
    assert cap.meta["family"] == "ga" and cap.problems == []


def test_ga_alaw_announced_on_the_response_wins_over_the_session() -> None:
    c = Collector()
    c.feed(session_updated({"type": "audio/pcmu"}, ga=True))
    events = audio_response("r", "hi", [b"\xd5" * 80], names=GA)
    events[0]["response"]["audio"] = {"output": {"format": {"type": "audio/pcma"}}}
    (cap,) = feed_all(c, events)
    assert cap.audio_format == "g711_alaw" and cap.meta["format_source"] == "response"


def test_text_only_response_shows_the_missing_audio_symptom() -> None:
    c = Collector()
    (cap,) = feed_all(c, text_response("resp_t", "Lowering it to minimum."))
    assert cap.audio == b"" and cap.audio_chunks == 0
    assert cap.part_types == ["text"]
    assert cap.text == "Lowering it to minimum." and cap.text_deltas == "Lowering it to minimum. "
    assert cap.transcript is None
    assert cap.usage["output_token_details"]["audio_tokens"] == 0
    (cap_ga,) = feed_all(Collector(), text_response("resp_t2", "Okay.", names=GA, with_content=False))
    assert cap_ga.part_types == ["output_text"] and cap_ga.text == "Okay."


def test_transcript_done_and_deltas_disagreement_is_visible() -> None:
    (cap,) = feed_all(
        Collector(), audio_response("r", "Now I can barely hear myself.", [b"\0\0"], deltas=["Now I ", "can barely"])
    )
    assert cap.transcript == "Now I can barely hear myself." and cap.transcript_deltas == "Now I can barely"


def test_interleaved_and_out_of_order_responses_are_kept_apart() -> None:
    a = audio_response("resp_a", "alpha beta gamma", [b"A" * 10, b"a" * 10])
    b = audio_response("resp_b", "delta epsilon", [b"B" * 10, b"b" * 10], names=GA)
    rng = random.Random(3)
    # Random interleaving that keeps each response's own order.
    merged, ia, ib = [], 0, 0
    while ia < len(a) or ib < len(b):
        if ib >= len(b) or (ia < len(a) and rng.random() < 0.5):
            merged.append(a[ia])
            ia += 1
        else:
            merged.append(b[ib])
            ib += 1
    caps = {cap.response_id: cap for cap in feed_all(Collector(), merged)}
    assert set(caps) == {"resp_a", "resp_b"}
    assert caps["resp_a"].audio == b"A" * 10 + b"a" * 10 and caps["resp_a"].transcript == "alpha beta gamma"
    assert caps["resp_b"].audio == b"B" * 10 + b"b" * 10 and caps["resp_b"].transcript == "delta epsilon"
    assert caps["resp_a"].problems == [] and caps["resp_b"].problems == []


def test_events_before_response_created_and_after_done() -> None:
    events = audio_response("r", "one two", [b"xy"])
    created = events.pop(0)
    c = Collector()
    events.insert(3, created)  # response.created arrives late
    (cap,) = feed_all(c, events)
    assert cap.audio == b"xy" and cap.status == "completed"
    assert any("before response.created" in p for p in cap.problems)
    assert c.feed(ev("response.audio.delta", response_id="r", item_id="item_r", delta="AAAA")) == []
    assert any("after its response.done" in p for p in c.problems)


def test_malformed_events_are_recorded_never_raised() -> None:
    c = Collector()
    events: list = audio_response("r", "fine words", [b"\x10\x00" * 4, b"\x20\x00" * 4])
    events.insert(3, "{not json")
    events.insert(4, b"\xff\xfe binary")
    events.insert(5, "[1, 2]")
    events.insert(5, {"no_type": True})
    events.insert(6, ev("response.audio.delta", response_id="r", item_id="item_r", delta="@@not base64@@"))
    events.insert(6, ev("response.audio.delta", response_id="r", item_id="item_r", delta=None))
    events.insert(6, ev("response.audio_transcript.delta", response_id="r", delta=17))
    events.insert(6, ev("response.created"))  # no response object
    events.insert(6, ev("response.magic.delta", response_id="r", delta="?"))
    events.insert(6, ev("response.magic.delta", response_id="r", delta="?"))
    caps = feed_all(c, events)
    assert len(caps) == 1
    cap = caps[0]
    assert cap.audio == b"\x10\x00" * 4 + b"\x20\x00" * 4  # good chunks kept, bad one skipped
    assert cap.transcript == "fine words"
    joined = " | ".join(cap.problems + c.problems)
    for needle in (
        "unparseable event",
        "not UTF-8",
        "not a JSON object",
        "without a string 'type'",
        "invalid base64 audio",
        "without a string delta",
        "without response.id",
        "unknown event type 'response.magic.delta'",
    ):
        assert needle in joined, needle
    assert c.unknown_types["response.magic.delta"] == 2
    assert sum("unknown event type" in p for p in c.problems) == 1  # said once per type, counted always


def test_error_event_is_recorded_on_stream_and_in_flight_response() -> None:
    c = Collector()
    events = audio_response("r", "some words", [b"\0\0"])
    events.insert(4, ev("error", error={"type": "server_error", "code": "boom", "message": "it broke"}))
    (cap,) = feed_all(c, events)
    assert c.errors == [{"type": "server_error", "code": "boom", "message": "it broke"}]
    assert any("server_error/boom: it broke" in p for p in cap.problems)
    c.feed(ev("error"))  # no payload at all
    assert len(c.errors) == 2


def test_missing_response_id_is_attributed_only_when_unambiguous() -> None:
    c = Collector()
    events = audio_response("r1", "solo", [b"\1\1"])
    del events[4]["response_id"]  # an audio delta without response_id, one response in flight
    (cap,) = feed_all(c, events)
    assert cap.audio == b"\1\1" and any("attributed by context" in p for p in cap.problems)

    c2 = Collector()
    a = audio_response("ra", "aa", [b"\2\2"], item="it_a")
    b = audio_response("rb", "bb", [b"\3\3"], item="it_b")
    feed_all(c2, a[:3] + b[:3])
    orphan = ev("response.audio.delta", item_id="it_b", output_index=0, content_index=0, delta="AwM=")
    c2.feed(orphan)  # attributed by item id
    c2.feed(ev("response.audio.delta", delta="AwM="))  # two in flight, no ids: stream problem
    caps = {x.response_id: x for x in feed_all(c2, a[3:] + b[3:])}
    assert caps["rb"].audio == b"\3\3\3\3" and caps["ra"].audio == b"\2\2"
    assert any("no single response in flight" in p for p in c2.problems)


def test_close_yields_in_flight_responses_as_incomplete() -> None:
    c = Collector()
    events = audio_response("r", "I'm checking. Yes, I found it.", [b"\5\0" * 100, b"\6\0" * 100], with_done=False)
    partial = events[:5]
    assert feed_all(c, partial) == []
    assert c.pending == ["r"]
    (cap,) = c.close("disconnected: connection dropped")
    assert cap.status is None and cap.problems[-1] == "disconnected: connection dropped"
    assert cap.audio == b"\5\0" * 100 and cap.transcript is None and cap.transcript_deltas
    assert c.pending == [] and c.close() == []

    c2 = Collector()
    feed_all(c2, events[:5])
    stalled = c2.abandon("r", "stalled: no event for 5s")
    assert stalled is not None and stalled.problems == ["stalled: no event for 5s"]
    assert c2.abandon("r", "again") is None


def test_transcript_falls_back_to_content_part_when_done_event_missing() -> None:
    events = audio_response("r", "the whole sentence", [b"\0\0"])
    events = [e for e in events if e["type"] != "response.audio_transcript.done"]
    (cap,) = feed_all(Collector(), events)
    assert cap.transcript == "the whole sentence"
    assert any("transcript taken from the content part" in p for p in cap.problems)


def test_failed_and_cancelled_status_details_are_kept() -> None:
    events = audio_response("r", "x", [b"\0\0"], with_done=False)
    details = {"type": "failed", "error": {"type": "rate_limit_error", "code": "rate_limit_exceeded"}}
    events.append(response_done("r", status="failed", details=details))
    (cap,) = feed_all(Collector(), events)
    assert cap.status == "failed" and cap.status_details == details


def test_odd_pcm16_byte_count_and_default_format() -> None:
    (cap,) = feed_all(Collector(), audio_response("r", "x", [b"\0\0\0"]))
    assert cap.audio_format == "pcm16" and cap.meta["format_source"] == "default"
    assert any("odd byte count" in p for p in cap.problems)


def test_multiple_audio_parts_concatenate_in_arrival_order() -> None:
    c = Collector()
    first = audio_response("r", "first part", [b"1" * 4], item="i1", with_done=False)
    second = [e for e in audio_response("r", "second part", [b"2" * 4], item="i2") if e["type"] != "response.created"]
    (cap,) = feed_all(c, first + second)
    assert cap.audio == b"1111" + b"2222"
    assert cap.transcript == "first part second part"
    assert cap.meta["item_ids"] == ["i1", "i2"] and cap.meta["audio_parts"] == 2


def test_replays_json_text_frames_identically() -> None:
    events = audio_response("r", "same either way", [b"\7\0" * 9], names=GA)
    (a,) = feed_all(Collector(), events)
    (b,) = feed_all(Collector(), [json.dumps(e) for e in events])
    assert a.to_dict() == b.to_dict() and a.audio == b.audio


def test_names_are_mapped_for_both_families() -> None:
    from verifier.schema.wire import Kind, family_of, kind_of

    for names in (BETA, GA):
        assert kind_of(names["audio_delta"]) is Kind.AUDIO_DELTA
        assert kind_of(names["tr_done"]) is Kind.TRANSCRIPT_DONE
        assert kind_of(names["text_delta"]) is Kind.TEXT_DELTA
    assert family_of("response.audio.delta") == "beta" and family_of("response.output_text.done") == "ga"
    assert kind_of("response.nonsense") is None


def test_randomly_damaged_streams_never_raise_and_keep_the_intact_responses() -> None:
    rng = random.Random(11)
    junk: list = [None, 7, -1.5, True, "", "x" * 5, [], {}, {"type": 3}, ["a"], {"id": None}]
    for round_ in range(60):
        good = audio_response(
            f"good{round_}", "kept intact", [b"\1\0" * 8], names=GA if round_ % 2 else BETA, item=f"it_good{round_}"
        )
        bad = [
            json.loads(json.dumps(e))
            for e in audio_response(f"bad{round_}", "damaged one", [b"\2\0" * 8], item=f"it_bad{round_}")
        ]
        for e in bad:  # damage every event of the second response a little
            key = rng.choice(sorted(e))
            if key != "type" or rng.random() < 0.3:
                e[key] = copy.deepcopy(rng.choice(junk))
            if isinstance(e.get("response"), dict) and rng.random() < 0.5:
                e["response"][rng.choice(["status", "usage", "output", "modalities", "audio"])] = copy.deepcopy(
                    rng.choice(junk)
                )
            if isinstance(e.get("part"), dict) and rng.random() < 0.5:
                e["part"]["type"] = copy.deepcopy(rng.choice(junk))
        c = Collector()
        caps = feed_all(c, [x for pair in zip(good, bad) for x in pair] + good[len(bad) :] + bad[len(good) :])
        caps += c.close()
        kept = [x for x in caps if x.response_id == f"good{round_}"]
        assert len(kept) == 1 and kept[0].audio == b"\1\0" * 8 and kept[0].transcript == "kept intact"
        assert kept[0].status == "completed"


def test_recorded_simulator_logs_of_both_families() -> None:
    """Raw server-event logs recorded from the simulator (tests/harness/data, one event per line)."""
    from pathlib import Path

    from verifier.realtime.replay import replay_file

    data = Path(__file__).parent / "data"
    for name, fmt, family in (("beta", "g711_ulaw", "beta"), ("ga", "g711_alaw", "ga")):
        res = replay_file(data / f"recorded-{name}.jsonl")
        assert res.problems == [] and res.forms == {"raw"}
        spoken, text_only = res.captures
        assert spoken.status == text_only.status == "completed"
        assert spoken.audio_format == fmt and spoken.meta["family"] == family
        assert spoken.transcript == "Okay, much better." and spoken.text is None
        assert 0.7 < len(spoken.audio) / 8000 < 3.0  # G.711: 8000 bytes a second
        assert spoken.t_created is None  # raw logs carry no clock: timings stay unknown, not invented
        assert text_only.audio == b"" and text_only.text == "That's the best one."
        assert text_only.part_types[0] in ("text", "output_text") and text_only.transcript is None
        assert text_only.usage["output_token_details"]["audio_tokens"] == 0
