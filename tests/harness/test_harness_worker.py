"""The worker shell against scripted servers: what a misbehaving service sends lands in the run directory."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.scripted import Script, metadata_of, response, scripted
from verifier.harness.config import RunConfig
from verifier.harness.corpus import Prompt
from verifier.harness.runner import RunSummary, run_corpus
from verifier.schema.rundir import read_jsonl


def _run(script: Script, out: Path, prompts: list[Prompt] | None = None, **kw: Any) -> RunSummary:
    async def main() -> RunSummary:
        async with scripted(script) as base:
            cfg = RunConfig(
                target="simulator", endpoint=base, out_dir=str(out), score=False, retries=1, backoff_s=0.01, **kw
            )
            return await run_corpus(prompts or [Prompt("p1", "Say hello.")], cfg, progress=False)

    return asyncio.run(main())


def _rows(out: Path, name: str) -> list[dict[str, Any]]:
    p = out / name
    return list(read_jsonl(p)) if p.exists() else []


def test_an_unrequested_response_first_does_not_displace_the_prompts_own(tmp_path: Path) -> None:
    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        for e in response(f"resp_stray{n}", "Nobody asked.", metadata=None):
            await send(e)
        for e in response(f"resp_mine{n}", f"Answer {n}.", metadata=metadata_of(create)):
            await send(e)

    prompts = [Prompt("p1", "One."), Prompt("p2", "Two.", meta={"response": {"metadata": {"sim_fault": "x"}}})]
    s = _run(script, tmp_path / "run", prompts)
    caps = _rows(tmp_path / "run", "captures.jsonl")
    mine = {c["meta"]["prompt_id"]: c for c in caps if c["meta"].get("prompt_id")}
    assert {k: v["transcript"] for k, v in mine.items()} == {"p1": "Answer 1.", "p2": "Answer 2."}
    assert mine["p2"]["meta"]["metadata"] == {"sim_fault": "x", "verifier_prompt": "p2#0#0"}
    stray = [c for c in caps if c["meta"].get("unrequested")]
    assert [c["response_id"] for c in stray] == ["resp_stray1", "resp_stray2"]
    assert all(c["meta"]["requested_by"] is None and "prompt_id" not in c["meta"] for c in stray)
    assert [c["meta"]["during_prompt"] for c in stray] == ["p1", "p2"]
    assert all("unrequested: response not requested by this prompt" in c["problems"] for c in stray)
    assert [r["response_id"] for r in _rows(tmp_path / "run", "retried.jsonl")] == ["resp_stray1", "resp_stray2"]
    assert s.collected == 2 and s.stalled == 0


def test_a_server_that_never_finishes_meets_the_response_deadline(tmp_path: Path) -> None:
    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        for e in response(f"resp_{n}", metadata=metadata_of(create), done=False):
            await send(e)
        while True:  # keeps the idle timeout from ever firing
            await send({"type": "rate_limits.updated", "event_id": "e_rl", "rate_limits": []})
            await asyncio.sleep(0.05)

    s = _run(script, tmp_path / "run", timeout_s=5, response_timeout_s=0.6)
    (cap,) = _rows(tmp_path / "run", "captures.jsonl")
    assert cap["response_id"] == "resp_1" and cap["status"] is None and cap["audio_chunks"] == 1
    assert cap["problems"][-1] == "response timeout after 0.6 s"
    assert s.stalled == 1 and s.retried == 0


def test_a_frame_over_the_limit_is_an_error_not_a_retry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_MAX_FRAME_MB", "1")

    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        for e in response(f"resp_{n}", metadata=metadata_of(create), done=False):
            await send(e)
        await send('{"type": "response.audio.delta", "delta": "' + "A" * (2 * 2**20) + '"}')

    s = _run(script, tmp_path / "run")
    (cap,) = _rows(tmp_path / "run", "captures.jsonl")
    assert cap["response_id"] == "resp_1" and cap["audio_chunks"] == 1
    assert "1009" in cap["problems"][-1] and "VERIFIER_MAX_FRAME_MB" in cap["problems"][-1]
    assert s.retried == 0 and _rows(tmp_path / "run", "retried.jsonl") == []


def test_hostile_frames_are_logged_raw_and_the_run_goes_on(tmp_path: Path) -> None:
    huge = '{"type": "response.audio.delta", "n": ' + "9" * 5000 + "}"

    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        events = response(f"resp_{n}", metadata=metadata_of(create))
        for e in events[:2]:
            await send(e)
        await send(huge)
        await send("[" * 50_000 + "]" * 50_000)
        for e in events[2:]:
            await send(e)

    s = _run(script, tmp_path / "run")
    (cap,) = _rows(tmp_path / "run", "captures.jsonl")
    assert cap["status"] == "completed" and s.collected == 1
    assert sum("unparseable event" in p for p in cap["problems"]) == 2
    raw = [r["event"]["raw"] for r in _rows(tmp_path / "run", "events.jsonl") if "raw" in r["event"]]
    assert raw[0] == huge and raw[1].startswith("[[[") and len(raw) == 2
    info = json.loads((tmp_path / "run" / "run.json").read_text())
    assert sum("unparseable event" in p for p in info["stream_problems"]) == 2


def test_client_events_tell_the_collector_what_each_response_asked_for(tmp_path: Path) -> None:
    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        # the server's response.created says nothing of modalities
        for e in response(f"resp_{n}", metadata=metadata_of(create)):
            await send(e)

    _run(script, tmp_path / "run", modalities=["text"])
    (cap,) = _rows(tmp_path / "run", "captures.jsonl")
    assert cap["modalities"] == ["text"] and cap["modalities_source"] == "response.create"


def test_what_is_in_flight_at_the_end_is_kept_not_dropped(tmp_path: Path) -> None:
    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        events = response(f"resp_{n}", metadata=metadata_of(create))
        await send("not json between responses")
        await send(
            {
                "type": "response.audio.delta",
                "event_id": "e_g",
                "response_id": "resp_ghost",
                "item_id": "item_g",
                "output_index": 0,
                "content_index": 0,
                "delta": "AAAA",
            }
        )
        for e in events:
            await send(e)

    _run(script, tmp_path / "run")
    caps = _rows(tmp_path / "run", "captures.jsonl")
    assert [c["response_id"] for c in caps] == ["resp_1", "resp_ghost"]
    ghost = caps[1]
    assert ghost["meta"]["unrequested"].startswith("disconnected") and ghost["audio_chunks"] == 1
    info = json.loads((tmp_path / "run" / "run.json").read_text())
    assert any("not json between responses" in p for p in info["stream_problems"])


def test_prompt_audio_gone_since_load_is_that_prompts_error_not_the_runs(tmp_path: Path) -> None:
    async def script(send: Any, create: dict[str, Any], n: int) -> None:
        for e in response(f"resp_{n}", metadata=metadata_of(create)):
            await send(e)

    gone = Prompt("spoken", "(spoken)", audio="x.wav", audio_path=str(tmp_path / "x.wav"))
    s = _run(script, tmp_path / "run", [gone, Prompt("typed", "Hello.")])
    caps = {c["meta"]["prompt_id"]: c for c in _rows(tmp_path / "run", "captures.jsonl")}
    assert caps["spoken"]["response_id"] == "noresponse_spoken_r0_a0"
    assert caps["spoken"]["problems"][0].startswith("prompt audio: file not found")
    assert caps["typed"]["status"] == "completed" and s.collected == 2
