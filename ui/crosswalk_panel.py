"""The centre of the workbench: the crosswalk table with its filter, section and search bar."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.crosswalk_table import CrosswalkTable
from ui.models import CrosswalkFilterModel, CrosswalkTableModel, status_display
from ui.rows import Flag, Row


class CrosswalkPanel(QWidget):
    rowSelected = Signal(object)  # Row or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(4)
        for text, flag in (
            (self.tr("全部"), None),
            (self.tr("缺口"), Flag.GAP),
            (self.tr("弱覆盖"), Flag.WEAK),
            (self.tr("本级新增"), Flag.EXTRA),
            (self.tr("一对多"), Flag.OVERLAP),
            (self.tr("疑似重复"), Flag.DUPLICATE),
            (self.tr("未审核"), Flag.UNREVIEWED),
        ):
            self.category.addItem(text, flag)
        self.section = QComboBox()
        self.section.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section.setMinimumContentsLength(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索任务、措施或意见"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 10)
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.category)
        bar.addWidget(QLabel(self.tr("部分：")))
        bar.addWidget(self.section, 1)
        bar.addWidget(self.search, 2)
        layout.addLayout(bar)

        self.model = CrosswalkTableModel(self)
        self.proxy = CrosswalkFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = CrosswalkTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)

        self.category.currentIndexChanged.connect(lambda: self.proxy.set_category(self.category.currentData()))
        self.section.currentIndexChanged.connect(lambda: self.proxy.set_section(self.section.currentData()))
        self.search.textChanged.connect(self.proxy.set_search)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self._syncing = False
        self.set_sections(())

    def eventFilter(self, watched, event) -> bool:
        # Delete and Backspace with any modifier edit the search text (Ctrl+Del deletes a word)
        # instead of reaching the window's shortcuts (Ctrl+Del rejects the selected link).
        if watched is self.search and event.type() == QEvent.Type.ShortcutOverride:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def set_sections(self, sections: tuple[str, ...]) -> None:
        current = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        self.section.addItem(self.tr("全部部分"), None)
        for name in sections:
            self.section.addItem(name or self.tr("（未分部分）"), name)
        index = self.section.findData(current) if current is not None else 0
        self.section.setCurrentIndex(max(index, 0))
        self.section.blockSignals(False)
        self.proxy.set_section(self.section.currentData())

    def set_category(self, flag: Flag | None) -> None:
        self.category.setCurrentIndex(max(self.category.findData(flag), 0))

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        """Show new rows, keeping the selected row when it still exists."""
        selected = self.current_row()
        self._syncing = True
        try:
            self.model.set_rows(rows)
        finally:
            self._syncing = False
        self.table.set_column_contents({status_display(r) for r in rows}, any(r.note for r in rows))
        if selected is not None:
            self.select_where(lambda r: r.key == selected.key, emit=False)
        self._update_count()

    def current_row(self) -> Row | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.proxy.source_row(index.row())

    def visible_rows(self) -> list[Row]:
        return [self.proxy.source_row(r) for r in range(self.proxy.rowCount())]

    def select_where(self, predicate, start_after_current: bool = False, emit: bool = True) -> bool:
        """Select the first visible row matching `predicate` (after the current one, wrapping)."""
        count = self.proxy.rowCount()
        if not count:
            return False
        first = 0
        if start_after_current and self.table.currentIndex().isValid():
            first = self.table.currentIndex().row() + 1
        for step in range(count):
            row = (first + step) % count
            if predicate(self.proxy.source_row(row)):
                self._select_proxy_row(row, emit)
                return True
        return False

    def _select_proxy_row(self, row: int, emit: bool) -> None:
        index = self.proxy.index(row, 0)
        self._syncing = not emit
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        finally:
            self._syncing = False
        self.table.scrollTo(index)

    def _on_table_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing:
            return
        self.rowSelected.emit(self.proxy.source_row(current.row()) if current.isValid() else None)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("显示 {0} 行，共 {1} 行").format(self.proxy.rowCount(), self.model.rowCount()))
