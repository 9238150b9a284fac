"""Crosswalk -> .xlsx: the 分工方案 a colleague can print, filter and keep reviewing in Excel.

Sheets: 对照表 (the annex layout of seed 002 plus 匹配度/状态/审核意见), 缺口与重叠 (what needs a
decision, with its evidence), 统计 (coverage per section with a chart), the 本级 document's
responsibility sheets and the target comparison, and a hidden 审核记录 that snapshots every link
and review decision so `xlsx_import` can restore the review, including rejected links that the
对照表 leaves out. An extra sheet with nothing to list is left out (it would print as an empty
page); 统计 says why it is missing.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from compare.alignment.crosswalk import Crosswalk, Link, Side as DocSide
from compare.documents.model import Item
from compare.atomic_write import write_atomic
from exporters.layout import column_width, wrapped_lines
from exporters.crosswalk_rows import (
    STATUS_COLOURS,
    CrosswalkRow,
    RowStatus,
    assignment,
    assistance,
    department,
    exported_rows,
)
from exporters.plain_table import PlainTable
from exporters.summary import (
    COVERAGE_HEADERS,
    coverage_counts,
    coverage_lines,
    document_name,
    percent,
    report_title,
    score_text,
    summary_sentence,
    whole_percent,
)
from exporters.pair_tables import lower_responsibility_tables
from exporters.targets_table import targets_tables
from exporters.text_marks import common_phrases, shared_phrases
from exporters.xlsx_style import (
    BODY,
    CENTRE,
    HEADER,
    LINE_HEIGHT_PT,
    NOTE,
    Column,
    fit_heights,
    header_row,
    new_workbook,
    page_setup,
    put,
    set_widths,
)
from exporters.xlsx_plain import write_plain_sheet

SHEET_TABLE = "对照表"
SHEET_ISSUES = "缺口与重叠"
SHEET_STATS = "统计"
SHEET_RECORD = "审核记录"

COL_NUMBER = "序号"
COL_SECTION = "方面"
COL_UPPER = "上级任务"
COL_ASSIGNMENT = "上级分工"
COL_LOWER = "本级具体措施"
COL_DEPARTMENT = "本级负责部门"
COL_ASSISTANCE = "需上级协助事项"
COL_SCORE = "匹配度"
COL_STATUS = "状态"
COL_NOTE = "审核意见"
COL_UPPER_ID = "上级编号"
COL_LOWER_ID = "本级编号"
COL_LINK_STATUS = "原链接状态"

# The hidden 审核记录 sheet: a title block, then one record per row under RECORD_HEADERS.
RECORD_MARK = "对标审核记录"
RECORD_VERSION = 1
RECORD_HEADER_ROW = 4
RECORD_HEADERS = ("类型", "上级编号", "本级编号", "状态", "匹配度", "内容")
RECORD_LINK = "链接"
RECORD_NOT_APPLICABLE = "不适用"
RECORD_NOTE = "备注"

SPARE_ROWS = 500  # rows below the table that keep the 状态 drop-down and colours for added rows


TABLE_COLUMNS = (
    Column(COL_NUMBER, 5, 6),
    Column(COL_SECTION, 10, 14),
    Column(COL_UPPER, 28, 42),
    Column(COL_ASSIGNMENT, 8, 14),
    Column(COL_LOWER, 30, 48),
    Column(COL_DEPARTMENT, 8, 16),
    Column(COL_ASSISTANCE, 10, 26),
    Column(COL_SCORE, 7, 7),
    Column(COL_STATUS, 9, 9),
    Column(COL_NOTE, 12, 22),
    Column(COL_UPPER_ID, 10, 10, hidden=True),
    Column(COL_LOWER_ID, 10, 10, hidden=True),
    Column(COL_LINK_STATUS, 10, 10, hidden=True),
)
_VISIBLE = [c for c in TABLE_COLUMNS if not c.hidden]
_INDEX = {c.header: n for n, c in enumerate(TABLE_COLUMNS, start=1)}


def export_xlsx(cw: Crosswalk, path: str | Path) -> Path:
    """Write the workbook to `path` atomically and return the path."""
    workbook = build_workbook(cw)
    return write_atomic(path, workbook.save)


def build_workbook(cw: Crosswalk) -> Workbook:
    title = report_title(cw)
    wb = new_workbook(title, f"{document_name(cw.upper)} — {document_name(cw.lower)}")
    table = wb.active
    table.title = SHEET_TABLE
    write_crosswalk_sheet(table, cw, title)
    _write_issues(wb.create_sheet(SHEET_ISSUES), cw, title)
    stats = wb.create_sheet(SHEET_STATS)
    extras = (*lower_responsibility_tables(cw), *targets_tables(cw))
    for extra in extras:
        if extra.rows:
            write_plain_sheet(wb.create_sheet(extra.title), extra, title)
    _write_stats(stats, cw, title, [t for t in extras if not t.rows])
    _write_record(wb.create_sheet(SHEET_RECORD), cw)
    return wb


# --- 对照表 ----------------------------------------------------------------------------------------


def _row_values(row: CrosswalkRow) -> dict[str, object]:
    upper, lower, link = row.upper_item, row.lower_item, row.link
    return {
        COL_NUMBER: row.group,
        COL_SECTION: row.section,
        COL_UPPER: row.upper_text,
        COL_ASSIGNMENT: assignment(upper),
        COL_LOWER: row.lower_text,
        COL_DEPARTMENT: department(lower),
        COL_ASSISTANCE: assistance(lower, upper),
        # A whole percent, stored as shown: Excel's "0%" would round 0.996 up to 100%.
        COL_SCORE: (row.score_text if link.score is None else whole_percent(100 * link.score) / 100) if link else None,
        COL_STATUS: row.status.value,
        # A 不适用 row shows the task's reason (what the import reads back); the link keeps its note.
        COL_NOTE: row.reason if row.status is RowStatus.NOT_APPLICABLE else row.note,
        COL_UPPER_ID: upper.id if upper else "",
        COL_LOWER_ID: lower.id if lower else "",
        COL_LINK_STATUS: link.status.value if link else "",
    }


def _runs(keys: list[object]) -> list[tuple[int, int]]:
    """(first, last) offsets of runs of equal, non-None keys longer than one."""
    runs, start = [], 0
    for pos in range(1, len(keys) + 1):
        if pos == len(keys) or keys[pos] != keys[start]:
            if keys[start] is not None and pos - start > 1:
                runs.append((start, pos - 1))
            start = pos
    return runs


def _merge(ws: Worksheet, ranges: list[tuple[int, int, int]]) -> None:
    """Merge (column, first row, last row) ranges in one step. `Worksheet.merge_cells` checks each
    new range against all earlier ones and restyles its border cells: minutes for thousands of
    rows. Our ranges never overlap and every cell already has its border; the cells below the
    first of a range are emptied as merging would."""
    for column, first, last in ranges:
        for row in range(first + 1, last + 1):
            ws.cell(row, column).value = None
    ws.merged_cells = MultiCellRange(
        [CellRange(min_col=c, min_row=first, max_col=c, max_row=last) for c, first, last in ranges]
    )


def write_crosswalk_sheet(ws: Worksheet, cw: Crosswalk, title: str) -> None:
    """The 对照表 of `cw` on `ws` (also one sheet per level pair of a chain workbook)."""
    rows = exported_rows(cw)
    header_row(ws, (c.header for c in TABLE_COLUMNS))
    centred = {COL_NUMBER, COL_SCORE, COL_STATUS, COL_UPPER_ID, COL_LOWER_ID, COL_LINK_STATUS}
    texts: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows, start=2):
        for header, value in _row_values(row).items():
            column = _INDEX[header]
            cell = put(ws, r, column, value, CENTRE if header in centred else BODY)
            if header == COL_SCORE:
                cell.number_format = "0%"
            if isinstance(value, str) and value and not TABLE_COLUMNS[column - 1].hidden:
                texts[(r, column)] = cell.value
    last = len(rows) + 1
    widths = set_widths(ws, TABLE_COLUMNS, texts | {(1, n): c.header for n, c in enumerate(TABLE_COLUMNS, 1)})

    # Merge like the printed annex: one 序号/上级任务/上级分工 cell per task with several measures.
    # 方面 is repeated on every row instead: a section spans pages, and a merged cell prints only
    # on its first page (and breaks the filter).
    merged: list[tuple[int, int, int]] = []
    task_keys = [row.upper for row in rows]
    for first, end in _runs(task_keys):
        for header in (COL_NUMBER, COL_UPPER, COL_ASSIGNMENT):
            merged.append((_INDEX[header], first + 2, end + 2))
    _merge(ws, merged)
    fit_heights(ws, texts, widths, merged)

    last_visible = get_column_letter(len(_VISIBLE))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_visible}{last}"
    status_range = f"{get_column_letter(_INDEX[COL_STATUS])}2:{get_column_letter(_INDEX[COL_STATUS])}{last + SPARE_ROWS}"
    for status, (fill, font) in STATUS_COLOURS.items():
        ws.conditional_formatting.add(
            status_range,
            CellIsRule(
                operator="equal",
                formula=[f'"{status.value}"'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=Font(color=font),
            ),
        )
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(RowStatus) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态无效",
        error="请从下拉列表中选择状态：已确认、待审核、已否决或不适用。",
        showInputMessage=True,
        promptTitle="审核状态",
        prompt="可改为 已确认、已否决、待审核 或 不适用；选“不适用”时请在“审核意见”中写明理由。"
        "弱覆盖、一对多 表示尚未审核。",
    )
    validation.add(status_range)
    ws.add_data_validation(validation)
    page_setup(ws, title, last_visible, last)


# --- 缺口与重叠 -------------------------------------------------------------------------------------

ISSUE_COLUMNS = (
    Column("类别", 8, 10),
    Column("方面", 10, 16),
    Column("条目", 30, 48),
    Column("相关条目", 30, 48),
    Column("匹配度", 7, 7),
    Column("共同表述", 14, 30),
    Column("处理建议", 14, 26),
)


def _phrases(phrases: Iterable[str]) -> str:
    return "；".join(phrases)


def _short_label(item: Item) -> str:
    return item.label.rstrip(".．、") or item.id


def _issue_rows(cw: Crosswalk) -> list[tuple[str, str, str, str, float | None, str, str]]:
    up, lo = cw.upper.index(), cw.lower.index()
    links_of: dict[str, list[Link]] = {}
    for link in cw.links:
        if link.lower in lo:
            links_of.setdefault(link.upper, []).append(link)
    by_pair = {link.pair: link for link in cw.links}
    strong = percent(100 * cw.thresholds.strong)
    rows: list[tuple[str, str, str, str, float | None, str, str]] = []
    for uid in cw.upper_gaps:
        upper = up[uid]
        rejected = sorted((k for k in links_of.get(uid, ()) if not k.active), key=lambda k: -(k.score or 0.0))
        if rejected:
            best = rejected[0]
            related = "\n".join(f"{lo[k.lower].display}（已否决）" for k in rejected)
            rows.append(("缺口", upper.section, upper.display, related, _score(best),
                         _phrases(shared_phrases(best, upper, lo[best.lower])),
                         "候选措施均已否决。请补充对应措施，或在对照表中将状态改为“不适用”并写明理由"))
        else:
            rows.append(("缺口", upper.section, upper.display, "本级文件中没有匹配度达到阈值的措施", None, "",
                         "请补充对应措施，或在对照表中将状态改为“不适用”并写明理由"))
    for uid in cw.weak:
        upper = up[uid]
        links = [k for k in links_of.get(uid, ()) if k.active]
        if not links:
            continue
        best = max(links, key=lambda k: k.score or 0.0)
        rows.append(("弱覆盖", upper.section, upper.display,
                     "\n".join(lo[k.lower].display for k in links), _score(best),
                     _phrases(shared_phrases(best, upper, lo[best.lower])),
                     f"匹配度低于{strong}，请核实措施是否完整落实该任务"))
    for overlap in cw.overlaps:
        if overlap.lower not in lo:
            continue
        lower = lo[overlap.lower]
        links = [k for u in overlap.uppers if u in up and (k := by_pair.get((u, overlap.lower)))]
        related = "\n".join(f"{up[k.upper].display}（{score_text(k)}）" for k in links)
        phrases = "\n".join(f"任务{_short_label(up[k.upper])}：{_phrases(shared_phrases(k, up[k.upper], lower))}" for k in links)
        best = max((k for k in links if k.score is not None), key=lambda k: k.score or 0.0, default=None)
        rows.append(("一对多", lower.section, lower.display, related, _score(best) if best else None,
                     phrases, "一项措施对应多项任务，请确认是否需要分别细化措施"))
    for dup in cw.duplicates:
        index = up if dup.side is DocSide.UPPER else lo
        if not all(i in index for i in dup.items):
            continue
        a, b = (index[i] for i in dup.items)
        side = "上级" if dup.side is DocSide.UPPER else "本级"
        rows.append((f"重复（{side}）", a.section, a.display, b.display, whole_percent(100 * dup.score) / 100,
                     _phrases(common_phrases(a, b)), "两条内容高度相似，请确认是否重复或可以合并"))
    return rows


def _score(link: Link) -> float | str:
    """A 匹配度 cell: the whole percent as a number, or 人工."""
    return score_text(link) if link.score is None else whole_percent(100 * link.score) / 100


def _write_issues(ws: Worksheet, cw: Crosswalk, title: str) -> None:
    header_row(ws, (c.header for c in ISSUE_COLUMNS))
    rows = _issue_rows(cw)
    texts: dict[tuple[int, int], str] = {}
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = put(ws, r, column, value, CENTRE if column in (1, 5) else BODY)
            if column == 5:
                cell.number_format = "0%"
            if isinstance(value, str) and value:
                texts[(r, column)] = cell.value
    if not rows:
        put(ws, 2, 1, "没有缺口、弱覆盖、一对多或重复条目。")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(ISSUE_COLUMNS))
    widths = set_widths(ws, ISSUE_COLUMNS, texts | {(1, n): c.header for n, c in enumerate(ISSUE_COLUMNS, 1)})
    fit_heights(ws, texts, widths, [])
    last = max(len(rows), 1) + 1
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(ISSUE_COLUMNS))}{last}"
    page_setup(ws, title, get_column_letter(len(ISSUE_COLUMNS)), last)


# --- 统计 ------------------------------------------------------------------------------------------

def _write_stats(ws: Worksheet, cw: Crosswalk, title: str, omitted: list[PlainTable]) -> None:
    """Coverage per section (with a chart), the counts of the other findings, the summary
    sentence, and why the extra sheets with nothing to list are not in the workbook."""
    header_row(ws, COVERAGE_HEADERS)
    lines = coverage_lines(cw)
    total_row = len(lines) + 1
    for r, (label, cov) in enumerate(lines, start=2):
        style = HEADER if r == total_row else CENTRE
        put(ws, r, 1, label, HEADER if r == total_row else BODY)
        for column, value in enumerate(coverage_counts(cov), start=2):
            put(ws, r, column, value, style)
        for column, value in ((7, cov.percent), (8, cov.percent_with_weak)):
            put(ws, r, column, whole_percent(value) / 100, style).number_format = "0%"
    cov = lines[-1][1]
    sections = [label for label, _ in lines[:-1]]
    facts = (
        ("上级任务", cov.tasks),
        ("本级措施", len(cw.lower.leaves)),
        ("本级新增措施", len(cw.lower_extras)),
        ("一项措施对应多项任务", len(cw.overlaps)),
        ("疑似重复条目（对）", len(cw.duplicates)),
        ("已审核的对应关系", cw.reviewed_count),
    )
    first_fact = total_row + 2
    for offset, (label, value) in enumerate(facts):
        put(ws, first_fact + offset, 1, label)
        put(ws, first_fact + offset, 2, value, CENTRE)
    summary_row = first_fact + len(facts) + 1
    sentences = [summary_sentence(cw)] + [f"未生成“{t.title}”工作表：{t.empty_text}" for t in omitted]
    width = column_width(sections + ["一项措施对应多项任务"], minimum=16, maximum=40)
    for offset, sentence in enumerate(sentences):
        put(ws, summary_row + offset, 1, sentence, NOTE)
        ws.merge_cells(start_row=summary_row + offset, start_column=1, end_row=summary_row + offset, end_column=len(COVERAGE_HEADERS))
        lines_needed = wrapped_lines(sentence, width + 9 * (len(COVERAGE_HEADERS) - 1))
        ws.row_dimensions[summary_row + offset].height = lines_needed * LINE_HEIGHT_PT + 4
    summary_row += len(sentences) - 1

    ws.column_dimensions["A"].width = width
    for column in range(2, len(COVERAGE_HEADERS) + 1):
        ws.column_dimensions[get_column_letter(column)].width = 9
    for r in range(2, total_row):
        ws.row_dimensions[r].height = wrapped_lines(ws.cell(r, 1).value, ws.column_dimensions["A"].width) * LINE_HEIGHT_PT + 4

    if sections:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "各方面任务覆盖情况"
        chart.y_axis.title = "任务数（项）"
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # first section at the top, as in the table
        chart.add_data(Reference(ws, min_col=3, max_col=6, min_row=1, max_row=total_row - 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=total_row - 1))
        # 已覆盖, 弱覆盖, 缺口, 不适用
        for series, colour in zip(chart.series, ("70AD47", "FFC000", "E15759", "A5A5A5")):
            series.graphicalProperties.solidFill = colour
            series.graphicalProperties.line.solidFill = colour
        chart.height = max(7.5, 1.2 * len(sections) + 3)  # cm
        chart.width = 18
        ws.add_chart(chart, f"A{summary_row + 2}")
        last_row = summary_row + 2 + math.ceil(chart.height / 0.53)  # default rows are 15 pt = 0.53 cm
    else:
        last_row = summary_row
    ws.freeze_panes = "A2"
    page_setup(ws, title, get_column_letter(len(COVERAGE_HEADERS)), last_row, summary=True)


# --- 审核记录 (hidden) ------------------------------------------------------------------------------


def _write_record(ws: Worksheet, cw: Crosswalk) -> None:
    """Every link (with its status and note) and every review mark, so that an import restores
    the review even for links the 对照表 does not show (rejected ones)."""
    ws.sheet_state = "hidden"
    put(ws, 1, 1, RECORD_MARK)
    put(ws, 1, 2, RECORD_VERSION)
    put(ws, 2, 1, "上级文件")
    put(ws, 2, 2, document_name(cw.upper))
    put(ws, 3, 1, "本级文件")
    put(ws, 3, 2, document_name(cw.lower))
    for column, header in enumerate(RECORD_HEADERS, start=1):
        put(ws, RECORD_HEADER_ROW, column, header, HEADER)
    records: list[tuple[str, str, str, str, float | None, str]] = [
        (RECORD_LINK, k.upper, k.lower, k.status.value, None if k.score is None else round(k.score, 4), k.note) for k in cw.links
    ]
    records += [(RECORD_NOT_APPLICABLE, u, "", "", None, reason) for u, reason in cw.not_applicable]
    records += [
        (RECORD_NOTE, i, "", "", None, note) if side is DocSide.UPPER else (RECORD_NOTE, "", i, "", None, note)
        for side, i, note in cw.item_notes
    ]
    for r, record in enumerate(records, start=RECORD_HEADER_ROW + 1):
        for column, value in enumerate(record, start=1):
            put(ws, r, column, value)
