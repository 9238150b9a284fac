"""Rows of the 对照表: every task the coverage counts appears, headings with a body included."""
from __future__ import annotations

from compare.alignment.align import align
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key
from exporters.table_rows import RowKind, crosswalk_rows


def _item(item_id: str, label: str, text: str, kind: ItemKind, parent: str | None = None, path: tuple[str, ...] = ()) -> Item:
    return Item(id=item_id, label=label, level=len(path), path=path, text=text, key=matching_key(text), kind=kind, parent=parent)


def test_a_heading_with_a_body_of_its_own_is_a_task_row():
    head = "加快发展数字经济。推进5G网络建设，建设工业互联网平台，培育数字产业集群。"
    upper = Document("u", "u.txt", "txt", (
        _item("1", "一、", head, ItemKind.HEADING),
        _item("1.1", "（一）", "建设大数据中心，推动政务数据共享开放。", ItemKind.ITEM, "1", ("一、加快发展数字经济",)),
    ))
    lower = Document("l", "l.txt", "txt", (
        _item("1", "1.", "推进5G网络建设，建设工业互联网平台，培育数字产业集群。", ItemKind.ITEM),
        _item("2", "2.", "建设大数据中心，推动政务数据共享开放。", ItemKind.ITEM),
    ))
    cw = align(upper, lower)
    assert cw.coverage().tasks == 2
    uppers = {row.upper.id for row in crosswalk_rows(cw) if row.upper is not None and row.kind is RowKind.LINK}
    assert uppers == {"1", "1.1"}
