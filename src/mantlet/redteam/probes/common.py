"""Pieces shared by probe templates."""

from __future__ import annotations

import random

from mantlet.redteam.model import Attempt, Generator, RunContext


def marker(rng: random.Random) -> str:
    """A unique, unlikely string an attack asks the model to print (proof of goal hijack)."""
    return "MNTL-" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))


def pick(rng: random.Random, options: list[str], k: int) -> list[str]:
    return rng.sample(options, min(k, len(options)))


def fixed_prompts(name: str, prompts: list[str], *, with_goal: bool = False) -> Generator:
    """A generator sending each prompt once, as a single-turn attempt."""

    def generate(rng: random.Random, ctx: RunContext) -> list[Attempt]:
        return [Attempt(name, i, (p,), goal=p if with_goal else "") for i, p in enumerate(prompts)]

    return generate
