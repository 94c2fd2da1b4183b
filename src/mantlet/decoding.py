"""Find and decode encoded segments (base64, hex, URL, HTML entities, rot13, Unicode tags).

Attackers hide instructions and exfiltrate secrets in encodings. Decoding is bounded in
depth, count and size, so a hostile input cannot make a scan slow or large.
"""

from __future__ import annotations

import binascii
import codecs
import html
import re
from collections.abc import Callable, Iterator

from mantlet.literals import single_match_db
from mantlet.runs import char_bytes, long_runs, non_space_end, run_table
from mantlet.views import View, ViewKind

MAX_DEPTH = 3
MAX_SEGMENTS = 32
MAX_DECODED_CHARS = 256 * 1024
MIN_DECODED_CHARS = 6

# Tokens are whole runs of their characters: the run is found first (see `_runs`), then
# checked.
_BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-"
_HEX_CHARS = "0123456789ABCDEFabcdef"
_HEX_ESCAPES_RE = re.compile(r"(?:\\x[0-9A-Fa-f]{2}){4,}")
_PERCENT_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG_RUN_RE = re.compile("[\U000e0020-\U000e007e]{2,}")
_WORDS_RE = re.compile(r"[A-Za-z]{2,}")
_LETTER_RUN_RE = re.compile(r"[A-Za-z][A-Za-z '\-,.!?]{11,}")

# Frequent English words: rot13 text is kept only when decoding makes it read as English.
_COMMON_WORDS = frozenset(
    [
        "the",
        "be",
        "to",
        "of",
        "and",
        "a",
        "in",
        "that",
        "have",
        "it",
        "for",
        "not",
        "on",
        "with",
        "he",
        "as",
        "you",
        "do",
        "at",
        "this",
        "but",
        "his",
        "by",
        "from",
        "they",
        "we",
        "say",
        "her",
        "she",
        "or",
        "an",
        "will",
        "my",
        "one",
        "all",
        "would",
        "there",
        "their",
        "what",
        "so",
        "up",
        "out",
        "if",
        "about",
        "who",
        "get",
        "which",
        "go",
        "me",
        "when",
        "make",
        "can",
        "like",
        "time",
        "no",
        "just",
        "him",
        "know",
        "take",
        "people",
        "into",
        "year",
        "your",
        "good",
        "some",
        "could",
        "them",
        "see",
        "other",
        "than",
        "then",
        "now",
        "look",
        "only",
        "come",
        "its",
        "over",
        "think",
        "also",
        "back",
        "after",
        "use",
        "two",
        "how",
        "our",
        "work",
        "first",
        "well",
        "way",
        "even",
        "new",
        "want",
        "because",
        "any",
        "these",
        "give",
        "day",
        "most",
        "us",
        "is",
        "are",
        "was",
        "were",
        "been",
        "has",
        "had",
        "did",
        "does",
        "ignore",
        "previous",
        "instructions",
        "instruction",
        "tell",
        "say",
        "reveal",
        "secret",
        "password",
        "system",
        "prompt",
        "print",
        "output",
        "answer",
        "please",
        "above",
        "below",
        "rules",
        "forget",
        "disregard",
        "new",
        "task",
        "act",
        "now",
        "from",
        "here",
        "write",
        "show",
        "me",
        "key",
    ]
)


def decode_segments(original: View, folded: View) -> list[View]:
    """All decoded segments of a document, breadth first, within the bounds above."""
    found: list[View] = []
    budget = [MAX_DECODED_CHARS]
    queue: list[View] = [original] if folded is original else [original, folded]
    seen: set[str] = set()
    depth = 0
    while queue and depth < MAX_DEPTH:
        next_queue: list[View] = []
        for view in queue:
            for segment in _decode_view(view, depth + 1):
                if len(found) >= MAX_SEGMENTS or budget[0] < len(segment.text):
                    return found
                if segment.text in seen:
                    continue
                seen.add(segment.text)
                budget[0] -= len(segment.text)
                found.append(segment)
                next_queue.append(segment)
        queue = next_queue
        depth += 1
    return found


def _decode_view(view: View, depth: int) -> Iterator[View]:
    text = view.text
    if len(text) < MIN_DECODED_CHARS:
        return
    encoded = b""  # the text's `char_bytes`, which base64 and hex both scan: made once
    for name in _GATE.open(text):
        decode = _DECODERS.get(name)
        if decode is not None:
            yield from decode(view, depth)
        else:
            encoded = encoded or char_bytes(text)
            yield from _RUN_DECODERS[name](view, depth, encoded)


def _printable_text(raw: bytes) -> str | None:
    """`raw` as text, if it is UTF-8 and reads as text."""
    # Bytes that are not UTF-8 become lone surrogates, which UTF-8 never decodes to: most
    # tokens decode to binary, and an exception raised and caught for each costs ~5K.
    text = raw.decode("utf-8", "surrogateescape")
    if len(text) < MIN_DECODED_CHARS:
        return None
    if not text.isprintable():  # else every character counts, at C speed
        if _ESCAPED_BYTE_RE.search(text) is not None:
            return None  # not UTF-8
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if printable < 0.95 * len(text):
            return None
    alnum = len(_NOT_ALNUM_RE.sub("", text))
    if alnum < 0.5 * len(text.replace(" ", "")):
        return None
    return text


_NOT_ALNUM_RE = re.compile(r"[\W_]+")  # what str.isalnum() rejects
_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")  # what `surrogateescape` makes of a byte


_BASE64_TABLE = run_table(_BASE64_CHARS)
_HEX_TABLE = run_table(_HEX_CHARS)
_MIN_RUN = 16


def _runs(encoded: bytes, table: bytes) -> list[tuple[int, int]]:
    """Spans of the maximal runs, 16 or longer, of the characters `table` marks in a text
    (`encoded` is its `char_bytes`): what `re.finditer("[...]{16,}")` finds, but in C (see
    `mantlet.runs`)."""
    return list(long_runs(encoded.translate(table), _MIN_RUN))


def _base64_tokens(text: str, encoded: bytes) -> list[tuple[int, int]]:
    """Runs of base64 (or URL-safe base64) characters, at least 16, with 0-2 `=` after."""
    return [(a, b) for a, b in _runs(encoded, _BASE64_TABLE) if _is_base64_token(text[a:b])]


def _is_base64_token(run: str) -> bool:
    """Whether a run of `_BASE64_CHARS` is a whole `(?:[A-Za-z0-9+/]{16,}|[A-Za-z0-9_-]{16,})
    ={0,2}`: a body of 16 or more characters without `=`, not mixing `+/` with `-_`, then at
    most two `=`. String checks run in C, where that regex backtracks over every run."""
    body = run.rstrip("=")
    if len(body) < _MIN_RUN or len(run) - len(body) > 2 or "=" in body:
        return False
    return not (("+" in body or "/" in body) and ("-" in body or "_" in body))


def _hex_tokens(text: str, encoded: bytes) -> list[tuple[int, int]]:
    """Runs of an even number (16 or more) of hex digits, and runs of `\\xNN` escapes."""
    found = [(a, b) for a, b in _runs(encoded, _HEX_TABLE) if (b - a) % 2 == 0]
    if "\\x" in text:
        found.extend(m.span() for m in _HEX_ESCAPES_RE.finditer(text))
        found.sort()
    return found


# Over bytes: a `str.translate` table is a dict, looked up (and missed) per character.
_URL_SAFE_TO_STANDARD = bytes.maketrans(b"-_", b"+/")


def _base64(view: View, depth: int, encoded: bytes) -> Iterator[View]:
    for start, end in _base64_tokens(view.text, encoded):
        token = view.text[start:end].rstrip("=")
        if token.isalpha() and (token.islower() or token.isupper()):
            continue  # an ordinary long word, not base64
        if len(token) % 4 == 1:
            continue  # no encoding ends so: a2b_base64 would raise
        padded = (token + "=" * (-len(token) % 4)).encode("ascii")
        if "-" in token or "_" in token:
            padded = padded.translate(_URL_SAFE_TO_STANDARD)
        try:  # what base64.b64decode(validate=True) runs, without its wrapper's overhead
            raw = binascii.a2b_base64(padded, strict_mode=True)
        except (binascii.Error, ValueError):
            continue
        text = _printable_text(raw)
        if text is not None:
            yield view.derive_coarse(text, start, end, "base64", depth)


def _hex(view: View, depth: int, encoded: bytes) -> Iterator[View]:
    for start, end in _hex_tokens(view.text, encoded):
        token = view.text[start:end].replace("\\x", "")
        try:
            raw = bytes.fromhex(token)
        except ValueError:
            continue
        text = _printable_text(raw)
        if text is not None:
            yield view.derive_coarse(text, start, end, "hex", depth)


def _token_runs(text: str, inside: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Spans of the whitespace-delimited tokens that hold a match of `inside` (which has no
    whitespace): what `re.finditer(r"\\S*(?:inside)\\S*", text)` finds, without its retrying
    from every character of every token. From each match, the token is grown both ways."""
    backwards = ""  # the text reversed, to grow tokens leftwards: made on the first match
    pos = 0
    while (found := inside.search(text, pos)) is not None:
        backwards = backwards or text[::-1]
        start = len(text) - non_space_end(backwards, len(text) - found.start())
        pos = non_space_end(text, found.start())
        yield start, pos


def _unescape_run(
    view: View,
    run: tuple[int, int],
    escape: re.Pattern[str],
    decode: Callable[[str], str],
    encoding: str,
    depth: int,
) -> View | None:
    """Decode each escape in a run on its own, keeping a per-character offset map."""
    chunks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos, run_end = run
    for m in escape.finditer(view.text, pos, run_end):
        a, b = m.span()
        if pos < a:  # plain characters map one to one
            chunks.append(view.text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        decoded = decode(m.group())
        chunks.append(decoded)
        starts.extend([a] * len(decoded))
        ends.extend([b] * len(decoded))
        pos = b
    if pos < run_end:
        chunks.append(view.text[pos:run_end])
        starts.extend(range(pos, run_end))
        ends.extend(range(pos + 1, run_end + 1))
    text = "".join(chunks)
    if text == view.text[run[0] : run_end] or len(text) < MIN_DECODED_CHARS:
        return None
    return view.derive(ViewKind.DECODED, text, starts, ends, encoding, depth)


_PERCENT_ESCAPES_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _percent_decode(escapes: str) -> str:
    raw = bytes.fromhex(escapes.replace("%", ""))
    return raw.decode("utf-8", errors="replace")


def _url(view: View, depth: int) -> Iterator[View]:
    if "%" not in view.text:
        return
    for run in _token_runs(view.text, _PERCENT_RE):
        decoded = _unescape_run(view, run, _PERCENT_ESCAPES_RE, _percent_decode, "url", depth)
        if decoded is not None:
            yield decoded


def _html(view: View, depth: int) -> Iterator[View]:
    if "&" not in view.text:
        return
    for run in _token_runs(view.text, _ENTITY_RE):
        decoded = _unescape_run(view, run, _ENTITY_RE, html.unescape, "html", depth)
        if decoded is not None:
            yield decoded


def _english_ratio(text: str) -> float:
    words = _WORDS_RE.findall(text)
    if len(words) < 3:
        return 0.0
    return sum(1 for w in words if w.lower() in _COMMON_WORDS) / len(words)


_VOWELS = frozenset("aeiouAEIOU")
# Latin-script languages run 37-47% vowels among ASCII letters; after rot13 the vowels are
# the old n, r, v, b, h: 17-24%. So a view that reads vowel-poor and turns vowel-rich (or
# English) under rot13 is rot13 whatever its language, and is decoded whole, so the text
# keeps its context instead of splitting at every digit or colon.
_MIN_ROT13_LETTERS = 24


def _vowel_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    return sum(1 for ch in letters if ch in _VOWELS) / len(letters) if letters else 0.0


def _reads_as_rot13(text: str) -> bool:
    if sum(1 for ch in text if ch.isascii() and ch.isalpha()) < _MIN_ROT13_LETTERS:
        return False
    plain = _english_ratio(text)
    if plain >= 0.5:
        return False
    rotated = codecs.encode(text, "rot13")
    if _english_ratio(rotated) >= max(0.3, plain + 0.2):
        return True
    return _vowel_ratio(text) < 0.28 and _vowel_ratio(rotated) >= 0.33


def _rot13(view: View, depth: int) -> Iterator[View]:
    if view.encoding == "rot13":
        return
    text = view.text
    if _reads_as_rot13(text):
        yield view.derive(
            ViewKind.DECODED,
            codecs.encode(text, "rot13"),
            list(range(len(text))),
            list(range(1, len(text) + 1)),
            "rot13",
            depth,
        )
        return
    for line_match in _LETTER_RUN_RE.finditer(view.text):
        line = line_match.group()
        plain = _english_ratio(line)
        if plain >= 0.5:
            continue
        rotated = codecs.encode(line, "rot13")
        if _english_ratio(rotated) >= max(0.3, plain + 0.2):
            start = line_match.start()
            yield view.derive(
                ViewKind.DECODED,
                rotated,
                list(range(start, start + len(line))),
                list(range(start + 1, start + len(line) + 1)),
                "rot13",
                depth,
            )


def _tags(view: View, depth: int) -> Iterator[View]:
    """Unicode tag characters (U+E0020..E007E) mirror ASCII and render as nothing."""
    for m in _TAG_RUN_RE.finditer(view.text):
        text = "".join(chr(ord(ch) - 0xE0000) for ch in m.group())
        start = m.start()
        yield view.derive(
            ViewKind.DECODED,
            text,
            list(range(start, m.end())),
            list(range(start + 1, m.end() + 1)),
            "unicode_tags",
            depth,
        )


_DECODERS: dict[str, Callable[[View, int], Iterator[View]]] = {
    "tags": _tags,
    "url": _url,
    "html": _html,
    "rot13": _rot13,
}
# The decoders that scan runs of ASCII characters, given the text's `char_bytes` too.
_RUN_DECODERS: dict[str, Callable[[View, int, bytes], Iterator[View]]] = {
    "base64": _base64,
    "hex": _hex,
}

# Cheap necessary conditions for each decoder, checked in one pass: most texts hold no
# encoding at all, and then no decoder's own (slower) regex runs.
_GATE_PATTERNS: dict[str, tuple[str, int]] = {
    "tags": ("[\U000e0020-\U000e007e]", 0),
    "base64": (r"[A-Za-z0-9+/_-]{16}", 0),
    "hex": (r"[0-9A-Fa-f]{16}|\\x[0-9A-Fa-f]{2}", 0),
    "url": (r"%[0-9A-Fa-f]{2}", 0),
    "html": (r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", 0),
    # Frequent words after rot13: English (the, and, you, ignore, previous, instructions ...),
    # then German, French, Spanish, Italian, Portuguese, Indonesian, Turkish (der, und, vous,
    # que, che, yang, anda, bir ...).
    "rot13": (
        r"\b(?:gur|naq|lbh|lbhe|vtaber|cerivbhf|vafgehpgvbaf?|gryy|frperg|cnffjbeq|flfgrz"
        r"|cebzcg|jvgu|guvf|gung|jung|sbetrg|eriyrny|nyy|bhgchg|cevag"
        r"|qre|qvr|qnf|haq|vpu|fvr|vfg|ibhf|yrf|rfg|dhr|ybf|ynf|cbe|cnen|pur|qryyn|hzn|pbz"
        r"|lnat|qna|naqn|fnln|gvqnx|ncn|vav|vgh|ove|ora)\b",
        re.IGNORECASE,
    ),
}


class _Gate:
    """Which decoders can apply to a text, in one Hyperscan pass over its UTF-8 bytes (else
    `re`). Both use ASCII classes, so they agree on `\\b` next to non-ASCII letters."""

    def __init__(self, patterns: dict[str, tuple[str, int]]) -> None:
        self._names = list(patterns)
        self._python = [(n, re.compile(p, f | re.ASCII)) for n, (p, f) in patterns.items()]
        self._db = single_match_db(
            [p for p, _ in patterns.values()],
            caseless=[bool(f & re.IGNORECASE) for _, f in patterns.values()],
            utf8=True,
        )

    def open(self, text: str) -> list[str]:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: Hyperscan needs valid UTF-8
            data = b""
        if self._db is None or not data:
            return [n for n, r in self._python if r.search(text)]
        hits: set[int] = set()

        def on_match(pid: int, start: int, end: int, flags: int, ctx: object) -> None:
            hits.add(pid)

        self._db.scan(data, match_event_handler=on_match)  # type: ignore[attr-defined]
        return [self._names[i] for i in sorted(hits)]


_GATE = _Gate(_GATE_PATTERNS)
