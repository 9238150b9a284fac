"""Read an exported (and possibly colleague-edited) 对照表 workbook back into review decisions.

What a colleague can do in Excel, and what it means here:
- change 状态 of a row to 已确认 / 已否决 / 待审核 / 不适用, write 审核意见;
- type a measure into a gap row (its text, or its 本级编号), or add a row with 上级编号 and
  本级编号 (or the two texts): a manual link;
- delete the row of a link: the link is rejected (and the user is told).

The hidden 审核记录 sheet restores what the table does not show (rejected links, notes on linked
tasks, link notes of 不适用 tasks); the visible rows then override it. Columns are found by their
header, so inserted or reordered columns do not matter. Decisions are applied with
`Crosswalk.with_review`; rows that cannot be applied are reported, never guessed.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, ReviewState, Side
from compare.errors import ReadError
from compare.documents.model import Item
from compare.documents.normalize import clean_line, matching_key
from compare.documents.readers.guard import check_plain_file, sniff_format
from exporters.summary import document_name
from exporters.crosswalk_rows import UNREVIEWED_WORDS, RowStatus
from exporters.xlsx_export import (
    COL_LOWER,
    COL_LOWER_ID,
    COL_NOTE,
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
    if sniff_format(path) != "xlsx":
        raise ReadError(path, "这不是 Excel 工作簿（.xlsx）", "请选择由本程序导出的对照表")
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


def _header_columns(ws: Worksheet) -> dict[str, int]:
    return {_text(cell.value): cell.column for cell in ws[1] if _text(cell.value)}


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
    for kind, upper, lower, status, score, content in ws.iter_rows(min_row=RECORD_HEADER_ROW + 1, max_col=6, values_only=True):
        kind, upper, lower, content = _text(kind), _text(upper), _text(lower), "" if content is None else str(content)
        if kind == RECORD_LINK and upper and lower:
            try:
                link_status = LinkStatus(_text(status))
            except ValueError:
                continue
            pair = (upper, lower)
            old = review.links.get(pair)
            if old is not None:
                review.links[pair] = replace(old, status=link_status, note=content)
            elif link_status is not LinkStatus.AUTO:  # an old proposal the new run dropped is no decision
                review.links[pair] = Link(upper, lower, None if score is None else float(score), link_status, (), content)
            if link_status is not LinkStatus.REJECTED:
                review.exported_pairs.add(pair)
        elif kind == RECORD_NOT_APPLICABLE and upper:
            review.not_applicable[upper] = content
        elif kind == RECORD_NOTE and (upper or lower):
            review.notes[(Side.UPPER, upper) if upper else (Side.LOWER, lower)] = content


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

    def cell(row: tuple, header: str) -> object:
        column = columns.get(header)
        return row[column - 1] if column is not None and column <= len(row) else None

    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
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
