"""`Literals`: whether a text holds any of many literal strings, in one Hyperscan pass."""

from __future__ import annotations

import re
from collections.abc import Iterable


class Literals:
    """Whether a text contains one of some literal strings. Hyperscan finds any of them in one
    pass over the UTF-8 bytes; `re`, used when Hyperscan is missing or the text is not valid
    UTF-8, tries every alternative at every position (15x slower on a 200-character token)."""

    def __init__(self, literals: Iterable[str]) -> None:
        words = sorted(set(literals))
        self._re = re.compile("|".join(re.escape(w) for w in words))
        self._db: object | None = None
        try:
            import hyperscan as hs
        except ImportError:
            return
        db = hs.Database()
        db.compile(
            expressions=[re.escape(w).encode() for w in words],
            ids=list(range(len(words))),
            elements=len(words),
            flags=[hs.HS_FLAG_SINGLEMATCH] * len(words),
        )
        self._db = db
        self._stopped: type[Exception] = hs.ScanTerminated

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
