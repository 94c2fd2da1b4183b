"""`mantlet serve` as a user runs it: a subprocess with its state under MANTLET_HOME, the
admin key printed on first start, real audit log, graceful stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openai

from fake_upstream import FakeUpstream


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(home: Path, upstream: FakeUpstream, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "MANTLET_HOME": str(home), "OPENAI_API_KEY": "upstream-key"}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from mantlet.cli import main; main()",
            "serve",
            "--upstream",
            upstream.base_url,
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the gateway did not become ready")


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=30)
    return out


def test_serve_quick_start(tmp_path: Path, upstream: FakeUpstream) -> None:
    port = free_port()
    first = start(tmp_path, upstream, port)
    try:
        assert first.stdout is not None
        lines = [first.stdout.readline().strip() for _ in range(2)]
        assert "admin API key" in lines[0]
        key = lines[1]
        assert key.startswith("mk_prod_")
        wait_ready(port)
        with openai.OpenAI(
            base_url=f"http://127.0.0.1:{port}/v1", api_key=key, max_retries=0
        ) as client:
            reply = client.chat.completions.create(
                model="fake-echo", messages=[{"role": "user", "content": "hello there"}]
            )
            assert reply.choices[0].message.content == "hello there"
            streamed = client.chat.completions.create(
                model="fake-model", messages=[{"role": "user", "content": "hi"}], stream=True
            )
            assert "".join(c.choices[0].delta.content or "" for c in streamed if c.choices)
    finally:
        stop(first)
    verified = subprocess.run(
        [sys.executable, "-c", "from mantlet.cli import main; main()", "audit", "verify"],
        env={**os.environ, "MANTLET_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0
    assert "2 events" in verified.stdout
    assert (tmp_path / "keys.sqlite3").exists() and (tmp_path / "vault.key").exists()
