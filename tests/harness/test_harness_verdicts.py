"""Injected faults come back with the right verdict (real TTS, real sockets, real Whisper), and replay agrees."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from verifier.core.verify import Verifier
from verifier.harness.config import RunConfig
from verifier.harness.corpus import Prompt
from verifier.harness.runner import RunSummary, run_corpus
from verifier.realtime.replay import replay_file, replay_lines
from verifier.schema.rundir import read_jsonl
from verifier.simulator import Simulator

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

CHECKING = "I'm checking. Yes, I found it. Lowering it to minimum. Okay, much better. Now I can barely hear myself."
UPDATE = (
    "Exactly, it used to work automatically before, but since the last update I have to press the "
    "translate button each time."
)


def _forced(pid: str, text: str, fault: str) -> Prompt:
    return Prompt(pid, text, language="en", meta={"response": {"metadata": {"sim_fault": fault}}})


FAULTY = [
    _forced("clean", "Okay, much better. Now I can barely hear myself.", "none"),
    _forced("text_only", "One moment, brief pause. Yeah, you're right, it's turned off.", "text_only"),
    _forced("truncate", CHECKING, "truncate:last_sentence"),
    _forced("drift", UPDATE, "language_drift:all"),
]
EXPECTED = {"clean": "match", "text_only": "missing_audio", "truncate": "truncated", "drift": "language_drift"}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(model="base")  # drift needs language identification: not tiny.en


@pytest.fixture(scope="module")
def sim() -> Any:
    s = Simulator(host="127.0.0.1", port=0).start_in_thread()
    yield s
    s.stop_thread()


@pytest.fixture(scope="module")
def runs(sim: Any, verifier: Verifier, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, RunSummary]]:
    out: dict[str, tuple[Path, RunSummary]] = {}
    for family, kw in {
        "beta": {"api": "azure"},
        "ga": {"api": "azure", "api_version": "v1", "output_audio_format": "pcm16"},
    }.items():
        d = tmp_path_factory.mktemp(family) / "run"
        cfg = RunConfig(target="simulator", out_dir=str(d), concurrency=2, **kw)
        summary = asyncio.run(run_corpus(FAULTY, cfg, verifier=verifier, progress=False, sim_base=sim.url(kw["api"])))
        out[family] = (d, summary)
    return out


@pytest.mark.parametrize("family", ["beta", "ga"])
def test_each_injected_fault_gets_its_verdict(runs: dict[str, tuple[Path, RunSummary]], family: str) -> None:
    d, summary = runs[family]
    rows = list(read_jsonl(d / "results.jsonl"))
    got = {r["meta"]["prompt_id"]: r["verdict"] for r in rows}
    assert got == EXPECTED, [(r["meta"]["prompt_id"], r["verdict"], r["explanation"]) for r in rows]
    assert summary.counts == {v: 1 for v in EXPECTED.values()}
    caps = {c["response_id"]: c for c in read_jsonl(d / "captures.jsonl")}
    for r in rows:  # every result row names its response and prompt, and that capture exists
        assert r["id"] == r["meta"]["response_id"] and r["id"] in caps
        assert caps[r["id"]]["meta"]["prompt_id"] == r["meta"]["prompt_id"]
    import pandas as pd

    csv = pd.read_csv(d / "results.csv")
    assert set(csv["prompt_id"]) == set(EXPECTED) and set(csv["response_id"]) == set(caps)


def test_replaying_the_harness_log_rebuilds_every_capture(runs: dict[str, tuple[Path, RunSummary]]) -> None:
    for d, _ in runs.values():
        res = replay_file(d / "events.jsonl")
        assert res.forms == {"wrapped"} and res.problems == []
        replayed = {c.response_id: c for c in res.captures}
        for row in read_jsonl(d / "captures.jsonl"):
            c = replayed[row["response_id"]]
            audio = (d / row["audio_file"]).read_bytes() if row["audio_file"] else b""
            assert c.audio == audio and c.transcript == row["transcript"] and c.text == row["text"]
            assert c.part_types == row["part_types"] and c.event_ids == row["event_ids"]
            assert c.audio_format == row["audio_format"] and c.meta["prompt_id"] == row["meta"]["prompt_id"]


def test_replaying_a_users_raw_log_with_damage_still_verifies(
    runs: dict[str, tuple[Path, RunSummary]], verifier: Verifier, tmp_path: Path
) -> None:
    d, _ = runs["beta"]
    raw = [json.dumps(r["event"]) for r in read_jsonl(d / "events.jsonl") if r.get("dir") != "client"]
    damaged = ["this is not json", '{"type": "response.sparkles", "response_id": "x"}'] + raw
    for i, line in enumerate(damaged):  # corrupt one audio delta of the truncated response
        if '"response.audio.delta"' in line:
            ev = json.loads(line)
            ev["delta"] = "!!!" + ev["delta"]
            damaged[i] = json.dumps(ev)
            broken = ev["response_id"]
            break
    res = replay_lines(damaged, "user.log")
    assert res.forms == {"raw"} and len(res.captures) == 4
    text = " | ".join(res.problems)
    assert "user.log:1: not valid JSON" in text and "unknown event type 'response.sparkles'" in text
    bad = next(c for c in res.captures if c.response_id == broken)
    assert any("invalid base64 audio" in p for p in bad.problems)
    from verifier.harness.scorer import item_of

    verdicts = verifier.verify_many([item_of(c) for c in res.captures if c.response_id != broken])
    assert sorted(v.verdict for v in verdicts) == sorted(v for k, v in EXPECTED.items() if k != _prompt_of(d, broken))


def _prompt_of(d: Path, response_id: str) -> str:
    return next(c["meta"]["prompt_id"] for c in read_jsonl(d / "captures.jsonl") if c["response_id"] == response_id)


def test_a_replayed_log_gives_each_response_the_record_the_run_gave_it(
    runs: dict[str, tuple[Path, RunSummary]], tmp_path: Path
) -> None:
    """What support re-verifies from a bundle's log is what the nightly run wrote, field for field.

    The run scored responses as they arrived; replay rebuilds them from the log and scores them all
    at once. Neither the rebuilding nor the batching may change a verdict, a confidence, a decoded
    word or its time (the batching alone is pinned harder, on clips made to share a batch, by
    test_core_a_clip_reads_the_same_whatever_is_decoded_beside_it).
    """
    for family, (d, _) in runs.items():
        out = tmp_path / family
        r = subprocess.run(
            [sys.executable, "-m", "verifier", "replay", str(d / "events.jsonl"), "--out", str(out), "--no-progress"],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert r.returncode == 0, r.stderr
        ran = {row["id"]: row for row in read_jsonl(d / "results.jsonl")}
        replayed = {row["id"]: row for row in read_jsonl(out / "results.jsonl")}
        assert replayed.keys() == ran.keys()
        decoded = [i for i, row in ran.items() if row["asr_text"]]
        assert len(decoded) >= 2, "the run must hold responses that were decoded freely"
        for rid, row in ran.items():
            assert {k: v for k, v in replayed[rid].items() if k != "meta"} == {
                k: v for k, v in row.items() if k != "meta"
            }, (family, row["meta"]["prompt_id"])
