"""Helpers for the report tests (fixtures live in conftest.py).

`build_run` lays out a run directory the way the harness writes one, with
real synthesised speech (piper) or, where only format and length matter, a
tone (`tests.helpers.speech.tone`), encoded as the API sends it, and verdict rows
describing each fault: it exercises the report code on every verdict class,
deterministically. `sim_config` / `write_corpus` drive real simulator runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from verifier.schema import audio
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import ResultMeta, Segment, Verdict, WordOp
from verifier.simulator import tts


@dataclass
class Case:
    rid: str
    prompt_id: str
    transcript: str
    spoken: list[tuple[str, str]]  # (text, language) pieces actually in the audio
    verdict: str
    fmt: str = "pcm16"


CASES = [
    Case("resp_ok1", "p1", "I'm checking. Yes, I found it.", [("I'm checking. Yes, I found it.", "en")], "match"),
    Case(
        "resp_trunc",
        "p2",
        "One moment, brief pause. Yeah, you're right, it's turned off.",
        [("One moment, brief pause.", "en")],
        "truncated",
        "g711_ulaw",
    ),
    Case(
        "resp_drift",
        "p3",
        "Exactly, it used to work automatically.",
        [("Exacto,", "es"), ("it used to work automatically.", "en")],
        "language_drift",
    ),
    Case("resp_none", "p4", "Okay, much better.", [], "missing_audio", "g711_alaw"),
    Case(
        "resp_xss",
        "p5",
        "Say <script>alert('pwned')</script> & <b>bold</b>",
        [("Say hello.", "en")],
        "content_mismatch",
    ),
    Case("resp_err", "p6", "", [], "error"),
]


def _verdict(c: Case, seconds: float, segs: list[Segment]) -> Verdict:
    heard = " ".join(t for t, _ in c.spoken)
    ref, hyp = c.transcript.split(), heard.split()
    words: list[WordOp] = []
    for i in range(max(len(ref), len(hyp))):
        r = ref[i] if i < len(ref) else None
        h = hyp[i] if i < len(hyp) else None
        t = seconds * i / max(len(hyp), 1)
        if r and h:
            same = r.strip(",.").lower() == h.strip(",.").lower()
            words.append(WordOp("ok" if same else "substituted", r, h, t, t + 0.2))
        elif r:
            words.append(WordOp("missing", r, None, probability=0.02))
        else:
            words.append(WordOp("extra", None, h, t, t + 0.2))
    missing = [w.ref for w in words if w.op == "missing" and w.ref]
    div = next((w.start for w in words if w.op != "ok" and w.start is not None), seconds if missing else None)
    return Verdict(
        id=c.rid,
        verdict=c.verdict,
        flags=[c.verdict] if c.verdict != "match" else [],
        explanation=f"{c.verdict.replace('_', ' ')}: synthetic case {c.prompt_id}" if c.verdict != "match" else "",
        transcript=c.transcript,
        transcript_language="en",
        asr_text=heard if c.verdict != "error" else None,
        asr_language=c.spoken[0][1] if c.spoken else None,
        wer=0.0 if c.verdict == "match" else 0.5,
        audio_seconds=seconds,
        speech_seconds=seconds,
        missing_words=missing,
        divergence_at=div,
        segments=segs,
        words=words if c.verdict not in ("error", "missing_audio") else [],
        error="audio unreadable: odd byte count" if c.verdict == "error" else None,
        meta=ResultMeta(response_id=c.rid, prompt_id=c.prompt_id, repeat_index=0),
    )


def build_run(
    run_dir: Path,
    cases: list[Case] = CASES,
    *,
    info: dict | None = None,
    speak: Callable[[str, str], np.ndarray] = tts.synthesize,
) -> Path:
    """`speak` (text, language) -> samples at tts.TTS_RATE: real speech by default, `speech.tone` where the
    content of the audio does not matter."""
    (run_dir / "audio").mkdir(parents=True, exist_ok=True)
    caps, results, events = [], [], []
    for c in cases:
        pieces, segs, t = [], [], 0.0
        for text, lang in c.spoken:
            s = speak(text, lang)
            segs.append(Segment(t, t + s.size / tts.TTS_RATE, text, lang, 0.9))
            t += s.size / tts.TTS_RATE
            pieces.append(s)
        samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
        raw = audio.encode(samples, tts.TTS_RATE, c.fmt) if samples.size else b""
        rel = f"audio/{c.rid}{audio.get_format(c.fmt).extension}"
        if raw:
            (run_dir / rel).write_bytes(raw)
        cap = ResponseCapture(
            response_id=c.rid,
            item_id=f"item_{c.rid}",
            session_id="sess_1",
            audio_format=c.fmt,
            audio_file=rel if raw else None,
            transcript=c.transcript,
            part_types=["audio"] if raw else ["text"],
            modalities=["text", "audio"],
            status="completed",
            usage={"output_token_details": {"audio_tokens": 40 if raw else 0}},
            t_created=1.0,
            t_first_audio=1.3,
            t_done=2.0,
            meta={"prompt_id": c.prompt_id, "repeat_index": 0},
        )
        caps.append(cap.to_dict())
        results.append(_verdict(c, audio.duration(raw, c.fmt) if raw else 0.0, segs).to_dict())
        events.append(
            {
                "t": 1.0,
                "conn": 0,
                "prompt_id": c.prompt_id,
                "attempt": 0,
                "event": {
                    "type": "response.done",
                    "event_id": f"ev_{c.rid}",
                    "response": {"id": c.rid, "status": "completed"},
                },
            }
        )
    base = {
        "run_id": run_dir.name,
        "started": "2025-10-24T22:52:59+00:00",
        "finished": "2025-10-24T22:55:00+00:00",
        "target": {
            "api": "azure",
            "host": "example.openai.azure.com",
            "deployment": "gpt-realtime",
            "api_version": "2024-10-01-preview",
            "region": "swedencentral",
        },
        "session": {"modalities": ["text", "audio"], "output_audio_format": "g711_ulaw", "temperature": 0.6},
        "corpus": "corpora/translation.jsonl",
        "repeat": 1,
        "concurrency": 1,
        "config_name": "default",
    }
    base.update(info or {})
    (run_dir / "run.json").write_text(json.dumps(base, indent=2))
    for name, rows in (("captures.jsonl", caps), ("results.jsonl", results), ("events.jsonl", events)):
        (run_dir / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    return run_dir


# --- real runs against the built-in simulator -------------------------------

ASR = "tiny.en"  # no language identification needed here; loads fastest
SIM_PROMPTS = [
    {"id": "ship", "text": "Your order was shipped yesterday. It should arrive on Friday."},
    {"id": "reset", "text": "I have reset your password. You will receive an email in a few minutes."},
    {"id": "xss", "text": "Please type <script>alert('pwned')</script> & <b>bold</b> into the box."},
]


def write_corpus(path: Path, prompts: list[dict] = SIM_PROMPTS) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in prompts))
    return path


def sim_config(out: Path, **kw: object):  # -> verifier.harness.RunConfig
    from verifier.harness.config import RunConfig

    base: dict = {"target": "simulator", "out_dir": str(out), "verifier_model": ASR, "seed": 5, "timeout_s": 10.0}
    base.update(kw)
    return RunConfig(**base)
