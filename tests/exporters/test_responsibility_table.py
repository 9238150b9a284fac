"""The 责任分工 sheets built from a document's responsibilities."""
from __future__ import annotations

from compare.documents.model import Document, Item, ItemKind
from exporters.responsibility_table import MATRIX_UNITS, responsibility_tables


def _item(text: str, item_id: str, label: str = "", kind: ItemKind = ItemKind.ITEM, parent: str | None = None) -> Item:
    return Item(id=item_id, label=label, level=0, path=("一、加快发展",), text=text, key=text, kind=kind, parent=parent)


def _document(*items: Item) -> Document:
    return Document("方案", "方案.txt", "txt", items)


def test_summary_matrix_and_tasks_without_lead() -> None:
    doc = _document(
        _item("推进A。（区发改委牵头，区财政局配合）", "1", "1."),
        _item("推进B。（区发展改革委负责）", "2", "2."),
        _item("推进C，加强统筹协调，确保各项任务落到实处。", "3", "3."),
    )
    summary, matrix, without, variants = responsibility_tables(doc)
    assert summary.title == "责任单位汇总"
    assert summary.rows == (("区发展改革委", 2, 0, 2, "1.、2."), ("区财政局", 0, 1, 1, ""))
    assert [c.header for c in matrix.columns] == ["序号", "任务", "区发展改革委", "区财政局"]
    assert matrix.rows[0][2:] == ("牵头", "配合")
    assert matrix.rows[2][2:] == ("", "")
    assert without.rows == (("3.", "一、加快发展", "推进C，加强统筹协调，确保各项任务落到实处。", ""),)
    assert variants.rows == (("区发展改革委", "区发改委、区发展改革委"),)
    assert all(len(t.title) <= 31 for t in (summary, matrix, without, variants))


def test_matrix_columns_are_capped_and_the_note_says_so() -> None:
    units = [f"{place}区财政局" for place in "东西南北中甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"[: MATRIX_UNITS + 5]]
    items = tuple(_item(f"推进第{n}项工作。（{unit}负责）", str(n), f"{n}.") for n, unit in enumerate(units))
    _, matrix, without, *_ = responsibility_tables(_document(*items))
    assert len(matrix.columns) == 2 + MATRIX_UNITS
    assert f"共涉及{MATRIX_UNITS + 5}个单位" in matrix.note
    assert without.rows == ()


def test_document_without_units_gives_one_table_that_says_why() -> None:
    (summary,) = responsibility_tables(_document(_item("推进A，加强统筹协调，确保落实。", "1", "1.")))
    assert summary.rows == ()
    assert "未写明责任单位" in summary.empty_text
