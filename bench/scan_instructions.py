"""The pattern pass of `scan_speed.py`, for counting instructions rather than timing: on a
shared machine wall-clock p50 drifts by 20% from run to run, an instruction count does not.

    valgrind --tool=cachegrind --cache-sim=no python bench/scan_instructions.py --rounds 2
    valgrind --tool=cachegrind --cache-sim=no python bench/scan_instructions.py --rounds 0

The difference of the two `I refs` totals, divided by 600 (300 messages x 2 rounds), is the
instructions one scan executes; run both on two commits to compare them.
"""

from __future__ import annotations

import argparse
import os

# Idle BLAS worker threads spin, and valgrind counts their instructions too: one thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from scan_speed import build_messages, pattern_pass_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="0: set up only, scan nothing")
    options = parser.parse_args()
    messages = build_messages(options.messages)
    engine = pattern_pass_engine()
    # Build what is built on first use (the street sieve's Hyperscan database, 4 G
    # instructions) and warm up on real messages: both runs count it, and it cancels out.
    engine.prepare()
    for text in messages[:20]:
        engine.scan(text)
    for _ in range(options.rounds):
        for text in messages:
            engine.scan(text)


if __name__ == "__main__":
    main()
