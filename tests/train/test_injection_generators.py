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


def test_injection_multilingual_attacks_include_secret_asks_without_an_override() -> None:
    from mantlet.train.multilingual_vocab import CLAIMS, OVERRIDES
    from mantlet.train.secret_asks_vocab import FRAMES, SECRET_ASKS

    rows = list(multilingual_rows(random.Random(4), 0, 400, bank=0))
    openers = {
        o for table in (OVERRIDES, CLAIMS, FRAMES) for items in table.values() for o in items
    }
    asks = {a for items in SECRET_ASKS.values() for a in items}
    texts = [str(r["text"]) for r in rows]
    with_ask = [t for t in texts if any(t.endswith(a) for a in asks)]
    assert with_ask and any(not any(o in t for o in openers) for t in with_ask)
    assert any(any(f in t for items in FRAMES.values() for f in items) for t in texts)


def test_injection_secret_asks_and_frames_cover_every_language() -> None:
    from mantlet.train.multilingual_vocab import BENIGN
    from mantlet.train.secret_asks_vocab import FRAMES, SECRET_ASKS

    assert set(SECRET_ASKS) == set(FRAMES) == set(BENIGN)
    assert all(len(items) == 4 for table in (SECRET_ASKS, FRAMES) for items in table.values())
