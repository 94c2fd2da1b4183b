"""Hostile clients and hostile upstreams: each gets a clear answer, and the gateway keeps
serving."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import openai
import pytest
from harness import RunningGateway, start_gateway


def assert_still_serving(gateway: RunningGateway) -> None:
    with gateway.client() as client:
        ok = client.post(
            "/v1/chat/completions",
            json={"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]},
        )
    assert ok.status_code == 200


def post(gateway: RunningGateway, body: object, *, content: bytes | None = None) -> httpx.Response:
    with gateway.client() as client:
        if content is not None:
            return client.post(
                "/v1/chat/completions",
                content=content,
                headers={"content-type": "application/json"},
            )
        return client.post("/v1/chat/completions", json=body)


@pytest.mark.parametrize(
    ("body", "content", "param"),
    [
        (None, b"{not json", None),
        (None, b"[1, 2]", None),
        ({"model": "fake-model"}, None, "messages"),
        ({"model": 7, "messages": []}, None, "model"),
        ({"model": "fake-model", "messages": "hi"}, None, "messages"),
        ({"model": "fake-model", "messages": [{"content": "x"}]}, None, "messages[0].role"),
        (
            {"model": "fake-model", "messages": [{"role": "user", "content": 5}]},
            None,
            "messages[0].content",
        ),
        (
            {
                "model": "fake-model",
                "messages": [{"role": "user", "content": "x"}],
                "stream": "yes",
            },
            None,
            "stream",
        ),
    ],
)
def test_malformed_bodies_get_400(
    gateway: RunningGateway, body: object, content: bytes | None, param: str | None
) -> None:
    response = post(gateway, body, content=content)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["param"] == param


def test_too_many_texts_get_400(gateway: RunningGateway) -> None:
    messages = [{"role": "user", "content": "x"}] * 5000
    response = post(gateway, {"model": "fake-model", "messages": messages})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_texts"


def raw_exchange(gateway: RunningGateway, head: bytes, body: bytes, wait: float = 5.0) -> bytes:
    host, port = gateway.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(head + body)
        received = b""
        try:
            while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
                data = sock.recv(65536)
                if not data:
                    break
                received += data
        except TimeoutError:
            pass
        return received


def request_head(gateway: RunningGateway, length: int) -> bytes:
    return (
        f"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n"
        f"authorization: Bearer {gateway.keys['user']}\r\n"
        f"content-type: application/json\r\ncontent-length: {length}\r\n\r\n"
    ).encode()


def test_declared_50_mb_body_is_refused_without_reading_it(gateway: RunningGateway) -> None:
    started = time.monotonic()
    answer = raw_exchange(gateway, request_head(gateway, 50 * 1024 * 1024), b"{" * 1000)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"request_too_large" in answer
    assert time.monotonic() - started < 5
    assert_still_serving(gateway)


def test_undeclared_50_mb_body_is_cut_at_the_limit(gateway: RunningGateway) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(50):
            yield b" " * (1024 * 1024)

    with gateway.client() as client:
        try:
            response = client.post("/v1/chat/completions", content=chunks())
            assert response.status_code == 413
        except httpx.TransportError:
            pass  # the gateway may close the connection while we are still sending
    assert_still_serving(gateway)


def test_slow_body_times_out_with_408(gateway: RunningGateway) -> None:
    answer = raw_exchange(gateway, request_head(gateway, 100), b'{"model": ', wait=5.0)
    assert answer.startswith(b"HTTP/1.1 408")
    assert_still_serving(gateway)


def test_credentials_and_routes(gateway: RunningGateway) -> None:
    body = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}
    with httpx.Client(base_url=gateway.base_url) as anonymous:
        assert anonymous.post("/v1/chat/completions", json=body).status_code == 401
        bad = anonymous.post(
            "/v1/chat/completions", json=body, headers={"authorization": "Bearer mk_prod_nope"}
        )
        assert bad.status_code == 401 and bad.json()["error"]["type"] == "authentication_error"
        assert anonymous.get("/v1/nothing").status_code == 404
        assert anonymous.get("/v1/chat/completions").status_code == 405
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        assert anonymous.get("/readyz").status_code == 200


def test_client_disconnect_mid_stream_cancels_the_upstream(gateway: RunningGateway) -> None:
    before = gateway.upstream.disconnects
    body = {"model": "fake-drip", "messages": [{"role": "user", "content": "hi"}], "stream": True}
    with gateway.client() as client, client.stream("POST", "/v1/chat/completions", json=body) as r:
        assert r.status_code == 200
        for _ in r.iter_bytes():
            break  # read one piece, then hang up
    deadline = time.monotonic() + 5
    while gateway.upstream.disconnects == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gateway.upstream.disconnects > before
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(
        e["outcome"] == "cancelled" for e in gateway.audit.events
    ):
        time.sleep(0.05)
    assert any(e["outcome"] == "cancelled" and e["stream"] for e in gateway.audit.events)
    assert_still_serving(gateway)


@pytest.mark.parametrize(
    ("model", "status", "code"),
    [
        ("fake-500", 502, "upstream_error"),
        ("fake-badjson", 502, "upstream_invalid_response"),
        ("fake-slow", 504, "upstream_timeout"),
    ],
)
def test_failing_upstreams_get_clear_errors(
    gateway: RunningGateway, model: str, status: int, code: str
) -> None:
    response = post(gateway, {"model": model, "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert_still_serving(gateway)


def test_upstream_client_errors_are_passed_on_and_audited(gateway: RunningGateway) -> None:
    response = post(gateway, {"model": "fake-404", "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "model_not_found"
    event = gateway.audit.events[-1]
    assert (event["model"], event["status"], event["error"]) == (
        "fake-404",
        404,
        "upstream_rejected",
    )
    assert_still_serving(gateway)


def test_upstream_429_is_retried(gateway: RunningGateway) -> None:
    response = post(
        gateway, {"model": "fake-429-once", "messages": [{"role": "user", "content": "hi"}]}
    )
    assert response.status_code == 200


def test_truncated_stream_ends_with_an_error_event(gateway: RunningGateway) -> None:
    client = gateway.openai_client("user")
    stream = client.chat.completions.create(
        model="fake-truncate", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    with pytest.raises(openai.APIError, match=r"broke off|ended early"):
        for _ in stream:
            pass
    assert_still_serving(gateway)


def test_unreachable_upstream_is_502(tmp_path: Path) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    running = start_gateway(f"http://127.0.0.1:{port}/v1", tmp_path)
    try:
        response = post(running, {"model": "m", "messages": [{"role": "user", "content": "hi"}]})
        assert response.status_code == 502
        assert response.json()["error"]["code"] == "upstream_unavailable"
    finally:
        running.stop()
