"""Sizes for Chinese text in fixed-width layouts: there is no autofit in .xlsx files.

An East-Asian wide character takes about two Latin character widths, which is the unit of an
Excel column width, so widths and wrapped line counts are estimated in those units.
"""
from __future__ import annotations

import math
import re
import unicodedata

# Ambiguous-width characters (“”、…、—) are drawn full width by Chinese fonts.
_WIDE = frozenset("WFA")


def _wide_characters() -> re.Pattern[str]:
    """A character class of every wide character, built once: counting its matches runs in C,
    where asking `unicodedata` character by character took seconds for a 5,000-row table."""
    ranges: list[str] = []
    start = None
    for code in range(0x10000):
        wide = not 0xD800 <= code <= 0xDFFF and unicodedata.east_asian_width(chr(code)) in _WIDE
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    # Beyond the basic plane only the CJK extension planes are wide.
    ranges.append(f"{chr(0x20000)}-{chr(0x3FFFD)}")
    return re.compile(f"[{''.join(ranges)}]")


_WIDE_CHARACTER = _wide_characters()


def display_width(text: str) -> int:
    """Width of one line of `text` in Latin character units."""
    return len(text) + _WIDE_CHARACTER.subn("", text)[1]


def column_width(texts: list[str], *, minimum: float, maximum: float, padding: float = 2.0) -> float:
    """A column width that fits the widest line of `texts`, between `minimum` and `maximum`."""
    widest = 0
    for text in texts:
        for line in text.split("\n"):
            if len(line) + padding >= maximum:  # at least as wide as the cap: no need to measure
                return maximum
            widest = max(widest, display_width(line))
    return max(minimum, min(maximum, widest + padding))


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes when wrapped in a column `width` units wide."""
    usable = max(width - 1.0, 2.0)  # cell padding
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))
