"""Shared fixtures for the core verifier tests: models and speech, made once per session."""

from __future__ import annotations

import pytest

from tests.helpers.speech import Speech
from verifier import Verifier


@pytest.fixture(scope="session")
def base_verifier() -> Verifier:
    v = Verifier("base")
    _ = v.engine  # load once
    return v


@pytest.fixture(scope="session")
def tiny_verifier() -> Verifier:
    v = Verifier("tiny.en")
    _ = v.engine
    return v


@pytest.fixture(scope="session")
def speech() -> Speech:
    return Speech()
