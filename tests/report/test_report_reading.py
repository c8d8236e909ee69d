"""A report quotes how well Whisper read the run's voice, beside how often that misled it held out."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from verifier.schema.reading import ReadingBand, run_info

BANDS = (ReadingBand(0.0, 0.4, 40, 137, 47), ReadingBand(0.4, 1.0, 82, 963, 74))


def test_a_report_quotes_the_run_reading_beside_the_calibrations_bands(synthetic_run: Path, tmp_path: Path) -> None:
    from verifier.report import write_reports

    run = tmp_path / "run"
    shutil.copytree(synthetic_run, run)
    info = json.loads((run / "run.json").read_text())
    info["reading"] = run_info("base", BANDS)
    (run / "run.json").write_text(json.dumps(info))
    rows = [json.loads(x) for x in (run / "results.jsonl").read_text().splitlines()]
    for i, r in enumerate(rows):  # hand-set readings: the report is under test, not the ASR
        r["reading"] = [0.35, 0.3, 0.2, 0.38, 0.31, 0.36][i % 6]
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    paths = write_reports(run, out_dir=tmp_path / "out")
    page = paths["report.html"].read_text()
    assert "reads this voice with a median word probability of 0.33" in page
    assert "34% of faithful replies were flagged (47 of 137, 40 voices): listen to a flag" in page
    assert "0.33" in paths["summary.md"].read_text()
    csv = paths["results.csv"].read_text()
    assert csv.splitlines()[0].split(",").count("reading") == 1
    from verifier.report.bundle import make_bundle

    with zipfile.ZipFile(make_bundle(run, tmp_path / "b.zip")) as z:  # support reads how far to trust the ASR
        assert "34% of faithful replies were flagged (47 of 137, 40 voices)" in z.read("SUMMARY.md").decode()
