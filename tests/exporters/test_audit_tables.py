"""The audit sheets: titles, counts and rows a clerk reads."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from compare.analyses.audit import audit_division_table
from compare.analyses.division_table import read_division_table
from compare.documents.readers import read_document
from exporters.audit_tables import audit_tables

UPPER = "一、任务\n1.加快发展数字经济，推进数字产业化和产业数字化。\n2.完善养老服务体系，发展普惠型养老服务。\n3.深化医药卫生体制改革，推进医疗联合体建设。\n"
MEASURE = "制定数字经济发展行动方案，推进数字产业化和产业数字化。"


def _report(tmp_path: Path, with_upper: bool = True):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "上级任务", "具体措施", "负责部门"])
    ws.append(["1", "1.加快发展数字经济，推进数字产业化和产业数字化。", MEASURE, "区发改委"])
    ws.append(["2", "2.完善养老服务体系，发展普惠型养老服务。", MEASURE, "区发展改革委"])
    table_path = tmp_path / "分工.xlsx"
    wb.save(table_path)
    upper_path = tmp_path / "上级.txt"
    upper_path.write_text(UPPER, encoding="utf-8")
    upper = read_document(upper_path) if with_upper else None
    return audit_division_table(read_division_table(table_path), upper)


def test_sheets_and_overview_counts(tmp_path: Path) -> None:
    tables = audit_tables(_report(tmp_path))
    titles = [t.title for t in tables]
    assert titles[0] == "审核概况"
    assert {"缺漏的上级任务", "措施与任务不符", "重复列出的措施", "部门名称不一致"} <= set(titles)
    assert all(len(t) <= 31 for t in titles)
    by_title = {t.title: t for t in tables}
    counts = {row[0]: row[1] for row in by_title["审核概况"].rows}
    assert counts["缺漏的上级任务"] == 1 and counts["重复列出的措施"] == 1 and counts["部门名称不一致"] == 1
    assert counts["措施与任务不符"] == len(by_title["措施与任务不符"].rows) == 1
    assert by_title["缺漏的上级任务"].rows == (("3.", "一、任务", "深化医药卫生体制改革，推进医疗联合体建设。"),)
    weak = by_title["措施与任务不符"].rows[0]
    assert weak[0] == "序号2" and weak[3].endswith("%")
    assert [row[1] for row in by_title["重复列出的措施"].rows] == ["序号1", "序号2"]
    assert {row[1]: row[2] for row in by_title["部门名称不一致"].rows} == {"区发改委": "序号1", "区发展改革委": "序号2"}


def test_without_upper_document_says_what_to_do(tmp_path: Path) -> None:
    by_title = {t.title: t for t in audit_tables(_report(tmp_path, with_upper=False))}
    assert by_title["缺漏的上级任务"].rows == ()
    assert "请同时打开上级文件" in by_title["缺漏的上级任务"].note
    counts = {row[0]: row[1] for row in by_title["审核概况"].rows}
    assert counts["缺漏的上级任务"] is None
