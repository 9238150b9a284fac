"""Word's automatic numbering: the labels Word prints but does not store in the paragraph text.

A numbered paragraph names a list (`w:numPr/w:numId`, directly or through its paragraph style)
and a level (`w:ilvl`). The list (`w:num`) points to a list definition (`w:abstractNum`) whose
levels say how to count (`w:start`, `w:lvlRestart`) and how to print (`w:numFmt`, `w:lvlText`
such as "%1、" or "（%2）" or "%1.%2"). `Numbering.label` replays Word's counting in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")

_CN_DIGITS = "零一二三四五六七八九"
_CN_DIGIT_BY_DIGIT = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def val(element: etree._Element | None, default: str | None = None) -> str | None:
    """The `w:val` attribute of `element`, or `default` when the element or attribute is absent."""
    if element is None:
        return default
    return element.get(f"{W}val", default)


def int_val(element: etree._Element | None, default: int | None = None) -> int | None:
    value = val(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def chinese_counting(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 21 -> 二十一, 101 -> 一百零一, 110 -> 一百一十 (as Word prints them)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    units = ((1000, thousand), (100, hundred), (10, ten))
    out: list[str] = []
    rest = n
    zero_pending = False
    for size, name in units:
        d, rest = divmod(rest, size)
        if d:
            if zero_pending:
                out.append(digits[0])
                zero_pending = False
            if not (size == 10 and d == 1 and not out):  # 十一, not 一十一, at the start
                out.append(digits[d])
            out.append(name)
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out.append(digits[0])
        out.append(digits[rest])
    return "".join(out)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for size, word in _ROMAN:
        count, n = divmod(n, size)
        out.append(word * count)
    return "".join(out)


def _letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 53 -> aaa (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 0 < n <= len(table) else str(n)


def format_number(n: int, fmt: str) -> str:
    """`n` printed in the Word number format `fmt` (`w:numFmt`); unknown formats print decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital" or fmt == "japaneseDigitalTenThousand":
        return "".join(_CN_DIGIT_BY_DIGIT[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_counting(n, _CN_LEGAL_DIGITS, "拾", "佰", "仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from_table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from_table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(_FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText: "%1、", "（%2）", "%1.%2"
    restart: int | None = None  # lvlRestart: restart after this 1-based level; 0 = never; None = after any shallower
    legal: bool = False  # isLgl: print every placeholder as decimal
    style: str | None = None  # pStyle: the paragraph style tied to this level


def _read_level(lvl: etree._Element) -> Level:
    fmt_el = lvl.find(f"{W}numFmt")
    if fmt_el is None:  # Word 2010 puts custom formats in mc:AlternateContent with a plain fallback
        alt = lvl.find(_MC_ALTERNATE)
        fallback = alt.find(_MC_FALLBACK) if alt is not None else None
        fmt_el = fallback.find(f"{W}numFmt") if fallback is not None else None
    start = int_val(lvl.find(f"{W}start"))
    return Level(
        start=1 if start is None else start,
        fmt=val(fmt_el, "decimal") or "decimal",
        text=val(lvl.find(f"{W}lvlText"), "") or "",
        restart=int_val(lvl.find(f"{W}lvlRestart")),
        legal=lvl.find(f"{W}isLgl") is not None and val(lvl.find(f"{W}isLgl"), "1") not in ("0", "false"),
        style=val(lvl.find(f"{W}pStyle")),
    )


def _levels_of(element: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in element.iterfind(f"{W}lvl"):
        ilvl = _int_attr(lvl, "ilvl")
        if ilvl is not None and 0 <= ilvl < _LEVELS:
            levels[ilvl] = _read_level(lvl)
    return levels


def _int_attr(element: etree._Element, name: str) -> int | None:
    try:
        return int(element.get(f"{W}{name}", ""))
    except ValueError:
        return None


@dataclass(slots=True)
class _List:
    """A `w:num` resolved to the levels it prints with and the counter it shares."""

    counter_key: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]

    def start(self, ilvl: int) -> int:
        return self.start_overrides.get(ilvl, self.levels.get(ilvl, Level()).start)


@dataclass(slots=True)
class _Counter:
    values: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)


class Numbering:
    """The lists of one document, and their counters as reading advances."""

    def __init__(self, numbering_xml: etree._Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, etree._Element] = {}
        self._num: dict[str, etree._Element] = {}
        if numbering_xml is not None:
            for el in numbering_xml.iterfind(f"{W}abstractNum"):
                self._abstract[el.get(f"{W}abstractNumId", "")] = el
            for el in numbering_xml.iterfind(f"{W}num"):
                self._num[el.get(f"{W}numId", "")] = el
        self._lists: dict[str, _List | None] = {}
        self._counters: dict[str, _Counter] = {}

    def _abstract_for(self, num_id: str, depth: int = 0) -> tuple[str, etree._Element] | None:
        """The list definition behind `num_id`, following numStyleLink to a numbering style."""
        num = self._num.get(num_id)
        if num is None or depth > 4:
            return None
        abstract_id = val(num.find(f"{W}abstractNumId"))
        abstract = self._abstract.get(abstract_id or "")
        if abstract is None or abstract_id is None:
            return None
        link = val(abstract.find(f"{W}numStyleLink"))
        if link and not abstract.findall(f"{W}lvl"):
            linked_num, _ = self._styles.numbering_of(link)
            if linked_num and linked_num != num_id:
                return self._abstract_for(linked_num, depth + 1)
        return abstract_id, abstract

    def _list(self, num_id: str) -> _List | None:
        if num_id in self._lists:
            return self._lists[num_id]
        found = self._abstract_for(num_id)
        result: _List | None = None
        if found is not None:
            abstract_id, abstract = found
            levels = _levels_of(abstract)
            overrides: dict[int, int] = {}
            num = self._num[num_id]
            for override in num.iterfind(f"{W}lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                if ilvl is None or not 0 <= ilvl < _LEVELS:
                    continue
                start = int_val(override.find(f"{W}startOverride"))
                if start is not None:
                    overrides[ilvl] = start
                replacement = override.find(f"{W}lvl")
                if replacement is not None:
                    levels[ilvl] = _read_level(replacement)
            # Lists sharing a definition continue each other's numbering in Word; a list that
            # overrides levels ("restart numbering") counts on its own.
            key = f"num:{num_id}" if num.find(f"{W}lvlOverride") is not None else f"abstract:{abstract_id}"
            result = _List(key, levels, overrides)
        self._lists[num_id] = result
        return result

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose `w:pStyle` is `style_id` (a style can carry numId without ilvl)."""
        found = self._list(num_id)
        if found is None:
            return None
        for ilvl, level in found.levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of list `num_id` at level `ilvl` and return the printed label."""
        found = self._list(num_id)
        if found is None or not 0 <= ilvl < _LEVELS:
            return ""
        counter = self._counters.setdefault(found.counter_key, _Counter())
        level = found.levels.get(ilvl, Level())
        current = counter.values[ilvl]
        counter.values[ilvl] = found.start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = found.levels.get(deeper, Level()).restart
            if restart is None or restart > deeper:
                restart = deeper  # restart after any shallower level
            if restart != 0 and ilvl < restart:
                counter.values[deeper] = None
        if level.fmt == "bullet":
            return ""
        return _PLACEHOLDER.sub(lambda m: self._placeholder(found, counter, int(m.group(1)) - 1, level.legal), level.text).strip()

    @staticmethod
    def _placeholder(found: _List, counter: _Counter, ilvl: int, legal: bool) -> str:
        level = found.levels.get(ilvl, Level())
        value = counter.values[ilvl]
        if value is None:  # a level not reached yet prints its start value, as in Word
            value = found.start(ilvl)
        return format_number(value, "decimal" if legal and level.fmt != "none" else level.fmt)


class Styles:
    """Paragraph styles: numbering and outline level, inherited through `w:basedOn`."""

    _HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
    _CONTENTS = re.compile(r"^(?:toc|目录)\s*[1-9]$", re.IGNORECASE)

    def __init__(self, styles_xml: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        if styles_xml is not None:
            for style in styles_xml.iterfind(f"{W}style"):
                style_id = style.get(f"{W}styleId")
                if style_id is None:
                    continue
                self._styles[style_id] = style
                if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                    self.default_paragraph = style_id
        self._contents = {
            style_id
            for style_id, style in self._styles.items()
            if self._CONTENTS.match((val(style.find(f"{W}name")) or "").strip())
        }
        self._numbering: dict[str, tuple[str | None, int | None]] = {}
        self._outline: dict[str, int | None] = {}

    def _chain(self, style_id: str) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self._styles:
            seen.add(current)
            style = self._styles[current]
            chain.append(style)
            current = val(style.find(f"{W}basedOn"))
        return chain

    def numbering_of(self, style_id: str) -> tuple[str | None, int | None]:
        """(numId, ilvl) a style gives its paragraphs; either may be None."""
        if style_id not in self._numbering:
            num_id: str | None = None
            ilvl: int | None = None
            for style in self._chain(style_id):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is None:
                    continue
                if num_id is None:
                    num_id = val(num_pr.find(f"{W}numId"))
                if ilvl is None:
                    ilvl = int_val(num_pr.find(f"{W}ilvl"))
                if num_id is not None and ilvl is not None:
                    break
            self._numbering[style_id] = (num_id, ilvl)
        return self._numbering[style_id]

    def is_contents(self, style_id: str) -> bool:
        """A table-of-contents style ("toc 1" … "toc 9", shown as 目录 1 …)."""
        return style_id in self._contents

    def outline_of(self, style_id: str) -> int | None:
        """Heading level of a style: its `w:outlineLvl`, or the built-in heading name; None for body text."""
        if style_id not in self._outline:
            level: int | None = None
            for style in self._chain(style_id):
                outline = int_val(style.find(f"{W}pPr/{W}outlineLvl"))
                if outline is not None:
                    level = outline
                    break
                name = self._HEADING.match((val(style.find(f"{W}name")) or "").strip())
                if name:
                    level = int(name.group(1)) - 1
                    break
            self._outline[style_id] = level if level is not None and 0 <= level < _LEVELS else None
        return self._outline[style_id]
