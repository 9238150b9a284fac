"""Segmentation: a reader's blocks -> a `Document` of numbered items, annexes and what was set aside.

The steps, each in a module of its own:
  layout     front matter (title, 文号, addressee, cover notice), body, annexes, foot, furniture
  reflow     lines wrapped mid-sentence joined again, bare labels joined to their titles
  hierarchy  the item tree: numbered lines with their paragraphs, lists, tables, enumerations
  roles      tasks vs context, targets and formal clauses
Then the tree is frozen into immutable `Item`s with stable hierarchical ids.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from compare.documents.hierarchy import Builder, Node
from compare.documents.keys import key_of
from compare.documents.layout import AnnexPart, lay_out, title_text
from compare.documents.model import Annex, Block, Document, Dropped, Item, ItemKind, RawDocument, SectionRole, title_of
from compare.documents.normalize import matching_key
from compare.documents.reflow import join_bare_labels, reflow, restored_note, split_glued_headings
from compare.documents.roles import assign_roles, is_formal_clause
from compare.errors import ReadError

# A trailing parenthesis naming who is responsible: （省工业和信息化厅负责） （市发展改革委牵头，市财政局配合）
_TAG = re.compile(r"[(]([^()]{2,120})[)]\s*[。;.]?\s*$")
_TAG_WORDS = re.compile(r"负责|牵头|配合|责任单位|责任部门|分工|按职责|参与")
_TAG_PREFIX = re.compile(r"^(?:责任单位|责任部门|牵头单位|负责单位)\s*[:]\s*")
# Bodies that name units on their own: a tag of such names after a full sentence is a 负责部门.
_ORG_END = re.compile(r"(?:委|厅|局|办|部|院|中心|政府|公司|署|行|办公室|管委会|集团)$")
_TAG_NOT = re.compile(r"\d{4}|试行|以下简称|简称|含|即|如|例如|等等|年$")
RESPONSIBLE = "负责部门"


def _split_tag(text: str) -> tuple[str, str]:
    """Split a trailing responsibility tag off an item's text: (text, departments).

    A tag names units in role words (负责, 牵头, 配合) or, after a complete sentence, as a list of
    unit names; "计算思维类项目相关要求（大学生组）" keeps its parenthesis."""
    key = key_of(text)
    m = _TAG.search(key)
    if not m:
        return text, ""
    inner = m.group(1)
    body = text[: m.start()].rstrip()
    names = re.split(r"[、,，;；和及]", re.sub(_TAG_WORDS, "、", _TAG_PREFIX.sub("", inner)))
    names = [n.strip() for n in names if n.strip()]
    after_sentence = body.endswith(("。", "；", ";", "!", "！"))
    looks_like_units = bool(_TAG_WORDS.search(inner)) or (after_sentence and names and all(_ORG_END.search(n) for n in names))
    if not looks_like_units or _TAG_NOT.search(inner):
        return text, ""
    if body and not body.endswith(("。", "；", ";", "!", "！")) and key[m.end() - 1 :].strip(" )）").startswith("。"):
        body += "。"
    inner_text = text[m.start() + 1 : m.start() + 1 + len(inner)].strip()
    prefix = _TAG_PREFIX.match(key_of(inner_text))
    if prefix and not re.search(r"(?:单位|部门)\s*:", key_of(inner_text)[prefix.end() :]):
        return body, inner_text[prefix.end() :]  # "责任单位：省科技厅" -> "省科技厅"; several roles stay spelled out
    roles = _TAG_WORDS.findall(inner)
    if roles == ["负责"] and key_of(inner_text).endswith("负责"):
        return body, inner_text[: -len("负责")]  # "省工业和信息化厅负责" -> "省工业和信息化厅"
    return body, inner_text


def _heading_text(node: Node) -> str:
    text = title_of(node.text)
    label = node.label.text if node.label else ""
    return f"{label}{text}"


def _id_part(child: Node, counters: Counter[str]) -> str:
    if child.label and child.label.value is not None:
        return str(child.label.value)
    kind = "t" if child.style == "target" else "p"
    counters[kind] += 1
    return f"{kind}{counters[kind]}"


def _kind(child: Node) -> ItemKind:
    if child.children:
        return ItemKind.HEADING
    if child.style == "target":
        return ItemKind.TARGET
    if child.style == "row":
        return ItemKind.ROW
    return ItemKind.ITEM


def _freeze(root: Node) -> list[Item]:
    """Immutable items in reading order, with hierarchical ids ("2.3.12": 12. under （三） under 二、)."""
    items: list[Item] = []
    used: set[str] = set()
    # Depth-first in reading order with an explicit stack (deep documents stay off the recursion
    # limit); siblings share a counter for their unnumbered ids, advanced as each is popped.
    pending: list[tuple[Node, str | None, tuple[str, ...], int, Counter[str]]] = []

    def visit(node: Node, parent_id: str | None, path: tuple[str, ...], level: int) -> None:
        counters: Counter[str] = Counter()
        for child in reversed(node.children):
            pending.append((child, parent_id, path, level, counters))

    visit(root, None, (), 0)
    while pending:
        child, parent_id, path, level, counters = pending.pop()
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
                role=_closing_role(child) if child.closing else SectionRole.TASK,
            )
        )
        visit(child, item_id, path + (_heading_text(child),), level + 1)
    return items


def _closing_role(node: Node) -> SectionRole:
    """Closing words are context ("以上措施…抓好落实"), an effective-date clause is formal."""
    return SectionRole.FORMAL if is_formal_clause(node.text) else SectionRole.CONTEXT


# Words of a header line of a table flattened to text (the annex 分工方案 of a notice).
_TABLE_HEADERS = ("序号", "方面", "任务", "分工", "措施", "负责", "部门", "单位", "牵头", "协助", "时限", "备注", "内容", "类别")


def _is_table_header(line: str) -> bool:
    """A line of column headers (序号 方面 任务 …), not a caption that names them (《…》分工方案)."""
    key = key_of(line)
    return sum(1 for word in _TABLE_HEADERS if word in key) >= 3 and len(key) <= 120 and "《" not in key


def _is_cell_line(line: str) -> bool:
    """A line short enough to be one cell of a table flattened one cell per line."""
    return len(line) <= 12 and not re.search(r"[。；;]", line)


def _annex(part: AnnexPart) -> Annex:
    lines = [" | ".join(v for _, v in b.cells) if b.cells else b.label + b.text for b in part.blocks]
    rows = sum(1 for b in part.blocks if b.cells)
    flattened = any(_is_table_header(line) for line in lines[:8]) or (
        len(lines) >= 10 and sum(map(_is_cell_line, lines)) >= 0.4 * len(lines)
    )
    is_table = rows * 2 >= max(1, len(part.blocks)) or flattened
    return Annex(part.title or part.marker, "\n".join(lines), is_table, tuple(part.blocks), part.marker)


def _items(blocks: list[Block]) -> tuple[list[Item], list[str], list[str]]:
    """The items of `blocks`, the builder's notes, and the headings split off the paragraph before."""
    paragraphs, restored = split_glued_headings(reflow(join_bare_labels(blocks)))
    builder = Builder(paragraphs)
    return assign_roles(_freeze(builder.build())), builder.notes, restored


def segment(raw: RawDocument, annex: int | None = None) -> Document:
    """Split a reader's blocks into the document's numbered items.

    `annex` (1-based) reads that attachment of the file as the document instead of its body: a
    任务分工表 sent as 附件2 of a notice can be the lower document of a comparison."""
    lines, restored = split_glued_headings(list(raw.blocks), lines=True)
    layout = lay_out(lines)
    warnings = list(raw.warnings) + layout.warnings
    title = title_text(layout) or raw.title_hint or Path(raw.path).stem
    body = layout.body
    if annex is not None:
        if not 1 <= annex <= len(layout.annexes):
            have = "、".join(a.marker for a in layout.annexes) or "没有附件"
            raise ReadError(raw.path, f"文件中没有第{annex}个附件（{have}）", "请在“打开选项”中选择文件中已有的附件，或选择正文")
        chosen = layout.annexes[annex - 1]
        body, title = chosen.blocks, chosen.title or chosen.marker
        warnings.append(f"读取的是文件中的{chosen.marker}“{title[:40]}”，不是正文。")
    items, notes, more = _items(body)
    warnings += notes
    if annex is None and layout.annexes and not any(it.label for it in items):
        # A notice that only issues its attachment ("现将《实施方案》印发给你们"): the attachment,
        # a plan or a 分工方案 table, is the document.
        first = layout.annexes[0]
        dropped_cover = [Dropped(b.text, "印发通知的正文", b.source) for b in body]
        items, notes, more = _items(first.blocks)
        warnings += notes
        warnings.append(f"正文没有编号条目，已读取{first.marker}“{(first.title or '')[:40]}”作为条目。")
        layout.dropped.extend(dropped_cover)
        title = first.title or title
        layout.annexes = layout.annexes[1:]
    warnings += restored_note(restored + more)
    if not any(it.kind is not ItemKind.HEADING for it in items):
        raise ReadError(raw.path, "没有找到任何文字条目", "请确认文件内容是政策正文，而不是扫描图片或空白模板")
    if not any(it.is_task for it in items):
        warnings.append(
            "文件中的条目都属于“总体要求”“目标”“附则”等部分，没有作为任务或措施的条目；"
            "如需对标，请在文档目录中把相应部分设为“任务”。"
        )
    annexes = tuple(_annex(part) for part in layout.annexes) if annex is None else ()
    for found in annexes:
        warnings.append(f"附件“{found.title[:40]}”已单独保留，未作为正文条目；如需对照该附件，可在打开时选择它。")
    dropped = tuple(layout.dropped)
    if dropped:
        reasons = Counter(d.reason for d in dropped)
        listed = "、".join(f"{reason}{count}处" for reason, count in reasons.most_common(6))
        warnings.append(f"有{len(dropped)}行文字不是条目，未参与对标（{listed}），可在“未列为条目的文字”中查看。")
    return Document(
        title=title,
        source_path=raw.path,
        format=raw.format,
        items=tuple(items),
        warnings=tuple(dict.fromkeys(warnings)),
        encoding=raw.encoding,
        annexes=annexes,
        dropped=dropped,
    )
