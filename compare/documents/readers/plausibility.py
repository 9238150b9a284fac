"""How plausible a text is as Chinese: what a wrong encoding or a font without a Unicode map yields.

Decoding Big5 bytes as GB18030, UTF-16 bytes as anything else, or a PDF font's glyph numbers as
characters all "succeed" and give garbage; these measures tell such garbage from real text.
"""
from __future__ import annotations

import functools
import re

from compare.documents.normalize import to_simplified

GARBLED_SHARE = 0.3  # share of implausible characters above which a text is garbage
_CID = re.compile(r"\(cid:\d+\)")

# Characters a Chinese policy text is made of, besides CJK ideographs (checked separately).
_EXPECTED_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA7, 0xA7), (0xB0, 0xB1), (0xB7, 0xB7), (0xD7, 0xD7), (0xF7, 0xF7),  # § ° ± · × ÷
    (0x391, 0x3C9),  # Greek letters in formulas
    (0x2000, 0x206F),  # general punctuation: — … ‰ ※
    (0x2100, 0x22FF),  # letterlike, number forms (Ⅲ), arrows, maths (≥)
    (0x2460, 0x27BF),  # enclosed numbers ①, box drawing ─, shapes ■●, symbols ★ ✓
    (0x3000, 0x303F),  # CJK punctuation
    (0x3200, 0x33FF),  # enclosed CJK ㈠, units ㎡
    (0xFE30, 0xFE4F),  # vertical forms
    (0xFF00, 0xFFEF),  # full-width forms
)


@functools.cache
def _common_hanzi() -> frozenset[str]:
    """The 6,763 characters of GB 2312: together they cover well over 99% of modern Chinese text."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"


def _expected(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _EXPECTED_RANGES)


def garbled_share(text: str) -> float:
    """Share of characters no Chinese policy text is made of: what a wrong decoding or a broken font yields.

    Counts "(cid:N)" placeholders, control and private-use characters, letters of unrelated
    scripts (Latin-1 mojibake, Cyrillic, kana), rare ideographs — a broken CID mapping lands on
    arbitrary code points, mostly outside the common character set — and, on pages with little
    Chinese, ASCII runs as dense in punctuation as glyph numbers read as characters are.
    """
    cids = len(_CID.findall(text))
    text = _CID.sub("", text)
    chars = [ch for ch in text if not ch.isspace()]
    total = len(chars) + cids
    if not total:
        return 0.0
    hanzi = "".join(ch for ch in chars if _is_hanzi(ch))
    common = _common_hanzi()
    rare = sum(1 for ch in to_simplified(hanzi) if ch not in common)
    odd = sum(1 for ch in chars if not _is_hanzi(ch) and not _expected(ch))
    share = (cids + rare + odd) / total
    ascii_chars = [ch for ch in chars if " " < ch <= "~"]
    if len(hanzi) < total * 0.3 and len(ascii_chars) >= 20:
        # Glyph numbers of a subset font read as ASCII: punctuation-dense, unlike any prose.
        punctuation = sum(1 for ch in ascii_chars if not ch.isalnum())
        share = max(share, punctuation / len(ascii_chars) * 1.5)
    return share
