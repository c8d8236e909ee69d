"""The `openai` Python SDK's realtime clients, unmodified, against the simulator."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from tests.helpers.sim import KEY, REPORT_DRIFT_EN, REPORT_DRIFT_ES, LocalCA
from verifier.schema.audio import duration
from verifier.simulator import Simulator

pytestmark = pytest.mark.slow  # SDK against simulator speech

openai = pytest.importorskip("openai")


def _check_user_view(audio: bytes, fmt: str, transcript: str, status: str) -> None:
    """What a user checks: audio arrived, its length fits the transcript, the response completed."""
    seconds = duration(audio, fmt)
    words = len(transcript.split())
    assert audio and status == "completed"
    assert 0.2 < seconds / words < 0.8, (seconds, words)


def test_python_sdk_ga_client(sim: Simulator) -> None:
    async def go() -> None:
        client = openai.AsyncOpenAI(api_key=KEY, base_url=sim.http_url() + "/v1", websocket_base_url=sim.url("openai"))
        if not hasattr(getattr(client, "realtime", None), "connect"):
            pytest.skip(f"openai {openai.__version__} has no GA client.realtime.connect")
        async with client.realtime.connect(model="gpt-realtime") as conn:
            await conn.session.update(
                session={
                    "type": "realtime",
                    "output_modalities": ["audio"],
                    "audio": {"output": {"format": {"type": "audio/pcmu"}}},
                }
            )
            await conn.conversation.item.create(
                item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": REPORT_DRIFT_ES}]}
            )
            await conn.response.create(response={"conversation": "none", "output_modalities": ["audio"]})
            audio, transcript, status, kinds = b"", "", None, []
            async for event in conn:
                kinds.append(event.type)
                if event.type == "response.output_audio.delta":
                    audio += base64.b64decode(event.delta)
                elif event.type == "response.output_audio_transcript.done":
                    transcript = event.transcript
                elif event.type == "response.done":
                    status = event.response.status
                    usage = event.response.usage
                    break
                elif event.type == "error":
                    raise AssertionError(event.error)
        assert kinds[0] == "session.created" and "session.updated" in kinds
        assert transcript == REPORT_DRIFT_EN
        _check_user_view(audio, "g711_ulaw", transcript, str(status))
        assert usage is not None and usage.output_token_details.audio_tokens > 0

    asyncio.run(go())


def test_python_sdk_azure_beta_client_over_wss(tls_sim: Simulator, test_ca: LocalCA) -> None:
    async def go() -> None:
        client = openai.AsyncAzureOpenAI(
            api_key=KEY, azure_endpoint=tls_sim.http_url(), api_version="2024-10-01-preview"
        )
        if not hasattr(getattr(client.beta, "realtime", None), "connect"):
            pytest.skip(f"openai {openai.__version__} has no beta client.beta.realtime.connect")
        async with client.beta.realtime.connect(
            model="gpt-realtime", websocket_connection_options={"ssl": test_ca.client_context()}
        ) as conn:
            await conn.session.update(
                session={"modalities": ["text", "audio"], "output_audio_format": "g711_ulaw", "temperature": 0.6}
            )
            await conn.conversation.item.create(
                item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": REPORT_DRIFT_ES}]}
            )
            await conn.response.create(response={"modalities": ["text", "audio"], "conversation": "none"})
            audio, transcript, status = b"", "", None
            parts: list[Any] = []
            async for event in conn:
                if event.type == "response.content_part.added":
                    parts.append(event.part.type)
                elif event.type == "response.audio.delta":
                    audio += base64.b64decode(event.delta)
                elif event.type == "response.audio_transcript.done":
                    transcript = event.transcript
                elif event.type == "response.done":
                    status = event.response.status
                    break
                elif event.type == "error":
                    raise AssertionError(event.error)
        assert parts == ["audio"] and transcript == REPORT_DRIFT_EN
        _check_user_view(audio, "g711_ulaw", transcript, str(status))

    asyncio.run(go())
