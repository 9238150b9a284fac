"""Choose the documents of a chain and their order, highest level first."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from compare.analyses.cascade import MAX_DOCUMENTS, MIN_DOCUMENTS
from ui.screen_fit import fit_to_screen

PATH_ROLE = Qt.ItemDataRole.UserRole


class ChainDialog(QDialog):
    def __init__(self, paths: Sequence[Path], pick_file: Callable[[], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("对标链条"))
        self._pick_file = pick_file
        hint = QLabel(
            self.tr("按层级从上到下排列 {0}–{1} 份文件，例如：国家文件 → 省（市）文件 → 区县文件 → 园区文件。相邻两级逐一对标。").format(
                MIN_DOCUMENTS, MAX_DOCUMENTS
            )
        )
        hint.setWordWrap(True)
        self.listing = QListWidget()
        for path in paths:
            self._append(path)
        self.add_button = QPushButton(self.tr("添加文件…"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.listing, 1)
        middle.addLayout(side)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.listing.currentRowChanged.connect(self._update)
        self._update()
        fit_to_screen(self, self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 20)

    def paths(self) -> list[Path]:
        return [Path(self.listing.item(n).data(PATH_ROLE)) for n in range(self.listing.count())]

    def _append(self, path: Path) -> None:
        """A file by its name (its folder in the tooltip); names are numbered by level."""
        entry = QListWidgetItem(path.name)
        entry.setData(PATH_ROLE, str(path))
        entry.setToolTip(str(path))
        self.listing.addItem(entry)
        self._number()

    def _number(self) -> None:
        for n in range(self.listing.count()):
            entry = self.listing.item(n)
            entry.setText(self.tr("第{0}级：{1}").format(n + 1, Path(entry.data(PATH_ROLE)).name))

    def _add(self) -> None:
        path = self._pick_file()
        if path is not None:
            self._append(path)
            self.listing.setCurrentRow(self.listing.count() - 1)
        self._update()

    def _remove(self) -> None:
        row = self.listing.currentRow()
        if row >= 0:
            self.listing.takeItem(row)
            self._number()
        self._update()

    def _move(self, offset: int) -> None:
        row = self.listing.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.listing.count():
            return
        self.listing.insertItem(target, self.listing.takeItem(row))
        self._number()
        self.listing.setCurrentRow(target)

    def _update(self) -> None:
        count, row = self.listing.count(), self.listing.currentRow()
        self.add_button.setEnabled(count < MAX_DOCUMENTS)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(MIN_DOCUMENTS <= count <= MAX_DOCUMENTS)
