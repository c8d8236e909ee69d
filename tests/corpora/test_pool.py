"""bench/pool.py: several corpora's manifests as one, their audio left where it is."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pool = _load("pool")


def _corpus(root: Path, name: str, ids: list[str]) -> Path:
    build = root / "corpora" / name / "build"
    (build / "audio").mkdir(parents=True)
    rows = []
    for i in ids:
        (build / "audio" / f"{i}.pcm").write_bytes(i.encode() * 10)
        rows.append({"id": i, "audio": f"audio/{i}.pcm", "transcript": "Hello.", "label": "match", "engine": "piper"})
    manifest = build / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return manifest


def test_pooled_rows_find_their_own_audio_and_name_their_corpus(tmp_path: Path) -> None:
    a = _corpus(tmp_path, "heldout", ["a1", "a2"])
    b = _corpus(tmp_path, "sealed3", ["b1"])
    out = tmp_path / "corpora" / "pooled" / "build" / "manifest.jsonl"
    assert pool.main([str(out), str(a), str(b)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "b1"]
    assert [r["corpus"] for r in rows] == ["heldout", "heldout", "sealed3"]
    # the same bytes as the corpus's own manifest reaches: bench/heldout.py's cache is keyed by them
    assert [(out.parent / r["audio"]).read_bytes() for r in rows] == [b"a1" * 10, b"a2" * 10, b"b1" * 10]


def test_an_id_in_two_corpora_is_an_error_naming_both(tmp_path: Path) -> None:
    a = _corpus(tmp_path, "heldout", ["x"])
    b = _corpus(tmp_path, "sealed", ["x"])
    out = tmp_path / "pooled.jsonl"
    with pytest.raises(SystemExit, match=rf"{b}: id 'x' \(row 1\) is also in {a}"):
        pool.pool(out, [a, b])
    assert not out.exists()  # nothing half-written


def test_a_missing_or_bad_manifest_is_named(tmp_path: Path) -> None:
    out = tmp_path / "pooled.jsonl"
    with pytest.raises(SystemExit, match="sealed9/build/manifest.jsonl not found"):
        pool.pool(out, [tmp_path / "corpora" / "sealed9" / "build" / "manifest.jsonl"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "transcript": "Hi.", "label": "match", "engine": "piper"}\n{"id": \n')
    with pytest.raises(SystemExit, match=rf"{bad}:2: not valid JSON"):
        pool.pool(out, [bad])
    with pytest.raises(SystemExit, match="would overwrite one it reads"):
        pool.main([str(bad), str(bad)])
