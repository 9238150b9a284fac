"""Pick an item of a document by typing part of its text (re-link, add a manual link).

The item being linked is shown at the top (the dialog covers the table row it came from), and
the engine's candidates for it come first with their match degree and shared phrases; the rest
of the document follows in its own order."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from compare.documents.model import Document
from ui.screen_fit import fit_to_screen

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTED_BRUSH = QBrush(QColor("#fff4cc"))
ABOUT_CHARACTERS = 160  # the item being linked, shortened beyond this (the tooltip has it all)


class RelinkDialog(QDialog):
    def __init__(
        self,
        document: Document,
        title: str,
        current: str | None = None,
        parent: QWidget | None = None,
        about: str = "",
        ranked: Sequence[tuple[str, float, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if about:
            shown = about if len(about) <= ABOUT_CHARACTERS else about[: ABOUT_CHARACTERS - 1] + "…"
            subject = QLabel(self.tr("要关联的条目：{0}").format(shown))
            subject.setObjectName("relinkSubject")
            subject.setWordWrap(True)
            subject.setToolTip(about)
            layout.addWidget(subject)
        hint = self.tr("程序建议的条目排在最前（标有匹配度）。输入关键词筛选，双击或按“确定”选择：") if ranked else self.tr(
            "输入关键词筛选，双击或按“确定”选择："
        )
        prompt = QLabel(hint)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索条目内容或序号"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)

        self.items = QStandardItemModel(self)
        index = document.index()
        first = set()
        for item_id, score, phrases in ranked:
            item = index.get(item_id)
            if item is None or not item.is_task:
                continue
            text = self.tr("【建议 {0:.0%}】{1}").format(score, item.display)
            if phrases:
                text += "\n" + self.tr("共同表述：{0}").format(phrases)
            self._add(item_id, text, item.display, SUGGESTED_BRUSH)
            first.add(item_id)
        for item in document.items:
            if item.is_task and item.id not in first:
                self._add(item.id, item.display, item.display, None)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(2)
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
        elif first:
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self._update_ok()
        self.search.setFocus()
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 90, metrics.height() * 28)

    def _add(self, item_id: str, text: str, tooltip: str, background: QBrush | None) -> None:
        row = QStandardItem(text)
        row.setData(item_id, ID_ROLE)
        row.setToolTip(tooltip)
        row.setEditable(False)
        if background is not None:
            row.setBackground(background)
        self.items.appendRow(row)

    def select(self, item_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == item_id:
                self.list.setCurrentIndex(index)
                return

    def listed_ids(self) -> list[str]:
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in range(self.proxy.rowCount())]

    def chosen_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.currentIndex().isValid())
