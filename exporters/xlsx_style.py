"""The house style of our workbooks: named cell styles, text cells that never turn into formulas,
column widths and row heights estimated for Chinese text, and A4 print setup.

Shared by the 对照表 workbook, the chain workbook and the plain sheets (responsibility, targets,
audit), so that every sheet a user prints looks the same.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exporters.layout import column_width, wrapped_lines
from exporters.sanitize import cell_text, looks_like_formula
from exporters.summary import AUTHOR

LINE_HEIGHT_PT = 15.5  # one wrapped line of 10.5 pt CJK text, with the leading Excel/LibreOffice use
FONT_NAME = "宋体"
FONT_SIZE = 10.5

BODY = "对照正文"
CENTRE = "对照居中"
HEADER = "对照表头"
NOTE = "表格说明"  # the sentence under a plain table: no border, so it does not read as a row

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    minimum: float
    maximum: float
    hidden: bool = False


def new_workbook(title: str, subject: str = "") -> Workbook:
    """An empty workbook with our document properties and named styles."""
    wb = Workbook()
    wb.properties.title = title
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    if subject:
        wb.properties.subject = subject
    add_styles(wb)
    return wb


def add_styles(wb: Workbook) -> None:
    body_font = Font(name=FONT_NAME, size=FONT_SIZE)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    centre_top = Alignment(wrap_text=True, vertical="top", horizontal="center")
    wb.add_named_style(NamedStyle(BODY, font=body_font, alignment=wrap_top, border=_BORDER))
    wb.add_named_style(NamedStyle(CENTRE, font=body_font, alignment=centre_top, border=_BORDER))
    wb.add_named_style(
        NamedStyle(
            HEADER,
            font=Font(name="黑体", size=FONT_SIZE, bold=True),
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
            border=_BORDER,
            fill=PatternFill("solid", fgColor="D9E1F2"),
        )
    )
    wb.add_named_style(
        NamedStyle(NOTE, font=Font(name=FONT_NAME, size=FONT_SIZE, color="404040"), alignment=wrap_top)
    )


def put(ws: Worksheet, row: int, column: int, value: object, style: str = BODY) -> Cell:
    """Write one cell. Text is sanitised and always stays text, even when it starts with '='.
    An empty text leaves the cell empty (styled, for its border): a shared empty string per cell
    would only make large sheets slower to write and to open."""
    cell = ws.cell(row=row, column=column)
    _apply_style(cell, style)  # first: a named style resets quotePrefix
    if isinstance(value, str) and value:
        text = cell_text(value)
        cell.value = text
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True
    elif value != "":
        cell.value = value
    return cell


def _apply_style(cell: Cell, style: str) -> None:
    """`cell.style = style`, without its cost per cell: openpyxl looks the named style up by name
    and rebuilds its style array on every assignment, a third of a 5,000-row export. The array
    is built once per workbook and style, then copied (as openpyxl's own setter copies it)."""
    workbook = cell.parent.parent
    cache: dict[str, object] = workbook.__dict__.setdefault("_duibiao_style_arrays", {})
    array = cache.get(style)
    if array is None:
        cell.style = style
        cache[style] = copy(cell._style)
    else:
        cell._style = copy(array)


def header_row(ws: Worksheet, headers: Iterable[str], row: int = 1) -> None:
    for column, header in enumerate(headers, start=1):
        put(ws, row, column, header, HEADER)
    ws.row_dimensions[row].height = 32


def page_setup(ws: Worksheet, title: str, last_column: str, last_row: int, *, summary: bool = False) -> None:
    """A4 fitted to the page width; tables landscape with the header row on every page, the
    summary sheets portrait on one page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT if summary else ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if summary else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if not summary:
        ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{last_column}{max(last_row, 1)}"
    escaped = title.replace("&", "&&")  # '&' starts a header/footer code
    ws.oddHeader.center.text = f"{escaped}——{ws.title}"
    ws.oddHeader.center.size = 10
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


def fit_heights(ws: Worksheet, texts: dict[tuple[int, int], str], widths: dict[int, float], merged: list[tuple[int, int, int]]) -> None:
    """Set row heights from the wrapped text: Excel does not grow rows for merged cells, and an
    explicit height keeps the printed pages as estimated."""
    lines: dict[int, int] = {}
    for (row, column), text in texts.items():
        lines[row] = max(lines.get(row, 1), wrapped_lines(text, widths[column]))
    heights = {row: n * LINE_HEIGHT_PT + 4 for row, n in lines.items()}
    # A merged cell needs its text to fit in the rows it spans; grow its last row if not.
    for column, first, last in merged:
        need = wrapped_lines(texts.get((first, column), ""), widths[column]) * LINE_HEIGHT_PT + 4
        have = sum(heights.get(r, LINE_HEIGHT_PT + 4) for r in range(first, last + 1))
        if need > have:
            heights[last] = heights.get(last, LINE_HEIGHT_PT + 4) + need - have
    for row, height in heights.items():
        ws.row_dimensions[row].height = min(height, 409)  # Excel's largest row height


def set_widths(ws: Worksheet, columns: Sequence[Column], texts: dict[tuple[int, int], str]) -> dict[int, float]:
    widths: dict[int, float] = {}
    for n, column in enumerate(columns, start=1):
        values = [text for (_, c), text in texts.items() if c == n]
        widths[n] = column_width(values, minimum=column.minimum, maximum=column.maximum)
        dimension = ws.column_dimensions[get_column_letter(n)]
        dimension.width = widths[n]
        dimension.hidden = column.hidden
    return widths
