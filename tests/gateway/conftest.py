"""Gateway fixtures: a real loopback upstream and a real gateway under uvicorn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from harness import RunningGateway, start_gateway

from fake_upstream import FakeUpstream


@pytest.fixture(scope="session")
def upstream() -> Iterator[FakeUpstream]:
    server = FakeUpstream(slow_seconds=3.0).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def gateway(
    upstream: FakeUpstream, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    running = start_gateway(upstream.base_url, tmp_path_factory.mktemp("home"))
    running.upstream = upstream
    yield running
    running.stop()
