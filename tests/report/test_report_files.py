"""write_reports on run directories of every shape: tables, JUnit, Markdown, HTML.

Built from real synthesised speech laid out as the harness writes a run
(`conftest.build_run`), so the audio players and timelines carry real audio.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.reports import CASES
from verifier.report import write_reports
from verifier.report.gate import parse_max_rates
from verifier.report.rundata import RunDirError, load_run
from verifier.schema import audio


@pytest.fixture(scope="module")
def reports(synthetic_run: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    return write_reports(synthetic_run, out_dir=out, max_rates=parse_max_rates("missing_audio=0"))


def test_every_report_file_is_written(reports: dict[str, Path]) -> None:
    assert set(reports) == {"report.html", "results.csv", "results.parquet", "summary.md", "junit.xml"}
    assert all(p.stat().st_size > 0 for p in reports.values())


def test_csv_and_parquet_hold_one_row_per_response(reports: dict[str, Path]) -> None:
    csv = pd.read_csv(reports["results.csv"])
    pq = pd.read_parquet(reports["results.parquet"])
    assert list(csv["response_id"]) == [c.rid for c in CASES] == list(pq["response_id"])
    assert list(pq["verdict"]) == [c.verdict for c in CASES]
    row = pq.set_index("response_id").loc["resp_none"]
    assert row["part_types"] == "text" and row["output_audio_tokens"] == 0
    assert pq.set_index("response_id").loc["resp_trunc", "audio_format"] == "g711_ulaw"


def test_junit_has_one_case_per_response_with_failures_and_errors(reports: dict[str, Path]) -> None:
    root = ET.parse(reports["junit.xml"]).getroot()
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == [c.rid for c in CASES]
    by = {c.get("name"): c for c in cases}
    assert not list(by["resp_ok1"])  # a match passes
    fail = by["resp_trunc"].find("failure")
    assert fail is not None and fail.get("type") == "truncated"
    assert "Yeah," in (fail.text or "")  # the missing words are in the failure body
    assert by["resp_err"].find("error") is not None
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "4", "1")


def test_summary_markdown_is_safe_for_a_pr_comment(reports: dict[str, Path]) -> None:
    md = reports["summary.md"].read_text()
    assert md.startswith("### ❌")  # the gate failed: missing_audio > 0
    assert "| missing_audio | 1/6 |" in md
    assert "gate failed: missing_audio 1/6" in md
    assert "<script>" not in md and "<b>bold" not in md


def test_html_escapes_model_text(reports: dict[str, Path]) -> None:
    page = reports["report.html"].read_text()
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    # The only <script> element is the report's own.
    assert len(re.findall(r"<script>", page)) == 1


def test_html_embeds_playable_wav_for_every_response_with_audio(reports: dict[str, Path]) -> None:
    page = reports["report.html"].read_text()
    uris = re.findall(r'src="data:audio/wav;base64,([A-Za-z0-9+/=]+)"', page)
    with_audio = [c for c in CASES if c.spoken]
    assert len(uris) == len(with_audio)
    durations = sorted(round(audio.duration(base64.b64decode(u), "wav"), 2) for u in uris)
    assert all(d > 0.3 for d in durations)
    # Word-level highlighting and the per-segment language table made it in.
    assert 'class="w missing"' in page and 'class="w substituted"' in page
    assert "es (0.90) ⚠" in page
    assert "diverges at 1.82 s" in page or "diverges at" in page


def test_empty_run_and_error_only_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "run.json").write_text(json.dumps({"run_id": "r0"}))
    paths = write_reports(empty)
    assert "No responses in this run." in paths["report.html"].read_text()
    assert len(pd.read_parquet(paths["results.parquet"])) == 0
    assert ET.parse(paths["junit.xml"]).getroot().get("tests") == "0"

    errs = tmp_path / "errs"
    errs.mkdir()
    (errs / "results.jsonl").write_text(
        json.dumps({"id": "r1", "verdict": "error", "error": "stalled: no response.done within 30 s"})
        + "\n"
        + '{"id": "r2", "verdict": "match"\n'
    )  # a torn last line from a killed run
    run = load_run(errs)
    assert [r.verdict.verdict for r in run.rows] == ["error"]
    assert any("results.jsonl line 2" in p for p in run.problems)
    page = write_reports(errs)["report.html"].read_text()
    assert "stalled: no response.done" in page and "results.jsonl line 2" in page


@pytest.mark.slow
def test_score_output_folder_with_manifest_audio(tmp_path: Path, spoken_run: Path) -> None:
    """`verifier score` output carries each clip's audio path: its reports play the clips, --manifest too."""
    from typer.testing import CliRunner

    from verifier.cli.app import app

    for name in ("resp_ok1.pcm", "resp_trunc.ulaw"):
        shutil.copy(spoken_run / "audio" / name, tmp_path / name)
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"id": "ok", "audio": "resp_ok1.pcm", "transcript": CASES[0].transcript})
        + "\n"
        + json.dumps({"id": "cut", "audio": "resp_trunc.ulaw", "transcript": CASES[1].transcript})
        + "\n"
    )
    cli = CliRunner()
    scored = cli.invoke(app, ["score", str(manifest), "--out", str(tmp_path / "out"), "--asr-model", "tiny.en"])
    assert scored.exit_code == 0, scored.output
    assert (tmp_path / "out" / "report.html").read_text().count("data:audio/wav;base64,") == 2
    bare = cli.invoke(app, ["report", str(tmp_path / "out")])
    assert bare.exit_code == 0, bare.output
    assert (tmp_path / "out" / "report.html").read_text().count("data:audio/wav;base64,") == 2
    res = cli.invoke(app, ["report", str(tmp_path / "out"), "--manifest", str(manifest), "--max-rate", "truncated=0"])
    assert res.exit_code == 1 and "truncated 1/2" in res.stderr
    page = (tmp_path / "out" / "report.html").read_text()
    assert page.count("data:audio/wav;base64,") == 2


def test_not_a_run_directory(tmp_path: Path) -> None:
    with pytest.raises(RunDirError, match="not a run"):
        load_run(tmp_path)
    with pytest.raises(RunDirError, match="not a directory"):
        load_run(tmp_path / "nope")


def test_audio_budget_keeps_failures_first(synthetic_run: Path) -> None:
    from verifier.report.html import render_html

    run = load_run(synthetic_run)
    sizes = {r.response_id: len(r.wav_bytes() or b"") for r in run.rows}
    budget = sizes["resp_trunc"] + 10  # room for one failing clip only
    page = render_html(run, audio_budget=budget)
    assert page.count("data:audio/wav;base64,") == 1
    ok_row = page[page.index('id="r-resp_ok1"') : page.index('id="r-resp_trunc"')]
    trunc_row = page[page.index('id="r-resp_trunc"') : page.index('id="r-resp_drift"')]
    assert "audio not embedded (size budget)" in ok_row and "data:audio/wav" in trunc_row
