"""Crosswalk -> .docx: a report in the style of a Chinese government office (GB/T 9704).

Portrait A4 with the title, date, summary and coverage by section; a landscape section with the
full 对照表 (header row repeated on every page, shared phrases in bold with shading, what the
measure leaves out of the task struck through, what the measure adds underlined); then back to
portrait for the gap and extra lists. Page numbers "— 1 —" sit right on odd and left on even pages.

The big table is written as WordprocessingML text per row: python-docx's cell API re-walks the
whole table for every cell access and takes minutes for a few thousand rows.
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml

from compare.alignment.crosswalk import Crosswalk, Side
from compare.documents.model import Item
from compare.atomic_write import write_atomic
from exporters.docx_fonts import HEADING1_FONT, HEADING2_FONT, set_run_font
from exporters.docx_layout import (
    BAND_FILL,
    CELL_PADDING_MM,
    cell_xml,
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
from exporters.sanitize import xml_text
from exporters.summary import document_name, percent, report_title, score_text, summary_sentence
from exporters.table_rows import (
    STATUS_COLOURS,
    CrosswalkRow,
    RowKind,
    assignment,
    assistance,
    crosswalk_rows,
    department,
)
from exporters.targets_table import targets_tables
from exporters.text_marks import PairMarks, Segment, combine, link_marks, segments

SHARED_FILL = "FFF2CC"  # shading of shared phrases


def export_docx(cw: Crosswalk, path: str | Path) -> Path:
    """Write the report to `path` atomically and return the path."""
    document = build_document(cw)
    return write_atomic(path, document.save)


def build_document(cw: Crosswalk, *, today: datetime.date | None = None) -> DocxDocument:
    document = new_report(report_title(cw), today)
    rows = crosswalk_rows(cw)
    document.add_paragraph(xml_text(summary_sentence(cw)))

    document.add_paragraph("一、各方面覆盖情况", style="Heading 1")
    _coverage_table(document, cw)

    add_crosswalk_section(document, cw, "二、逐项对照情况", rows)

    setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    _issue_lists(document, cw, rows)

    # The report names the units in its heading, so the sheet-name prefix "本级" is dropped.
    responsibility = [replace(t, title=t.title.removeprefix(LOWER_PREFIX)) for t in lower_responsibility_tables(cw)]
    add_plain_chapter(document, f"五、本级责任分工（《{document_name(cw.lower)}》）", responsibility)
    add_plain_chapter(document, "六、目标与时限", targets_tables(cw))
    return document


def add_crosswalk_section(document: DocxDocument, cw: Crosswalk, heading: str, rows: Sequence[CrosswalkRow] | None = None,
                          *, intro: str = "") -> None:
    """A landscape section with `heading`, an optional `intro` sentence, the legend of the marks
    and the full 对照表."""
    setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    document.add_paragraph(xml_text(heading), style="Heading 1")
    if intro:
        document.add_paragraph(xml_text(intro))
    document.add_paragraph(
        "表中加粗并加底纹的文字为上下级文件的共同表述；上级任务中加删除线的文字为本级措施未体现的内容，"
        "本级措施中加下划线的文字为本级细化或新增的内容。"
    )
    _crosswalk_table(document, cw, crosswalk_rows(cw) if rows is None else rows)


def _marked_runs(pieces: Sequence[Segment], size: int, *, changed_as: str) -> str:
    return "".join(
        run_xml(
            s.text,
            size_half_pt=size,
            bold=s.shared,
            shade=SHARED_FILL if s.shared else None,
            strike=s.changed and changed_as == "strike",
            underline=s.changed and changed_as == "underline",
        )
        for s in pieces
    )


# --- coverage table ------------------------------------------------------------------------------


def _coverage_table(document: DocxDocument, cw: Crosswalk) -> None:
    headers = ("方面", "任务数", "已覆盖", "弱覆盖", "缺口", "不适用", "覆盖率")
    widths = [usable_width_mm(False) - 6 * 18.0] + [18.0] * 6
    size = 24  # 小四
    table = new_table(document, widths)
    tbl = table._tbl
    tbl.append(parse_xml(header_xml(headers, widths, size)))
    lines = [(section or "（未分组）", cw.coverage(section)) for section in cw.sections()]
    lines.append(("合计", cw.coverage()))
    for label, cov in lines:
        values = (cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable)
        cells = text_cell(label, widths[0], size) + "".join(
            text_cell(str(v), w, size, centre=True) for v, w in zip(values, widths[1:])
        )
        cells += text_cell(percent(cov.percent), widths[6], size, centre=True)
        tbl.append(parse_xml(row_xml(cells)))


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
    if any(assignment(r.upper) for r in rows):
        columns.append(_Column("上级分工", 4))
    columns.append(_Column("本级具体措施", 0, 0.55))
    if any(department(r.lower) for r in rows):
        columns.append(_Column("本级负责部门", 5))
    if any(assistance(r.lower, r.upper) for r in rows):
        columns.append(_Column("需上级协助事项", 6))
    columns += [_Column("匹配度", 3.2), _Column("状态", 4.2), _Column("审核意见", 5)]
    return columns


def _widths_mm(columns: list[_Column], font_pt: float) -> list[float]:
    char_mm = font_pt * 25.4 / 72
    fixed = [c.chars * char_mm + CELL_PADDING_MM + 1.0 if c.chars else 0.0 for c in columns]
    rest = usable_width_mm(True) - sum(fixed)
    return [f if c.chars else rest * c.share for c, f in zip(columns, fixed)]


def _crosswalk_table(document: DocxDocument, cw: Crosswalk, rows: Sequence[CrosswalkRow]) -> None:
    columns = _columns(rows)
    # 小四 when the two text columns still get about 18 characters each, else 五号.
    font_pt = 12.0 if _widths_mm(columns, 12.0)[1] >= 18 * 12 * 25.4 / 72 else 10.5
    size = round(font_pt * 2)
    widths = _widths_mm(columns, font_pt)
    headers = [c.header for c in columns]
    table = new_table(document, widths)
    tbl = table._tbl
    tbl.append(parse_xml(header_xml(headers, widths, size)))
    if not rows:
        tbl.append(parse_xml(row_xml(cell_xml(sum(twips(w) for w in widths), paragraph_xml(run_xml("没有可对照的条目。", size_half_pt=size)), span=len(columns)))))
        return

    upper_marks = _upper_marks(cw, rows)
    band = None
    for n, row in enumerate(rows):
        group = ("本级新增措施（未对应上级任务）" if row.kind is RowKind.EXTRA else row.section) or "（未分组）"
        if group != band:
            band = group
            run = run_xml(group, size_half_pt=size, font=HEADING1_FONT)
            tbl.append(parse_xml(row_xml(cell_xml(sum(twips(w) for w in widths), paragraph_xml(run), fill=BAND_FILL, span=len(columns)))))
        first_of_task = n == 0 or row.upper is None or rows[n - 1].upper is None or rows[n - 1].upper.id != row.upper.id
        last_of_task = n + 1 == len(rows) or row.upper is None or rows[n + 1].upper is None or rows[n + 1].upper.id != row.upper.id
        merge = None if first_of_task and last_of_task else ("restart" if first_of_task else "continue")
        cells = []
        for header, width in zip(headers, widths):
            cells.append(_table_cell(header, width, size, row, merge, first_of_task, upper_marks))
        tbl.append(parse_xml(row_xml("".join(cells))))


def _upper_marks(cw: Crosswalk, rows: Sequence[CrosswalkRow]) -> dict[str, PairMarks]:
    """Marks of each linked upper task against all its measures at once (its cell is merged)."""
    collected: dict[str, list[PairMarks]] = {}
    for row in rows:
        if row.link is not None and row.upper is not None and row.lower is not None:
            collected.setdefault(row.upper.id, []).append(link_marks(row.link, row.upper, row.lower)[0])
    return {uid: combine(marks) for uid, marks in collected.items()}


def _table_cell(header: str, width: float, size: int, row: CrosswalkRow, merge: str | None,
                first_of_task: bool, upper_marks: dict[str, PairMarks]) -> str:
    task_column = header in ("序号", "上级任务", "上级分工")
    if task_column and merge == "continue":
        return cell_xml(twips(width), paragraph_xml(""), merge="continue")
    upper, lower, link = row.upper, row.lower, row.link
    if header == "序号":
        return text_cell(str(row.group), width, size, centre=True, merge=merge)
    if header == "上级任务":
        if upper is None:
            return text_cell("", width, size)
        runs = run_xml(upper.label, size_half_pt=size) + _marked_runs(segments(upper.text, upper_marks.get(upper.id)), size, changed_as="strike")
        return cell_xml(twips(width), paragraph_xml(runs), merge=merge)
    if header == "上级分工":
        return text_cell(assignment(upper), width, size, merge=merge)
    if header == "本级具体措施":
        if lower is None:
            return text_cell("", width, size)
        marks = link_marks(link, upper, lower)[1] if link is not None and upper is not None else None
        runs = run_xml(lower.label, size_half_pt=size) + _marked_runs(segments(lower.text, marks), size, changed_as="underline")
        return cell_xml(twips(width), paragraph_xml(runs))
    if header == "本级负责部门":
        return text_cell(department(lower), width, size)
    if header == "需上级协助事项":
        return text_cell(assistance(lower, upper), width, size)
    if header == "匹配度":
        return text_cell(score_text(link) if link else "", width, size, centre=True)
    if header == "状态":
        return text_cell(row.status, width, size, centre=True, fill=STATUS_COLOURS[row.status][0])
    return text_cell(row.note, width, size)  # 审核意见


# --- gap and extra lists -------------------------------------------------------------------------


def numbered(document: DocxDocument, n: int, item: Item, *details: str) -> None:
    """"1．text（原序号3.；details）": our count first, the document's own numbering kept aside."""
    paragraph = document.add_paragraph(xml_text(f"{n}．{item.text}"))
    notes = ([f"原序号{item.label}"] if item.label else []) + [d for d in details if d]
    if notes:
        set_run_font(paragraph.add_run(xml_text("（" + "；".join(notes) + "）")), HEADING2_FONT)


def _issue_lists(document: DocxDocument, cw: Crosswalk, rows: Sequence[CrosswalkRow]) -> None:
    up, lo = cw.upper.index(), cw.lower.index()
    document.add_paragraph("三、缺口与弱覆盖任务", style="Heading 1")
    document.add_paragraph("（一）缺口任务", style="Heading 2")
    if not cw.upper_gaps:
        document.add_paragraph("上级任务均已有对应措施。")
    for n, uid in enumerate(cw.upper_gaps, start=1):
        upper = up[uid]
        numbered(document, n, upper, upper.section, cw.item_note(Side.UPPER, uid))
    document.add_paragraph("（二）弱覆盖任务", style="Heading 2")
    if not cw.weak:
        document.add_paragraph("没有弱覆盖任务。")
    for n, uid in enumerate(cw.weak, start=1):
        best = max((k for k in cw.links_of_upper(uid) if k.active), key=lambda k: k.score or 0.0, default=None)
        numbered(document, n, up[uid], f"最接近的措施匹配度{score_text(best)}" if best else "")

    document.add_paragraph("四、本级新增措施", style="Heading 1")
    if not cw.lower_extras:
        document.add_paragraph("本级措施均对应上级任务。")
    for n, lid in enumerate(cw.lower_extras, start=1):
        lower = lo[lid]
        numbered(document, n, lower, department(lower), cw.item_note(Side.LOWER, lid))
