"""Pick an item of a document by typing part of its text (re-link, add a manual link)."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from compare.documents.model import Document

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RelinkDialog(QDialog):
    def __init__(self, document: Document, title: str, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 28)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("输入关键词筛选，双击或按“确定”选择：")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索条目内容或序号"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)

        self.items = QStandardItemModel(self)
        for item in document.items:
            if not item.is_task:
                continue
            row = QStandardItem(item.display)
            row.setData(item.id, ID_ROLE)
            row.setToolTip(item.display)
            row.setEditable(False)
            self.items.appendRow(row)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        layout.addWidget(self.list, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list.doubleClicked.connect(self.accept)
        self.list.selectionModel().currentChanged.connect(self._update_ok)
        self.proxy.modelReset.connect(self._update_ok)
        self.proxy.layoutChanged.connect(self._update_ok)
        if current is not None:
            self.select(current)
        self._update_ok()
        self.search.setFocus()

    def select(self, item_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == item_id:
                self.list.setCurrentIndex(index)
                return

    def chosen_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.currentIndex().isValid())
