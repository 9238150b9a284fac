"""Read an exported (and possibly colleague-edited) 对照表 workbook back into review decisions.

What a colleague can do in Excel, and what it means here:
- change 状态 of a row to 已确认 / 已否决 / 待审核 / 不适用, write 审核意见;
- type a measure into a gap row (its text, or its 本级编号), or add a row with 上级编号 and
  本级编号 (or the two texts): a manual link;
- delete the row of a link: the link is rejected (and the user is told).

The hidden 审核记录 sheet restores what the table does not show (rejected links, notes on linked
tasks, link notes of 不适用 tasks); the visible rows then override it. Columns are found by their
header, so inserted or reordered columns do not matter. Decisions are applied with
`Crosswalk.with_review`; rows that cannot be applied are reported, never guessed, and so are
edits to columns that come from the documents (本级负责部门, 需上级协助事项, the texts, 匹配度):
they are not imported. `review_changes` says what an import changes, for the user to approve.

Only the cells a workbook holds are read: a stray cell at XFD1048576 costs nothing, and a sheet
with more rows than any review could have is refused with a message.
"""
from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, ReviewState, Side
from compare.errors import ReadError
from compare.documents.model import Item
from compare.documents.normalize import clean_line, matching_key
from compare.documents.readers.guard import check_plain_file, check_zip, sniff_format
from exporters.sanitize import cell_text
from exporters.summary import document_name
from exporters.crosswalk_rows import UNREVIEWED_WORDS, RowStatus, assignment, assistance, department
from exporters.xlsx_export import (
    COL_ASSIGNMENT,
    COL_ASSISTANCE,
    COL_DEPARTMENT,
    COL_LOWER,
    COL_LOWER_ID,
    COL_NOTE,
    COL_SCORE,
    COL_STATUS,
    COL_UPPER,
    COL_UPPER_ID,
    RECORD_HEADER_ROW,
    RECORD_LINK,
    RECORD_MARK,
    RECORD_NOT_APPLICABLE,
    RECORD_NOTE,
    SHEET_RECORD,
    SHEET_TABLE,
)

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
# A 5,000-link review exports about 7,000 rows; a sheet with far more rows or cells is not one.
MAX_ROWS = 50_000
MAX_CELLS = 2_000_000
MIN_CONTAINED_KEY = 6  # a typed fragment shorter than this is too ambiguous to find an item by
STATUS_CONFIRMED = RowStatus.CONFIRMED.value
STATUS_REJECTED = RowStatus.REJECTED.value
STATUS_NOT_APPLICABLE = RowStatus.NOT_APPLICABLE.value
STATUS_GAP = RowStatus.GAP.value
STATUS_EXTRA = RowStatus.EXTRA.value
_PENDING = tuple(word.value for word in UNREVIEWED_WORDS)
_KNOWN = tuple(word.value for word in RowStatus)


@dataclass
class _Review:
    """The review being rebuilt: the crosswalk's, then the record's, then the rows'."""

    links: dict[tuple[str, str], Link]
    not_applicable: dict[str, str]
    notes: dict[tuple[Side, str], str]
    exported_pairs: set[tuple[str, str]] = field(default_factory=set)
    exported_scores: dict[tuple[str, str], object] = field(default_factory=dict)  # 匹配度 as written

    def state(self) -> ReviewState:
        return ReviewState(
            links=tuple(self.links.values()),
            not_applicable=tuple(self.not_applicable.items()),
            item_notes=tuple((s, i, n) for (s, i), n in self.notes.items() if n),
        )


def import_review_xlsx(path: str | Path, crosswalk: Crosswalk) -> tuple[Crosswalk, list[str]]:
    """Apply the review in the workbook at `path` to `crosswalk`; return it with warnings (Chinese)
    for everything that could not be applied."""
    path = Path(path)
    workbook = _open(path)
    if SHEET_TABLE not in workbook.sheetnames:
        raise ReadError(path, f"工作簿中没有“{SHEET_TABLE}”工作表", "请选择由本程序导出的对照表（.xlsx）")
    table = workbook[SHEET_TABLE]
    _check_size(path, table)
    columns = _header_columns(table)
    missing = [h for h in (COL_STATUS, COL_NOTE, COL_UPPER_ID, COL_LOWER_ID) if h not in columns]
    if missing:
        raise ReadError(
            path,
            "对照表缺少“" + "”“".join(missing) + "”列",
            "请使用本程序导出的对照表，不要删除或改名表头（“上级编号”“本级编号”两列是隐藏列，也需保留）",
        )
    warnings: list[str] = []
    review = _Review(
        links={k.pair: k for k in crosswalk.links},
        not_applicable=dict(crosswalk.not_applicable),
        notes={(s, i): n for s, i, n in crosswalk.item_notes},
    )
    if SHEET_RECORD in workbook.sheetnames:
        _check_size(path, workbook[SHEET_RECORD])
        _apply_record(workbook[SHEET_RECORD], crosswalk, review, warnings)
    else:
        warnings.append("工作簿中没有隐藏的“审核记录”工作表，已否决的对应关系无法恢复；仅按对照表中的状态导入。")
    _apply_rows(table, columns, crosswalk, review, warnings)
    state = review.state()
    orphans = crosswalk.orphans_of(state)
    if orphans:
        warnings.append("以下编号在当前文件中已不存在，相关审核结果未导入：" + "、".join(orphans) + "。")
    return crosswalk.with_review(state), warnings


def _open(path: Path):
    check_plain_file(path, MAX_WORKBOOK_BYTES)
    try:
        kind = sniff_format(path)
    except ReadError:  # its advice is about documents to compare, not about a review workbook
        kind = None
    if kind != "xlsx":
        raise ReadError(path, "这不是 Excel 工作簿（.xlsx）", "请选择由本程序导出的对照表")
    check_zip(path)
    try:
        # Normal mode: read-only mode loses merged cells and can keep the file locked on Windows.
        return openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError(path, "工作簿已损坏或无法识别", "请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试") from exc


def _text(value: object) -> str:
    """A cell value as text; numbers a colleague typed into an id column come back as they look."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_line(str(value))


def _check_size(path: Path, ws: Worksheet) -> None:
    cells = len(ws._cells)
    rows = len({row for row, _ in ws._cells})
    if cells > MAX_CELLS or rows > MAX_ROWS:
        raise ReadError(
            path,
            f"“{ws.title}”工作表有 {rows} 行、{cells} 个单元格，超过可导入的上限（{MAX_ROWS} 行、{MAX_CELLS} 个单元格）",
            "请确认选择的是本程序导出的对照表，并删除表格下方多余的内容后重试",
        )


def _rows(ws: Worksheet, first: int, width: int) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number, the first `width` values) of each row from `first` on that holds a value there.

    Reads the cells the sheet holds (openpyxl keeps them in `_cells`): its public iterators walk
    the whole rectangle up to the farthest cell, which a stray cell at XFD1048576 makes 17
    billion cells."""
    values: dict[int, list[object]] = {}
    for (row, column), cell in ws._cells.items():
        if row >= first and column <= width and cell.value is not None:
            values.setdefault(row, [None] * width)[column - 1] = cell.value
    for row in sorted(values):
        yield row, tuple(values[row])


def _header_columns(ws: Worksheet) -> dict[str, int]:
    return {
        _text(cell.value): column for (row, column), cell in sorted(ws._cells.items()) if row == 1 and _text(cell.value)
    }


# --- the hidden record ---------------------------------------------------------------------------


def _apply_record(ws: Worksheet, crosswalk: Crosswalk, review: _Review, warnings: list[str]) -> None:
    if _text(ws.cell(1, 1).value) != RECORD_MARK:
        warnings.append("“审核记录”工作表的格式无法识别，已否决的对应关系无法恢复。")
        return
    names = (_text(ws.cell(2, 2).value), _text(ws.cell(3, 2).value))
    current = (document_name(crosswalk.upper), document_name(crosswalk.lower))
    if names != current:
        warnings.append(
            f"该对照表是由《{names[0]}》和《{names[1]}》生成的，与当前打开的文件不同；请核对导入结果。"
        )
    for r, (kind, upper, lower, status, score, content) in _rows(ws, RECORD_HEADER_ROW + 1, 6):
        kind, upper, lower, content = _text(kind), _text(upper), _text(lower), "" if content is None else str(content)
        if kind == RECORD_LINK and upper and lower:
            try:
                link_status = LinkStatus(_text(status))
            except ValueError:
                warnings.append(f"“审核记录”第{r}行：状态“{_short(_text(status))}”无法识别，该条记录未导入。")
                continue
            value = _score(score)
            if value is None and link_status is not LinkStatus.MANUAL and score not in (None, ""):
                warnings.append(f"“审核记录”第{r}行：匹配度“{_short(_text(score))}”不是 0 到 1 之间的数，该条记录未导入。")
                continue
            pair = (upper, lower)
            old = review.links.get(pair)
            if old is not None:
                review.links[pair] = replace(old, status=link_status, note=content)
            elif link_status is not LinkStatus.AUTO:  # an old proposal the new run dropped is no decision
                review.links[pair] = Link(upper, lower, value, link_status, (), content)
            if link_status is not LinkStatus.REJECTED:
                review.exported_pairs.add(pair)
                review.exported_scores[pair] = "人工" if value is None else value
        elif kind == RECORD_NOT_APPLICABLE and upper:
            review.not_applicable[upper] = content
        elif kind == RECORD_NOTE and (upper or lower):
            review.notes[(Side.UPPER, upper) if upper else (Side.LOWER, lower)] = content


def _score(value: object) -> float | None:
    """A 0–1 score as the record holds it, or None when it is anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and 0.0 <= number <= 1.0 else None


# --- the visible rows ----------------------------------------------------------------------------


def _find(text: str, items: tuple[Item, ...]) -> tuple[Item | None, str]:
    """The item whose text (with or without its label) a colleague typed or pasted, with the
    reason when there is none or more than one."""
    key = matching_key(clean_line(text))
    exact = [it for it in items if key in (it.key, matching_key(it.display))]
    if len(exact) == 1:
        return exact[0], ""
    if len(key) >= MIN_CONTAINED_KEY:
        near = [it for it in items if key in it.key or (len(it.key) >= MIN_CONTAINED_KEY and it.key in key)]
        if len(near) == 1:
            return near[0], ""
        if len(near) > 1:
            return None, "与多个条目相符"
    return None, "找不到相符的条目"


def _resolve(row: int, side: str, item_id: str, text: str, index: dict[str, Item], leaves: tuple[Item, ...], warnings: list[str]) -> tuple[Item | None, bool]:
    """(item, failed): the item a row names by id or by text."""
    if item_id:
        if item_id in index:
            return index[item_id], False
        warnings.append(f"第{row}行：{side}编号“{item_id}”在{side}文件中不存在，该行未导入。")
        return None, True
    if text:
        found, why = _find(text, leaves)
        if found is None:
            warnings.append(f"第{row}行：{side}内容“{_short(text)}”{why}，请填写{side}编号后重新导入。")
            return None, True
        return found, False
    return None, False


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:18] + "……"


def _apply_rows(ws: Worksheet, columns: dict[str, int], crosswalk: Crosswalk, review: _Review, warnings: list[str]) -> None:
    up, lo = crosswalk.upper.index(), crosswalk.lower.index()
    seen_pairs: set[tuple[str, str]] = set()
    na_rows: dict[str, str | None] = {}  # upper -> reason if some row says 不适用, else None

    ignored = _IgnoredEdits()

    def cell(row: tuple, header: str) -> object:
        column = columns.get(header)
        return row[column - 1] if column is not None and column <= len(row) else None

    for r, values in _rows(ws, 2, max(columns.values())):
        upper_id, lower_id = _text(cell(values, COL_UPPER_ID)), _text(cell(values, COL_LOWER_ID))
        status = _text(cell(values, COL_STATUS))
        note_value = cell(values, COL_NOTE)
        note = "" if note_value is None else str(note_value).strip()
        # Merged 上级任务 cells read as empty below their first row: the hidden ids carry the row.
        upper_text = "" if upper_id else _text(cell(values, COL_UPPER))
        lower_text = "" if lower_id else _text(cell(values, COL_LOWER))
        if not any((upper_id, lower_id, status, note, upper_text, lower_text)):
            continue
        if upper_id and lower_id:
            seen_pairs.add((upper_id, lower_id))  # even if the row is not applied: it was not deleted
        if status and status not in _KNOWN:
            warnings.append(f"第{r}行：状态“{status}”无法识别（应为已确认、待审核、已否决或不适用），该行未导入。")
            continue
        upper, upper_failed = _resolve(r, "上级", upper_id, upper_text, up, crosswalk.upper.leaves, warnings)
        lower, lower_failed = _resolve(r, "本级", lower_id, lower_text, lo, crosswalk.lower.leaves, warnings)
        ignored.check(r, lambda header: cell(values, header), upper if upper_id else None, lower if lower_id else None,
                      review.exported_scores.get((upper_id, lower_id)))
        if upper_failed or (lower_failed and status != STATUS_NOT_APPLICABLE):
            continue
        if upper is not None and lower is not None:
            _apply_link_row(r, upper.id, lower.id, status, note, review, na_rows, warnings)
        elif upper is not None:
            _apply_task_row(r, upper.id, status, note, review, na_rows, warnings)
        elif lower is not None:
            if status in (STATUS_CONFIRMED, STATUS_NOT_APPLICABLE, STATUS_REJECTED):
                warnings.append(f"第{r}行：本级新增措施的状态“{status}”需要对应的上级任务，请填写上级编号后重新导入。")
                continue
            review.notes[(Side.LOWER, lower.id)] = note
        else:
            warnings.append(f"第{r}行：没有上级编号、本级编号或可识别的条目内容，该行未导入。")

    warnings.extend(ignored.messages())
    for upper_id, reason in na_rows.items():
        if reason is None:
            review.not_applicable.pop(upper_id, None)
        else:
            review.not_applicable[upper_id] = reason
    for pair in sorted(review.exported_pairs - seen_pairs):
        old = review.links.get(pair)
        if old is not None and old.active and pair[0] in up and pair[1] in lo:
            review.links[pair] = replace(old, status=LinkStatus.REJECTED)
            warnings.append(
                f"上级任务“{_short(up[pair[0]].display)}”与本级措施“{_short(lo[pair[1]].display)}”的对应行已被删除，已按“已否决”处理。"
            )


class _IgnoredEdits:
    """Edits to columns that come from the documents, not from the review: collected per column
    and reported as not imported, with the reason."""

    REASONS = {
        COL_DEPARTMENT: "负责部门取自本级文件，如需更改，请在本级文件中修改后重新对标",
        COL_ASSISTANCE: "需上级协助事项取自文件，如需更改，请在文件中修改后重新对标",
        COL_ASSIGNMENT: "上级分工取自上级文件",
        COL_UPPER: "条目文字以原文件为准",
        COL_LOWER: "条目文字以原文件为准",
        COL_SCORE: "匹配度由程序计算",
    }

    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {header: [] for header in self.REASONS}

    def check(self, r: int, cell, upper: Item | None, lower: Item | None, score: object) -> None:
        """Compare row `r` of a task or measure named by id with what the export wrote for it."""
        written: dict[str, object] = {}
        if lower is not None:
            written[COL_DEPARTMENT] = department(lower)
            written[COL_ASSISTANCE] = assistance(lower, upper)
            written[COL_LOWER] = lower.display
        if upper is not None:
            written[COL_ASSIGNMENT] = assignment(upper)
            written[COL_UPPER] = upper.display
        if upper is not None and lower is not None and score is not None:
            written[COL_SCORE] = score
        for header, expected in written.items():
            value = cell(header)
            # Only what is there: merged cells are empty below a task's first row, and a row a
            # colleague added names its items by id with the other columns left blank.
            if value is not None and _text(value) and not _same(value, expected):
                self.rows[header].append(r)

    def messages(self) -> list[str]:
        return [
            f"“{header}”列有 {len(rows)} 处修改（第{'、'.join(map(str, rows[:8]))}{'等' if len(rows) > 8 else ''}行），"
            f"这一列不导入：{self.REASONS[header]}。"
            for header, rows in self.rows.items()
            if rows
        ]


def _same(value: object, expected: object) -> bool:
    if isinstance(expected, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value - expected) < 0.0005
    return matching_key(_text(value)) == matching_key(_text(cell_text(str(expected))))


def _apply_link_row(r: int, upper: str, lower: str, status: str, note: str, review: _Review,
                    na_rows: dict[str, str | None], warnings: list[str]) -> None:
    pair = (upper, lower)
    old = review.links.get(pair)
    if status == STATUS_NOT_APPLICABLE:
        # The row shows the task's 不适用 reason in place of the link's note: the link keeps its own.
        na_rows[upper] = note
        return
    na_rows.setdefault(upper, None)
    if old is None or not old.active:
        # Rejected links are not shown, so this is a measure typed into a gap row (its 状态 often
        # still says 缺口) or a row a colleague added: a manual link unless they reject it.
        if status == STATUS_REJECTED:
            new_status = LinkStatus.REJECTED
        elif status in _PENDING and old is not None:
            new_status = LinkStatus.AUTO
        else:
            new_status = LinkStatus.MANUAL
        score = None if new_status is LinkStatus.MANUAL else (old.score if old else None)
        review.links[pair] = Link(upper, lower, score, new_status, old.evidence if old else (), note)
        return
    if status in (STATUS_GAP, STATUS_EXTRA):
        warnings.append(f"第{r}行：已对应的行不能标为“{status}”，已保留原状态。")
        return
    if status == STATUS_CONFIRMED:
        new_status = LinkStatus.MANUAL if old.status is LinkStatus.MANUAL else LinkStatus.CONFIRMED
    elif status == STATUS_REJECTED:
        new_status = LinkStatus.REJECTED
    elif status in _PENDING:
        new_status = LinkStatus.AUTO
    else:  # blank: a colleague cleared the cell; keep the decision
        new_status = old.status
    review.links[pair] = replace(old, status=new_status, note=note)


def _apply_task_row(r: int, upper: str, status: str, note: str, review: _Review,
                    na_rows: dict[str, str | None], warnings: list[str]) -> None:
    if status == STATUS_NOT_APPLICABLE:
        na_rows[upper] = note
        return
    na_rows.setdefault(upper, None)
    if status in (STATUS_CONFIRMED, STATUS_REJECTED):
        warnings.append(f"第{r}行：状态为“{status}”，但没有填写本级措施，请在“本级具体措施”中填写措施或本级编号后重新导入。")
        return
    review.notes[(Side.UPPER, upper)] = note


# --- what an import changes ----------------------------------------------------------------------

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ReviewChanges:
    """What applying an imported review changes in a crosswalk, shown to the reviewer before it
    is applied."""

    confirmed: tuple[Pair, ...] = ()
    rejected: tuple[Pair, ...] = ()
    reopened: tuple[Pair, ...] = ()  # back to 待审核
    manual: tuple[Pair, ...] = ()  # links a colleague added
    notes: tuple[tuple[str, str], ...] = ()  # (what the note is on, the new note; "" = removed)
    not_applicable: tuple[tuple[str, str], ...] = ()  # (upper id, reason): newly marked or reason changed
    applicable_again: tuple[str, ...] = ()  # 不适用 taken back

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


def review_changes(before: Crosswalk, after: Crosswalk) -> ReviewChanges:
    up, lo = after.upper.index(), after.lower.index()
    old_links = {k.pair: k for k in before.links}
    statuses: dict[LinkStatus, list[Pair]] = {status: [] for status in LinkStatus}
    notes: list[tuple[str, str]] = []
    for link in after.links:
        old = old_links.get(link.pair)
        if link.status is not (old.status if old else LinkStatus.AUTO):
            statuses[link.status].append(link.pair)
        if link.note != (old.note if old else ""):
            notes.append((f"“{_short(up[link.upper].display)}”↔“{_short(lo[link.lower].display)}”", link.note))
    old_notes = {(s, i): n for s, i, n in before.item_notes}
    new_notes = {(s, i): n for s, i, n in after.item_notes}
    for side, item_id in sorted(old_notes.keys() | new_notes.keys()):
        note = new_notes.get((side, item_id), "")
        if note != old_notes.get((side, item_id), ""):
            index = up if side is Side.UPPER else lo
            notes.append((f"“{_short(index[item_id].display)}”", note))
    old_na, new_na = dict(before.not_applicable), dict(after.not_applicable)
    return ReviewChanges(
        confirmed=tuple(statuses[LinkStatus.CONFIRMED]),
        rejected=tuple(statuses[LinkStatus.REJECTED]),
        reopened=tuple(statuses[LinkStatus.AUTO]),
        manual=tuple(statuses[LinkStatus.MANUAL]),
        notes=tuple(notes),
        not_applicable=tuple((u, r) for u, r in new_na.items() if old_na.get(u) != r),
        applicable_again=tuple(u for u in old_na if u not in new_na),
    )


def change_lines(changes: ReviewChanges, crosswalk: Crosswalk, examples: int = 5) -> list[str]:
    """The changes in words, one line per kind with a few examples (Chinese)."""
    up, lo = crosswalk.upper.index(), crosswalk.lower.index()

    def pairs(entries: tuple[Pair, ...]) -> str:
        shown = "；".join(f"“{_short(up[u].display)}”↔“{_short(lo[l].display)}”" for u, l in entries[:examples])
        return shown + ("等" if len(entries) > examples else "")

    lines = []
    for entries, what in (
        (changes.confirmed, "确认关联"),
        (changes.rejected, "否决关联"),
        (changes.reopened, "改回待审核"),
        (changes.manual, "新增人工关联"),
    ):
        if entries:
            lines.append(f"{what} {len(entries)} 条：{pairs(entries)}")
    if changes.notes:
        shown = "；".join(f"{what}：{note or '（删除意见）'}" for what, note in changes.notes[:examples])
        lines.append(f"新增或修改审核意见 {len(changes.notes)} 条：{shown}" + ("等" if len(changes.notes) > examples else ""))
    if changes.not_applicable:
        shown = "；".join(f"“{_short(up[u].display)}”（{reason or '未填写理由'}）" for u, reason in changes.not_applicable[:examples])
        lines.append(f"标为不适用 {len(changes.not_applicable)} 项：{shown}")
    if changes.applicable_again:
        shown = "；".join(f"“{_short(up[u].display)}”" for u in changes.applicable_again[:examples])
        lines.append(f"取消不适用 {len(changes.applicable_again)} 项：{shown}")
    return lines
