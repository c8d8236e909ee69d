"""Issue 10: seeded random and adversarial input for the collector, the manifest reader and the results reader.

Each reader must neither raise nor lose anything: every response the stream started comes back as exactly one
capture holding all its audio, every manifest line is an entry or an error naming it, every results row is a
report row or a note naming its line. Seeds are fixed, so a failure reproduces; raise ROUNDS locally to fuzz
harder.
"""

from __future__ import annotations

import base64
import json
import random
import struct
from pathlib import Path
from typing import Any

import pytest

from verifier.harness.manifest import ManifestEntryError, read_manifest
from verifier.realtime.collector import Collector
from verifier.report import build_reports, load_run
from verifier.schema.results import Verdict, VerdictClass

ROUNDS = 8

HOSTILE_TEXTS = [
    "1" * 5000,
    "[" * 50_000 + "]" * 50_000,
    '{"a":' * 3000 + "1" + "}" * 3000,
    "-" + "9" * 4400,
    "1e999999",
    "NaN",
    "Infinity",
    '"\\ud83d"',
    '{"type": "\\udc00"}',
    "",
    " ",
    "{",
    "}",
    "[]",
    "null",
    "true",
    '"x"',
    '{"type": null}',
    '{"type": ["response.done"]}',
    '{"type": "response.done"}',
    '{"type": "response.done", "response": 1}',
]


def rand_str(rng: random.Random) -> str:
    pool = [
        "",
        "x",
        "Hello there \ud83d",
        "\udc00",
        "=1+1",
        "../../etc/passwd",
        "a/b",
        "\x00",
        "é" * 3,
        "\u2028",
        "resp_1",
        " " * 5,
        "\ufeff",
        "<script>alert(1)</script>",
    ]
    if rng.random() < 0.6:
        return rng.choice(pool)
    return "".join(
        chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF), rng.randrange(0xD800, 0xE000)]))
        for _ in range(rng.randrange(0, 12))
    )


def rand_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 4 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2**63, -(2**70), 10**300])
    if kind == 3:
        return rng.choice([0.5, -0.0, 1e308, float("inf"), float("nan"), -1e-300])
    if kind in (4, 5, 6):
        return rand_str(rng)
    if kind == 7:
        return [rand_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {rand_str(rng): rand_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def hostile_line(rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return rng.choice(HOSTILE_TEXTS).encode("utf-8", "surrogatepass")
    if choice == 1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))).replace(b"\n", b"").replace(b"\r", b"")
    if choice == 2:
        return json.dumps(rand_value(rng)).encode("utf-8", "surrogatepass")
    return json.dumps({"id": rand_value(rng), "verdict": rand_value(rng)}).encode("utf-8", "surrogatepass")


# -- the collector ---------------------------------------------------------------------------------------------


def _stream(rng: random.Random, n: int) -> tuple[list[Any], dict[str, int]]:
    """A plausible interleaved stream of `n` responses with garbage between, and the audio bytes each must keep."""
    events: list[Any] = []
    audio: dict[str, int] = {}
    pending = []
    for k in range(n):
        rid, item = f"resp_{k}", f"item_{k}"
        audio[rid] = 0
        seq: list[Any] = [
            {"type": "response.created", "response": {"id": rid, "status": "in_progress"}},
            {"type": "response.output_item.added", "response_id": rid, "item": {"id": item}},
            {"type": "response.content_part.added", "response_id": rid, "item_id": item, "part": {"type": "audio"}},
        ]
        for _ in range(rng.randrange(0, 5)):
            chunk = bytes(rng.randrange(256) for _ in range(2 * rng.randrange(0, 50)))
            audio[rid] += len(chunk)
            seq.append(
                {
                    "type": "response.audio.delta",
                    "response_id": rid,
                    "item_id": item,
                    "content_index": 0,
                    "delta": base64.b64encode(chunk).decode(),
                }
            )
        seq.append(
            {"type": "response.audio_transcript.done", "response_id": rid, "item_id": item, "transcript": rand_str(rng)}
        )
        if rng.random() < 0.8:  # else it never finishes: close() must still return it
            seq.append({"type": "response.done", "response": {"id": rid, "status": rng.choice(["completed", None, 3])}})
        pending.append(seq)
    while any(pending):
        seq = rng.choice([s for s in pending if s])
        ev = seq.pop(0)
        events.append(ev if rng.random() < 0.7 else json.dumps(ev))
        if rng.random() < 0.3:  # garbage that names no live response
            garbage = rng.choice(
                [
                    hostile_line(rng),
                    hostile_line(rng).decode("utf-8", "replace"),
                    {"type": rand_str(rng), "response_id": rand_value(rng)},
                    {"type": "response.audio.delta", "response_id": "resp_unknown", "delta": "%%%"},
                    {"type": "error", "error": rand_value(rng)},
                    {"type": "session.updated", "session": rand_value(rng)},
                ]
            )
            events.append(garbage)
    return events, audio


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_collector_survives_and_keeps_every_response(seed: int) -> None:
    rng = random.Random(seed)
    events, audio = _stream(rng, rng.randrange(1, 6))
    c = Collector()
    out = []
    for ev in events:
        out += c.feed(ev, t=rng.random())
    out += c.close("end of fuzz")
    got = [cap.response_id for cap in out]
    assert sorted(set(got) & set(audio)) == sorted(audio)
    assert all(got.count(rid) == 1 for rid in audio)
    for cap in out:
        if cap.response_id in audio:
            assert len(cap.audio) >= audio[cap.response_id], cap.problems
        json.dumps(cap.to_dict(), default=str)  # every capture can be written


# -- the manifest reader -------------------------------------------------------------------------------------


def _wav_bytes(rng: random.Random) -> bytes:
    rate = rng.choice([0, 1, 8000, 16000, 2**32 - 1])
    tag = rng.choice([1, 3, 0xFFFE, 0])
    channels = rng.choice([0, 1, 2, 65535])
    bits = rng.choice([8, 16, 24, 0])
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * 2 % 2**32, 2, bits)
    if tag == 0xFFFE and rng.random() < 0.7:
        fmt += struct.pack("<HHI", 22, bits, 4) + rng.choice([b"\x01\x00", b"\x03\x00"]) + b"\x00" * 14
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
    chunks = b"fmt " + len(fmt).to_bytes(4, "little") + fmt
    chunks += b"data" + rng.choice([len(data), 2**32 - 1, 0]).to_bytes(4, "little") + data
    body = b"WAVE" + chunks[: rng.randrange(len(chunks) + 1)] if rng.random() < 0.3 else b"WAVE" + chunks
    return b"RIFF" + len(body).to_bytes(4, "little") + body


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_manifest_reader_answers_every_line(tmp_path: Path, seed: int) -> None:
    rng = random.Random(1000 + seed)
    lines: list[bytes] = []
    for k in range(30):
        if rng.random() < 0.5:
            name = f"a{k}" + rng.choice([".wav", ".pcm", ".ulaw", ".alaw", ".raw", ".mp3"])
            (tmp_path / name).write_bytes(
                _wav_bytes(rng)
                if name.endswith(".wav") or rng.random() < 0.2
                else bytes(rng.randrange(256) for _ in range(rng.randrange(0, 50)))
            )
            obj: dict[str, Any] = {
                "id": rng.choice([f"id{k}", f"id{k}", "dup", k, rand_value(rng)]),
                "audio": rng.choice([name, name, None, "../x.wav", "/etc/passwd", 5]),
                "transcript": rng.choice([rand_str(rng), "hello", None, 5]),
                "language": rng.choice([None, "en", "", 3, "en-US"]),
            }
            for key in rng.sample(sorted(obj), rng.randrange(0, 2)):
                obj[key] = rand_value(rng)
            if rng.random() < 0.2:
                obj["audio_format"] = rand_value(rng)
            lines.append(json.dumps(obj).encode("utf-8", "surrogatepass"))
        else:
            lines.append(hostile_line(rng))
    (tmp_path / "m.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    entries, errors = read_manifest(tmp_path / "m.jsonl")

    def counted(raw: bytes) -> bool:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return bool(text.strip()) and not text.lstrip().startswith("#")

    expected = [n for n, raw in enumerate(lines, 1) if counted(raw)]
    assert sorted([e.line for e in entries] + [e.line for e in errors]) == expected
    for entry in entries:
        try:
            item = entry.load()
        except ManifestEntryError as exc:
            assert exc.error.line == entry.line
        else:
            assert item.id == entry.id


# -- the results reader ---------------------------------------------------------------------------------------


def _result_row(rng: random.Random, k: int) -> dict[str, Any]:
    row = Verdict(
        id=f"r{k}",
        verdict=rng.choice(list(VerdictClass)),
        transcript="hello",
        asr_text="hello",
        wer=0.0,
        audio_seconds=1.0,
    ).to_dict()
    row["segments"] = [{"start": 0.0, "end": 1.0, "text": "hello"}]
    row["words"] = [{"op": "ok", "ref": "hello", "hyp": "hello", "start": 0.0, "end": 0.5}]
    row["meta"] = {"response_id": f"resp_{k % 5}", "prompt_id": "p", "capture_seq": rng.choice([k, k, None, "x"])}
    for key in rng.sample(sorted(row), rng.randrange(0, 4)):
        row[key] = rand_value(rng)
    if rng.random() < 0.3:
        row[rng.choice(["segments", "words"])] = rng.choice([[1], "x", [None, {"start": "a"}], {"a": 1}])
    return row


@pytest.mark.parametrize("seed", range(ROUNDS))
def test_results_reader_keeps_or_names_every_row(tmp_path: Path, seed: int) -> None:
    rng = random.Random(2000 + seed)
    lines: list[bytes] = []
    for k in range(25):
        lines.append(
            json.dumps(_result_row(rng, k)).encode("utf-8", "surrogatepass")
            if rng.random() < 0.7
            else hostile_line(rng)
        )
    (tmp_path / "results.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    caps = []
    for k in range(5):
        cap: dict[str, Any] = {
            "response_id": rand_value(rng) if rng.random() < 0.2 else f"resp_{k}",
            "audio_file": rng.choice([None, "../../etc/passwd", "/dev/zero", 5, "audio/x.pcm"]),
            "audio_format": rng.choice(["pcm16", "wav", 7, None]),
            "meta": rng.choice([{"capture_seq": k}, {}, None, [1]]),
        }
        for key in rng.sample(
            [
                "status",
                "part_types",
                "usage",
                "transcript",
                "t_done",
                "modalities",
                "problems",
                "status_details",
                "audio_chunks",
                "item_id",
            ],
            4,
        ):
            cap[key] = rand_value(rng)
        caps.append(json.dumps(cap, default=str))
    (tmp_path / "captures.jsonl").write_text("\n".join(caps) + "\n" + "[" * 50_000 + "\n", encoding="utf-8")
    run = load_run(tmp_path)
    skipped = {p.split(":")[0] for p in run.problems if p.startswith("results.jsonl line ") and p.endswith("skipped")}
    replaced = sum("the later line wins" in p for p in run.problems)  # named, with the line that replaced it
    nonblank = [n for n, raw in enumerate(lines, 1) if raw.decode("utf-8", "replace").strip()]
    assert len(run.rows) + replaced + len(skipped) == len(nonblank), run.problems
    build_reports(run, tmp_path / "out")
    for row in run.rows:  # a capture row cannot point the report at a file outside the run
        assert row.audio_path is None or row.audio_path.resolve().is_relative_to(tmp_path.resolve())
