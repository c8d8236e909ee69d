"""Manifests and `verifier score`: bad lines are named (line + field), the rest is still scored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.helpers.speech import Speech, tone
from verifier.cli.app import app
from verifier.harness.manifest import ManifestEntryError, read_manifest
from verifier.schema import audio
from verifier.simulator import tts

TEXT = "Sure, I can do that."


@pytest.fixture(scope="module")
def clip(speech: Speech) -> bytes:
    return audio.encode(speech(TEXT), 16_000, "g711_ulaw")


def _manifest(tmp: Path, lines: list[str]) -> Path:
    path = tmp / "manifest.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _messy(tmp_path: Path, clip: bytes) -> Path:
    (tmp_path / "good.ulaw").write_bytes(clip)
    (tmp_path / "odd.pcm").write_bytes(b"\x00\x01\x02")
    (tmp_path / "notes.ulaw").write_text("These are meeting notes, not audio at all.\n" * 4)
    (tmp_path / "fake.wav").write_text("not a wav file")
    (tmp_path / "empty.alaw").write_bytes(b"")
    return _manifest(
        tmp_path,
        [
            json.dumps({"id": "good", "audio": "good.ulaw", "transcript": TEXT, "expected": "match"}),  # 1
            "{this is not json",  # 2
            json.dumps({"id": "gone", "audio": "missing.ulaw", "transcript": TEXT}),  # 3
            json.dumps({"id": "fmt", "audio": "good.ulaw", "audio_format": "mp3", "transcript": TEXT}),  # 4
            json.dumps({"id": "odd", "audio": "odd.pcm", "audio_format": "pcm16", "transcript": TEXT}),  # 5
            json.dumps({"id": "text", "audio": "notes.ulaw", "transcript": TEXT}),  # 6
            json.dumps({"id": "fakewav", "audio": "fake.wav", "transcript": TEXT}),  # 7
            json.dumps({"id": "noaudio", "audio": None, "transcript": TEXT}),  # 8
            json.dumps({"id": "empty", "audio": "empty.alaw", "transcript": TEXT}),  # 9
            json.dumps({"id": "ext", "audio": "good.mp4", "transcript": TEXT}),  # 10
            json.dumps({"audio": "good.ulaw", "transcript": TEXT}),  # 11: no id
        ],
    )


@pytest.fixture()
def messy(tmp_path: Path, clip: bytes) -> Path:
    return _messy(tmp_path, clip)


def test_core_manifest_errors_name_line_and_field(tmp_path: Path) -> None:
    # the reader checks formats and lengths, not words: a tone will do, and loads no speech engine
    messy = _messy(tmp_path, audio.encode(tone(TEXT, "en"), tts.TTS_RATE, "g711_ulaw"))
    entries, errors = read_manifest(messy)
    parse_errors = {(e.line, e.field) for e in errors}
    assert parse_errors == {(2, "(line)"), (4, "audio_format"), (10, "audio_format"), (11, "id")}
    assert "not valid JSON" in str(next(e for e in errors if e.line == 2))
    load_errors = {}
    for entry in entries:
        try:
            entry.load()
        except ManifestEntryError as exc:
            load_errors[entry.line] = (exc.error.field, str(exc))
    assert set(load_errors) == {3, 5, 6, 7}
    assert load_errors[3][0] == "audio" and "file not found" in load_errors[3][1]
    assert "odd byte count" in load_errors[5][1]
    assert "looks like text" in load_errors[6][1]
    assert "not a WAV file" in load_errors[7][1]
    assert all(f"manifest.jsonl:{n}: field" in msg for n, (_, msg) in load_errors.items())
    good = next(e for e in entries if e.id == "good")
    assert good.load().audio_format == "g711_ulaw" and good.extra == {"expected": "match"}


def test_core_manifest_voice_is_kept_per_reply_and_a_bad_one_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.ulaw").write_bytes(audio.encode(tone(TEXT, "en"), tts.TTS_RATE, "g711_ulaw"))
    path = _manifest(
        tmp_path,
        [
            json.dumps({"id": "a", "audio": "a.ulaw", "transcript": TEXT, "voice": " alloy "}),
            json.dumps({"id": "b", "audio": "a.ulaw", "transcript": TEXT}),
            json.dumps({"id": "c", "audio": "a.ulaw", "transcript": TEXT, "voice": 3}),
            json.dumps({"id": "d", "audio": "a.ulaw", "transcript": TEXT, "voice": ""}),
            json.dumps({"id": "e", "audio": "a.ulaw", "transcript": TEXT, "voice": "al\nloy"}),
            json.dumps({"id": "f", "audio": "a.ulaw", "transcript": TEXT, "voice": "a" * 101}),
        ],
    )
    entries, errors = read_manifest(path)
    assert [(e.line, e.field) for e in errors] == [(3, "voice"), (4, "voice"), (5, "voice"), (6, "voice")]
    assert "manifest.jsonl:3: field 'voice'" in str(errors[0])
    a, b = (e.load() for e in entries)
    assert a.meta.voice == "alloy" and "voice" not in a.meta.extra and b.meta.voice is None
    assert a.meta.to_dict()["voice"] == "alloy" and "voice" not in b.meta.to_dict()


@pytest.mark.slow
def test_core_score_cli_scores_the_rest_and_exits_2(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["score", str(messy), "--out", str(out), "--asr-model", "tiny.en"])
    assert res.exit_code == 2, res.output
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 11  # one line per manifest line, bad ones included
    assert by_id["good"]["verdict"] == "match" and by_id["good"]["meta"]["expected"] == "match"
    assert by_id["noaudio"]["verdict"] == by_id["empty"]["verdict"] == "missing_audio"
    for bad in ("gone", "fmt", "odd", "text", "fakewav", "ext", "line-2", "line-11"):
        assert by_id[bad]["verdict"] == "error" and by_id[bad]["error"], bad
    assert "manifest.jsonl:5: field 'audio'" in by_id["odd"]["error"]
    assert [r["id"] for r in rows][:3] == ["good", "line-2", "gone"]  # manifest order
    csv = pd.read_csv(out / "results.csv")
    assert list(csv["id"]) == [r["id"] for r in rows] and "explanation" in csv.columns
    assert "manifest.jsonl:2" in res.output and "could not be scored" in res.output
    # the report plays the scored clips without being pointed at the manifest again
    html = (out / "report.html").read_text()
    assert html.count("<audio") == 1 and (out / "junit.xml").is_file()  # "good" is the only clip with audio


@pytest.mark.slow
def test_core_score_cli_gate_and_bad_options(tmp_path: Path, clip: bytes, speech: Speech) -> None:
    (tmp_path / "good.ulaw").write_bytes(clip)
    long = "Sure, I can do that. Your order ships tomorrow morning."
    (tmp_path / "cut.ulaw").write_bytes(audio.encode(speech(long)[: int(16_000 * 1.6)], 16_000, "g711_ulaw"))
    m = _manifest(
        tmp_path,
        [
            json.dumps({"id": "a", "audio": "good.ulaw", "transcript": TEXT}),
            json.dumps({"id": "b", "audio": "cut.ulaw", "transcript": long}),
        ],
    )
    runner = CliRunner()
    # --model: the old name, kept for users' scripts
    ok = runner.invoke(
        app, ["score", str(m), "--out", str(tmp_path / "o1"), "--model", "tiny.en", "--max-rate", "truncated=0.5"]
    )
    assert ok.exit_code == 0, ok.output
    assert ok.stderr.startswith("note: --model is deprecated here, use --asr-model")
    assert "gate passed" in ok.output
    failed = runner.invoke(
        app, ["score", str(m), "--out", str(tmp_path / "o2"), "--asr-model", "tiny.en", "--max-rate", "truncated=0"]
    )
    assert failed.exit_code == 1, failed.output
    assert "gate failed: truncated 1/2" in failed.output
    bad = runner.invoke(app, ["score", str(m), "--threshold", "nope=1", "--asr-model", "tiny.en"])
    assert bad.exit_code == 2 and "unknown threshold" in bad.output
    thr = runner.invoke(
        app,
        ["score", str(m), "--out", str(tmp_path / "o3"), "--asr-model", "tiny.en", "--threshold", "extra_speech_s=2.0"],
    )
    assert thr.exit_code == 0, thr.output


@pytest.mark.slow
def test_core_score_judges_the_manifest_as_one_run_however_it_is_batched(
    tmp_path: Path, clip: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a calibration that weighs the run's voice, every reply is judged beside the whole manifest's
    replies of its voice, not beside the batch it was read in (a batch of two knows no voice)."""
    import math
    import random

    from tests.helpers.calibration import scored
    from verifier.core import verify as verify_mod
    from verifier.core.calibration import fit
    from verifier.core.calibration.statistics import VOICE_DECISION_FEATURES

    rng = random.Random(4)
    recs, labels, voices = [], [], []
    for _ in range(60):  # a hard voice's faithful replies read like a clear voice's faults, clip by clip
        recs += [scored([rng.uniform(lo, hi) for _ in range(6)]) for lo, hi in ((0.7, 1.0), (0.05, 0.2), (0.05, 0.2))]
        labels += [False, False, True]
        voices += [-math.log10(0.85), -math.log10(0.1), -math.log10(0.85)]
    cal = fit(
        recs,
        labels,
        voices=voices,
        features=VOICE_DECISION_FEATURES,
        decides=True,
        fitted_on={"model": "tiny.en", "second_reader": None},
    )
    cal.save(tmp_path / "voice.json")
    (tmp_path / "a.ulaw").write_bytes(clip)
    lines = [json.dumps({"id": f"r{k}", "audio": "a.ulaw", "transcript": TEXT, "voice": "alloy"}) for k in range(6)]
    m = _manifest(tmp_path, lines)
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "a.ulaw").write_bytes(clip)
    alone = _manifest(tmp_path / "alone", lines[:1])

    def confidences(manifest: Path, out: str) -> list[float]:
        args = ["score", str(manifest), "--out", str(tmp_path / out), "--asr-model", "tiny.en"]
        res = CliRunner().invoke(app, [*args, "--calibration", str(tmp_path / "voice.json")])
        assert res.exit_code == 0, res.output
        return [json.loads(x)["confidence"] for x in (tmp_path / out / "results.jsonl").read_text().splitlines()]

    whole = confidences(m, "whole")
    monkeypatch.setattr(verify_mod, "BATCH_ITEMS", 2)
    assert confidences(m, "pairs") == whole
    # the voice counted: one reply alone is judged as a typical voice, and gets another confidence
    assert confidences(alone, "alone")[0] != pytest.approx(whole[0], abs=1e-3)


@pytest.mark.slow
def test_core_score_console_script_end_to_end(tmp_path: Path, clip: bytes) -> None:
    (tmp_path / "good.ulaw").write_bytes(clip)
    m = _manifest(tmp_path, [json.dumps({"id": "a", "audio": "good.ulaw", "transcript": TEXT})])
    exe = Path(sys.executable).parent / "verifier"
    proc = subprocess.run(
        [str(exe), "score", str(m), "--out", str(tmp_path / "o"), "--asr-model", "tiny.en"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1 responses" in proc.stdout and "match 1" in proc.stdout
