"""A window that shows `PlainTable`s (responsibility matrix, targets, audit findings) as tabs."""
from __future__ import annotations

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


def table_widget(table: PlainTable) -> QTableWidget:
    """A C++ item table filled once: sorting and scrolling never call back into Python."""
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
            item = QTableWidgetItem()
            if isinstance(value, (int, float)):
                item.setData(Qt.ItemDataRole.DisplayRole, value)  # sorts as a number
            else:
                item.setText(_cell_text(value))
            item.setToolTip(_cell_text(value))
            if table.columns[column].centre:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setItem(row, column, item)
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
            if table.note:
                note = QLabel(table.note)
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
