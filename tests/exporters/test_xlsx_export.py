"""The Excel 分工方案: reopened with openpyxl and checked cell by cell."""
from __future__ import annotations

import openpyxl
import pytest

from exporters.xlsx_export import (
    COL_LINK_STATUS,
    COL_LOWER_ID,
    COL_NOTE,
    COL_SECTION,
    COL_STATUS,
    COL_UPPER,
    COL_UPPER_ID,
    SHEET_ISSUES,
    SHEET_RECORD,
    SHEET_STATS,
    SHEET_TABLE,
    TABLE_COLUMNS,
    export_xlsx,
)
from tests.exporters.sample_crosswalk import ACTIVE_LINKS, EXTRAS, GAPS, TABLE_ROWS, sample_crosswalk

HEADERS = [c.header for c in TABLE_COLUMNS]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = export_xlsx(sample_crosswalk(), tmp_path_factory.mktemp("xlsx") / "对照表.xlsx")
    return openpyxl.load_workbook(path)


def _rows(ws):
    return [dict(zip(HEADERS, (c.value for c in row))) for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]


def test_sheets_and_properties(workbook):
    # Sheets with nothing to list (every measure names its lead unit; the texts set no targets)
    # are left out rather than printed as empty pages; 统计 says why.
    assert workbook.sheetnames == [SHEET_TABLE, SHEET_ISSUES, SHEET_STATS, "本级责任单位汇总", "本级部门任务矩阵", SHEET_RECORD]
    notes = [c.value for row in workbook[SHEET_STATS].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(n.startswith("未生成“本级无牵头单位的事项”工作表：") and "每项任务都写明了责任单位" in n for n in notes)
    assert any(n.startswith("未生成“未承接的上级目标”工作表：没有未承接的上级目标") for n in notes)
    assert workbook[SHEET_RECORD].sheet_state == "hidden"
    assert workbook.properties.creator == "对标"
    assert "对标" in workbook.properties.title


def test_table_has_the_annex_columns_and_one_row_per_link_gap_and_extra(workbook):
    ws = workbook[SHEET_TABLE]
    assert HEADERS[:7] == ["序号", "方面", "上级任务", "上级分工", "本级具体措施", "本级负责部门", "需上级协助事项"]
    assert [c.value for c in ws[1]] == HEADERS
    rows = _rows(ws)
    assert len(rows) == TABLE_ROWS == ws.max_row - 1
    assert sum(1 for r in rows if r[COL_UPPER_ID] and r[COL_LOWER_ID]) == ACTIVE_LINKS
    assert [r[COL_UPPER_ID] for r in rows if r[COL_STATUS] == "缺口"] == list(GAPS)
    assert [r[COL_LOWER_ID] for r in rows if r[COL_STATUS] == "本级新增"] == list(EXTRAS)
    first = rows[0]
    assert first[COL_UPPER].startswith("1.建立国家级新区应对疫情工作沟通机制")
    assert first["上级分工"] == "国家发改委"
    assert first["本级负责部门"] == "区防控工作指挥部、区政府办"
    assert first["需上级协助事项"].startswith("配合解决企业进出口")
    assert first["匹配度"] == pytest.approx(0.82)
    manual = next(r for r in rows if r[COL_UPPER_ID] == "2.4")
    assert manual["匹配度"] == "人工" and manual[COL_STATUS] == "已确认"
    weak = next(r for r in rows if r[COL_UPPER_ID] == "2.1")
    assert weak[COL_STATUS] == "弱覆盖"  # the word the workbench shows for the same row
    assert first[COL_STATUS] == "已确认"
    assert first[COL_NOTE] == "已核实，措施对应"
    assert first[COL_LINK_STATUS] == "confirmed"
    assert ws.cell(2, HEADERS.index("匹配度") + 1).number_format == "0%"
    by_upper = {r[COL_UPPER_ID]: r for r in rows if r[COL_UPPER_ID]}
    assert by_upper["2.3"][COL_STATUS] == "不适用"
    assert by_upper["2.3"][COL_NOTE] == "本地区已完成职称评审权下放"
    assert by_upper["1.3"][COL_NOTE] == "@待区发改委补充措施"


def test_hidden_id_columns(workbook):
    ws = workbook[SHEET_TABLE]
    for header in (COL_UPPER_ID, COL_LOWER_ID, COL_LINK_STATUS):
        letter = openpyxl.utils.get_column_letter(HEADERS.index(header) + 1)
        assert ws.column_dimensions[letter].hidden
    assert not ws.column_dimensions["E"].hidden


def test_tasks_are_merged_and_sections_repeated_on_every_row(workbook):
    ws = workbook[SHEET_TABLE]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == {"A3:A4", "C3:C4", "D3:D4"}  # task 1.2 with two measures
    # 方面 is never merged: a merged cell prints only on its first page, and breaks the filter.
    assert [ws.cell(r, 2).value for r in range(2, 12)] == (
        ["一、统筹推进疫情应对和经济社会秩序恢复"] * 4 + ["二、着力提升关键领域科技创新能力"] * 4 + ["二、科技创新"] * 2
    )


def test_layout_for_reading_and_printing(workbook):
    ws = workbook[SHEET_TABLE]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:J{TABLE_ROWS + 1}"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert "对标" in ws.oddHeader.center.text
    upper_cell = ws["C2"]
    assert upper_cell.alignment.wrap_text and upper_cell.alignment.vertical == "top"
    widths = {c.header: ws.column_dimensions[openpyxl.utils.get_column_letter(n)].width for n, c in enumerate(TABLE_COLUMNS, 1)}
    assert widths[COL_UPPER] > widths[COL_SECTION] > widths["序号"]
    assert all(w <= 48 for w in widths.values())
    assert ws.row_dimensions[2].height > 30  # three wrapped lines of task text


def test_status_colours_are_conditional_and_status_has_a_drop_down(workbook):
    ws = workbook[SHEET_TABLE]
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    formulas = {rule.formula[0] for rule in rules}
    assert {'"已确认"', '"待审核"', '"弱覆盖"', '"缺口"', '"本级新增"', '"一对多"', '"不适用"', '"已否决"'} <= formulas
    assert all(rule.dxf.fill is not None for rule in rules)
    assert all(ws[f"I{r}"].fill.fgColor.rgb in (None, "00000000") for r in range(2, TABLE_ROWS + 2))  # no static fills
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    dv = validations[0]
    assert dv.type == "list" and "已否决" in dv.formula1 and "已确认" in dv.formula1
    assert str(dv.sqref).startswith("I2:I")


def test_text_that_looks_like_a_formula_stays_text(workbook):
    ws = workbook[SHEET_TABLE]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    values = {c.value for c in cells}
    assert "7.=SUM(A1:A3)开展优势示范企业培育工作，推动知识产权高质量发展。" in {c.value for row in ws.iter_rows() for c in row}
    assert "+区市场局" in values and "-由审核人手工对应" in values and "@待区发改委补充措施" in values
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert "\x07" not in "".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_issues_sheet_lists_gaps_weak_overlaps_and_duplicates_with_evidence(workbook):
    ws = workbook[SHEET_ISSUES]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    kinds = [r[0] for r in rows]
    assert kinds == ["缺口", "弱覆盖", "一对多", "重复（本级）"]
    weak = rows[1]
    assert weak[2].startswith("4.研究谋划") and weak[4] == pytest.approx(0.40)
    assert "科技基础设施" in weak[5] and "十四五" in weak[5]
    overlap = rows[2]
    assert overlap[2].startswith("4.编制滨海新区") and "4.研究谋划" in overlap[3] and "5.支持高校" in overlap[3]
    assert "建设科研平台" in overlap[5]
    duplicate = rows[3]
    assert duplicate[4] == pytest.approx(0.86)
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"


def test_stats_sheet_has_coverage_per_section_totals_and_a_bar_chart(workbook):
    ws = workbook[SHEET_STATS]
    assert [c.value for c in ws[1]] == ["方面", "任务数", "已覆盖", "弱覆盖", "缺口", "不适用", "覆盖率", "含弱覆盖"]
    assert [c.value for c in ws[2]][:6] == ["一、统筹推进疫情应对和经济社会秩序恢复", 3, 2, 0, 1, 0]
    assert [c.value for c in ws[3]][:6] == ["二、着力提升关键领域科技创新能力", 4, 2, 1, 0, 1]
    total = [c.value for c in ws[4]]
    assert total[:6] == ["合计", 7, 4, 1, 1, 1]
    # covered only: weak coverage is not coverage; it is beside it. Whole percents, as the report.
    assert total[6:8] == [0.67, 0.83] and ws.cell(4, 7).number_format == "0%"
    assert len(ws._charts) == 1 and ws._charts[0].tagname == "barChart"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("覆盖率67%（含弱覆盖83%）" in t for t in texts)


def test_record_sheet_keeps_rejected_links(workbook):
    ws = workbook[SHEET_RECORD]
    records = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert ["链接", "2.4", "2.3", "rejected"] in [r[:4] for r in records]
    assert ["不适用", "2.3"] in [r[:2] for r in records]


def test_an_empty_crosswalk_still_exports(tmp_path):
    from compare.alignment.crosswalk import Crosswalk
    from compare.documents.model import Document
    from tests.exporters.sample_crosswalk import THRESHOLDS

    empty = Crosswalk.build(Document("", "a.txt", "text", ()), Document("", "b.txt", "text", ()), (), (), THRESHOLDS)
    wb = openpyxl.load_workbook(export_xlsx(empty, tmp_path / "空.xlsx"))
    assert wb[SHEET_TABLE].max_row == 1
    assert wb[SHEET_ISSUES]["A2"].value.startswith("没有缺口")
