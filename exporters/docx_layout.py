"""The frame of our Word reports in the style of a Chinese government office (GB/T 9704):
styles, A4 pages, page numbers, the title block, and tables written as WordprocessingML text.

Tables are built as XML text per row: python-docx's cell API re-walks the whole table for every
cell access and takes minutes for a few thousand rows. Table text takes its font and size from a
paragraph style per size, and shared phrases from a character style, so a run carries no
formatting of its own. The 对照表 of a big crosswalk is not held as XML objects at all: its rows
are written into word/document.xml as the file is saved (`ReportFile`), which keeps a 5,000-row
report to the memory of its other pages.
"""
from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docx.table import Table
from lxml import etree

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
from exporters.summary import AUTHOR

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
LINE_PT = 28  # fixed line pitch of 公文 body text
TABLE_SIZES_PT = (12.0, 10.5, 9.0)  # 小四, 五号, 小五: the sizes our tables use
SHARED_STYLE_ID = "DuibiaoShared"  # fixed ids, since table XML is written as text
SHARED_FILL = "FFF2CC"  # shading of the phrases both documents share
BAND_FILL = "F2F2F2"  # section rows of the table
HEADER_FILL = "D9E1F2"
PORTRAIT_MARGINS_MM = (37, 35, 28, 26)  # top, bottom, left, right (GB/T 9704)
LANDSCAPE_MARGINS_MM = (25, 22, 20, 20)
CELL_PADDING_MM = 3.8  # Word's default cell margins, 0.19 cm left and right


def new_report(title: str, today: datetime.date | None = None) -> ReportFile:
    """An empty portrait report with our styles, page numbers and the title block."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = AUTHOR
    document.core_properties.last_modified_by = AUTHOR
    document.core_properties.comments = ""
    setup_styles(document)
    add_fallbacks(document)
    setup_page(document.sections[0], landscape=False)
    page_numbers(document)
    title_block(document, title, today or datetime.date.today())
    return ReportFile(document)


_NUMERALS = "一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三: the numbers of 公文 headings (1–99)."""
    tens, ones = divmod(n, 10)
    head = ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" if tens else ""
    return head + (_NUMERALS[ones - 1] if ones else "")


# --- styles and pages ----------------------------------------------------------------------------


def setup_styles(document: DocxDocument) -> None:
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

    for size in TABLE_SIZES_PT:
        table_style = styles.add_style(f"表格文字{size:g}磅", WD_STYLE_TYPE.PARAGRAPH)
        table_style.style_id = table_style_id(round(2 * size))
        table_style.base_style = normal
        set_style_font(table_style, BODY_FONT, size)
        tab = table_style.paragraph_format
        tab.first_line_indent = Pt(0)
        tab.line_spacing_rule = WD_LINE_SPACING.SINGLE
        tab.alignment = WD_ALIGN_PARAGRAPH.LEFT

    shared = styles.add_style("共同表述", WD_STYLE_TYPE.CHARACTER)
    shared.style_id = SHARED_STYLE_ID
    shared.font.bold = True
    shared.element.get_or_add_rPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{SHARED_FILL}"/>'))


def table_style_id(size_half_pt: int) -> str:
    """The paragraph style of table text at this size (half points, as Word counts)."""
    return f"DuibiaoTable{size_half_pt}"


def setup_page(section, *, landscape: bool) -> None:
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    top, bottom, left, right = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(15), Mm(20 if not landscape else 12)


def usable_width_mm(landscape: bool) -> float:
    _, _, left, right = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    return (297 if landscape else 210) - left - right


def page_numbers(document: DocxDocument) -> None:
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


def title_block(document: DocxDocument, title: str, today: datetime.date) -> None:
    heading = document.add_paragraph(style="Title")
    set_run_font(heading.add_run(xml_text(title)), TITLE_FONT)
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.paragraph_format.first_line_indent = Pt(0)
    date.paragraph_format.space_after = Pt(LINE_PT)
    set_run_font(date.add_run(f"（{today.year}年{today.month}月{today.day}日）"), HEADING2_FONT)


# --- tables as XML text --------------------------------------------------------------------------


def run_xml(text: str, *, shared: bool = False, strike: bool = False, underline: bool = False,
            font: str | None = None) -> str:
    """One run of table text: the paragraph style gives font and size; `shared` phrases take the
    共同表述 character style; `font` overrides the style's font (the band rows' 黑体)."""
    props = f'<w:rStyle w:val="{SHARED_STYLE_ID}"/>' if shared else ""
    if font:
        props += rfonts_xml(font)
    if strike:
        props += "<w:strike/>"
    if underline:
        props += '<w:u w:val="single"/>'
    parts = []
    for n, line in enumerate(xml_text(text).split("\n")):
        if n:
            parts.append("<w:br/>")
        if line:
            parts.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    if not parts:
        return ""
    return f"<w:r><w:rPr>{props}</w:rPr>{''.join(parts)}</w:r>" if props else f"<w:r>{''.join(parts)}</w:r>"


def paragraph_xml(runs: str, size_half_pt: int, *, centre: bool = False) -> str:
    jc = '<w:jc w:val="center"/>' if centre else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{table_style_id(size_half_pt)}"/>{jc}</w:pPr>{runs}</w:p>'


def cell_xml(width_twips: int, content: str, *, fill: str | None = None, merge: str | None = None, span: int = 1) -> str:
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


def row_xml(cells: str, *, header: bool = False) -> str:
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{props}{cells}</w:tr>"


_ROWS_PER_PARSE = 500


def append_rows(tbl, rows: Iterable[str]) -> None:
    """Append rows given as XML text (`row_xml`) to the table element `tbl`, parsed a few hundred
    at a time: parsing each row on its own cost about a second per 5,000 rows."""
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _ROWS_PER_PARSE:
            tbl.extend(list(parse_xml(f'<w:tbl {nsdecls("w")}>{"".join(batch)}</w:tbl>')))
            batch.clear()
    if batch:
        tbl.extend(list(parse_xml(f'<w:tbl {nsdecls("w")}>{"".join(batch)}</w:tbl>')))


_ROWS_MARK = "duibiao-rows-"


@dataclass
class ReportFile:
    """A report being built: the python-docx document, and table rows that wait to be written
    straight into word/document.xml when the file is saved. lxml holds a 5,000-row 对照表 as
    about 1.4 million elements (some 400 MB); streamed, the rows never exist all at once."""

    document: DocxDocument
    _deferred: list[Iterable[str]] = field(default_factory=list)

    def defer_rows(self, tbl, rows: Iterable[str]) -> None:
        """Rows (`row_xml` text) to write at the end of the table element `tbl` when saving; a
        comment marks their place."""
        tbl.append(etree.Comment(f" {_ROWS_MARK}{len(self._deferred)} "))
        self._deferred.append(rows)

    def save(self, target: str | Path | IO[bytes]) -> None:
        """Save the document, writing the deferred rows where their comments stand."""
        saved = io.BytesIO()
        self.document.save(saved)
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                if info.filename == "word/document.xml":
                    entry = zipfile.ZipInfo(info.filename, info.date_time)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    with out.open(entry, "w", force_zip64=True) as stream:
                        self._write_body(source.read(info.filename).decode("utf-8"), stream)
                else:
                    out.writestr(info, source.read(info.filename))

    def _write_body(self, xml: str, stream: IO[bytes]) -> None:
        position = 0
        for n, rows in enumerate(self._deferred):
            mark = f"<!-- {_ROWS_MARK}{n} -->"
            at = xml.index(mark, position)
            stream.write(xml[position:at].encode("utf-8"))
            batch: list[str] = []
            for row in rows:
                batch.append(row)
                if len(batch) == _ROWS_PER_PARSE:
                    stream.write("".join(batch).encode("utf-8"))
                    batch.clear()
            stream.write("".join(batch).encode("utf-8"))
            position = at + len(mark)
        stream.write(xml[position:].encode("utf-8"))


def new_table(document: DocxDocument, widths_mm: Sequence[float]) -> Table:
    table = document.add_table(rows=0, cols=len(widths_mm))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    total = sum(twips(w) for w in widths_mm)
    tbl_pr = tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for col, width in zip(tbl.tblGrid.findall(f"{{{tbl.nsmap['w']}}}gridCol"), widths_mm):
        col.set(f"{{{tbl.nsmap['w']}}}w", str(twips(width)))
    return table


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def header_xml(headers: Sequence[str], widths_mm: Sequence[float], size_half_pt: int) -> str:
    cells = "".join(
        cell_xml(twips(w), paragraph_xml(run_xml(h, font=HEADING1_FONT), size_half_pt, centre=True), fill=HEADER_FILL)
        for h, w in zip(headers, widths_mm)
    )
    return row_xml(cells, header=True)


def text_cell(text: str, width_mm: float, size: int, *, centre: bool = False, fill: str | None = None, merge: str | None = None) -> str:
    return cell_xml(twips(width_mm), paragraph_xml(run_xml(text), size, centre=centre), fill=fill, merge=merge)
