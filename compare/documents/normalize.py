"""Matching keys: the text as the matcher sees it, never shown to the user.

The key has exactly one character for each character of the displayed text, so a span found
in the key is the same span in the text. It folds what should not make two items differ:
full-width and half-width forms (NFKC), letter case, and Traditional vs Simplified characters.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import opencc

_WHITESPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


class _FoldTable(dict):
    """str.translate table that folds each character once (NFKC, lower case) and remembers it.

    A fold that would change the length (NFKC of "㈠" is "(一)") keeps the character, so the
    key stays position-aligned with the text.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch).lower()
        self[code] = value = folded if len(folded) == 1 else ch
        return value


_FOLD = _FoldTable()


def matching_key(text: str) -> str:
    """Fold `text` for matching, keeping one key character per text character."""
    folded = text.translate(_FOLD)
    converted = _t2s().convert(folded)
    if len(converted) == len(folded):
        return converted
    # A phrase conversion changed the length: fall back to character-by-character conversion.
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in folded)


def to_simplified(text: str) -> str:
    """Simplified-character form of `text` (used to recognise Traditional numbering words)."""
    return _t2s().convert(text)


def clean_line(text: str) -> str:
    """Normalise a line for display: CR/LF and odd spaces folded, ends trimmed. Characters are kept."""
    text = text.replace("\r", "")
    text = _WHITESPACE.sub(" ", text)
    return text.strip()


def without_lone_surrogates(text: str) -> str:
    """`text` with lone surrogates (from UTF-7, or escaped in JSON) as U+FFFD: no file can be written with them."""
    return _LONE_SURROGATE.sub("\ufffd", text)
