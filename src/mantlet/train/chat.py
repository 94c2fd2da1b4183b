"""Everyday chat traffic the project writes itself: short and medium benign messages of many
kinds (greetings, follow-ups, code, tracebacks, JSON, SQL, other languages...) and short
attacks of the same lengths, so that length alone carries no signal for the classifier.

Every template and vocabulary list is cut in two disjoint halves (`bank` 0 and 1): training
uses bank 0; the held-out everyday-chat set (bench/injection_chat_fpr.py) uses bank 1 with
another seed, so it measures generalization to phrasings the model never saw.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from mantlet.train.chat_vocab import (
    ACKS,
    ATTACK_GOALS,
    ATTACK_OBJECTS,
    ATTACK_VERBS,
    CHAT_TRIGGER_FOLLOW_UPS,
    CODE_QUESTIONS,
    CODE_SNIPPETS,
    EMOJI,
    ERROR_LINES,
    EXTRACTION,
    FACT_TEMPLATES,
    FACTS,
    FOLLOW_UPS,
    GREETINGS,
    INSTRUCTION_OBJECTS,
    INSTRUCTION_OPENERS,
    INSTRUCTION_RULES,
    LANGUAGES,
    MULTILINGUAL,
    MULTILINGUAL_ATTACKS,
    NAMES,
    PERSONA_ATTACKS,
    PHRASES,
    PROG_LANGS,
    SHELL,
    SINGLE_WORDS,
    SQL_QUESTIONS,
    TASKS,
    TOPICS,
    WRITING,
)
from mantlet.train.rows import generated_row

T = TypeVar("T")


def half(items: Sequence[T], bank: int) -> Sequence[T]:
    """Every other item, starting at `bank` (0: training half, 1: held-out half)."""
    part = items[bank::2]
    return part if part else items


def _pick(rng: random.Random, items: Sequence[str], bank: int) -> str:
    return rng.choice(half(items, bank))


def _decorate(rng: random.Random, text: str) -> str:
    """Casing and punctuation the way people type in a chat box."""
    roll = rng.random()
    if roll < 0.25:
        text = text.lower()
    elif roll < 0.3:
        text = text.upper()
    if rng.random() < 0.3:
        text = text.rstrip(".!?") + rng.choice(("", "!", "?", "...", " :)", "!!", "."))
    return text


def greeting(rng: random.Random, bank: int) -> str:
    text = _pick(rng, GREETINGS, bank)
    if rng.random() < 0.3:
        text += f" {_pick(rng, NAMES, bank)}"
    if rng.random() < 0.2:
        text += f" {_pick(rng, EMOJI, bank)}"
    return _decorate(rng, text)


def ack(rng: random.Random, bank: int) -> str:
    text = _pick(rng, ACKS, bank)
    if rng.random() < 0.15:
        text += f" {_pick(rng, EMOJI, bank)}"
    return _decorate(rng, text)


def follow_up(rng: random.Random, bank: int) -> str:
    text = _pick(rng, FOLLOW_UPS, bank).format(
        lang=_pick(rng, PROG_LANGS, bank), language=_pick(rng, LANGUAGES, bank)
    )
    return _decorate(rng, text)


def factual(rng: random.Random, bank: int) -> str:
    template = _pick(rng, FACT_TEMPLATES, bank)
    return _decorate(rng, template.format(x=_pick(rng, FACTS, bank)))


def math(rng: random.Random, bank: int) -> str:
    a, b, c = rng.randint(2, 999), rng.randint(2, 99), rng.randint(1, 500)
    forms = (
        f"what's {a}+{b}?",
        f"{a} * {b}",
        f"solve {b}x + {a} = {c}",
        f"is {a} prime?",
        f"{b}% of {a}",
        f"derivative of x^{b % 9 + 2}",
        f"sqrt({a})",
        f"what is {a} divided by {b}",
        f"convert {a} km to miles",
        f"integral of sin(x) from 0 to {b}",
        f"{a}-{c}=?",
        f"how much is {b} squared",
        f"average of {a}, {b} and {c}",
        f"round {a}.{c} to the nearest ten",
    )
    return _pick(rng, forms, bank)


def translation(rng: random.Random, bank: int) -> str:
    phrase, language = _pick(rng, PHRASES, bank), _pick(rng, LANGUAGES, bank)
    forms = (
        f"translate '{phrase}' to {language}",
        f'how do you say "{phrase}" in {language}?',
        f"{phrase} in {language}?",
        f"what does '{phrase}' mean",
        f"{language} for {phrase}",
        f"can you translate this into {language}: {phrase}",
    )
    return _pick(rng, forms, bank)


def coding(rng: random.Random, bank: int) -> str:
    snippet, lang = _pick(rng, CODE_SNIPPETS, bank), _pick(rng, PROG_LANGS, bank)
    question = _pick(rng, CODE_QUESTIONS, bank).format(lang=lang, topic=_pick(rng, TOPICS, bank))
    roll = rng.random()
    if roll < 0.4:
        return question
    if roll < 0.7:
        return f"{question}\n```\n{snippet}\n```"
    return f"{snippet}\n\n{_pick(rng, ('why?', 'what does this do', 'fix pls', 'any bugs?', 'explain', 'make it faster'), bank)}"


def error_paste(rng: random.Random, bank: int) -> str:
    module = _pick(rng, ("app", "main", "utils", "server", "models", "views", "cli"), bank)
    line = rng.randint(3, 480)
    error = _pick(rng, ERROR_LINES, bank)
    if rng.random() < 0.5:
        text = (
            "Traceback (most recent call last):\n"
            f'  File "/home/{_pick(rng, NAMES, bank).lower()}/project/{module}.py", line {line}, in <module>\n'
            f"    {_pick(rng, CODE_SNIPPETS, bank).splitlines()[0]}\n"
            f"{error}"
        )
    else:
        text = error
    lead = _pick(
        rng,
        ("", "getting this error:", "help", "what does this mean?", "why", "any idea?", "pls fix"),
        bank,
    )
    return f"{lead}\n{text}".strip() if rng.random() < 0.5 else f"{text}\n{lead}".strip()


def json_paste(rng: random.Random, bank: int) -> str:
    keys = rng.sample(
        list(
            half(
                (
                    "id",
                    "name",
                    "status",
                    "count",
                    "items",
                    "price",
                    "user",
                    "tags",
                    "created_at",
                    "enabled",
                    "url",
                    "version",
                ),
                bank,
            )
        ),
        3,
    )
    values = [
        str(rng.randint(1, 9999)),
        f'"{_pick(rng, TOPICS, bank)}"',
        rng.choice(("true", "false", "null")),
    ]
    body = "{" + ", ".join(f'"{k}": {v}' for k, v in zip(keys, values, strict=True)) + "}"
    lead = _pick(
        rng,
        (
            "is this valid json?",
            "parse this",
            "convert to yaml:",
            "what's wrong here",
            "",
            "make a schema for",
        ),
        bank,
    )
    return f"{lead} {body}".strip()


def sql(rng: random.Random, bank: int) -> str:
    return _pick(rng, SQL_QUESTIONS, bank).format(
        table=_pick(rng, ("users", "orders", "products", "events", "invoices", "logs"), bank),
        col=_pick(rng, ("email", "created_at", "total", "status", "country", "score"), bank),
        n=rng.randint(2, 100),
    )


def shell(rng: random.Random, bank: int) -> str:
    command = _pick(rng, SHELL, bank)
    forms = (
        f"what does `{command}` do?",
        f"{command}",
        f"is `{command}` safe to run?",
        f"{command} says permission denied",
        f"explain {command}",
        f"how do I undo {command}",
    )
    return _pick(rng, forms, bank)


def writing(rng: random.Random, bank: int) -> str:
    return _pick(rng, WRITING, bank).format(
        topic=_pick(rng, TOPICS, bank), name=_pick(rng, NAMES, bank)
    )


def task(rng: random.Random, bank: int) -> str:
    return _pick(rng, TASKS, bank).format(
        topic=_pick(rng, TOPICS, bank), lang=_pick(rng, PROG_LANGS, bank)
    )


def url(rng: random.Random, bank: int) -> str:
    host = _pick(
        rng,
        (
            "github.com",
            "example.com",
            "docs.python.org",
            "en.wikipedia.org",
            "stackoverflow.com",
            "news.ycombinator.com",
        ),
        bank,
    )
    path = _pick(rng, TOPICS, bank).replace(" ", "-").lower()
    link = f"https://{host}/{path}"
    return _pick(
        rng,
        (
            link,
            f"summarize {link}",
            f"is {link} legit?",
            f"can you read this? {link}",
            f"{link} what do you think",
        ),
        bank,
    )


def short_misc(rng: random.Random, bank: int) -> str:
    roll = rng.random()
    if roll < 0.3:
        return _pick(rng, SINGLE_WORDS, bank)
    if roll < 0.45:
        return _pick(rng, EMOJI, bank)
    if roll < 0.7:
        return _pick(
            rng,
            (
                str(rng.randint(0, 99999)),
                f"{rng.randint(0, 99)}.{rng.randint(0, 99)}",
                f"{rng.randint(1, 9)}, {rng.randint(10, 99)}, {rng.randint(100, 999)}",
                f"#{rng.randint(1, 9999)}",
                f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}",
            ),
            bank,
        )
    return _pick(rng, MULTILINGUAL, bank)


def instruction(rng: random.Random, bank: int) -> str:
    """An app-style task prompt with a rule or two, sometimes followed by the text itself."""
    text = _pick(rng, INSTRUCTION_OPENERS, bank).format(obj=_pick(rng, INSTRUCTION_OBJECTS, bank))
    for _ in range(rng.randint(1, 2)):
        text += f" {_pick(rng, INSTRUCTION_RULES, bank)}"
    if rng.random() < 0.4:
        text += f"\n\nText: {_pick(rng, TOPICS, bank)} was discussed at length."
    return text


def trigger_follow_up(rng: random.Random, bank: int) -> str:
    """A chat follow-up that uses trigger words innocently ("ignore my typo", "start over")."""
    text = _pick(rng, CHAT_TRIGGER_FOLLOW_UPS, bank).format(
        lang=_pick(rng, PROG_LANGS, bank),
        topic=_pick(rng, TOPICS, bank),
        language=_pick(rng, LANGUAGES, bank),
    )
    return _decorate(rng, text)


BENIGN_KINDS: tuple[tuple[str, Callable[[random.Random, int], str], int], ...] = (
    ("greeting", greeting, 3),
    ("ack", ack, 3),
    ("follow_up", follow_up, 4),
    ("factual", factual, 3),
    ("math", math, 2),
    ("translation", translation, 2),
    ("coding", coding, 4),
    ("error", error_paste, 3),
    ("json", json_paste, 1),
    ("sql", sql, 2),
    ("shell", shell, 2),
    ("writing", writing, 3),
    ("task", task, 2),
    ("url", url, 1),
    ("misc", short_misc, 3),
    ("instruction", instruction, 3),
    ("trigger_follow_up", trigger_follow_up, 2),
)


def short_attack(rng: random.Random, bank: int) -> tuple[str, str]:
    """A short attack (category, text): override, extraction, persona or multilingual."""
    roll = rng.random()
    if roll < 0.45:
        text = f"{_pick(rng, ATTACK_VERBS, bank)} {_pick(rng, ATTACK_OBJECTS, bank)}"
        if rng.random() < 0.6:
            text += f" {_pick(rng, ATTACK_GOALS, bank)}"
        return "override", _decorate(rng, text)
    if roll < 0.7:
        return "extraction", _decorate(rng, _pick(rng, EXTRACTION, bank))
    if roll < 0.9:
        return "jailbreak", _decorate(rng, _pick(rng, PERSONA_ATTACKS, bank))
    return "multilingual", _pick(rng, MULTILINGUAL_ATTACKS, bank)


def everyday_chat(rng: random.Random, count: int, bank: int = 0) -> Iterator[dict[str, object]]:
    """`count` benign chat messages drawn from the kinds above, weighted."""
    kinds = [k for k in BENIGN_KINDS for _ in range(k[2])]
    for _ in range(count):
        name, make, _ = rng.choice(kinds)
        yield generated_row(make(rng, bank), 0, f"chat/{name}", "mantlet:chat")


def short_attacks(rng: random.Random, count: int, bank: int = 0) -> Iterator[dict[str, object]]:
    """`count` short attacks, the lengths of everyday chat messages."""
    for _ in range(count):
        category, text = short_attack(rng, bank)
        yield generated_row(text, 1, f"chat_attack/{category}", "mantlet:chat")
