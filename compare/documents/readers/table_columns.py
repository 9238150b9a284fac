"""Tables as item lists, shared by the .xlsx reader (sheets) and the .docx reader (Word tables).

A reader turns its table into a `Grid` in which every cell knows the top-left cell of the merged
area it belongs to. From there the logic is the same for both formats: find the header row,
name the columns, guess which column holds the item text, the 序号 and the 方面 (or take the
user's choice), and turn each data row into a `Block`.

Merged areas: a value continues down the rows a vertical merge spans (the 方面 or 负责部门 of a
group of rows), but a horizontal merge is read once, in its leftmost column, so a cell spanning
two columns does not become two attributes. A row whose only value spans the width of the table
is a group caption ("一、统筹推进疫情应对"); it becomes the 方面 of the rows below it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compare.errors import ReadOptionsError
from compare.documents.model import Block, Source
from compare.documents.readers import ReadOptions

# Words of a header cell; a row with two or more such short cells is a header row.
HEADER_WORDS = (
    "序号", "编号", "任务", "措施", "举措", "内容", "事项", "负责", "牵头", "分工", "部门", "单位", "方面",
    "类别", "领域", "备注", "时限", "时间", "协助", "配合", "责任", "目标", "要求", "进度", "名称", "项目",
)
_LABEL_HEADER = re.compile(r"序号|^编号$|^序$|^no\.?$", re.IGNORECASE)
_SECTION_WORDS = ("方面", "类别", "领域", "板块", "分类", "类型", "专项", "分组", "部分")
# The item-text column, best first: 具体措施 wins over 任务 in a 分工方案 that holds both.
_TEXT_WORDS = ("具体措施", "措施", "举措", "任务", "内容", "事项", "工作", "要求", "条款", "名称", "项目")
_NOT_TEXT = ("负责", "牵头", "部门", "单位", "时限", "时间", "备注", "配合", "协助", "责任", "进度", "序号", "编号")
_MAX_HEADER_CELL = 24
CAPTION_COLUMN = "分组"  # the 方面 of rows under a caption row, when the table has no 方面 column


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    origin: tuple[int, int]  # (row, column) of the top-left cell of its merged area; its own when unmerged


Grid = list[list[GridCell]]


@dataclass(frozen=True, slots=True)
class ColumnMap:
    names: tuple[str | None, ...]  # header of each grid column; None for a column with neither header nor data
    text_column: str
    label_column: str | None
    section_column: str | None


def _header_cell(text: str) -> bool:
    return 0 < len(text) <= _MAX_HEADER_CELL and any(word in text for word in HEADER_WORDS)


def looks_like_header(texts: Sequence[str], wanted: Sequence[str] = ()) -> bool:
    """A header row: two short cells with header words (or a column the user named)."""
    cells = [t for t in dict.fromkeys(texts) if t]
    if len(cells) < 2 or any(len(t) > 60 for t in cells):
        return False
    if any(t in wanted for t in cells):
        return True
    return sum(1 for t in cells if _header_cell(t)) >= 2


def find_header_row(grid: Grid, limit: int, wanted: Sequence[str] = ()) -> int | None:
    """Index of the first header-like row among the first `limit` rows."""
    for r, row in enumerate(grid[:limit]):
        if looks_like_header([c.text for c in row], wanted):
            return r
    return None


def _own_text(grid: Grid, r: int, c: int) -> str:
    """The cell's value as data: continued down a vertical merge, read once across a horizontal one."""
    cell = grid[r][c]
    return cell.text if cell.origin[1] == c else ""


def _column_names(grid: Grid, header: int) -> tuple[list[str], int]:
    """Header text of each column, and the first data row (a header can span two rows)."""
    top = grid[header]
    names = [cell.text for cell in top]
    data_start = header + 1
    spanned = [c for c, cell in enumerate(top) if cell.origin[1] != c or (c + 1 < len(top) and top[c + 1].origin == cell.origin)]
    if spanned and header + 1 < len(grid):
        below = grid[header + 1]
        subs = [below[c].text if below[c].origin == (header + 1, c) else "" for c in range(len(below))]
        if any(subs[c] for c in spanned) and all(
            not t or (len(t) <= _MAX_HEADER_CELL and not re.fullmatch(r"[\d.、]+", t)) for t in subs
        ):
            for c in spanned:
                if subs[c]:
                    names[c] = subs[c]
            data_start = header + 2
    return names, data_start


def _unique(names: list[str], has_data: list[bool]) -> tuple[str | None, ...]:
    result: list[str | None] = []
    seen: dict[str, int] = {}
    for c, name in enumerate(names):
        if not name:
            if not has_data[c]:
                result.append(None)
                continue
            name = f"列{c + 1}"
        count = seen.get(name, 0) + 1
        seen[name] = count
        result.append(name if count == 1 else f"{name}（{count}）")
    return tuple(result)


def _guess_text(names: Sequence[str], values: dict[str, list[str]]) -> str:
    for word in _TEXT_WORDS:
        for name in names:
            if word in name and not any(bad in name for bad in _NOT_TEXT):
                return name

    def mean_length(name: str) -> float:
        filled = [v for v in values[name] if v]
        return sum(map(len, filled)) / len(filled) if filled else 0.0

    def numeric(name: str) -> bool:
        filled = [v for v in values[name] if v]
        return bool(filled) and sum(1 for v in filled if _NUMERIC.match(v)) * 2 > len(filled)

    candidates = [n for n in names if not any(bad in n for bad in _NOT_TEXT)] or list(names)
    return max(candidates, key=lambda n: (not numeric(n), mean_length(n)))


_NUMERIC = re.compile(r"^[\d\s.,，%‰+\-−:/年月日]*$")
_FORM_LABEL_CHARS = 16


def table_layout(grid: Grid) -> str:
    """How to read a table without a header row: "layout" (one column of text: its paragraphs are
    the text), "form" (short distinct labels down the first column, each heading the content beside
    it: 作品名称 | …, 项目概述 | …), or "rows" (each row one item)."""
    width = max((len(row) for row in grid), default=0)
    if width < 2 or len({cell.origin[1] for row in grid for cell in row if cell.text}) < 2:
        return "layout"
    labels: list[str] = []
    content = 0
    for r, row in enumerate(grid):
        origins = list(dict.fromkeys(cell.origin for cell in row))
        if len(origins) < 2:
            continue  # a caption across the table
        if row[0].origin == (r, 0) and row[0].text:
            labels.append(row[0].text)
        content += sum(len(grid[o[0]][o[1]].text) for o in origins[1:] if o[0] == r)
    label_chars = sum(map(len, labels))
    if (
        len(labels) >= 2
        and len(set(labels)) == len(labels)
        and all(len(t.split("\n")[0]) <= _FORM_LABEL_CHARS and len(t) <= 4 * _FORM_LABEL_CHARS for t in labels)
        and content > 2 * label_chars
    ):
        return "form"
    return "rows"


def plain_row(row: Sequence[GridCell], source: Source) -> Block | None:
    """A row of a table without a header: one item whose text is its cells in order. Cells of a
    vertical merge repeat their value, so every row reads whole."""
    values = [cell.text for c, cell in enumerate(row) if cell.origin[1] == c and cell.text]
    if not values:
        return None
    cells = tuple((f"列{n}", v) for n, v in enumerate(values, start=1))
    return Block(text=" ".join(v.replace("\n", " ") for v in values), source=source, cells=cells)


class UnknownColumnError(ReadOptionsError):
    """The user named a column that the table does not have."""

    def __init__(self, path: str | Path, wanted: str, names: Sequence[str], what: str) -> None:
        listed = "、".join(f"“{n}”" for n in names)
        super().__init__(path, f"表格中没有名为“{wanted}”的{what}列（现有的列：{listed}）", "请在“打开选项”中从现有的列里选择")
        self.wanted, self.names, self.what = wanted, tuple(names), what

    def __reduce__(self):  # travels from a background process to the window
        return (type(self), (self.path, self.wanted, self.names, self.what))


def _pick(path: Path, names: Sequence[str], wanted: str | None, guess: str | None, what: str) -> str | None:
    if wanted is None:
        return guess
    if wanted.strip() in names:
        return wanted.strip()
    raise UnknownColumnError(path, wanted.strip(), names, what)


def map_columns(path: Path, names: tuple[str | None, ...], rows: Sequence[Sequence[str]], options: ReadOptions) -> ColumnMap:
    """Which column is the item text, the 序号 and the 方面: the user's choice, else a guess from the headers."""
    values = {name: [row[c] for row in rows] for c, name in enumerate(names) if name is not None}
    present = list(values)
    label = _pick(path, present, options.label_column, next((n for n in present if _LABEL_HEADER.search(n)), None), "序号")
    text = _pick(path, present, options.text_column, _guess_text([n for n in present if n != label] or present, values), "条目内容")
    section_guess = next((n for n in present if n not in (text, label) and any(w in n for w in _SECTION_WORDS)), None)
    section = _pick(path, present, options.section_column, section_guess, "分组（方面）")
    return ColumnMap(names, text or present[0], label, section)


def _caption(grid: Grid, r: int, width: int) -> str | None:
    """The text of a row that is one merged cell across (most of) the table, else None."""
    origins = {cell.origin for cell in grid[r] if cell.text}
    if len(origins) != 1 or width < 2:
        return None
    (origin,) = origins
    span = sum(1 for cell in grid[r] if cell.origin == origin)
    return grid[r][origin[1]].text if span >= max(2, (width * 2 + 2) // 3) else None


def table_blocks(
    path: Path,
    grid: Grid,
    header: int,
    options: ReadOptions,
    source: Callable[[int], Source],
) -> list[Block]:
    """Data rows below `header` as blocks; raises `UnknownColumnError` for a column choice the table lacks."""
    width = max((len(row) for row in grid), default=0)
    raw_names, data_start = _column_names(grid, header)
    data = [[_own_text(grid, r, c) for c in range(width)] for r in range(data_start, len(grid))]
    has_data = [any(row[c] for row in data) for c in range(width)]
    names = _unique(raw_names, has_data)
    columns = map_columns(path, names, data, options)
    header_values = [n or "" for n in raw_names]
    blocks: list[Block] = []
    caption = ""
    for offset, values in enumerate(data):
        r = data_start + offset
        found = _caption(grid, r, width)
        if found is not None:
            caption = found
            continue
        if not any(values) or values == header_values:
            continue
        cells = [(name, value) for name, value in zip(names, values) if name is not None]
        section_column = columns.section_column
        if caption:
            if section_column is None:
                section_column = CAPTION_COLUMN
                cells.append((CAPTION_COLUMN, caption))
            elif not dict(cells).get(section_column):
                cells = [(n, caption if n == section_column else v) for n, v in cells]
        text = dict(cells).get(columns.text_column, "")
        if not text:
            continue
        blocks.append(
            Block(
                text=text,
                source=source(r),
                cells=tuple(cells),
                text_column=columns.text_column,
                label_column=columns.label_column,
                section_column=section_column,
            )
        )
    return blocks
