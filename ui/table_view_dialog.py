"""A window that shows `PlainTable`s (responsibility matrix, targets, audit findings) as tabs.

Each table opens in its own order (the one its note states, e.g. 按牵头事项数从多到少); clicking a
header sorts by that column, numbers and percentages as numbers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exporters.plain_table import PlainTable
from ui.screen_fit import fit_to_screen


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _sort_key(value: object) -> tuple[int, float | str]:
    """Numbers (and "71%") before text, each in its own order; empty cells last."""
    if isinstance(value, (int, float)):
        return (0, float(value))
    text = _cell_text(value)
    if _PERCENT.match(text):
        return (0, float(text[:-1]))
    return (1, text) if text else (2, "")


class _SortableItem(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.data(SORT_ROLE) < other.data(SORT_ROLE)


def table_widget(table: PlainTable) -> QTableWidget:
    """An item table filled once: scrolling never calls back into Python; sorting compares the
    keys stored with the items (only when the reader clicks a header)."""
    widget = QTableWidget(len(table.rows), len(table.columns))
    widget.setHorizontalHeaderLabels([c.header for c in table.columns])
    widget.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    widget.setWordWrap(True)
    widget.setAlternatingRowColors(True)
    width = widget.fontMetrics().averageCharWidth()
    for column, spec in enumerate(table.columns):
        widget.setColumnWidth(column, int(width * min(max(spec.minimum, 6), 40) * 1.1))
    for row, values in enumerate(table.rows):
        for column, value in enumerate(values):
            item = _SortableItem(_cell_text(value))
            item.setData(SORT_ROLE, _sort_key(value))
            item.setToolTip(_cell_text(value))
            if table.columns[column].centre:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setItem(row, column, item)
    # Enabling sorting sorts at once by the header's indicator (column 0): keep the table's order.
    widget.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    widget.setSortingEnabled(True)
    widget.resizeRowsToContents()
    return widget


class TableViewDialog(QDialog):
    """Non-modal: the reviewer keeps it open beside the workbench."""

    def __init__(
        self,
        title: str,
        tables: Sequence[PlainTable],
        export: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tabs = QTabWidget()
        for table in tables:
            page = QWidget()
            layout = QVBoxLayout(page)
            if text := (table.note if table.rows else table.empty_text):
                note = QLabel(text)
                note.setWordWrap(True)
                layout.addWidget(note)
            layout.addWidget(table_widget(table), 1)
            self.tabs.addTab(page, f"{table.title}（{len(table.rows)}）")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        if export is not None:
            button = buttons.addButton(self.tr("导出…"), QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(export)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 150, metrics.height() * 34)
