"""The 责任分工 sheets: who leads and who supports each task of one document.

Built from `compare.analyses.responsibility.department_matrix` as `PlainTable`s that the workbook and the
Word report draw in the house style: a per-unit summary, the unit × task matrix, the tasks no unit
leads, and the units the document spells in more than one way (区发改委 / 区发展改革委).
"""
from __future__ import annotations

from compare.documents.model import Document, Item
from compare.analyses.responsibility import LEAD, SUPPORT, DepartmentMatrix, department_matrix
from exporters.plain_table import PlainColumn, PlainTable, shorten

MATRIX_UNITS = 20  # unit columns in the matrix sheet: wider tables cannot be read or printed
_TEXT_CHARS = 40  # task text shown in a row
_MARK = {LEAD: "牵头", SUPPORT: "配合"}


def _label(item: Item) -> str:
    """How a task is named in a list: its printed number, else the start of its text."""
    return item.label.strip() or item.text[:12]


def _short(text: str) -> str:
    return shorten(text, _TEXT_CHARS)


def _summary(matrix: DepartmentMatrix) -> PlainTable:
    rows = []
    for unit in matrix.units:
        leads = matrix.count(unit, LEAD)
        supports = matrix.count(unit, SUPPORT)
        led = "、".join(_label(it) for it in matrix.items_of(unit, LEAD))
        rows.append((unit, leads, supports, leads + supports, led))
    note = "按牵头事项数从多到少排列；单位名称已统一为规范简称（如“区发改委”计入“区发展改革委”）。"
    empty = (
        "本文件未写明责任单位：未发现“负责部门”“牵头单位”等表格列、括注或“牵头/配合”表述。"
        "如需分工统计，请在文件中补充责任单位后重新打开。"
    )
    return PlainTable(
        title="责任单位汇总",
        columns=(
            PlainColumn("单位", 16, 30),
            PlainColumn("牵头项数", 8, 10, centre=True),
            PlainColumn("配合项数", 8, 10, centre=True),
            PlainColumn("合计", 6, 8, centre=True),
            PlainColumn("牵头事项", 20, 60),
        ),
        rows=tuple(rows),
        note=note,
        empty=empty,
    )


def _matrix(matrix: DepartmentMatrix) -> PlainTable:
    units = matrix.units[:MATRIX_UNITS]
    rows = tuple(
        (_label(it), _short(it.text), *(_MARK.get(matrix.roles.get((unit, it.id), ""), "") for unit in units))
        for it in matrix.items
    )
    note = "每行一项任务，“牵头”“配合”标明各单位承担的角色。"
    if len(matrix.units) > MATRIX_UNITS:
        note += (
            f"共涉及{len(matrix.units)}个单位，本表只列承担事项最多的前{MATRIX_UNITS}个，"
            "其余单位见“责任单位汇总”。"
        )
    return PlainTable(
        title="部门任务矩阵",
        columns=(
            PlainColumn("序号", 6, 10, centre=True),
            PlainColumn("任务", 20, 40),
            *(PlainColumn(unit, 6, 14, centre=True) for unit in units),
        ),
        rows=rows,
        note=note,
    )


def _without_lead(matrix: DepartmentMatrix) -> PlainTable:
    rows = tuple(
        (_label(it), it.section, _short(it.text), "、".join(matrix.responsibilities[it.id].support))
        for it in matrix.items_without_lead
    )
    return PlainTable(
        title="无牵头单位的事项",
        columns=(
            PlainColumn("序号", 6, 10, centre=True),
            PlainColumn("所在部分", 12, 24),
            PlainColumn("任务", 24, 50),
            PlainColumn("配合单位", 12, 30),
        ),
        rows=rows,
        note="这些任务没有写明任何责任单位，所属上级条目和下属条目也没有写明牵头单位，请补充后再印发。",
        empty="本文件每项任务都写明了责任单位（或由所属上级条目、下属条目写明牵头单位）。",
    )


def _variants(matrix: DepartmentMatrix) -> PlainTable:
    rows = tuple((canonical, "、".join(spellings)) for canonical, spellings in matrix.variants)
    return PlainTable(
        title="单位名称写法不一致",
        columns=(PlainColumn("规范名称", 16, 30), PlainColumn("文中出现的写法", 24, 60)),
        rows=rows,
        note="同一单位在文中有多种写法，建议统一为规范名称。",
    )


def responsibility_tables(document: Document) -> tuple[PlainTable, ...]:
    """The 责任分工 sheets of `document`: only the summary (with a note saying why) when it names no unit."""
    matrix = department_matrix(document)
    if not matrix.has_units:
        return (_summary(matrix),)
    tables = [_summary(matrix), _matrix(matrix), _without_lead(matrix)]
    if matrix.variants:
        tables.append(_variants(matrix))
    return tuple(tables)
