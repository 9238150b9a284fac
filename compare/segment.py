"""Segmentation: blocks in reading order -> a hierarchy of numbered items.

The hierarchy is recovered from the numbering styles themselves: the first style seen is the
outermost level, a new style nests under the current item, and a style already open closes
everything below it (so 1., 2. restarting under every （一） nest correctly). Paragraphs
without numbering continue the current item, or become items of their own under a bare heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import ReadError
from compare.furniture import is_closing, is_date_line, is_furniture, is_issuer_line
from compare.model import Annex, Block, Document, Item, ItemKind, RawDocument, Source
from compare.normalize import matching_key
from compare.numbering import Label, find_enumeration, match_label, style_of_label

# A trailing parenthesis naming who is responsible: （省工业和信息化厅负责） （市发展改革委牵头，市财政局配合）
_TAG = re.compile(r"[(]([^()]{2,120})[)]\s*[。;.]?\s*$")
_TAG_WORDS = re.compile(r"负责|牵头|配合|责任单位|分工|按职责|参与")
_ORG_END = re.compile(r"(?:委|厅|局|办|部|院|会|中心|政府|公司|署|行|处|室|所|馆|团|台|站|队|社|园|区|组)$")
_TAG_NOT = re.compile(r"\d{4}|试行|以下简称|简称|含|即|如|例如|等等|年$")
RESPONSIBLE = "负责部门"

# Words that make a header line of a flattened table (the annex 分工方案 of a notice).
_TABLE_HEADERS = ("序号", "方面", "任务", "分工", "措施", "负责", "部门", "单位", "牵头", "协助", "时限", "备注", "内容", "类别")
_ANNEX = re.compile(r"^附件\s*\d*\s*(?:[:：].*)?$")


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
        text = self.text
        return len(text) <= 40 and "\n" not in text and not re.search(r"[。；;：:][^。；;]", text) and not self.question

    @property
    def question(self) -> bool:
        return self.style == "question" or self.text.rstrip().endswith(("？", "?"))


def _split_tag(text: str) -> tuple[str, str]:
    """Split a trailing responsibility tag off an item's text: (text, departments)."""
    key = matching_key(text)
    m = _TAG.search(key)
    if not m:
        return text, ""
    inner = m.group(1)
    names = re.split(r"[、,，;；和及]", re.sub(_TAG_WORDS, "、", inner))
    names = [n.strip() for n in names if n.strip()]
    looks_like_units = bool(_TAG_WORDS.search(inner)) or (names and all(_ORG_END.search(n) for n in names))
    if not looks_like_units or _TAG_NOT.search(inner):
        return text, ""
    body = text[: m.start()].rstrip()
    if body and not body.endswith(("。", "；", ";", "!", "！")) and key[m.end() - 1 :].strip(" )）").startswith("。"):
        body += "。"
    return body, text[m.start() + 1 : m.start() + 1 + len(inner)].strip()


def _is_table_header(key: str) -> bool:
    return sum(1 for word in _TABLE_HEADERS if word in key) >= 3 and len(key) <= 120


class _Builder:
    def __init__(self, raw: RawDocument) -> None:
        self.raw = raw
        self.root = _Node(None, Source(raw.blocks[0].source.kind, 0) if raw.blocks else Source("line", 0))  # type: ignore[arg-type]
        self.stack: list[_Node] = [self.root]
        self.preamble: list[str] = []
        self.title_lines: list[str] = []
        self.annexes: list[Annex] = []
        self.warnings: list[str] = list(raw.warnings)
        self.seen_item = False

    @property
    def current(self) -> _Node:
        return self.stack[-1]

    # --- building -----------------------------------------------------------------------------

    def open_item(self, label: Label, text: str, source: Source) -> _Node:
        styles = [n.style for n in self.stack[1:]]
        if label.style in styles:
            del self.stack[styles.index(label.style) + 1 :]
        elif label.style in ("chapter", "part", "question"):
            del self.stack[1:]
        node = _Node(label, source, [text] if text else [], parent=self.current)
        self.current.children.append(node)
        self.stack.append(node)
        self.seen_item = True
        return node

    def add_unlabelled(self, text: str, source: Source) -> None:
        node = self.current
        if node is self.root or node.heading_like():
            child = _Node(None, source, [text], parent=node)
            node.children.append(child)
            self.seen_item = True
            return
        node.parts.append(text)

    def add_enumeration(self, owner: _Node, text: str, key: str, spots: list[tuple[int, int, int]], source: Source) -> None:
        """Split 一是…二是… into child items of `owner`; the lead-in stays with the owner."""
        lead = text[: spots[0][0]].strip()
        if lead:
            owner.parts.append(lead)
        for n, (start, body, _value) in enumerate(spots):
            end = spots[n + 1][0] if n + 1 < len(spots) else len(text)
            label = Label("enum", text[start:body], _value)
            piece = text[body:end].strip()
            owner.children.append(_Node(label, source, [piece], parent=owner))
        self.seen_item = True

    def add_block(self, block: Block) -> None:
        if block.cells:
            self.add_row(block)
            return
        text, key = block.text, matching_key(block.text)
        if block.label:
            label = Label(style_of_label(block.label, matching_key(block.label)), block.label, None)
            body = text
        elif block.outline_level is not None and not match_label(text, key):
            label = Label(f"heading{block.outline_level}", "", None)
            body = text
        else:
            spots = find_enumeration(key)
            if spots and spots[0][0] == 0 and self.seen_item:
                # A paragraph that is itself a 一是…二是… run enumerates under the current item.
                self.add_enumeration(self.current, text, key, spots, block.source)
                return
            label = match_label(text, key)
            if label is None and self.seen_item and key.rstrip().endswith("?") and len(key) <= 120:
                label = Label("question", "", None)  # a question heading of a Q&A layout
            body = text[len(label.text) :].lstrip() if label else text
            if label:
                key = key[len(text) - len(body) :]
        spots = find_enumeration(matching_key(body))
        if label:
            node = self.open_item(label, "" if spots else body, block.source)
            if spots:
                self.add_enumeration(node, body, key, spots, block.source)
            return
        if not self.seen_item:
            self.preamble.append(text)
            return
        if spots:
            owner = self.current if self.current is not self.root else self.root
            self.add_enumeration(owner, body, key, spots, block.source)
            return
        self.add_unlabelled(text, block.source)

    def add_row(self, block: Block) -> None:
        cells = dict(block.cells)
        text = cells.get(block.text_column or "", block.text)
        label_text = cells.get(block.label_column or "", "").strip()
        section = cells.get(block.section_column or "", "").strip()
        skip = {block.text_column, block.label_column, block.section_column}
        node = _Node(Label("row", label_text, None), block.source, [text], parent=self.root)
        node.attributes = [(h, v) for h, v in block.cells if h not in skip and v.strip()]
        node.path_override = (section,) if section else ()
        self.root.children.append(node)
        self.stack = [self.root]
        self.seen_item = True


def _fold_annex(builder: _Builder, blocks: list[Block], start: int) -> int:
    """From an annex marker on: keep a flattened table as one annex block. Returns where items resume."""
    title = blocks[start].text
    rest = blocks[start + 1 :]
    header = next((n for n, b in enumerate(rest[:8]) if _is_table_header(matching_key(b.text))), None)
    if header is None:
        return start + 1
    body = [b.text for b in rest if not is_furniture(matching_key(b.text))]
    caption = next((b.text for b in rest[:header] if len(b.text) > 6), title)
    builder.annexes.append(Annex(title=caption, text="\n".join(body), is_table=True))
    builder.warnings.append(f"附件“{caption[:40]}”是一张表格，已作为表格块保留，未拆分为条目。")
    return len(blocks)


def _clean_blocks(raw: RawDocument) -> list[Block]:
    """Drop page furniture, and signature + date pairs, before segmentation."""
    blocks = [b for b in raw.blocks if b.cells or not is_furniture(matching_key(b.text))]
    kept: list[Block] = []
    for n, block in enumerate(blocks):
        key = matching_key(block.text)
        if block.cells:
            kept.append(block)
            continue
        if is_date_line(key) or is_closing(key):
            continue
        next_key = matching_key(blocks[n + 1].text) if n + 1 < len(blocks) else ""
        if is_issuer_line(key) and is_date_line(next_key):
            continue
        kept.append(block)
    return kept


def _heading_text(node: _Node) -> str:
    text = node.text.split("\n")[0]
    cut = re.search(r"[。；;？?]", text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    text = text[:40]
    return f"{node.label.text}{text}" if node.label and node.label.text else text


def _title(builder: _Builder, raw: RawDocument) -> str:
    candidates = [
        t
        for t in builder.preamble
        if 6 <= len(t) <= 80 and not re.search(r"[。；;:：，,]$|[。；;]", t) and not _ANNEX.match(t)
    ]
    if candidates:
        return candidates[-1]
    return raw.title_hint or Path(raw.path).stem


def _freeze(builder: _Builder) -> tuple[Item, ...]:
    items: list[Item] = []
    used: set[str] = set()

    def walk(node: _Node, parent_id: str | None, path: tuple[str, ...], level: int) -> None:
        unnumbered = 0
        targets = 0
        for child in node.children:
            if child.label and child.label.value is not None:
                part = str(child.label.value)
            elif child.label and child.label.style == "target":
                targets += 1
                part = f"t{targets}"
            else:
                unnumbered += 1
                part = f"p{unnumbered}"
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
            if child.children:
                kind = ItemKind.HEADING
            elif child.label and child.label.style == "target":
                kind = ItemKind.TARGET
            elif child.label and child.label.style == "row":
                kind = ItemKind.ROW
            else:
                kind = ItemKind.ITEM
            item_path = child.path_override if child.path_override is not None else path
            items.append(
                Item(
                    id=item_id,
                    label=child.label.text if child.label else "",
                    level=level,
                    path=item_path,
                    text=text,
                    key=matching_key(text),
                    kind=kind,
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
    blocks = _clean_blocks(raw)
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if builder.seen_item and not block.cells and _ANNEX.match(matching_key(block.text)):
            n = _fold_annex(builder, blocks, n)
            continue
        builder.add_block(block)
        n += 1
    if not builder.seen_item and builder.preamble:
        # No numbering at all: every paragraph is an item of its own.
        for block in blocks:
            builder.add_unlabelled(block.text, block.source)
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
