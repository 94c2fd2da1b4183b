import random

from mantlet.train.everyday_triggers import trigger_rows
from mantlet.train.injection import OwnData, generated_rows
from mantlet.train.tasks import task_rows


def _texts(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["text"]) for r in rows}


def test_task_rows_are_benign_and_often_carry_pasted_input() -> None:
    rows = list(task_rows(random.Random(4), 300, bank=0))
    assert {r["label"] for r in rows} == {0}
    with_input = [r for r in rows if "\n" in str(r["text"])]
    assert len(with_input) > 0.4 * len(rows)


def test_task_rows_include_long_documents() -> None:
    # Long benign text is the point: the labelled long texts are nearly all jailbreaks.
    rows = list(task_rows(random.Random(5), 400, bank=0))
    assert sum(1 for r in rows if len(str(r["text"])) >= 1000) >= 20


def test_task_banks_differ() -> None:
    train = _texts(list(task_rows(random.Random(6), 400, bank=0)))
    held = _texts(list(task_rows(random.Random(6), 400, bank=1)))
    assert len(train & held) < 0.05 * len(held)


def test_everyday_trigger_rows_use_attack_words_innocently() -> None:
    rows = list(trigger_rows(random.Random(7), 300, bank=0))
    assert {r["label"] for r in rows} == {0}
    words = ("ignor", "previous", "instructions", "above", "rules", "password", "unlock")
    hits = {w for w in words for r in rows if w in str(r["text"]).lower()}
    assert len(hits) >= 5


def test_everyday_trigger_banks_differ() -> None:
    train = _texts(list(trigger_rows(random.Random(8), 400, bank=0)))
    held = _texts(list(trigger_rows(random.Random(8), 400, bank=1)))
    assert len(train & held) < 0.05 * len(held)


def test_generated_rows_weight_only_trigger_rows() -> None:
    own = OwnData(
        synthetic=0,
        chat=20,
        chat_attacks=0,
        instructions=0,
        multilingual=0,
        multilingual_attacks=0,
        tasks=20,
        triggers=20,
        trigger_weight=3.0,
    )
    rows = generated_rows(random.Random(9), own, set())
    weights = {r.source: r.weight for r in rows}
    assert weights["triggers"] == 3.0
    assert weights["tasks"] == 1.0
    assert weights["chat"] == 1.0
    assert all(r.split == "train" for r in rows if r.source != "chat")
