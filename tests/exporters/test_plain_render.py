"""A PlainTable drawn in a worksheet and in the Word report, reopened and checked."""
from __future__ import annotations

import docx
import openpyxl
import pytest
from openpyxl import Workbook

from exporters.docx_layout import new_report
from exporters.docx_plain import add_plain_chapter, add_plain_table, needs_landscape
from exporters.plain_table import PlainColumn, PlainTable
from exporters.xlsx_plain import write_plain_sheet
from exporters.xlsx_style import BODY, CENTRE, HEADER, add_styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TABLE = PlainTable(
    title="责任单位汇总",
    columns=(PlainColumn("单位", 16, 30), PlainColumn("牵头项数", 8, 10, centre=True), PlainColumn("牵头事项", 20, 40)),
    rows=(("区发展改革委", 3, "=1、2、3"), ("区科技局", None, "4")),
    note="按牵头事项数从多到少排列。",
)
EMPTY = PlainTable(title="无牵头单位的事项", columns=TABLE.columns, rows=(), note="每项任务都写明了牵头单位。")
WIDE = PlainTable(
    title="部门任务矩阵",
    columns=tuple(PlainColumn(f"单位{n}", 10, 14, centre=True) for n in range(14)),
    rows=(tuple("牵头" for _ in range(14)),),
)


@pytest.fixture
def sheet(tmp_path):
    wb = Workbook()
    add_styles(wb)
    wb.active.title = TABLE.title
    write_plain_sheet(wb.active, TABLE, "《某区方案》对标情况")
    write_plain_sheet(wb.create_sheet("空表"), EMPTY, "《某区方案》对标情况")
    write_plain_sheet(wb.create_sheet("两表"), (TABLE, EMPTY), "《某区方案》对标情况", summary=True)
    wb.save(tmp_path / "plain.xlsx")
    return openpyxl.load_workbook(tmp_path / "plain.xlsx")


def test_sheet_has_header_rows_and_note_below(sheet):
    ws = sheet[TABLE.title]
    assert [c.value for c in ws[1]] == ["单位", "牵头项数", "牵头事项"]
    assert ws.cell(1, 1).style == HEADER
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=3)] == [
        ["区发展改革委", 3, "=1、2、3"], ["区科技局", None, "4"],
    ]
    assert ws.cell(2, 3).data_type == "s" and ws.cell(2, 3).quotePrefix  # stays text
    assert ws.cell(2, 2).style == CENTRE and ws.cell(2, 1).style == BODY
    assert ws.cell(5, 1).value == TABLE.note and ws.cell(4, 1).value is None
    assert "A5:C5" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.auto_filter.ref == "A1:C3" and ws.freeze_panes == "A2"


def test_sheet_prints_landscape_fitted_with_repeated_header(sheet):
    ws = sheet[TABLE.title]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert "责任单位汇总" in ws.oddHeader.center.text
    assert 16 <= ws.column_dimensions["A"].width <= 30 and ws.column_dimensions["B"].width == 10


def test_empty_table_says_why_in_its_first_row(sheet):
    ws = sheet["空表"]
    assert [c.value for c in ws[1]] == ["单位", "牵头项数", "牵头事项"]
    assert ws.cell(2, 1).value == EMPTY.note and ws.max_row == 2


def test_stacked_tables_each_keep_their_header(sheet):
    ws = sheet["两表"]
    assert ws.cell(1, 1).value == "单位" and ws.cell(5, 1).value == TABLE.note
    assert [c.value for c in ws[7]] == ["单位", "牵头项数", "牵头事项"]
    assert ws.cell(8, 1).value == EMPTY.note
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToHeight == 1


def _rows(table):
    return [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")] for tr in table._tbl.iter(f"{W}tr")]


def test_report_table_has_heading_note_and_repeated_header(tmp_path):
    document = new_report("测试报告")
    add_plain_table(document, TABLE, "（一）责任单位汇总", landscape=False)
    add_plain_table(document, EMPTY, "（二）无牵头单位的事项", landscape=False)
    document.save(tmp_path / "plain.docx")
    report = docx.Document(tmp_path / "plain.docx")
    texts = [(p.text, p.style.name) for p in report.paragraphs if p.text]
    assert ("（一）责任单位汇总", "Heading 2") in texts and (TABLE.note, "Normal") in texts
    assert (EMPTY.note, "Normal") in texts
    assert len(report.tables) == 1  # the empty table is only its note
    assert _rows(report.tables[0]) == [["单位", "牵头项数", "牵头事项"], ["区发展改革委", "3", "=1、2、3"], ["区科技局", "", "4"]]
    header = next(report.tables[0]._tbl.iter(f"{W}tr"))
    assert header.find(f"{W}trPr/{W}tblHeader") is not None


def test_wide_tables_get_a_landscape_chapter(tmp_path):
    assert needs_landscape(WIDE) and not needs_landscape(TABLE)
    document = new_report("测试报告")
    add_plain_chapter(document, "五、责任分工", (TABLE, WIDE))
    assert document.document.sections[-1].orientation == 1
    headings = [p.text for p in document.document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["五、责任分工", "（一）责任单位汇总", "（二）部门任务矩阵"]
