import random

from mantlet.train.instructions import instruction_rows
from mantlet.train.multilingual import HELD_OUT_LANGUAGES, languages, multilingual_rows


def _texts(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["text"]) for r in rows}


def test_injection_training_bank_never_uses_held_out_languages() -> None:
    rows = list(multilingual_rows(random.Random(1), 300, 200, bank=0))
    used = {str(r["category"]).split("/")[1] for r in rows}
    assert not used & set(HELD_OUT_LANGUAGES)
    assert set(HELD_OUT_LANGUAGES) <= set(languages(1))


def test_injection_multilingual_rows_have_both_labels() -> None:
    rows = list(multilingual_rows(random.Random(2), 50, 30, bank=0))
    assert sum(1 for r in rows if r["label"] == 1) == 30
    assert sum(1 for r in rows if r["label"] == 0) == 50


def test_injection_task_statement_banks_differ() -> None:
    train = _texts(list(instruction_rows(random.Random(3), 400, bank=0)))
    held = _texts(list(instruction_rows(random.Random(3), 400, bank=1)))
    assert len(train & held) < 0.05 * len(held)
