"""Crosswalk -> .docx: a report in the style of a Chinese government office (GB/T 9704).

Portrait A4 with the title, date, summary and coverage by section; a landscape section with the
full 对照表 (header row repeated on every page, the phrases both texts share in bold with shading);
then back to portrait for the gaps and weak tasks, the 不适用 tasks with their reasons, the extra
measures, the responsibility and the target chapters. Page numbers "— 1 —" sit right on odd and
left on even pages.

A report an office signs marks only what the two texts share. The redline (`redline=True`, the
CLI's --redline) also strikes through what the measures leave out of a task and underlines what a
measure adds: useful while drafting, but in a signed report it reads as "deleted".

Every item and note is capped at `REPORT_TEXT_LIMIT` characters, with a note where it was cut.
The big table is written as WordprocessingML text per row: python-docx's cell API re-walks the
whole table for every cell access and takes minutes for a few thousand rows.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION

from compare.alignment.crosswalk import Crosswalk, Link
from compare.atomic_write import write_atomic
from compare.documents.model import Item
from exporters.crosswalk_rows import (
    STATUS_COLOURS,
    CrosswalkRow,
    RowKind,
    RowStatus,
    assignment,
    assistance,
    department,
    exported_rows,
)
from exporters.docx_fonts import HEADING1_FONT, HEADING2_FONT, set_run_font
from exporters.docx_layout import (
    BAND_FILL,
    CELL_PADDING_MM,
    ReportFile,
    append_rows,
    cell_xml,
    chinese_ordinal,
    header_xml,
    new_report,
    new_table,
    paragraph_xml,
    row_xml,
    run_xml,
    setup_page,
    text_cell,
    twips,
    usable_width_mm,
)
from exporters.docx_plain import add_plain_chapter
from exporters.pair_tables import LOWER_PREFIX, lower_responsibility_tables
from exporters.sanitize import REPORT_TEXT_LIMIT, report_text, shortened_note, xml_text
from exporters.summary import (
    COVERAGE_HEADERS,
    coverage_counts,
    coverage_lines,
    document_name,
    percent,
    report_title,
    score_text,
    summary_sentence,
)
from exporters.targets_table import targets_tables
from exporters.text_marks import PairMarks, Segment, combine, link_marks, segments


def export_docx(cw: Crosswalk, path: str | Path, *, redline: bool = False) -> Path:
    """Write the report to `path` atomically and return the path."""
    return write_atomic(path, build_document(cw, redline=redline).save)


class _Chapters:
    """Numbers the level-1 headings (一、二、…) in the order they are written, so a chapter left
    out never leaves a hole in the numbering."""

    def __init__(self, document: DocxDocument) -> None:
        self._document = document
        self._count = 0

    def next(self, title: str) -> str:
        self._count += 1
        return f"{chinese_ordinal(self._count)}、{title}"

    def add(self, title: str) -> None:
        self._document.add_paragraph(xml_text(self.next(title)), style="Heading 1")


def build_document(cw: Crosswalk, *, today: datetime.date | None = None, redline: bool = False) -> ReportFile:
    report = new_report(report_title(cw), today)
    document = report.document
    rows = exported_rows(cw)
    chapters = _Chapters(document)
    document.add_paragraph(xml_text(summary_sentence(cw)))

    chapters.add("各方面覆盖情况")
    _coverage_table(document, cw)

    add_crosswalk_section(report, cw, chapters.next("逐项对照情况"), rows, redline=redline)

    setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    _gaps_and_weak(document, chapters, cw, rows)
    _not_applicable(document, chapters, rows)
    _extras(document, chapters, rows)

    # The report names the units in its heading, so the sheet-name prefix "本级" is dropped.
    responsibility = [replace(t, title=t.title.removeprefix(LOWER_PREFIX)) for t in lower_responsibility_tables(cw)]
    add_plain_chapter(report, chapters.next(f"本级责任分工（《{document_name(cw.lower)}》）"), responsibility)
    add_plain_chapter(report, chapters.next("目标与时限"), targets_tables(cw))
    return report


def add_crosswalk_section(report: ReportFile, cw: Crosswalk, heading: str, rows: Sequence[CrosswalkRow] | None = None,
                          *, intro: str = "", redline: bool = False) -> None:
    """A landscape section with `heading`, an optional `intro` sentence, the legend of the marks
    and the full 对照表 (its rows written as `report` is saved)."""
    document = report.document
    setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    document.add_paragraph(xml_text(heading), style="Heading 1")
    if intro:
        document.add_paragraph(xml_text(intro))
    legend = "表中加粗并加底纹的文字为上下级文件的共同表述。"
    if redline:
        legend += "上级任务中加删除线的文字为本级措施未体现的内容，本级措施中加下划线的文字为本级细化或新增的内容。"
    document.add_paragraph(legend)
    _crosswalk_table(report, exported_rows(cw) if rows is None else rows, redline)


# --- coverage table ------------------------------------------------------------------------------


def _coverage_table(document: DocxDocument, cw: Crosswalk) -> None:
    """Three honest numbers per section: 已覆盖, 弱覆盖, 缺口; 覆盖率 counts covered tasks only."""
    # 任务数 … 不适用 fit three characters of 五号, 覆盖率 and 含弱覆盖 four; 方面 takes the rest.
    figures = [14.0] * 5 + [19.0] * 2
    widths = [usable_width_mm(False) - sum(figures)] + figures
    size = 21  # 五号: eight columns on a portrait page
    tbl = new_table(document, widths)._tbl
    rows = [header_xml(COVERAGE_HEADERS, widths, size)]
    for label, cov in coverage_lines(cw):
        values = [str(v) for v in coverage_counts(cov)] + [percent(cov.percent), percent(cov.percent_with_weak)]
        cells = text_cell(label, widths[0], size) + "".join(
            text_cell(v, w, size, centre=True) for v, w in zip(values, widths[1:])
        )
        rows.append(row_xml(cells))
    append_rows(tbl, rows)


# --- 对照表 ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    chars: float  # width in characters of the table font; 0 = share of the rest
    share: float = 0.0


def _columns(rows: Sequence[CrosswalkRow]) -> list[_Column]:
    """The 对照表 columns; optional 分工/部门/协助 columns only when some row has them, so a
    report on plain documents does not carry empty columns."""
    columns = [_Column("序号", 2.2), _Column("上级任务", 0, 0.45)]
    if any(assignment(r.upper_item) for r in rows):
        columns.append(_Column("上级分工", 4))
    columns.append(_Column("本级具体措施", 0, 0.55))
    if any(department(r.lower_item) for r in rows):
        columns.append(_Column("本级负责部门", 5))
    if any(assistance(r.lower_item, r.upper_item) for r in rows):
        columns.append(_Column("需上级协助事项", 6))
    columns += [_Column("匹配度", 3.2), _Column("状态", 4.2), _Column("审核意见", 5)]
    return columns


def _widths_mm(columns: list[_Column], font_pt: float) -> list[float]:
    char_mm = font_pt * 25.4 / 72
    fixed = [c.chars * char_mm + CELL_PADDING_MM + 1.0 if c.chars else 0.0 for c in columns]
    rest = usable_width_mm(True) - sum(fixed)
    return [f if c.chars else rest * c.share for c, f in zip(columns, fixed)]


def _crosswalk_table(report: ReportFile, rows: Sequence[CrosswalkRow], redline: bool) -> None:
    columns = _columns(rows)
    # 小四 when the two text columns still get about 18 characters each, else 五号.
    font_pt = 12.0 if _widths_mm(columns, 12.0)[1] >= 18 * 12 * 25.4 / 72 else 10.5
    size = round(font_pt * 2)
    widths = _widths_mm(columns, font_pt)
    headers = [c.header for c in columns]
    tbl = new_table(report.document, widths)._tbl
    full_width = sum(twips(w) for w in widths)
    if not rows:
        empty = row_xml(cell_xml(full_width, paragraph_xml(run_xml("没有可对照的条目。"), size), span=len(columns)))
        append_rows(tbl, [header_xml(headers, widths, size), empty])
        return
    append_rows(tbl, [header_xml(headers, widths, size)])
    report.defer_rows(tbl, _table_rows(rows, headers, widths, size, _Marks(rows, redline)))


def _table_rows(rows: Sequence[CrosswalkRow], headers: list[str], widths: list[float], size: int, marks: _Marks) -> Iterator[str]:
    """The 对照表 rows as XML text: a band row where a section (or the extras) begins, then one
    row per crosswalk row, a task with several measures in one merged cell."""
    full_width = sum(twips(w) for w in widths)
    band = None
    for n, row in enumerate(rows):
        group = ("本级新增措施（未对应上级任务）" if row.kind is RowKind.EXTRA else row.section) or "（未分组）"
        if group != band:
            band = group
            run = run_xml(group, font=HEADING1_FONT)
            yield row_xml(cell_xml(full_width, paragraph_xml(run, size), fill=BAND_FILL, span=len(headers)))
        first_of_task = n == 0 or row.upper is None or rows[n - 1].upper != row.upper
        last_of_task = n + 1 == len(rows) or row.upper is None or rows[n + 1].upper != row.upper
        merge = None if first_of_task and last_of_task else ("restart" if first_of_task else "continue")
        yield row_xml("".join(_table_cell(header, width, size, row, merge, marks) for header, width in zip(headers, widths)))


class _Marks:
    """The marks of the table's texts: an upper task against all its measures at once (its
    cell is merged), a measure against its task. Differences only in a redline report."""

    def __init__(self, rows: Sequence[CrosswalkRow], redline: bool) -> None:
        self.redline = redline
        self._pairs: dict[tuple[str, str], tuple[PairMarks, PairMarks]] = {}
        collected: dict[str, list[PairMarks]] = {}
        for row in rows:
            if row.link is not None and row.upper_item is not None and row.lower_item is not None:
                pair = link_marks(row.link, row.upper_item, row.lower_item, changes=redline)
                self._pairs[row.link.pair] = pair
                collected.setdefault(row.upper_item.id, []).append(pair[0])
        self._uppers = {uid: found[0] if len(found) == 1 else combine(found) for uid, found in collected.items()}

    def upper(self, item: Item) -> PairMarks | None:
        return self._uppers.get(item.id)

    def lower(self, link: Link | None) -> PairMarks | None:
        return self._pairs[link.pair][1] if link is not None and link.pair in self._pairs else None


def _item_runs(item: Item, marks: PairMarks | None, *, changed_as: str, redline: bool) -> str:
    """The item's label and text, its marked phrases, and a note where a very long text was cut."""
    text = xml_text(item.text)
    pieces: Sequence[Segment] = segments(text[:REPORT_TEXT_LIMIT], marks)
    runs = run_xml(item.label) + "".join(
        run_xml(s.text, shared=s.shared, strike=redline and s.changed and changed_as == "strike",
                underline=redline and s.changed and changed_as == "underline")
        for s in pieces
    )
    if len(text) > REPORT_TEXT_LIMIT:
        runs += run_xml(shortened_note(len(text)))
    return runs


def _table_cell(header: str, width: float, size: int, row: CrosswalkRow, merge: str | None, marks: _Marks) -> str:
    task_column = header in ("序号", "上级任务", "上级分工")
    if task_column and merge == "continue":
        return cell_xml(twips(width), paragraph_xml("", size), merge="continue")
    upper, lower, link = row.upper_item, row.lower_item, row.link
    if header == "序号":
        return text_cell(str(row.group), width, size, centre=True, merge=merge)
    if header == "上级任务":
        if upper is None:
            return text_cell("", width, size)
        runs = _item_runs(upper, marks.upper(upper), changed_as="strike", redline=marks.redline)
        return cell_xml(twips(width), paragraph_xml(runs, size), merge=merge)
    if header == "上级分工":
        return text_cell(report_text(assignment(upper)), width, size, merge=merge)
    if header == "本级具体措施":
        if lower is None:
            return text_cell("", width, size)
        runs = _item_runs(lower, marks.lower(link), changed_as="underline", redline=marks.redline)
        return cell_xml(twips(width), paragraph_xml(runs, size))
    if header == "本级负责部门":
        return text_cell(report_text(department(lower)), width, size)
    if header == "需上级协助事项":
        return text_cell(report_text(assistance(lower, upper)), width, size)
    if header == "匹配度":
        return text_cell(row.score_text, width, size, centre=True)
    if header == "状态":
        return text_cell(row.status.value, width, size, centre=True, fill=STATUS_COLOURS[row.status][0])
    # 审核意见: a 不适用 row gives the reason, as the workbook does
    return text_cell(report_text(row.reason if row.status is RowStatus.NOT_APPLICABLE else row.note), width, size)


# --- lists after the table -----------------------------------------------------------------------


def label_text(item: Item) -> str:
    """The item's printed numbering without its trailing punctuation: "12." -> "12", "（三）" stays."""
    return item.label.strip().rstrip(".．、,，:：;；")


def numbered(document: DocxDocument, n: int, item: Item, *details: str) -> None:
    """"1．text（原序号3；details）": our count first, the document's own numbering kept aside."""
    paragraph = document.add_paragraph(f"{n}．{report_text(item.text)}")
    notes = ([f"原序号{label_text(item)}"] if label_text(item) else []) + [d for d in details if d]
    if notes:
        set_run_font(paragraph.add_run(report_text("（" + "；".join(notes) + "）")), HEADING2_FONT)


def _rows_of(rows: Sequence[CrosswalkRow], *kinds: RowKind) -> list[CrosswalkRow]:
    """The rows of these kinds, one per task (a 不适用 task with several measures has several)."""
    seen: dict[str, CrosswalkRow] = {}
    for row in rows:
        if row.kind in kinds and row.upper is not None:
            seen.setdefault(row.upper, row)
    return list(seen.values())


def _gaps_and_weak(document: DocxDocument, chapters: _Chapters, cw: Crosswalk, rows: Sequence[CrosswalkRow]) -> None:
    chapters.add("缺口与弱覆盖任务")
    document.add_paragraph("（一）缺口任务", style="Heading 2")
    gaps = _rows_of(rows, RowKind.GAP)
    if not gaps:
        document.add_paragraph("上级任务均已有对应措施（或注明不适用）。")
    for n, row in enumerate(gaps, start=1):
        numbered(document, n, row.upper_item, f"所在部分：{row.section}" if row.section else "",
                 f"审核意见：{row.note}" if row.note else "")
    document.add_paragraph("（二）弱覆盖任务", style="Heading 2")
    weak = [row for row in rows if row.status is RowStatus.WEAK]
    best: dict[str, CrosswalkRow] = {}
    for row in weak:
        if row.upper not in best or (row.score or 0.0) > (best[row.upper].score or 0.0):
            best[row.upper] = row
    if not best:
        document.add_paragraph("没有弱覆盖任务。")
    else:
        document.add_paragraph(f"以下任务的对应措施匹配度均低于{percent(100 * cw.thresholds.strong)}，请核实措施是否完整落实该任务。")
    for n, row in enumerate(best.values(), start=1):
        numbered(document, n, row.upper_item, f"最接近的措施匹配度{score_text(row.link)}")


def _not_applicable(document: DocxDocument, chapters: _Chapters, rows: Sequence[CrosswalkRow]) -> None:
    """The tasks the reviewer marked 不适用, each with its reason: what the office tells the upper level."""
    marked = _rows_of(rows, RowKind.NOT_APPLICABLE, RowKind.LINK)
    marked = [row for row in marked if row.status is RowStatus.NOT_APPLICABLE]
    if not marked:
        return
    chapters.add("不适用的上级任务")
    document.add_paragraph(f"经审核，以下{len(marked)}项上级任务不适用于本级，不计入覆盖率。")
    for n, row in enumerate(marked, start=1):
        numbered(document, n, row.upper_item, f"理由：{row.reason}" if row.reason else "未填写理由")


def _extras(document: DocxDocument, chapters: _Chapters, rows: Sequence[CrosswalkRow]) -> None:
    chapters.add("本级新增措施")
    extras = [row for row in rows if row.kind is RowKind.EXTRA]
    if not extras:
        document.add_paragraph("本级措施均对应上级任务。")
    for n, row in enumerate(extras, start=1):
        numbered(document, n, row.lower_item, f"负责部门：{department(row.lower_item)}" if department(row.lower_item) else "",
                 f"审核意见：{row.note}" if row.note else "")
