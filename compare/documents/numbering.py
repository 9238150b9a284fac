"""Recognising the printed numbering of Chinese policy text: 一、 （一） 1. （1） ① 一是 第一条 ……"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇一二三四五六七八九十百两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_N = f"[{CN_DIGITS}]{{1,4}}"
_NA = rf"(?:{_N}|\d{{1,3}})"  # 第1章 as well as 第一章
# Characters that make "1.5 万" a number rather than the label "1.5" of a section.
_UNIT = "万亿千百元个倍%‰年月日天小时人家项次米吨公里平方度"

# Patterns run on the matching key (NFKC-folded, Simplified), which is position-aligned with the
# text, so a match length is also the label length in the original text. Order matters.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第{_NA}部分\s*")),
    ("chapter", re.compile(rf"^第{_NA}章\s*")),
    ("jie", re.compile(rf"^第{_NA}节\s*")),
    ("article", re.compile(rf"^第{_NA}条\s*")),
    ("cn_dun", re.compile(rf"^{_N}\s*[、.]\s*")),
    ("cn_paren", re.compile(rf"^\(\s*{_N}\s*\)\s*[、.]?\s*")),
    ("ar_paren", re.compile(r"^\(\s*\d{1,5}\s*\)\s*[、.]?\s*")),
    ("ar_half", re.compile(r"^\d{1,2}\s*\)\s*")),
    # 任务1.1, 专栏3, 行动2: a word naming the item, then its number.
    ("named", re.compile(rf"^(?:任务|问题|步骤|专题|专栏|行动|工程|举措|措施)\s*\d{{1,2}}(?:\.\d{{1,2}})*\s*[:、.]?\s*(?![\d{_UNIT}])")),
    ("ar_decimal3", re.compile(rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}\.?\s*(?![\d{_UNIT}])")),
    # 1.2 then Chinese text, after a space, a dot or directly ("3.1如使用…"); not 1.5万, 1.2.3 or "2.4 Ghz".
    ("ar_decimal", re.compile(rf"^\d{{1,2}}\.\d{{1,2}}(?:\s+|\.\s*)?(?![{_UNIT}])(?=[\u4e00-\u9fff“《(【])")),
    # 12. or 12、 — and "1.2025年底前…" / "1.2015级…", where the text opens with a year.
    ("ar_dot", re.compile(r"^\d{1,5}\s*(?:[、]|\.(?!\d)|\.(?=(?:19|20)\d{2}\s*[年级届]))\s*")),
    ("question", re.compile(r"^问\s*[:]\s*")),
    ("enum", re.compile(rf"^{_N}是(?=[^,，。；;:：])")),
    ("target", re.compile(r"^(?:──|——|─|—|━━)\s*")),
)
_CIRCLED = re.compile(rf"^[{CIRCLED}]\s*")
# 一是…二是… inside a paragraph: at the start or after a clause break.
ENUMERATION = re.compile(rf"(?:^|(?<=[。；;!?:，,]))\s*({_N}是)")


@dataclass(frozen=True, slots=True)
class Label:
    style: str  # which numbering family: "cn_dun", "ar_dot", … (same style = same level)
    text: str  # the label as printed
    value: int | None  # its number, when it has one


def chinese_to_int(word: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零三 -> 103; None when `word` is not a Chinese number."""
    if not word or any(ch not in _CN_VALUE and ch not in "十百" for ch in word):
        return None
    if "十" not in word and "百" not in word:  # read digit by digit: 一 -> 1, 二〇 -> 20
        value = 0
        for ch in word:
            value = value * 10 + _CN_VALUE[ch]
        return value
    total, current = 0, 0
    for ch in word:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            current = _CN_VALUE[ch]
    return total + current


def label_value(label_key: str) -> int | None:
    """The number a label carries: （三） -> 3, 12. -> 12, 1.2 -> 2, ② -> 2, 第五条 -> 5."""
    for ch in label_key:
        if ch in CIRCLED:
            return CIRCLED.index(ch) + 1
    digits = re.findall(r"\d+", label_key)
    if digits:  # 1.2.3 is the third of its siblings
        return int(digits[-1])
    words = re.search(f"[{CN_DIGITS}]+", label_key)
    if words:
        return chinese_to_int(words.group())
    letter = re.fullmatch(r"\s*[(（]?([a-z])[)）.]?\s*", label_key.lower())
    return ord(letter.group(1)) - ord("a") + 1 if letter else None


def match_label(text: str, key: str) -> Label | None:
    """The numbering at the start of a paragraph, or None. `key` is `matching_key(text)`."""
    circled = _CIRCLED.match(text)
    if circled:
        return Label("circled", text[: circled.end()].strip(), label_value(text[: circled.end()]))
    for style, pattern in _PATTERNS:
        m = pattern.match(key)
        if m and m.end() < len(key):  # a label alone on a line is not an item
            return Label(style, text[: m.end()].strip(), label_value(key[: m.end()]))
    return None


def style_of_label(label: str, key: str) -> str:
    """Numbering style of a label Word generated (it carries no text after it). Labels Word makes
    from letters (a) b) A.) share a style with the other letters of their case."""
    found = match_label(label + "x", key + "x")
    if found:
        return found.style
    shape = re.sub(r"[0-9一二三四五六七八九十百〇零]+", "#", label)
    shape = re.sub(r"(?<![a-z])[a-z]{1,2}(?![a-z])", "a", shape)
    shape = re.sub(r"(?<![A-Z])[A-Z]{1,2}(?![A-Z])", "A", shape)
    return f"auto:{shape}"


def find_enumeration(key: str) -> list[tuple[int, int, int]]:
    """Positions of a 一是, 二是, 三是 … run in `key`: [(label start, text start, value)].

    Only a run that starts at 一是 and counts up by one is an enumeration; anything else
    (for example a lone "这是") is ordinary text.
    """
    found: list[tuple[int, int, int]] = []
    for m in ENUMERATION.finditer(key):
        value = chinese_to_int(m.group(1)[:-1])
        if value == len(found) + 1:
            found.append((m.start(1), m.end(1), value))
    return found if len(found) >= 2 else []
