"""PDF reader (pypdfium2): page text -> lines -> paragraphs, with page furniture dropped.

A PDF stores lines, not paragraphs, and Chinese text wraps mid-sentence, so paragraphs are
rebuilt: a line continues the previous one unless the previous line was short (a heading or the
last line of a paragraph), the new line is indented or starts with a numbering label, or — when
the layout gives no indentation to go by — the previous line ends a sentence. Running headers,
footers and page numbers are recognised by their position and by repetition across pages.

Files that only look like text are refused with a reason: scanned pages carry no text layer,
and fonts without a Unicode map give garbage.
"""
from __future__ import annotations

import logging
import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from compare.errors import ReadError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line, matching_key
from compare.documents.numbering import match_label
from compare.documents.readers.pdf_streams import check_stream_sizes
from compare.documents.readers.plausibility import GARBLED_SHARE, garbled_share

log = logging.getLogger(__name__)

_SENTENCE_END = "。；：！？;:!?"
_CLOSERS = "”’」』）)】》"
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~〜·\s]*\d{1,4}[-—–－~〜·\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# Lines that start a paragraph of their own whatever the layout: 附件, 注：, 一是…
_PARAGRAPH_START = re.compile(r"^(?:附件\s*\d*\s*[:：]?|注\s*[:：]|[一二三四五六七八九十]+是(?=[^，,。]))")
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+|[ \u00a0]+(?=[{_CJK}])")
_LEADING_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+\-/]*")
_LEADING_CLOSERS = re.compile(r"[，。、；：！？”’）》」』,.;:!?)\]]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")

MIN_PAGE_TEXT = 10  # non-space characters below which a page counts as having no text
MARGIN_SHARE = 0.1  # top and bottom tenth of a page: where running headers and footers sit
_MARGIN_LINES = 2  # without geometry: the first and last lines of a page are margin candidates

@dataclass(frozen=True, slots=True)
class _Box:
    left: float
    bottom: float
    right: float
    top: float


@dataclass(slots=True)
class _Line:
    text: str
    page: int  # from 1
    position: int  # order on its page
    box: _Box | None  # None when the text layer gives no usable positions


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_Line]
    chars: int  # non-space characters
    has_images: bool
    raw_text: str  # the text layer as extracted, control characters and all
    garbled: bool = False


def _clean(text: str) -> str:
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    # Layout engines put gaps around Latin runs and between justified CJK characters; the text has none.
    return clean_line(_SPACE_BY_CJK.sub("", text))


def _positioned_line(textpage: pdfium.PdfTextPage, start: int, raw: str) -> tuple[str, _Box | None]:
    """The line's characters in left-to-right order, and the box around them.

    PDF producers often write runs of another font (curly quotes, digits) after the rest of the
    line, so the order of the text layer is not always the reading order within a line.
    """
    boxes: list[tuple[float, float, float, float] | None] = []
    for offset, ch in enumerate(raw):
        box = None if ch.isspace() else textpage.get_charbox(start + offset, loose=True)
        boxes.append(box if box and box[2] > box[0] else None)
    placed = [b for b in boxes if b is not None]
    if not placed:
        return raw, None
    keys, last = [], placed[0][0]
    for box in boxes:  # a space keeps its place after the character before it
        last = box[0] if box else last
        keys.append(last)
    order = sorted(range(len(raw)), key=keys.__getitem__)
    text = "".join(raw[k] for k in order)
    return text, _Box(min(b[0] for b in placed), min(b[1] for b in placed), max(b[2] for b in placed), max(b[3] for b in placed))


def _read_page(page: pdfium.PdfPage, number: int) -> _Page:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # Positions line up with characters only when the text has one character per glyph slot.
        positioned = len(text) == textpage.count_chars()
        lines: list[_Line] = []
        for m in re.finditer(r"[^\r\n]+", text):
            raw, box = m.group(), None
            if positioned:
                raw, box = _positioned_line(textpage, m.start(), raw)
            cleaned = _clean(raw)
            if cleaned:
                lines.append(_Line(cleaned, number, len(lines), box))
    finally:
        textpage.close()
    has_images = any(True for _ in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3))
    chars = sum(len(line.text.replace(" ", "")) for line in lines)
    return _Page(number, page.get_height(), lines, chars, has_images, raw_text=text)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise ReadError(
                path, "PDF 设置了打开密码", "请在 PDF 阅读器中输入密码后另存为不加密的 PDF，或使用 Word 原文件"
            ) from exc
        if exc.err_code == pdfium.raw.FPDF_ERR_SECURITY:
            raise ReadError(path, "PDF 使用了不支持的加密方式", "请另存为不加密的 PDF，或使用 Word 原文件") from exc
        raise ReadError(path, "PDF 文件已损坏或不完整", "请重新下载，或从原文件重新导出 PDF") from exc


def _pages_text(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:10])
    return f"第{shown}{'等' if len(numbers) > 10 else ''}页"


def _in_margin(line: _Line, page: _Page) -> bool:
    if line.position < _MARGIN_LINES or line.position >= len(page.lines) - _MARGIN_LINES:
        return True
    if line.box is None or page.height <= 0:
        return False
    return line.box.bottom > page.height * (1 - MARGIN_SHARE) or line.box.top < page.height * MARGIN_SHARE


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def _drop_furniture(pages: list[_Page]) -> list[_Line]:
    """Body lines in reading order, without page numbers and running headers/footers."""
    seen_on: dict[str, set[int]] = {}
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page):
                seen_on.setdefault(_furniture_key(line.text), set()).add(page.number)
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, on in seen_on.items() if len(on) >= threshold}
    body = []
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page) and (_PAGE_NUMBER.match(line.text) or _furniture_key(line.text) in repeated):
                continue
            body.append(line)
    return body


class _Layout:
    """Where the text column of each page is, to tell wrapped lines from paragraph ends."""

    def __init__(self, lines: list[_Line]) -> None:
        boxed = [ln for ln in lines if ln.box is not None]
        self.geometry = len(boxed) >= max(3, len(lines) * 0.8)
        widths = [(ln.box.right - ln.box.left) / len(ln.text) for ln in boxed if len(ln.text) >= 8]  # type: ignore[union-attr]
        self.char_width = statistics.median(widths) if widths else 12.0
        self.left: dict[int, float] = {}
        self.right: dict[int, float] = {}
        by_page: dict[int, list[_Line]] = {}
        for ln in boxed:
            by_page.setdefault(ln.page, []).append(ln)
        all_left = _quantile([ln.box.left for ln in boxed], 0.1) if boxed else 0.0  # type: ignore[union-attr]
        all_right = _quantile([ln.box.right for ln in boxed], 0.9) if boxed else 0.0  # type: ignore[union-attr]
        for page, page_lines in by_page.items():
            enough = len(page_lines) >= 6
            self.left[page] = _quantile([ln.box.left for ln in page_lines], 0.1) if enough else all_left  # type: ignore[union-attr]
            self.right[page] = _quantile([ln.box.right for ln in page_lines], 0.9) if enough else all_right  # type: ignore[union-attr]
        lengths = [len(ln.text) for ln in lines]
        self.typical_length = _quantile(lengths, 0.8) if lengths else 0
        gaps = [
            a.box.bottom - b.box.top  # type: ignore[union-attr]
            for a, b in zip(lines, lines[1:])
            if a.box and b.box and a.page == b.page and b.box.top <= a.box.bottom + 1
        ]
        self.line_gap = statistics.median(gaps) if gaps else 0.0
        # How this layout marks a new paragraph: a first-line indent, or space above it.
        self.uses_indent = self.uses_gaps = False
        if self.geometry:
            pairs = [(a, b) for a, b in zip(lines, lines[1:]) if self.is_short(a, b)]
            self.uses_indent = bool(pairs) and sum(self.is_indented(b) for _, b in pairs) >= len(pairs) / 2
            self.uses_gaps = bool(pairs) and sum(self.is_gap_before(a, b) for a, b in pairs) >= len(pairs) / 2

    def is_short(self, line: _Line, following: _Line | None = None) -> bool:
        """A line that ends before the right margin by more than the next line's first word needs."""
        if self.geometry and line.box is not None:
            room = self.right[line.page] - line.box.right
            return room > (_leading_unit(following.text) if following else 1.0) * self.char_width + 1.5 * self.char_width
        return len(line.text) < self.typical_length * 0.7

    def is_indented(self, line: _Line) -> bool:
        return line.box is not None and line.box.left > self.left[line.page] + 1.2 * self.char_width

    def is_gap_before(self, prev: _Line, line: _Line) -> bool:
        if not (self.geometry and prev.box and line.box and prev.page == line.page):
            return False
        return prev.box.bottom - line.box.top > self.line_gap + max(0.4 * self.char_width, 3.0)


def _leading_unit(text: str) -> float:
    """Width, in CJK characters, of what a line break cannot split at the start of `text`.

    A Latin word or number moves to the next line whole, and a closing mark drags the character
    before it along, so the previous line can end that much early and still be a wrapped line.
    """
    word = _LEADING_WORD.match(text)
    width = len(word.group()) * 0.55 if word else 1.0
    return width + len(_LEADING_CLOSERS.match(text[len(word.group()) if word else 1 :]).group())


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _starts_paragraph(prev: _Line, line: _Line, layout: _Layout) -> bool:
    if match_label(line.text, matching_key(line.text)) or _PARAGRAPH_START.match(line.text):
        return True
    if layout.is_short(prev, line) or layout.is_gap_before(prev, line):
        return True
    if layout.uses_indent:
        return layout.is_indented(line)
    if layout.uses_gaps:
        return False
    return prev.text.rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END))


def _join(text: str, more: str) -> str:
    if text[-1:].isascii() and text[-1:].isalnum() and more[:1].isascii() and more[:1].isalnum():
        return f"{text} {more}"
    return text + more


def _paragraphs(lines: list[_Line]) -> tuple[Block, ...]:
    layout = _Layout(lines)
    blocks: list[Block] = []
    text, page = "", 0
    for n, line in enumerate(lines):
        if n and not _starts_paragraph(lines[n - 1], line, layout):
            text = _join(text, line.text)
            continue
        if text:
            blocks.append(Block(text=text, source=Source(SourceKind.PAGE, len(blocks), page=page)))
        text, page = line.text, line.page
    if text:
        blocks.append(Block(text=text, source=Source(SourceKind.PAGE, len(blocks), page=page)))
    return tuple(blocks)


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF with a text layer into paragraph blocks."""
    path = Path(path)
    check_stream_sizes(path)
    document = _open(path)
    try:
        if len(document) == 0:
            raise ReadError(path, "PDF 中没有任何页面", "请重新导出 PDF，或使用 Word 原文件")
        pages = []
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            try:
                pages.append(_read_page(page, number))
            finally:
                page.close()
        title = (document.get_metadata_value("Title") or "").strip()
    except pdfium.PdfiumError as exc:
        raise ReadError(path, "PDF 文件已损坏，无法读取其中的文字", "请重新下载，或从原文件重新导出 PDF") from exc
    finally:
        document.close()

    warnings: list[str] = []
    text_pages = [p for p in pages if p.chars >= MIN_PAGE_TEXT]
    if not text_pages and not any(p.has_images for p in pages):
        raise ReadError(path, "PDF 中没有可读取的文字", "请确认选择了正确的文件，或使用 Word 原文件")
    if not text_pages:
        raise ReadError(
            path,
            "这是扫描件（图片）PDF，没有可读取的文字",
            "本程序不能识别图片中的文字，请使用带文字的 PDF 或 Word 原文件",
        )
    for page in text_pages:
        page.garbled = garbled_share(page.raw_text) > GARBLED_SHARE
    garbled = [p.number for p in text_pages if p.garbled]
    if len(garbled) * 2 >= len(text_pages):
        raise ReadError(
            path,
            "PDF 的字体编码已损坏，提取出来的文字是乱码（常见于缺少字符映射的字体）",
            "请向发文单位索取 Word 版本，或使用其他来源的带文字 PDF",
        )
    if garbled:
        warnings.append(f"{_pages_text(garbled)}的文字是乱码（字体编码损坏），这些页未读取，请对照原文核对。")
    scanned = [p.number for p in pages if p.chars < MIN_PAGE_TEXT and p.has_images]
    if scanned:
        warnings.append(f"{_pages_text(scanned)}是图片（扫描页），没有可读取的文字，这些页未读取。")
    kept = [p for p in text_pages if not p.garbled]
    blocks = _paragraphs(_drop_furniture(kept))
    if not blocks:
        raise ReadError(path, "PDF 中只有页眉、页脚或页码，没有正文文字", "请确认选择了正确的文件")
    log.debug("%s: %d pages, %d paragraphs", path.name, len(pages), len(blocks))
    hint = title if re.search(r"[\u4e00-\u9fff]", title) else ""
    return RawDocument(path=str(path), format="pdf", blocks=blocks, warnings=tuple(warnings), title_hint=hint)
