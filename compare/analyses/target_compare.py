"""Upper targets beside the lower targets that carry them, link by link.

For every active link, each target of the upper task is paired with the lower measure's target
of the same kind and base unit whose metric reads most alike; the pair gets a verdict. Upper
targets that no linked measure carries with a number or year of its own — including the targets
of upper gaps — are listed separately: they are what a reviewer must ask the lower office about.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from compare.alignment.crosswalk import Crosswalk
from compare.documents.normalize import matching_key
from compare.analyses import target_patterns as tp
from compare.analyses.targets import Bound, Target, TargetKind, document_targets

# Counted objects at least this alike (rapidfuzz partial_ratio, 0–100) name the same thing.
METRIC_SIMILARITY = 50.0
# The verb or bound that opens a metric (推荐, 新增, 达到) says what is done with the object, not
# what is counted: "推荐5家双创载体" and "新增服务机构和推荐机构5家" share no object. Scope words
# (全年, 本区) come before it.
_SCOPE_WORDS = ("全年", "每年", "年均", "累计", "本区", "全区", "全市", "全省")
_VERBS = sorted({*tp.ACTIONS, *tp.BOUND_BEFORE}, key=len, reverse=True)


class TargetVerdict(StrEnum):
    CARRIED = "已承接"
    BELOW = "本级低于上级"
    LATER = "本级时限晚于上级"
    NOT_QUANTIFIED = "本级未量化"
    NOT_CARRIED = "本级未承接"  # the upper task has no linked measure at all
    NOT_APPLICABLE = "不适用"
    LOWER_ONLY = "本级新增目标"


@dataclass(frozen=True, slots=True)
class TargetRow:
    upper_item: str | None
    lower_item: str | None
    upper: Target | None
    lower: Target | None
    verdict: TargetVerdict


@dataclass(frozen=True, slots=True)
class TargetReport:
    rows: tuple[TargetRow, ...]  # upper-document order, one per (link, upper target) plus lower-only targets
    uncarried: tuple[Target, ...]  # upper targets no linked lower measure carries


def counted_object(metric: str) -> str:
    """What a target counts: its metric without the verbs and bounds that open it."""
    key = matching_key(metric).strip()
    while scope := next((word for word in _SCOPE_WORDS if key.startswith(word)), ""):
        key = key[len(scope) :]
    verb = next((word for word in _VERBS if key.startswith(word) and len(key) > len(word)), "")
    return key[len(verb) :]


def _bigrams(text: str) -> set[str]:
    return {text[n : n + 2] for n in range(len(text) - 1)}


def _object_similarity(a: Target, b: Target) -> float:
    """How alike the objects two targets count (0–100); 0 unless they share a two-character word."""
    oa, ob = counted_object(a.metric), counted_object(b.metric)
    if not oa or not ob or not _bigrams(oa) & _bigrams(ob):
        return 0.0
    return fuzz.partial_ratio(oa, ob)


def _counterpart(upper: Target, lowers: Sequence[Target]) -> Target | None:
    """The lower target that restates `upper`, if any: a deadline by any dated target, a number
    only by one of the same kind and unit that counts the same object (a measure's only "5家"
    does not carry a task's "5家" of something else)."""
    if upper.kind is TargetKind.DEADLINE:
        dated = [t for t in lowers if t.year is not None]
        return min(dated, key=lambda t: t.year or 0) if dated else None
    same_unit = [t for t in lowers if t.kind is upper.kind and t.base_unit == upper.base_unit]
    alike = [(score, t) for t in same_unit if (score := _object_similarity(upper, t)) >= METRIC_SIMILARITY]
    return max(alike, key=lambda st: st[0])[1] if alike else None


def _verdict(upper: Target, lower: Target) -> TargetVerdict:
    uv, lv = upper.base_value, lower.base_value
    if uv is not None and lv is not None:
        weaker = lv > uv if upper.bound is Bound.AT_MOST else lv < uv
        if weaker:
            return TargetVerdict.BELOW
    if upper.year is not None and lower.year is not None and lower.year > upper.year:
        return TargetVerdict.LATER
    return TargetVerdict.CARRIED


def compare_targets(cw: Crosswalk) -> TargetReport:
    upper_targets: dict[str, list[Target]] = {}
    for t in document_targets(cw.upper):
        upper_targets.setdefault(t.item_id, []).append(t)
    lower_targets: dict[str, list[Target]] = {}
    for t in document_targets(cw.lower):
        lower_targets.setdefault(t.item_id, []).append(t)
    not_applicable = {u for u, _ in cw.not_applicable}
    active: dict[str, list[str]] = {}
    for link in cw.links:
        if link.active:
            active.setdefault(link.upper, []).append(link.lower)

    rows: list[TargetRow] = []
    carried: set[int] = set()  # id() of upper targets some lower target restates
    matched_lower: set[int] = set()
    for item in cw.upper.items:
        targets = upper_targets.get(item.id, [])
        lowers = active.get(item.id, [])
        if item.id in not_applicable:
            rows.extend(TargetRow(item.id, None, t, None, TargetVerdict.NOT_APPLICABLE) for t in targets)
            continue
        if not lowers:
            rows.extend(TargetRow(item.id, None, t, None, TargetVerdict.NOT_CARRIED) for t in targets)
            continue
        for lower_id in lowers:
            candidates = lower_targets.get(lower_id, [])
            for t in targets:
                match = _counterpart(t, candidates)
                if match is None:
                    rows.append(TargetRow(item.id, lower_id, t, None, TargetVerdict.NOT_QUANTIFIED))
                    continue
                carried.add(id(t))
                matched_lower.add(id(match))
                rows.append(TargetRow(item.id, lower_id, t, match, _verdict(t, match)))
        # Every lower target of the linked measures, after the task's own rows; the pass below
        # drops those some upper target restates and keeps the rest once.
        rows.extend(
            TargetRow(item.id, lower_id, None, lt, TargetVerdict.LOWER_ONLY)
            for lower_id in lowers
            for lt in lower_targets.get(lower_id, [])
        )
    # A lower target shown once, at the first link where no upper target restates it.
    seen: set[int] = set()
    kept = []
    for r in rows:
        if r.verdict is TargetVerdict.LOWER_ONLY:
            if id(r.lower) in seen or id(r.lower) in matched_lower:
                continue
            seen.add(id(r.lower))
        kept.append(r)
    uncarried = tuple(
        t
        for item_id, ts in upper_targets.items()
        if item_id not in not_applicable
        for t in ts
        if id(t) not in carried
    )
    return TargetReport(rows=tuple(kept), uncarried=uncarried)
