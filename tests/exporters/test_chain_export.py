"""A three-level chain written as .xlsx / .docx / .json and read back."""
from __future__ import annotations

import json

import docx
import openpyxl
import pytest

from compare.errors import WriteError
from exporters import write_chain_outputs
from exporters.chain_tables import pair_sheet_name
from exporters.xlsx_export import SHEET_TABLE, TABLE_COLUMNS
from tests.compare.analyses import test_cascade

chain = test_cascade.chain  # the three-level chain fixture, shared with the engine's tests


@pytest.fixture(scope="module")
def written(chain, tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    paths = [folder / "链条.xlsx", folder / "链条.docx", folder / "链条.json"]
    assert write_chain_outputs(chain, paths) == paths
    return dict(zip(("xlsx", "docx", "json"), paths))


def _values(ws, row: int) -> list[object]:
    return [c.value for c in ws[row]]


def test_workbook_sheets(written):
    wb = openpyxl.load_workbook(written["xlsx"])
    assert wb.sheetnames == ["覆盖统计", "链条", "对照表1 第1级→第2级", "对照表2 某市贯彻落实措施→某区工作方案"]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    pair = wb["对照表2 某市贯彻落实措施→某区工作方案"]
    assert _values(pair, 1) == [c.header for c in TABLE_COLUMNS]


def test_chain_sheet_follows_each_national_task(written):
    ws = openpyxl.load_workbook(written["xlsx"])["链条"]
    assert _values(ws, 1) == ["序号", "第1级任务", "第2级对应条目", "第3级对应条目", "贯通情况", "部分分支中断"]
    rows = {ws.cell(r, 2).value[:2]: _values(ws, r)[2:] for r in range(2, 6)}
    assert rows["1."] == ["一、1.", "1.", "贯通", None]
    assert rows["2."] == ["一、2.", None, "断开（第3级）", None]
    assert rows["3."] == [None, None, "断开（第2级）", None]
    assert rows["4."] == ["一、3.", "2.", "贯通", None]
    assert ws.cell(7, 1).value.startswith("第1级为《国务院关于支持国家级新区高质量发展的意见》")
    assert ws.cell(2, 5).fill.fgColor.rgb.endswith("E2EFDA") and ws.cell(3, 5).fill.fgColor.rgb.endswith("F8CBAD")


def test_coverage_sheet_per_pair_and_end_to_end(written, chain):
    ws = openpyxl.load_workbook(written["xlsx"])["覆盖统计"]
    assert _values(ws, 1) == ["对照层级", "任务数", "已覆盖", "弱覆盖", "缺口", "不适用", "覆盖率"]
    for r, step in enumerate(chain.steps, start=2):
        cov = step.coverage()
        assert _values(ws, r)[:6] == [f"第{r - 1}级→第{r}级", cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable]
    assert _values(ws, 2)[1] == 4 and _values(ws, 2)[4] == 1  # national 3. has no provincial measure
    start = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "项目")
    block = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(start + 1, start + 9)}
    assert block["第1级任务"][0] == 4 and block["贯通到第3级"] == (2, "50%")
    assert block["断在第2级"] == (1, "25%") and block["断在第3级"] == (1, "25%")
    assert block["贯通率（不计不适用）"] == (None, "50%")


def test_report_summary_coverage_broken_chains_and_pair_sections(written):
    report = docx.Document(written["docx"])
    texts = [p.text for p in report.paragraphs if p.text]
    assert texts[0] == "《某区工作方案》逐级对标情况"
    assert "贯通率50%" in texts[2] and "断在第2级1项" in texts[2]
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、覆盖情况", "二、未贯通的任务"]
    assert headings[2].startswith("三、第1级→第2级对照情况") and headings[3].startswith("四、第2级→第3级对照情况")
    broken = [t for t in texts if t.startswith(("1．", "2．"))]
    assert len(broken) == 2 and "断开（第3级）" in broken[0] and "断开（第2级）" in broken[1]
    assert len(report.tables) == 4  # two coverage tables, two crosswalk tables
    assert [s.orientation for s in report.sections] == [0, 1, 1]


def test_json_has_documents_steps_and_end_to_end(written, chain):
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert [d["title"] for d in data["documents"]] == [d.title for d in chain.documents]
    assert len(data["steps"]) == 2 and data["steps"][0]["format"] == "duibiao-crosswalk"
    outcomes = [(c["outcome"], c["broken_at"]) for c in data["end_to_end"]]
    assert outcomes == [("reached", None), ("broken", 2), ("broken", 1), ("reached", None)]


def test_sheet_names_fall_back_to_levels_when_titles_are_long(chain):
    assert pair_sheet_name(chain, 0) == "对照表1 第1级→第2级"
    assert SHEET_TABLE in pair_sheet_name(chain, 1)


def test_unknown_format_is_refused_before_writing(chain, tmp_path):
    with pytest.raises(WriteError) as error:
        write_chain_outputs(chain, [tmp_path / "a.xlsx", tmp_path / "b.pdf"])
    assert "不支持输出 .pdf 格式" in str(error.value)
    assert not (tmp_path / "a.xlsx").exists()
