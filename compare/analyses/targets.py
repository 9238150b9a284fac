"""Quantitative targets and deadlines written into tasks and measures.

"到2027年,承接北京非首都功能新增项目投资额累计超过8000亿元" carries a number, a unit, a year and a
bound; "确保专项资金2021年顺利启动实施" carries only a year. A number becomes a target only when
a cue governs it (达到, 新增, 以上, 力争 …): policy text is full of numbers that are not targets —
document numbers, dates of issue, project specifications (30万吨级), reports of what was done
(已建成加氢站12座), subsidy amounts and conditions (1亿元以上的企业).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from compare.analyses import target_patterns as tp
from compare.documents.model import Document, Item, ItemKind, SectionRole
from compare.documents.normalize import matching_key


class TargetKind(StrEnum):
    QUANTITY = "quantity"  # a count or amount: 8000亿元, 10家
    SHARE = "share"  # a percentage or ratio: 15%, 2个百分点, 2倍
    DEADLINE = "deadline"  # a year by which something is done, with no number


class Bound(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True, slots=True)
class Target:
    item_id: str
    text: str  # the clause as written: item.text[span[0]:span[1]]
    span: tuple[int, int]
    metric: str  # what is counted, best effort ("全社会研发投入强度")
    value: float | None  # the number as written, without the magnitude kept in `unit`
    unit: str  # "亿元", "万标准箱", "家", "%"; "" for a deadline
    year: int | None
    qualifier: str  # "以上", "不少于", "力争", "左右", "达到", … or ""
    kind: TargetKind

    @property
    def bound(self) -> Bound:
        """Whether the target caps the quantity (控制在5%以内) or sets a floor (the usual case)."""
        return Bound.AT_MOST if self.qualifier in tp.AT_MOST else Bound.AT_LEAST

    @property
    def base_unit(self) -> str:
        """The unit without its magnitude (亿元 -> 元), to compare 3万亿元 with 8000亿元."""
        return self.unit[len(self._magnitude):]

    @property
    def base_value(self) -> float | None:
        return None if self.value is None else self.value * tp.MAGNITUDE_FACTOR[self._magnitude]

    @property
    def _magnitude(self) -> str:
        for mag in ("万亿", "亿", "万"):
            if self.unit.startswith(mag) and len(self.unit) > len(mag):
                return mag
        return ""


@dataclass(frozen=True, slots=True)
class _Deadline:
    year: int
    start: int  # of the whole phrase (到2027年底前)
    end: int
    year_start: int  # of the year itself


def _mask_quoted(key: str) -> str:
    """Blank out quoted names, titles and document numbers (“1+2+N”, 《…》, 〔2020〕), keeping length."""
    return tp.QUOTED.sub(lambda m: "□" * len(m.group()), key)


def _sentence_spans(key: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in tp.SENTENCE.finditer(key):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(key):
        spans.append((start, len(key)))
    return spans


def _clause(key: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last boundary before to the next one after."""
    left = max((key.rfind(ch, 0, start) for ch in tp.BOUNDARY), default=-1) + 1
    rights = [pos for ch in tp.BOUNDARY if (pos := key.find(ch, end)) >= 0]
    return left, min(rights, default=len(key))


def _deadlines(masked: str) -> list[_Deadline]:
    found = []
    for m in tp.DEADLINE.finditer(masked):
        start, end = m.start("year"), m.end()
        before, after = m.group("before") or "", m.group("after") or ""
        prev = masked[start - 1] if start else ""
        following = masked[end : end + 6]
        if prev.isdigit() or prev in "-—–~～" or following[:1] in "-—–~～" or following[:1].isdigit():
            continue  # a period (2021—2025年) or a longer number
        if before == "至" and m.start() and masked[m.start() - 1] in "年月日":
            continue  # 2021年至2025年: a period, not a deadline
        if not after and tp.NOT_A_DEADLINE.match(following):
            continue  # 2020年以来, 2020年度, 2019年的报告
        by_when = before in ("到", "至", "力争", "确保", "争取", "计划", "预计", "力求") or bool(after)
        if not (by_when or tp.DONE_BY.match(following)):
            continue
        year = tp.number_value(m.group("year"))
        if year is not None:
            found.append(_Deadline(int(year), m.start(), end, start))
    return found


def _cue_before(masked: str, start: int, clause_start: int) -> str | None:
    """The bound or action word that governs a number starting at `start`, if any."""
    window = masked[max(clause_start, start - tp.BOUND_REACH - 4) : start]
    best: tuple[int, str] | None = None
    for words, reach in ((tp.BOUND_BEFORE, tp.BOUND_REACH), (tp.ACTIONS, tp.ACTION_REACH)):
        for word in words:
            pos = window.rfind(word)
            if pos < 0:
                continue
            gap = window[pos + len(word) :]
            if len(gap) > reach or "的" in gap:
                continue
            if best is None or len(gap) < best[0] or (len(gap) == best[0] and len(word) > len(best[1])):
                best = (len(gap), word)
    return best[1] if best else None


_PLAIN_YEAR = re.compile(rf"(?:{tp.YEAR})年")
_SHARE_NOUNS = re.compile(r"(?:率|比重|占比|比例|强度|水平|份额)$")
_SHARE_VERBS = re.compile(r"执行|覆盖|达标|完成|落实|实现|使用|采用|应用|以上|左右")
_LEADING = re.compile(
    r"^(?:其中|同时|并|且|全年|年内|每年|年均|全市|将|力争|确保|争取|预计|计划|努力|力求|"
    rf"(?:到|至|在|于)?(?:{tp.YEAR})年(?:底前|底|末|前|内)?)+"
)
_TRAILING = re.compile(r"(?:累计|力争|争取|确保|将|逐步|进一步|持续|稳步|均|再)+$")
_BOUNDS_LONGEST_FIRST = sorted(tp.BOUND_BEFORE, key=len, reverse=True)
# Ambition words that become the qualifier when no bound word gives one.
_STRIVE = ("力争", "确保", "争取")


def _metric(key: str, text: str, clause_start: int, num_start: int, end: int, clause_end: int, cue: str | None) -> str:
    """What is counted: the clause's subject before the number, else the verb and its object.
    Cut on the key (Simplified) and sliced from the text, so Traditional text reads as written."""
    head = key[clause_start:num_start]
    lead = _LEADING.match(head)
    left, right = lead.end() if lead else 0, len(head)
    for word in _BOUNDS_LONGEST_FIRST:
        if head[left:right].endswith(word):
            right -= len(word)
            break
    trail = _TRAILING.search(head[left:right])
    if trail:
        right = left + trail.start()
    subject = text[clause_start + left : clause_start + right].strip()
    if subject and not (cue in tp.ACTIONS and head[left:].startswith(cue)):
        return subject
    obj = text[end:clause_end].strip()[:16]
    return f"{subject or cue or ''}{obj}".strip()


def extract_targets(item: Item) -> tuple[Target, ...]:
    """The targets written in one item, in text order."""
    text = item.text
    key = item.key if len(item.key) == len(text) else matching_key(text)
    masked = _mask_quoted(key)
    deadlines = _deadlines(masked)
    sentences = _sentence_spans(masked)
    starts = frozenset(d.year_start for d in deadlines)
    targets: list[Target] = []

    def sentence_of(pos: int) -> tuple[int, int]:
        return next(((s, e) for s, e in sentences if s <= pos < e), (0, len(masked)))

    def year_for(pos: int) -> int | None:
        # A deadline governs what follows it in the item: "到2025年,…营收突破2.2万亿元。…新培育
        # 高新技术企业超过1000家。" sets both for 2025.
        before = [d for d in deadlines if d.start < pos]
        return before[-1].year if before else None

    for m in tp.QUANTITY.finditer(masked):
        target = _quantity(item, text, masked, m, sentence_of(m.start()), starts)
        if target is None:
            continue
        year = year_for(m.start())
        if year is not None:
            target = replace(target, year=year)
        targets.append(target)
    for m in tp.RANK.finditer(masked):
        num_start = m.start("num")
        if any(t.span[0] <= num_start < t.span[1] and t.value is not None for t in targets if t.unit == m.group("unit")):
            continue
        cs, ce = _clause(masked, m.start(), m.end())
        value = tp.number_value(m.group("num"))
        targets.append(
            Target(item.id, text[cs:ce], (cs, ce), text[cs : m.start()].strip() or text[m.end() : ce].strip(),
                   value, m.group("unit"), year_for(m.start()), "进入前", TargetKind.QUANTITY)
        )
    targets.sort(key=lambda t: t.span)
    for d in deadlines:
        s, e = sentence_of(d.start)
        if any(t.year == d.year and s <= t.span[0] < e for t in targets):
            continue
        cs, ce = _clause(masked, d.start, d.end)
        if masked[d.start : ce].strip() == masked[d.start : d.end].strip() and ce < e:
            ce = _clause(masked, ce + 1, ce + 1)[1]  # "到2027年," alone: take the clause it heads
        metric = text[d.end : ce].strip(" ,，")
        if not metric:
            continue
        qualifier = next((w for w in _STRIVE if w in key[cs : d.start + 2]), "")
        targets.append(Target(item.id, text[cs:ce], (cs, ce), metric, None, "", d.year, qualifier, TargetKind.DEADLINE))
    return tuple(sorted(targets, key=lambda t: (t.span, t.kind != TargetKind.DEADLINE)))


def _quantity(
    item: Item, text: str, masked: str, m: re.Match[str], sentence: tuple[int, int], deadline_starts: frozenset[int]
) -> Target | None:
    num = m.group("num") or m.group("pct") or ""
    start = m.start("num") if m.group("num") else m.start()
    end = m.end()
    unit = "%" if m.group("pct") else (m.group("mag") or m.group("bare") or "") + (m.group("unit") or m.group("bunit") or "")
    value = 1.0 if m.group("bare") else tp.number_value(num)
    if value is None:
        return None
    prev = masked[start - 1] if start else ""
    if (prev.isascii() and (prev.isalnum() or prev in "./+-*")) or prev == "×" or masked[end : end + 1].isascii() and masked[end : end + 1].isalnum():
        return None  # part of a code, version or formula: 5g, v2.0, 1+2, 7×24小时, 1%fs
    if not num[:1].isdigit() and value == 1 and not (m.group("mag") or m.group("bare")):
        return None  # 一个, 一批, 一张: an article, not a count
    if any(masked[:start].endswith(w) for w in tp.NOT_BEFORE):
        return None
    base = m.group("unit") or ""
    following = masked[end : end + 2]
    if tp.NOT_AFTER.match(following) or (base in tp.UNIT_WORDS and following[:1] in tp.UNIT_WORDS[base]):
        return None
    if m.group("unit") == "个" and following[:1] in "人方体":
        return None  # 个人, 个方面 … : not counted things
    cs, ce = _clause(masked, start, end)
    s, e = sentence
    clause = masked[cs:ce]
    if tp.SUPPORT.search(clause):
        return None
    before = masked[s:start]
    facts = [f.end() for f in tp.FACT.finditer(before)]
    futures = [f.end() for f in tp.FUTURE.finditer(before)]
    if facts and (not futures or facts[-1] > futures[-1]):
        return None
    if not futures and tp.FACT.search(masked[end:e]):
        return None
    if any(y.start() not in deadline_starts for y in _PLAIN_YEAR.finditer(masked, cs, start)):
        return None  # 2021年全国农产品网络零售额达4221亿元: a statistic of that year
    cue = _cue_before(masked, start, cs)
    after = m.group("after") or ""
    approx = m.group("approx") or ""
    is_share = unit in tp.SHARE_UNITS
    governed = bool(cue or after or tp.AMBITION.search(masked[cs:start]))
    if is_share and not governed:
        governed = bool(_SHARE_NOUNS.search(masked[cs:start]) or _SHARE_VERBS.match(masked, end))
    if not governed:
        return None
    qualifier = after or approx or (cue if cue in tp.BOUND_BEFORE else "")
    if not qualifier:
        qualifier = next((w for w in _STRIVE if w in masked[s:start]), "")
    metric = _metric(masked, text, cs, start, end, ce, cue)
    kind = TargetKind.SHARE if is_share else TargetKind.QUANTITY
    return Target(item.id, text[cs:ce], (cs, ce), metric, value, unit, None, qualifier, kind)


def document_targets(document: Document) -> tuple[Target, ...]:
    """Targets of the document's tasks and "──" target bullets, in document order.

    Target bullets usually follow a lead paragraph that names the year ("到2027年,…" then
    "──…达到3万亿元左右"): a bullet without a year of its own takes the lead's year.
    """
    found: list[Target] = []
    lead_year: dict[str | None, int | None] = {}
    for item in document.items:
        # Tasks, the parts a document names as its targets (一、工作目标 and its ── bullets), and its
        # context, whose 指导思想 often states the headline targets; formal clauses hold none.
        if item.role is SectionRole.FORMAL or (item.role is SectionRole.TASK and not item.is_task):
            continue
        targets = extract_targets(item)
        if item.kind is ItemKind.TARGET:
            year = lead_year.get(item.parent)
            if year is not None:
                targets = tuple(replace(t, year=year) if t.year is None else t for t in targets)
        else:
            # The lead is a sibling paragraph ("到2027年,…" then the bullets) or the heading's own text.
            year = next((t.year for t in targets if t.year is not None), None)
            lead_year[item.parent] = year
            lead_year[item.id] = year
        found.extend(targets)
    return tuple(found)
