"""Suite-wide: keep every run's history out of the working tree."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _history_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # `verifier run` records every run; tests (and the CLI subprocesses they
    # start, which inherit the environment) write to a throwaway database.
    path = tmp_path_factory.mktemp("history") / "runs.sqlite"
    old = os.environ.get("VERIFIER_HISTORY_DB")
    os.environ["VERIFIER_HISTORY_DB"] = str(path)
    yield path
    if old is None:
        os.environ.pop("VERIFIER_HISTORY_DB", None)
    else:
        os.environ["VERIFIER_HISTORY_DB"] = old
