"""Fixtures for the proxy tests: real simulators, real proxies, real WebSocket clients on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.proxy import tone_speech
from tests.helpers.sim import LocalCA
from verifier.simulator import Simulator


@pytest.fixture(scope="session")
def fast_sim() -> Iterator[Simulator]:
    """A plain-ws simulator whose speech is a tone: for relay tests, where what matters is the bytes."""
    s = Simulator(api_key="sim-key", speech=tone_speech()).start_in_thread()
    yield s
    s.stop_thread()


@pytest.fixture(scope="session")
def proxy_ca(tmp_path_factory: pytest.TempPathFactory) -> LocalCA:
    return LocalCA(tmp_path_factory.mktemp("proxy-ca"))
