"""The 目标与时限 sheets: upper targets beside the lower targets that carry them, and the upper
targets the lower document does not carry."""
from __future__ import annotations

from compare.alignment.crosswalk import Crosswalk
from compare.documents.model import Document, Item
from compare.analyses.target_compare import compare_targets
from compare.analyses.targets import Target, TargetKind
from exporters.plain_table import PlainColumn, PlainTable


def item_number(document: Document, item_id: str | None, index: dict[str, Item] | None = None) -> str:
    """The printed numbering of an item with its ancestors' (二（一）1.), or where it stands.
    Pass the document's `index()` when numbering many items."""
    if item_id is None:
        return ""
    index = document.index() if index is None else index
    item = index.get(item_id)
    if item is None:
        return ""
    labels = []
    current = item
    while current is not None:
        if current.label:
            labels.append(current.label)
        current = index.get(current.parent) if current.parent else None
    return "".join(reversed(labels)) or item.source.describe()


def _value(target: Target | None) -> float | int | None:
    if target is None or target.value is None:
        return None
    return int(target.value) if target.value.is_integer() else target.value


class ItemNumbers:
    """`item_number` of one document's items, each computed once."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._index = document.index()
        self._numbers: dict[str | None, str] = {}

    def __call__(self, item_id: str | None) -> str:
        if item_id not in self._numbers:
            self._numbers[item_id] = item_number(self._document, item_id, self._index)
        return self._numbers[item_id]


def _cells(number: ItemNumbers, item_id: str | None, target: Target | None) -> tuple[object, ...]:
    if target is None:
        return (number(item_id), "", None, "", None)
    unit = "年" if target.kind is TargetKind.DEADLINE else target.unit
    return (number(item_id), target.text, _value(target), unit, target.year)


_SIDE = (
    PlainColumn("编号", 6, 12, centre=True),
    PlainColumn("目标", 20, 50),
    PlainColumn("数值", 6, 10, centre=True),
    PlainColumn("单位", 6, 10, centre=True),
    PlainColumn("年份", 6, 8, centre=True),
)


def _prefixed(prefix: str) -> tuple[PlainColumn, ...]:
    return tuple(PlainColumn(prefix + c.header, c.minimum, c.maximum, c.centre) for c in _SIDE)


def targets_tables(cw: Crosswalk) -> tuple[PlainTable, ...]:
    report = compare_targets(cw)
    upper, lower = ItemNumbers(cw.upper), ItemNumbers(cw.lower)
    pairs = PlainTable(
        title="目标与时限",
        columns=(*_prefixed("上级"), *_prefixed("本级"), PlainColumn("对照结果", 10, 16, centre=True)),
        rows=tuple(
            (*_cells(upper, r.upper_item, r.upper), *_cells(lower, r.lower_item, r.lower), r.verdict.value)
            for r in report.rows
        ),
        note="每行是一条上级目标与对应本级措施中的目标；“本级未量化”指本级措施未写明相应数值或年份，请核实是否需要补充。",
        empty="上下级文件均未写明量化目标或时限。",
    )
    missing = PlainTable(
        title="未承接的上级目标",
        columns=(*_prefixed("上级"), PlainColumn("衡量对象", 12, 30)),
        rows=tuple((*_cells(upper, t.item_id, t), t.metric) for t in report.uncarried),
        note="这些上级目标在本级文件中没有对应的数值或时限，请与本级牵头部门确认是否需要补充。",
        empty="没有未承接的上级目标：上级文件的量化目标和时限在本级文件中均有对应（或上级文件未写明量化目标）。",
    )
    return (pairs, missing)
