"""What the views show, precomputed from a Crosswalk: item statuses for the document trees, and
the crosswalk table's rows.

The rows are the exports' rows (`exporters.crosswalk_rows`, built once, without Qt): the table
shows the same status words as the workbook and the report. Models read these values; no
computation happens in `data()`. Item status words are translated through QCoreApplication so
they follow the loaded language.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from compare.alignment.crosswalk import Crosswalk
from compare.documents.model import Document
from exporters.crosswalk_rows import STATUS_COLOURS, CrosswalkRow, Flag, RowKind, RowStatus, crosswalk_rows

# The table's row model under the names the views use (Flag, RowKind and RowStatus are re-exported).
Row = CrosswalkRow
build_rows = crosswalk_rows
__all__ = ["Flag", "RowKind", "RowStatus", "Row", "build_rows"]


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
}


def row_colour(status: RowStatus) -> str:
    """The background of a table row: the colour its status has in the workbook and the report."""
    return "#" + STATUS_COLOURS[status][0].lower()


def status_label(status: ItemStatus) -> str:
    return {
        ItemStatus.COVERED: _tr("已覆盖"),
        ItemStatus.WEAK: _tr("弱覆盖"),
        ItemStatus.GAP: _tr("缺口"),
        ItemStatus.NOT_APPLICABLE: _tr("不适用"),
        ItemStatus.LINKED: _tr("已对应"),
        ItemStatus.OVERLAP: _tr("一对多"),
        ItemStatus.EXTRA: _tr("本级新增"),
        ItemStatus.HEADING: "",
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


def heading_counts(doc: Document, statuses: dict[str, ItemStatus], good: frozenset[ItemStatus], word: str) -> dict[str, str]:
    """'{word} good/total' for every heading, counting the items beneath it at any depth; 不适用
    tasks count in neither figure, as in the coverage figures."""
    index = doc.index()
    tally: dict[str, list[int]] = {}
    for it in doc.items:
        if not it.is_task or statuses.get(it.id) is ItemStatus.NOT_APPLICABLE:
            continue
        parent = it.parent
        while parent is not None and parent in index:
            counts = tally.setdefault(parent, [0, 0])
            counts[1] += 1
            counts[0] += statuses.get(it.id) in good
            parent = index[parent].parent
    return {hid: f"{word} {g}/{t}" for hid, (g, t) in tally.items()}


# Weak coverage is not coverage (as in `Coverage.percent`): "覆盖 5/8" counts covered tasks only.
UPPER_GOOD = frozenset({ItemStatus.COVERED})
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
