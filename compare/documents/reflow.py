"""Lines put back together: text that a PDF, a web page or a hand-broken Word file split mid-sentence.

A document is hard-wrapped when many lines share one width; a line of (nearly) that width which
does not end a sentence continues on the next line, unless the next line opens a new numbered
paragraph. A line with an unclosed bracket continues on the next line wherever it is. A label
printed alone on its line ("1.3", "一、") belongs to the title on the next line. In hard-wrapped
text, a titled paragraph that a PDF printed on the line of the one before, after a space (a box's
last line beside the body's next one: "…新型装备。 聚力研发工业软件产品。…"), is a paragraph again.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from compare.documents.keys import key_of
from compare.documents.model import Block
from compare.documents.numbering import find_enumeration, match_label

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
