"""Policy in the request path: model allow-lists, rate limits, canaries, fail closed,
hidden text, metrics, audit events, graceful shutdown."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from harness import TEST_DETECTORS, BrokenDetector, RunningGateway, policy_from, start_gateway

from fake_upstream import FakeUpstream
from mantlet.gateway.ratelimit_redis import RedisRateLimiter

POLICY = """\
version: 1
name: strict
input:
  categories:
    SECRET: {action: redact}
    HIDDEN_TEXT: {action: strip}
output:
  categories:
    CANARY: {action: block}
    SECRET: {action: redact}
roles:
  analyst:
    models: ["gpt-*", "fake-*"]
    limits: {requests_per_minute: 3}
  admin:
    models: ["*"]
canary:
  models: ["fake-leak*"]
"""


@pytest.fixture(scope="module")
def strict(
    upstream: FakeUpstream, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    running = start_gateway(
        upstream.base_url,
        tmp_path_factory.mktemp("strict"),
        policy=policy_from(POLICY),
        roles=(("analyst", "prod"), ("admin", "prod"), ("stranger", "prod")),
    )
    running.upstream = upstream
    yield running
    running.stop()


def chat(
    gateway: RunningGateway, role: str, model: str, content: str = "hi", **extra: object
) -> httpx.Response:
    with gateway.client(role) as client:
        return client.post(
            "/v1/chat/completions",
            json={"model": model, "messages": [{"role": "user", "content": content}], **extra},
        )


def test_models_are_filtered_by_role(strict: RunningGateway) -> None:
    with strict.client("analyst") as client:
        listed = {m["id"] for m in client.get("/v1/models").json()["data"]}
    assert listed == {"fake-model", "fake-echo", "gpt-4o-mini"}
    with strict.client("admin") as client:
        assert "secret-model" in {m["id"] for m in client.get("/v1/models").json()["data"]}
    refused = chat(strict, "analyst", "secret-model")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "model_not_allowed"
    stranger = chat(strict, "stranger", "fake-model")
    assert stranger.status_code == 403 and stranger.json()["error"]["code"] == "role_not_allowed"


def test_rate_limit_answers_429_with_retry_after(strict: RunningGateway) -> None:
    statuses = [chat(strict, "analyst", "fake-model").status_code for _ in range(5)]
    assert 429 in statuses
    limited = chat(strict, "analyst", "fake-model")
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["type"] == "rate_limit_error"
    assert chat(strict, "admin", "fake-model").status_code == 200  # other callers unaffected


def test_canary_leak_is_blocked_streamed_and_not(strict: RunningGateway) -> None:
    leaked = chat(strict, "admin", "fake-leak")
    assert leaked.status_code == 400
    error = leaked.json()["error"]
    assert error["code"] == "policy_violation" and error["direction"] == "output"
    assert error["reasons"] == [
        {"category": "CANARY", "label": "SYSTEM_PROMPT_LEAK", "action": "block"}
    ]
    assert "mantlet-canary" not in leaked.text
    sent = strict.upstream.requests[-1]["messages"][0]
    assert sent["role"] == "system" and "mantlet-canary-" in sent["content"]
    client = strict.openai_client("admin")
    stream = client.chat.completions.create(
        model="fake-leak", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    received = ""
    with pytest.raises(openai.APIError, match="blocked by policy"):
        for chunk in stream:
            received += (chunk.choices[0].delta.content or "") if chunk.choices else ""
    assert "mantlet-canary" not in received


def test_hidden_text_is_stripped_before_the_upstream(strict: RunningGateway) -> None:
    response = chat(strict, "admin", "fake-echo", "plain\u200b\u200btext")
    assert response.status_code == 200
    assert strict.upstream.requests[-1]["messages"][0]["content"] == "plaintext"
    event = strict.audit.events[-1]
    assert [(d["category"], d["action"]) for d in event["decisions"]] == [("HIDDEN_TEXT", "strip")]


def test_audit_event_and_metrics(strict: RunningGateway) -> None:
    response = chat(strict, "admin", "fake-model")
    assert response.status_code == 200
    audit_id = response.headers["x-mantlet-audit-id"]
    event = strict.audit.events[int(audit_id.removeprefix("evt_")) - 1]
    assert event["policy_version"] == strict.app.policy.version
    assert event["role"] == "admin" and event["model"] == "fake-model"
    assert event["tokens"]["total_tokens"] > 0
    assert {"read", "auth", "input_guard", "upstream", "total"} <= set(event["latency_ms"])
    assert event["request_hash"].startswith("sha256:") and event["response_hash"].startswith(
        "sha256:"
    )
    with httpx.Client(base_url=strict.base_url) as client:
        metrics = client.get("/metrics").text
    assert 'mantlet_requests_total{endpoint="chat",status="200"}' in metrics
    assert 'mantlet_decisions_total{action="block",category="CANARY",direction="output"}' in metrics
    assert "mantlet_stage_seconds_bucket" in metrics


def test_detector_failure_fails_closed(upstream: FakeUpstream, tmp_path: Path) -> None:
    running = start_gateway(
        upstream.base_url, tmp_path, detectors=(*TEST_DETECTORS, BrokenDetector())
    )
    try:
        response = chat(running, "user", "fake-model")
        assert response.status_code == 400
        assert response.json()["error"]["reasons"][0]["label"] == "DETECTOR_ERROR"
        with httpx.Client(base_url=running.base_url) as client:
            assert (
                'mantlet_detector_failures_total{detector="broken"} 1.0'
                in client.get("/metrics").text
            )
    finally:
        running.stop()
    lenient = policy_from(
        "output:\n  categories:\n    CODE: {action: flag}\non_detector_error:\n  categories:\n    CODE: allow\n"
    )
    running = start_gateway(
        upstream.base_url,
        tmp_path,
        policy=lenient,
        detectors=(*TEST_DETECTORS, BrokenDetector()),
        roles=(("u2", "prod"),),
    )
    try:
        assert chat(running, "u2", "fake-model").status_code == 200
    finally:
        running.stop()


def test_graceful_shutdown_finishes_requests_in_flight(
    upstream: FakeUpstream, tmp_path: Path
) -> None:
    running = start_gateway(upstream.base_url, tmp_path, upstream_timeout=10.0)
    upstream.slow_seconds, before = 1.0, upstream.slow_seconds
    results: list[int] = []
    try:
        worker = threading.Thread(
            target=lambda: results.append(chat(running, "user", "fake-slow").status_code)
        )
        worker.start()
        time.sleep(0.3)
        running.server.should_exit = True
        worker.join(10)
        running.thread.join(10)
    finally:
        upstream.slow_seconds = before
        running.stop()
    assert results == [200]
    assert not running.thread.is_alive()


def test_unreachable_rate_limit_store_fails_closed(upstream: FakeUpstream, tmp_path: Path) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    running = start_gateway(
        upstream.base_url,
        tmp_path,
        policy=policy_from(POLICY),
        roles=(("analyst", "prod"),),
        limiter=RedisRateLimiter(f"redis://127.0.0.1:{port}/0"),
    )
    try:
        refused = chat(running, "analyst", "fake-model")
        assert refused.status_code == 503
        assert refused.json()["error"]["code"] == "rate_limiter_unavailable"
    finally:
        running.stop()
