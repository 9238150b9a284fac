""".xlsx reader: each worksheet is a table whose data rows become blocks.

openpyxl reads in normal mode: read-only mode knows no merged cells and can keep the file locked
on Windows. The workbook is opened from a file object, so the extension does not matter and the
file is closed as soon as it is loaded. openpyxl parses safely only with defusedxml installed,
which the project depends on.
"""
from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from lxml import etree
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from compare.errors import ReadError, ReadOptionsError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line
from compare.documents.readers import ReadOptions
from compare.documents.readers.guard import check_zip
from compare.documents.readers.table_columns import Grid, GridCell, UnknownColumnError, find_header_row, table_blocks

HEADER_SEARCH_ROWS = 10
# A 分工方案 holds a few thousand rows of a dozen columns, tens of thousands of cells. These bounds
# leave room for forty times that and keep openpyxl below about a gigabyte (it took 800 MB and
# 80 s for a million cells on the 2-core test machine).
MAX_CELLS = 1_000_000  # cells in the file, plus cells covered by merged areas
MAX_GRID_CELLS = 1_000_000  # rows × columns up to the farthest cell with content, per sheet
# A cell, `<c …>` with any namespace prefix, or a merged area `<mergeCell ref="A1:C3">`.
_CELL_OR_MERGE = re.compile(rb"<(?:[\w.-]+:)?(?:c[\s/>]|mergeCell\b[^>]{0,200}?\bref\s*=\s*[\"']([^\"']{0,40})[\"'])")
_TAG_OVERLAP = 300
_SCAN_CHUNK = 4 << 20
_ANNEX_LINE = re.compile(r"^附件\s*\d*\s*[:：]?$")
_UNSAFE = "文件内部含有不安全的结构（DTD 声明），已拒绝读取"
_UNSAFE_ADVICE = "请在 Excel 中另存为新的 .xlsx 后再打开"
_XML_ERRORS = (etree.XMLSyntaxError, ParseError)


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell value as the text a reader of the sheet sees: 1.0 -> "1", dates in Chinese, 0.5 at 0% -> "50%"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if "%" in number_format:
            return f"{value * 100:.10g}%"
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        day = f"{value.year}年{value.month}月{value.day}日"
        return day if value.time() == dt.time() else f"{day} {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return "\n".join(line for line in map(clean_line, str(value).split("\n")) if line)


def _grid(ws: Worksheet, path: Path) -> Grid:
    """The sheet's values with merged areas resolved, up to the last row and column with content.

    Only cells the file holds are visited (openpyxl's cell map, not `iter_rows`, which would
    create every cell of the rectangle up to the farthest one: a single cell at XFD1048576 is
    17 billion of them).
    """
    texts: dict[tuple[int, int], str] = {}
    for (row, column), cell in ws._cells.items():  # openpyxl's map of the cells the file holds: no public API gives it
        if text := cell_text(cell.value, cell.number_format):
            texts[(row - 1, column - 1)] = text
    height = max((r + 1 for r, _ in texts), default=0)
    width = max((c + 1 for _, c in texts), default=0)
    if height * width > MAX_GRID_CELLS:
        far_row, far_column = max(texts, key=lambda rc: (rc[0] + 1) * (rc[1] + 1))
        raise ReadError(
            path,
            f"工作表“{ws.title}”的内容分布范围过大（单元格 {get_column_letter(far_column + 1)}{far_row + 1} 也有内容，"
            f"表格因此有 {height} 行、{width} 列）",
            "请删除表格以外的零散内容，或把需要对标的表格复制到新工作表后再打开",
        )
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        for r in range(top, min(merged.max_row, height)):
            for c in range(left, min(merged.max_col, width)):
                origin[(r, c)] = (top, left)
    grid: Grid = []
    for r in range(height):
        row: list[GridCell] = []
        for c in range(width):
            o = origin.get((r, c), (r, c))
            row.append(GridCell(texts.get(o, ""), o))
        grid.append(row)
    return grid


def check_sheet_sizes(path: Path) -> None:
    """Refuse, before openpyxl loads anything, a workbook whose sheets would not fit in memory.

    openpyxl makes an object for every cell a sheet holds and, when it loads a merged area, for
    every cell the area covers; a few kilobytes of XML can ask for billions.
    """
    cells = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            with zf.open(info) as part:
                cells += _sheet_cells(part, MAX_CELLS - cells)
            if cells > MAX_CELLS:
                raise ReadError(
                    path,
                    f"表格过大（单元格或合并单元格覆盖的范围超过 {MAX_CELLS // 10000} 万个）",
                    "请删除多余的行、列和大范围的合并单元格，或只把需要对标的表格复制到新工作簿后再打开",
                )


def _sheet_cells(part: zipfile.ZipExtFile, budget: int) -> int:
    """How many cells openpyxl would create for this part: `<c>` elements and cells covered by
    `<mergeCell>` areas, counted until `budget` is exceeded.

    A byte search rather than a parse: it takes a second for a million cells where building
    elements takes ten, and over-counting (a tag inside a comment) can only refuse a crafted file.
    """
    decoder = _transcoder(part.peek(4)[:4])
    count, buffer = 0, b""
    while True:
        chunk = part.read(_SCAN_CHUNK)
        buffer += decoder(chunk, not chunk)
        # Tags that start in the last _TAG_OVERLAP bytes may be cut off: they are counted next time.
        complete = len(buffer) if not chunk else max(0, len(buffer) - _TAG_OVERLAP)
        for match in _CELL_OR_MERGE.finditer(buffer, 0, len(buffer)):
            if match.start() >= complete:
                break
            count += _merged_area(match.group(1).decode("ascii", "replace")) if match.group(1) is not None else 1
        if count > budget or not chunk:
            return count
        buffer = buffer[complete:]


def _transcoder(head: bytes) -> Callable[[bytes, bool], bytes]:
    """Bytes as UTF-8 whatever the part's encoding: XML may be UTF-16 (the tags then hide from a byte search)."""
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"), (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be")):
        if head.startswith(bom):
            decoder = codecs.getincrementaldecoder(name)(errors="replace")
            return lambda data, final: decoder.decode(data, final).encode("utf-8")
    return lambda data, final: data


def _merged_area(ref: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    return (max_col - min_col + 1) * (max_row - min_row + 1)


def _row_text(grid: Grid, r: int) -> str:
    return " ".join(dict.fromkeys(cell.text for cell in grid[r] if cell.text))


class _SheetReader:
    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.wanted = tuple(n for n in (options.text_column, options.label_column, options.section_column) if n)
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.title = ""
        self.rejected_choice: UnknownColumnError | None = None
        self.choice_used = False
        self.header_only: list[str] = []  # sheets with a header row and no data below it

    def read(self, number: int, ws: Worksheet) -> None:
        grid = _grid(ws, self.path)
        if not grid:
            return
        name = ws.title

        def source(row: int) -> Source:
            return Source(SourceKind.TABLE_ROW, row, table=number, sheet=name)

        header = self._header(grid, name)
        if header is None:
            # A one-column sheet is a list of paragraphs; the segmenter finds their numbering.
            self.blocks.extend(Block(text, source(r)) for r in range(len(grid)) if (text := _row_text(grid, r)))
            return
        if not self.title:
            # The title is a row of its own (usually one merged cell) above the header, not a 填报单位 line.
            lone = [values.pop() for r in range(header) if len(values := {c.text for c in grid[r] if c.text}) == 1]
            self.title = next((t for t in lone if len(t) >= 4 and not _ANNEX_LINE.match(t)), "")
        try:
            rows = table_blocks(self.path, grid, header, self.options, source)
            self.choice_used = self.choice_used or bool(self.wanted)
        except UnknownColumnError as exc:
            if self.options.sheet:
                raise
            # Another sheet may hold the chosen column; this one is read with guessed columns.
            self.rejected_choice = self.rejected_choice or exc
            guessed = dataclasses.replace(self.options, text_column=None, label_column=None, section_column=None)
            rows = table_blocks(self.path, grid, header, guessed, source)
        if not rows:
            self.header_only.append(name)
        self.blocks.extend(rows)

    def _header(self, grid: Grid, name: str) -> int | None:
        if self.options.header_row is not None:
            if not 1 <= self.options.header_row <= len(grid):
                raise ReadOptionsError(
                    self.path, f"工作表“{name}”只有 {len(grid)} 行，没有第 {self.options.header_row} 行", "请重新指定表头所在的行"
                )
            return self.options.header_row - 1
        header = find_header_row(grid, HEADER_SEARCH_ROWS, self.wanted)
        if header is not None:
            return header
        used_columns = {c for row in grid for c, cell in enumerate(row) if cell.text and cell.origin[1] == c}
        if len(used_columns) <= 1:
            return None
        first = next(r for r in range(len(grid)) if _row_text(grid, r))
        self.warnings.append(
            f"工作表“{name}”中没有识别出表头，已把第 {first + 1} 行当作表头；如不正确，请在“打开选项”中指定表头所在的行。"
        )
        return first


def _load(path: Path) -> openpyxl.Workbook:
    try:
        with path.open("rb") as fh, warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, slicers); they carry no text.
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(fh, data_only=True)
    except PermissionError as exc:
        raise ReadError(path, "文件被其他程序占用或没有读取权限", "如果文件正在 Excel 或 WPS 中打开，请先关闭后重试") from exc
    except DefusedXmlException as exc:
        raise ReadError(path, _UNSAFE, _UNSAFE_ADVICE) from exc
    except (
        InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, TypeError, OSError,
        *_XML_ERRORS,
    ) as exc:  # IndexError: a cell that names a shared string the workbook does not have
        if isinstance(exc.__cause__, DefusedXmlException):  # openpyxl wraps a worksheet's parse error
            raise ReadError(path, _UNSAFE, _UNSAFE_ADVICE) from exc
        raise ReadError(path, "文件已损坏或不完整，无法解析其中的内容", "请用 Excel 或 WPS 打开修复后另存一份") from exc


def read_xlsx(path: Path, options: ReadOptions) -> RawDocument:
    check_zip(path)
    check_sheet_sizes(path)
    workbook = _load(path)
    try:
        sheets = list(workbook.worksheets)
        if options.sheet is not None:
            chosen = [ws for ws in sheets if ws.title == options.sheet or ws.title.strip() == options.sheet.strip()]
            if not chosen:
                listed = "、".join(f"“{ws.title}”" for ws in sheets)
                raise ReadOptionsError(path, f"没有名为“{options.sheet}”的工作表（现有：{listed}）", "请从现有的工作表中选择")
            sheets = chosen
        reader = _SheetReader(path, options)
        hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
        if options.sheet is None and hidden and len(hidden) < len(sheets):
            reader.warnings.append(f"隐藏的工作表未读取：{'、'.join(hidden)}。如需读取，请在“打开选项”中选择该工作表。")
            sheets = [ws for ws in sheets if ws.sheet_state == "visible"]
        for ws in sheets:
            reader.read(workbook.worksheets.index(ws), ws)
    finally:
        workbook.close()
    if reader.rejected_choice is not None and not reader.choice_used:
        raise reader.rejected_choice
    if not reader.blocks and reader.header_only:
        sheets_named = "、".join(f"“{name}”" for name in reader.header_only)
        raise ReadError(path, f"工作表{sheets_named}只有标题和表头，没有数据行", "请确认选择了填好内容的文件或工作表")
    if not reader.blocks:
        raise ReadError(path, "表格中没有文字", "请确认选择了正确的文件和工作表")
    return RawDocument(
        path=str(path), format="xlsx", blocks=tuple(reader.blocks), warnings=tuple(reader.warnings), title_hint=reader.title
    )
