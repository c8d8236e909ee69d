"""Client-side helpers for the simulator tests: a real websockets client."""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

KEY = "sim-key"
REPORT_TRUNCATE = (
    "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better. Now I can barely hear myself."
)
REPORT_DRIFT_ES = (
    "Exacto, antes funcionaba automáticamente, pero desde la última actualización tengo que "
    "pulsar el botón de traducir cada vez."
)
REPORT_DRIFT_EN = (
    "Exactly, it used to work automatically before, but since the last update I have to press the "
    "translate button each time."
)
REPORT_BOTH = "Please send it to soporte @ miempresa.com. That's the best one."

AUDIO_DELTAS = ("response.audio.delta", "response.output_audio.delta")
TRANSCRIPT_DONE = ("response.audio_transcript.done", "response.output_audio_transcript.done")
TEXT_DELTAS = ("response.text.delta", "response.output_text.delta")


async def dial(
    url: str, headers: dict[str, str] | None = None, ssl_context: ssl.SSLContext | None = None
) -> ClientConnection:
    return await connect(
        url, additional_headers=headers if headers is not None else {"api-key": KEY}, ssl=ssl_context, max_size=None
    )


async def recv(ws: ClientConnection, timeout: float = 30.0) -> dict[str, Any]:
    event: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), timeout))
    return event


async def send(ws: ClientConnection, event: dict[str, Any]) -> None:
    await ws.send(json.dumps(event))


def user_item(text: str) -> dict[str, Any]:
    return {
        "type": "conversation.item.create",
        "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]},
    }


async def until(ws: ClientConnection, *types: str, timeout: float = 30.0) -> list[dict[str, Any]]:
    """Every event up to and including the first of `types`."""
    events = []
    while True:
        ev = await recv(ws, timeout)
        events.append(ev)
        if ev["type"] in types:
            return events


async def ask(
    ws: ClientConnection,
    text: str,
    response: dict[str, Any] | None = None,
    *,
    fault: str | None = None,
    timeout: float = 30.0,
) -> list[dict[str, Any]]:
    """conversation.item.create + response.create; the events up to response.done (or an error)."""
    await send(ws, user_item(text))
    added = await recv(ws, timeout)
    assert added["type"] in ("conversation.item.created", "conversation.item.added"), added
    if added["type"] == "conversation.item.added":
        assert (await recv(ws, timeout))["type"] == "conversation.item.done"
    params: dict[str, Any] = dict(response) if response is not None else {"conversation": "none"}
    if fault:
        params["metadata"] = {**(params.get("metadata") or {}), "sim_fault": fault}
    await send(ws, {"type": "response.create", "event_id": "evt_client_1", "response": params})
    return await until(ws, "response.done", "error", timeout=timeout)


def audio_of(events: list[dict[str, Any]]) -> bytes:
    return b"".join(base64.b64decode(e["delta"]) for e in events if e["type"] in AUDIO_DELTAS)


def transcript_of(events: list[dict[str, Any]]) -> str | None:
    return next((e["transcript"] for e in events if e["type"] in TRANSCRIPT_DONE), None)


def types_of(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


class LocalCA:
    """A throwaway CA (trustme) and a server certificate for 127.0.0.1, for wss:// tests."""

    def __init__(self, root: Path) -> None:
        trustme = pytest.importorskip("trustme")
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_pem = root / "test-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_pem))

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.cert.configure_cert(ctx)
        return ctx

    def client_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        self.ca.configure_trust(ctx)
        return ctx
