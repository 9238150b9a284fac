"""The rows of a crosswalk, built once for every view: the workbench table, the Excel 对照表 and
the Word report. No Qt here: the workbench only presents these rows.

One row per link (rejected ones too, so the workbench keeps a decision visible and undoable; the
exports leave them out), one per task without an active link (缺口, or 不适用 with its reason), one
per extra measure. Rows follow the upper document; extras come after all upper rows in lower-
document order, as the 分工方案 annexes do with measures that answer no upper task (seed 002 lists
its REITs measure as the last row): the upper numbering stays unbroken and a clerk finds everything
the local document added in one block.

Each row carries one status word (`RowStatus`), the same on screen, in the workbook and in the
report. When several apply, the one a reviewer must act on wins: a decision (已否决, 不适用,
已确认) over a finding (弱覆盖 before 一对多) over plain 待审核. The other findings stay in `flags`
for filtering.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, Side
from compare.documents.model import Item
from exporters.summary import score_text


class RowKind(StrEnum):
    LINK = "link"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"
    EXTRA = "extra"


class RowStatus(StrEnum):
    """The 状态 of a row. A reviewer may type the first four into the workbook; the others say
    what the engine found and mean "not yet reviewed" when read back."""

    CONFIRMED = "已确认"  # confirmed, or a reviewer's own link (its 匹配度 says 人工)
    PENDING = "待审核"
    REJECTED = "已否决"
    NOT_APPLICABLE = "不适用"
    WEAK = "弱覆盖"  # an unreviewed link of a task whose best link is below the strong threshold
    OVERLAP = "一对多"  # an unreviewed link of a measure that answers several tasks
    GAP = "缺口"
    EXTRA = "本级新增"


# Words that leave a link unreviewed when a colleague keeps them in the workbook.
UNREVIEWED_WORDS = (RowStatus.PENDING, RowStatus.WEAK, RowStatus.OVERLAP)

# (fill, font) colours of each status: the Excel conditional formats, the Word table and the
# workbench table. Light fills keep black text readable on a projector; the status is always
# spelled out too, so colour is never the only signal.
STATUS_COLOURS: dict[RowStatus, tuple[str, str]] = {
    RowStatus.CONFIRMED: ("C6EFCE", "006100"),
    RowStatus.PENDING: ("FFFFFF", "000000"),
    RowStatus.REJECTED: ("D9D9D9", "7F7F7F"),
    RowStatus.NOT_APPLICABLE: ("EDEDED", "595959"),
    RowStatus.WEAK: ("FFEB9C", "9C5700"),
    RowStatus.OVERLAP: ("E6DCF5", "5B3A8C"),
    RowStatus.GAP: ("FFC7CE", "9C0006"),
    RowStatus.EXTRA: ("DDEBF7", "1F4E78"),
}


class Flag(StrEnum):
    """Filter categories a row belongs to (several at once)."""

    GAP = "gap"
    WEAK = "weak"
    EXTRA = "extra"
    OVERLAP = "overlap"
    DUPLICATE = "duplicate"
    UNREVIEWED = "unreviewed"


@dataclass(frozen=True, slots=True)
class CrosswalkRow:
    kind: RowKind
    status: RowStatus
    group: int  # 序号: the upper task's number in the table; extras continue the count
    section: str  # 方面: the upper task's top-level section (the measure's own one for extras)
    upper_item: Item | None
    lower_item: Item | None
    link: Link | None
    note: str  # the reviewer's note on the link, or on the task (gap) or measure (extra)
    reason: str | None  # why the task is 不适用 (None when it is not marked)
    flags: frozenset[Flag]

    @property
    def upper(self) -> str | None:
        return self.upper_item.id if self.upper_item else None

    @property
    def lower(self) -> str | None:
        return self.lower_item.id if self.lower_item else None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.kind.value, self.upper, self.lower)

    @property
    def upper_text(self) -> str:
        return self.upper_item.display if self.upper_item else ""

    @property
    def lower_text(self) -> str:
        return self.lower_item.display if self.lower_item else ""

    @property
    def score(self) -> float | None:
        return self.link.score if self.link else None

    @property
    def score_text(self) -> str:
        return score_text(self.link) if self.link else ""

    @property
    def link_status(self) -> LinkStatus | None:
        return self.link.status if self.link else None

    @property
    def status_text(self) -> str:
        """The status word, with the reason on a 不适用 row that has one."""
        if self.status is RowStatus.NOT_APPLICABLE and self.reason:
            return f"{self.status.value}：{self.reason}"
        return self.status.value

    @property
    def exported(self) -> bool:
        """Whether the 对照表 of the workbook and the report shows the row: not a rejected link."""
        return self.status is not RowStatus.REJECTED


def _link_status(link: Link, weak: bool, overlap: bool, not_applicable: bool) -> RowStatus:
    if link.status is LinkStatus.REJECTED:
        return RowStatus.REJECTED
    if not_applicable:
        return RowStatus.NOT_APPLICABLE
    if link.status in (LinkStatus.CONFIRMED, LinkStatus.MANUAL):
        return RowStatus.CONFIRMED
    if weak:
        return RowStatus.WEAK
    return RowStatus.OVERLAP if overlap else RowStatus.PENDING


def crosswalk_rows(cw: Crosswalk) -> tuple[CrosswalkRow, ...]:
    """Every row of `cw`, in table order (see the module docstring)."""
    lower_index = cw.lower.index()
    weak = frozenset(cw.weak)
    overlapping = frozenset(o.lower for o in cw.overlaps)
    duplicated = {side: {i for d in cw.duplicates if d.side is side for i in d.items} for side in Side}
    reasons = dict(cw.not_applicable)
    notes = {(side, item_id): note for side, item_id, note in cw.item_notes}
    links_of: dict[str, list[Link]] = {}
    for link in cw.links:
        if link.lower in lower_index:
            links_of.setdefault(link.upper, []).append(link)

    rows: list[CrosswalkRow] = []
    group = 0
    for task in cw.upper.items:
        if not task.is_task:
            continue
        group += 1
        reason = reasons.get(task.id)
        task_duplicate = task.id in duplicated[Side.UPPER]
        links = links_of.get(task.id, ())
        for link in links:
            is_weak, is_overlap = task.id in weak, link.lower in overlapping
            flags = {flag for flag, on in (
                (Flag.WEAK, is_weak and link.active),
                (Flag.OVERLAP, is_overlap and link.active),
                (Flag.UNREVIEWED, link.status is LinkStatus.AUTO),
                (Flag.DUPLICATE, task_duplicate or link.lower in duplicated[Side.LOWER]),
            ) if on}
            status = _link_status(link, is_weak, is_overlap, reason is not None)
            rows.append(CrosswalkRow(RowKind.LINK, status, group, task.section, task, lower_index[link.lower], link,
                                     link.note, reason, frozenset(flags)))
        if any(link.active for link in links):
            continue
        task_flags = {Flag.DUPLICATE} if task_duplicate else set()
        note = notes.get((Side.UPPER, task.id), "")
        if reason is not None:
            rows.append(CrosswalkRow(RowKind.NOT_APPLICABLE, RowStatus.NOT_APPLICABLE, group, task.section, task, None,
                                     None, note, reason, frozenset(task_flags)))
        else:  # a gap (also a task whose only links point at measures the document no longer has)
            rows.append(CrosswalkRow(RowKind.GAP, RowStatus.GAP, group, task.section, task, None, None, note, None,
                                     frozenset(task_flags | {Flag.GAP})))
    for lower_id in cw.lower_extras:
        group += 1
        measure = lower_index[lower_id]
        flags = {Flag.EXTRA} | ({Flag.DUPLICATE} if lower_id in duplicated[Side.LOWER] else set())
        rows.append(CrosswalkRow(RowKind.EXTRA, RowStatus.EXTRA, group, measure.section, None, measure, None,
                                 notes.get((Side.LOWER, lower_id), ""), None, frozenset(flags)))
    return tuple(rows)


def exported_rows(cw: Crosswalk) -> tuple[CrosswalkRow, ...]:
    """The rows the 对照表 of the workbook and the report show (no rejected links)."""
    return tuple(row for row in crosswalk_rows(cw) if row.exported)


# --- the columns of the 分工方案 beyond the two texts ---------------------------------------------

# Attribute names a reader takes from 分工方案 tables (seed 002: 国家分工, 新区负责部门,
# 需市级部门协助开展的工作和分工).
_ASSIGNMENT_NAMES = ("国家分工", "上级分工", "分工")
_DEPARTMENT_NAMES = ("负责部门", "牵头单位", "责任单位")


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
