"""The chain view: one column per document of a cascade, highest level on the left.

Choosing an item in any column marks every item linked to it up and down the chain (and, with
"只显示相关条目", hides the rest), so a reviewer can follow one national task down to every action
that implements it, or one action up to the task it serves. Lists are item widgets filled once
per alignment: showing a trace touches no Python model code per paint.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from compare.analyses.cascade import Chain, ChainCoverage, ChainOutcome
from compare.documents.model import Item
from ui.rows import COLOURS, ItemStatus, lower_statuses, upper_statuses

ID_ROLE = Qt.ItemDataRole.UserRole
TRACE_BRUSH = QBrush(QColor("#1f3a93"))  # text of the followed chain: bold dark blue, over the status colour


def level_name(chain: Chain, level: int) -> str:
    title = chain.documents[level].title.strip() or f"第{level + 1}级文件"
    return title if len(title) <= 18 else title[:17] + "…"


class ChainPanel(QWidget):
    """Columns of a chain's documents; `itemChosen(level, id)` when the reviewer picks an item."""

    itemChosen = Signal(int, str)
    pairRequested = Signal(int, int, str)  # step to show, level of the item, item id (double-click)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chain: Chain | None = None
        self.summary = QLabel(self.tr("打开三份或更多文件组成链条后，这里逐级显示上级任务的落实情况。"))
        self.summary.setWordWrap(True)
        self.only_related = QCheckBox(self.tr("只显示相关条目"))
        self.only_related.setToolTip(self.tr("选中某一条目后，其他列只显示与它逐级关联的条目"))
        self.only_related.toggled.connect(self._apply_trace)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.only_related)
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.columns, 1)
        self.lists: list[QListWidget] = []
        self.titles: list[QLabel] = []
        self._items: list[dict[str, QListWidgetItem]] = []
        self._trace: tuple[frozenset[str], ...] | None = None
        self._chosen: tuple[int, str] | None = None

    # --- content ---------------------------------------------------------------------------------

    def set_chain(self, chain: Chain | None) -> None:
        """Show `chain` (None clears); a trace that still exists is kept."""
        self.chain = chain
        while self.columns.count():
            self.columns.widget(0).setParent(None)
        self.lists, self.titles, self._items = [], [], []
        if chain is None:
            self._trace = None
            self.summary.setText(self.tr("打开三份或更多文件组成链条后，这里逐级显示上级任务的落实情况。"))
            return
        chains = chain.end_to_end()
        outcomes = {c.task: c for c in chains}
        for level, document in enumerate(chain.documents):
            self._add_column(chain, level, document.items, outcomes)
        self.summary.setText(self._summary_text(chain, chain.coverage(chains), _through_weak(chain, chains)))
        chosen, self._chosen = self._chosen, None
        if chosen is not None and chosen[0] < len(self._items) and chosen[1] in self._items[chosen[0]]:
            self.choose(*chosen)  # the reviewer's trace survives a decision or a re-alignment
        else:
            self._trace = None
            self._apply_trace()

    def _summary_text(self, chain: Chain, total: ChainCoverage, through_weak: int) -> str:
        parts = [
            self.tr("第1级任务 {0} 项，逐级落实到最后一级 {1} 项（{2:.0f}%）").format(total.tasks, total.reached, total.percent)
        ]
        if through_weak:
            parts.append(self.tr("其中 {0} 项途经弱覆盖的关联，请复核").format(through_weak))
        for n, count in enumerate(total.broken_at):
            if count:
                parts.append(self.tr("在“{0}”断开 {1} 项").format(level_name(chain, n + 1), count))
        if total.not_applicable:
            parts.append(self.tr("不适用 {0} 项").format(total.not_applicable))
        if total.partial:
            parts.append(self.tr("部分分支中断 {0} 项").format(total.partial))
        return "；".join(parts) + self.tr("。选中任一条目，查看它上下各级的对应条目。")

    def _add_column(self, chain: Chain, level: int, items: tuple[Item, ...], outcomes: dict) -> None:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel()
        title.setWordWrap(True)
        title.setText(self._column_title(chain, level))
        listing = QListWidget()
        listing.setWordWrap(True)
        listing.setUniformItemSizes(False)
        listing.setAccessibleName(level_name(chain, level))
        below = upper_statuses(chain.steps[level]) if level < len(chain.steps) else {}
        above = lower_statuses(chain.steps[level - 1]) if level > 0 else {}
        index: dict[str, QListWidgetItem] = {}
        for item in items:
            if not item.is_task:
                continue
            entry = QListWidgetItem(f"{item.label}{item.text}" if len(item.text) <= 80 else f"{item.label}{item.text[:78]}……")
            entry.setData(ID_ROLE, item.id)
            entry.setToolTip(self._tooltip(item, level, below, above, outcomes))
            # Colour what needs attention: a first-level task whose chain breaks, an item with
            # nothing below it, an item nothing above asks for.
            status = below.get(item.id)
            if above.get(item.id) is ItemStatus.EXTRA:
                status = ItemStatus.EXTRA
            if level == 0 and item.id in outcomes and outcomes[item.id].outcome is ChainOutcome.BROKEN:
                status = ItemStatus.GAP
            if status in (ItemStatus.GAP, ItemStatus.WEAK, ItemStatus.EXTRA, ItemStatus.NOT_APPLICABLE):
                entry.setBackground(QBrush(QColor(COLOURS[status])))
            listing.addItem(entry)
            index[item.id] = entry
        listing.itemClicked.connect(lambda entry, level=level: self.choose(level, entry.data(ID_ROLE)))
        listing.itemDoubleClicked.connect(lambda entry, level=level: self._request_pair(level, entry.data(ID_ROLE)))
        layout.addWidget(title)
        layout.addWidget(listing, 1)
        self.columns.addWidget(column)
        self.lists.append(listing)
        self.titles.append(title)
        self._items.append(index)

    def _column_title(self, chain: Chain, level: int) -> str:
        name = level_name(chain, level)
        if level == len(chain.steps):
            return self.tr("<b>{0}</b><br>第{1}级 · 最末一级").format(name, level + 1)
        cov = chain.steps[level].coverage()
        return self.tr("<b>{0}</b><br>第{1}级 · 下一级已覆盖 {2} 项（{3:.0f}%），弱覆盖 {4} 项，缺口 {5} 项").format(
            name, level + 1, cov.covered, cov.percent, cov.weak, cov.gaps
        )

    def _tooltip(self, item: Item, level: int, below: dict, above: dict, outcomes: dict) -> str:
        lines = [f"{item.label}{item.text}"]
        if level == 0 and item.id in outcomes:
            chain_of = outcomes[item.id]
            if chain_of.outcome is ChainOutcome.BROKEN:
                lines.append(self.tr("逐级落实：在第{0}级断开").format(chain_of.broken_at + 1))
            else:
                lines.append(self.tr("逐级落实：{0}").format(chain_of.outcome.label))
        if above.get(item.id) is ItemStatus.EXTRA:
            lines.append(self.tr("上一级文件中没有对应任务（本级新增）"))
        if below.get(item.id) is ItemStatus.GAP:
            lines.append(self.tr("下一级文件中没有对应措施（缺口）"))
        return "\n".join(lines)

    # --- tracing ---------------------------------------------------------------------------------

    def choose(self, level: int, item_id: str) -> None:
        """Mark everything linked to `item_id` of column `level`, up and down the chain."""
        if self.chain is None or item_id not in self._items[level]:
            return
        self._chosen = (level, item_id)
        self._trace = self.chain.connected(level, item_id)
        self.lists[level].setCurrentItem(self._items[level][item_id])
        self._apply_trace()
        self.itemChosen.emit(level, item_id)

    def related(self, level: int) -> list[str]:
        """Ids marked in column `level` by the current trace, in document order."""
        if self._trace is None:
            return []
        return [item_id for item_id in self._items[level] if item_id in self._trace[level]]

    def visible(self, level: int) -> list[str]:
        return [item_id for item_id, entry in self._items[level].items() if not entry.isHidden()]

    def _apply_trace(self) -> None:
        hide = self.only_related.isChecked() and self._trace is not None
        for level, index in enumerate(self._items):
            marked = self._trace[level] if self._trace is not None else frozenset()
            first = None
            for item_id, entry in index.items():
                on = item_id in marked
                font = entry.font()
                font.setBold(on)
                entry.setFont(font)
                entry.setForeground(TRACE_BRUSH if on else QBrush())
                entry.setHidden(hide and not on)
                if on and first is None:
                    first = entry
            if first is not None:
                self.lists[level].scrollToItem(first, QListWidget.ScrollHint.PositionAtTop)

    def _request_pair(self, level: int, item_id: str) -> None:
        if self.chain is None:
            return
        step = min(level, len(self.chain.steps) - 1)
        self.pairRequested.emit(step, level, item_id)


def _through_weak(chain: Chain, chains) -> int:
    """First-level tasks that reach the last level only through a weakly covered item somewhere:
    the end-to-end figure counts them, so the summary says how many."""
    weak = [set(step.weak) for step in chain.steps]
    return sum(
        1
        for c in chains
        if c.outcome is ChainOutcome.REACHED and any(item in weak[level] for level, ids in enumerate(c.reached[:-1]) for item in ids)
    )
