"""The 分析 result windows show each table in the order its note states, and sort numbers as numbers."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from compare.documents.readers import read_document
from exporters.plain_table import PlainColumn, PlainTable
from exporters.responsibility_table import responsibility_tables
from tests.conftest import SEEDS, require_shared
from ui.table_view_dialog import TableViewDialog


def _column(widget: QTableWidget, column: int) -> list[str]:
    return [widget.item(row, column).text() for row in range(widget.rowCount())]


def test_a_table_opens_in_the_order_its_note_states(qtbot, tmp_path: Path):
    """Seed 004's units: 按牵头事项数从多到少, not sorted by name when the window opens."""
    tables = responsibility_tables(read_document(require_shared(SEEDS / "004_79fc7983f95c3d9d.txt")))
    summary = tables[0]
    assert summary.note.startswith("按牵头事项数从多到少")
    dialog = TableViewDialog("部门任务矩阵", tables)
    qtbot.addWidget(dialog)
    widget = dialog.tabs.widget(0).findChild(QTableWidget)
    assert _column(widget, 0) == [row[0] for row in summary.rows]
    leads = [int(n) for n in _column(widget, 1)]
    assert leads == sorted(leads, reverse=True) and leads[0] > leads[-1]


def test_percentages_sort_as_numbers(qtbot):
    table = PlainTable(
        title="措施与任务不符",
        columns=(PlainColumn("位置"), PlainColumn("匹配度", centre=True)),
        rows=(("第3行", "9%"), ("第5行", "45%"), ("第2行", "32%"), ("第4行", "100%")),
        note="按匹配度从低到高排列。",
    )
    dialog = TableViewDialog("检查", (table,))
    qtbot.addWidget(dialog)
    widget = dialog.tabs.widget(0).findChild(QTableWidget)
    assert _column(widget, 1) == ["9%", "45%", "32%", "100%"]  # as given, until the reader sorts
    widget.sortItems(1, Qt.SortOrder.AscendingOrder)
    assert _column(widget, 1) == ["9%", "32%", "45%", "100%"]
    widget.sortItems(1, Qt.SortOrder.DescendingOrder)
    assert _column(widget, 1) == ["100%", "45%", "32%", "9%"]
