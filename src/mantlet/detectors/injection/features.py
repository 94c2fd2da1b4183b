"""Hashed character and word n-gram features, computed with numpy (no scikit-learn needed).

Training and inference share this one function, so the shipped weights always see the
features they were trained on. Hashing is a fixed polynomial over code points: stable
across processes (Python's `hash` is salted per process, so it cannot be used).
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

FEATURE_BITS = 19
N_FEATURES = 1 << FEATURE_BITS
CHAR_NGRAMS = (2, 3, 4, 5)
WORD_NGRAMS = (1, 2)
FEATURE_VERSION = 1

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_PRIME = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(64 - FEATURE_BITS)
_WORD_SALT = np.uint64(0x5851F42D4C957F2D)

IntArray = npt.NDArray[np.int64]


def canonical(text: str) -> str:
    """Lower case, one space between words: what the classifier reads."""
    return _SPACE_RE.sub(" ", text).strip().lower()


def _finalize(hashes: npt.NDArray[np.uint64], salt: int) -> IntArray:
    mixed = (hashes ^ np.uint64(salt)) * _MIX
    return (mixed >> _SHIFT).astype(np.int64)


def char_ngram_ids(text: str) -> IntArray:
    """Feature ids of every character n-gram (n in CHAR_NGRAMS) of canonical text, padded by
    a space on each side so word edges count."""
    padded = f" {text} "
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts: list[IntArray] = []
    for n in CHAR_NGRAMS:
        count = len(codes) - n + 1
        if count <= 0:
            continue
        h = codes[:count].copy()
        for k in range(1, n):
            h = h * _PRIME + codes[k : k + count]
        parts.append(_finalize(h, n))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def word_ngram_ids(text: str) -> IntArray:
    """Feature ids of word unigrams and bigrams."""
    words = _WORD_RE.findall(text)
    if not words:
        return np.zeros(0, dtype=np.int64)
    h = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    h = h * _WORD_SALT
    parts = [_finalize(h, 101)]
    if 2 in WORD_NGRAMS and len(words) > 1:
        parts.append(_finalize(h[:-1] * _PRIME + h[1:], 102))
    return np.concatenate(parts)


def feature_ids(text: str) -> IntArray:
    """The distinct feature ids of a text (binary features; the caller L2-normalizes)."""
    text = canonical(text)
    ids = np.concatenate([char_ngram_ids(text), word_ngram_ids(text)])
    ids.sort()
    if len(ids) < 2:
        return ids
    keep = np.empty(len(ids), dtype=bool)
    keep[0] = True
    np.not_equal(ids[1:], ids[:-1], out=keep[1:])
    return ids[keep]
