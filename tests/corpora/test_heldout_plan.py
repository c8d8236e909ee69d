"""The held-out corpus plan and the bench's statistics: pure code, no engine or model loaded."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from corpora.heldout import faults, generate
from corpora.heldout.texts import TEXTS

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    """bench/heldout.py is a script, not a package module: load it by path."""
    spec = importlib.util.spec_from_file_location("bench_heldout", ROOT / "bench" / "heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


bench = _bench()


@functools.lru_cache(maxsize=1)
def _plan() -> tuple[generate.Clip, ...]:
    return tuple(c for name, e in generate.ENGINES.items() for c in generate.plan(e, generate.QUOTA[name], 9))


def _all_clips() -> list[generate.Clip]:
    return list(_plan())


def test_plan_is_deterministic_and_meets_the_issue_floor() -> None:
    clips = _all_clips()
    again = [c for name, e in generate.ENGINES.items() for c in generate.plan(e, generate.QUOTA[name], 9)]
    assert [c.id for c in clips] == [c.id for c in again]
    assert len(clips) >= 600
    assert len({c.engine for c in clips}) >= 4
    assert len({c.voice.id for c in clips if c.label != "missing_audio"}) >= 10
    assert {c.audio_format for c in clips} == set(generate.FORMATS)
    share = sum(c.label == "match" for c in clips) / len(clips)
    assert 0.5 <= share <= 0.6
    assert set(Counter(c.label for c in clips)) == set(faults.LABELS)
    assert len({c.id for c in clips}) == len(clips)


def test_every_fault_kind_is_made_somewhere_and_only_where_it_applies() -> None:
    clips = _all_clips()
    assert set(faults.KINDS) == {c.fault_kind for c in clips}
    for c in clips:
        assert faults.applicable(c.text, c.fault_kind), c.id
        assert c.voice.language == c.text.language, c.id


def test_known_patterns_are_in_for_every_engine_that_can_say_them() -> None:
    clips = _all_clips()
    made = {(c.engine, c.fault_kind, c.text.id) for c in clips}
    for name, engine in generate.ENGINES.items():
        for kind, text_id in generate.KNOWN:
            t = next(x for x in TEXTS if x.id == text_id)
            if generate._can_say(engine, t):
                assert (name, kind, text_id) in made


def test_wilson_interval_matches_the_textbook_values() -> None:
    lo, hi = bench.wilson(20, 100)
    assert lo == pytest.approx(0.1333, abs=1e-3) and hi == pytest.approx(0.2888, abs=1e-3)
    assert bench.wilson(0, 0) == (0.0, 1.0)


def test_stratified_sample_keeps_every_engine_and_label() -> None:
    rows = [{"id": c.id, "engine": c.engine, "label": c.label, "fault_kind": c.fault_kind} for c in _all_clips()]
    sample = bench.stratified(rows, 150, 9)
    assert 140 <= len(sample) <= 165
    assert {(r["engine"], r["label"]) for r in sample} == {(r["engine"], r["label"]) for r in rows}
    assert sample == bench.stratified(rows, 150, 9)
