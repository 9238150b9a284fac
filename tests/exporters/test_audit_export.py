"""The 分工方案 audit written as .xlsx / .docx / .json and read back."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from compare.errors import WriteError
from exporters import write_audit_outputs
from exporters.audit_tables import audit_tables
from tests.exporters.test_audit_tables import _report


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("audit"))


@pytest.fixture(scope="module")
def written(report, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("out")
    paths = [folder / "审核.xlsx", folder / "审核.docx", folder / "审核.json"]
    assert write_audit_outputs(report, paths) == paths
    return dict(zip(("xlsx", "docx", "json"), paths))


def test_workbook_has_one_sheet_per_table_with_its_rows(written, report):
    tables = audit_tables(report)
    wb = openpyxl.load_workbook(written["xlsx"])
    assert wb.sheetnames == [t.title for t in tables]
    overview = wb["审核概况"]
    assert [c.value for c in overview[1]] == ["审核项目", "数量", "说明"]
    counts = {overview.cell(r, 1).value: overview.cell(r, 2).value for r in range(2, 10)}
    assert counts["缺漏的上级任务"] == 1 and counts["重复列出的措施"] == 1
    missing = wb["缺漏的上级任务"]
    assert [c.value for c in missing[2]] == ["3.", "一、任务", "深化医药卫生体制改革，推进医疗联合体建设。"]
    assert missing.max_row == 4 and missing.cell(4, 1).value.startswith("这些上级任务")
    assert wb["审核概况"].page_setup.orientation == "portrait"
    assert wb["措施与任务不符"].print_title_rows == "$1:$1"
    assert "《" in wb.properties.title and wb.properties.creator == "对标"


def test_report_lists_findings_with_rows_first(written):
    report = docx.Document(written["docx"])
    paragraphs = [(p.text, p.style.name) for p in report.paragraphs if p.text]
    assert paragraphs[0][0].endswith("分工方案审核情况")
    level1 = [t for t, s in paragraphs if s == "Heading 1"]
    assert level1 == ["一、审核概况", "二、审核发现的问题"]
    level2 = [t for t, s in paragraphs if s == "Heading 2"]
    assert level2 == [
        "（一）缺漏的上级任务", "（二）措施与任务不符", "（三）重复列出的措施", "（四）部门名称不一致",
        "（五）注明不适用的上级任务", "（六）上级文件中找不到的任务", "（七）内容不完整的行",  # no rows: note only
    ]
    assert any("请查看下文同名部分" in t for t, _ in paragraphs)
    assert len(report.tables) == 1 + 4  # overview and the four findings with rows


def test_json_holds_every_table(written, report):
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert data["format"] == "duibiao-audit"
    assert [t["title"] for t in data["tables"]] == [t.title for t in audit_tables(report)]
    assert data["tables"][1]["rows"] == [["3.", "一、任务", "深化医药卫生体制改革，推进医疗联合体建设。"]]


def test_open_file_is_reported_in_chinese(report, tmp_path):
    (tmp_path / "审核.xlsx").mkdir()
    with pytest.raises(WriteError) as error:
        write_audit_outputs(report, [tmp_path / "审核.xlsx"])
    assert "同名的文件夹已存在" in str(error.value)
