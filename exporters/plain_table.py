"""A plain table of text and numbers that both the workbook and the Word report can render.

Extra sheets (responsibility matrix, targets, chain coverage, audit findings) are built as a
`PlainTable` by code that knows their content, and drawn by `xlsx_export` / `docx_export`, which
know the house style.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlainColumn:
    header: str
    minimum: float = 8  # width in Excel characters (a CJK character counts 2)
    maximum: float = 30
    centre: bool = False  # numbers, short codes


@dataclass(frozen=True, slots=True)
class PlainTable:
    title: str  # sheet name (at most 31 characters) and the heading in the report
    columns: tuple[PlainColumn, ...]
    rows: tuple[tuple[object, ...], ...]  # str, int, float or None, one value per column
    note: str = ""  # one sentence that says how to read the table
    empty: str = ""  # what to say instead when there are no rows (the note would introduce nothing)

    def __post_init__(self) -> None:
        if len(self.title) > 31:
            raise ValueError("a sheet name has at most 31 characters")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError("every row needs one value per column")


    @property
    def empty_text(self) -> str:
        """The sentence shown in place of a table without rows."""
        return self.empty or self.note or "（无）"


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with "…": enough to recognise an item in a
    cell, short enough to print."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
