"""Lines put back together: text that a PDF, a web page or a hand-broken Word file split mid-sentence.

A document is hard-wrapped when many lines share one width; a line of (nearly) that width which
does not end a sentence continues on the next line, unless the next line opens a new numbered
paragraph. A line with an unclosed bracket continues on the next line wherever it is. A label
printed alone on its line ("1.3", "一、") belongs to the title on the next line. In hard-wrapped
text, a titled paragraph that a PDF printed on the line of the one before, after a space (a box's
last line beside the body's next one: "…新型装备。 聚力研发工业软件产品。…"), is a paragraph again.
A numbered heading that a PDF printed at the end of the paragraph before it, right after that
paragraph's last sentence ("…提高行业标识编码系统的兼容性。（二）装备与系统标准（CIB）"), is a heading
again when it carries the document's numbering on: without it the items under it would hang from
the wrong section.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from compare.documents.keys import key_of
from compare.documents.model import Block
from compare.documents.numbering import Label, chinese_to_int, find_enumeration, match_label

# Labels that begin a new paragraph even right after a line that ended mid-sentence.
STRONG_STYLES = ("part", "chapter", "jie", "article", "cn_dun", "cn_paren", "question", "target", "circled")
_SENTENCE_END = "。！？；：!?;:…)）】"
# A closing quote ends a sentence only after the sentence's own end (…。”), not after a quoted
# term: "突破一批“卡脖子”" goes on with "基础零部件和装置。" on the next line.
_CLOSING_QUOTES = "”’」』"
_SENTENCE_FINAL = "。！？!?…"
# A sentence end, spaces, then more text: Chinese puts no space between sentences, a PDF
# extraction that ran two text runs together does. Split only before a titled paragraph
# ("聚力研发工业软件产品。推动…"), never before a label or an enumeration (三、四月份…, 二是…).
_RUN_TOGETHER = re.compile(r"(?<=[。！？；])[ \u3000]+(?=[\u4e00-\u9fff])")
_TITLED = re.compile(r"^[^，,。；;：:！!？?\s]{4,20}。(?=.{10,})", re.S)
_OPENING = {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】"}
# A numbered heading printed after the last sentence of the paragraph before it: the heading styles
# of outlines, a title of at most 40 characters without clause punctuation (a final ： or ？ is a
# heading's own), opening with a character a title opens with.
_GLUED_STYLES = ("part", "chapter", "jie", "cn_dun", "cn_paren", "ar_dot", "ar_paren")
_RESTARTING = ("cn_paren", "ar_dot", "ar_paren")  # numbered afresh under each heading above them
_SENTENCE_BREAK = re.compile(r"[。！？][”’」』]?")
_GLUED_TITLE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9“《【\"][^，,。；;！!：:？?]{1,39}[：:？?]?$")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _plain(block: Block) -> bool:
    return not block.cells and not block.label and block.outline_level is None and not block.form_label


def _unclosed(text: str) -> bool:
    depth = {o: 0 for o in _OPENING}
    for ch in text:
        if ch in _OPENING:
            depth[ch] += 1
        else:
            for opening, closing in _OPENING.items():
                if ch == closing and depth[opening]:
                    depth[opening] -= 1
    return any(depth.values())


def _glue(previous: str, following: str) -> str:
    ascii_join = previous[-1:].isascii() and previous[-1:].isalnum() and following[:1].isascii()
    return previous + (" " if ascii_join else "") + following


def join_bare_labels(blocks: list[Block]) -> list[Block]:
    """A label printed alone on its line ("1.3", "一、") belongs to the title on the next line."""
    out: list[Block] = []
    pending: Block | None = None
    for block in blocks:
        if pending is not None:
            if not block.cells and not block.label and match_label(block.text, key_of(block.text)) is None:
                glue = " " if pending.text[-1:].isdigit() else ""
                out.append(replace(block, text=pending.text + glue + block.text, source=pending.source))
                pending = None
                continue
            out.append(pending)
            pending = None
        if not block.cells and not block.label and len(block.text) <= 8:
            probe = match_label(block.text + " 题", key_of(block.text) + " 题")
            if probe is not None and probe.text.strip() == block.text.strip():
                pending = block
                continue
        out.append(block)
    if pending is not None:
        out.append(pending)
    return out


def _wrap_width(blocks: list[Block]) -> int | None:
    """The width at which the text was hard-wrapped, or None when it was not."""
    lines = [b for b in blocks if _plain(b)]
    if len(lines) < 8:
        return None
    counts = Counter(w for w in (_width(b.text) for b in lines) if w >= 30)
    if not counts:
        return None
    best = max(counts, key=lambda w: (sum(counts[v] for v in range(w - 4, w + 1)), w))
    full = sum(counts[v] for v in range(best - 4, best + 1))
    return best if full >= max(5, len(lines) * 0.2) else None


def reflow(blocks: list[Block]) -> list[Block]:
    """Join lines that were wrapped in the middle of a sentence; in hard-wrapped text, split lines
    that ran two paragraphs together."""
    best = _wrap_width(blocks)
    out: list[Block] = []
    joinable = False  # the previous line continues on this one
    for block in blocks:
        if joinable and _plain(block) and out:
            label = match_label(block.text, key_of(block.text))
            # After a quoted term ("…或“瞪羚企业”") the sentence may go on, but a numbered line
            # still starts a new one.
            quoted_end = out[-1].text[-1:] in _CLOSING_QUOTES
            if label is None or (label.style not in STRONG_STYLES and not quoted_end):
                out[-1] = replace(out[-1], text=_glue(out[-1].text, block.text))
                joinable = _continues(out[-1].text, block.text, best)
                continue
        out.append(block)
        # A paragraph Word numbered is whole: only an unclosed bracket carries it on.
        joinable = not block.cells and not block.form_label and _continues(block.text, block.text, None if block.label else best)
    return _split_run_together(out) if best is not None else out


class _Numbering:
    """The numbering seen so far: the last number of each style, to tell a heading that carries the
    numbering on (…。（二）装备与系统标准 after （一）) from text that only looks like one (…。三、四月份是…,
    …。一、二等奖), and the order the styles first appeared in, which is their level (一、 over （一）
    over 1.)."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.level: dict[str, int] = {}

    @staticmethod
    def label_of(block: Block) -> Label | None:
        text = block.label + block.text if block.label else block.text
        return match_label(text, key_of(text))

    def see(self, block: Block) -> None:
        label = self.label_of(block)
        if label is not None:
            self.level.setdefault(label.style, len(self.level))
            if label.value is not None:
                self.last[label.style] = label.value

    def fits(self, style: str, value: int | None) -> bool:
        """The next number of its style, or the one after (sources skip a number now and then), or a
        list starting afresh under a new heading."""
        if value is None:
            return False
        last = self.last.get(style, 0)
        return last < value <= last + 2 or (value == 1 and style in _RESTARTING)

    def closes(self, style: str, following: Block | None) -> bool:
        """Whether `following` is numbered at a level above `style`: a heading there would have
        neither text nor entries of its own (…。（一）类监测对象实行每月走访, then 二、…)."""
        label = self.label_of(following) if following is not None else None
        if label is None or label.style == style or label.style not in self.level:
            return False
        return self.level[label.style] < self.level.get(style, len(self.level))


_TAIL_CHARS = 50  # a glued heading is short: only the end of a paragraph is searched


def _glued_heading(text: str, numbering: _Numbering) -> tuple[int, Label] | None:
    """Where a numbered heading begins that runs from after the last sentence of `text` to its end,
    and its label."""
    offset = max(0, len(text) - _TAIL_CHARS)
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, offset, len(text) - 1)]
    if not ends or ends[-1] < 2:
        return None
    start = ends[-1] + len(text[ends[-1] :]) - len(text[ends[-1] :].lstrip())
    tail = text[start:].rstrip()
    label = match_label(tail, key_of(tail))
    if label is None or label.style not in _GLUED_STYLES or not numbering.fits(label.style, label.value):
        return None
    title = tail[len(label.text) :].strip()
    if _numbers_in_a_row(label, title) or not _GLUED_TITLE.match(title):
        return None
    return start, label


_UNITS = "月季年级等号楼批期届次"


def _numbers_in_a_row(label: Label, title: str) -> bool:
    """三、四月份 / 二、四季度 / 一、二等奖 / 五、六十年代 / 2、4号线: numbers in a row, not a label and
    a title — the words open with the next number, or with a larger one before a unit, in the
    label's own numerals (（一）5G网络, 一、三农工作 are titles)."""
    if label.value is None:
        return False
    if re.search(r"\d", label.text):
        digits = re.match(r"\d+", title)
        return digits is not None and int(digits.group()) > label.value
    word = re.match(r"[一二三四五六七八九十]+", title)
    value = chinese_to_int(word.group()) if word else None
    if value is None:
        return False
    after = title[word.end() : word.end() + 1]
    return value == label.value + 1 or (value > label.value and after != "" and after in _UNITS)


def _carries_on(label: Label, following: Block | None) -> bool:
    """Whether the next paragraph goes on with the words after the label: it opens with a clause
    mark (…注册 / ，具有独立法人资格), or it holds the next entry of the same list inside its running
    text (…（1）企业上年度研发投入 / 占营业收入的比例不低于3%；（2）企业科技人员占比不低于10%。)."""
    if following is None or not _plain(following):
        return False
    text = following.text.lstrip()
    if text and text[0] in "，,、；;：:）)”":
        return True
    for m in re.finditer(r"(?<=[。；;，,！？])\s*", text):
        rest = text[m.end() :]
        entry = match_label(rest, key_of(rest))
        if (
            entry is not None
            and entry.style == label.style
            and entry.value == (label.value or 0) + 1
            and re.search(r"[，,。；;]", rest[len(entry.text) :])  # running text, not a heading glued on at its end
        ):
            return True
    return False


def _stays_text(block: Block, start: int, label: Label, later: list[Block], numbering: _Numbering, wrap: int | None) -> bool:
    """Whether the heading-like words from `start` to the end of `block` are text after all (`later`:
    the blocks after it)."""
    following = later[0] if later else None
    # A line of the wrap width was cut by the wrap, and the words after its label may go on on the
    # next line ("…如下。1.设备" / "投资额在500万元以上的项目…"): the paragraphs after reflow decide it,
    # unless a space before the label marks a text run of its own ("…等标准。 四、组织实施").
    if wrap is not None and wrap - 6 <= _width(block.text) <= wrap + 2 and not block.text[start - 1].isspace():
        return True
    return _carries_on(label, following) or numbering.closes(label.style, following) or _numbered_again(label, later)


def _numbered_again(label: Label, later: list[Block]) -> bool:
    """Whether the next label of the same style repeats or goes back on this one's number (…申请书。（三）项所列
    材料另行提交, then （三）何时申报？): the list goes on further down, and this only looks like an entry."""
    for block in later:
        other = _Numbering.label_of(block)
        if other is not None and other.style == label.style:
            return other.value is not None and label.value is not None and 1 < other.value <= label.value
    return False


def split_glued_headings(blocks: list[Block], lines: bool = False) -> tuple[list[Block], list[str]]:
    """A numbered heading printed after the last sentence of the paragraph before it is a paragraph of
    its own; returns the blocks and the headings so restored (the reader reports them). Run twice:
    on the lines as read (`lines`), before the front matter is told from the body ("…》。一、总体要求"
    opens the body) and before a hard-wrapped heading line is joined to the body under it; and on
    whole paragraphs after reflow, for a heading that was itself wrapped."""
    out: list[Block] = []
    restored: list[str] = []
    numbering = _Numbering()
    wrap = _wrap_width(blocks) if lines else None
    for n, block in enumerate(blocks):
        found = _glued_heading(block.text, numbering) if _plain(block) else None
        if found is not None and not _stays_text(block, *found, blocks[n + 1 :], numbering, wrap):
            start = found[0]
            out.append(replace(block, text=block.text[:start].rstrip()))
            block = replace(block, text=block.text[start:].strip())
            restored.append(block.text)
        out.append(block)
        numbering.see(block)
    return out, restored


def restored_note(restored: list[str]) -> list[str]:
    """The reader's note on headings split off the line before them, in Chinese; none when none."""
    if not restored:
        return []
    shown = "、".join(f"“{t[:20]}”" for t in restored[:3])
    return [f"有{len(restored)}处编号标题与上一段文字连在同一行（如{shown}），已作为标题分开；如有误，请对照原文核对。"]


def _ends_sentence(text: str) -> bool:
    if text[-1] in _CLOSING_QUOTES:
        return len(text) > 1 and text[-2] in _SENTENCE_FINAL
    return text[-1] in _SENTENCE_END


def _split_run_together(blocks: list[Block]) -> list[Block]:
    """Paragraphs split where a space follows a sentence end and a titled paragraph begins."""
    out: list[Block] = []
    for block in blocks:
        text, start = block.text, 0
        if _plain(block):
            for gap in _RUN_TOGETHER.finditer(text):
                rest = text[gap.end() :]
                if _TITLED.match(rest) and match_label(rest, key_of(rest)) is None and not find_enumeration(key_of(rest)):
                    out.append(replace(block, text=text[start : gap.start()]))
                    start = gap.end()
        out.append(replace(block, text=text[start:]) if start else block)
    return out


def _continues(text: str, last_line: str, best: int | None) -> bool:
    """Whether the paragraph `text`, whose last line is `last_line`, goes on in the next line."""
    if not text:
        return False
    if best is not None and _width(last_line) >= best - 6:
        return not _ends_sentence(text)
    # Off the wrap width, a closing quote ends the line as before (a mistyped “…“…” must not
    # carry a title on into its body).
    if text[-1] in _SENTENCE_END or text[-1] in _CLOSING_QUOTES:
        return False
    return len(text) <= 200 and _unclosed(text)
