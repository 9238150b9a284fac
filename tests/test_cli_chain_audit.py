"""The headless `compare` command on a chain of documents, and the `audit` command."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.test_cli_compare import DEMO, run

NATIONAL = """国家任务
1.建设国家知识产权示范城区，完善知识产权服务体系，开展专利导航和知识产权保护工作。
2.实施高新技术企业倍增计划，培育科技型中小企业和瞪羚企业。
3.研究设立海洋经济发展基金，支持远洋渔业船队更新改造。
"""
CITY = """某市措施
1.推进国家知识产权示范城区建设，完善知识产权服务体系，开展专利导航，加强知识产权保护。
2.实施高新技术企业倍增行动，加大瞪羚企业和科技型中小企业培育力度。
"""
DISTRICT = """某区方案
1.建设知识产权示范城区，开展专利导航试点，完善区级知识产权服务体系和保护工作。
"""


def _chain_files(folder: Path) -> list[str]:
    paths = []
    for name, text in (("national", NATIONAL), ("city", CITY), ("district", DISTRICT)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_compare_three_documents_reports_each_level_and_end_to_end(tmp_path):
    out = tmp_path / "chain.json"
    result = run("compare", *_chain_files(tmp_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "第1级→第2级" in result.stdout and "第2级→第3级" in result.stdout
    assert "逐级贯通：第1级任务 3 项中 1 项落实到第3级" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 3 and len(data["steps"]) == 2


def test_compare_one_document_is_refused_in_chinese(tmp_path):
    result = run("compare", _chain_files(tmp_path)[0], "--out", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "2–6 份文件" in result.stderr and not (tmp_path / "x.json").exists()


def test_audit_finds_what_the_table_leaves_out(tmp_path):
    upper = DEMO / "binhai2020_national_tasks.txt"
    table = tmp_path / "分工方案.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "国家任务", "本区措施", "负责部门"])
    ws.append([1, "国家任务第一项", "落实第一项任务的措施", "区发改委"])
    ws.append([2, "国家任务第二项", "落实第二项任务的措施", "区发展改革委"])
    wb.save(table)
    out = tmp_path / "审核.xlsx"
    result = run("audit", str(table), "--upper", str(upper), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "缺漏的上级任务" in result.stdout and "部门名称不一致 1 处" in result.stdout
    assert out.exists() and len(openpyxl.load_workbook(out).sheetnames) >= 4


def test_audit_rejects_an_unknown_column_role(tmp_path):
    result = run("audit", str(DEMO / "binhai2020_national_tasks.txt"), "--column", "什么=表头", "--out", str(tmp_path / "a.xlsx"))
    assert result.returncode == 2 and "列用途可选" in result.stderr
