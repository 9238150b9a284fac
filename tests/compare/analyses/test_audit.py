"""Reading an existing 分工方案 table and auditing it against the upper document."""
from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from compare.analyses.audit import audit_division_table
from compare.analyses.division_table import guess_columns, not_applicable_numbers, read_division_table
from compare.errors import ReadError
from compare.documents.readers import read_document
from tests.conftest import PROJECT, SEEDS, require_shared

UPPER_TEXT = """上级重点任务
一、发展数字经济
1.加快发展数字经济，推进数字产业化和产业数字化，培育数字经济核心产业。
2.加强生态环境保护，推进大气污染联防联控，持续改善空气质量。
二、改善民生
3.完善养老服务体系，发展普惠型养老服务，扩大养老机构床位供给。
4.深化医药卫生体制改革，推进紧密型医疗联合体建设，提升基层医疗服务能力。
"""
MEASURE_1 = "制定数字经济发展行动方案，推进数字产业化和产业数字化，培育数字经济核心产业集群。"
MEASURE_2 = "加快发展数字经济，建设工业互联网平台，推进产业数字化，培育数字经济核心产业企业。"
MEASURE_WEAK = "组织开展全民健身运动会，丰富群众文化体育生活。"
HEADER = ("序号", "上级任务", "本区措施", "责任单位")
# Task 1 spans two measure rows (merged in the files); task 3 repeats task 1's first measure; task 4 is absent.
ROWS = (
    ("1", "1.加快发展数字经济，推进数字产业化和产业数字化，培育数字经济核心产业。", MEASURE_1, "区发改委"),
    ("2", None, MEASURE_2, "区工信局"),
    ("3", "2.加强生态环境保护，推进大气污染联防联控，持续改善空气质量。", MEASURE_WEAK, "区文化旅游局"),
    ("4", "3.完善养老服务体系，发展普惠型养老服务，扩大养老机构床位供给。", MEASURE_1, "区发展改革委、区民政局"),
)


@pytest.fixture
def upper(tmp_path: Path):
    path = tmp_path / "upper.txt"
    path.write_text(UPPER_TEXT, encoding="utf-8")
    return read_document(path)


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["附件：某区重点任务分工方案"])
    ws.append(list(HEADER))
    for row in ROWS:
        ws.append(list(row))
    ws.merge_cells("B3:B4")  # task 1 over its two measures
    wb.save(path)
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("注：上级任务第4项不涉及本区。")
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    document.save(str(path))
    return path


def _check_findings(report) -> None:
    rows = report.table.rows
    assert [r.upper_number for r in rows] == [1, 1, 2, 3]  # the merged task cell carries to both rows
    assert rows[1].upper_task == rows[0].upper_task
    assert [m.upper.label for m in report.matches] == ["1.", "1.", "2.", "3."]
    assert [w.row.number for w in report.weak] == ["3", "4"]  # 全民健身 under 生态环境; 数字经济 under 养老
    assert all(w.score < report.thresholds.link for w in report.weak)
    assert len(report.repeated) == 1
    group = report.repeated[0]
    assert [r.number for r in group.rows] == ["1", "4"] and group.task_count == 2 and group.similarity == 1.0
    assert [(v.canonical, {s for s, _ in v.spellings}) for v in report.name_variants] == [
        ("区发展改革委", {"区发改委", "区发展改革委"})
    ]
    assert dict(report.name_variants[0].spellings)["区发改委"] == ("序号1",)


def test_xlsx_table_with_merged_task_cells(tmp_path: Path, upper) -> None:
    table = read_division_table(_xlsx(tmp_path / "分工.xlsx"))
    assert table.columns.upper_task == "上级任务" and table.columns.departments == "责任单位"
    report = audit_division_table(table, upper)
    _check_findings(report)
    assert [m.item.label for m in report.missing] == ["4."]
    assert report.not_applicable == ()


def test_docx_table_and_not_applicable_remark(tmp_path: Path, upper) -> None:
    table = read_division_table(_docx(tmp_path / "分工.docx"))
    assert table.not_applicable == (4,)
    report = audit_division_table(table, upper)
    _check_findings(report)
    assert report.missing == ()  # task 4 is marked 不涉及, so it is not missing
    assert [(t.number, t.item.label) for t in report.not_applicable] == [(4, "4.")]


def test_column_override_by_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "文件要求", "怎么干", "谁来干"])
    ws.append(["1", "1.加快发展数字经济。", MEASURE_1, "区发改委"])
    path = tmp_path / "自定义.xlsx"
    wb.save(path)
    with pytest.raises(ReadError) as caught:
        read_division_table(path)
    assert "本级措施" in str(caught.value) and "“怎么干”" in str(caught.value)  # names the columns it found
    table = read_division_table(path, overrides={"lower_measure": "怎么干", "departments": "谁来干"})
    assert table.rows[0].lower_measure == MEASURE_1 and table.rows[0].departments == "区发改委"
    with pytest.raises(ReadError, match="没有名为“做法”的列"):
        read_division_table(path, overrides={"lower_measure": "做法"})


def test_flattened_text_table_with_run_together_cells(tmp_path: Path, upper) -> None:
    lines = [
        "附件",
        "某区重点任务分工方案",
        "序号方面上级任务上级分工本区措施责任单位需市级协助事项",
        f"1一、发展数字经济1.加快发展数字经济，推进数字产业化和产业数字化，培育数字经济核心产业。工信部、各省级人民政府{MEASURE_1}{MEASURE_2}区发改委、区工信局1.支持申报国家数字经济创新发展试验区。(市发展改革委)",
        "2",
        f"2.加强生态环境保护，推进大气污染联防联控，持续改善空气质量。生态环境部{MEASURE_WEAK}区文化旅游局",
        f"3二、改善民生3.完善养老服务体系，发展普惠型养老服务，扩大养老机构床位供给。民政部推进社区养老服务设施建设，发展普惠型养老服务，扩大养老机构床位供给。区民政局、区发展改革委",
        "注：上级任务第4项不适用本区。",
    ]
    path = tmp_path / "分工.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_division_table(path)
    assert [r.number for r in table.rows] == ["1", "2", "3"]
    first, second, third = table.rows
    assert first.section == "一、发展数字经济" and second.section == "一、发展数字经济" and third.section == "二、改善民生"
    assert first.upper_division == "工信部、各省级人民政府"
    assert first.lower_measure == MEASURE_1 + MEASURE_2
    assert first.departments == "区发改委、区工信局"
    assert first.assistance == "1.支持申报国家数字经济创新发展试验区。(市发展改革委)"
    assert second.upper_number == 2 and second.upper_division == "生态环境部" and second.departments == "区文化旅游局"
    assert third.departments == "区民政局、区发展改革委" and third.assistance == ""
    report = audit_division_table(table, upper)
    assert report.missing == () and [t.number for t in report.not_applicable] == [4]
    assert [w.row.number for w in report.weak] == ["2"]


def test_text_without_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "正文.txt"
    path.write_text(UPPER_TEXT, encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到分工方案表格的表头"):
        read_division_table(path)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("注:国家36项重点任务中第26-28项不涉及天津工作", (26, 27, 28)),
        ("第3、5项和第9至10项不适用本区", (3, 5, 9, 10)),
        ("第二十六项不涉及本市", (26,)),
        ("第3项由市级部门负责", ()),
    ],
)
def test_not_applicable_remarks(text: str, numbers: tuple[int, ...]) -> None:
    assert not_applicable_numbers([text])[0] == numbers


def test_guess_columns_from_annex_headers() -> None:
    columns = guess_columns(["序号", "方面", "国家任务", "国家分工", "本区措施", "负责部门", "需市级部门协助开展的工作和分工"])
    assert (columns.upper_task, columns.upper_division, columns.lower_measure, columns.departments, columns.assistance) == (
        "国家任务", "国家分工", "本区措施", "负责部门", "需市级部门协助开展的工作和分工",
    )


def test_seed_002_annex_against_national_tasks() -> None:
    seed = require_shared(next(iter(sorted(SEEDS.glob("002_*.txt"))), SEEDS / "002_missing.txt"))
    table = read_division_table(seed)
    assert len(table.rows) == 34 and table.not_applicable == (26, 27, 28)
    assert [r.upper_number for r in table.rows[24:28]] == [25, 29, 30, 31]
    upper = read_document(PROJECT / "resources" / "demo" / "binhai2020_national_tasks.txt")
    report = audit_division_table(table, upper)
    assert report.missing == ()  # 26–28 are marked 不涉及, every other national task has its row
    assert [t.number for t in report.not_applicable] == [26, 27, 28]
    assert all(m.upper is not None and m.upper.label == f"{m.row.upper_number}." for m in report.matches if m.row.upper_task)
    problems = {(i.row.number, i.problem) for i in report.incomplete}
    assert ("19", "无负责部门") in problems  # national 19: "已完成", no department, no measure of its own
    assert ("34", "无上级任务") in problems  # the REITs measure answers no national task
    assert report.repeated == ()
