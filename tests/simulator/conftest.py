from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.sim import LocalCA
from verifier.simulator import Simulator


@pytest.fixture(scope="session")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    """One plain-ws simulator for the server tests; faults are forced per response."""
    log = tmp_path_factory.mktemp("sim") / "truth.jsonl"
    s = Simulator(api_key="sim-key", truth_log=log).start_in_thread()
    yield s
    s.stop_thread()


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory: pytest.TempPathFactory) -> LocalCA:
    return LocalCA(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="session")
def tls_sim(test_ca: LocalCA) -> Iterator[Simulator]:
    """A wss:// simulator with a certificate from the test CA (the npm SDK only dials wss)."""
    s = Simulator(api_key="sim-key", ssl_context=test_ca.server_context()).start_in_thread()
    yield s
    s.stop_thread()
