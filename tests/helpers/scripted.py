"""A scripted realtime server on loopback: it answers session.update, then runs a test's script per response.create.

Real WebSocket frames over a real socket, so the harness's worker runs unchanged
against a service that misbehaves in exactly the way a test needs.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

#: script(send, response.create event, how many response.creates this server has had, from 1)
Script = Callable[[Callable[[Any], Awaitable[None]], dict[str, Any], int], Awaitable[None]]


@asynccontextmanager
async def scripted(script: Script) -> AsyncIterator[str]:
    """Serve until the block ends; yields the http:// base URL the harness dials."""
    from websockets.asyncio.server import serve

    count = 0

    async def handler(ws: Any) -> None:
        nonlocal count

        async def send(obj: Any) -> None:
            await ws.send(obj if isinstance(obj, str) else json.dumps(obj))

        try:
            async for raw in ws:
                ev = json.loads(raw)
                if ev.get("type") == "session.update":
                    await send(
                        {
                            "type": "session.updated",
                            "event_id": "e_s",
                            "session": {"id": "sess_scripted", **ev["session"]},
                        }
                    )
                elif ev.get("type") == "response.create":
                    count += 1
                    await script(send, ev, count)
        except Exception:  # the client closed (or the script ended the connection): nothing to serve
            pass

    async with serve(handler, "127.0.0.1", 0, max_size=None) as server:
        port = list(server.sockets)[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"


def response(
    rid: str, transcript: str = "Hello there.", metadata: Any = None, audio: bytes = b"\x00" * 800, done: bool = True
) -> list[dict[str, Any]]:
    """The events of one small beta response (g711_ulaw bytes are any bytes)."""
    resp: dict[str, Any] = {"id": rid, "object": "realtime.response", "status": "in_progress", "output": []}
    if metadata is not None:
        resp["metadata"] = metadata
    scope = {"response_id": rid, "item_id": f"item_{rid}", "output_index": 0, "content_index": 0}
    out = [
        {"type": "response.created", "event_id": f"e_c_{rid}", "response": resp},
        {"type": "response.audio.delta", "event_id": f"e_a_{rid}", **scope, "delta": base64.b64encode(audio).decode()},
        {"type": "response.audio_transcript.done", "event_id": f"e_t_{rid}", **scope, "transcript": transcript},
    ]
    if done:
        out.append({"type": "response.done", "event_id": f"e_d_{rid}", "response": {**resp, "status": "completed"}})
    return out


def metadata_of(create: dict[str, Any]) -> Any:
    return (create.get("response") or {}).get("metadata")


async def pause(seconds: float) -> None:
    await asyncio.sleep(seconds)
