"""Runs inside bench/.venv-detect-secrets: detect-secrets' default plugins over JSON lines on
stdin, line by line as its scanner does, printing per text the count found and the seconds."""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    with default_settings():
        list(scan_line("warm-up password = 'hunter2hunter2'"))
        for raw in sys.stdin:
            text = json.loads(raw)["text"]
            started = time.perf_counter()
            found = sum(1 for line in text.splitlines() for _ in scan_line(line))
            seconds = time.perf_counter() - started
            print(json.dumps({"found": found, "seconds": seconds}))


if __name__ == "__main__":
    main()
