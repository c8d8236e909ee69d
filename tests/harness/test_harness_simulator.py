"""The harness against the built-in simulator over real loopback WebSockets (no ASR here)."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from verifier.harness import scorer as scorer_mod
from verifier.harness.config import HarnessError, RunConfig
from verifier.harness.corpus import Corpus, Prompt
from verifier.harness.runner import RunSummary, run_corpus
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import Verdict
from verifier.schema.rundir import RunDir, read_jsonl
from verifier.schema.wire import AUDIO_PART_TYPES
from verifier.simulator import Simulator
from verifier.simulator.faults import FaultInjector

pytestmark = pytest.mark.timeout(120)

EN = [Prompt("p-found", "I'm checking. Yes, I found it."), Prompt("p-best", "That's the best one.")]


class _RecordingVerifier:
    """Records what reaches the verifier and calls it a match: these tests are about the hand-off."""

    def __init__(self) -> None:
        self.items: list[Any] = []

    def verify_many(self, items: list[Any]) -> list[Verdict]:
        self.items += items
        return [Verdict(id=i.id, verdict="match", meta=i.meta) for i in items]


class _VoiceJudge:
    """Reads every reply as the rules' match with a clear reading, and judges it a fault only once the
    run's voice is known: what the final pass is for. The stand-in is for the ASR; the run, the
    scorer and the run directory are real."""

    weighs_voice = True

    def verify_many(self, items: list[Any]) -> list[Verdict]:
        raise AssertionError("a run judge is read, then judged")

    def __init__(self, readings: list[float] | None = None) -> None:
        self.voices: list[float | None] = []
        self.readings = list(readings or [])  # what successive replies read at (0.9 once these run out)

    def read_many(self, items: list[Any]) -> list[Verdict]:
        return [
            Verdict(
                id=i.id,
                verdict="match",
                reading=self.readings.pop(0) if self.readings else 0.9,
                evidence={"kind": "scored", "units": []},
                meta=i.meta,
            )
            for i in items
        ]

    def judge(self, verdicts: list[Verdict], voice: float | None) -> list[Verdict]:
        self.voices += [voice] * len(verdicts)
        fault = voice is not None
        return [
            Verdict(
                id=v.id,
                verdict="content_mismatch" if fault else "match",
                flags=["content_mismatch"] if fault else [],
                confidence=0.9 if fault else 0.1,
                reading=v.reading,
                meta=v.meta,
            )
            for v in verdicts
        ]


def test_a_run_is_judged_again_with_its_whole_voice_when_it_ends(sim: Any, tmp_path: Path) -> None:
    prompts = [Prompt(f"p{i}", t) for i, t in enumerate(["Yes.", "No.", "Sure.", "Right.", "Done.", "Okay.", "Fine."])]
    out = tmp_path / "run"
    judge = _VoiceJudge()
    s = _run(prompts, out, sim.url("azure"), verifier=judge, score=True)
    # the first replies were written before five readings told the run's voice; the end judged all again
    assert judge.voices[0] is None and judge.voices[-1] == pytest.approx(-math.log10(0.9))
    rows = list(read_jsonl(out / "results.jsonl"))
    assert [r["meta"]["prompt_id"] for r in rows] == [c["meta"]["prompt_id"] for c in _captures(out)]
    assert {r["verdict"] for r in rows} == {"content_mismatch"} and len(rows) == 7
    assert all(r["meta"]["response_id"] and r["confidence"] == 0.9 for r in rows)
    assert s.counts == {"content_mismatch": 7}
    rejudged = json.loads((out / "run.json").read_text())["rejudged_at_end"]
    assert 1 <= rejudged <= 7 and rejudged == judge.voices.count(None)  # each reply first judged blind


def _one_at_a_time(out: Path, judge: Any, metas: list[dict[str, Any]], *, final_pass: bool = True) -> None:
    """A reply per entry of `metas` (meta added to each), scored one at a time, as live traffic comes."""
    rd = RunDir.create(out, {"run_id": out.name})
    scorer = scorer_mod.Scorer(rd, lambda: judge, final_pass=final_pass)
    for n, meta in enumerate(metas):
        cap = ResponseCapture(
            response_id=f"r{n}",
            audio_format="g711_ulaw",
            audio=b"\x7f" * 800,
            transcript="Sure.",
            status="completed",
            meta={"prompt_id": f"p{n}", "repeat_index": 0, **meta},
        )
        rd.write_capture(cap)
        scorer.submit(cap)
        while scorer.scored <= n:
            time.sleep(0.01)
    scorer.close()
    rd.close()


def test_a_live_tap_takes_its_voice_from_its_recent_replies(tmp_path: Path, monkeypatch: Any) -> None:
    """A tap never ends: its voice is the median of its last `LIVE_READINGS` replies, not of all of them."""
    monkeypatch.setattr(scorer_mod, "LIVE_READINGS", 5)
    judge = _VoiceJudge(readings=[0.1] * 6 + [0.9] * 5)
    _one_at_a_time(tmp_path / "tap", judge, [{}] * 11, final_pass=False)
    # the last five replies read 0.9; over all eleven the median would be 0.1
    assert judge.voices[-1] == pytest.approx(-math.log10(0.9))
    assert judge.voices[5] == pytest.approx(1.0)  # six replies at 0.1: the window holds five of them
    assert json.loads((tmp_path / "tap" / "run.json").read_text()).get("rejudged_at_end") is None
    assert len(list(read_jsonl(tmp_path / "tap" / "results.jsonl"))) == 11


def test_each_voice_of_a_run_is_judged_by_its_own_replies(tmp_path: Path) -> None:
    """An app that speaks in two voices: each reply is judged beside its own voice's readings, while the
    run goes on and again at its end, never beside a median of both."""
    readings = {"alloy": 0.9, "ash": 0.2}
    judge = _VoiceJudge(readings=[readings["alloy" if n % 2 else "ash"] for n in range(12)])
    _one_at_a_time(tmp_path / "run", judge, [{"voice": "alloy" if n % 2 else "ash"} for n in range(12)])
    # the end judged every reply again, each voice by its own six readings
    final = judge.voices[-12:]
    assert sorted(set(final)) == sorted({-math.log10(0.9), -math.log10(0.2)})
    rows = list(read_jsonl(tmp_path / "run" / "results.jsonl"))
    assert [r["meta"]["voice"] for r in rows] == ["alloy" if n % 2 else "ash" for n in range(12)]
    # while the run went on, a voice was known once five of its own replies were read, not five of both
    # (ash speaks the even replies: its fifth is the ninth reply; alloy's the tenth)
    assert judge.voices[:8] == [None] * 8
    assert judge.voices[8:10] == [pytest.approx(-math.log10(0.2)), pytest.approx(-math.log10(0.9))]


@pytest.fixture(scope="module")
def sim() -> Any:
    s = Simulator(host="127.0.0.1", port=0, api_key="sim-key").start_in_thread()
    yield s
    s.stop_thread()


def _run(prompts: Any, out: Path, sim_base: str, verifier: Any = None, **kw: Any) -> RunSummary:
    cfg = RunConfig(target="simulator", out_dir=str(out), score=kw.pop("score", False), **kw)
    return asyncio.run(
        run_corpus(prompts, cfg, progress=False, sim_base=sim_base, verifier=verifier or _RecordingVerifier())
    )


def _captures(out: Path) -> list[dict[str, Any]]:
    return list(read_jsonl(out / "captures.jsonl"))


@pytest.mark.parametrize(
    "api,extra,family",
    [
        ("azure", {}, "beta"),  # the user reports' setup: Azure preview api-version, g711_ulaw
        ("azure", {"api_version": "v1", "output_audio_format": "pcm16"}, "ga"),
        ("openai", {"output_audio_format": "g711_alaw"}, "ga"),
        ("openai", {"shape": "beta", "output_audio_format": "pcm16"}, "beta"),
        ("azure", {"token": "sim-key"}, "beta"),  # an Entra bearer token instead of api-key
    ],
)
@pytest.mark.slow
def test_both_event_families_are_collected(
    sim: Any, tmp_path: Path, api: str, extra: dict[str, Any], family: str
) -> None:
    out = tmp_path / "run"
    s = _run(EN, out, sim.url(api), api=api, **extra)
    assert s.collected == 2 and s.retried == 0 and s.stalled == 0
    caps = _captures(out)
    fmt = extra.get("output_audio_format", "g711_ulaw")
    for c in caps:
        assert c["status"] == "completed" and c["meta"]["family"] == family
        assert len(c["part_types"]) == 1 and c["part_types"][0] in AUDIO_PART_TYPES
        assert c["audio_format"] == fmt and c["audio_file"].endswith(
            {"pcm16": ".pcm", "g711_ulaw": ".ulaw", "g711_alaw": ".alaw"}[fmt]
        )
        audio = (out / c["audio_file"]).read_bytes()
        seconds = len(audio) / (48000 if fmt == "pcm16" else 8000)
        assert 0.8 < seconds < 6, seconds
        assert c["transcript"] and c["transcript"] == c["transcript_deltas"].strip()
    assert {c["meta"]["prompt_id"] for c in caps} == {"p-found", "p-best"}
    info = json.loads((out / "run.json").read_text())
    assert info["target"]["shape"] == family and info["effective_session"]
    sent = [r["event"] for r in read_jsonl(out / "events.jsonl") if r.get("dir") == "client"]
    assert [e["type"] for e in sent[:3]] == ["session.update", "conversation.item.create", "response.create"]
    create = sent[2]["response"]
    assert create["conversation"] == "none"
    assert create["modalities" if family == "beta" else "output_modalities"] == (
        ["text", "audio"] if family == "beta" else ["audio"]
    )


@pytest.mark.slow
def test_forced_text_only_and_stall_are_recorded_not_dropped(sim: Any, tmp_path: Path) -> None:
    prompts = [
        Prompt("stall", "One moment, brief pause.", meta={"response": {"metadata": {"sim_fault": "stall"}}}),
        Prompt("text", "Okay, much better.", meta={"response": {"metadata": {"sim_fault": "text_only"}}}),
        Prompt("after", "That's the best one."),
    ]
    out = tmp_path / "run"
    v = _RecordingVerifier()
    s = _run(prompts, out, sim.url("azure"), verifier=v, timeout_s=1.0, score=True)
    assert s.stalled == 1 and s.collected == 3
    caps = {c["meta"]["prompt_id"]: c for c in _captures(out)}
    assert caps["stall"]["status"] is None and caps["stall"]["problems"][-1].startswith("stalled")
    assert caps["text"]["part_types"] == ["text"] and caps["text"]["audio_file"] is None and caps["text"]["text"]
    assert caps["after"]["status"] == "completed"
    assert caps["after"]["meta"]["conn"] != caps["stall"]["meta"]["conn"]  # a stalled session is replaced
    results = {r["meta"]["prompt_id"]: r for r in read_jsonl(out / "results.jsonl")}
    assert set(results) == {"stall", "text", "after"}
    assert results["stall"]["verdict"] == "error" and "stalled" in results["stall"]["error"]
    assert results["stall"]["meta"]["response_id"] == caps["stall"]["response_id"]
    # The stall never reaches the ASR; the text-only reply goes with no audio and its text as the claim.
    sent = {i.meta.prompt_id: i for i in v.items}
    assert set(sent) == {"text", "after"}
    assert sent["text"].audio is None and sent["text"].transcript == caps["text"]["text"]
    assert sent["after"].audio and sent["after"].audio_format == "g711_ulaw"


def _pick_seed(prompts: list[Prompt], rates: dict[str, float], instructions: str = "") -> int:
    """A seed whose draws make at least one disconnect and one rate limit, each followed by success."""
    for seed in range(500):
        inj, seen = FaultInjector(rates, seed), Counter()
        for p in prompts:
            for _ in range(4):
                fault = inj.decide(p.text + "\x00" + instructions).name
                seen[fault] += 1
                if fault is None:
                    break
            else:
                break
        else:
            if seen["disconnect"] and seen["rate_limit"]:
                return seed
    raise AssertionError("no seed found")


@pytest.mark.slow
def test_disconnects_and_rate_limits_are_retried_until_the_run_completes(tmp_path: Path) -> None:
    prompts = [
        Prompt(f"p{i}", t)
        for i, t in enumerate(
            [
                "I'm checking.",
                "Yes, I found it.",
                "Okay, much better.",
                "That's the best one.",
                "Lowering it to minimum.",
            ]
        )
    ]
    rates = {"disconnect": 0.3, "rate_limit": 0.3}
    instructions = "Repeat the user's text."
    seed = _pick_seed(prompts, rates, instructions)  # the simulator draws per (seed, prompt, instructions, n)
    with_faults = Simulator(host="127.0.0.1", port=0, faults=rates, seed=seed).start_in_thread()
    try:
        out = tmp_path / "run"
        s = _run(
            prompts,
            out,
            with_faults.url("azure"),
            instructions=instructions,
            retries=4,
            backoff_s=0.05,
            max_backoff_s=0.2,
        )
        truth = Counter(t["fault"] for t in with_faults.truth)
    finally:
        with_faults.stop_thread()
    assert truth["disconnect"] >= 1 and truth["rate_limit"] >= 1
    assert s.retried == truth["disconnect"] + truth["rate_limit"] and s.gave_up == 0
    caps = _captures(out)
    assert sorted(c["meta"]["prompt_id"] for c in caps) == sorted(p.id for p in prompts)
    assert all(c["status"] == "completed" and c["audio_chunks"] > 0 for c in caps)
    retried = list(read_jsonl(out / "retried.jsonl"))
    assert sum("disconnected" in " ".join(r["problems"]) for r in retried) == truth["disconnect"]
    events = list(read_jsonl(out / "events.jsonl"))
    errors = [r for r in events if r["event"].get("type") == "error"]
    assert len(errors) == truth["rate_limit"] and errors[0]["event"]["error"]["code"] == "rate_limit_exceeded"


@pytest.mark.slow
def test_retries_exhausted_are_recorded_as_error(tmp_path: Path) -> None:
    p = Prompt("always", "I'm checking.", meta={"response": {"metadata": {"sim_fault": "disconnect"}}})
    with Simulator_thread() as s_base:
        out = tmp_path / "run"
        s = _run([p], out, s_base, retries=1, backoff_s=0.01, score=True)
    assert s.gave_up == 1 and s.retried == 1
    (cap,) = _captures(out)
    assert cap["status"] is None and cap["problems"][-1].startswith("gave up after 2 attempts")
    (res,) = read_jsonl(out / "results.jsonl")
    assert res["verdict"] == "error" and res["meta"]["attempt"] == 1
    assert len(list(read_jsonl(out / "retried.jsonl"))) == 1


class Simulator_thread:
    def __init__(self, **kw: Any) -> None:
        self.sim = Simulator(host="127.0.0.1", port=0, **kw)

    def __enter__(self) -> str:
        self.sim.start_in_thread()
        return self.sim.url("azure")

    def __exit__(self, *exc: Any) -> None:
        self.sim.stop_thread()


@pytest.mark.parametrize("api", ["azure", "openai"])
def test_bad_key_is_one_line_without_the_secret(sim: Any, tmp_path: Path, api: str) -> None:
    secret = "sk-wrong-key-7f3a9c1e55d2"
    out = tmp_path / "run"
    with pytest.raises(HarnessError) as e:
        _run(EN, out, sim.url(api), api=api, api_key=secret)
    msg = str(e.value)
    assert "401" in msg and "key" in msg and "\n" not in msg and secret not in msg
    for f in out.rglob("*"):
        if f.is_file():
            assert secret not in f.read_text(errors="replace"), f
    assert json.loads((out / "run.json").read_text())["fatal"] == msg


def test_rejected_session_settings_stop_the_run_with_the_service_message(sim: Any, tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match=r"rejected session.update: .*Invalid modalities"):
        _run(EN, tmp_path / "run", sim.url("azure"), modalities=["audio"])  # beta rejects audio alone


def test_unreachable_endpoint_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again on exit: nothing listens there
    with pytest.raises(HarnessError, match=r"cannot connect to ws://127.0.0.1:\d+/openai/realtime") as e:
        _run(EN, tmp_path / "run", f"ws://127.0.0.1:{port}", retries=1, backoff_s=0.01)
    assert "\n" not in str(e.value)


@pytest.mark.slow
def test_corpus_session_settings_apply_and_run_flags_override(sim: Any, tmp_path: Path) -> None:
    corpus = Corpus(EN[:1], session={"output_audio_format": "g711_alaw", "instructions": "Be brief.", "voice": "verse"})
    out = tmp_path / "run"
    _run(corpus, out, sim.url("azure"), output_audio_format="pcm16", temperature=0.9)
    info = json.loads((out / "run.json").read_text())
    assert info["effective_session"]["output_audio_format"] == "pcm16"
    assert info["effective_session"]["instructions"] == "Be brief."
    assert info["effective_session"]["voice"] == "verse" and info["effective_session"]["temperature"] == 0.9


@pytest.mark.parametrize("isolate", [False, True])
@pytest.mark.slow
def test_isolate_sends_each_prompt_as_its_own_input(sim: Any, tmp_path: Path, isolate: bool) -> None:
    out = tmp_path / "run"
    _run(EN, out, sim.url("azure"), isolate=isolate)
    sent = [r["event"] for r in read_jsonl(out / "events.jsonl") if r.get("dir") == "client"]
    types = Counter(e["type"] for e in sent)
    creates = [e["response"] for e in sent if e["type"] == "response.create"]
    assert len(creates) == 2
    if isolate:
        # nothing enters the shared conversation; each response sees its own prompt only
        assert types["conversation.item.create"] == 0
        assert [c["input"][0]["content"][0]["text"] for c in creates] == [p.text for p in EN]
    else:
        assert types["conversation.item.create"] == 2 and all("input" not in c for c in creates)
    # the simulator answers the prompt it was given either way
    assert [c["transcript"] for c in _captures(out)] == [p.text for p in EN]
