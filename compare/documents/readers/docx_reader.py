""".docx reader: paragraphs and tables in document order, with Word's automatic numbering.

The package is read with `zipfile` and its XML walked with lxml directly: python-docx's
paragraph API drops tracked insertions, smart tags and content controls and knows nothing of
numbering, and its per-object wrappers are too slow for thousand-page documents. The body is
parsed as it is decompressed and each paragraph or table dropped once read, so a large document
never sits in memory as a whole tree. No parser here expands entities or fetches anything, and
a part carrying a DTD is refused outright (entity-expansion attacks need one).
"""
from __future__ import annotations

import dataclasses
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from compare.errors import ReadError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line
from compare.documents.readers import ReadOptions
from compare.documents.readers.docx_numbering import W, Numbering, Styles, int_val, val
from compare.documents.readers.guard import check_zip
from compare.documents.readers.table_columns import (
    Grid,
    GridCell,
    UnknownColumnError,
    find_header_row,
    plain_row,
    table_blocks,
    table_layout,
)

TRACKED_CHANGES_WARNING = "文档中有未接受的修订：已按接受修订后的文字读取（删除的文字未计入）。"

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
_PARSER = etree.XMLParser(**_PARSER_OPTIONS)
_UNSAFE = "文件内部含有不安全的结构（DTD 声明），已拒绝读取"
_UNSAFE_ADVICE = "请在 Word 中另存为新的 .docx 后再打开"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/wordprocessingml/main"

_BODY, _P, _TBL, _TR, _TC, _T = (f"{W}{t}" for t in ("body", "p", "tbl", "tr", "tc", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
_INS, _DEL, _MOVE_TO, _MOVE_FROM = f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"
_TAB, _PTAB, _BR, _CR, _NB_HYPHEN = f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"
# Inline containers whose runs are part of the text (a tracked insertion reads as accepted).
_INLINE = frozenset(f"{W}{t}" for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo"))
_TRACKED = frozenset((_INS, _DEL, _MOVE_TO, _MOVE_FROM))
_R = f"{W}r"
_DOC_PART_GALLERY = f"{W}sdtPr/{W}docPartObj/{W}docPartGallery"
_RUN_TEXT = (_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN)
_BUSY_ADVICE = "如果文件正在 Word 或 WPS 中打开，请先关闭后重试"


@dataclass(slots=True)
class _Para:
    text: str  # may hold "\n" where the paragraph has a manual line break
    label: str
    outline: int | None
    emphasis: bool = False  # a short paragraph set entirely in bold: a heading without a number


@dataclass(slots=True)
class _Table:
    grid: Grid
    cells: dict[tuple[int, int], list[_Para | _Table]]  # content of each merged area, by its top-left cell


_Content = list[_Para | _Table]


# --- the package ----------------------------------------------------------------------------


def _parse(zf: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    data = zf.read(name)
    # Word never writes a DTD; the byte search catches it before parsing, the docinfo check in any encoding.
    if b"<!DOCTYPE" in data or (root := etree.fromstring(data, _PARSER)).getroottree().docinfo.doctype:
        raise ReadError(path, _UNSAFE, _UNSAFE_ADVICE)
    return root


def _relations(zf: zipfile.ZipFile, part: str, path: Path) -> dict[str, str]:
    """Relationship type (last path segment) -> target part name, for `part` ("" = the package)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in zf.namelist():
        return {}
    found: dict[str, str] = {}
    for rel in _parse(zf, rels_name, path).iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return found


def _optional(zf: zipfile.ZipFile, name: str | None, path: Path) -> etree._Element | None:
    return _parse(zf, name, path) if name and name in zf.namelist() else None


@dataclass(slots=True)
class _Package:
    main: str  # the part holding the document body
    styles: Styles
    numbering: Numbering
    title: str


def _package(zf: zipfile.ZipFile, path: Path) -> _Package:
    package = _relations(zf, "", path)
    main = package.get("officeDocument", "word/document.xml")
    if main not in zf.namelist():
        raise ReadError(path, "文件中缺少正文部分（word/document.xml）", "请用 Word 打开确认后另存一份")
    related = _relations(zf, main, path)
    styles = Styles(_optional(zf, related.get("styles"), path))
    numbering = Numbering(_optional(zf, related.get("numbering"), path), styles)
    core = _optional(zf, package.get("core-properties"), path)
    title = core.findtext(_DC_TITLE) if core is not None else None
    return _Package(main, styles, numbering, clean_line(title or ""))


def _body_elements(stream: IO[bytes], path: Path) -> Iterator[etree._Element]:
    """The children of `w:body`, each complete, parsed as the part is decompressed.

    A thousand-page document's tree would take hundreds of megabytes; each body element is
    dropped once it has been read, so only one is held at a time.
    """
    parser = etree.XMLPullParser(events=("end",), tag=(_P, _TBL, _SDT, _CUSTOM_XML), **_PARSER_OPTIONS)
    head = True
    while chunk := stream.read(1 << 20):
        if head and b"<!DOCTYPE" in chunk:
            raise ReadError(path, _UNSAFE, _UNSAFE_ADVICE)
        head = False
        parser.feed(chunk)
        for _event, element in parser.read_events():
            body = element.getparent()
            if body is not None and body.tag == _BODY:
                yield element
                body.remove(element)
    root = parser.close()
    if root.getroottree().docinfo.doctype:
        raise ReadError(path, _UNSAFE, _UNSAFE_ADVICE)
    if root.tag.startswith(f"{{{_STRICT_NAMESPACE}}}"):
        raise ReadError(path, "文件是“Strict Open XML”格式", "请在 Word 中另存为普通的“Word 文档 (*.docx)”后再打开")


# --- reading the body -----------------------------------------------------------------------


class _BodyReader:
    """Walks `w:body` in reading order, replaying Word's numbering as it goes."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.tracked = False

    def content(self, children: Iterable[etree._Element]) -> _Content:
        out: _Content = []
        carried = ""  # text of a paragraph whose mark was deleted: it joins the next paragraph
        for child in children:
            tag = child.tag
            if tag == _P:
                carried = self._paragraph(child, carried, out)
            elif tag == _TBL:
                out.append(self._table(child))
            elif tag == _SDT:
                inner = self._sdt_content(child)
                if inner is not None and val(child.find(_DOC_PART_GALLERY)) != "Table of Contents":
                    out.extend(self.content(inner))
            elif tag == _CUSTOM_XML:
                out.extend(self.content(child))
        if carried:
            out.append(_Para(carried, "", None))
        return out

    @staticmethod
    def _sdt_content(sdt: etree._Element) -> etree._Element | None:
        """The content of a content control, unless it only shows its placeholder prompt."""
        if sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None:
            return None
        return sdt.find(_SDT_CONTENT)

    def _inline(self, parent: etree._Element, out: list[str]) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                # Runs are most of a document: let lxml skip their properties, drawings and field codes.
                for piece in child.iterchildren(*_RUN_TEXT):
                    out.append(piece.text or "" if piece.tag == _T else _run_mark(piece))
            elif tag in _INLINE:
                if tag in _TRACKED:
                    self.tracked = True
                self._inline(child, out)
            elif tag == _SDT:
                inner = self._sdt_content(child)
                if inner is not None:
                    self._inline(inner, out)
            elif tag == _DEL or tag == _MOVE_FROM:
                self.tracked = True  # deleted text is left out: the document is read as if accepted

    def _paragraph(self, p: etree._Element, carried: str, out: _Content) -> str:
        """Read `p` into `out`; returns the text to carry into the next paragraph."""
        parts: list[str] = [carried]
        self._inline(p, parts)
        raw = "".join(parts)
        ppr = p.find(f"{W}pPr")
        mark = ppr.find(f"{W}rPr") if ppr is not None else None
        if mark is not None and (mark.find(_INS) is not None or mark.find(_DEL) is not None or mark.find(_MOVE_FROM) is not None):
            self.tracked = True
            if mark.find(_DEL) is not None or mark.find(_MOVE_FROM) is not None:
                return raw  # accepting the deletion of the paragraph mark joins this paragraph to the next
        if ppr is not None and self.styles.is_contents(val(ppr.find(f"{W}pStyle")) or ""):
            return ""  # a table-of-contents line repeats a heading found later
        text = "\n".join(line for line in map(clean_line, raw.split("\n")) if line)
        label, outline = self._numbering_and_outline(ppr)
        if text or label:
            out.append(_Para(text, label, outline, len(text) <= _EMPHASIS_CHARS and _all_bold(p)))
        return ""

    def _numbering_and_outline(self, ppr: etree._Element | None) -> tuple[str, int | None]:
        num_id: str | None = None
        ilvl: int | None = None
        outline: int | None = None
        style_id = self.styles.default_paragraph
        if ppr is not None:
            style_id = val(ppr.find(f"{W}pStyle"), style_id)
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id = val(num_pr.find(f"{W}numId"))
                ilvl = int_val(num_pr.find(f"{W}ilvl"))
            outline = int_val(ppr.find(f"{W}outlineLvl"))
        if style_id is not None:
            if num_id is None or ilvl is None:
                style_num, style_ilvl = self.styles.numbering_of(style_id)
                num_id = num_id if num_id is not None else style_num
                ilvl = ilvl if ilvl is not None else style_ilvl
            if outline is None:
                outline = self.styles.outline_of(style_id)
        label = ""
        if num_id is not None and num_id != "0":
            if ilvl is None:
                ilvl = (self.numbering.level_for_style(num_id, style_id) if style_id else None) or 0
            label = self.numbering.label(num_id, ilvl)
        return label, outline if outline is not None and 0 <= outline < 9 else None

    def _units(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        """Children with `tag`, looking through row- and cell-level content controls."""
        found: list[etree._Element] = []
        for child in parent:
            if child.tag == tag:
                found.append(child)
            elif child.tag == _SDT:
                inner = child.find(_SDT_CONTENT)
                if inner is not None:
                    found.extend(self._units(inner, tag))
            elif child.tag == _CUSTOM_XML:
                found.extend(self._units(child, tag))
        return found

    def _table(self, tbl: etree._Element) -> _Table:
        grid: Grid = []
        texts: dict[tuple[int, int], str] = {}
        cells: dict[tuple[int, int], _Content] = {}
        for tr in self._units(tbl, _TR):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and (trpr.find(_INS) is not None or trpr.find(_DEL) is not None):
                self.tracked = True
                if trpr.find(_DEL) is not None:
                    continue  # a deleted row is gone once the changes are accepted
            r = len(grid)
            skipped = int_val(trpr.find(f"{W}gridBefore"), 0) if trpr is not None else 0
            row = [GridCell("", (r, c)) for c in range(skipped or 0)]
            for tc in self._units(tr, _TC):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, int_val(tcpr.find(f"{W}gridSpan"), 1) or 1) if tcpr is not None else 1
                v_merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                content = self.content(tc)
                c = len(row)
                above = grid[r - 1][c] if r and c < len(grid[r - 1]) else None
                if v_merge is not None and val(v_merge, "continue") == "continue" and above is not None:
                    origin = above.origin
                else:
                    origin = (r, c)
                    cells[origin] = content
                    texts[origin] = _cell_text(content)
                row.extend(GridCell(texts[origin], origin) for _ in range(span))
            grid.append(row)
        width = max((len(row) for row in grid), default=0)
        for r, row in enumerate(grid):
            row.extend(GridCell("", (r, c)) for c in range(len(row), width))
        return _Table(grid, cells)


_EMPHASIS_CHARS = 30
_FALSE = ("0", "false", "off")


def _all_bold(p: etree._Element) -> bool:
    """Every run that carries text is bold (direct formatting; a heading set in bold by hand)."""
    runs = [r for r in p.iter(_R) if any((t.text or "").strip() for t in r.iter(_T))]
    if not runs:
        return False
    for run in runs:
        bold = run.find(f"{W}rPr/{W}b")
        if bold is None or (bold.get(f"{W}val") or "true").lower() in _FALSE:
            return False
    return True


def _run_mark(element: etree._Element) -> str:
    """Text of a run's tab, break or non-breaking hyphen."""
    tag = element.tag
    if tag == _BR or tag == _CR:
        return "" if element.get(f"{W}type") in ("page", "column") else "\n"
    return "-" if tag == _NB_HYPHEN else "\t"


def _cell_text(content: _Content) -> str:
    """A cell as one value: its paragraphs (with their automatic numbers) one per line."""
    lines: list[str] = []
    for part in content:
        if isinstance(part, _Para):
            lines.append(f"{part.label}{part.text}")
        else:
            lines.extend(text for origin, text in _origins(part.grid) if text)
    return "\n".join(line for line in lines if line)


def _origins(grid: Grid) -> list[tuple[tuple[int, int], str]]:
    """Each merged area once, in reading order."""
    seen: dict[tuple[int, int], str] = {}
    for row in grid:
        for cell in row:
            seen.setdefault(cell.origin, cell.text)
    return list(seen.items())


# --- blocks -----------------------------------------------------------------------------------


class _BlockWriter:
    """Turns the read content into blocks: data tables become row blocks, layout tables paragraphs."""

    def __init__(self, path: Path, options: ReadOptions) -> None:
        self.path = path
        self.options = options
        self.wanted = tuple(n for n in (options.text_column, options.label_column, options.section_column) if n)
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.rejected_choice: UnknownColumnError | None = None
        self.choice_used = False

    def write(self, content: _Content, table: int | None = None) -> None:
        """Blocks of `content`; paragraphs read from a cell of table number `table` say so."""
        for part in content:
            if isinstance(part, _Para):
                self._paragraph(part, table)
            else:
                self._table(part)

    def _paragraph(self, para: _Para, table: int | None) -> None:
        if not para.text:
            return  # a number with nothing after it
        source = Source(SourceKind.PARAGRAPH, self.paragraphs, table=table)
        self.blocks.append(Block(para.text, source, para.label, para.outline, emphasis=para.emphasis))
        self.paragraphs += 1

    def _table(self, table: _Table) -> None:
        grid = table.grid
        header = find_header_row(grid, 3, self.wanted) if grid and len(grid[0]) > 1 else None
        number = self.tables

        def source(row: int) -> Source:
            return Source(SourceKind.TABLE_ROW, row, table=number)

        if header is None:
            self._headerless(table, source)
            return

        try:
            rows = table_blocks(self.path, grid, header, self.options, source)
            self.choice_used = self.choice_used or bool(self.wanted)
        except UnknownColumnError as exc:
            # Another table may hold the chosen column; this one is read with guessed columns.
            self.rejected_choice = self.rejected_choice or exc
            guessed = dataclasses.replace(self.options, text_column=None, label_column=None, section_column=None)
            rows = table_blocks(self.path, grid, header, guessed, source)
        for origin, _text in _origins(grid[:header]):
            self.write(table.cells.get(origin, []))  # a caption row above the header reads as a paragraph
        self.blocks.extend(rows)
        self.tables += 1


    def _headerless(self, table: _Table, source: Callable[[int], Source]) -> None:
        """A table without a header row: a layout table reads as its paragraphs; a form
        (项目概述 | …) as each label heading the content beside it; any other table row by row."""
        layout = table_layout(table.grid)
        if layout == "layout":
            for origin, _text in _origins(table.grid):
                self.write(table.cells.get(origin, []))
            return
        for r, row in enumerate(table.grid):
            origins = list(dict.fromkeys(cell.origin for cell in row))
            starting = [o for o in origins if o[0] == r]
            if len(origins) == 1:
                if starting:
                    self.write(table.cells.get(origins[0], []))  # a caption across the table
                continue
            if layout == "form":
                if row[0].origin == (r, 0) and row[0].text:
                    self.blocks.append(Block(row[0].text, source(r), form_label=True))
                for origin in starting[1:] if row[0].origin == (r, 0) else starting:
                    self.write(table.cells.get(origin, []), self.tables)
                continue
            block = plain_row(row, source(r))
            if block is not None:
                self.blocks.append(block)
        self.tables += 1


def read_docx(path: Path, options: ReadOptions) -> RawDocument:
    check_zip(path)
    try:
        with zipfile.ZipFile(path) as zf:
            package = _package(zf, path)
            reader = _BodyReader(package.styles, package.numbering)
            with zf.open(package.main) as stream:
                content = reader.content(_body_elements(stream, path))
    except PermissionError as exc:
        raise ReadError(path, "文件被其他程序占用或没有读取权限", _BUSY_ADVICE) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(path, "文件已损坏或不完整，无法解析其中的内容", "请用 Word 或 WPS 打开修复后另存一份") from exc
    writer = _BlockWriter(path, options)
    writer.write(content)
    if writer.rejected_choice is not None and not writer.choice_used:
        raise writer.rejected_choice
    if not writer.blocks:
        raise ReadError(path, "文档中没有文字（可能只有图片或扫描件）", "请选择含有文字的 Word 文档，或先对扫描件做文字识别")
    warnings = (TRACKED_CHANGES_WARNING,) if reader.tracked else ()
    return RawDocument(
        path=str(path), format="docx", blocks=tuple(writer.blocks), warnings=warnings, title_hint=package.title
    )
