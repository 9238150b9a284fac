"""Export -> a colleague edits the workbook with Excel (here: openpyxl) -> import -> decisions back."""
from __future__ import annotations

import openpyxl
import pytest

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, Side
from compare.errors import ReadError
from exporters.xlsx_export import (
    COL_LOWER,
    COL_LOWER_ID,
    COL_NOTE,
    COL_STATUS,
    COL_UPPER_ID,
    SHEET_RECORD,
    SHEET_TABLE,
    TABLE_COLUMNS,
    export_xlsx,
)
from exporters.xlsx_import import import_review_xlsx
from tests.exporters.sample_crosswalk import sample_crosswalk

COLUMN = {c.header: n for n, c in enumerate(TABLE_COLUMNS, start=1)}


def _unreviewed(cw: Crosswalk) -> Crosswalk:
    """The same alignment before any review: what a fresh run would give."""
    links = tuple(Link(k.upper, k.lower, k.score, LinkStatus.AUTO, k.evidence) for k in cw.links if k.status is not LinkStatus.MANUAL)
    return Crosswalk.build(cw.upper, cw.lower, links, cw.duplicates, cw.thresholds)


def _row_of(ws, upper: str | None, lower: str | None) -> int:
    for r in range(2, ws.max_row + 1):
        if (ws.cell(r, COLUMN[COL_UPPER_ID]).value or None) == upper and (ws.cell(r, COLUMN[COL_LOWER_ID]).value or None) == lower:
            return r
    raise AssertionError(f"no row for {upper}/{lower}")


@pytest.fixture
def exported(tmp_path):
    cw = sample_crosswalk()
    return cw, export_xlsx(cw, tmp_path / "对照表.xlsx")


def test_unedited_workbook_restores_the_whole_review_on_a_fresh_alignment(exported):
    cw, path = exported
    restored, warnings = import_review_xlsx(path, _unreviewed(cw))
    assert warnings == []
    def decisions(c: Crosswalk):
        state = c.review_state()
        return [(k.pair, k.status, k.note) for k in state.links], state.not_applicable, state.item_notes

    assert decisions(restored) == decisions(cw)
    assert restored.link("2.4", "2.2").score is None  # a manual link has no score, before and after
    assert restored.upper_gaps == cw.upper_gaps and restored.lower_extras == cw.lower_extras


def test_colleague_edits_come_back(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    # confirm a pending link, with a note
    r = _row_of(ws, "1.2", "1.2")
    ws.cell(r, COLUMN[COL_STATUS]).value = "已确认"
    ws.cell(r, COLUMN[COL_NOTE]).value = "-已与区工信局核实"
    # reject another one
    ws.cell(_row_of(ws, "1.2", "1.3"), COLUMN[COL_STATUS]).value = "已否决"
    # a confirmed link goes back to review
    ws.cell(_row_of(ws, "1.1", "1.1"), COLUMN[COL_STATUS]).value = "待审核"
    # the gap gets a measure typed in (its text without the label); status left at 缺口
    r = _row_of(ws, "1.3", None)
    ws.cell(r, COLUMN[COL_LOWER]).value = "创新投融资模式，积极组织开展基础设施REITs业务，盘活存量资产。"
    # the 不适用 task becomes a gap again
    ws.cell(_row_of(ws, "2.3", None), COLUMN[COL_STATUS]).value = "缺口"
    # the weak task is marked 不适用
    r = _row_of(ws, "2.1", "2.1")
    ws.cell(r, COLUMN[COL_STATUS]).value = "不适用"
    ws.cell(r, COLUMN[COL_NOTE]).value = "国家科学中心不在本区"
    # a note on an extra
    ws.cell(_row_of(ws, None, "2.3"), COLUMN[COL_NOTE]).value = "属于人才工作"
    # a row added at the bottom with both ids
    new = ws.max_row + 1
    ws.cell(new, COLUMN[COL_UPPER_ID]).value = "2.2"
    ws.cell(new, COLUMN[COL_LOWER_ID]).value = "2.3"
    ws.cell(new, COLUMN[COL_STATUS]).value = "已确认"
    wb.save(path)

    restored, warnings = import_review_xlsx(path, cw)
    assert warnings == []
    assert restored.link("1.2", "1.2").status is LinkStatus.CONFIRMED
    assert restored.link("1.2", "1.2").note == "-已与区工信局核实"
    assert restored.link("1.2", "1.3").status is LinkStatus.REJECTED
    assert restored.link("1.1", "1.1").status is LinkStatus.AUTO
    assert restored.link("1.3", "2.4").status is LinkStatus.MANUAL
    assert restored.link("2.2", "2.3").status is LinkStatus.MANUAL
    assert restored.link("2.4", "2.3").status is LinkStatus.REJECTED  # from the hidden record
    assert restored.not_applicable == (("2.1", "国家科学中心不在本区"),)
    assert restored.link("2.1", "2.1").status is LinkStatus.AUTO  # 不适用 leaves the link alone
    assert "1.3" not in restored.upper_gaps and "2.3" in restored.upper_gaps
    assert restored.item_note(Side.LOWER, "2.3") == "属于人才工作"
    assert "2.4" not in restored.lower_extras


def test_deleted_link_row_is_rejected_and_reported(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    ws.delete_rows(_row_of(ws, "1.2", "1.3"))
    wb.save(path)
    restored, warnings = import_review_xlsx(path, cw)
    assert restored.link("1.2", "1.3").status is LinkStatus.REJECTED
    assert len(warnings) == 1 and "已被删除" in warnings[0]


def test_rows_that_cannot_be_applied_are_reported_in_chinese(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    ws.cell(_row_of(ws, "1.2", "1.2"), COLUMN[COL_STATUS]).value = "同意"
    ws.cell(_row_of(ws, "1.3", None), COLUMN[COL_LOWER]).value = "一条本级文件里没有的措施内容"
    ws.cell(_row_of(ws, "2.3", None), COLUMN[COL_UPPER_ID]).value = "9.9"
    new = ws.max_row + 1
    ws.cell(new, COLUMN[COL_NOTE]).value = "孤立的意见"
    wb.save(path)
    restored, warnings = import_review_xlsx(path, cw)
    assert len(warnings) == 4
    assert any("状态“同意”无法识别" in w for w in warnings)
    assert any("找不到相符的条目" in w and "请填写本级编号" in w for w in warnings)
    assert any("上级编号“9.9”在上级文件中不存在" in w for w in warnings)
    assert any(f"第{new}行" in w for w in warnings)
    assert restored.link("1.2", "1.2").status is LinkStatus.AUTO  # unchanged


def test_without_the_record_sheet_the_visible_review_still_imports(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    del wb[SHEET_RECORD]
    wb.save(path)
    restored, warnings = import_review_xlsx(path, _unreviewed(cw))
    assert len(warnings) == 1 and "审核记录" in warnings[0]
    assert restored.link("1.1", "1.1").status is LinkStatus.CONFIRMED
    assert restored.not_applicable == (("2.3", "本地区已完成职称评审权下放"),)


def test_workbook_of_other_documents_is_flagged(exported, tmp_path):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    wb[SHEET_RECORD]["B2"].value = "另一份文件"
    wb.save(path)
    _, warnings = import_review_xlsx(path, cw)
    assert any("另一份文件" in w and "与当前打开的文件不同" in w for w in warnings)


def test_not_an_exported_workbook(tmp_path):
    cw = sample_crosswalk()
    plain = tmp_path / "其他.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(plain)
    with pytest.raises(ReadError, match="没有“对照表”工作表"):
        import_review_xlsx(plain, cw)
    text = tmp_path / "a.xlsx"
    text.write_text("不是表格", encoding="utf-8")
    with pytest.raises(ReadError):
        import_review_xlsx(text, cw)
    with pytest.raises(ReadError, match="文件不存在"):
        import_review_xlsx(tmp_path / "无.xlsx", cw)


def test_missing_id_columns_are_explained(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    wb[SHEET_TABLE].delete_cols(COLUMN[COL_UPPER_ID], 2)
    wb.save(path)
    with pytest.raises(ReadError, match="上级编号"):
        import_review_xlsx(path, cw)


def test_a_cell_at_the_last_row_and_column_is_not_walked_to(exported):
    """Issue 13: one cell at XFD1048576 made the import walk 17 billion cells."""
    import time

    cw, path = exported
    wb = openpyxl.load_workbook(path)
    wb[SHEET_TABLE]["XFD1048576"] = "x"
    wb[SHEET_RECORD]["XFD1048576"] = "x"
    wb.save(path)
    start = time.perf_counter()
    restored, warnings = import_review_xlsx(path, cw)
    assert time.perf_counter() - start < 10
    assert warnings == [] and restored.review_state() == cw.review_state()


def test_a_sheet_with_too_many_rows_is_refused_in_chinese(exported, monkeypatch):
    import exporters.xlsx_import as xlsx_import

    cw, path = exported
    monkeypatch.setattr(xlsx_import, "MAX_ROWS", 5)
    with pytest.raises(ReadError, match="超过可导入的上限"):
        import_review_xlsx(path, cw)


def test_wrong_types_in_the_record_are_reported_not_raised(exported):
    import datetime

    cw, path = exported
    wb = openpyxl.load_workbook(path)
    record = wb[SHEET_RECORD]
    rows = {(record.cell(r, 2).value, record.cell(r, 3).value): r for r in range(5, record.max_row + 1)}
    record.cell(rows[("1.2", "1.3")], 5).value = "abc"  # 匹配度
    record.cell(rows[("2.4", "2.3")], 4).value = 3.5  # 状态
    table = wb[SHEET_TABLE]
    table.cell(_row_of(table, "1.1", "1.1"), COLUMN[COL_NOTE]).value = datetime.datetime(2024, 5, 1)
    table.cell(_row_of(table, "1.2", "1.2"), COLUMN[COL_NOTE]).value = 42
    wb.save(path)
    restored, warnings = import_review_xlsx(path, _unreviewed(cw))
    assert any("匹配度“abc”不是 0 到 1 之间的数" in w for w in warnings)
    assert any("状态“3.5”无法识别" in w for w in warnings)
    assert restored.link("1.1", "1.1").note.startswith("2024-05-01")
    assert restored.link("1.2", "1.2").note == "42"


def test_edits_to_columns_from_the_documents_are_reported_as_not_imported(exported):
    cw, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    from exporters.xlsx_export import COL_DEPARTMENT, COL_SCORE

    ws.cell(_row_of(ws, "1.2", "1.2"), COLUMN[COL_DEPARTMENT]).value = "区商务局"
    ws.cell(_row_of(ws, "1.2", "1.3"), COLUMN[COL_DEPARTMENT]).value = "区商务局"
    ws.cell(_row_of(ws, "1.1", "1.1"), COLUMN[COL_SCORE]).value = 1
    ws.cell(_row_of(ws, "1.1", "1.1"), COLUMN[COL_STATUS]).value = "已否决"
    wb.save(path)
    restored, warnings = import_review_xlsx(path, cw)
    rows = sorted((_row_of(ws, "1.2", "1.2"), _row_of(ws, "1.2", "1.3")))
    assert f"“本级负责部门”列有 2 处修改（第{rows[0]}、{rows[1]}行），这一列不导入：负责部门取自本级文件" in "\n".join(warnings)
    assert any(w.startswith("“匹配度”列有 1 处修改") and "匹配度由程序计算" in w for w in warnings)
    assert restored.link("1.1", "1.1").status is LinkStatus.REJECTED  # the review itself still imports


def test_review_changes_say_what_an_import_does(exported):
    from exporters.xlsx_import import change_lines, review_changes

    cw, path = exported
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    ws.cell(_row_of(ws, "1.2", "1.2"), COLUMN[COL_STATUS]).value = "已确认"
    ws.cell(_row_of(ws, "1.2", "1.2"), COLUMN[COL_NOTE]).value = "已核实"
    ws.cell(_row_of(ws, "1.1", "1.1"), COLUMN[COL_STATUS]).value = "待审核"
    ws.cell(_row_of(ws, "2.3", None), COLUMN[COL_STATUS]).value = "缺口"
    new = ws.max_row + 1
    ws.cell(new, COLUMN[COL_UPPER_ID]).value = "2.2"
    ws.cell(new, COLUMN[COL_LOWER_ID]).value = "2.3"
    wb.save(path)
    restored, _ = import_review_xlsx(path, cw)
    changes = review_changes(cw, restored)
    assert changes.confirmed == (("1.2", "1.2"),) and changes.reopened == (("1.1", "1.1"),)
    assert changes.manual == (("2.2", "2.3"),) and changes.applicable_again == ("2.3",)
    # The 不适用 reason stays on the task as its note once the task is a gap again.
    assert [note for _, note in changes.notes] == ["已核实", "本地区已完成职称评审权下放"]
    lines = change_lines(changes, restored)
    assert lines[0].startswith("确认关联 1 条：“2.完善相关举措")
    assert any(line.startswith("新增人工关联 1 条") for line in lines)
    assert any(line.startswith("取消不适用 1 项") for line in lines)
    assert review_changes(cw, cw).empty
