"""Sizes for Chinese text in fixed-width layouts: there is no autofit in .xlsx files.

An East-Asian wide character takes about two Latin character widths, which is the unit of an
Excel column width, so widths and wrapped line counts are estimated in those units.
"""
from __future__ import annotations

import math
import unicodedata

# Ambiguous-width characters (“”、…、—) are drawn full width by Chinese fonts.
_WIDE = frozenset("WFA")


def display_width(text: str) -> int:
    """Width of one line of `text` in Latin character units."""
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def column_width(texts: list[str], *, minimum: float, maximum: float, padding: float = 2.0) -> float:
    """A column width that fits the widest line of `texts`, between `minimum` and `maximum`."""
    widest = max((display_width(line) for text in texts for line in text.split("\n")), default=0)
    return max(minimum, min(maximum, widest + padding))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes when wrapped in a column `width` units wide."""
    usable = max(width - 1.0, 2.0)  # cell padding
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))
