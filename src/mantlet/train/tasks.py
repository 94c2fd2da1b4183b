"""Task prompts with pasted input: a statement of the task addressed to the model ("You are
given ...", "Provide X for the following Y.", "Convert A into B.", a definition and "You need to
write one ...") followed by the text to work on, in blocks after blank lines. This is how apps
and people phrase ordinary requests, and it shares its shape with indirect injections, so the
classifier must see many benign ones. Long pasted documents matter most: long texts in the
labelled data are nearly all jailbreaks, so without them length and plain prose read as attack.
(Pairing these rows with copies that carry a short attack in the pasted input was tried and
lowered recall on real indirect injections: the model learnt the generator's attack phrases.)

Written for the project (tasks_vocab.py), cut in two banks like chat.py: bank 0 trains, bank 1
is held out (bench/injection_chat_fpr.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence

from mantlet.train.chat import half
from mantlet.train.prose_vocab import DOCUMENT_NOUNS, PROSE
from mantlet.train.rows import generated_row
from mantlet.train.tasks_vocab import (
    ACTIONS,
    CONVERSION_FORMS,
    CONVERSIONS,
    DEFINITION_ASKS,
    DEFINITIONS,
    ENDINGS,
    FACT_SHEETS,
    GUIDE_VERBS,
    GUIDED,
    GUIDES,
    INPUT_KINDS,
    LIST_ITEMS,
    OUTPUTS,
    PERSONAL_FILL,
    PERSONAL_TASKS,
    STATEMENTS,
    STEPS,
    STRUCTURED,
)

Pick = Callable[[Sequence[str]], str]


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _input_block(rng: random.Random, pick: Pick, label: str, examples: Sequence[str]) -> str:
    """One to three pasted examples, labelled the ways people label them."""
    chosen = [pick(examples) for _ in range(rng.choice((1, 1, 2, 3)))]
    style = rng.random()
    if len(chosen) == 1:
        if style < 0.4:
            return f"{label}: {chosen[0]}"
        if style < 0.6:
            return f'"{chosen[0]}"'
        return chosen[0]
    if style < 0.5:
        return "\n".join(f"{label} {i}: {text}" for i, text in enumerate(chosen, 1))
    if style < 0.8:
        return "\n".join(f"{i}. {text}" for i, text in enumerate(chosen, 1))
    return "\n\n".join(chosen)


def statement_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    """(statement, pasted input) for a generic task over one kind of input."""
    noun, nouns, label, examples = rng.choice(half(INPUT_KINDS, bank))
    action = pick(ACTIONS)
    statement = pick(STATEMENTS).format(
        noun=noun,
        nouns=nouns,
        a_noun=_article(noun),
        action=action,
        Action=_capital(action),
        output=pick(OUTPUTS),
    )
    return statement, _input_block(rng, pick, _capital(label), examples)


def definition_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    definition, doc = rng.choice(half(DEFINITIONS, bank))
    return f"{definition} {pick(DEFINITION_ASKS).format(doc=doc)}", pick(FACT_SHEETS)


def personal_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    fill = {k: pick(v) for k, v in PERSONAL_FILL.items()}
    return pick(PERSONAL_TASKS).format(**fill), ""


def guided_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    verb = pick(GUIDE_VERBS)
    examples = INPUT_KINDS[0][3]  # sentences
    text = pick(GUIDED).format(verb=verb, Verb=_capital(verb), guide=pick(GUIDES), input="{input}")
    head, _, tail = text.partition("{input}")
    return head.rstrip(), tail + pick(examples)


def conversion_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    src, dst, example = rng.choice(half(CONVERSIONS, bank))
    head, _, _ = pick(CONVERSION_FORMS).partition("{input}")
    return head.format(src=src, dst=dst).rstrip(), example


def structured_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    statement, block = rng.choice(half(STRUCTURED, bank))
    items = "\n".join(sorted(rng.sample(list(half(LIST_ITEMS, bank)), 3)))
    steps = "\n".join(rng.sample(list(half(STEPS, bank)), 3))
    return statement, block.format(items=items, steps=steps)


def _paragraph(rng: random.Random, sentences: Sequence[str]) -> str:
    return " ".join(rng.sample(list(sentences), rng.randint(2, min(6, len(sentences)))))


def document_task(rng: random.Random, pick: Pick, bank: int) -> tuple[str, str]:
    """A task over a long pasted document (or several): reviews, articles, job posts, stories."""
    genre = rng.choice(sorted(PROSE))
    sentences = half(PROSE[genre], bank)
    noun = pick(DOCUMENT_NOUNS[genre])
    count = rng.choice((1, 1, 2, 3, 4))
    action = pick(ACTIONS)
    statement = pick(STATEMENTS).format(
        noun=noun,
        nouns=_plural(noun),
        a_noun=_article(noun),
        action=action,
        Action=_capital(action),
        output=pick(OUTPUTS),
    )
    docs = [
        "\n\n".join(_paragraph(rng, sentences) for _ in range(rng.randint(1, 4)))
        for _ in range(count)
    ]
    if count == 1:
        return statement, docs[0]
    label = _capital(noun.split()[-1])
    return statement, "\n\n".join(f"{label} {i}: {doc}" for i, doc in enumerate(docs, 1))


KINDS: tuple[tuple[str, Callable[[random.Random, Pick, int], tuple[str, str]], int], ...] = (
    ("statement", statement_task, 6),
    ("document", document_task, 5),
    ("definition", definition_task, 2),
    ("personal", personal_task, 2),
    ("guided", guided_task, 1),
    ("conversion", conversion_task, 1),
    ("structured", structured_task, 1),
)


def _join(rng: random.Random, statement: str, block: str) -> str:
    if not block:
        return statement
    separator = rng.choice(("\n\n", "\n\n", "\n", " "))
    return f"{statement}{separator}{block}{rng.choice(ENDINGS)}".rstrip(" ")


def task_prompt(rng: random.Random, bank: int) -> tuple[str, str]:
    """(kind, text): a task statement, usually with its input pasted below it."""

    def pick(items: Sequence[str]) -> str:
        return rng.choice(half(items, bank))

    kinds = [k for k in KINDS for _ in range(k[2])]
    name, make, _ = rng.choice(kinds)
    statement, block = make(rng, pick, bank)
    return name, _join(rng, statement, block)


def task_rows(rng: random.Random, count: int, bank: int = 0) -> Iterator[dict[str, object]]:
    """`count` benign task prompts."""
    for _ in range(count):
        kind, text = task_prompt(rng, bank)
        yield generated_row(text, 0, f"task/{kind}", "mantlet:tasks")
