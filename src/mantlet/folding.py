"""Character classes used to fold text: invisible characters and Latin look-alikes."""

from __future__ import annotations

import re

# Characters that render as nothing (or only steer layout) and so can hide or split words.
# Unicode tags (U+E0000..E007F) also smuggle ASCII text: see decoding.decode_unicode_tags.
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # arabic letter mark
    (0x115F, 0x1160),  # hangul fillers
    (0x17B4, 0x17B5),  # khmer inherent vowels
    (0x180B, 0x180F),  # mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, joiners, LRM/RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0x3164, 0x3164),  # hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space / BOM
    (0xFFA0, 0xFFA0),  # halfwidth hangul filler
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE007F),  # tags
    (0xE0100, 0xE01EF),  # variation selectors supplement
)

BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for lo, hi in ranges:
        parts.append(
            re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        )
    return "[" + "".join(parts) + "]"


def any_of(char_class: str, lowest: str) -> re.Pattern[str]:
    """A regex matching one character of `char_class` (none below `lowest`), spelled so that
    `re` finds it fast: a one-range class first, which `re` skips ahead with, then the look-
    behind on the full class. Many ranges checked at every character are 2x slower."""
    return re.compile(f"[{re.escape(lowest)}-\U0010ffff](?<={char_class})")


INVISIBLE_RE = any_of(_char_class(INVISIBLE_RANGES), chr(INVISIBLE_RANGES[0][0]))
INVISIBLE = frozenset(chr(c) for lo, hi in INVISIBLE_RANGES for c in range(lo, hi + 1))

# Cyrillic, Greek and other letters that look like ASCII letters in common fonts
# (a subset of Unicode's confusables.txt: the ones seen in homoglyph attacks).
CONFUSABLES: dict[str, str] = {
    # Cyrillic lower case
    "а": "a",
    "в": "b",
    "с": "c",
    "ԁ": "d",
    "е": "e",
    "һ": "h",
    "і": "i",
    "ј": "j",
    "к": "k",
    "ӏ": "l",
    "м": "m",
    "п": "n",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "г": "r",
    "ѕ": "s",
    "т": "t",
    "ц": "u",
    "ѵ": "v",
    "ԝ": "w",
    "х": "x",
    "у": "y",
    "ᴢ": "z",
    "ё": "e",
    "ї": "i",
    "ӕ": "ae",
    "ɡ": "g",
    # Cyrillic upper case
    "А": "A",
    "В": "B",
    "С": "C",
    "Е": "E",
    "Н": "H",
    "І": "I",
    "Ј": "J",
    "К": "K",
    "М": "M",
    "О": "O",
    "Р": "P",
    "Ѕ": "S",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ԝ": "W",
    "Ү": "Y",
    "Ԛ": "Q",
    "Ꮃ": "W",
    "Ꭺ": "A",
    "Ᏼ": "B",
    "Ꮯ": "C",
    "Ꭼ": "E",
    "Ꮋ": "H",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "γ": "y",
    "ω": "w",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    # Latin letters outside ASCII that mimic ASCII ones
    "ı": "i",
    "ȷ": "j",
    "ℓ": "l",
    "ɑ": "a",
    "ʏ": "y",
    "ɪ": "i",
    "ʀ": "r",
}
# Only single-character replacements keep offsets one-to-one.
CONFUSABLES = {k: v for k, v in CONFUSABLES.items() if len(v) == 1}
_CONFUSABLE_CLASS = "[" + "".join(re.escape(c) for c in CONFUSABLES) + "]"
CONFUSABLE_RE = re.compile(_CONFUSABLE_CLASS)
CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)
# An invisible or a look-alike character, in one pass.
FOLDABLE_RE = any_of(
    _char_class(INVISIBLE_RANGES)[:-1] + _CONFUSABLE_CLASS[1:],
    min(min(INVISIBLE), min(CONFUSABLES)),
)
