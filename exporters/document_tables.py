"""What a reader set aside in a document, as a table a reviewer can read (or export)."""
from __future__ import annotations

from compare.documents.model import Document
from exporters.plain_table import PlainColumn, PlainTable
from exporters.summary import document_name


def dropped_table(document: Document) -> PlainTable:
    """The lines of `document` that are not items, each with why, and its attachments."""
    rows = [(d.reason, d.text, d.source.describe() if d.source else "") for d in document.dropped]
    rows += [("附件（未作为条目）", f"{a.marker} {a.title}".strip(), "") for a in document.annexes]
    return PlainTable(
        title=document_name(document)[:31],
        columns=(PlainColumn("原因", 10, 18), PlainColumn("文字", 30, 80), PlainColumn("位置", 8, 12, centre=True)),
        rows=tuple(rows),
        note="这些文字不是条目，不参与对标：页面导航、文号、落款、版记等按位置识别后列在这里，以便核对没有遗漏正文。",
        empty="所有文字都已作为条目读取。",
    )
