"""The rows of the 对照表 (the 分工方案 layout), shared by the Excel and Word exports.

One row per active link, one per gap, one per 不适用 task without links, and one per extra
measure. Rows follow the upper document; extras come after all upper rows in lower-document
order, as the 分工方案 annexes do with measures that answer no upper task (seed 002 lists its
REITs measure as the last row): the upper numbering stays unbroken and a clerk finds everything
the local document added in one block.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, Side
from compare.documents.model import Item

# The 状态 column. Reviewers may type the first four; the others are derived from the links.
STATUS_CONFIRMED = "已确认"
STATUS_PENDING = "待审核"
STATUS_REJECTED = "已否决"
STATUS_NOT_APPLICABLE = "不适用"
STATUS_GAP = "缺口"
STATUS_EXTRA = "本级新增"
STATUS_OVERLAP = "一对多"
STATUS_CHOICES = (
    STATUS_CONFIRMED,
    STATUS_PENDING,
    STATUS_REJECTED,
    STATUS_NOT_APPLICABLE,
    STATUS_GAP,
    STATUS_EXTRA,
    STATUS_OVERLAP,
)

# (fill, font) colours of each status, shared by the Excel conditional formats and the Word table.
STATUS_COLOURS = {
    STATUS_CONFIRMED: ("C6EFCE", "006100"),
    STATUS_PENDING: ("FFEB9C", "9C5700"),
    STATUS_REJECTED: ("D9D9D9", "7F7F7F"),
    STATUS_NOT_APPLICABLE: ("EDEDED", "595959"),
    STATUS_GAP: ("FFC7CE", "9C0006"),
    STATUS_EXTRA: ("DDEBF7", "1F4E78"),
    STATUS_OVERLAP: ("FCE4D6", "833C0B"),
}

# Attribute names a reader takes from 分工方案 tables (seed 002: 国家分工, 新区负责部门,
# 需市级部门协助开展的工作和分工).
_ASSIGNMENT_NAMES = ("国家分工", "上级分工", "分工")
_DEPARTMENT_NAMES = ("负责部门", "牵头单位", "责任单位")


class RowKind(StrEnum):
    LINK = "link"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"
    EXTRA = "extra"


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    kind: RowKind
    section: str  # 方面: the upper task's top-level section (the measure's own one for extras)
    group: int  # 序号: the upper task's number in the table; extras continue the count
    upper: Item | None
    lower: Item | None
    link: Link | None
    status: str
    note: str  # 审核意见



def assignment(item: Item | None) -> str:
    """The upper 分工 (which ministry the task was assigned to)."""
    if item is None:
        return ""
    return _attribute_like(item, _ASSIGNMENT_NAMES, lambda name: "分工" in name and "协助" not in name)


def department(item: Item | None) -> str:
    """The local 负责部门 of a measure."""
    if item is None:
        return ""
    return _attribute_like(item, _DEPARTMENT_NAMES, lambda name: any(n in name for n in ("负责", "牵头", "责任")))


def assistance(*items: Item | None) -> str:
    """需上级协助事项: the first attribute whose name mentions 协助, measure first."""
    for item in items:
        if item is not None:
            value = _attribute_like(item, (), lambda name: "协助" in name)
            if value:
                return value
    return ""


def _attribute_like(item: Item, exact: tuple[str, ...], similar) -> str:
    for name in exact:
        if value := item.attribute(name):
            return value
    return next((value for name, value in item.attributes if value and similar(name)), "")


def link_status_label(cw: Crosswalk, link: Link, overlapping: frozenset[str]) -> str:
    if link.status in (LinkStatus.CONFIRMED, LinkStatus.MANUAL):
        return STATUS_CONFIRMED
    if link.status is LinkStatus.REJECTED:
        return STATUS_REJECTED
    return STATUS_OVERLAP if link.lower in overlapping else STATUS_PENDING


def crosswalk_rows(cw: Crosswalk) -> tuple[CrosswalkRow, ...]:
    lower_index = cw.lower.index()
    overlapping = frozenset(o.lower for o in cw.overlaps)
    na = dict(cw.not_applicable)
    active: dict[str, list[Link]] = {}
    for link in cw.links:
        if link.active and link.lower in lower_index:
            active.setdefault(link.upper, []).append(link)
    rows: list[CrosswalkRow] = []
    group = 0
    for upper in cw.upper.items:
        if not upper.is_task:
            continue
        group += 1
        section = upper.section
        reason = na.get(upper.id)
        for link in active.get(upper.id, ()):
            if reason is not None:
                status, note = STATUS_NOT_APPLICABLE, reason
            else:
                status, note = link_status_label(cw, link, overlapping), link.note
            rows.append(CrosswalkRow(RowKind.LINK, section, group, upper, lower_index[link.lower], link, status, note))
        if upper.id in active:
            continue
        if reason is not None:
            rows.append(CrosswalkRow(RowKind.NOT_APPLICABLE, section, group, upper, None, None, STATUS_NOT_APPLICABLE, reason))
        else:  # a gap (also a task whose only links point at measures that no longer exist)
            rows.append(CrosswalkRow(RowKind.GAP, section, group, upper, None, None, STATUS_GAP, cw.item_note(Side.UPPER, upper.id)))
    for lower_id in cw.lower_extras:
        group += 1
        lower = lower_index[lower_id]
        rows.append(
            CrosswalkRow(RowKind.EXTRA, lower.section, group, None, lower, None, STATUS_EXTRA, cw.item_note(Side.LOWER, lower_id))
        )
    return tuple(rows)
