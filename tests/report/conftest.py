"""Shared fixtures for the report tests.

`synthetic_run`: a run directory with a verdict of every class and tones for
audio; `spoken_run`: the same with real synthesised speech (see
tests.helpers.reports.build_run). `sim_run`: a real run against the
built-in simulator with faults (Whisper tiny.en), run once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.reports import build_run, sim_config, write_corpus
from tests.helpers.speech import tone


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every verdict class, tones for audio: the report writers read formats and lengths, not words."""
    return build_run(tmp_path_factory.mktemp("runs") / "run_synthetic", speak=tone)


@pytest.fixture(scope="session")
def spoken_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same run with real synthesised speech (piper, espeak: slow), for tests that run the ASR on it."""
    return build_run(tmp_path_factory.mktemp("runs") / "run_spoken")


@pytest.fixture(scope="session")
def sim_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="session")
def sim_run(sim_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real run with faults: missing audio (text-only replies) and truncated audio."""
    from verifier.harness.runner import run

    out = tmp_path_factory.mktemp("sim") / "run"
    summary = run(
        sim_corpus,
        sim_config(out, faults="text_only=0.3,truncate=0.3", repeat=3, config_name="nightly"),
        progress=False,
    )
    assert summary.scoring_error is None, summary.scoring_error
    return out


@pytest.fixture(scope="session")
def sim_reports(sim_run: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from verifier.report import write_reports

    return write_reports(sim_run, out_dir=tmp_path_factory.mktemp("sim_reports"))


@pytest.fixture(scope="session")
def report_for_browser(sim_reports: dict[str, Path]) -> Path:
    return sim_reports["report.html"]
