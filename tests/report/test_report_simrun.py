"""Reports of a real run against the simulator with faults, checked against its truth log."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from verifier.report.rundata import load_run

pytestmark = pytest.mark.slow  # simulator speech and Whisper


def truth(run: Path) -> dict[str, str | None]:
    rows = [json.loads(x) for x in (run / "simulator_truth.jsonl").read_text().splitlines()]
    return {r["response_id"]: r["fault"] for r in rows}


def test_tables_and_junit_follow_the_injected_faults(sim_run: Path, sim_reports: dict[str, Path]) -> None:
    faults = truth(sim_run)
    frame = pd.read_parquet(sim_reports["results.parquet"]).set_index("response_id")
    assert set(frame.index) == set(faults) and len(frame) == 9
    text_only = [rid for rid, f in faults.items() if f == "text_only"]
    assert text_only, "seed 5 injects text-only replies"
    for rid in text_only:  # the user's missing-audio bug, as the table and CI see it
        assert frame.loc[rid, "verdict"] == "missing_audio"
        assert frame.loc[rid, "part_types"] == "text" and frame.loc[rid, "output_audio_tokens"] == 0
    junit = {c.get("name"): c for c in ET.parse(sim_reports["junit.xml"]).getroot().iter("testcase")}
    assert set(junit) == set(faults)
    for rid in text_only:
        fail = junit[rid].find("failure")
        assert fail is not None and fail.get("type") == "missing_audio"
    csv = pd.read_csv(sim_reports["results.csv"])
    assert sorted(csv["response_id"]) == sorted(frame.index)
    assert set(csv["config_name"]) == {"nightly"}


def test_report_shows_every_response_escaped_with_audio(sim_run: Path, sim_reports: dict[str, Path]) -> None:
    page = sim_reports["report.html"].read_text()
    run = load_run(sim_run)
    for row in run.rows:
        assert f'id="r-{row.response_id}"' in page
    with_audio = [r for r in run.rows if r.audio_path is not None]
    assert page.count("data:audio/wav;base64,") == len(with_audio) > 0
    # The model repeated markup from the prompt: it must reach the page as text.
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "simulator" in page and "gpt-realtime" in page and "nightly" in page
    md = sim_reports["summary.md"].read_text()
    assert "missing_audio" in md and "<script>" not in md


def test_results_and_reports_say_how_well_whisper_reads_the_voice(sim_run: Path, sim_reports: dict[str, Path]) -> None:
    from statistics import median

    from tests.helpers.reports import ASR

    faults = truth(sim_run)
    rows = [json.loads(x) for x in (sim_run / "results.jsonl").read_text().splitlines()]
    readings = []
    for r in rows:
        if faults[r["meta"]["response_id"]] == "text_only":
            assert r["reading"] is None  # no audio: nothing was read
        elif r["verdict"] != "error":
            assert 0.0 < r["reading"] <= 1.0
            readings.append(r["reading"])
    from verifier.core.calibration import default
    from verifier.schema.reading import run_info

    shipped = default(ASR)
    assert shipped is not None and shipped.reading_bands  # measured by bench/reading.py --model tiny.en
    info = json.loads((sim_run / "run.json").read_text())
    assert info["reading"] == run_info(ASR, shipped.reading_bands)
    assert len(readings) >= 5, "seed 5 leaves enough spoken replies for a run's reading"
    # the session names its voice (the simulator's default, as the services' session.created does)
    voices = {r["meta"].get("voice") for r in rows}
    assert voices == {"alloy"}, voices
    said = f"Whisper {ASR} reads the voice 'alloy' with a median word probability of {median(readings):.2f}"
    assert said in sim_reports["summary.md"].read_text()
    assert html.escape(said) in sim_reports["report.html"].read_text()
