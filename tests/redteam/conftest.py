from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import uvicorn

from mantlet.redteam.vulnerable_target import WEAKNESSES, Behaviour, create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # running in a thread
        pass


@pytest.fixture
def serve_target() -> Iterator[Callable[[Behaviour], str]]:
    """Start the vulnerable target on a loopback port; returns its /v1 base URL."""
    servers: list[tuple[_Server, threading.Thread]] = []

    def start(behaviour: Behaviour) -> str:
        port = _free_port()
        server = _Server(
            uvicorn.Config(create_app(behaviour), host="127.0.0.1", port=port, log_level="error")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("vulnerable target did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}/v1"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=5)


ALL = WEAKNESSES
