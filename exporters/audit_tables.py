"""The sheets of a 分工方案 audit (`compare.analyses.audit.AuditReport`) as `PlainTable`s.

An overview with the counts first, then one sheet per finding; the workbook and the Word report
draw them in the house style.
"""
from __future__ import annotations

from compare.analyses.audit import AuditReport
from compare.analyses.division_table import DivisionRow
from compare.documents.model import Item
from exporters.plain_table import PlainColumn, PlainTable, shorten
from exporters.summary import percent

_TEXT_CHARS = 60  # task and measure text shown in a cell


def _short(text: str) -> str:
    return shorten(text, _TEXT_CHARS)


def _task_name(row: DivisionRow) -> str:
    number = f"{row.upper_number}." if row.upper_number is not None else ""
    return _short(number + row.upper_task) if row.upper_task else "（无）"


def _upper_name(item: Item | None) -> str:
    return _short(item.display) if item is not None else ""


def _score(value: float) -> str:
    return percent(100 * value)


def _overview(report: AuditReport, findings_at: str) -> PlainTable:
    link = _score(report.thresholds.link)
    upper = "" if report.checked_upper else "（未打开上级文件，无法检查）"
    rows: list[tuple[object, ...]] = [
        ("表格行数", len(report.table.rows), f"按列识别：{report.table.columns.describe()}"),
        ("缺漏的上级任务", len(report.missing) if report.checked_upper else None, f"上级文件中有、表中没有对应行的任务{upper}"),
        ("注明不适用的上级任务", len(report.not_applicable), "表格或附注写明“不涉及”“不适用”的任务，不计为缺漏"),
        ("上级文件中找不到的任务", len(report.unmatched_rows) if report.checked_upper else None, f"表中所列任务与上级文件原文对不上{upper}"),
        ("措施与任务不符", len(report.weak), f"本级措施与所在行任务的匹配度低于{link}"),
        ("内容不完整的行", len(report.incomplete), "缺上级任务、本级措施或负责部门"),
        ("重复列出的措施", len(report.repeated), "同一措施（或几乎相同的措施）列在多行"),
        ("部门名称不一致", len(report.name_variants), "同一部门有多种写法"),
    ]
    title = f"对照上级文件《{report.upper_title}》" if report.checked_upper else "未对照上级文件"
    return PlainTable(
        title="审核概况",
        columns=(PlainColumn("审核项目", 16, 24), PlainColumn("数量", 6, 8, centre=True), PlainColumn("说明", 30, 70)),
        rows=tuple(rows),
        note=f"分工方案审核结果，{title}；数量不为零的项目请查看{findings_at}。",
    )


def _missing(report: AuditReport) -> PlainTable:
    rows = tuple((m.item.label.strip(), m.item.section, _short(m.item.text)) for m in report.missing)
    if not report.checked_upper:
        note = "未打开上级文件，无法检查缺漏的上级任务。请同时打开上级文件后重新审核。"
    elif rows:
        note = "这些上级任务在分工方案中没有对应的行。请补充落实措施和负责部门，或注明“不适用”。"
    else:
        note = "上级文件的每项任务在分工方案中都有对应的行（注明不适用的除外）。"
    return PlainTable(
        title="缺漏的上级任务",
        columns=(PlainColumn("上级编号", 8, 10, centre=True), PlainColumn("所在部分", 12, 24), PlainColumn("上级任务", 30, 70)),
        rows=rows,
        note=note,
    )


def _not_applicable(report: AuditReport) -> PlainTable:
    rows = tuple(
        (t.number, _upper_name(t.item) or "（上级文件中未列出原文）", t.remark) for t in report.not_applicable
    )
    return PlainTable(
        title="注明不适用的上级任务",
        columns=(PlainColumn("上级编号", 8, 10, centre=True), PlainColumn("上级任务", 30, 60), PlainColumn("依据", 20, 50)),
        rows=rows,
        note="这些任务在表格或附注中写明不涉及本级，未计为缺漏；请确认说明是否准确。"
        if rows
        else "表格和附注中没有写明不适用的上级任务。",
    )


def _unmatched(report: AuditReport) -> PlainTable:
    rows = tuple((m.row.location, _task_name(m.row), _score(m.score)) for m in report.unmatched_rows)
    return PlainTable(
        title="上级文件中找不到的任务",
        columns=(PlainColumn("位置", 8, 14, centre=True), PlainColumn("表中所列任务", 30, 70), PlainColumn("最高匹配度", 8, 10, centre=True)),
        rows=rows,
        note="表中所列任务与上级文件的任何一项都对不上：可能抄错了任务、引用了其他文件，或上级文件选错了。"
        if rows
        else "表中所列任务都能在上级文件中找到。",
    )


def _weak(report: AuditReport) -> PlainTable:
    rows = tuple(
        (w.row.location, _task_name(w.row), _short(w.row.lower_measure), _score(w.score), w.row.departments)
        for w in sorted(report.weak, key=lambda w: w.score)
    )
    return PlainTable(
        title="措施与任务不符",
        columns=(
            PlainColumn("位置", 8, 14, centre=True),
            PlainColumn("上级任务", 24, 50),
            PlainColumn("本级措施", 24, 50),
            PlainColumn("匹配度", 7, 8, centre=True),
            PlainColumn("负责部门", 12, 30),
        ),
        rows=rows,
        note=f"这些行的本级措施与所在行的上级任务匹配度低于{_score(report.thresholds.link)}，按匹配度从低到高排列。"
        "请核对措施是否放错了行，或补充针对该任务的措施。"
        if rows
        else "每行的本级措施都与所在行的上级任务相符。",
    )


def _incomplete(report: AuditReport) -> PlainTable:
    rows = tuple(
        (i.row.location, i.problem, _task_name(i.row), _short(i.row.lower_measure) or "（无）") for i in report.incomplete
    )
    return PlainTable(
        title="内容不完整的行",
        columns=(
            PlainColumn("位置", 8, 14, centre=True),
            PlainColumn("问题", 10, 12, centre=True),
            PlainColumn("上级任务", 24, 50),
            PlainColumn("本级措施", 24, 50),
        ),
        rows=rows,
        note="请为这些行补齐上级任务、本级措施或负责部门；确实无需落实的任务请注明“不适用”。"
        if rows
        else "每行都写明了上级任务、本级措施和负责部门。",
    )


def _repeated(report: AuditReport) -> PlainTable:
    rows = tuple(
        (group, row.location, _task_name(row), _short(row.lower_measure), "相同" if r.similarity >= 1 else _score(r.similarity), r.task_count)
        for group, r in enumerate(report.repeated, start=1)
        for row in r.rows
    )
    return PlainTable(
        title="重复列出的措施",
        columns=(
            PlainColumn("组", 4, 6, centre=True),
            PlainColumn("位置", 8, 14, centre=True),
            PlainColumn("上级任务", 24, 50),
            PlainColumn("本级措施", 24, 50),
            PlainColumn("文字相似度", 8, 10, centre=True),
            PlainColumn("涉及任务数", 8, 10, centre=True),
        ),
        rows=rows,
        note="同一组的措施文字相同或几乎相同却列在多行。请确认是否一项措施同时落实几项任务，否则请合并或改写。"
        if rows
        else "没有重复列出的措施。",
    )


def _names(report: AuditReport) -> PlainTable:
    rows = tuple(
        (v.canonical, spelling, "、".join(where)) for v in report.name_variants for spelling, where in v.spellings
    )
    return PlainTable(
        title="部门名称不一致",
        columns=(PlainColumn("规范名称", 16, 30), PlainColumn("表中写法", 16, 30), PlainColumn("出现位置", 16, 60)),
        rows=rows,
        note="同一部门在表中有多种写法，建议统一为规范名称。" if rows else "表中的部门名称写法一致。",
    )


def audit_tables(report: AuditReport, *, findings_at: str = "同名工作表") -> tuple[PlainTable, ...]:
    """Overview first, then one sheet per finding (a finding with nothing to show keeps its sheet
    with a note, so the workbook always has the same sheets). `findings_at` says in the overview's
    note where a reader finds each finding: the sheets of the workbook, or the sections of a report."""
    return (
        _overview(report, findings_at),
        _missing(report),
        _not_applicable(report),
        _unmatched(report),
        _weak(report),
        _incomplete(report),
        _repeated(report),
        _names(report),
    )
