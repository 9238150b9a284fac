"""Checking that nothing a reader found went missing in segmentation.

Every sentence of every block a reader produced must end up in an item (label, text or a named
field), in an annex, or among the lines set aside with a reason (`Document.dropped`). Benchmarks
and tests use this over real files and the corpus; a line that fails is a silent loss.
"""
from __future__ import annotations

import re

from compare.documents.model import MEANINGFUL, Document, RawDocument

_IGNORED = re.compile(r"[\s|｜()（）]+")
# A responsibility tag is kept as the item's 负责部门 field without its brackets and role prefix.
_TAG_PREFIX = re.compile(r"^(?:责任单位|责任部门|牵头单位|参加单位|配合单位|负责单位)[:：]?")
# Checked clause by clause: segmentation splits text at 一是/二是 and responsibility tags.
_CLAUSE = re.compile(r"[^。；;！!？?\n，,、：:（）()]+")
_ROLE_WORDS = re.compile(r"(?:分工)?(?:负责|牵头|配合)$")


def _squash(text: str) -> str:
    return _IGNORED.sub("", text)


def accounted_text(doc: Document) -> str:
    """Everything the document keeps, as one string without spaces."""
    parts: list[str] = [doc.title]
    for item in doc.items:
        parts.append(item.label + item.text)
        parts.extend(value for _, value in item.attributes)
    for annex in doc.annexes:
        parts.append(annex.marker + annex.title)
        parts.append(annex.text)
    parts.extend(d.text for d in doc.dropped)
    return _squash("\n".join(parts))


def unaccounted_lines(raw: RawDocument, doc: Document, shortest: int = 4) -> list[str]:
    """Clauses of `raw` found nowhere in `doc` (a silent loss), each at most once."""
    kept = accounted_text(doc)
    lost: dict[str, None] = {}
    for block in raw.blocks:
        texts = [block.label + block.text] if not block.cells else [v for _, v in block.cells]
        for text in texts:
            for clause in _CLAUSE.findall(text):
                core = _TAG_PREFIX.sub("", _squash(clause))
                if len(MEANINGFUL.findall(core)) < shortest or core in kept or _ROLE_WORDS.sub("", core) in kept:
                    continue
                lost[clause.strip()] = None
    return list(lost)
