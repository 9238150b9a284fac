"""Chinese official-document fonts in a .docx: East-Asian font slots and fallbacks.

python-docx's `font.name` sets only the Latin slots; Word picks Chinese glyphs from `w:eastAsia`,
so every style and run we write names the font in all four slots. Fonts a computer may lack
(方正小标宋简体, 仿宋_GB2312) get a `w:altName` in the font table, which Word uses to substitute.
"""
from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.styles.style import BaseStyle
from lxml import etree

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Font -> (fallback, w:family). charset 86 is GB2312.
_FALLBACKS = {
    TITLE_FONT: ("黑体", "script"),
    BODY_FONT: ("仿宋", "modern"),
    HEADING2_FONT: ("楷体", "script"),
    HEADING1_FONT: ("SimHei", "modern"),
}

_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def rfonts_xml(font: str) -> str:
    """The `w:rFonts` element naming `font` in every slot (for XML built as text)."""
    return f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'


def set_style_font(style: BaseStyle, font: str, size_pt: float, *, bold: bool = False) -> None:
    """Name `font` in every slot of the style, dropping theme fonts that would override it."""
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)
    for attribute in _THEME_ATTRIBUTES:
        rfonts.attrib.pop(qn(attribute), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)
    style.font.size = int(size_pt * 12700)
    style.font.bold = bold
    style.font.color.rgb = None


def set_run_font(run, font: str) -> None:
    """The same for a single run made with python-docx's API."""
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def add_fallbacks(document: DocxDocument) -> None:
    """Declare our Chinese fonts with their fallbacks in word/fontTable.xml."""
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    fonts = parse_xml(part.blob)
    for font, (fallback, family) in _FALLBACKS.items():
        fonts.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{font}"><w:altName w:val="{fallback}"/>'
                f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    # python-docx has no API for the font table: it keeps the part as bytes.
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
