"""Pipecat's OpenAIRealtimeLLMService against the simulator.

A real Pipecat pipeline (source -> realtime service -> sink) with server VAD
and input transcription: spoken audio goes in as InputAudioRawFrames, and the
test checks the user transcription Pipecat reports, the words of the reply it
shows and, through Whisper, the reply audio it would play.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pipecat.frames.frames as pipecat_frames
import pipecat.services.openai.realtime.events as rt_events
import pipecat.services.openai.realtime.llm as realtime
import pytest
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.workers.runner import WorkerRunner

from tests.helpers.voice import RATE, frames, hear, spoken, words
from verifier.simulator import Simulator

# Pipecat is in the dev extra: a missing install fails here, it does not skip.
pytestmark = pytest.mark.slow

F = pipecat_frames


class Recorder(FrameProcessor):
    """Keeps every frame that passes, in either direction."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[Any, Any]] = []

    async def process_frame(self, frame: Any, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        self.seen.append((frame, direction))
        await self.push_frame(frame, direction)

    def of(self, kind: type) -> list[Any]:
        return [f for f, _ in self.seen if isinstance(f, kind)]


def test_spoken_turn_with_server_vad_and_input_transcription(sim: Simulator) -> None:
    async def go() -> tuple[Recorder, Recorder]:
        props = rt_events.SessionProperties(
            audio=rt_events.AudioConfiguration(
                input=rt_events.AudioInput(
                    transcription=rt_events.InputAudioTranscription(model="gpt-4o-transcribe"),
                    turn_detection=rt_events.TurnDetection(type="server_vad", silence_duration_ms=500),
                )
            )
        )
        llm = realtime.OpenAIRealtimeLLMService(
            api_key="sim-key",
            base_url=sim.url("openai") + "/realtime",
            settings=realtime.OpenAIRealtimeLLMService.Settings(model="gpt-realtime", session_properties=props),
        )
        upstream, downstream = Recorder(), Recorder()
        task = PipelineWorker(
            Pipeline([upstream, llm, downstream]),
            params=PipelineParams(audio_in_sample_rate=RATE, audio_out_sample_rate=RATE),
            enable_rtvi=False,
        )
        runner = WorkerRunner(handle_sigint=False)

        async def speak() -> None:
            await asyncio.sleep(1.0)  # let the service connect and configure the session
            for chunk in frames(spoken("Your order was shipped yesterday.")):
                await task.queue_frame(F.InputAudioRawFrame(audio=chunk.tobytes(), sample_rate=RATE, num_channels=1))
                await asyncio.sleep(0.005)
            for _ in range(600):  # until the reply has fully arrived
                if downstream.of(F.LLMFullResponseEndFrame):
                    break
                await asyncio.sleep(0.1)
            await task.queue_frame(F.EndFrame())

        await runner.add_workers(task)
        await asyncio.wait_for(asyncio.gather(runner.run(), speak()), 120)
        return upstream, downstream

    upstream, downstream = asyncio.run(go())
    said = [f.text for f in upstream.of(F.TranscriptionFrame)]
    assert said == ["Your order was shipped yesterday."]  # pipecat's user transcript, from the server
    assert upstream.of(F.InterimTranscriptionFrame)  # the transcription deltas came too
    reply_text = "".join(f.text for f in downstream.of(F.TTSTextFrame))
    assert reply_text == "Your order was shipped yesterday."
    audio = b"".join(f.audio for f in downstream.of(F.TTSAudioRawFrame))
    assert len(audio) / 2 / RATE > 1.0
    assert words(hear(audio)) == words(reply_text)
    assert not downstream.of(F.ErrorFrame) and not upstream.of(F.ErrorFrame)
