"""A `PlainTable` drawn in the Word report: a heading, its note as a sentence, and a table with
the header row repeated on every page, in the report's table style.

Column widths follow the same estimates as the workbook (`exporters.layout`), turned into
millimetres for the chosen font size and stretched or shrunk to the width of the page.
"""
from __future__ import annotations

from collections.abc import Sequence

from docx.enum.section import WD_ORIENT, WD_SECTION

from exporters.docx_layout import (
    CELL_PADDING_MM,
    TABLE_SIZES_PT,
    ReportFile,
    append_rows,
    chinese_ordinal,
    header_xml,
    new_table,
    row_xml,
    setup_page,
    text_cell,
    usable_width_mm,
)
from exporters.layout import column_width
from exporters.plain_table import PlainTable
from exporters.sanitize import report_text, xml_text



def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def _natural_units(table: PlainTable) -> list[float]:
    """Column widths in Excel character units, as the workbook sizes them."""
    return [
        column_width([c.header] + [_cell_text(row[n]) for row in table.rows], minimum=c.minimum, maximum=c.maximum)
        for n, c in enumerate(table.columns)
    ]


def _natural_mm(units: Sequence[float], font_pt: float) -> list[float]:
    unit_mm = font_pt * 25.4 / 72 / 2  # one Excel unit is half a CJK character
    return [u * unit_mm + CELL_PADDING_MM for u in units]


def needs_landscape(table: PlainTable) -> bool:
    """True when the table does not fit a portrait page even in 五号."""
    return bool(table.rows) and sum(_natural_mm(_natural_units(table), 10.5)) > usable_width_mm(False)


def _layout(table: PlainTable, page_mm: float) -> tuple[float, list[float]]:
    units = _natural_units(table)
    font_pt = next((f for f in TABLE_SIZES_PT if sum(_natural_mm(units, f)) <= page_mm), TABLE_SIZES_PT[-1])
    natural = _natural_mm(units, font_pt)
    scale = page_mm / sum(natural)
    return font_pt, [w * scale for w in natural]


def add_plain_table(report: ReportFile, table: PlainTable, heading: str, *, landscape: bool, heading_style: str = "Heading 2") -> None:
    """Heading, note, then the table (nothing but what is missing when the table has no rows).
    The rows are written as the report is saved."""
    document = report.document
    document.add_paragraph(xml_text(heading), style=heading_style)
    if not table.rows:
        document.add_paragraph(xml_text(table.empty_text))
        return
    if table.note:
        document.add_paragraph(xml_text(table.note))
    font_pt, widths = _layout(table, usable_width_mm(landscape))
    size = round(font_pt * 2)
    tbl = new_table(document, widths)._tbl
    append_rows(tbl, [header_xml([c.header for c in table.columns], widths, size)])
    report.defer_rows(tbl, (
        row_xml("".join(
            text_cell(report_text(_cell_text(value)), width, size, centre=column.centre)
            for column, value, width in zip(table.columns, row, widths)
        ))
        for row in table.rows
    ))


def add_plain_chapter(report: ReportFile, heading: str, tables: Sequence[PlainTable]) -> None:
    """A level-1 heading and its tables, each under a numbered level-2 heading. The chapter goes
    on a landscape page when one of its tables is too wide for portrait."""
    document = report.document
    landscape = any(needs_landscape(t) for t in tables)
    current = document.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    if landscape != current:
        setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
    document.add_paragraph(xml_text(heading), style="Heading 1")
    for n, table in enumerate(tables, start=1):
        title = f"（{chinese_ordinal(n)}）{table.title}" if len(tables) > 1 else table.title
        add_plain_table(report, table, title, landscape=landscape)
