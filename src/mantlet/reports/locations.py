"""Character offsets to line and column numbers, the way editors and SARIF count them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Region:
    """A span as 1-based lines and columns; `end_column` is the column after the last character."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


class LineIndex:
    """Maps offsets in `text` to lines and columns (Unicode code points); `first_line` is the
    number of the text's first line, for texts that are one block of a larger file."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        self._first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at `offset`."""
        index = bisect_right(self._line_starts, offset) - 1
        return self._first_line + index, offset - self._line_starts[index] + 1

    def region(self, start: int, end: int) -> Region:
        start_line, start_column = self.position(start)
        end_line, end_column = self.position(end)
        return Region(start_line, start_column, end_line, end_column)
