"""The pair workbook and report carry the 本级 responsibility and the target sheets, and the
workbook still restores its review through the hidden record."""
from __future__ import annotations

from dataclasses import replace

import docx
import openpyxl
import pytest

from compare.alignment.crosswalk import Crosswalk
from compare.documents.model import Document
from compare.documents.normalize import matching_key
from exporters.docx_export import export_docx
from exporters.xlsx_export import SHEET_RECORD, export_xlsx
from exporters.xlsx_import import import_review_xlsx
from tests.exporters.sample_crosswalk import sample_crosswalk


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    cw = sample_crosswalk()
    return cw, export_xlsx(cw, folder / "对照表.xlsx"), export_docx(cw, folder / "报告.docx")


def test_responsibility_sheets_are_the_lower_documents(files):
    _, xlsx, _ = files
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["本级责任单位汇总"]
    assert [c.value for c in ws[1]] == ["单位", "牵头项数", "配合项数", "合计", "牵头事项"]
    units = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value is not None]
    assert "区科技局" in units and "教育部" not in units  # 本级 units only, not the upper 分工
    assert ws.cell(ws.max_row, 1).value.startswith("本表统计本级文件《")
    assert wb.sheetnames[-1] == SHEET_RECORD and wb[SHEET_RECORD].sheet_state == "hidden"


def _with_text(document: Document, item_id: str, text: str) -> Document:
    items = tuple(replace(it, text=text, key=matching_key(text)) if it.id == item_id else it for it in document.items)
    return replace(document, items=items)


def test_target_sheets_have_their_headers(tmp_path):
    cw = sample_crosswalk()
    upper = _with_text(cw.upper, "1.2", "精准有序推动复工复产，到2025年新增规模以上企业100家，5G基站达到3000个。")
    lower = _with_text(cw.lower, "1.2", "力争2025年新增规模以上企业80家。")
    with_targets = Crosswalk.build(upper, lower, cw.links, cw.duplicates, cw.thresholds, cw.not_applicable, cw.item_notes)
    wb = openpyxl.load_workbook(export_xlsx(with_targets, tmp_path / "目标.xlsx"))
    assert [c.value for c in wb["目标与时限"][1]][:2] == ["上级编号", "上级目标"]
    assert [c.value for c in wb["未承接的上级目标"][1]][-1] == "衡量对象"
    assert [c.value for c in wb["未承接的上级目标"][2]][1] == "5G基站达到3000个"


def test_workbook_with_extra_sheets_round_trips_the_review(files):
    cw, xlsx, _ = files
    restored, warnings = import_review_xlsx(xlsx, cw)
    assert warnings == []
    assert restored.review_state() == cw.review_state()


def test_report_adds_responsibility_and_target_chapters(files):
    _, _, path = files
    report = docx.Document(path)
    level1 = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    assert level1[5].startswith("六、本级责任分工（《") and level1[6] == "七、目标与时限"
    level2 = [p.text for p in report.paragraphs if p.style.name == "Heading 2"]
    assert "（一）责任单位汇总" in level2 and "（二）未承接的上级目标" in level2
    texts = [p.text for p in report.paragraphs]
    # An empty list is never introduced: the report says there is nothing to list.
    after = texts[texts.index("（二）未承接的上级目标") + 1]
    assert after.startswith("没有未承接的上级目标")
