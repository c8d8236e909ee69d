"""bench/pool.py: several corpora's manifests as one, their audio left where it is."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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


# --- what the bench does with a pooled manifest: leave a corpus out; judge only what a fit never saw ---


def _pooled_run() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows of three corpora and two engines, half faulty, with evidence that needs no model."""
    from verifier.core.calibration.record import early

    rows: list[dict[str, Any]] = []
    results: dict[str, Any] = {}
    for corpus in ("heldout", "sealed", "sealed2"):
        for engine in ("piper", "flite"):
            for i in range(4):
                faulty = i % 2 == 1
                rid = f"{corpus}-{engine}-{i}"
                rows.append(
                    {
                        "id": rid,
                        "engine": engine,
                        "voice": f"{engine}:v",
                        "corpus": corpus,
                        "label": "missing_audio" if faulty else "match",
                        "fault_kind": "silence" if faulty else "none",
                        "condition": "clean",
                        "text_kind": "plain",
                        "text_id": rid,
                    }
                )
                rule = "missing_audio" if faulty else "match"
                ev = early(rule, [rule] if faulty else [], 2.0, 0.0 if faulty else 1.5, 6)
                results[rid] = {"verdict": rule, "evidence": ev, "audio_s": 2.0, "wall_s": 0.1}
    return rows, {"results": results, "voices": {}, "model": "base"}


def test_leaving_a_corpus_out_fits_on_every_other_corpus_and_every_engine() -> None:
    heldout = _load("heldout")
    rows, run = _pooled_run()
    _, summary, decided = heldout.loeo(rows, {"verifier": run}, ["heldout", "sealed", "sealed2"], by="corpus")
    for corpus in ("heldout", "sealed", "sealed2"):
        fitted = summary[corpus]["fitted_on"]
        assert f"corpora/{corpus}" not in fitted["corpora"] and len(fitted["corpora"]) == 2
        assert fitted["engines"] == ["flite", "piper"] and fitted["clips"] == 16
    assert {k: v["verdict"] for k, v in decided.items()} == {r["id"]: r["label"] for r in rows}


def test_reading_bands_judge_a_fitted_corpus_leave_one_engine_out_and_the_others_by_the_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = _load("reading")
    rows, run = _pooled_run()
    fitted = [r for r in rows if r["corpus"] != "sealed2"]
    cal = reading.H.fit_on(fitted, run, ["flite", "piper"])
    assert cal.fitted_on["corpora"] == ["corpora/heldout", "corpora/sealed"]
    path = tmp_path / "cal.json"
    cal.save(path)
    seen: dict[str, list[str]] = {"loeo": [], "judged": []}
    loeo, calibrated = reading.H.loeo, reading.H.calibrated_run

    def spy_loeo(rows: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        seen["loeo"] += [r["id"] for r in rows]
        return loeo(rows, *args, **kwargs)

    def spy_judged(rows: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        seen["judged"] += [r["id"] for r in rows]
        return calibrated(rows, *args, **kwargs)

    monkeypatch.setattr(reading.H, "loeo", spy_loeo)
    monkeypatch.setattr(reading.H, "calibrated_run", spy_judged)
    corpora = {c: ([r for r in rows if r["corpus"] == c], run) for c in ("heldout", "sealed", "sealed2")}
    out = reading.judged(corpora, path)
    # the corpora the fit saw: together, each engine by a fit on the other; the one it did not: by the fit
    assert sorted(seen["loeo"]) == sorted(r["id"] for r in fitted)
    assert {i.split("-")[0] for i in seen["judged"] if i not in seen["loeo"]} == {"sealed2"}
    assert set(out) == {"heldout", "sealed", "sealed2"}
    for c, (crows, results) in out.items():
        assert [r["id"] for r in crows] == [r["id"] for r in rows if r["corpus"] == c]
        assert all(results[r["id"]]["evidence"] is not None for r in crows)


def test_clips_come_back_in_the_order_asked_and_an_unknown_id_is_named(tmp_path: Path) -> None:
    """bench/nightly.py zips the clips it drew with their verdicts: manifest order would pair a clip
    with another clip's verdict (it once counted 1 of 6 faults flagged where 6 of 6 were)."""
    heldout = _load("heldout")
    manifest = _corpus(tmp_path, "heldout", ["a1", "a2", "a3"])
    items = heldout._items(manifest, ["a3", "a1"])
    assert [it.id for it in items] == ["a3", "a1"]
    assert [it.audio for it in items] == [b"a3" * 10, b"a1" * 10]
    with pytest.raises(SystemExit, match=r"no clip 'zz'"):
        heldout._items(manifest, ["a1", "zz"])
