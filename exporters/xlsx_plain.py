"""A `PlainTable` drawn as a worksheet in the house style.

Row 1 is the header (so filters and the repeated print header work as in the 对照表); the
table's note is the last row, below a blank one, so it prints with the table without being
taken for data. Several tables can share one sheet (the chain coverage), stacked with a gap.
"""
from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.layout import column_width, wrapped_lines
from exporters.plain_table import PlainTable
from exporters.xlsx_style import (
    BODY,
    CENTRE,
    LINE_HEIGHT_PT,
    NOTE,
    fit_heights,
    header_row,
    page_setup,
    put,
)


def _widths(tables: Sequence[PlainTable]) -> list[float]:
    """One width per sheet column: the widest need of any table in that column, within the
    column's minimum and maximum."""
    count = max(len(t.columns) for t in tables)
    widths = [0.0] * count
    for table in tables:
        for n, column in enumerate(table.columns):
            texts = [column.header] + [str(row[n]) for row in table.rows if row[n] is not None]
            widths[n] = max(widths[n], column_width(texts, minimum=column.minimum, maximum=column.maximum))
    return widths


def _write_note(ws: Worksheet, row: int, text: str, span: int, widths: list[float]) -> None:
    put(ws, row, 1, text, NOTE)
    if span > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    lines = wrapped_lines(text, sum(widths[:span]))
    ws.row_dimensions[row].height = lines * LINE_HEIGHT_PT + 4


def _write_one(ws: Worksheet, table: PlainTable, first: int, widths: list[float]) -> int:
    """Write `table` with its header on row `first`; return the last row of its body."""
    header_row(ws, (c.header for c in table.columns), first)
    texts: dict[tuple[int, int], str] = {}
    for r, values in enumerate(table.rows, start=first + 1):
        for n, (column, value) in enumerate(zip(table.columns, values), start=1):
            cell = put(ws, r, n, value, CENTRE if column.centre else BODY)
            if isinstance(value, str) and value:
                texts[(r, n)] = cell.value
    fit_heights(ws, texts, dict(enumerate(widths, start=1)), [])
    return first + len(table.rows)


def write_plain_sheet(ws: Worksheet, tables: PlainTable | Sequence[PlainTable], title: str, *, summary: bool = False) -> None:
    """Draw one table (or a short stack of tables) on `ws`; `title` goes in the printed page header.
    `summary` prints portrait on one page (short overview sheets) instead of landscape with the
    header row repeated."""
    stack = (tables,) if isinstance(tables, PlainTable) else tuple(tables)
    widths = _widths(stack)
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    row = 1
    last = 1
    for table in stack:
        span = len(table.columns)
        body_end = _write_one(ws, table, row, widths)
        if not table.rows:
            # An empty table says why in its only row, where a reader looks first.
            _write_note(ws, row + 1, table.empty_text, span, widths)
            last = row + 1
        elif table.note:
            _write_note(ws, body_end + 2, table.note, span, widths)
            last = body_end + 2
        else:
            last = body_end
        if len(stack) == 1 and table.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(span)}{body_end}"
        row = last + 2
    ws.freeze_panes = "A2"
    page_setup(ws, title, get_column_letter(len(widths)), last, summary=summary)
