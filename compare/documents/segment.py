"""Segmentation: blocks in reading order -> a hierarchy of numbered items.

The hierarchy is recovered from the numbering styles themselves: the first style seen is the
outermost level, a new style nests under the current item, and a style already open closes
everything below it (so 1., 2. restarting under every （一） nest correctly). Paragraphs
without numbering continue the current item, or become items of their own under a bare heading.
Before that, page furniture, signatures, distribution lines and attachment lists are dropped,
and lines that a PDF or a web page hard-wrapped mid-sentence are joined again.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from compare.errors import ReadError
from compare.documents.furniture import (
    ANNEX_MARKER,
    ATTACHMENT_ENTRY,
    CONTENTS_HEADING,
    CONTENTS_LEADER,
    is_closing,
    is_date_line,
    is_distribution,
    is_furniture,
    is_issuer_line,
)
from compare.documents.model import Annex, Block, Document, Item, ItemKind, RawDocument, Source, SourceKind
from compare.documents.normalize import matching_key
from compare.documents.numbering import Label, find_enumeration, label_value, match_label, style_of_label

# A trailing parenthesis naming who is responsible: （省工业和信息化厅负责） （市发展改革委牵头，市财政局配合）
_TAG = re.compile(r"[(]([^()]{2,120})[)]\s*[。;.]?\s*$")
_TAG_WORDS = re.compile(r"负责|牵头|配合|责任单位|责任部门|分工|按职责|参与")
_TAG_PREFIX = re.compile(r"^(?:责任单位|责任部门|牵头单位|负责单位)\s*[:]\s*")
_ORG_END = re.compile(r"(?:委|厅|局|办|部|院|会|中心|政府|公司|署|行|处|室|所|馆|团|台|站|队|社|园|区|组|市|县)$")
_TAG_NOT = re.compile(r"\d{4}|试行|以下简称|简称|含|即|如|例如|等等|年$")
RESPONSIBLE = "负责部门"

# Words that make a header line of a flattened table (the annex 分工方案 of a notice).
_TABLE_HEADERS = ("序号", "方面", "任务", "分工", "措施", "负责", "部门", "单位", "牵头", "协助", "时限", "备注", "内容", "类别")
# Styles that always start at the top of the hierarchy, whatever is open.
_TOP_STYLES = ("annex", "part", "chapter", "question")
# Labels that begin a new paragraph even right after a line that ended mid-sentence.
_STRONG_STYLES = ("part", "chapter", "jie", "article", "cn_dun", "cn_paren", "question", "target", "circled")
_SENTENCE_END = "。！？；：!?;:…”’」』)）】"


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """`matching_key`, memoised: the segmenter asks for the key of the same line several times."""
    return matching_key(text)


@dataclass(eq=False)
class _Node:
    """A mutable item under construction."""

    label: Label | None
    source: Source
    parts: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None
    attributes: list[tuple[str, str]] = field(default_factory=list)
    path_override: tuple[str, ...] | None = None

    @property
    def style(self) -> str:
        return self.label.style if self.label else ""

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p)

    def heading_like(self) -> bool:
        """A bare title (一、总体要求) whose body follows in paragraphs of its own."""
        if self.style == "annex":
            return True
        text = self.text
        return len(text) <= 40 and "\n" not in text and not re.search(r"[。；;：:][^。；;]", text) and not self.question

    @property
    def question(self) -> bool:
        return self.style == "question" or self.text.rstrip().endswith(("？", "?"))


_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9a-zA-Z]")


def _split_tag(text: str) -> tuple[str, str]:
    """Split a trailing responsibility tag off an item's text: (text, departments)."""
    key = _key(text)
    m = _TAG.search(key)
    if not m:
        return text, ""
    inner = m.group(1)
    names = re.split(r"[、,，;；和及]", re.sub(_TAG_WORDS, "、", _TAG_PREFIX.sub("", inner)))
    names = [n.strip() for n in names if n.strip()]
    looks_like_units = bool(_TAG_WORDS.search(inner)) or (names and all(_ORG_END.search(n) for n in names))
    if not looks_like_units or _TAG_NOT.search(inner):
        return text, ""
    body = text[: m.start()].rstrip()
    if body and not body.endswith(("。", "；", ";", "!", "！")) and key[m.end() - 1 :].strip(" )）").startswith("。"):
        body += "。"
    inner_text = text[m.start() + 1 : m.start() + 1 + len(inner)].strip()
    prefix = _TAG_PREFIX.match(_key(inner_text))
    if prefix and not re.search(r"(?:单位|部门)\s*:", _key(inner_text)[prefix.end() :]):
        return body, inner_text[prefix.end() :]  # "责任单位：省科技厅" -> "省科技厅"; several roles stay spelled out
    roles = _TAG_WORDS.findall(inner)
    if roles == ["负责"] and _key(inner_text).endswith("负责"):
        return body, inner_text[: -len("负责")]  # "省工业和信息化厅负责" -> "省工业和信息化厅"
    return body, inner_text


def _is_table_header(key: str) -> bool:
    """A line of column headers (序号 方面 任务 …), not a caption that happens to name them (《…》分工方案)."""
    return sum(1 for word in _TABLE_HEADERS if word in key) >= 3 and len(key) <= 120 and "《" not in key


class _Builder:
    def __init__(self, raw: RawDocument) -> None:
        self.raw = raw
        first = raw.blocks[0].source.kind if raw.blocks else SourceKind.LINE
        self.root = _Node(None, Source(first, 0))
        self.stack: list[_Node] = [self.root]
        self.preamble: list[Block] = []  # paragraphs before the first numbered item
        self.annexes: list[Annex] = []
        self.warnings: list[str] = list(raw.warnings)
        self.seen_item = False
        self.annex_count = 0
        self.awaiting_annex_title: _Node | None = None

    @property
    def current(self) -> _Node:
        return self.stack[-1]

    # --- building -----------------------------------------------------------------------------

    def open_item(self, label: Label, text: str, source: Source) -> _Node:
        styles = [n.style for n in self.stack[1:]]
        if label.style in _TOP_STYLES:
            del self.stack[1:]
        elif label.style in styles:
            del self.stack[styles.index(label.style) + 1 :]
        node = _Node(label, source, [text] if text else [], parent=self.current)
        self.current.children.append(node)
        self.stack.append(node)
        self.seen_item = True
        self.awaiting_annex_title = None
        return node

    def open_annex(self, block: Block, key: str) -> None:
        """A bare 附件 / 附件2 line: what follows is an annex with a numbering of its own."""
        self.annex_count += 1
        number = ANNEX_MARKER.match(key)
        value = int(number.group(1)) if number and number.group(1) else self.annex_count
        node = self.open_item(Label("annex", block.text.rstrip(":： "), value), "", block.source)
        self.awaiting_annex_title = node

    def add_unlabelled(self, text: str, source: Source) -> None:
        node = self.current
        if self.awaiting_annex_title is node and len(text) <= 80 and not re.search(r"[。；;]", text):
            node.parts.append(text)  # the annex's own title line
            self.awaiting_annex_title = None
            return
        self.awaiting_annex_title = None
        if node is self.root or node.heading_like():
            child = _Node(None, source, [text], parent=node)
            node.children.append(child)
            self.seen_item = True
            return
        node.parts.append(text)

    def add_enumeration(self, owner: _Node, text: str, spots: list[tuple[int, int, int]], source: Source) -> None:
        """Split 一是…二是… into child items of `owner`; the lead-in stays with the owner."""
        lead = text[: spots[0][0]].strip()
        if lead:
            owner.parts.append(lead)
        for n, (start, body, value) in enumerate(spots):
            end = spots[n + 1][0] if n + 1 < len(spots) else len(text)
            label = Label("enum", text[start:body], value)
            piece = text[body:end].strip()
            if not _MEANINGFUL.search(piece):
                continue  # "一是；二是；" with nothing said is not an item
            owner.children.append(_Node(label, source, [piece], parent=owner))
        self.seen_item = True
        self.awaiting_annex_title = None

    def add_block(self, block: Block) -> None:
        if block.cells:
            self.add_row(block)
            return
        text, key = block.text, _key(block.text)
        if block.label:
            label_key = _key(block.label)
            label: Label | None = Label(style_of_label(block.label, label_key), block.label, label_value(label_key))
            typed = match_label(text, key)
            # The numbering typed again after Word's own ("1." + "1. 加强…") is not text.
            body = text[len(typed.text) :].lstrip() if typed and _key(typed.text) == label_key else text
        elif block.outline_level is not None and not match_label(text, key):
            label = Label(f"heading{block.outline_level}", "", None)
            body = text
        else:
            spots = find_enumeration(key)
            if spots and spots[0][0] == 0 and self.seen_item:
                # A paragraph that is itself a 一是…二是… run enumerates under the current item.
                self.add_enumeration(self.current, text, spots, block.source)
                return
            label = match_label(text, key)
            if label is None and self.seen_item and key.rstrip().endswith("?") and len(key) <= 120:
                label = Label("question", "", None)  # a question heading of a Q&A layout
            body = text[len(label.text) :].lstrip() if label else text
        spots = find_enumeration(_key(body))
        if label:
            node = self.open_item(label, "" if spots else body, block.source)
            if spots:
                self.add_enumeration(node, body, spots, block.source)
            return
        if not self.seen_item:
            self.preamble.append(block)
            return
        if spots:
            self.add_enumeration(self.current, body, spots, block.source)
            return
        self.add_unlabelled(text, block.source)

    def add_row(self, block: Block) -> None:
        cells = dict(block.cells)
        text = cells.get(block.text_column or "", block.text)
        label_text = cells.get(block.label_column or "", "").strip()
        section = cells.get(block.section_column or "", "").strip()
        skip = {block.text_column, block.label_column, block.section_column}
        value = label_value(_key(label_text)) if label_text else None
        node = _Node(Label("row", label_text, value), block.source, [text], parent=self.root)
        node.attributes = [(h, v) for h, v in block.cells if h not in skip and v.strip()]
        node.path_override = (section,) if section else ()
        self.root.children.append(node)
        self.stack = [self.root]
        self.seen_item = True


def _is_cell_line(block: Block) -> bool:
    """A line short enough to be one cell of a table flattened one cell per line."""
    return not block.cells and len(block.text) <= 12 and not re.search(r"[。；;]", block.text)


def _fold_annex(builder: _Builder, blocks: list[Block], start: int) -> int | None:
    """An annex that is a flattened table is kept whole as one `Annex`. Returns where items resume
    (the next annex), or None when the annex is ordinary text to segment."""
    end = next(
        (n for n in range(start + 1, len(blocks)) if not blocks[n].cells and ANNEX_MARKER.match(_key(blocks[n].text))),
        len(blocks),
    )
    rest = blocks[start + 1 : end]
    rows = [b for b in rest if b.cells]
    if rest and len(rows) * 2 >= len(rest):
        # A real table (Word/HTML) under the annex marker: keep its rows as lines of cells.
        caption = next((b.text for b in rest if not b.cells), blocks[start].text)
        lines = [" | ".join(h for h, _ in rows[0].cells)] + [" | ".join(v for _, v in b.cells) for b in rows]
        builder.annexes.append(Annex(title=caption, text="\n".join(lines), is_table=True))
        builder.warnings.append(f"附件“{caption[:40]}”是一张表格，已作为表格块保留，未拆分为条目。")
        return end
    header = next((n for n, b in enumerate(rest[:8]) if _is_table_header(_key(b.text))), None)
    cell_share = sum(map(_is_cell_line, rest)) / len(rest) if len(rest) >= 10 else 0.0
    if header is None and cell_share < 0.4:
        return None
    caption = next((b.text for b in rest[: header if header is not None else 3]), blocks[start].text)
    builder.annexes.append(Annex(title=caption, text="\n".join(b.text for b in rest), is_table=True))
    builder.warnings.append(f"附件“{caption[:40]}”是一张表格，已作为表格块保留，未拆分为条目。")
    return end


def _cell_run_end(blocks: list[Block], start: int) -> int:
    """Where a run of very short unnumbered lines starting at `start` ends (`start` when there is none).

    Six or more in a row are a table flattened one cell per line: they are kept as one paragraph
    instead of dozens of one-word items."""
    end = start
    while end < len(blocks):
        block = blocks[end]
        key = _key(block.text)
        if block.label or not _is_cell_line(block) or ANNEX_MARKER.match(key) or match_label(block.text, key):
            break
        end += 1
    return end if end - start >= 6 else start


def _drop_contents(blocks: list[Block]) -> list[Block]:
    """Drop a table of contents: the heading lines after 目录, up to where the body begins (a line
    without the dot leaders the entries had, a long paragraph, or the first entry printed again)."""
    out: list[Block] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        n += 1
        if block.cells or not CONTENTS_HEADING.match(_key(block.text)):
            out.append(block)
            continue
        first: str | None = None
        leaders = False
        while n < len(blocks) and not blocks[n].cells:
            key = _key(blocks[n].text)
            leader = CONTENTS_LEADER.search(key)
            entry = (key[: leader.start()] if leader else key).replace(" ", "")
            if first is not None and leaders and not leader and not is_furniture(key):
                break
            if len(entry) > 40 or re.search(r"[。；;]", entry) or entry == first:
                break
            if first is None and entry:
                first, leaders = entry, bool(leader)
            n += 1
    return out


def _drop_foot_matter(blocks: list[Block]) -> list[Block]:
    """Drop furniture, closings, signatures (offices above a date), 抄送/印发 lines and attachment lists."""
    lines = [b for b in _drop_contents(blocks) if b.cells or not is_furniture(_key(b.text))]
    kept: list[Block] = []
    in_attachment_list = False
    for n, block in enumerate(lines):
        if block.cells:
            kept.append(block)
            in_attachment_list = False
            continue
        key = _key(block.text)
        if ATTACHMENT_ENTRY.match(key):
            in_attachment_list = True
            continue
        if in_attachment_list and len(key) <= 100 and re.match(r"^\d{1,2}\s*[.、]", key) and not key.endswith("。"):
            continue  # the next entry of the list: "2.《…》编制说明.pdf"
        in_attachment_list = False
        if is_date_line(key) or is_closing(key) or is_distribution(key):
            continue
        if is_issuer_line(key):
            following = (_key(b.text) for b in lines[n + 1 : n + 4] if not b.cells)
            if any(is_date_line(k) or is_distribution(k) for k in following):
                continue
        kept.append(block)
    return kept


def _join_bare_labels(blocks: list[Block]) -> list[Block]:
    """A label printed alone on its line ("1.3", "一、") belongs to the title on the next line."""
    out: list[Block] = []
    pending: Block | None = None
    for block in blocks:
        if pending is not None:
            if not block.cells and not block.label and match_label(block.text, _key(block.text)) is None:
                glue = " " if pending.text[-1:].isdigit() else ""
                out.append(replace(block, text=pending.text + glue + block.text, source=pending.source))
                pending = None
                continue
            out.append(pending)
            pending = None
        if not block.cells and not block.label and len(block.text) <= 8:
            key = _key(block.text)
            probe = match_label(block.text + " 题", key + " 题")
            if probe is not None and probe.text.strip() == block.text.strip():
                pending = block
                continue
        out.append(block)
    if pending is not None:
        out.append(pending)
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _reflow(blocks: list[Block]) -> list[Block]:
    """Join lines that a PDF or a scraped page wrapped at a fixed width in the middle of a sentence.

    A document is hard-wrapped when many lines share one width; a line of (nearly) that width
    which does not end a sentence continues on the next line, unless the next line opens a new
    numbered paragraph.
    """
    lines = [b for b in blocks if not b.cells and not b.label and b.outline_level is None]
    if len(lines) < 8:
        return blocks
    widths = [_width(b.text) for b in lines]
    counts = Counter(w for w in widths if w >= 30)
    if not counts:
        return blocks
    best = max(counts, key=lambda w: (sum(counts[v] for v in range(w - 4, w + 1)), w))
    full = sum(counts[v] for v in range(best - 4, best + 1))
    if full < max(5, len(lines) * 0.2):
        return blocks
    out: list[Block] = []
    joinable = False  # the previous line was a full, unfinished line
    for block in blocks:
        key = _key(block.text)
        if joinable and not block.cells and not block.label and block.outline_level is None and out:
            label = match_label(block.text, key)
            if label is None or label.style not in _STRONG_STYLES:
                prev = out[-1]
                glue = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and block.text[:1].isascii() else ""
                out[-1] = replace(prev, text=prev.text + glue + block.text)
                joinable = _width(block.text) >= best - 6 and block.text[-1:] not in _SENTENCE_END
                continue
        out.append(block)
        joinable = (
            not block.cells
            and not block.label
            and _width(block.text) >= best - 6
            and block.text[-1] not in _SENTENCE_END
        )
    return out


def _heading_text(node: _Node) -> str:
    text = node.text.split("\n")[0]
    cut = re.search(r"[。；;？?]", text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = text[:40]
    label = node.label.text if node.label else ""
    if node.style == "annex":
        return f"{label} {text}".strip()
    return f"{label}{text}"


def _title(builder: _Builder, raw: RawDocument) -> str:
    candidates = [
        t
        for t in (block.text for block in builder.preamble)
        if 6 <= len(t) <= 80
        and not re.search(r"[。；;:：，,]$|[。；;]", t)
        and not ANNEX_MARKER.match(_key(t))
        and not is_issuer_line(_key(t))
    ]
    if candidates:
        return candidates[-1]
    return raw.title_hint or Path(raw.path).stem


def _id_part(child: _Node, counters: Counter[str]) -> str:
    if child.style == "annex":
        return f"a{child.label.value}" if child.label and child.label.value is not None else "a"
    if child.label and child.label.value is not None:
        return str(child.label.value)
    kind = "t" if child.style == "target" else "p"
    counters[kind] += 1
    return f"{kind}{counters[kind]}"


def _kind(child: _Node) -> ItemKind:
    if child.children:
        return ItemKind.HEADING
    if child.style == "target":
        return ItemKind.TARGET
    if child.style == "row":
        return ItemKind.ROW
    return ItemKind.ITEM


def _freeze(builder: _Builder) -> tuple[Item, ...]:
    items: list[Item] = []
    used: set[str] = set()

    def walk(node: _Node, parent_id: str | None, path: tuple[str, ...], level: int) -> None:
        counters: Counter[str] = Counter()
        for child in node.children:
            part = _id_part(child, counters)
            base = f"{parent_id}.{part}" if parent_id else part
            item_id, n = base, 1
            while item_id in used:
                n += 1
                item_id = f"{base}_{n}"
            used.add(item_id)
            text, responsible = _split_tag(child.text)
            attributes = list(child.attributes)
            if responsible and not any(k == RESPONSIBLE for k, _ in attributes):
                attributes.append((RESPONSIBLE, responsible))
            items.append(
                Item(
                    id=item_id,
                    label=child.label.text if child.label else "",
                    level=level,
                    path=child.path_override if child.path_override is not None else path,
                    text=text,
                    key=matching_key(text),
                    kind=_kind(child),
                    parent=parent_id,
                    source=child.source,
                    attributes=tuple(attributes),
                )
            )
            walk(child, item_id, path + (_heading_text(child),), level + 1)

    walk(builder.root, None, (), 0)
    return tuple(items)


def segment(raw: RawDocument) -> Document:
    """Split a reader's blocks into the document's numbered items."""
    builder = _Builder(raw)
    blocks = _reflow(_join_bare_labels(_drop_foot_matter(list(raw.blocks))))
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if not block.cells and not block.label and ANNEX_MARKER.match(_key(block.text)):
            resume = _fold_annex(builder, blocks, n)
            if resume is None:
                builder.open_annex(block, _key(block.text))
            n = resume or n + 1
            continue
        run_end = _cell_run_end(blocks, n)
        if run_end > n:
            builder.add_block(replace(block, text="\n".join(b.text for b in blocks[n:run_end])))
            n = run_end
            continue
        builder.add_block(block)
        n += 1
    items = _freeze(builder)
    if builder.preamble and not any(it.kind is not ItemKind.HEADING for it in items):
        # No numbering at all: every paragraph of the text is an item of its own.
        builder.root.children.extend(_Node(None, block.source, [block.text]) for block in builder.preamble)
        items = _freeze(builder)
    if not any(it.kind is not ItemKind.HEADING for it in items):
        raise ReadError(raw.path, "没有找到任何文字条目", "请确认文件内容是政策正文，而不是扫描图片或空白模板")
    return Document(
        title=_title(builder, raw),
        source_path=raw.path,
        format=raw.format,
        items=items,
        warnings=tuple(dict.fromkeys(builder.warnings)),
        encoding=raw.encoding,
        annexes=tuple(builder.annexes),
    )
