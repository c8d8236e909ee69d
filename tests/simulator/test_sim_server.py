"""The simulator over real WebSockets on 127.0.0.1, with real speech."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from typing import Any

import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.helpers.sim import (
    KEY,
    REPORT_BOTH,
    REPORT_DRIFT_EN,
    REPORT_DRIFT_ES,
    REPORT_TRUNCATE,
    ask,
    audio_of,
    dial,
    recv,
    send,
    transcript_of,
    types_of,
    until,
    user_item,
)
from tests.simulator.test_sim_agents_protocol import ORDER, PASSWORD, energy_regions
from verifier.schema.audio import duration, encode
from verifier.simulator import Simulator
from verifier.simulator.listening import Hearing
from verifier.simulator.speech import SpeechRenderer
from verifier.simulator.tts import TTS_RATE

ULAW_SESSION = {
    "modalities": ["text", "audio"],
    "instructions": "Translate the user's text into English.",
    "output_audio_format": "g711_ulaw",
    "temperature": 0.6,
}


def truth_for(sim: Simulator, response_id: str) -> dict[str, Any]:
    return next(t for t in sim.truth if t["response_id"] == response_id)


def words_per_second(audio: bytes, fmt: str, text: str) -> float:
    return len(text.split()) / duration(audio, fmt)


@pytest.mark.slow
def test_beta_family_end_to_end_as_the_user_report(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("azure-preview"))
        assert (await recv(ws))["type"] == "session.created"
        await send(ws, {"type": "session.update", "session": ULAW_SESSION})
        updated = await recv(ws)
        assert updated["type"] == "session.updated" and updated["session"]["output_audio_format"] == "g711_ulaw"
        events = await ask(ws, REPORT_DRIFT_ES, {"modalities": ["text", "audio"], "conversation": "none"})
        await ws.close()
        types = types_of(events)
        assert types[:4] == [
            "response.created",
            "rate_limits.updated",
            "response.output_item.added",
            "response.content_part.added",
        ]
        assert events[3]["part"] == events[3]["content"] == {"type": "audio", "transcript": ""}
        assert types[-5:] == [
            "response.audio.done",
            "response.audio_transcript.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.done",
        ]
        assert types.index("response.audio_transcript.delta") < types.index("response.audio.delta")
        audio = audio_of(events)
        assert transcript_of(events) == REPORT_DRIFT_EN
        assert 1.5 < words_per_second(audio, "g711_ulaw", REPORT_DRIFT_EN) < 4.5  # speech-rate audio
        sizes = {len(e["delta"]) for e in events if e["type"] == "response.audio.delta"}
        assert len(sizes) > 2  # realistic, varying chunk sizes
        done = events[-1]["response"]
        assert done["status"] == "completed" and done["output_audio_format"] == "g711_ulaw"
        assert done["temperature"] == 0.6 and done["usage"]["output_token_details"]["audio_tokens"] > 0
        truth = truth_for(sim, done["id"])
        assert truth["fault"] is None and truth["api_shape"] == "beta" and truth["audio_format"] == "g711_ulaw"
        assert truth["details"]["spoken_text"] == REPORT_DRIFT_EN
        assert truth["audio_seconds"] == pytest.approx(duration(audio, "g711_ulaw"), abs=0.01)

    asyncio.run(go())


@pytest.mark.parametrize(
    "api,headers", [("azure-ga", {"api-key": KEY}), ("openai", {"Authorization": f"Bearer {KEY}"})]
)
@pytest.mark.slow
def test_ga_family_end_to_end(sim: Simulator, api: str, headers: dict[str, str]) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url(api), headers)
        created = await recv(ws)
        assert created["session"]["type"] == "realtime"
        await send(
            ws,
            {
                "type": "session.update",
                "session": {
                    "type": "realtime",
                    "output_modalities": ["audio"],
                    "audio": {"output": {"format": {"type": "audio/pcm", "rate": 24000}}},
                },
            },
        )
        assert (await recv(ws))["type"] == "session.updated"
        events = await ask(ws, REPORT_BOTH, {})  # default conversation: the item joins it
        await ws.close()
        types = types_of(events)
        assert "conversation.item.added" in types and "conversation.item.done" in types
        assert not any(t.startswith("response.audio") for t in types)
        assert types[-6:] == [
            "response.output_audio.done",
            "response.output_audio_transcript.done",
            "response.content_part.done",
            "response.output_item.done",
            "conversation.item.done",
            "response.done",
        ]
        audio = audio_of(events)
        assert len(audio) % 2 == 0 and 1.5 < words_per_second(audio, "pcm16", REPORT_BOTH) < 4.5
        done = events[-1]["response"]
        assert done["output"][0]["content"][0] == {"type": "output_audio", "transcript": REPORT_BOTH}
        assert done["output_modalities"] == ["audio"] and done["conversation_id"].startswith("conv_")
        assert truth_for(sim, done["id"])["api_shape"] == "ga"

    asyncio.run(go())


def test_openai_beta_header_selects_beta_events(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("openai"), {"Authorization": f"Bearer {KEY}", "OpenAI-Beta": "realtime=v1"})
        assert "modalities" in (await recv(ws))["session"]
        events = await ask(ws, "Okay, much better.", fault="text_only")
        await ws.close()
        assert "response.text.delta" in types_of(events) and "content" not in events[3]  # not Azure

    asyncio.run(go())


async def _fault(
    sim: Simulator, prompt: str, fault: str, fmt: str = "g711_ulaw"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Any]:
    """A clean response and a faulted one to the same prompt, on one Azure preview session."""
    ws = await dial(sim.realtime_url("azure-preview"))
    await recv(ws)
    await send(ws, {"type": "session.update", "session": {**ULAW_SESSION, "output_audio_format": fmt}})
    await recv(ws)
    clean = await ask(ws, prompt, fault="none")
    faulted = await ask(ws, prompt, fault=fault)
    return clean, faulted, ws


@pytest.mark.slow
def test_text_only_fault(sim: Simulator) -> None:
    async def go() -> None:
        clean, bad, ws = await _fault(sim, REPORT_TRUNCATE, "text_only")
        await ws.close()
        assert bad[3]["part"] == {"type": "text", "text": ""}
        assert "response.text.delta" in types_of(bad) and audio_of(bad) == b""
        assert not any("audio" in t for t in types_of(bad))
        done = bad[-1]["response"]
        assert done["status"] == "completed" and done["usage"]["output_token_details"]["audio_tokens"] == 0
        assert done["output"][0]["content"][0]["text"] == REPORT_TRUNCATE
        assert truth_for(sim, done["id"])["fault"] == "text_only"
        assert truth_for(sim, clean[-1]["response"]["id"])["fault"] is None

    asyncio.run(go())


@pytest.mark.slow
def test_truncate_fault(sim: Simulator) -> None:
    async def go() -> None:
        clean, bad, ws = await _fault(sim, REPORT_TRUNCATE, "truncate")
        await ws.close()
        assert transcript_of(bad) == transcript_of(clean) == REPORT_TRUNCATE  # transcript stays whole
        full, cut = duration(audio_of(clean), "g711_ulaw"), duration(audio_of(bad), "g711_ulaw")
        assert 0.5 * full < cut < full - 1.0  # "Now I can barely hear myself." is gone
        assert audio_of(clean).startswith(audio_of(bad)[: len(audio_of(bad)) // 2])
        assert bad[-1]["response"]["status"] == "completed"
        truth = truth_for(sim, bad[-1]["response"]["id"])
        assert truth["fault"] == "truncate" and truth["details"]["dropped_text"] == "Now I can barely hear myself."
        assert truth["audio_seconds"] == pytest.approx(cut, abs=0.01)

    asyncio.run(go())


@pytest.mark.slow
def test_language_drift_fault(sim: Simulator) -> None:
    async def go() -> None:
        clean, bad, ws = await _fault(sim, REPORT_BOTH, "language_drift:sentence_truncated", "pcm16")
        await ws.close()
        assert transcript_of(bad) == REPORT_BOTH  # the transcript stays English
        assert audio_of(bad) != audio_of(clean) and len(audio_of(bad)) > 48000 // 2
        truth = truth_for(sim, bad[-1]["response"]["id"])
        assert truth["fault"] == "language_drift"
        assert truth["details"]["spoken_segments"] == [
            {"text": "Envíalo por favor a soporte @ miempresa.com.", "language": "es"}
        ]
        assert truth["details"]["dropped_text"] == "That's the best one."

    asyncio.run(go())


@pytest.mark.slow
def test_disconnect_fault(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("azure-preview"))
        await recv(ws)
        seen: list[dict[str, Any]] = []
        with pytest.raises(ConnectionClosed):
            await send(ws, user_item(REPORT_TRUNCATE))
            await send(
                ws,
                {
                    "type": "response.create",
                    "response": {"conversation": "none", "metadata": {"sim_fault": "disconnect"}},
                },
            )
            while True:
                seen.append(await recv(ws, 30))
        types = types_of(seen)
        assert "response.created" in types and "response.done" not in types
        rid = next(e for e in seen if e["type"] == "response.created")["response"]["id"]
        assert truth_for(sim, rid)["fault"] == "disconnect"

    asyncio.run(go())


@pytest.mark.slow
def test_rate_limit_fault(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("azure-preview"))
        await recv(ws)
        events = await ask(ws, "I didn't know that existed.", fault="rate_limit")
        assert types_of(events) == ["error"]
        err = events[0]["error"]
        assert err["code"] == "rate_limit_exceeded" and err["event_id"] == "evt_client_1"
        with pytest.raises(asyncio.TimeoutError):
            await recv(ws, 0.5)  # and no response follows
        again = await ask(ws, "I didn't know that existed.")  # the session goes on
        assert again[-1]["response"]["status"] == "completed"
        await ws.close()
        rl = [t for t in sim.truth if t["fault"] == "rate_limit"]
        assert rl and rl[-1]["details"]["prompt"] == "I didn't know that existed." and rl[-1]["response_id"] is None

    asyncio.run(go())


@pytest.mark.slow
def test_stall_fault_keeps_the_connection_open(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("azure-preview"))
        await recv(ws)
        await send(ws, user_item(REPORT_TRUNCATE))
        await recv(ws)
        await send(ws, {"type": "response.create", "response": {"metadata": {"sim_fault": "stall"}}})
        seen: list[dict[str, Any]] = []
        with pytest.raises(asyncio.TimeoutError):
            while True:
                seen.append(await recv(ws, 1.5))
        assert "response.audio.delta" in types_of(seen) and "response.done" not in types_of(seen)
        rid = seen[0]["response"]["id"]
        await send(ws, {"type": "response.cancel"})  # the socket is alive: cancelling still works
        rest = await until(ws, "response.done", timeout=5)
        await ws.close()
        assert rest[-1]["response"]["status"] == "cancelled" and rest[-1]["response"]["id"] == rid
        assert truth_for(sim, rid)["fault"] == "stall"

    asyncio.run(go())


def test_bad_events_over_the_wire_keep_the_session(sim: Simulator) -> None:
    async def go() -> None:
        ws = await dial(sim.realtime_url("azure-preview"))
        await recv(ws)
        await ws.send("{oops")
        assert (await recv(ws))["error"]["code"] == "invalid_json"
        await send(ws, {"type": "session.update", "event_id": "e1", "session": {"modalities": ["audio"]}})
        err = (await recv(ws))["error"]
        assert (
            err["message"]
            == ("Invalid modalities: ['audio']. Supported combinations are: ['text'] and ['audio', 'text'].")
            and err["event_id"] == "e1"
        )
        events = await ask(ws, "Okay, much better.", fault="text_only")
        assert events[-1]["response"]["status"] == "completed"
        await ws.close()

    asyncio.run(go())


@pytest.mark.parametrize(
    "api,headers,status,code",
    [
        ("azure-preview", {}, 401, "401"),
        ("azure-preview", {"api-key": "wrong"}, 401, "401"),
        ("azure-ga", {"api-key": "wrong"}, 401, "401"),
        ("azure-ga", {}, 401, "401"),
        ("openai", {}, 401, None),
        ("openai", {"Authorization": "Bearer wrong-key-0000"}, 401, "invalid_api_key"),
        ("openai", {"api-key": KEY}, 401, None),
    ],
)
def test_auth_is_rejected_at_the_handshake(
    sim: Simulator, api: str, headers: dict[str, str], status: int, code: str | None
) -> None:
    async def go() -> None:
        with pytest.raises(InvalidStatus) as info:
            await dial(sim.realtime_url(api), headers)
        response = info.value.response
        assert response.status_code == status and response.headers["Content-Type"] == "application/json"
        body = json.loads(response.body)
        assert body["error"]["code"] == code and body["error"]["message"]
        assert "wrong-key-0000" not in response.body.decode()

    asyncio.run(go())


def test_unknown_path_and_stray_api_version(sim: Simulator) -> None:
    async def go() -> None:
        with pytest.raises(InvalidStatus) as info:
            await dial(sim.url() + "/openai/nothing", {"api-key": KEY})
        assert info.value.response.status_code == 404
        with pytest.raises(InvalidStatus) as info:
            await dial(sim.realtime_url("azure-ga") + "&api-version=2025-04-01-preview", {"api-key": KEY})
        assert info.value.response.status_code == 401
        ok = await dial(sim.realtime_url("azure-preview").replace("?", f"?api-key={KEY}&"), {})
        assert (await recv(ok))["type"] == "session.created"
        await ok.close()

    asyncio.run(go())


@pytest.mark.slow
def test_pace_streams_audio_no_faster_than_asked() -> None:
    async def go() -> tuple[float, float]:
        async with Simulator(api_key=None, pace=8.0) as paced:
            ws = await dial(paced.realtime_url("openai"), {})
            await recv(ws)
            await ask(ws, REPORT_TRUNCATE, fault="none")  # warm the speech cache
            start = time.monotonic()
            events = await ask(ws, REPORT_TRUNCATE, fault="none")
            elapsed = time.monotonic() - start
            await ws.close()
            return elapsed, duration(audio_of(events), "pcm16")

    elapsed, seconds = asyncio.run(go())
    assert elapsed >= 0.9 * seconds / 8.0, (elapsed, seconds)


@pytest.mark.slow
def test_seed_reproduces_the_faults_end_to_end() -> None:
    prompts = [
        "Okay, much better.",
        "I'm checking.",
        "Yes, I found it.",
        "That's the best one.",
        "I didn't know that existed.",
        "One moment, brief pause.",
    ]

    async def run_once() -> list[str | None]:
        async with Simulator(faults="text_only=0.5", seed=11) as s:
            ws = await dial(s.realtime_url("azure-preview"))
            await recv(ws)
            await send(ws, {"type": "session.update", "session": {"modalities": ["text"]}})
            await recv(ws)
            await send(ws, {"type": "session.update", "session": {"modalities": ["text", "audio"]}})
            await recv(ws)
            for p in prompts:
                await ask(ws, p)
            await ws.close()
            return [t["fault"] for t in s.truth]

    first, second = asyncio.run(run_once()), asyncio.run(run_once())
    assert first == second and "text_only" in first and None in first


class ToneEars(Hearing):
    """Hears speech by loudness and a 220 Hz tone as ORDER, a 330 Hz one as PASSWORD.

    It stands in for Silero and Whisper only, so the shell's handling of turns (VAD in a
    worker thread, transcription, responses queued behind each other) runs at exact timing.
    """

    def regions(self, audio: np.ndarray, threshold: float, min_silence_s: float) -> list[tuple[float, float]]:
        return energy_regions(audio, threshold, min_silence_s)

    def transcribe(self, audio: np.ndarray, language: str | None = None) -> str:
        peak = int(np.argmax(np.abs(np.fft.rfft(audio)))) * 16000 / len(audio)
        return ORDER if peak < 275 else PASSWORD


@pytest.mark.slow
def test_back_to_back_spoken_turns_over_the_wire_are_answered_in_turn() -> None:
    def tone(hz: float, seconds: float) -> np.ndarray:
        t = np.arange(int(seconds * 24000)) / 24000
        return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)

    quiet = np.zeros(int(0.4 * 24000), np.float32)
    pcm = encode(np.concatenate([quiet, tone(220, 1.0), quiet, tone(330, 1.0), quiet, quiet]), 24000, "pcm16")

    async def go() -> None:
        # Each answer is 2 s of a hum (TTS is not under test), streamed at 4x: the first is still
        # playing when the second turn's words are known, so that turn must wait for its end.
        hum = SpeechRenderer(lambda text, language: 0.2 * np.sin(np.arange(2 * TTS_RATE) / 10).astype(np.float32))
        async with Simulator(hearing=ToneEars(), speech=hum, pace=4.0) as sim:
            ws = await dial(sim.realtime_url("openai"), {"Authorization": f"Bearer {KEY}"})
            await recv(ws)
            td = {"type": "server_vad", "silence_duration_ms": 300, "interrupt_response": False}
            session = {
                "type": "realtime",
                "output_modalities": ["audio"],
                "audio": {"input": {"turn_detection": td, "transcription": {"model": "whisper-1"}}},
            }
            await send(ws, {"type": "session.update", "session": session})
            await until(ws, "session.updated")
            for i in range(0, len(pcm), 4800):  # 100 ms appends, sent as fast as the socket takes them
                await send(
                    ws, {"type": "input_audio_buffer.append", "audio": base64.b64encode(pcm[i : i + 4800]).decode()}
                )
            events = await until(ws, "response.done")
            events += await until(ws, "response.done")
            await ws.close()
        kinds = types_of(events)
        assert "error" not in kinds, [e for e in events if e["type"] == "error"]
        assert kinds.count("input_audio_buffer.committed") == 2
        heard = [e["transcript"] for e in events if e["type"].endswith("input_audio_transcription.completed")]
        assert heard == [ORDER, PASSWORD]
        done = [e["response"] for e in events if e["type"] == "response.done"]
        assert [d["status"] for d in done] == ["completed", "completed"]
        assert [d["output"][0]["content"][0]["transcript"] for d in done] == [ORDER, PASSWORD]
        # The second answer opened only after the first had ended.
        assert kinds.index("response.done") < [i for i, k in enumerate(kinds) if k == "response.created"][1]

    asyncio.run(go())
