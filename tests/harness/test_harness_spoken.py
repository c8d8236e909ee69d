"""The harness speaks too: a piper-made WAV prompt streamed to the simulator, answered and verified like a typed one;
and the per-response deadline and the frame limit against the simulator's real streams.

Real TTS, real sockets, the simulator's own VAD and Whisper, real verification.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.voice import RATE, spoken, words
from verifier.core.verify import Verifier
from verifier.harness.config import RunConfig
from verifier.harness.corpus import load_corpus
from verifier.harness.runner import RunSummary, run_corpus
from verifier.schema import audio
from verifier.schema.rundir import read_jsonl
from verifier.simulator import Simulator

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SAID = "Your order was shipped yesterday and it will arrive on Friday."


@pytest.fixture(scope="module")
def sim() -> Any:
    s = Simulator(host="127.0.0.1", port=0).start_in_thread()
    yield s
    s.stop_thread()


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(model="tiny.en")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    (d / "audio").mkdir()
    (d / "audio" / "order.wav").write_bytes(audio.write_wav(audio.to_float(spoken(SAID, lead=0.3, tail=0.3)), RATE))
    path = d / "spoken.jsonl"
    path.write_text(
        '{"id": "order", "audio": "audio/order.wav", "language": "en"}\n'
        '{"id": "typed", "text": "Okay, much better.", "language": "en"}\n'
    )
    return path


def _run(sim: Any, verifier: Verifier, corpus: Path, out: Path, **kw: Any) -> RunSummary:
    cfg = RunConfig(target="simulator", out_dir=str(out), pace=kw.pop("pace", 3.0), **kw)
    return asyncio.run(
        run_corpus(load_corpus(corpus), cfg, verifier=verifier, progress=False, sim_base=sim.url("azure"))
    )


@pytest.mark.parametrize("turns", ["manual", "server_vad"])
def test_a_spoken_prompt_is_answered_from_what_was_said_and_verified(
    sim: Any, verifier: Verifier, corpus: Path, tmp_path: Path, turns: str
) -> None:
    extra = {"turn_detection": {"type": "server_vad", "silence_duration_ms": 400}} if turns == "server_vad" else None
    s = _run(sim, verifier, corpus, tmp_path / "run", extra=extra)
    rows = {r["meta"]["prompt_id"]: r for r in read_jsonl(tmp_path / "run" / "results.jsonl")}
    assert {k: r["verdict"] for k, r in rows.items()} == {"order": "match", "typed": "match"}, rows
    caps = {c["meta"].get("prompt_id"): c for c in read_jsonl(tmp_path / "run" / "captures.jsonl")}
    assert set(caps) == {"order", "typed"} and s.collected == 2
    # the reply was derived from the words heard, not from the placeholder text
    heard = set(words(caps["order"]["transcript"] or ""))
    assert len(heard & set(words(SAID))) >= 5, caps["order"]["transcript"]
    events = list(read_jsonl(tmp_path / "run" / "events.jsonl"))
    sent = [e["event"]["type"] for e in events if e.get("dir") == "client" and e["prompt_id"] == "order"]
    got = [e["event"].get("type") for e in events if e.get("dir") != "client" and e["prompt_id"] == "order"]
    assert sent.count("input_audio_buffer.append") >= 30
    update = next(e["event"] for e in events if e.get("dir") == "client" and e["event"]["type"] == "session.update")
    if turns == "manual":
        assert sent[-2:] == ["input_audio_buffer.commit", "response.create"]
        assert update["session"]["turn_detection"] is None and "input_audio_buffer.speech_started" not in got
    else:
        assert "response.create" not in sent and "input_audio_buffer.speech_started" in got
        assert "verifier_prompt" not in (caps["order"]["meta"].get("metadata") or {})  # the service made it
    assert caps["typed"]["meta"]["metadata"]["verifier_prompt"] == "typed#0#0"


def test_a_response_still_streaming_at_its_deadline_is_an_error(sim: Any, verifier: Verifier, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "long", "text": "I am checking. Yes, I found it. Lowering it to the minimum. Okay, much '
        'better. Now I can barely hear myself.", "language": "en"}\n'
    )
    # A simulator that streams in real time: events never stop for long, but the reply takes seconds.
    paced = Simulator(host="127.0.0.1", port=0, pace=1.0).start_in_thread()
    try:
        s = _run(paced, verifier, path, tmp_path / "run", response_timeout_s=3.0, timeout_s=30)
    finally:
        paced.stop_thread()
    (row,) = read_jsonl(tmp_path / "run" / "results.jsonl")
    assert row["verdict"] == "error" and "response timeout after 3 s" in row["explanation"]
    (cap,) = read_jsonl(tmp_path / "run" / "captures.jsonl")
    assert "response.created" in cap["event_types"] and not cap["response_id"].startswith("noresponse")
    assert cap["status"] is None and s.stalled == 1 and s.retried == 0


def test_a_frame_over_the_limit_from_the_simulator_is_an_error_not_a_retry(
    sim: Any, verifier: Verifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERIFIER_MAX_FRAME_MB", str(3000 / 2**20))  # session events pass; an audio delta does not
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "p", "text": "Okay, much better. Now I can barely hear myself.", "language": "en"}\n')
    s = _run(sim, verifier, path, tmp_path / "run", output_audio_format="pcm16")
    (row,) = read_jsonl(tmp_path / "run" / "results.jsonl")
    assert row["verdict"] == "error" and "1009" in row["explanation"], row["explanation"]
    assert s.retried == 0 and not (tmp_path / "run" / "retried.jsonl").exists()
