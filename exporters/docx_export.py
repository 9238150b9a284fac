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
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docx.table import Table

from compare.crosswalk import Crosswalk, Side
from compare.model import Item
from exporters.atomic import write_atomic
from exporters.docx_fonts import (
    BODY_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    PAGE_NUMBER_FONT,
    TITLE_FONT,
    add_fallbacks,
    rfonts_xml,
    set_run_font,
    set_style_font,
)
from exporters.sanitize import xml_text
from exporters.summary import AUTHOR, percent, report_title, summary_sentence
from exporters.table_rows import (
    STATUS_COLOURS,
    CrosswalkRow,
    RowKind,
    assignment,
    assistance,
    crosswalk_rows,
    department,
)
from exporters.text_marks import PairMarks, Segment, combine, link_marks, segments

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28  # fixed line pitch of 公文 body text
TABLE_STYLE = "表格文字"
TABLE_STYLE_ID = "DuibiaoTableText"  # fixed, since table XML is written as text
SHARED_FILL = "FFF2CC"  # shading of shared phrases
BAND_FILL = "F2F2F2"  # section rows of the table
HEADER_FILL = "D9E1F2"
PORTRAIT_MARGINS_MM = (37, 35, 28, 26)  # top, bottom, left, right (GB/T 9704)
LANDSCAPE_MARGINS_MM = (25, 22, 20, 20)
CELL_PADDING_MM = 3.8  # Word's default cell margins, 0.19 cm left and right


def export_docx(cw: Crosswalk, path: str | Path) -> Path:
    """Write the report to `path` atomically and return the path."""
    document = build_document(cw)
    return write_atomic(path, document.save)


def build_document(cw: Crosswalk, *, today: datetime.date | None = None) -> DocxDocument:
    document = docx.Document()
    title = report_title(cw)
    document.core_properties.title = title
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = AUTHOR
    document.core_properties.comments = ""
    _setup_styles(document)
    add_fallbacks(document)
    _setup_page(document.sections[0], landscape=False)
    _page_numbers(document)

    rows = crosswalk_rows(cw)
    _title_block(document, title, today or datetime.date.today())
    document.add_paragraph(xml_text(summary_sentence(cw)))

    document.add_paragraph("一、各方面覆盖情况", style="Heading 1")
    _coverage_table(document, cw)

    wide = document.add_section(WD_SECTION.NEW_PAGE)
    _setup_page(wide, landscape=True)
    document.add_paragraph("二、逐项对照情况", style="Heading 1")
    document.add_paragraph(
        "表中加粗并加底纹的文字为上下级文件的共同表述；上级任务中加删除线的文字为本级措施未体现的内容，"
        "本级措施中加下划线的文字为本级细化或新增的内容。"
    )
    _crosswalk_table(document, cw, rows)

    _setup_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    _issue_lists(document, cw, rows)
    return document


# --- styles and pages ----------------------------------------------------------------------------


def _setup_styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_style_font(normal, BODY_FONT, BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.first_line_indent = Pt(2 * BODY_PT)  # 首行缩进两字
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for name, font in (("Heading 1", HEADING1_FONT), ("Heading 2", HEADING2_FONT)):
        style = styles[name]
        set_style_font(style, font, BODY_PT)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.line_spacing = Pt(LINE_PT)

    title = styles["Title"]
    set_style_font(title, TITLE_FONT, TITLE_PT)
    tfmt = title.paragraph_format
    tfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tfmt.first_line_indent = Pt(0)
    tfmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tfmt.line_spacing = Pt(36)
    tfmt.space_before, tfmt.space_after = Pt(0), Pt(LINE_PT)
    # The template's Title has a bottom border and tight character spacing: not 公文 style.
    ppr = title.element.pPr
    if ppr is not None:
        for border in ppr.findall(f"{{{ppr.nsmap['w']}}}pBdr"):
            ppr.remove(border)
    rpr = title.element.rPr
    for tag in ("spacing", "kern"):
        for child in rpr.findall(f"{{{rpr.nsmap['w']}}}{tag}"):
            rpr.remove(child)

    table_style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_style.style_id = TABLE_STYLE_ID
    table_style.base_style = normal
    set_style_font(table_style, BODY_FONT, 12)
    tab = table_style.paragraph_format
    tab.first_line_indent = Pt(0)
    tab.line_spacing_rule = WD_LINE_SPACING.SINGLE
    tab.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _setup_page(section, *, landscape: bool) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    top, bottom, left, right = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(15), Mm(20 if not landscape else 12)


def _usable_width_mm(landscape: bool) -> float:
    _, _, left, right = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    return (297 if landscape else 210) - left - right


def _page_numbers(document: DocxDocument) -> None:
    """"— 1 —" in 宋体 四号: right on odd pages, left on even pages, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Pt(0)
        setattr(paragraph.paragraph_format, f"{indent}_indent", Pt(14))
        font = rfonts_xml(PAGE_NUMBER_FONT) + '<w:sz w:val="28"/><w:szCs w:val="28"/>'
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:t xml:space="preserve">— </w:t></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:t>1</w:t></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>'))
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr>{font}</w:rPr><w:t xml:space="preserve"> —</w:t></w:r>'))


def _title_block(document: DocxDocument, title: str, today: datetime.date) -> None:
    heading = document.add_paragraph(style="Title")
    set_run_font(heading.add_run(xml_text(title)), TITLE_FONT)
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.paragraph_format.first_line_indent = Pt(0)
    date.paragraph_format.space_after = Pt(LINE_PT)
    set_run_font(date.add_run(f"（{today.year}年{today.month}月{today.day}日）"), HEADING2_FONT)


# --- tables as XML text --------------------------------------------------------------------------


def _run_xml(text: str, *, size_half_pt: int, bold: bool = False, strike: bool = False,
             underline: bool = False, shade: str | None = None, font: str = BODY_FONT) -> str:
    props = rfonts_xml(font)
    if bold:
        props += "<w:b/><w:bCs/>"
    if strike:
        props += "<w:strike/>"
    props += f'<w:sz w:val="{size_half_pt}"/><w:szCs w:val="{size_half_pt}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    parts = []
    for n, line in enumerate(xml_text(text).split("\n")):
        if n:
            parts.append("<w:br/>")
        if line:
            parts.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    return f"<w:r><w:rPr>{props}</w:rPr>{''.join(parts)}</w:r>" if parts else ""


def _paragraph_xml(runs: str, *, centre: bool = False) -> str:
    jc = '<w:jc w:val="center"/>' if centre else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/>{jc}</w:pPr>{runs}</w:p>'


def _cell_xml(width_twips: int, content: str, *, fill: str | None = None, merge: str | None = None, span: int = 1) -> str:
    props = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def _row_xml(cells: str, *, header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else ""
    return f'<w:tr {nsdecls("w")}>{props}{cells}</w:tr>'


def _new_table(document: DocxDocument, widths_mm: Sequence[float]) -> Table:
    table = document.add_table(rows=0, cols=len(widths_mm))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    total = sum(_twips(w) for w in widths_mm)
    tbl_pr = tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, width in zip(tbl.tblGrid.findall(f"{{{tbl.nsmap['w']}}}gridCol"), widths_mm):
        col.set(f"{{{tbl.nsmap['w']}}}w", str(_twips(width)))
    return table


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _header_xml(headers: Sequence[str], widths_mm: Sequence[float], size_half_pt: int) -> str:
    cells = "".join(
        _cell_xml(_twips(w), _paragraph_xml(_run_xml(h, size_half_pt=size_half_pt, font=HEADING1_FONT), centre=True), fill=HEADER_FILL)
        for h, w in zip(headers, widths_mm)
    )
    return _row_xml(cells, header=True)


def _text_cell(text: str, width_mm: float, size: int, *, centre: bool = False, fill: str | None = None, merge: str | None = None) -> str:
    return _cell_xml(_twips(width_mm), _paragraph_xml(_run_xml(text, size_half_pt=size), centre=centre), fill=fill, merge=merge)


def _marked_runs(pieces: Sequence[Segment], size: int, *, changed_as: str) -> str:
    return "".join(
        _run_xml(
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
    widths = [_usable_width_mm(False) - 6 * 18.0] + [18.0] * 6
    size = 24  # 小四
    table = _new_table(document, widths)
    tbl = table._tbl
    tbl.append(parse_xml(_header_xml(headers, widths, size)))
    lines = [(section or "（未分组）", cw.coverage(section)) for section in cw.sections()]
    lines.append(("合计", cw.coverage()))
    for label, cov in lines:
        values = (cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable)
        cells = _text_cell(label, widths[0], size) + "".join(
            _text_cell(str(v), w, size, centre=True) for v, w in zip(values, widths[1:])
        )
        cells += _text_cell(percent(cov.percent), widths[6], size, centre=True)
        tbl.append(parse_xml(_row_xml(cells)))


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
    rest = _usable_width_mm(True) - sum(fixed)
    return [f if c.chars else rest * c.share for c, f in zip(columns, fixed)]


def _crosswalk_table(document: DocxDocument, cw: Crosswalk, rows: Sequence[CrosswalkRow]) -> None:
    columns = _columns(rows)
    # 小四 when the two text columns still get about 18 characters each, else 五号.
    font_pt = 12.0 if _widths_mm(columns, 12.0)[1] >= 18 * 12 * 25.4 / 72 else 10.5
    size = round(font_pt * 2)
    widths = _widths_mm(columns, font_pt)
    headers = [c.header for c in columns]
    table = _new_table(document, widths)
    tbl = table._tbl
    tbl.append(parse_xml(_header_xml(headers, widths, size)))
    if not rows:
        tbl.append(parse_xml(_row_xml(_cell_xml(sum(_twips(w) for w in widths), _paragraph_xml(_run_xml("没有可对照的条目。", size_half_pt=size)), span=len(columns)))))
        return

    upper_marks = _upper_marks(cw, rows)
    band = None
    for n, row in enumerate(rows):
        group = ("本级新增措施（未对应上级任务）" if row.kind is RowKind.EXTRA else row.section) or "（未分组）"
        if group != band:
            band = group
            run = _run_xml(group, size_half_pt=size, font=HEADING1_FONT)
            tbl.append(parse_xml(_row_xml(_cell_xml(sum(_twips(w) for w in widths), _paragraph_xml(run), fill=BAND_FILL, span=len(columns)))))
        first_of_task = n == 0 or row.upper is None or rows[n - 1].upper is None or rows[n - 1].upper.id != row.upper.id
        last_of_task = n + 1 == len(rows) or row.upper is None or rows[n + 1].upper is None or rows[n + 1].upper.id != row.upper.id
        merge = None if first_of_task and last_of_task else ("restart" if first_of_task else "continue")
        cells = []
        for header, width in zip(headers, widths):
            cells.append(_table_cell(header, width, size, row, merge, first_of_task, upper_marks))
        tbl.append(parse_xml(_row_xml("".join(cells))))


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
        return _cell_xml(_twips(width), _paragraph_xml(""), merge="continue")
    upper, lower, link = row.upper, row.lower, row.link
    if header == "序号":
        return _text_cell(str(row.group), width, size, centre=True, merge=merge)
    if header == "上级任务":
        if upper is None:
            return _text_cell("", width, size)
        runs = _run_xml(upper.label, size_half_pt=size) + _marked_runs(segments(upper.text, upper_marks.get(upper.id)), size, changed_as="strike")
        return _cell_xml(_twips(width), _paragraph_xml(runs), merge=merge)
    if header == "上级分工":
        return _text_cell(assignment(upper), width, size, merge=merge)
    if header == "本级具体措施":
        if lower is None:
            return _text_cell("", width, size)
        marks = link_marks(link, upper, lower)[1] if link is not None and upper is not None else None
        runs = _run_xml(lower.label, size_half_pt=size) + _marked_runs(segments(lower.text, marks), size, changed_as="underline")
        return _cell_xml(_twips(width), _paragraph_xml(runs))
    if header == "本级负责部门":
        return _text_cell(department(lower), width, size)
    if header == "需上级协助事项":
        return _text_cell(assistance(lower, upper), width, size)
    if header == "匹配度":
        return _text_cell(percent(100 * link.score) if link else "", width, size, centre=True)
    if header == "状态":
        return _text_cell(row.status, width, size, centre=True, fill=STATUS_COLOURS[row.status][0])
    return _text_cell(row.note, width, size)  # 审核意见


# --- gap and extra lists -------------------------------------------------------------------------


def _numbered(document: DocxDocument, n: int, item: Item, *details: str) -> None:
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
        _numbered(document, n, upper, upper.section, cw.item_note(Side.UPPER, uid))
    document.add_paragraph("（二）弱覆盖任务", style="Heading 2")
    if not cw.weak:
        document.add_paragraph("没有弱覆盖任务。")
    for n, uid in enumerate(cw.weak, start=1):
        best = max((k for k in cw.links_of_upper(uid) if k.active), key=lambda k: k.score, default=None)
        _numbered(document, n, up[uid], f"最接近的措施匹配度{percent(100 * best.score)}" if best else "")

    document.add_paragraph("四、本级新增措施", style="Heading 1")
    if not cw.lower_extras:
        document.add_paragraph("本级措施均对应上级任务。")
    for n, lid in enumerate(cw.lower_extras, start=1):
        lower = lo[lid]
        _numbered(document, n, lower, department(lower), cw.item_note(Side.LOWER, lid))
