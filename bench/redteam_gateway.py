"""Attack success per family against the vulnerable target, without and with `mantlet serve`.

One run, one report: starts the deliberately vulnerable target (every weakness on), runs the
default probe suite directly, then through a Mantlet gateway with the default policy in front
of the same target, and writes the comparison (JSON + HTML) under bench/results/.

    python bench/redteam_gateway.py [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def mantlet(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from mantlet.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="mantlet-redteam-"))
    env = {**os.environ, "MANTLET_HOME": str(home), "OPENAI_API_KEY": "upstream-key-not-used"}
    target_port, gateway_port = free_port(), free_port()
    procs = []
    try:
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from mantlet.cli import main; main()",
                    "redteam-target",
                    "--port",
                    str(target_port),
                    "--weaknesses",
                    "all",
                    "--seed",
                    str(args.seed),
                ]
            )
        )
        wait_for(f"http://127.0.0.1:{target_port}/v1/models")
        created = mantlet("keys", "create", "--role", "redteam", "--env", "test", env=env)
        if created.returncode != 0:
            raise SystemExit(f"could not create a gateway key: {created.stderr.strip()}")
        key = created.stdout.strip().splitlines()[-1]
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from mantlet.cli import main; main()",
                    "serve",
                    "--upstream",
                    f"http://127.0.0.1:{target_port}/v1",
                    "--port",
                    str(gateway_port),
                ],
                env=env,
            )
        )
        wait_for(f"http://127.0.0.1:{gateway_port}/healthz")
        runs = {
            "direct": f"http://127.0.0.1:{target_port}/v1",
            "gateway": f"http://127.0.0.1:{gateway_port}/v1",
        }
        for name, url in runs.items():
            started = time.perf_counter()
            done = mantlet(
                "redteam",
                "--target",
                url,
                "--model",
                "vulnerable",
                "--seed",
                str(args.seed),
                "--json",
                str(args.out / f"redteam-{name}.json"),
                "--html",
                str(args.out / f"redteam-{name}.html"),
                env={**env, "OPENAI_API_KEY": key if name == "gateway" else "none"},
            )
            if done.returncode not in (0, 1):
                raise SystemExit(f"redteam run {name} failed: {done.stderr.strip()[-2000:]}")
            print(f"{name}: {time.perf_counter() - started:.1f} s")
        compared = mantlet(
            "redteam-compare",
            str(args.out / "redteam-direct.json"),
            str(args.out / "redteam-gateway.json"),
            "--label-a",
            "direct",
            "--label-b",
            "behind mantlet serve",
            "--json",
            str(args.out / "redteam-compare.json"),
            "--html",
            str(args.out / "redteam-compare.html"),
        )
        print(compared.stdout)
        rows = json.loads((args.out / "redteam-compare.json").read_text())["families"]
        for r in rows:
            print(f"{r['family']:28s} direct {r['asr_a']:6.1%}  gateway {r['asr_b']:6.1%}")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)


if __name__ == "__main__":
    main()
