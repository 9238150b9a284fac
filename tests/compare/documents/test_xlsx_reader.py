"""The .xlsx reader: header detection, merged cells, column choice, 分工方案 tables end to end, bad files."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from compare.errors import ReadError
from compare.documents.model import ItemKind, SourceKind
from compare.documents.readers import ReadOptions, read_document, read_raw
from compare.documents.readers.xlsx_reader import cell_text, read_xlsx

ANNEX_HEADER = ["序号", "方面", "国家任务", "国家分工", "本区措施", "负责部门", "需市级部门协助"]
ANNEX_ROWS = [
    [1.0, "一、统筹推进疫情应对", "1.建立应对疫情工作沟通机制。", "国家发改委", "各开发区出台复工复产具体支持政策。", "区发改委", None],
    [2.0, None, "2.精准有序推动复工复产。", "各国家级新区", "制定疫情期间人员流动管理方案。", "区商促局", "配合解决企业通关问题。（市商务局）"],
    [3.0, "二、提升科技创新能力", "6.建设重大科技基础设施。", "有关省级人民政府", "编制滨海新区“十四五”科技创新规划。", "区科技局", None],
]


def _annex_workbook(path: Path) -> Path:
    """A 分工方案 sheet as offices send it: 附件 line, merged title, header, 方面 merged down its rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工方案"
    ws.append(["附件"])
    ws.append(["《滨海新区落实国家级新区重点任务的具体措施》分工方案"])
    ws.merge_cells("A2:G2")
    ws.append(ANNEX_HEADER)
    for row in ANNEX_ROWS:
        ws.append(row)
    ws.merge_cells("B4:B5")
    ws.append([])
    wb.create_sheet("说明").append(["本表由区发改委汇总。"])
    wb.save(path)
    return path


def test_annex_table_gives_one_item_per_row_with_attributes(tmp_path: Path) -> None:
    doc = read_document(_annex_workbook(tmp_path / "分工方案.xlsx"), ReadOptions(sheet="分工方案"))
    assert doc.format == "xlsx"
    assert doc.title == "《滨海新区落实国家级新区重点任务的具体措施》分工方案"
    assert [(it.label, it.text, it.path, it.kind) for it in doc.items] == [
        ("1", "各开发区出台复工复产具体支持政策。", ("一、统筹推进疫情应对",), ItemKind.ROW),
        ("2", "制定疫情期间人员流动管理方案。", ("一、统筹推进疫情应对",), ItemKind.ROW),
        ("3", "编制滨海新区“十四五”科技创新规划。", ("二、提升科技创新能力",), ItemKind.ROW),
    ]
    second = doc.items[1]
    assert second.attributes == (
        ("国家任务", "2.精准有序推动复工复产。"),
        ("国家分工", "各国家级新区"),
        ("负责部门", "区商促局"),
        ("需市级部门协助", "配合解决企业通关问题。（市商务局）"),
    )
    assert second.source.describe() == "工作表“分工方案”第5行"


def test_every_sheet_is_read_unless_one_is_chosen(tmp_path: Path) -> None:
    path = _annex_workbook(tmp_path / "a.xlsx")
    raw = read_xlsx(path, ReadOptions())
    assert [b.source.sheet for b in raw.blocks] == ["分工方案"] * 3 + ["说明"]
    assert raw.blocks[-1].text == "本表由区发改委汇总。" and not raw.blocks[-1].cells  # a one-column sheet is paragraphs
    assert {b.source.table for b in raw.blocks} == {0, 1}


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_xlsx(_annex_workbook(tmp_path / "a.xlsx"), ReadOptions(sheet="Sheet9"))
    assert "“分工方案”" in err.value.message and "“说明”" in err.value.message


def test_column_choice_overrides_guess_and_unknown_column_lists_headers(tmp_path: Path) -> None:
    path = _annex_workbook(tmp_path / "a.xlsx")
    upper = read_xlsx(path, ReadOptions(sheet="分工方案", text_column="国家任务", section_column="国家分工"))
    assert upper.blocks[0].text == "1.建立应对疫情工作沟通机制。"
    assert upper.blocks[0].section_column == "国家分工"
    with pytest.raises(ReadError) as err:
        read_xlsx(path, ReadOptions(text_column="上级任务"))
    assert "上级任务" in err.value.message
    assert all(f"“{h}”" in err.value.message for h in ANNEX_HEADER)


def test_header_row_found_below_title_rows_or_given(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年重点工作任务清单"])
    ws.append(["填报单位：区发改委", None, "填报日期：2024年3月"])
    ws.append(["编号", "工作事项", "完成时限"])
    ws.append(["1", "推进项目建设。", dt.datetime(2024, 6, 30)])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    raw = read_xlsx(path, ReadOptions())
    assert raw.title_hint == "2024年重点工作任务清单"
    assert raw.blocks[0].cells == (("编号", "1"), ("工作事项", "推进项目建设。"), ("完成时限", "2024年6月30日"))
    assert raw.blocks[0].label_column == "编号"
    # The user can say the header is elsewhere: then row 3 is data under the row-2 "header".
    forced = read_xlsx(path, ReadOptions(header_row=3))
    assert forced.blocks[0].text == "推进项目建设。"
    with pytest.raises(ReadError, match="第 40 行"):
        read_xlsx(path, ReadOptions(header_row=40))


def test_sheet_without_recognisable_header_uses_first_row_and_says_so(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["甲", "乙"])
    ws.append(["推进项目建设，确保按期完工。", "区发改委"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    raw = read_xlsx(path, ReadOptions())
    assert raw.blocks[0].cells == (("甲", "推进项目建设，确保按期完工。"), ("乙", "区发改委"))
    assert raw.blocks[0].text_column == "甲"  # the column with the longest text
    assert any("没有识别出表头" in w and "清单" in w for w in raw.warnings)


def test_caption_rows_become_the_group_of_the_rows_below(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体措施", "责任单位"])
    ws.append(["一、科技创新"])
    ws.merge_cells("A2:C2")
    ws.append([1, "建设创新平台。", "区科技局"])
    ws.append(["", "", ""])
    ws.append([2, "培育科技企业。", "区科技局"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    doc = read_document(path)
    assert [(it.label, it.text, it.path) for it in doc.items] == [
        ("1", "建设创新平台。", ("一、科技创新",)),
        ("2", "培育科技企业。", ("一、科技创新",)),
    ]


def test_horizontal_merge_is_read_once(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "任务内容", "牵头单位", "配合单位"])
    ws.append([1, "推进改革。", "区委改革办"])
    ws.merge_cells("C2:D2")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert read_xlsx(path, ReadOptions()).blocks[0].cells[2:] == (("牵头单位", "区委改革办"), ("配合单位", ""))


def test_cell_values_as_text() -> None:
    assert cell_text(1.0) == "1"
    assert cell_text(2.5) == "2.5"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(0.35, "0%") == "35%"
    assert cell_text(dt.datetime(2025, 12, 31)) == "2025年12月31日"
    assert cell_text(dt.datetime(2025, 1, 2, 9, 30)) == "2025年1月2日 09:30"
    assert cell_text(True) == "是"
    assert cell_text("  推进\u3000改革 \n\n 第二行 ") == "推进 改革\n第二行"


def test_hidden_sheets_are_skipped_with_a_note(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["任务", "负责部门"])
    wb.active.append(["推进改革。", "区委改革办"])
    hidden = wb.create_sheet("下拉选项")
    hidden.append(["区委改革办"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    raw = read_xlsx(path, ReadOptions())
    assert [b.text for b in raw.blocks] == ["推进改革。"]
    assert any("下拉选项" in w for w in raw.warnings)
    assert read_xlsx(path, ReadOptions(sheet="下拉选项")).blocks[0].text == "区委改革办"


# --- bad files --------------------------------------------------------------------------------


def test_password_protected_xlsx_is_explained(tmp_path: Path) -> None:
    fake = tmp_path / "加密.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    with pytest.raises(ReadError, match="密码"):
        read_raw(fake)


def test_corrupt_workbook_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook><sheets>")
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_xlsx(path, ReadOptions())


def test_file_held_by_another_program_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _annex_workbook(tmp_path / "a.xlsx")
    real_open = Path.open

    def locked(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "The process cannot access the file")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(ReadError, match="请先关闭"):
        read_xlsx(path, ReadOptions())


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_rows_are_located_by_sheet_and_excel_row(tmp_path: Path) -> None:
    raw = read_xlsx(_annex_workbook(tmp_path / "a.xlsx"), ReadOptions(sheet="分工方案"))
    assert [(b.source.kind, b.source.index) for b in raw.blocks] == [(SourceKind.TABLE_ROW, n) for n in (3, 4, 5)]


def test_entity_declarations_in_a_sheet_are_refused(tmp_path: Path) -> None:
    clean = _annex_workbook(tmp_path / "clean.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            dst.writestr(info, data)
    with pytest.raises(ReadError, match="不安全"):
        read_xlsx(bomb, ReadOptions())


def test_two_row_header_under_a_merged_heading(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "责任单位", None])
    ws.append([None, None, "牵头单位", "配合单位"])
    for cells in ("A1:A2", "B1:B2", "C1:D1"):
        ws.merge_cells(cells)
    ws.append([1, "推进改革。", "区委改革办", "区发改委"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    (block,) = read_xlsx(path, ReadOptions()).blocks
    assert block.cells == (("序号", "1"), ("重点任务", "推进改革。"), ("牵头单位", "区委改革办"), ("配合单位", "区发改委"))
