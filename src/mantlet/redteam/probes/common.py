"""Pieces shared by probe templates."""

from __future__ import annotations

import random


def marker(rng: random.Random) -> str:
    """A unique, unlikely string an attack asks the model to print (proof of goal hijack)."""
    return "MNTL-" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))


def pick(rng: random.Random, options: list[str], k: int) -> list[str]:
    return rng.sample(options, min(k, len(options)))
