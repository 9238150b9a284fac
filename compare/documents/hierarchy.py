"""The item tree of a document body, built from its blocks in reading order.

The hierarchy comes from the numbering styles themselves: the first style seen is the outermost
level, a new style nests under the current item, and a style already open closes everything
below it (so 1., 2. restarting under every （一） nest correctly).

The unit is the task as the document numbers it. A numbered line and the unnumbered paragraphs
under it are ONE item (label, title and body): "（一）加快建筑工业化升级。" followed by its body
paragraph is one task, not a heading with an unlabelled child. Two exceptions, both read from the
structure:
- a paragraph after a list that its parent introduced ("应当符合下列条件：" (一)…(六)) closes
  that parent, unless the list carries on after it;
- a paragraph after a list of one-paragraph items at the top of a document closes the list
  (the closing words of a set of rules), unless the list carries on after it.
Tables inside the body continue the hierarchy: their rows sit under the item they follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.documents.keys import key_of
from compare.documents.model import MEANINGFUL, Block, SectionRole, Source, SourceKind, has_own_statement, title_of
from compare.documents.numbering import Label, find_enumeration, label_value, match_label, style_of_label
from compare.documents.roles import heading_role, is_formal_clause

# Styles that always start at the top of the hierarchy, whatever is open.
_TOP_STYLES = ("part", "chapter", "question", "emphasis")
# Styles of heading lines above articles: 第一编, 第一章, 第一节.
_HEADING_STYLES = ("part", "chapter", "jie")
# Styles whose items are containers of paragraphs by nature (an article has several 款).
_CONTAINER_STYLES = ("part", "chapter", "jie", "article", "question", "form", "emphasis")
_SENTENCE_END = ("。", "！", "？", "!", "?", "”", "）")
_LIST_INTRO = re.compile(r"[:：]\s*$")
# A paragraph opening with a short title sentence: "加强关键核心技术攻关。聚焦设计、生产…".
_LEAD_TITLE = re.compile(r"^[^，,。；;：:！!？?\n]{4,20}[。：:](?=.{10,})", re.S)
# What follows 第X条 when the line cites an article rather than opening one.
_REFERENCE = re.compile(r"^(?:的)?(?:规定|所列|所称|所述|之|至|第|款|项|中|和|或|及|、|，|,)")
# A paragraph that looks back on what precedes it: "以上具体措施，已由…印发", "上述任务由…负责".
_LOOKS_BACK = re.compile(r"^(?:以上|上述)(?![\d一二三四五六七八九十])")


@dataclass(eq=False)
class Node:
    """An item under construction."""

    label: Label | None
    source: Source
    parts: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    attributes: list[tuple[str, str]] = field(default_factory=list)
    path_override: tuple[str, ...] | None = None
    closing: bool = False  # the closing words of a document or a list ("以上措施…"): context, not a task
    lead_titled: bool = False  # its paragraphs are tasks of their own, each opening with a short title

    @property
    def style(self) -> str:
        return self.label.style if self.label else ""

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p)

    @property
    def single_paragraph(self) -> bool:
        return len(self.parts) <= 1 and not self.children


def block_label(block: Block) -> tuple[Label | None, str]:
    """The numbering a block carries (Word's or typed) and the text after it."""
    text, key = block.text, key_of(block.text)
    if block.label:
        label_key = key_of(block.label)
        label = Label(style_of_label(block.label, label_key), block.label, label_value(label_key))
        typed = match_label(text, key)
        # The numbering typed again after Word's own ("1." + "1. 加强…") is not text.
        body = text[len(typed.text) :].lstrip() if typed and key_of(typed.text) == label_key else text
        return label, body
    if block.outline_level is not None and not match_label(text, key):
        return Label(f"heading{block.outline_level}", "", None), text
    label = match_label(text, key)
    return label, (text[len(label.text) :].lstrip() if label else text)


class Builder:
    """Builds the item tree from the body's blocks (front matter, annexes and foot already removed)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        first = blocks[0].source.kind if blocks else SourceKind.LINE
        self.root = Node(None, Source(first, 0))
        self.stack: list[Node] = [self.root]
        self.read = [(None, b.text) if b.cells else block_label(b) for b in blocks]
        self.labels = [label for label, _ in self.read]
        # The style of the next numbered block after each block, for "does the list carry on?".
        self.next_style: list[str | None] = [None] * len(blocks)
        following: str | None = None
        for n in range(len(blocks) - 1, -1, -1):
            self.next_style[n] = following
            if self.labels[n] is not None:
                following = self.labels[n].style
        # Without 一、 / 第一章 / 第一条 at the top, a bold short line is the document's own heading.
        self.plain_headings = not any(
            label is not None and label.style in ("cn_dun", "chapter", "part", "article") for label in self.labels
        )
        self.last_article: int | None = None
        self.form: tuple[int | None, int] | None = None  # (table, depth) of the form being read
        self.notes: list[str] = []

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def build(self) -> Node:
        for n, block in enumerate(self.blocks):
            self.add_block(n, block)
        return self.root

    # --- numbered items ------------------------------------------------------------------------

    def open_item(self, label: Label, text: str, source: Source) -> Node:
        styles = [node.style for node in self.stack[1:]]
        if label.style in _TOP_STYLES:
            del self.stack[1:]
        elif label.style in styles:
            del self.stack[styles.index(label.style) + 1 :]
        node = Node(label, source, [text] if text else [], parent=self.current)
        self.current.children.append(node)
        self.stack.append(node)
        return node

    def _accepts_article(self, n: int, label: Label, block: Block) -> bool:
        """第三十五条 at the start of a line opens an article when set apart by a space, or when it is
        the next article and neither the line before runs on into it nor it reads as a reference
        ("…按照本办法" / "第三十五条规定的程序…" is one sentence wrapped onto a new line)."""
        after = block.text[len(label.text) :]
        if after[:1].isspace():
            return True
        previous = self.blocks[n - 1].text.rstrip() if n > 0 else ""
        # A heading line (第二章认定条件) ends without punctuation but runs on into nothing.
        heading_before = (
            n > 0
            and self.labels[n - 1] is not None
            and self.labels[n - 1].style in _HEADING_STYLES
            and _heading_like(self.read[n - 1][1])
        )
        runs_on = bool(previous) and not heading_before and not previous.endswith(_SENTENCE_END + ("；", ";", "：", ":"))
        reference = bool(_REFERENCE.match(after))
        sequential = self.last_article is None or label.value == self.last_article + 1
        return sequential and not runs_on and not reference

    def add_block(self, n: int, block: Block) -> None:
        if self.form is not None and block.source.table != self.form[0]:
            del self.stack[self.form[1] :]  # the form has ended: what follows is not under its last label
            self.form = None
        if block.cells:
            self.add_row(block)
            return
        if block.form_label:
            self.add_form_label(block)
            return
        label, body = self.read[n]
        if label is not None and label.style == "article" and not block.label:
            if not self._accepts_article(n, label, block):
                label, body = None, block.text
            else:
                self.last_article = label.value
        if label is None and self.stack[1:]:
            spots = find_enumeration(key_of(block.text))
            if spots and spots[0][0] == 0:
                # A paragraph that is itself a 一是…二是… run enumerates under the current item.
                self.add_enumeration(self.current, block.text, spots, block.source)
                return
            if key_of(block.text).rstrip().endswith("?") and len(block.text) <= 120:
                label, body = Label("question", "", None), block.text  # a question heading of a Q&A layout
        if label is None and block.emphasis and self.plain_headings and _heading_like(block.text):
            label, body = Label("emphasis", "", None), block.text
        if label is not None:
            spots = find_enumeration(key_of(body))
            node = self.open_item(label, "" if spots else body, block.source)
            if spots:
                self.add_enumeration(node, body, spots, block.source)
            return
        spots = find_enumeration(key_of(block.text))
        if spots and self.stack[1:]:
            self.add_enumeration(self.current, block.text, spots, block.source)
            return
        self.add_paragraph(n, block)

    # --- unnumbered paragraphs -------------------------------------------------------------------

    def _lead_titled_run(self, n: int) -> int:
        """How many of the unnumbered paragraphs from `n` to the next numbered line open with a title.

        A plan sets 专栏 boxes between its titled task paragraphs ("大力发展智能制造装备。…", 专栏 4,
        "聚力研发工业软件产品。…"): the count goes on past a box, whose own numbering (01, 02) is
        not a numbered line of the section.
        """
        count = 0
        in_box = False
        open_styles = {node.style for node in self.stack[1:]}
        for m in range(n, len(self.blocks)):
            label = self.labels[m]
            if label is not None and label.text.startswith("专栏"):
                in_box = True
                continue
            if label is not None or self.blocks[m].cells or self.blocks[m].form_label:
                if in_box and (label is None or label.style not in open_styles):
                    continue
                break
            count += bool(_LEAD_TITLE.match(self.blocks[m].text))
        return count

    def _close_text(self, block: Block) -> None:
        """`block` closes what comes before it: it stands at the top, after everything open."""
        del self.stack[1:]
        self.root.children.append(Node(None, block.source, [block.text], parent=self.root, closing=True))

    def _closing_clause(self, n: int, node: Node, text: str) -> bool:
        """Whether the paragraph at `n` is the effective-date clause that ends the text, printed
        after its last measure. Not when numbered lines follow (a clause closing one part of the
        text), not under a 附则 heading or a heading such as 执行期限 (the clause is its content),
        and not after a heading that has said nothing yet."""
        if not is_formal_clause(text) or self.next_style[n] is not None:
            return False
        if any(heading_role(title_of(open_node.text)) is SectionRole.FORMAL for open_node in self.stack[1:]):
            return False
        return has_own_statement(node.text)

    def add_paragraph(self, n: int, block: Block) -> None:
        node = self.current
        if node is self.root:
            # After the closing clause, what follows closes the text too ("请认真贯彻执行。").
            closing = bool(self.root.children) and self.root.children[-1].closing
            self.root.children.append(Node(None, block.source, [block.text], parent=self.root, closing=closing))
            return
        parent = node.parent
        if self._closing_clause(n, node, block.text):
            # "本政策自发布之日起实施，有效期3年。" after the last measure is no part of it: it stands
            # at the top, a formal clause.
            self._close_text(block)
            return
        lead = bool(_LEAD_TITLE.match(block.text))
        if lead and _is_box(node) and parent is not None and parent is not self.root:
            # A titled task paragraph after a 专栏 box carries on the tasks around the box.
            del self.stack[self.stack.index(parent) + 1 :]
            node = parent
        only_boxes = all(_is_box(child) for child in node.children)
        if not _is_box(node) and (
            node.lead_titled
            or (only_boxes and _title_ish(node.parts[0] if node.parts else "") and lead and self._lead_titled_run(n) >= 1 + (not node.children))
        ):
            # Under a bare title, paragraphs that each open with a title of their own are tasks of
            # their own (a plan's "加强关键核心技术攻关。…" paragraphs under "（一）加快系统创新").
            node.lead_titled = True
            if _LEAD_TITLE.match(block.text) or not node.children:
                node.children.append(Node(None, block.source, [block.text], parent=node))
            else:
                node.children[-1].parts.append(block.text)
            return
        list_resumes = self.next_style[n] == node.style
        entries = parent.children if parent is not None else []
        in_a_list = node.style not in _CONTAINER_STYLES and all(c.single_paragraph for c in entries)
        if parent is not None and parent is not self.root and in_a_list and not list_resumes and _LIST_INTRO.search(parent.text):
            # The closing paragraph of a list its parent introduced belongs to the parent.
            del self.stack[self.stack.index(parent) + 1 :]
            parent.parts.append(block.text)
            return
        if in_a_list and not list_resumes and _LOOKS_BACK.match(key_of(block.text)) and not _LIST_INTRO.search(parent.text if parent else ""):
            # Closing words after a list ("以上具体措施…，请各部门抓好落实") speak of the whole list:
            # they stand after it at the top, shown as context.
            self._close_text(block)
            return
        if (
            parent is self.root
            and in_a_list
            and len(entries) >= 3
            and not list_resumes
            and node.text.rstrip().endswith(_SENTENCE_END)
        ):
            # After a list of one-paragraph rules at the top, a paragraph closes the list.
            del self.stack[1:]
            self.root.children.append(Node(None, block.source, [block.text], parent=self.root))
            return
        node.parts.append(block.text)

    def add_enumeration(self, owner: Node, text: str, spots: list[tuple[int, int, int]], source: Source) -> None:
        """Split 一是…二是… into child items of `owner`; the lead-in stays with the owner."""
        lead = text[: spots[0][0]].strip()
        if lead:
            owner.parts.append(lead)
        for n, (start, body, value) in enumerate(spots):
            end = spots[n + 1][0] if n + 1 < len(spots) else len(text)
            piece = text[body:end].strip()
            if not MEANINGFUL.search(piece):
                continue  # "一是；二是；" with nothing said is not an item
            owner.children.append(Node(Label("enum", text[start:body], value), source, [piece], parent=owner))

    # --- tables -------------------------------------------------------------------------------

    def add_form_label(self, block: Block) -> None:
        """The label of a form row heads what is beside it; the next label of the same form is its
        sibling, at the level where the form began."""
        if self.form is None or self.form[0] != block.source.table:
            self.form = (block.source.table, len(self.stack))
        else:
            del self.stack[self.form[1] :]
        node = Node(Label("form", "", None), block.source, [block.text], parent=self.current)
        self.current.children.append(node)
        self.stack.append(node)

    def add_row(self, block: Block) -> None:
        """A table row: an item under the item the table follows (the hierarchy carries on)."""
        cells = dict(block.cells)
        text = cells.get(block.text_column or "", block.text)
        label_text = cells.get(block.label_column or "", "").strip()
        section = cells.get(block.section_column or "", "").strip()
        value = label_value(key_of(label_text)) if label_text else None
        parent = self.current
        node = Node(Label("row", label_text, value), block.source, [text], parent=parent)
        if block.text_column is not None:
            skip = {block.text_column, block.label_column, block.section_column}
            node.attributes = [(h, v) for h, v in block.cells if h not in skip and v.strip()]
        if section:
            node.path_override = (section,)
        parent.children.append(node)


def _is_box(node: Node) -> bool:
    """A 专栏 box: illustrative material set inside a section, between its task paragraphs."""
    return node.label is not None and node.label.text.startswith("专栏")


def _title_ish(text: str) -> bool:
    """A line that names a topic: short, one sentence at most ("加快系统创新，增强融合发展新动能。")."""
    core = text.strip().rstrip("。；;：:")
    return 0 < len(core) <= 40 and "\n" not in core and not re.search(r"[。；;！!？?]", core)


def _heading_like(text: str) -> bool:
    key = key_of(text).strip()
    return 0 < len(key) <= 20 and not re.search(r"[。，,；;：:！!？?]", key) and not re.match(r"^(?:表|图|附表|专栏|注)", key)
