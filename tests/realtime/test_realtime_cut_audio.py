"""A barge-in on real speech, through the real verifier: the part the user heard is verified, the cut is not a fault.

The same audio cut by the service (no client event, status completed) stays
`truncated`: excusing the client's cut must not hide the service's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.session_events import audio_message as message
from tests.helpers.session_events import cancel, created, done, message_done, truncate
from verifier.harness.scorer import Scorer, make_verifier
from verifier.realtime.replay import replay_lines
from verifier.schema import audio
from verifier.schema.rundir import RunDir, read_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SENTENCE = (
    "The package left our warehouse this morning and should reach your door on Thursday afternoon, "
    "so please keep your phone nearby in case the driver calls."
)


def _scored(tmp_path: Path, events: list[tuple[str, dict]]) -> list[dict]:
    lines = [
        json.dumps({"t": i * 0.01, "conn": 0, "event": e, **({"dir": "client"} if d == "c" else {})})
        for i, (d, e) in enumerate(events)
    ]
    res = replay_lines(lines)
    rd = RunDir.create(tmp_path / "run", {"run_id": "cut", "kind": "replay"})
    scorer = Scorer(rd, lambda: make_verifier("tiny.en", "auto"))
    for cap in res.captures:
        rd.write_capture(cap)
        scorer.submit(cap)
    scorer.close()
    rd.finish()
    rd.close()
    assert scorer.error is None
    return list(read_jsonl(tmp_path / "run" / "results.jsonl"))


def test_barge_in_is_verified_up_to_the_cut_and_a_service_cut_is_still_caught(tmp_path: Path) -> None:
    from verifier.simulator import tts

    speech = audio.encode(tts.synthesize(SENTENCE, "en"), tts.TTS_RATE, "pcm16")
    seconds = audio.duration(speech, "pcm16")
    cut_ms = int(seconds * 400)  # the user barged in 40 % of the way through
    sent = speech[: len(speech) * 3 // 5 // 2 * 2]  # the service had sent 60 % by the time it cancelled
    barge_in = [
        ("s", created("r1", ["audio", "text"])),
        *[("s", e) for e in message("r1", "m1", SENTENCE, sent, done_parts=False)],
        ("c", cancel()),
        ("c", truncate("m1", cut_ms)),
        *[("s", e) for e in message_done("r1", "m1", SENTENCE, status="incomplete")],
        ("s", done("r1", "cancelled", {"type": "cancelled", "reason": "client_cancelled"})),
    ]
    service_cut = [
        ("s", created("r2", ["audio", "text"])),
        *[("s", e) for e in message("r2", "m2", SENTENCE, sent)],
        ("s", done("r2")),
    ]
    heard, cut = _scored(tmp_path, barge_in + service_cut)
    assert heard["verdict"] == "match", heard["explanation"]
    assert heard["meta"]["scope"] == "interrupted by the client" and "interrupted" in heard["flags"]
    assert heard["explanation"].startswith(f"Interrupted by the client at {cut_ms / 1000:.2f} s")
    assert heard["audio_seconds"] == pytest.approx(cut_ms / 1000, abs=0.01)
    assert cut["verdict"] == "truncated", cut["explanation"]
    assert cut["meta"].get("scope") is None
    assert cut["explanation"].endswith(
        f"The service sent {audio.duration(sent, 'pcm16'):.2f} s of audio in "
        f"{-(-len(sent) // 4800)} chunk(s), response.audio.done arrived, a transcript "
        f"of {len(SENTENCE.split())} words; status completed."
    )
