"""Test harness: a real loopback upstream, a real gateway under uvicorn on a free port, real
API keys, and two small detectors so tests do not depend on other detector families."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import openai
import uvicorn

from fake_upstream import FakeUpstream
from mantlet.detectors.base import Detector, Match
from mantlet.detectors.hidden_text import HiddenTextDetector
from mantlet.findings import Category, Finding, Severity
from mantlet.gateway.app import Gateway
from mantlet.gateway.auth import Authenticator
from mantlet.gateway.config import GatewayConfig, UpstreamConfig
from mantlet.gateway.keys import create_key
from mantlet.gateway.keys_sqlite import SQLiteKeyStore
from mantlet.gateway.ratelimit import MemoryRateLimiter, RateLimiter
from mantlet.patterns import Pattern
from mantlet.policy import Policy, load_policy, parse_policy
from mantlet.text import Document
from mantlet.transforms import Pseudonymizer
from mantlet.vault import Vault


class TestKeyDetector(Detector):
    """SECRET/TEST_KEY: `sk-test-` and 20 letters or digits."""

    name = "test_key"
    category = Category.SECRET
    labels = ("TEST_KEY",)
    patterns = (Pattern("test_key", r"sk-test-[A-Za-z0-9]{20}"),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterator[Finding]:
        for m in matches:
            yield self.finding(document, m.span(), "TEST_KEY", 0.99, Severity.HIGH)


class TestEmailDetector(Detector):
    name = "test_email"
    category = Category.PII
    labels = ("EMAIL",)
    patterns = (Pattern("email", r"[a-z0-9.]+@[a-z0-9]+\.[a-z]{2,}"),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterator[Finding]:
        for m in matches:
            yield self.finding(document, m.span(), "EMAIL", 0.95, Severity.MEDIUM)


class TestInjectionDetector(Detector):
    name = "test_injection"
    category = Category.INJECTION
    labels = ("IGNORE_PREVIOUS",)
    patterns = (Pattern("ignore", r"ignore (?:all )?previous instructions", keywords=("ignore",)),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterator[Finding]:
        for m in matches:
            yield self.finding(document, m.span(), "IGNORE_PREVIOUS", 0.9, Severity.HIGH)


class BrokenDetector(Detector):
    name = "broken"
    category = Category.CODE
    labels = ("ANY",)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterator[Finding]:
        raise RuntimeError("detector bug")


TEST_DETECTORS: tuple[Detector, ...] = (
    HiddenTextDetector(),
    TestKeyDetector(),
    TestEmailDetector(),
    TestInjectionDetector(),
)


class ListAudit:
    """An audit sink that keeps events in memory (the real log has its own tests)."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    async def append(self, event: dict[str, Any]) -> str:
        self.events.append(event)
        return f"evt_{len(self.events)}"


@dataclass
class RunningGateway:
    base_url: str
    app: Gateway
    keys: dict[str, str]
    audit: ListAudit
    upstream: FakeUpstream
    server: uvicorn.Server
    thread: threading.Thread
    extra: dict[str, Any] = field(default_factory=dict)
    opened: list[openai.OpenAI] = field(default_factory=list)

    def openai_client(self, role: str = "user") -> openai.OpenAI:
        """An OpenAI SDK client for this gateway, closed when the gateway stops."""
        client = openai.OpenAI(
            base_url=self.base_url + "/v1", api_key=self.keys[role], max_retries=0
        )
        self.opened.append(client)
        return client

    def client(self, role: str = "user") -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"authorization": f"Bearer {self.keys[role]}"},
            timeout=30,
        )

    def stop(self) -> None:
        for client in self.opened:
            client.close()
        self.server.should_exit = True
        self.thread.join(15)


def start_gateway(
    upstream_url: str,
    home: Path,
    *,
    policy: Policy | None = None,
    detectors: Sequence[Detector] | None = TEST_DETECTORS,
    roles: Sequence[tuple[str, str]] = (("user", "prod"), ("admin", "prod"), ("tester", "test")),
    upstream_timeout: float = 1.0,
    limiter: RateLimiter | None = None,
    **config: Any,
) -> RunningGateway:
    store = SQLiteKeyStore(home / "keys.sqlite3")
    keys = {role: create_key(store, role, env)[0] for role, env in roles}
    audit = ListAudit()
    config.setdefault("body_timeout", 1.0)
    config.setdefault(
        "upstreams",
        [
            UpstreamConfig(
                base_url=upstream_url, api_key_env=None, timeout=upstream_timeout, retries=1
            )
        ],
    )
    gateway_config = GatewayConfig(**config)
    app = Gateway(
        gateway_config,
        policy or load_policy(),
        authenticator=Authenticator(store),
        limiter=limiter or MemoryRateLimiter(),
        audit=audit,
        pseudonymizer=Pseudonymizer(Vault.in_memory()),
        detectors=detectors,
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return RunningGateway(
        f"http://127.0.0.1:{port}", app, keys, audit, FakeUpstream(), server, thread
    )


def policy_from(text: str) -> Policy:
    return parse_policy(text, "<test policy>")
