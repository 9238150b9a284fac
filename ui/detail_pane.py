"""The selected upper task and lower measure side by side, as a diff tool shows them:
shared phrases (the link's evidence) highlighted in both, differing text tinted, and the
items' departments and other attributes beneath."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from compare.alignment.crosswalk import Link
from compare.alignment.diff import DiffOp, char_diff
from compare.documents.model import Item

EVIDENCE_STYLE = "background-color:#ffe27a;font-weight:bold;"
ONLY_UPPER_STYLE = "background-color:#fbd3d3;"
ONLY_LOWER_STYLE = "background-color:#cdeccf;"


def marked_html(text: str, evidence: list[tuple[int, int]], differing: list[tuple[int, int]], diff_style: str) -> str:
    """`text` as HTML with evidence spans (strongest) and differing spans styled."""
    styles = [""] * len(text)
    for start, end in differing:
        for i in range(max(0, start), min(len(text), end)):
            styles[i] = diff_style
    for start, end in evidence:
        for i in range(max(0, start), min(len(text), end)):
            styles[i] = EVIDENCE_STYLE
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and styles[j] == styles[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f'<span style="{styles[i]}">{chunk}</span>' if styles[i] else chunk)
        i = j
    return "".join(out)


class ItemView(QWidget):
    """One side: a caption and a browser showing the item text and its attributes."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(caption)
        self.caption.setObjectName("paneCaption")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout.addWidget(self.caption)
        layout.addWidget(self.browser)

    def show_item(self, item: Item | None, body_html: str, placeholder: str, note: str = "") -> None:
        if item is None:
            self.browser.setHtml(f'<p style="color:#666">{html.escape(placeholder)}</p>')
            return
        rows = []
        if item.path:
            rows.append((self.tr("所属部分"), " › ".join(item.path)))
        rows.append((self.tr("位置"), item.source.describe()))
        rows.extend(item.attributes)
        if note:
            rows.append((self.tr("备注"), note))
        table = "".join(
            f'<tr><td style="color:#555;padding-right:12px;white-space:nowrap">{html.escape(k)}</td>'
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        label = f"<b>{html.escape(item.label)}</b>" if item.label else ""
        self.browser.setHtml(
            f'<p style="line-height:150%">{label}{body_html}</p>'
            f'<table style="margin-top:6px" cellspacing="2">{table}</table>'
        )


class DetailPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.upper_view = ItemView(self.tr("上级任务"))
        self.lower_view = ItemView(self.tr("本级措施"))
        splitter.addWidget(self.upper_view)
        splitter.addWidget(self.lower_view)
        layout.addWidget(splitter, 1)
        legend = QLabel(
            self.tr(
                '<span style="{0}">&nbsp;共同表述&nbsp;</span>&nbsp;&nbsp;'
                '<span style="{1}">&nbsp;仅上级有&nbsp;</span>&nbsp;&nbsp;'
                '<span style="{2}">&nbsp;仅本级有&nbsp;</span>'
            ).format(EVIDENCE_STYLE, ONLY_UPPER_STYLE, ONLY_LOWER_STYLE)
        )
        legend.setObjectName("diffLegend")
        layout.addWidget(legend)
        self.show_pair(None, None, None)

    def show_pair(self, upper: Item | None, lower: Item | None, link: Link | None, upper_note: str = "", lower_note: str = "") -> None:
        upper_diff: list[tuple[int, int]] = []
        lower_diff: list[tuple[int, int]] = []
        if upper is not None and lower is not None:
            for span in char_diff(upper.text, lower.text):
                if span.op is DiffOp.EQUAL:
                    continue
                if span.a[1] > span.a[0]:
                    upper_diff.append(span.a)
                if span.b[1] > span.b[0]:
                    lower_diff.append(span.b)
        evidence = link.evidence if link else ()
        if upper is not None:
            body = marked_html(upper.text, [e.upper for e in evidence], upper_diff, ONLY_UPPER_STYLE)
            self.upper_view.show_item(upper, body, "", upper_note or (link.note if link else ""))
        else:
            self.upper_view.show_item(None, "", self.tr("（没有对应的上级任务：本级新增措施）") if lower else self.tr("请在中间的对照表中选择一行。"))
        if lower is not None:
            body = marked_html(lower.text, [e.lower for e in evidence], lower_diff, ONLY_LOWER_STYLE)
            self.lower_view.show_item(lower, body, "", lower_note)
        else:
            self.lower_view.show_item(None, "", self.tr("（尚无对应的本级措施）") if upper else "")

    def upper_html(self) -> str:
        return self.upper_view.browser.toHtml()

    def lower_html(self) -> str:
        return self.lower_view.browser.toHtml()
