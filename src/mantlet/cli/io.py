"""Input handling shared by `mantlet scan`, `redact` and `restore`: files, directories,
stdin and JSON lines, read as streams, with bad input reported by file and line.

Error policy (`--errors`):
- `fail` (default): stop at the first bad input with a one-line error; exit code 2.
- `replace`: undecodable bytes become U+FFFD and the text is processed; JSON lines that are
  still unusable (malformed JSON, missing or non-string field) are handled as with `skip`.
- `skip`: a bad JSON line is reported on stderr and `{"error": "..."}` is printed in its
  place, so output stays aligned line for line with input; in text files undecodable bytes
  are dropped; binary files are skipped with a warning.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import click

from mantlet.errors import InputError

STDIN = "-"
BLOCK_CHARS = 64 * 1024  # text is scanned in blocks of about this size, cut at line ends
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


class ErrorPolicy(StrEnum):
    FAIL = "fail"
    REPLACE = "replace"
    SKIP = "skip"


class BadInput(InputError):
    """Input that cannot be processed, located as `file:line: what`."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


def inputs_or_stdin(paths: list[str] | None) -> list[str]:
    """The paths given, else stdin; but not a terminal's stdin unless asked for with '-',
    so a bare command prints help instead of waiting for typing."""
    if paths:
        return paths
    if sys.stdin.isatty():
        raise click.UsageError("name files or directories, or pipe text in (- reads stdin)")
    return [STDIN]


def display_name(path: str) -> str:
    """A path safe to print: undecodable bytes in file names shown as U+FFFD."""
    if path == STDIN:
        return "<stdin>"
    return os.fsencode(path).decode("utf-8", "replace")


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each input as (path, named): files as given, directories walked (sorted, hidden and
    vendored folders left out). `named` is False for files found by walking."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
                )
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if not name.startswith(".") and os.path.isfile(full):
                        yield full, False
        else:
            yield path, True


def input_size(path: str) -> int | None:
    if path == STDIN:
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return None


@contextmanager
def open_binary(path: str) -> Iterator[IO[bytes]]:
    """The input's bytes; stdin is read but never closed."""
    if path == STDIN:
        yield sys.stdin.buffer
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        raise BadInput(display_name(path), None, "no such file") from None
    except IsADirectoryError:
        raise BadInput(display_name(path), None, "is a directory") from None
    except PermissionError:
        raise BadInput(display_name(path), None, "permission denied") from None
    with handle:
        yield handle


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A piece of a text input: `offset` characters and `first_line - 1` lines precede it."""

    source: str
    text: str
    offset: int
    first_line: int

    @property
    def size(self) -> int:
        """Its length in UTF-8 bytes, for progress bars."""
        return len(self.text.encode("utf-8", "surrogatepass"))


def read_text_blocks(
    path: str, policy: ErrorPolicy, *, block_chars: int = BLOCK_CHARS
) -> Iterator[TextBlock]:
    """A text file (or stdin) as blocks cut at line ends, preferring blank lines, so multi-line
    values such as PEM keys usually stay in one block. Never holds the whole file in memory."""
    name = display_name(path)
    errors = {
        ErrorPolicy.FAIL: "strict",
        ErrorPolicy.REPLACE: "replace",
        ErrorPolicy.SKIP: "ignore",
    }
    decoder = codecs.getincrementaldecoder("utf-8")(errors[policy])
    pending, offset, line = "", 0, 1
    with open_binary(path) as handle:
        while True:
            raw = handle.read(block_chars)
            if b"\0" in raw:
                raise BadInput(name, line + pending.count("\n"), "binary data (NUL byte)")
            try:
                pending += decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                at = line + pending.count("\n") + raw[: max(exc.start, 0)].count(b"\n")
                raise BadInput(name, at, "not valid UTF-8") from None
            while pending and (not raw or len(pending) >= block_chars):
                cut = (
                    _cut_point(pending, block_chars)
                    if len(pending) >= block_chars
                    else len(pending)
                )
                text, pending = pending[:cut], pending[cut:]
                yield TextBlock(name, text, offset, line)
                offset += len(text)
                line += text.count("\n")
            if not raw:
                return


def _cut_point(text: str, block_chars: int) -> int:
    """Where to end a block: after the last blank line in its second half, else after the
    last line end, else at the size limit (one very long line)."""
    blank = text.rfind("\n\n", block_chars // 2, block_chars)
    if blank >= 0:
        return blank + 2
    newline = text.rfind("\n", 0, block_chars)
    return newline + 1 if newline >= 0 else block_chars


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One input line: its record and the field's text, or why it cannot be used."""

    line: int
    size: int
    record: dict[str, Any] | None = None
    text: str | None = None
    error: str | None = None


def read_json_lines(path: str, field: str, policy: ErrorPolicy) -> Iterator[JsonLine]:
    """Every line of a JSONL input, in order, one at a time. Bad lines come back with
    `error` set (a message naming file and line, never the content)."""
    name = display_name(path)
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, start=1):
            yield parse_json_line(raw, number, name, field, policy)


def parse_json_line(
    raw: bytes, number: int, name: str, field: str, policy: ErrorPolicy
) -> JsonLine:
    """One JSONL line: its record and the field's text, or the reason it cannot be used."""
    try:
        record, text = _parse_line(raw, field, policy)
    except ValueError as exc:
        return JsonLine(number, len(raw), error=f"{name}:{number}: {exc}")
    return JsonLine(number, len(raw), record, text)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _parse_line(raw: bytes, field: str, policy: ErrorPolicy) -> tuple[dict[str, Any], str]:
    try:
        line = raw.decode("utf-8", "replace" if policy is ErrorPolicy.REPLACE else "strict")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1})"
        ) from None
    if not line.strip():
        raise ValueError("empty line, expected a JSON object")
    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {_json_type(record)}")
    if field not in record:
        raise ValueError(f"no field {field!r}")
    text = record[field]
    if not isinstance(text, str):
        raise ValueError(f"field {field!r} is {_json_type(text)}, not a string")
    return record, text


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def dump_json_line(value: object) -> str:
    """One compact JSON line, readable (not ASCII-escaped) unless it holds lone surrogates."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, separators=(", ", ": "))
    return text + "\n"


def warn(message: str) -> None:
    """A one-line message on stderr."""
    click.echo(f"mantlet: {message}", err=True)


def write_out(text: str) -> None:
    sys.stdout.write(text)


def path_label(path: str) -> str:
    """A path as reports show it: relative and with forward slashes."""
    if path == STDIN:
        return "<stdin>"
    candidate = Path(display_name(path))
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()
