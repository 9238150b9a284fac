"""Where the parts of a document are: what comes before its body, the body, its annexes, its foot.

A government file carries more than its numbered text: a page's navigation and metadata, a cover
notice with its 文号, addressee and signature, the title, an introduction, the signature and
版记 at the foot, attachment lists and the attachments themselves, and on a web page share
buttons after all of it. `lay_out` finds these parts by position and structure — before the first
numbered item, after the last one's signature, between 附件 markers — and never by a word that
can occur in policy text. Every line it sets aside is returned with its reason, so a reader can
see it (`Document.dropped`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.documents.furniture import (
    ADDRESSEE,
    ANNEX_START,
    ATTACHMENT_ENTRY,
    CONTENTS_HEADING,
    CONTENTS_LEADER,
    DOCUMENT_NUMBER,
    PARENTHETICAL,
    furniture_reason,
    is_closing,
    is_contact,
    is_date_line,
    is_distribution,
    is_office_list,
    is_issuer_line,
)
from compare.documents.keys import key_of
from compare.documents.model import Block, Dropped
from compare.documents.numbering import match_label

# Words a document title ends with: …的通知, …实施方案, …管理办法, …活动指南.
_DOCUMENT_TYPE = re.compile(
    r"(?:通知|通告|公告|意见|办法|方案|规定|细则|条例|规划|计划|纲要|决定|指南|指引|要求|规范|措施|批复|复函|函|报告|"
    r"说明|清单|目录|标准|总结|大纲|规则|章程|公约|制度|概况|格式|须知|简章|解读)$"
)
_LIST_ENTRY = re.compile(r"^\d{1,2}\s*[.、]\s*\S")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\{|^[x×＿_]{2,}|xxx", re.IGNORECASE)


@dataclass
class AnnexPart:
    """An attachment found in the file: its marker line, title and blocks."""

    marker: str
    title: str
    blocks: list[Block]


@dataclass
class Layout:
    title_lines: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    annexes: list[AnnexPart] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    standalone_annex: str = ""  # "附件3" when the whole file is an attachment of another document


def _labelled(block: Block) -> bool:
    """A numbered line, a table row or a form label: where a body can start."""
    return bool(block.label or block.cells or block.form_label) or match_label(block.text, key_of(block.text)) is not None


def _drop(layout: Layout, block: Block, reason: str) -> None:
    layout.dropped.append(Dropped(block.text, reason, block.source))


# --- furniture anywhere: whole short lines only --------------------------------------------------


def _without_furniture(blocks: list[Block], layout: Layout) -> list[Block]:
    kept: list[Block] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        n += 1
        if block.cells or block.label:
            kept.append(block)
            continue
        key = key_of(block.text)
        if CONTENTS_HEADING.match(key):
            _drop(layout, block, "目录")
            n = _skip_contents(blocks, n, layout)
            continue
        reason = furniture_reason(key)
        if reason is None:
            kept.append(block)
        elif reason != "空行":
            _drop(layout, block, reason)
    return kept


def _skip_contents(blocks: list[Block], n: int, layout: Layout) -> int:
    """Past a table of contents: the entries after 目录, up to where the body begins (a line
    without the dot leaders the entries had, a long paragraph, or the first entry printed again)."""
    first: str | None = None
    leaders = False
    while n < len(blocks) and not blocks[n].cells:
        key = key_of(blocks[n].text)
        leader = CONTENTS_LEADER.search(key)
        entry = (key[: leader.start()] if leader else key).replace(" ", "")
        if first is not None and leaders and not leader and furniture_reason(key) is None:
            break
        if len(entry) > 40 or re.search(r"[。；;]", entry) or entry == first:
            break
        if first is None and entry:
            first, leaders = entry, bool(leader)
        _drop(layout, blocks[n], "目录")
        n += 1
    return n


# --- annexes --------------------------------------------------------------------------------


def _annex_marker(block: Block) -> re.Match[str] | None:
    if block.cells or block.label:
        return None
    key = key_of(block.text)
    found = ANNEX_START.match(key)
    if found is None or ATTACHMENT_ENTRY.match(key) or re.search(r"[。；;]", found.group(2)):
        return None
    return found


def _is_list_entry(block: Block) -> bool:
    key = key_of(block.text)
    return not block.cells and len(key) <= 100 and not key.endswith("。") and bool(_LIST_ENTRY.match(key) or _annex_marker(block))


def _attachment_list_end(blocks: list[Block], n: int) -> int | None:
    """Where an attachment list starting at `n` ends ("附件：1.…", "2.…"), or None when the line
    at `n` opens an attachment rather than listing them."""
    block = blocks[n]
    key = key_of(block.text)
    bare = _annex_marker(block)
    if not ATTACHMENT_ENTRY.match(key):
        # "附件：" or "附件1：标题" followed by more entries lists the attachments; followed by
        # content (a title, a table, rules) it opens one.
        if bare is None or n + 1 >= len(blocks) or not _is_list_entry(blocks[n + 1]):
            return None
        if bare.group(2) and not _annex_marker(blocks[n + 1]) and not _LIST_ENTRY.match(bare.group(2)):
            return None
    end = n + 1
    while end < len(blocks) and _is_list_entry(blocks[end]) and not (
        _annex_marker(blocks[end]) and end + 1 < len(blocks) and not _is_list_entry(blocks[end + 1])
    ):
        end += 1
    return end


def _split_annexes(blocks: list[Block], layout: Layout) -> list[Block]:
    """Cut the attachments off the body; drop attachment lists (with a warning when the listed
    attachments are not in the file)."""
    body: list[Block] = []
    listed: list[str] = []
    current: AnnexPart | None = None
    n = 0
    while n < len(blocks):
        block = blocks[n]
        list_end = _attachment_list_end(blocks, n) if not block.cells and not block.label else None
        if list_end is not None and (current is None or not current.blocks or _annex_marker(block) is None):
            for entry in blocks[n:list_end]:
                _drop(layout, entry, "附件清单")
                listed.append(entry.text)
            n = list_end
            continue
        marker = _annex_marker(block)
        if marker is not None and n > 0:
            name = block.text[: marker.end(1)].strip() if marker.group(1) else "附件"
            current = AnnexPart(marker=re.sub(r"\s+", "", name), title=marker.group(2).strip(), blocks=[])
            layout.annexes.append(current)
            n += 1
            continue
        (current.blocks if current is not None else body).append(block)
        n += 1
    for annex in layout.annexes:
        if not annex.title and annex.blocks and _title_candidate(annex.blocks[0]):
            # The title printed under a bare 附件2, over one line or several.
            lines = [annex.blocks.pop(0)]
            while annex.blocks and _title_candidate(annex.blocks[0]) and _continues_title(lines[-1], annex.blocks[0]):
                lines.append(annex.blocks.pop(0))
            annex.title = _join_title([b.text for b in lines])
        annex.blocks = _without_foot(annex.blocks, layout)
    if listed and not layout.annexes:
        layout.warnings.append(
            "文中列出的附件（" + "；".join(t.strip()[:30] for t in listed[:4]) + "）不在本文件中，未读取；如需对照附件，请另行打开附件文件。"
        )
    return body


# --- figures: a caption ("图3 基础共性标准子体系") and the labels of the diagram around it ----------

# Text taken from a PDF keeps a diagram's box labels as a run of short lines beside its caption
# (standards guides: "AA通用", "AGB自动识别设备", …); read as text they would join the item around
# them and lend it every word of the diagram.
_CAPTION = re.compile(r"^图\s*\d+(?:[-—.．]\d+)*\s*[\u4e00-\u9fffA-Za-z（(]")
_TABLE_CAPTION = re.compile(r"^表\s*\d")
# A sentence that starts with 图N ("图2展示了近五年产值变化") is no caption.
_SENTENCE_WORDS = re.compile(r"展示|显示|表明|说明|通过|可见|反映|如下|所示")
# Box labels of a standards guide's code tree: "AGB自动识别设备", "AI A工业无线通信".
_CODED_LABEL = re.compile(r"^[A-Z]{1,3}(?:\s?[A-Z])?\s*[\u4e00-\u9fff]")
# A table printed as text: a figure among numbers ("高新区 50 800"), or three or more columns.
_TABLE_ROW = re.compile(r"(?:^|\s)\d+(?:\.\d+)?%?(?:\s|$)|\S+\s+\S+\s+\S+")
_LABEL_CHARS = 24  # a box label is a few words
_MIN_LABELS = 3  # fewer short lines beside a caption may be a subtitle: kept
_PUNCTUATION = re.compile(r"[。；;，,：:、！!？?]")


def _is_caption(block: Block) -> bool:
    key = key_of(block.text).strip()
    return (
        not block.cells
        and len(key) <= 40
        and bool(_CAPTION.match(key))
        and not _PUNCTUATION.search(key)
        and not _SENTENCE_WORDS.search(key)
    )


def _is_figure_label(block: Block) -> bool:
    key = key_of(block.text).strip()
    return (
        bool(key)
        and len(key) <= _LABEL_CHARS
        and not _PUNCTUATION.search(key)
        and not _TABLE_CAPTION.match(key)
        and not _TABLE_ROW.search(block.text.strip())
        and block.outline_level is None  # a Word heading is no box label
        and not block.emphasis
        and not _labelled(block)
    )


def _figure_labels(blocks: list[Block], start: int, step: int, coded: bool = False) -> list[int]:
    """The run of box labels from `start` on, going `step` (with `coded`, only code-tree labels);
    empty when it is too short to be one, or when it is a list its line before introduces
    ("重点建设以下园区：")."""
    run: list[int] = []
    n = start
    while 0 <= n < len(blocks) and _is_figure_label(blocks[n]) and (not coded or _CODED_LABEL.match(blocks[n].text.strip())):
        run.append(n)
        n += step
    before = min(run, default=0) - 1
    if before >= 0 and re.search(r"[:：]\s*$", blocks[before].text):
        return []
    return run if len(run) >= _MIN_LABELS else []


def _without_figures(blocks: list[Block], layout: Layout) -> list[Block]:
    """Drop figure captions and the runs of box labels just before or after them. A list of
    captions (the drawings an application must include) is no figure."""
    captions = [n for n, block in enumerate(blocks) if _is_caption(block)]
    listed = {n for n in captions if n - 1 in captions or n + 1 in captions or (n > 0 and re.search(r"[:：]\s*$", blocks[n - 1].text))}
    reasons: dict[int, str] = {}
    for n in captions:
        if n in listed:
            continue
        reasons[n] = "图题"
        labels = _figure_labels(blocks, n - 1, -1) + _figure_labels(blocks, n + 1, 1)
        if n + 1 < len(blocks) and _labelled(blocks[n + 1]) and not blocks[n + 1].cells:
            # The PDF printed a heading between the figure and the rest of its code-tree labels.
            labels += _figure_labels(blocks, n + 2, 1, coded=True)
        for m in labels:
            reasons.setdefault(m, "图中文字")
    for n in sorted(reasons):
        _drop(layout, blocks[n], reasons[n])
    return [b for n, b in enumerate(blocks) if n not in reasons]


# --- the foot: signature, closings, 版记, page widgets after them ------------------------------


def _foot_reason(block: Block) -> str | None:
    key = key_of(block.text).strip()
    if is_date_line(key):
        return "落款日期"
    if is_issuer_line(key):
        return "落款单位"
    if is_closing(key):
        return "结束语"
    if is_distribution(key):
        return "版记（抄送、印发）"
    if is_contact(key):
        return "联系方式"
    return None


def _under_heading(blocks: list[Block], n: int) -> bool:
    """Whether the contact line at `n` and the contact lines just above it follow a numbered line."""
    while n > 0 and is_contact(key_of(blocks[n - 1].text)):
        n -= 1
    return n > 0 and _labelled(blocks[n - 1])


def _without_foot(blocks: list[Block], layout: Layout) -> list[Block]:
    """Drop the foot of a text: the date of the signature after the last numbered line and
    everything after it (版记, page links); then, from there back, signature, closings, 版记,
    contact lines and short unpunctuated lines beside them (a signature such as "Minecraft圈管理组")."""
    last_numbered = max((n for n, b in enumerate(blocks) if _labelled(b)), default=-1)
    dated = next((n for n in range(last_numbered + 1, len(blocks)) if is_date_line(key_of(blocks[n].text))), None)
    if dated is not None:
        for block in blocks[dated:]:
            _drop(layout, block, _foot_reason(block) or furniture_reason(key_of(block.text)) or "落款之后的文字")
        blocks = blocks[:dated]
    end = len(blocks)
    signed = dated is not None
    reasons: list[str] = []  # why each dropped block goes, from the last one back
    while end > 0:
        block = blocks[end - 1]
        if _labelled(block):
            break
        reason = _foot_reason(block)
        if reason == "联系方式" and _under_heading(blocks, end - 1):
            break  # "（二）联系方式" followed by its lines: they are that item's text
        short_line = len(block.text) <= 30 and not re.search(r"[。；;！!？?，,]", block.text)
        # A 抄送 list wraps: "抄送：市委各部门，…市检察院。" / "各民主党派市委。"
        wrapped = end >= 2 and is_office_list(key_of(block.text)) and is_distribution(key_of(blocks[end - 2].text))
        if reason is None and not (short_line and signed) and not wrapped:
            break
        signed = signed or reason in ("落款日期", "落款单位", "结束语")
        reasons.append(reason or ("版记（抄送、印发）" if wrapped else "落款"))
        end -= 1
    for block, reason in zip(blocks[end:], reversed(reasons)):
        _drop(layout, block, reason)
    return blocks[:end]


# --- before the body: title, 文号, addressee, cover notice, introduction ------------------------


def _title_candidate(block: Block) -> bool:
    text = block.text.strip()
    key = key_of(text)
    return (
        not block.cells
        and 2 <= len(text) <= 100
        and not re.search(r"[。；;]|[:]$", key)
        and not DOCUMENT_NUMBER.match(key)
        and not PARENTHETICAL.match(key)
        and not is_date_line(key)
        and not is_issuer_line(key)
        and not _PLACEHOLDER.search(key)
        and not re.match(r"^(?:表|图|附表|注)\s*\d*\s*[:：]?", key)
        and not key.endswith("文件")
    )


def _front_reason(block: Block) -> str:
    key = key_of(block.text).strip()
    if DOCUMENT_NUMBER.match(key):
        return "文号"
    if PARENTHETICAL.match(key):
        return "标题下的说明"
    if ADDRESSEE.match(key):
        return "主送单位"
    if key.endswith("文件") and len(key) <= 40:
        return "版头"
    return _foot_reason(block) or "正文前的文字（标题、导语等）"


def _join_title(lines: list[str]) -> str:
    text = "".join(line.strip() for line in lines)
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)  # "的 通 知" -> "的通知"


_CUT_TITLE = re.compile(r"(?:[—－\-]|的|和|与|及|关于|暨)$")


def _continues_title(previous: Block, line: Block) -> bool:
    """Whether `line` carries on the title printed on `previous` (a title broken over lines)."""
    before = key_of(previous.text).replace(" ", "")
    after = key_of(line.text).replace(" ", "")
    if previous.outline_level is not None and previous.outline_level == line.outline_level:
        return True
    if _CUT_TITLE.search(before):
        return True
    return len(after) <= 20 and bool(_DOCUMENT_TYPE.search(after)) and not _DOCUMENT_TYPE.search(before)


def _title_runs(front: list[Block]) -> list[list[Block]]:
    """Titles among the lines before the body: runs of title-like lines that carry on each other."""
    runs: list[list[Block]] = []
    previous: Block | None = None
    for block in front:
        if not _title_candidate(block):
            previous = None
            continue
        if previous is not None and _continues_title(previous, block):
            runs[-1].append(block)
        else:
            runs.append([block])
        previous = block
    return runs


def _choose_title(front: list[Block]) -> list[Block]:
    """The document's title: a styled title naming a document type (…办法, …的通知) wins, the last
    such one when a cover notice precedes the document it issues; then the first styled line; then
    the last line naming a document type; then the last title-like line."""
    runs = _title_runs(front)
    if not runs:
        return []

    def styled(run: list[Block]) -> bool:
        return any(b.outline_level is not None or b.emphasis for b in run)

    def typed(run: list[Block]) -> bool:
        return bool(_DOCUMENT_TYPE.search(key_of(_join_title([b.text for b in run]))))

    both = [r for r in runs if styled(r) and typed(r)]
    if both:
        return both[-1]
    first_styled = next((r for r in runs if styled(r)), None)
    if first_styled is not None:
        return first_styled
    return ([r for r in runs if typed(r)] or runs)[-1]


def _body_start(blocks: list[Block]) -> int:
    """The first block of the body: the first numbered line or table row."""
    return next((n for n, block in enumerate(blocks) if _labelled(block)), len(blocks))


def lay_out(blocks: list[Block]) -> Layout:
    layout = Layout()
    kept = _without_figures(_without_furniture(blocks, layout), layout)
    if kept and (marker := _annex_marker(kept[0])) is not None:
        # A file whose first line is "附件3" is itself an attachment of another document.
        layout.standalone_annex = kept[0].text.strip()
        _drop(layout, kept[0], "附件编号（本文件是另一文件的附件）")
        if marker.group(2):
            kept[0] = Block(marker.group(2), kept[0].source)
        else:
            kept = kept[1:]
    body = _split_annexes(kept, layout)
    start = _body_start(body)
    if start == len(body):
        # No numbering at all: the title lines at the top are the front, every other paragraph is text.
        leading = 0
        while leading < min(3, len(body)) and _title_candidate(body[leading]):
            leading += 1
        start = leading
    front, body = body[:start], body[start:]
    title = _choose_title(front)
    layout.title_lines = [b.text for b in title]
    for block in front:
        _drop(layout, block, "标题" if block in title else _front_reason(block))
    layout.body = _without_foot(body, layout)
    return layout


def title_text(layout: Layout) -> str:
    return _join_title(layout.title_lines)
