"""What the gateway adds: latency, time to first token, CPU and throughput, against the same
upstream called directly, interleaved in one run.

    python bench/gateway_latency.py [--requests 300] [--seconds 8] [--concurrency 50] [--workers 1]

The upstream is the loopback fake from tests/fake_upstream.py in its own process (uvloop,
TCP_NODELAY, keep-alive), answering a ~1 KB reply to a ~1 KB prompt; the gateway runs
`mantlet serve` with the built-in default policy (prompt and reply both scanned) and one
worker. The client is a small keep-alive HTTP/1.1 client so that its own cost stays low.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_TEXT = re.compile(rb'"content":\s*"[^"]')  # a chunk that carries text
ROOT = Path(__file__).resolve().parent.parent
PROMPT = (
    "Please summarise the following meeting notes for the team and list the three decisions "
    "that were taken, with owners and dates where they were given. "
) * 7  # about 1 KB


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's workers with --workers N)."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return pids
    for child in children:
        pids.extend(process_tree(int(child)))
    return pids


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for one in process_tree(pid):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_mb(pid: int) -> float:
    total = 0.0
    for one in process_tree(pid):
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


@dataclass
class Result:
    seconds: float
    ttft: float
    status: int
    chunks: int


class Connection:
    """One keep-alive HTTP/1.1 connection: POST JSON, read a length-delimited or chunked body."""

    def __init__(self, port: int, key: str | None) -> None:
        self.port, self.key = port, key
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> Result:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        auth = f"authorization: Bearer {self.key}\r\n" if self.key else ""
        head = (
            f"POST {path} HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\n"
            f"{auth}content-length: {len(body)}\r\n\r\n"
        ).encode()
        started = time.perf_counter()
        self.writer.write(head + body)
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        ttft, chunks = 0.0, 0
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                data = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                if _TEXT.search(data):
                    chunks += data.count(b"data: ")
                    if not ttft:
                        ttft = time.perf_counter() - started
        else:
            await self.reader.readexactly(int(headers.get("content-length", "0")))
        return Result(time.perf_counter() - started, ttft, status, chunks)


def body(stream: bool) -> bytes:
    return json.dumps(
        {"model": "fake-model", "stream": stream, "messages": [{"role": "user", "content": PROMPT}]}
    ).encode()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def sequential(
    targets: dict[str, Connection], n: int, stream: bool
) -> dict[str, list[Result]]:
    """Alternate targets request by request, so drift on a shared machine hits both alike."""
    out: dict[str, list[Result]] = {name: [] for name in targets}
    payload = body(stream)
    for _ in range(n):
        for name, conn in targets.items():
            out[name].append(await conn.post("/v1/chat/completions", payload))
    return out


async def load(
    port: int, key: str | None, clients: int, seconds: float
) -> tuple[int, int, list[float]]:
    payload = body(False)
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0

    async def user() -> None:
        nonlocal errors
        conn = Connection(port, key)
        while time.perf_counter() < stop:
            result = await conn.post("/v1/chat/completions", payload)
            latencies.append(result.seconds)
            errors += result.status >= 500

    await asyncio.gather(*(user() for _ in range(clients)))
    return len(latencies), errors, latencies


def ms(x: float) -> str:
    return f"{x * 1000:7.2f} ms"


async def run(
    args: argparse.Namespace, up_port: int, gw_port: int, key: str, gw_pid: int
) -> dict[str, float]:
    figures: dict[str, float] = {}
    direct, gateway = Connection(up_port, None), Connection(gw_port, key)
    await sequential({"direct": direct, "gateway": gateway}, 30, False)  # warm up both
    await sequential({"direct": direct, "gateway": gateway}, 10, True)
    cpu0 = cpu_seconds(gw_pid)
    plain = await sequential({"direct": direct, "gateway": gateway}, args.requests, False)
    cpu1 = cpu_seconds(gw_pid)
    streams = await sequential({"direct": direct, "gateway": gateway}, args.streams, True)
    cpu2 = cpu_seconds(gw_pid)
    d = [r.seconds for r in plain["direct"]]
    g = [r.seconds for r in plain["gateway"]]
    figures["p50_added_ms"] = (pct(g, 0.5) - pct(d, 0.5)) * 1000
    figures["p99_added_ms"] = (pct(g, 0.99) - pct(d, 0.99)) * 1000
    print(f"concurrency 1, {args.requests} requests each, interleaved (~1 KB prompt and reply)")
    print(f"  direct   p50 {ms(pct(d, 0.5))}  p99 {ms(pct(d, 0.99))}")
    print(f"  gateway  p50 {ms(pct(g, 0.5))}  p99 {ms(pct(g, 0.99))}")
    print(
        f"  added    p50 {figures['p50_added_ms']:7.2f} ms  p99 {figures['p99_added_ms']:7.2f} ms  (ratio p50 {pct(g, 0.5) / pct(d, 0.5):.2f}x)"
    )
    dt = [r.ttft for r in streams["direct"]]
    gt = [r.ttft for r in streams["gateway"]]
    chunks = statistics.mean(r.chunks for r in streams["gateway"])
    figures["ttft_added_ms"] = (pct(gt, 0.5) - pct(dt, 0.5)) * 1000
    print(
        f"streams, {args.streams} each: time to first token p50 direct {ms(pct(dt, 0.5))}, gateway {ms(pct(gt, 0.5))}, added {figures['ttft_added_ms']:.2f} ms"
    )
    cpu_request = (cpu1 - cpu0) / args.requests
    cpu_stream = (cpu2 - cpu1) / args.streams
    upstream_chunks = len(PROMPT) // 8 + 2  # the fake upstream sends 8 characters a chunk
    figures["cpu_ms_per_request"] = cpu_request * 1000
    figures["cpu_ms_per_chunk"] = max(0.0, cpu_stream - cpu_request) / upstream_chunks * 1000
    print(
        f"gateway CPU: {figures['cpu_ms_per_request']:.2f} ms per request, {figures['cpu_ms_per_chunk']:.4f} ms per streamed chunk ({upstream_chunks} upstream chunks, {chunks:.0f} sent per stream)"
    )
    rss_before = rss_mb(gw_pid)
    cpu_load = cpu_seconds(gw_pid)
    rounds = []
    for name, port, k in (
        ("direct", up_port, None),
        ("gateway", gw_port, key),
        ("direct", up_port, None),
        ("gateway", gw_port, key),
    ):
        count, errors, latencies = await load(port, k, args.concurrency, args.seconds / 2)
        rounds.append((name, count, errors, latencies))
    totals: dict[str, tuple[int, int, list[float]]] = {}
    for name, count, errors, latencies in rounds:
        c, e, lat = totals.get(name, (0, 0, []))
        totals[name] = (c + count, e + errors, lat + latencies)
    for name, (count, errors, latencies) in totals.items():
        rate = count / args.seconds
        figures[f"{name}_rps"] = rate
        print(
            f"{args.concurrency} clients, {args.seconds:.0f} s: {name:8s} {rate:7.1f} req/s  p50 {ms(pct(latencies, 0.5))}  5xx {errors}"
        )
    figures["gateway_5xx"] = totals["gateway"][1]
    figures["cpu_ms_per_request_under_load"] = (
        (cpu_seconds(gw_pid) - cpu_load) / totals["gateway"][0] * 1000
    )
    figures["gateway_requests"] = 30 + 10 + args.requests + args.streams + totals["gateway"][0]
    print(
        f"  gateway CPU under load {figures['cpu_ms_per_request_under_load']:.2f} ms per request (one worker's ceiling ~{1000 / figures['cpu_ms_per_request_under_load']:.0f} req/s on a free core)"
    )
    figures["load_requests"] = totals["gateway"][0]
    print(
        f"  throughput ratio gateway/direct {figures['gateway_rps'] / figures['direct_rps']:.2f}; RSS {rss_before:.0f} MB -> {rss_mb(gw_pid):.0f} MB"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mantlet-bench-"))
    env = {**os.environ, "MANTLET_HOME": str(home), "OPENAI_API_KEY": ""}
    up_port, gw_port = free_port(), free_port()
    log_file = (home / "gateway.log").open("w")  # JSON request logs, as in a default run
    upstream = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "fake_upstream.py"), "--port", str(up_port)],
        stdout=subprocess.DEVNULL,
    )
    gateway = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from mantlet.cli import main; main()",
            "serve",
            "--upstream",
            f"http://127.0.0.1:{up_port}/v1",
            "--port",
            str(gw_port),
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log_file,
        text=True,
    )
    try:
        wait_for(up_port)
        assert gateway.stdout is not None
        key = ""
        while not key.startswith("mk_"):
            key = gateway.stdout.readline().strip()
        wait_for(gw_port)
        figures = asyncio.run(run(args, up_port, gw_port, key, gateway.pid))
    finally:
        gateway.terminate()  # graceful: drains requests and flushes the audit log
        gateway.wait(60)
        upstream.terminate()
        upstream.wait(10)
    verified = subprocess.run(
        [sys.executable, "-c", "from mantlet.cli import main; main()", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
    )
    print(f"audit log after the run: {verified.stdout.strip() or verified.stderr.strip()}")
    found = re.search(r"(\d+) events", verified.stdout)
    written = int(found.group(1)) if found else 0
    print(
        f"audit events: {written} written for {figures['gateway_requests']:.0f} gateway requests (lost: {figures['gateway_requests'] - written:.0f})"
    )
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
