"""Builds .docx files with real Word numbering, tracked changes, content controls and merged cells.

python-docx writes the package; the parts it has no API for (numbering definitions, revisions,
content controls, merged cells) are written as WordprocessingML, the way Word itself stores them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_NS = nsdecls("w")


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(
    body: str,
    *,
    num: str | None = None,
    ilvl: int | None = None,
    style: str | None = None,
    outline: int | None = None,
    mark: str = "",
) -> str:
    """A `w:p`; `body` is inline XML (use `run`), `mark` goes into the paragraph mark's rPr (w:ins / w:del)."""
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if num is not None or ilvl is not None:
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (f'<w:numId w:val="{num}"/>' if num is not None else "")
        props.append(f"<w:numPr>{inner}</w:numPr>")
    if outline is not None:
        props.append(f'<w:outlineLvl w:val="{outline}"/>')
    if mark:
        props.append(f"<w:rPr>{mark}</w:rPr>")
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{body}</w:p>"


@dataclass(frozen=True)
class Cell:
    """A table cell: `span` grid columns wide; `vmerge` "restart" or "continue" for vertical merges."""

    content: str  # plain text, or paragraphs' XML when it starts with "<w:p"
    span: int = 1
    vmerge: str | None = None


def table(rows: list[list[str | Cell]]) -> str:
    """A `w:tbl` with a grid as wide as its widest row."""
    def cell_xml(cell: str | Cell) -> str:
        cell = cell if isinstance(cell, Cell) else Cell(cell)
        props = ""
        if cell.span > 1:
            props += f'<w:gridSpan w:val="{cell.span}"/>'
        if cell.vmerge == "restart":
            props += '<w:vMerge w:val="restart"/>'
        elif cell.vmerge == "continue":
            props += "<w:vMerge/>"
        content = cell.content if cell.content.startswith("<w:p") else paragraph(run(cell.content))
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"

    width = max(sum(c.span if isinstance(c, Cell) else 1 for c in row) for row in rows)
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(width))
    body = "".join(f"<w:tr>{''.join(cell_xml(c) for c in row)}</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"


class DocxBuilder:
    """A Word document assembled element by element; `save` writes it."""

    def __init__(self, title: str = "") -> None:
        self.doc = docx.Document()
        self.doc.core_properties.title = title
        self._body = self.doc.element.body
        self._numbering = self.doc.part.numbering_part.element

    def add(self, *xml: str) -> DocxBuilder:
        """Append body-level elements (paragraphs, tables, content controls) before the section properties."""
        for fragment in xml:
            element = parse_xml(f"<w:wrap {_NS}>{fragment}</w:wrap>")
            for child in list(element):
                self._body.insert(len(self._body) - 1, child)
        return self

    def text(self, *lines: str, **kwargs: object) -> DocxBuilder:
        return self.add(*(paragraph(run(line), **kwargs) for line in lines))  # type: ignore[arg-type]

    def add_list(self, *levels: tuple[str, str] | tuple[str, str, int], restart: dict[int, int] | None = None) -> str:
        """A new list definition with one `w:lvl` per (numFmt, lvlText[, start]); returns its numId."""
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self._numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=-1) + 1
        lvls = []
        for ilvl, level in enumerate(levels):
            fmt, text = level[0], level[1]
            start = level[2] if len(level) > 2 else 1
            extra = f'<w:lvlRestart w:val="{restart[ilvl]}"/>' if restart and ilvl in restart else ""
            lvls.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
                f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'
            )
        abstract = parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'
        )
        first_num = self._numbering.find(qn("w:num"))
        if first_num is None:
            self._numbering.append(abstract)
        else:
            first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
        return self.add_num(str(abstract_id))

    def add_num(self, abstract_id: str, start_overrides: dict[int, int] | None = None) -> str:
        """A new list instance (`w:num`) of a definition; `start_overrides` restart levels at a value."""
        nums = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
        num_id = str(max(nums, default=0) + 1)
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
            for ilvl, value in (start_overrides or {}).items()
        )
        self._numbering.append(
            parse_xml(f'<w:num {_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')
        )
        return num_id

    def abstract_of(self, num_id: str) -> str:
        for num in self._numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise KeyError(num_id)

    def add_style(self, style_id: str, name: str, *, num: str | None = None, ilvl: int | None = None, based_on: str = "Normal", outline: int | None = None) -> None:
        """A paragraph style, optionally numbered (`w:numPr` in its pPr) or with an outline level."""
        props = ""
        if num is not None or ilvl is not None:
            inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (f'<w:numId w:val="{num}"/>' if num is not None else "")
            props += f"<w:numPr>{inner}</w:numPr>"
        if outline is not None:
            props += f'<w:outlineLvl w:val="{outline}"/>'
        self.doc.styles.element.append(
            parse_xml(
                f'<w:style {_NS} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based_on}"/><w:pPr>{props}</w:pPr></w:style>'
            )
        )

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path
