"""One-pass checks: whether a text holds any of many literal strings (`Literals`), and the
Hyperscan databases such checks run on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def single_match_db(
    expressions: Sequence[str], caseless: Sequence[bool] = (), utf8: bool = False
) -> object | None:
    """A Hyperscan database that reports each expression's first match only (ids are indexes
    into `expressions`), or None without Hyperscan."""
    return _database(expressions, caseless, utf8, single=True)


def every_match_db(expressions: Sequence[str], caseless: bool = False) -> object | None:
    """A Hyperscan database that reports every match of each expression, over one byte per
    character (ids are indexes into `expressions`), or None without Hyperscan."""
    return _database(expressions, [caseless] * len(expressions), utf8=False, single=False)


def _database(
    expressions: Sequence[str], caseless: Sequence[bool], utf8: bool, single: bool
) -> object | None:
    try:
        import hyperscan as hs
    except ImportError:
        return None
    db = hs.Database()
    db.compile(
        expressions=[e.encode() for e in expressions],
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=[
            (hs.HS_FLAG_SINGLEMATCH if single else 0)
            | (hs.HS_FLAG_UTF8 if utf8 else 0)
            | (hs.HS_FLAG_CASELESS if i < len(caseless) and caseless[i] else 0)
            for i in range(len(expressions))
        ],
    )
    return db


class Literals:
    """Whether a text contains one of some literal strings. Hyperscan finds any of them in one
    pass over the UTF-8 bytes; `re`, used when Hyperscan is missing or the text is not valid
    UTF-8, tries every alternative at every position (15x slower on a 200-character token)."""

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted(set(literals))
        self._re = re.compile("|".join(re.escape(w) for w in words))
        self._db = single_match_db([re.escape(w) for w in words])
        self._stopped: type[Exception] = Exception
        if self._db is not None:
            import hyperscan

            self._stopped = hyperscan.ScanTerminated

    def found_in(self, text: str) -> bool:
        if self._db is None:
            return self._re.search(text) is not None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: Hyperscan needs valid UTF-8
            return self._re.search(text) is not None
        try:
            self._db.scan(data, match_event_handler=_stop)  # type: ignore[attr-defined]
        except self._stopped:
            return True
        return False


def _stop(pid: int, start: int, end: int, flags: int, ctx: object) -> bool:
    return True  # the first match answers the question: stop scanning
