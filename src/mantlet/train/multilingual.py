"""Benign prompts and attacks in other languages, for training (bank 0) and the held-out
check (bank 1), from the project's own lists in multilingual_vocab.py and
secret_asks_vocab.py."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from mantlet.train.chat import half
from mantlet.train.multilingual_vocab import (
    BENIGN,
    CLAIMS,
    GOALS,
    HELD_OUT_LANGUAGES,
    OVERRIDES,
    TRIGGER_BENIGN,
)
from mantlet.train.rows import generated_row
from mantlet.train.secret_asks_vocab import FRAMES, SECRET_ASKS


def languages(bank: int) -> list[str]:
    """Training sees every language but the held-out ones; bank 1 has them all."""
    return [lang for lang in BENIGN if bank == 1 or lang not in HELD_OUT_LANGUAGES]


def _pool(items: dict[str, tuple[str, ...]], lang: str, bank: int) -> Sequence[str]:
    """A language's half for this bank; a held-out language is used whole."""
    return items[lang] if lang in HELD_OUT_LANGUAGES else half(items[lang], bank)


def _benign_text(rng: random.Random, lang: str, bank: int) -> str:
    pool = _pool(BENIGN, lang, bank)
    if lang in TRIGGER_BENIGN and rng.random() < 0.2:
        pool = _pool(TRIGGER_BENIGN, lang, bank)
    text = rng.choice(pool)
    if rng.random() < 0.35:
        # Two requests in one message: lengths vary like real prompts.
        text = f"{text} {rng.choice(_pool(BENIGN, lang, bank))}"
    return text


def _attack_text(rng: random.Random, lang: str, bank: int) -> str:
    roll = rng.random()
    openers = OVERRIDES if roll < 0.45 else CLAIMS if roll < 0.7 else FRAMES
    asks_secret = rng.random() < 0.4
    goal = rng.choice(_pool(SECRET_ASKS if asks_secret else GOALS, lang, bank))
    if asks_secret and rng.random() < 0.3:
        # The ask alone, after innocent questions that are there to bury it.
        burying = [rng.choice(_pool(BENIGN, lang, bank)) for _ in range(rng.randint(1, 3))]
        return " ".join([*burying, goal])
    text = f"{rng.choice(_pool(openers, lang, bank))} {goal}"
    if rng.random() < 0.3:
        # An attack after an innocent request, as injected text usually comes.
        text = f"{rng.choice(_pool(BENIGN, lang, bank))} {text}"
    return text


def multilingual_rows(
    rng: random.Random, benign: int, attacks: int, bank: int = 0
) -> Iterator[dict[str, object]]:
    """`benign` everyday prompts and `attacks` attacks, in languages other than English."""
    langs = languages(bank)
    for label, count in ((0, benign), (1, attacks)):
        for _ in range(count):
            lang = rng.choice(langs)
            text = _attack_text(rng, lang, bank) if label else _benign_text(rng, lang, bank)
            yield generated_row(text, label, f"multilingual/{lang}", "mantlet:multilingual")
