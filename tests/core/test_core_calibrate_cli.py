"""`verifier calibrate` end to end: real speech, real Whisper, the command as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers.speech import Speech
from verifier.cli.app import app
from verifier.core.calibration import load
from verifier.harness.calibrate import PRIOR_RIDGE
from verifier.schema import audio

pytestmark = pytest.mark.slow  # Whisper on eighty clips made from twelve replies
SHIPPED_TINY = Path(__file__).parents[2] / "verifier" / "core" / "calibration" / "default-tiny.en.json"

REPLIES = [
    ("Your order shipped on Monday.", "en"),
    ("The meeting starts at ten tomorrow.", "en"),
    ("I have updated your billing address.", "en"),
    ("Please restart the router and wait a minute.", "en"),
    ("Your refund will arrive within five days.", "en"),
    ("The store closes at nine tonight.", "en"),
    ("I can book a table for two at seven.", "en"),
    ("Your password was changed this morning.", "en"),
    ("The train to Boston leaves from platform four.", "en"),
    ("Thank you for waiting, I found your booking.", "en"),
    ("Su pedido llega el lunes.", "es"),
    ("Gracias por su paciencia.", "es"),
]


def test_calibrate_fits_a_users_replies_and_writes_a_file_score_takes(speech: Speech, tmp_path: Path) -> None:
    lines = []
    for i, (text, language) in enumerate(REPLIES):
        (tmp_path / f"r{i}.wav").write_bytes(audio.write_wav(speech(text, language), 16_000))
        lines.append(json.dumps({"id": f"r{i}", "audio": f"r{i}.wav", "transcript": text, "language": language}))
    manifest = tmp_path / "faithful.jsonl"
    manifest.write_text("\n".join(lines) + "\n")
    out = tmp_path / "mine.json"
    res = CliRunner().invoke(app, ["calibrate", str(manifest), "--out", str(out), "--asr-model", "tiny.en"])
    assert res.exit_code == 0, res.output
    # the Spanish replies are code-switch material, and saying so is the command's job
    assert "2 of" in res.output and "not in 'en'" in res.output and "10 faithful responses" in res.output
    assert "held out (folds by response): faithful flagged" in res.output and "at one fault in 10" in res.output
    # whether the model hears this voice well enough: the shipped calibration's bands, held out
    assert "Whisper tiny.en reads your voice with a median word probability of" in res.output
    assert "of faithful replies were flagged" in res.output
    cal = load(out)
    # seven faults a response were made, yet the file states and cuts its confidences at even odds
    assert cal.fitted_on["faulty"] > 5 * cal.fitted_on["faithful"]
    assert cal.fault_share == 0.5 and cal.cutoff == 0.5 and cal.fitted_on["model"] == "tiny.en"
    assert cal.classes is None  # tiny.en has no language ID: the rules name the fault
    # held to the shipped calibration for tiny.en, and saying which, in the output and in the file
    assert "held to the shipped calibration (fitted on" in res.output
    assert cal.fitted_on["prior"]["model"] == "tiny.en" and cal.fitted_on["prior"]["ridge"] == PRIOR_RIDGE
    assert cal.fitted_on["prior"]["clips"] == load(SHIPPED_TINY).fitted_on["clips"]
    assert cal.fitted_on["second_reader"] is None  # the shipped second reader is tiny.en itself
    scored = CliRunner().invoke(
        app, ["score", str(manifest), "--calibration", str(out), "--asr-model", "tiny.en", "--out", str(tmp_path / "s")]
    )
    assert scored.exit_code == 0, scored.output
    assert f"calibration: {out}: fitted on" in scored.output and "fault share of 0.50" in scored.output
    # a calibration fitted on one voice measured no bands: the reading is said alone
    assert "Whisper tiny.en reads this voice with a median word probability of" in scored.output
    assert "faithful replies were flagged" not in scored.output
