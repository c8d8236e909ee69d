"""Issue 10, items 1, 2, 4, 5, 8: what a service or a file sends cannot end a command or lose a response."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from verifier.realtime.collector import Collector
from verifier.realtime.replay import replay_lines
from verifier.report import build_reports, load_run
from verifier.report.tables import csv_text, results_frame
from verifier.schema import audio
from verifier.schema.captures import ResponseCapture
from verifier.schema.results import ResultMeta, Verdict, VerdictClass, error_result
from verifier.schema.rundir import RESULTS, RunDir, read_jsonl, read_jsonl_lines, read_run_info, write_results

HALF_EMOJI = "Hello there \ud83d"  # what a server that slices an emoji in two sends


def _pcm(seconds: float, value: int = 1000) -> bytes:
    return (np.full(int(seconds * 24_000), value, np.int16)).astype("<i2").tobytes()


def _capture(rid: str, data: bytes, prompt_id: str = "p1", transcript: str = "hi") -> ResponseCapture:
    return ResponseCapture(
        response_id=rid,
        audio_format="pcm16",
        audio=data,
        transcript=transcript,
        status="completed",
        meta={"prompt_id": prompt_id, "repeat_index": 0},
    )


def _result_of(cap: ResponseCapture, verdict: VerdictClass = VerdictClass.MATCH) -> Verdict:
    from verifier.harness.scorer import result_meta

    return Verdict(
        id=cap.response_id,
        verdict=verdict,
        transcript=cap.transcript or "",
        audio_seconds=len(cap.audio) / 48_000,
        meta=result_meta(cap),
    )


# -- item 1: a lone surrogate ------------------------------------------------------------------------------


def test_a_lone_surrogate_is_written_everywhere_and_round_trips_in_the_logs(tmp_path: Path) -> None:
    rd = RunDir.create(tmp_path / "run", {"run_id": "r", "note": HALF_EMOJI})
    rd.log_event(
        {"type": "response.output_audio_transcript.done", "transcript": HALF_EMOJI}, conn=1, prompt_id="p1", attempt=0
    )
    cap = _capture("resp_1", _pcm(0.5), transcript=HALF_EMOJI)
    rd.write_capture(cap)
    rd.write_result(_result_of(cap))
    rd.finish()
    rd.close()
    # the evidence keeps the exact text (escaped), the result row a readable replacement
    event = next(read_jsonl(tmp_path / "run" / "events.jsonl"))
    assert event["event"]["transcript"] == HALF_EMOJI
    assert next(read_jsonl(tmp_path / "run" / "captures.jsonl"))["transcript"] == HALF_EMOJI
    assert next(read_jsonl(tmp_path / "run" / RESULTS))["transcript"] == "Hello there \ufffd"
    assert read_run_info(tmp_path / "run")["note"] == HALF_EMOJI
    paths = build_reports(load_run(tmp_path / "run"), tmp_path / "out")
    assert "Hello there \ufffd" in paths["results.csv"].read_text(encoding="utf-8")
    for name in ("report.html", "summary.md", "junit.xml"):
        paths[name].read_text(encoding="utf-8")


def test_score_output_with_a_lone_surrogate_is_written(tmp_path: Path) -> None:
    v = Verdict(id="r1", verdict=VerdictClass.MATCH, transcript=HALF_EMOJI, explanation=HALF_EMOJI)
    write_results(tmp_path, [v])
    assert next(read_jsonl(tmp_path / RESULTS))["transcript"] == "Hello there \ufffd"


# -- item 2: valid but unusual JSON -------------------------------------------------------------------------

HOSTILE_LINES = [
    "1" * 5000,
    "[" * 50_000 + "]" * 50_000,
    '{"a": ' * 50_000 + "1" + "}" * 50_000,
    '{"id": ' + "9" * 5000 + "}",
    '{"x": ' + "[" * 100 + "]" * 100 + "}",
]


def test_readers_note_huge_numbers_deep_nesting_and_bad_bytes(tmp_path: Path) -> None:
    good = json.dumps(Verdict(id="ok", verdict=VerdictClass.MATCH).to_dict())
    path = tmp_path / RESULTS
    path.write_bytes(
        ("\n".join([good, *HOSTILE_LINES]) + "\n").encode() + b'{"id": "\xff\xfe"}\n' + good.encode() + b"\n"
    )
    problems: list[str] = []
    rows = list(read_jsonl_lines(path, problems))
    assert [n for n, _ in rows] == [1, 7, 8]  # the non-UTF-8 line is read with a replacement character
    assert len(problems) == len(HOSTILE_LINES)
    assert any("nested" in p for p in problems) and any("unreadable value" in p for p in problems)


def test_run_json_too_deep_is_a_named_error(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text("[" * 50_000 + "]" * 50_000)
    try:
        read_run_info(tmp_path)
    except ValueError as exc:
        assert "run.json" in str(exc) and "nested" in str(exc)
    else:
        raise AssertionError("no error")


def test_result_rows_with_odd_shapes_are_shown_not_fatal(tmp_path: Path) -> None:
    base = Verdict(id="x", verdict=VerdictClass.TRUNCATED).to_dict()
    rows = [
        {**base, "id": "a", "segments": [1]},
        {**base, "id": "b", "words": "x"},
        {**base, "id": "c", "segments": [{"start": 0}], "words": [None, {"op": "ok"}]},
        {**base, "id": "d", "meta": [1, 2]},
        {**base, "id": "e", "missing_words": {"a": 1}},
    ]
    (tmp_path / RESULTS).write_text("".join(json.dumps(r) + "\n" for r in rows))
    run = load_run(tmp_path)
    assert [r.verdict.id for r in run.rows] == ["a", "b", "c", "d", "e"]
    assert sum("not lists of records" in p for p in run.problems) == 3
    build_reports(run, tmp_path / "out")


def test_collector_notes_hostile_frames_and_keeps_collecting() -> None:
    c = Collector()
    for frame in HOSTILE_LINES:
        assert c.feed(frame) == []
    c.feed({"type": "response.created", "response": {"id": "r1"}})
    done = c.feed({"type": "response.done", "response": {"id": "r1", "status": "completed"}})
    assert [cap.response_id for cap in done] == ["r1"]
    assert len(c.problems) >= len(HOSTILE_LINES)


# -- item 4: ids that collide as file names ----------------------------------------------------------------


def test_colliding_ids_keep_their_own_audio(tmp_path: Path) -> None:
    long_a, long_b = "r" * 150 + "A", "r" * 150 + "B"
    clips = {"a/b": _pcm(7.3, 1), "a_b": _pcm(1.0, 2), long_a: _pcm(0.5, 3), long_b: _pcm(0.25, 4)}
    rd = RunDir.create(tmp_path / "run", {"run_id": "r"})
    for rid, data in clips.items():
        cap = _capture(rid, data)
        rd.write_capture(cap)
        rd.write_result(_result_of(cap))
    rd.close()
    files = list((tmp_path / "run" / "audio").iterdir())
    assert len(files) == 4
    run = load_run(tmp_path / "run")
    assert len(run.rows) == 4
    for row in run.rows:
        assert row.audio_bytes() == clips[row.response_id]
    assert {c.response_id: c.audio for c in RunDir.open_existing(tmp_path / "run").captures()} == clips


# -- item 5: a response id used twice ----------------------------------------------------------------------


def test_a_reused_response_id_is_three_captures_and_three_results(tmp_path: Path) -> None:
    rd = RunDir.create(tmp_path / "run", {"run_id": "r"})
    caps = [_capture("resp_same", _pcm(0.1 * (k + 1), k), prompt_id=f"p{k}") for k in range(3)]
    for cap in caps[:2]:
        rd.write_capture(cap)
        rd.write_result(_result_of(cap))
    rd.write_capture(caps[2])  # killed before this one was scored
    rd.close()
    resumed = RunDir.open_existing(tmp_path / "run")
    assert [c.meta["prompt_id"] for c in resumed.unscored()] == ["p2"]
    resumed.write_result(_result_of(resumed.unscored()[0], VerdictClass.TRUNCATED))
    resumed.close()
    assert len(list(read_jsonl(tmp_path / "run" / RESULTS))) == 3
    run = load_run(tmp_path / "run")
    assert sorted((r.prompt_id, r.verdict.verdict.value, len(r.audio_bytes() or b"")) for r in run.rows) == [
        ("p0", "match", 4800),
        ("p1", "match", 9600),
        ("p2", "truncated", 14400),
    ]
    assert not run.problems


def test_replay_keeps_an_id_seen_on_two_connections_with_each_origin() -> None:
    def wrapped(conn: int, prompt: str, ev: dict[str, object]) -> str:
        return json.dumps({"t": 0, "conn": conn, "prompt_id": prompt, "attempt": 0, "event": ev})

    lines = []
    for conn, prompt in ((1, "p1"), (2, "p2")):
        lines += [
            wrapped(conn, prompt, {"type": "response.created", "response": {"id": "resp_x"}}),
            wrapped(conn, prompt, {"type": "response.done", "response": {"id": "resp_x", "status": "completed"}}),
        ]
    lines.append(json.dumps({"t": 0, "conn": [1], "event": {"type": "response.created", "response": {"id": "y"}}}))
    res = replay_lines(lines, "log")
    assert sorted(c.meta.get("prompt_id") or "" for c in res.captures) == ["", "p1", "p2"]


# -- item 8: error rows and scored rows that share an id -----------------------------------------------------


def test_error_rows_do_not_shadow_scored_rows(tmp_path: Path) -> None:
    scored = Verdict(id="r1", verdict=VerdictClass.MATCH, meta=ResultMeta(manifest_line=1))
    duplicate = error_result("r1", "line 3: duplicate id 'r1'", meta=ResultMeta(manifest_line=3))
    line_named = Verdict(id="line-4", verdict=VerdictClass.TRUNCATED, meta=ResultMeta(manifest_line=2))
    fallback = error_result("line-4", "line 4: not valid JSON", meta=ResultMeta(manifest_line=4))
    write_results(tmp_path, [scored, line_named, duplicate, fallback])
    run = load_run(tmp_path)
    assert [(r.verdict.id, r.verdict.verdict.value) for r in run.rows] == [
        ("r1", "match"),
        ("line-4", "truncated"),
        ("r1", "error"),
        ("line-4", "error"),
    ]
    frame = results_frame(run)
    assert len(frame) == 4 and "seen before" not in " ".join(run.problems)
    assert csv_text(frame).count("\n") == 5


def test_wav_audio_in_a_report_with_a_zero_rate_is_not_played(tmp_path: Path) -> None:
    wav = bytearray(audio.write_wav(np.zeros(800, np.float32), 8000))
    wav[24:28] = (0).to_bytes(4, "little")  # frame rate 0
    (tmp_path / "a.wav").write_bytes(bytes(wav))
    v = Verdict(
        id="r1",
        verdict=VerdictClass.MATCH,
        meta=ResultMeta(manifest_line=1, audio_path=str(tmp_path / "a.wav"), audio_format="wav"),
    )
    write_results(tmp_path, [v])
    run = load_run(tmp_path)
    assert run.rows[0].wav_bytes() is None
    assert build_reports(run, tmp_path)["report.html"].is_file()


def test_a_results_row_cannot_embed_a_file_that_is_not_audio(tmp_path: Path) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY----- " * 10)
    (tmp_path / "clip.pcm").write_bytes(_pcm(0.1))
    rows = [
        Verdict(
            id="a",
            verdict=VerdictClass.MATCH,
            meta=ResultMeta(manifest_line=1, audio_path=str(secret), audio_format="pcm16"),
        ),
        Verdict(
            id="b", verdict=VerdictClass.MATCH, meta=ResultMeta(manifest_line=2, audio_path=str(tmp_path / "clip.pcm"))
        ),
    ]
    (tmp_path / "out").mkdir()
    write_results(tmp_path / "out", rows)
    run = load_run(tmp_path / "out")
    assert [r.audio_path for r in run.rows] == [None, tmp_path / "clip.pcm"]


def test_audio_of_a_response_never_created_comes_back_at_close() -> None:
    """Item 6, the collector's part: nothing it was given is dropped at a disconnect (the worker must write it)."""
    c = Collector()
    c.feed(
        {
            "type": "response.audio.delta",
            "response_id": "resp_ghost",
            "item_id": "i",
            "content_index": 0,
            "delta": "AAAAAA==",
        }
    )
    caps = c.close("disconnected")
    assert [(cap.response_id, cap.audio, cap.status) for cap in caps] == [("resp_ghost", b"\0\0\0\0", None)]
    assert "before response.created" in " ".join(caps[0].problems) and caps[0].problems[-1] == "disconnected"


def test_the_bundle_keeps_each_reused_id_with_its_own_audio_and_events(tmp_path: Path) -> None:
    import zipfile

    from verifier.report.bundle import make_bundle

    rd = RunDir.create(tmp_path / "run", {"run_id": "r"})
    for conn, seconds in ((1, 0.5), (2, 0.25)):
        for ev in (
            {"type": "response.created", "response": {"id": "resp_same"}},
            {"type": "response.done", "response": {"id": "resp_same", "status": "completed"}},
        ):
            rd.log_event({**ev, "event_id": f"ev_{conn}_{ev['type']}"}, conn=conn, prompt_id=f"p{conn}", attempt=0)
        cap = _capture("resp_same", _pcm(seconds), prompt_id=f"p{conn}")
        cap.meta["conn"] = conn
        rd.write_capture(cap)
        rd.write_result(_result_of(cap, VerdictClass.TRUNCATED))
    rd.close()
    with zipfile.ZipFile(make_bundle(tmp_path / "run")) as z:
        folders = sorted({n.split("/")[1] for n in z.namelist() if n.startswith("responses/")})
        assert len(folders) == 2
        for folder in folders:
            events = [json.loads(x) for x in z.read(f"responses/{folder}/events.jsonl").splitlines()]
            assert len({e["conn"] for e in events}) == 1 and len(events) == 2
            wav = z.read(f"responses/{folder}/audio.wav")
            conn = events[0]["conn"]
            assert len(audio.read_wav(wav)[0]) == (12_000 if conn == 1 else 6_000)
