"""What the views show, precomputed from a Crosswalk: item statuses and crosswalk table rows.

Models read these values; no computation happens in `data()`. Texts are translated through
QCoreApplication so they follow the loaded language.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from compare.alignment.crosswalk import Crosswalk, LinkStatus, Side
from compare.documents.model import Document, Item


def _tr(text: str) -> str:
    return QCoreApplication.translate("status", text)


class ItemStatus(StrEnum):
    COVERED = "covered"
    WEAK = "weak"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"
    LINKED = "linked"  # a lower measure answering one task
    OVERLAP = "overlap"  # a lower measure answering several tasks
    EXTRA = "extra"  # a lower measure answering no task
    REJECTED = "rejected"  # (table rows only) a link the reviewer rejected
    HEADING = "heading"


# Light backgrounds that keep black text readable on a projector; status is also spelled out in
# text, so colour is never the only signal.
COLOURS: dict[ItemStatus, str] = {
    ItemStatus.COVERED: "#d9f2dc",
    ItemStatus.WEAK: "#fdf0c4",
    ItemStatus.GAP: "#f9d3d3",
    ItemStatus.NOT_APPLICABLE: "#e4e4e4",
    ItemStatus.LINKED: "#d9f2dc",
    ItemStatus.OVERLAP: "#e6dcf5",
    ItemStatus.EXTRA: "#d4e8fa",
    ItemStatus.REJECTED: "#eeeeee",
}


def status_label(status: ItemStatus) -> str:
    return {
        ItemStatus.COVERED: _tr("已覆盖"),
        ItemStatus.WEAK: _tr("弱覆盖"),
        ItemStatus.GAP: _tr("缺口"),
        ItemStatus.NOT_APPLICABLE: _tr("不适用"),
        ItemStatus.LINKED: _tr("已对应"),
        ItemStatus.OVERLAP: _tr("一对多"),
        ItemStatus.EXTRA: _tr("本级新增"),
        ItemStatus.REJECTED: _tr("已否决"),
        ItemStatus.HEADING: "",
    }[status]


def link_status_label(status: LinkStatus) -> str:
    return {
        LinkStatus.AUTO: _tr("待审核"),
        LinkStatus.CONFIRMED: _tr("已确认"),
        LinkStatus.REJECTED: _tr("已否决"),
        LinkStatus.MANUAL: _tr("人工关联"),
    }[status]


def upper_statuses(cw: Crosswalk) -> dict[str, ItemStatus]:
    gaps, weak = set(cw.upper_gaps), set(cw.weak)
    na = {u for u, _ in cw.not_applicable}
    result = {}
    for it in cw.upper.items:
        if not it.is_task:
            result[it.id] = ItemStatus.HEADING
        elif it.id in na:
            result[it.id] = ItemStatus.NOT_APPLICABLE
        elif it.id in gaps:
            result[it.id] = ItemStatus.GAP
        elif it.id in weak:
            result[it.id] = ItemStatus.WEAK
        else:
            result[it.id] = ItemStatus.COVERED
    return result


def lower_statuses(cw: Crosswalk) -> dict[str, ItemStatus]:
    extras = set(cw.lower_extras)
    overlaps = {o.lower for o in cw.overlaps}
    result = {}
    for it in cw.lower.items:
        if not it.is_task:
            result[it.id] = ItemStatus.HEADING
        elif it.id in extras:
            result[it.id] = ItemStatus.EXTRA
        elif it.id in overlaps:
            result[it.id] = ItemStatus.OVERLAP
        else:
            result[it.id] = ItemStatus.LINKED
    return result



class RowKind(StrEnum):
    LINK = "link"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"
    EXTRA = "extra"


class Flag(StrEnum):
    """Filter categories a row belongs to."""

    GAP = "gap"
    WEAK = "weak"
    EXTRA = "extra"
    OVERLAP = "overlap"
    DUPLICATE = "duplicate"
    UNREVIEWED = "unreviewed"


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    upper: str | None
    lower: str | None
    upper_text: str
    lower_text: str
    score: float | None
    status: ItemStatus  # decides the colour
    status_text: str
    note: str
    section: str
    flags: frozenset[Flag]
    link_status: LinkStatus | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.kind.value, self.upper, self.lower)


def build_rows(cw: Crosswalk) -> tuple[Row, ...]:
    """One row per link (rejected ones too, so a decision stays visible and undoable), one per
    upper task without an active link (gap or 不适用), one per lower measure answering nothing."""
    lo = cw.lower.index()
    weak = set(cw.weak)
    overlap_lowers = {o.lower for o in cw.overlaps}
    dup_upper = {i for d in cw.duplicates if d.side is Side.UPPER for i in d.items}
    dup_lower = {i for d in cw.duplicates if d.side is Side.LOWER for i in d.items}
    na = dict(cw.not_applicable)
    gaps = set(cw.upper_gaps)
    links_by_upper: dict[str, list] = {}
    for link in cw.links:
        links_by_upper.setdefault(link.upper, []).append(link)
    st = {status: status_label(status) for status in ItemStatus}
    lk = {status: link_status_label(status) for status in LinkStatus}
    rows: list[Row] = []
    for task in _tasks(cw.upper):
        links = links_by_upper.get(task.id, ())
        for link in links:
            measure = lo.get(link.lower)
            if measure is None:
                continue
            flags = set()
            labels = [lk[link.status]]
            colour = ItemStatus.COVERED
            if link.status is LinkStatus.REJECTED:
                colour = ItemStatus.REJECTED
            else:
                if task.id in weak:
                    flags.add(Flag.WEAK)
                    labels.append(st[ItemStatus.WEAK])
                    colour = ItemStatus.WEAK
                if link.lower in overlap_lowers:
                    flags.add(Flag.OVERLAP)
                    labels.append(st[ItemStatus.OVERLAP])
                    colour = ItemStatus.OVERLAP if colour is ItemStatus.COVERED else colour
            if task.id in na and link.active:
                labels.append(st[ItemStatus.NOT_APPLICABLE])
                colour = ItemStatus.NOT_APPLICABLE
            if link.status is LinkStatus.AUTO:
                flags.add(Flag.UNREVIEWED)
            if task.id in dup_upper or link.lower in dup_lower:
                flags.add(Flag.DUPLICATE)
            rows.append(
                Row(
                    RowKind.LINK, task.id, link.lower, task.display, measure.display, link.score, colour,
                    " · ".join(labels), link.note, task.section, frozenset(flags), link.status,
                )
            )
        if task.id in gaps or (task.id in na and not any(k.active for k in links)):
            is_gap = task.id in gaps
            flags = {Flag.GAP} if is_gap else set()
            if task.id in dup_upper:
                flags.add(Flag.DUPLICATE)
            text = st[ItemStatus.GAP] if is_gap else _tr("不适用：{0}").format(na[task.id] or _tr("未填写理由"))
            rows.append(
                Row(
                    RowKind.GAP if is_gap else RowKind.NOT_APPLICABLE, task.id, None, task.display, "", None,
                    ItemStatus.GAP if is_gap else ItemStatus.NOT_APPLICABLE, text, cw.item_note(Side.UPPER, task.id),
                    task.section, frozenset(flags),
                )
            )
    for lower_id in cw.lower_extras:
        measure = lo[lower_id]
        flags = {Flag.EXTRA} | ({Flag.DUPLICATE} if lower_id in dup_lower else set())
        rows.append(
            Row(
                RowKind.EXTRA, None, lower_id, "", measure.display, None, ItemStatus.EXTRA,
                st[ItemStatus.EXTRA], cw.item_note(Side.LOWER, lower_id), measure.section, frozenset(flags),
            )
        )
    return tuple(rows)


def _tasks(doc: Document) -> tuple[Item, ...]:
    return tuple(it for it in doc.items if it.is_task)


def heading_counts(doc: Document, statuses: dict[str, ItemStatus], good: frozenset[ItemStatus], word: str) -> dict[str, str]:
    """'{word} good/total' for every heading, counting the items beneath it at any depth."""
    index = doc.index()
    tally: dict[str, list[int]] = {}
    for it in doc.items:
        if not it.is_task:
            continue
        parent = it.parent
        while parent is not None and parent in index:
            counts = tally.setdefault(parent, [0, 0])
            counts[1] += 1
            counts[0] += statuses.get(it.id) in good
            parent = index[parent].parent
    return {hid: f"{word} {g}/{t}" for hid, (g, t) in tally.items()}


UPPER_GOOD = frozenset({ItemStatus.COVERED, ItemStatus.WEAK, ItemStatus.NOT_APPLICABLE})
LOWER_GOOD = frozenset({ItemStatus.LINKED, ItemStatus.OVERLAP})


@dataclass(frozen=True, slots=True)
class CrosswalkView:
    """Everything the views show for one Crosswalk value, computed once (off the GUI thread
    after an alignment) and kept with it, so undo and redo only swap values."""

    rows: tuple[Row, ...]
    upper_status: dict[str, ItemStatus]
    lower_status: dict[str, ItemStatus]
    upper_counts: dict[str, str]
    lower_counts: dict[str, str]


def view_of(cw: Crosswalk) -> CrosswalkView:
    upper, lower = upper_statuses(cw), lower_statuses(cw)
    return CrosswalkView(
        rows=build_rows(cw),
        upper_status=upper,
        lower_status=lower,
        upper_counts=heading_counts(cw.upper, upper, UPPER_GOOD, _tr("覆盖")),
        lower_counts=heading_counts(cw.lower, lower, LOWER_GOOD, _tr("对应")),
    )
