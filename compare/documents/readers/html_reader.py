"""HTML reader for saved government web pages (.html/.htm, and .mhtml single-file archives).

A saved page is mostly furniture: navigation, breadcrumbs, metadata tables, share buttons,
QR-code notices, related links, footers. The article body is the element holding the most
Chinese paragraph text (known CMS containers such as `div.TRS_Editor` or `#zoom` are preferred);
only its paragraphs and tables become blocks.
"""
from __future__ import annotations

import codecs
import email
import email.policy
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning

from compare.errors import ReadError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line
from compare.documents.readers.text import decode_bytes, decoding_warnings

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
# Article containers of the content management systems government sites run on.
_BODY_SELECTORS = (
    "div.TRS_Editor", "div.TRS_UEDITOR", "#UCAP-CONTENT", "#zoom", "#fontzoom", ".pages_content",
    ".article-content", ".article_content", ".artcon", ".view", ".zw", ".article", ".content", "article",
)
# Class and id words of page furniture (English, and the pinyin initials Chinese CMSs use).
_NOISE_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|header|topbar|footer|foot|breadcrumbs?|crumbs?|position|location|dqwz|"
    r"share|bdshare|fenxiang|fx|qr|qrcode|ewm|erweima|sidebar|aside|related|relate|xgxx|xgwj|xglj|links?|"
    r"friend|yqlj|copyright|banner|toolbar|print|search|login|comment)"
    r"(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_NOISE_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside", "button",
               "select", "input", "textarea", "svg", "canvas", "object", "template", "head", "img", "map")
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
               "pre", "section", "article", "main", "center", "address", "hr", "tr", "table", "tbody", "thead",
               "tfoot", "caption", "figure", "figcaption"}
# Real pages nest a few dozen elements deep; thousands is a crafted page, and every pass over it
# (and Python's recursion limit) would suffer.
MAX_DEPTH = 256
_METADATA_KEYS = ("索引号", "发布机构", "发文机关", "发文字号", "文号", "主题分类", "成文日期", "发布日期", "有效性", "主题词")
_LABEL_HEADER = re.compile(r"^(?:序号|编号|序|No\.?)$", re.IGNORECASE)
_SECTION_HEADER = re.compile(r"方面|类别|领域|板块|分类|部分")


@dataclass(slots=True)
class _Out:
    blocks: list[Block]
    line: list[str]
    tables: int = 0

    def flush(self) -> None:
        text = clean_line("".join(self.line))
        self.line.clear()
        if text:
            self.blocks.append(Block(text=text, source=Source(SourceKind.PARAGRAPH, len(self.blocks))))


def _mhtml_html(data: bytes, path: Path) -> tuple[bytes, str | None]:
    """The HTML part of a single-file web archive and its declared charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    raise ReadError(path, "这个网页存档中没有网页正文", "请在浏览器中把网页另存为“网页，仅 HTML”后再打开")


def _decode(data: bytes, path: Path, encoding: str | None, declared: str | None) -> tuple[str, str]:
    if encoding:
        return decode_bytes(data, path, encoding)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)
    meta = _META_CHARSET.search(data[:8192])
    name = declared or (meta.group(1).decode("ascii") if meta else None)
    if name:
        # GB2312 pages routinely hold GBK characters: decode with the superset.
        name = "gb18030" if name.lower().replace("-", "").replace("_", "") in ("gb2312", "gbk", "gb18030") else name
        try:
            return decode_bytes(data, path, name)
        except ReadError:
            log.debug("%s: declared charset %s does not fit, detecting", path.name, name)
    return decode_bytes(data, path)


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


def _is_noise(tag: Tag) -> bool:
    if tag.name in _NOISE_TAGS:
        return True
    names = " ".join([*tag.get("class", []), str(tag.get("id", ""))])
    if names and _NOISE_NAME.search(names):
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _link_heavy(tag: Tag) -> bool:
    """A list of links (related articles, navigation) rather than prose."""
    links = tag.find_all("a")
    if len(links) < 3:
        return False
    text = tag.get_text("", strip=True)
    linked = sum(len(a.get_text("", strip=True)) for a in links)
    return bool(text) and linked / len(text) > 0.6


def _is_metadata_table(table: Tag) -> bool:
    text = table.get_text("", strip=True)
    return sum(1 for key in _METADATA_KEYS if key in text) >= 2


def _strip_furniture(root: Tag) -> None:
    """Remove furniture top-down: once a tag is removed, nothing inside it is looked at."""
    stack = [child for child in root.children if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if (
            _is_noise(tag)
            or (tag.name == "table" and _is_metadata_table(tag))
            or (tag.name in ("ul", "ol", "div", "td", "dl") and _link_heavy(tag))
        ):
            tag.decompose()
        else:
            stack.extend(child for child in tag.children if isinstance(child, Tag))


def _depth(root: Tag) -> int:
    """How deep elements nest under `root`, counted up to just past MAX_DEPTH."""
    deepest, stack = 0, [(root, 0)]
    while stack and deepest <= MAX_DEPTH:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))
    return deepest


def _paragraph_score(root: Tag) -> dict[int, tuple[Tag, float]]:
    """Readability-style scores: each paragraph's Chinese text counts for its parent and half for its grandparent."""
    scores: dict[int, tuple[Tag, float]] = {}
    for para in root.find_all(["p", "div", "td", "li", "span", "font"]):
        own = "".join(str(s) for s in para.find_all(string=True, recursive=False))
        count = _cjk_count(own)
        if count < 10:
            continue
        for share, holder in ((1.0, para.parent), (0.5, para.parent.parent if para.parent else None)):
            if isinstance(holder, Tag):
                _, before = scores.get(id(holder), (holder, 0.0))
                scores[id(holder)] = (holder, before + share * count)
    return scores


def _find_body(soup: BeautifulSoup) -> Tag:
    root = soup.body or soup
    total = _cjk_count(root.get_text(""))
    known: list[Tag] = []
    for selector in _BODY_SELECTORS:
        known.extend(tag for tag in root.select(selector) if _cjk_count(tag.get_text("")) >= max(50, total * 0.3))
    if known:
        best = max(known, key=lambda t: _cjk_count(t.get_text("")))
        # Prefer a container nested in the best one when it holds nearly all of its text (TRS_Editor in #zoom).
        inner = [t for t in known if t is not best and best in t.parents]
        size = _cjk_count(best.get_text(""))
        inner = [t for t in inner if _cjk_count(t.get_text("")) >= size * 0.9]
        return min(inner, key=lambda t: _cjk_count(t.get_text(""))) if inner else best
    scores = _paragraph_score(root)
    if not scores:
        return root
    return max(scores.values(), key=lambda pair: pair[1])[0]


def _grid(table: Tag) -> list[list[str]]:
    """Cell texts row by row, with row- and column-spanning cells repeated where they span."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        cells = [c for c in tr.find_all(["td", "th"], recursive=False)]
        col = 0

        def fill_spans() -> None:
            nonlocal col
            while col in pending:
                left, text = pending[col]
                row.append(text)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (left - 1, text)
                col += 1

        for cell in cells:
            fill_spans()
            text = clean_line(cell.get_text(" ", strip=True))
            span = _span(cell, "colspan")
            down = _span(cell, "rowspan")
            for _ in range(span):
                row.append(text)
                if down > 1:
                    pending[col] = (down - 1, text)
                col += 1
        fill_spans()
        if any(row):
            rows.append(row)
    return rows


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, "1")).strip() or 1), 500))
    except ValueError:
        return 1


def _is_data_table(table: Tag, grid: list[list[str]]) -> bool:
    """A table of rows and columns (a 分工方案), not a layout table holding paragraphs."""
    if len(grid) < 2 or table.find("table") is not None:
        return False
    widths = [len(r) for r in grid]
    common = max(set(widths), key=widths.count)
    return common >= 2 and widths.count(common) >= len(grid) * 0.6


def _header_row(grid: list[list[str]]) -> int | None:
    """Index of the header row: short, distinct labels above longer content."""
    for n, row in enumerate(grid[:3]):
        cells = [c for c in row if c]
        if len(cells) >= 2 and all(len(c) <= 12 for c in cells) and len(set(row)) == len(row):
            return n
    return None


def _emit_table(table: Tag, grid: list[list[str]], out: _Out) -> None:
    header_at = _header_row(grid)
    if header_at is None:
        for row in grid:
            out.blocks.append(Block(text=clean_line(" ".join(dict.fromkeys(c for c in row if c))),
                                    source=Source(SourceKind.PARAGRAPH, len(out.blocks))))
        return
    header = grid[header_at]
    for row in grid[:header_at]:  # a caption row above the header
        out.line.append(" ".join(dict.fromkeys(c for c in row if c)))
        out.flush()
    body = [r for r in grid[header_at + 1 :] if r != header]
    longest = max(range(len(header)), key=lambda i: sum(len(r[i]) for r in body if i < len(r)))
    label = next((h for h in header if _LABEL_HEADER.match(h)), None)
    section = next((h for h in header if _SECTION_HEADER.search(h) and h != header[longest]), None)
    for n, row in enumerate(body):
        cells = tuple((h, row[i] if i < len(row) else "") for i, h in enumerate(header))
        out.blocks.append(
            Block(
                text=row[longest] if longest < len(row) else "",
                source=Source(SourceKind.TABLE_ROW, n + header_at + 1, table=out.tables),
                cells=cells,
                text_column=header[longest],
                label_column=label,
                section_column=section,
            )
        )
    out.tables += 1


def _walk(node: Tag, out: _Out) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                out.line.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            out.flush()
            continue
        if child.name == "table":
            out.flush()
            grid = _grid(child)
            if _is_data_table(child, grid):
                _emit_table(child, grid, out)
            else:
                for tr in child.find_all("tr"):
                    if tr.find_parent("table") is child:
                        for cell in tr.find_all(["td", "th"], recursive=False):
                            _walk(cell, out)
                            out.flush()
            continue
        block = child.name in _BLOCK_TAGS or child.name in ("td", "th")
        if block:
            out.flush()
        _walk(child, out)
        if block:
            out.flush()


def _title(soup: BeautifulSoup) -> str:
    if soup.title is None:
        return ""
    parts = [clean_line(p) for p in re.split(r"\s*[_|｜]\s*|\s+[-—–]+\s+", soup.title.get_text(""))]
    parts = [p for p in parts if _cjk_count(p)]
    return max(parts, key=len) if parts else ""


def read_html(path: Path, encoding: str | None = None) -> RawDocument:
    """Read the article of a saved web page into blocks."""
    path = Path(path)
    data = path.read_bytes()
    declared = None
    if path.suffix.lower() in (".mhtml", ".mht") or data[:4096].lstrip().lower().startswith((b"mime-version", b"from:")):
        data, declared = _mhtml_html(data, path)
    text, used = _decode(data, path, encoding, declared)
    with warnings.catch_warnings():
        # bs4 warns, in English on stderr, about pages that start like XML or look like a file name:
        # both are read as HTML all the same.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "lxml")
    if _depth(soup) > MAX_DEPTH:
        raise ReadError(
            path, f"网页结构异常（标签嵌套超过 {MAX_DEPTH} 层），可能是恶意构造的文件",
            "请在浏览器中打开该网页，复制正文另存为 .txt 后再打开",
        )
    title = _title(soup)
    for tag in soup.find_all(_NOISE_TAGS):
        tag.decompose()
    body = _find_body(soup)
    _strip_furniture(body)
    out = _Out(blocks=[], line=[])
    _walk(body, out)
    out.flush()
    if not out.blocks:
        raise ReadError(path, "网页中没有找到正文文字", "请在浏览器中打开该网页，确认正文已完整保存，或复制正文另存为 .txt")
    return RawDocument(
        path=str(path), format="html", blocks=tuple(out.blocks), encoding=used, title_hint=title,
        warnings=decoding_warnings("\n".join(block.text for block in out.blocks)),
    )
