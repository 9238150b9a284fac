"""The selected upper task and lower measure side by side, as a diff tool shows them:
shared phrases (the link's evidence) highlighted in both, differing text tinted, the link's
match degree (人工 for a reviewer's own link) and status, a 不适用 reason, and the items'
departments and other attributes beneath. Beside a gap or a weakly covered task, the engine's
candidate measures, each linked with one click (or Alt+1 … Alt+5)."""
from __future__ import annotations

import html

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from compare.alignment.crosswalk import Link, LinkStatus, Suggestion
from compare.alignment.diff import DiffOp, char_diff
from compare.documents.model import Item
from exporters.summary import score_text

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
    """One side: a caption and a browser showing the item text and facts about it."""

    def __init__(self, caption: str, parent: QWidget | None = None, beside: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.caption = QLabel(caption)
        self.caption.setObjectName("paneCaption")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        head = QHBoxLayout()
        head.addWidget(self.caption)
        if beside is not None:  # the colour legend shares the caption's line: a line less on a small screen
            head.addStretch(1)
            head.addWidget(beside)
        layout.addLayout(head)
        layout.addWidget(self.browser, 1)

    def show_item(self, item: Item | None, body_html: str, placeholder: str, facts: Sequence[tuple[str, str]] = ()) -> None:
        if item is None:
            self.browser.setHtml(f'<p style="color:#666">{html.escape(placeholder)}</p>')
            return
        rows = list(facts)
        if item.path:
            rows.append((self.tr("所属部分"), " › ".join(item.path)))
        rows.append((self.tr("位置"), item.source.describe()))
        rows.extend(item.attributes)
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
    suggestionChosen = Signal(str)  # id of the candidate measure to link to the task on show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        legend = QLabel(
            self.tr(
                '<span style="{0}">&nbsp;共同表述&nbsp;</span>&nbsp;&nbsp;'
                '<span style="{1}">&nbsp;仅上级有&nbsp;</span>&nbsp;&nbsp;'
                '<span style="{2}">&nbsp;仅本级有&nbsp;</span>'
            ).format(EVIDENCE_STYLE, ONLY_UPPER_STYLE, ONLY_LOWER_STYLE)
        )
        legend.setObjectName("diffLegend")
        self.upper_view = ItemView(self.tr("上级任务"), beside=legend)
        self.lower_view = ItemView(self.tr("本级措施"))
        self.suggestions = QTextBrowser()
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setOpenLinks(False)
        self.suggestions.anchorClicked.connect(self._on_suggestions_anchor_clicked)
        lower_side = QSplitter(Qt.Orientation.Vertical)
        lower_side.addWidget(self.lower_view)
        lower_side.addWidget(self.suggestions)
        splitter.addWidget(self.upper_view)
        splitter.addWidget(lower_side)
        layout.addWidget(splitter, 1)
        self.show_pair(None, None, None)

    def show_pair(
        self,
        upper: Item | None,
        lower: Item | None,
        link: Link | None,
        upper_note: str = "",
        lower_note: str = "",
        not_applicable: str | None = None,
        suggestions: Sequence[tuple[Item, Suggestion]] | None = None,
    ) -> None:
        """Show a pair (either side may be None). `suggestions` (a list, possibly empty) are
        offered beside a gap or weak task; None shows no suggestion list."""
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
            facts = []
            if not_applicable is not None:
                facts.append((self.tr("不适用"), not_applicable or self.tr("未填写理由")))
            if upper_note:
                facts.append((self.tr("审核意见"), upper_note))
            self.upper_view.show_item(upper, body, "", facts)
        else:
            self.upper_view.show_item(None, "", self.tr("（没有对应的上级任务：本级新增措施）") if lower else self.tr("请在中间的对照表中选择一行。"))
        if lower is not None:
            body = marked_html(lower.text, [e.lower for e in evidence], lower_diff, ONLY_LOWER_STYLE)
            facts = []
            if link is not None:
                facts.append((self.tr("匹配度"), link_score_text(link)))
                facts.append((self.tr("审核状态"), self._link_status_word(link.status)))
                if link.note:
                    facts.append((self.tr("审核意见"), link.note))
            if lower_note:
                facts.append((self.tr("审核意见"), lower_note))
            self.lower_view.show_item(lower, body, "", facts)
        else:
            self.lower_view.show_item(None, "", self.tr("（尚无对应的本级措施）") if upper else "")
        self.lower_view.setVisible(lower is not None or suggestions is None)
        self.suggestions.setVisible(suggestions is not None)
        if suggestions is not None:
            self.suggestions.setHtml(self._suggestions_html(suggestions, gap=lower is None))

    def _link_status_word(self, status: LinkStatus) -> str:
        """The link's own review status (the table's 状态 also says weak, overlap, 不适用)."""
        return {
            LinkStatus.AUTO: self.tr("待审核"),
            LinkStatus.CONFIRMED: self.tr("已确认"),
            LinkStatus.REJECTED: self.tr("已否决"),
            LinkStatus.MANUAL: self.tr("人工关联"),
        }[status]

    def _suggestions_html(self, suggestions: Sequence[tuple[Item, Suggestion]], gap: bool) -> str:
        heading = self.tr("程序建议的本级措施") if gap else self.tr("其他候选本级措施")
        if not suggestions:
            return (
                f"<p><b>{html.escape(heading)}</b></p><p style='color:#555'>"
                + html.escape(self.tr("程序没有找到与这项任务有共同表述的本级措施。可用“添加关联…”从全部措施中选择，或标为“不适用”。"))
                + "</p>"
            )
        rows = []
        for n, (item, suggestion) in enumerate(suggestions, start=1):
            text = marked_html(item.text, [e.lower for e in suggestion.evidence], [], "")
            rows.append(
                f'<tr><td valign="top"><a href="link:{html.escape(item.id)}"><b>{html.escape(self.tr("关联"))}</b></a>'
                f'<br><span style="color:#555">Alt+{n}</span></td>'
                f'<td valign="top" style="padding:0 8px;white-space:nowrap">{suggestion.score:.0%}</td>'
                f'<td valign="top"><b>{html.escape(item.label)}</b>{text}</td></tr>'
            )
        hint = self.tr("按匹配度排序，黄色为与任务共同的表述；点击“关联”或按 Alt+数字，即关联为人工关联（可撤销）。")
        return (
            f"<p><b>{html.escape(heading)}</b>&nbsp;<span style='color:#555'>{html.escape(hint)}</span></p>"
            f'<table cellspacing="4" width="100%">{"".join(rows)}</table>'
        )

    def _on_suggestions_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "link":
            self.suggestionChosen.emit(url.path())

    def upper_html(self) -> str:
        return self.upper_view.browser.toHtml()

    def lower_html(self) -> str:
        return self.lower_view.browser.toHtml()


def link_score_text(link: Link) -> str:
    """A link's match degree as the exports show it; 人工 for a reviewer's own link, never a
    percentage (a session from before manual links lost their scores may still hold one)."""
    return score_text(replace(link, score=None) if link.status is LinkStatus.MANUAL else link)
