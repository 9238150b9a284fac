"""One side of the workbench: a document as a tree, with an open button; files can be dropped on it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QTreeView, QVBoxLayout, QWidget

from compare.documents.model import Document, SectionRole
from ui.models import ID_ROLE, DocumentTreeModel


LONG_DOCUMENT = 300  # items; beyond this only the top level is expanded on opening


class ElidedLabel(QLabel):
    """One line of text, cut with "…" to the width it gets; the full text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(1)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)))


class DocumentPane(QWidget):
    fileDropped = Signal(object)  # Path
    openRequested = Signal()
    itemSelected = Signal(str)
    roleRequested = Signal(str, str)  # item id, SectionRole value: the user sets what a part is for
    droppedRequested = Signal()  # the user asks for the lines that are not items

    def __init__(self, caption: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        caption_label = QLabel(caption)
        caption_label.setObjectName("paneCaption")
        caption_label.setWordWrap(True)  # lets the pane narrow on a small screen
        self.open_button = QPushButton(self.tr("打开…"))
        self.open_button.clicked.connect(self.openRequested)
        header.addWidget(caption_label, 1)
        header.addWidget(self.open_button)
        layout.addLayout(header)
        self.title = ElidedLabel()
        self.title.setObjectName("documentTitle")
        layout.addWidget(self.title)
        self.summary = QLabel(placeholder)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("paneSummary")
        layout.addWidget(self.summary)

        self.model = DocumentTreeModel(parent=self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setAcceptDrops(False)
        self._fit_columns()
        layout.addWidget(self.tree, 1)
        self.tree.selectionModel().currentRowChanged.connect(self._on_tree_current_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        self._syncing = False

    def _fit_columns(self) -> None:
        # Sized from the font rather than ResizeToContents, which would measure every item.
        metrics = self.tree.fontMetrics()
        self.tree.header().resizeSection(1, metrics.horizontalAdvance(self.tr("覆盖 99/99")) + metrics.averageCharWidth() * 2)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()

    def set_document(self, document: Document | None, path: Path | None = None) -> None:
        self.model.set_document(document)
        if document is None:
            self.title.set_full_text("")
            return
        name = path.name if path else ""
        self.title.set_full_text(document.title or name)
        self.title.setToolTip(f"{document.title}\n{path}" if path else document.title)
        self._expand_sections(document)

    def _expand_sections(self, document: Document) -> None:
        """Open the items that have children, outermost first, and only the top two levels of a
        long document. Qt's expandAll/expandToDepth ask the (Python) model about every node,
        which stalls the window while a background job holds the GIL; this asks about a few."""
        depth = 1 if len(document.items) <= LONG_DOCUMENT else 0
        parents = {item.parent for item in document.items}
        for item in document.items:
            if item.level <= depth and item.id in parents:
                self.tree.setExpanded(self.model.index_of(item.id), True)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def select_item(self, item_id: str | None) -> None:
        """Select without re-emitting `itemSelected` (selection sync from another view)."""
        self._syncing = True
        try:
            index = self.model.index_of(item_id) if item_id else None
            if index is not None and index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.tree.scrollTo(index)
            else:
                self.tree.selectionModel().clearSelection()
        finally:
            self._syncing = False

    def selected_id(self) -> str | None:
        index = self.tree.selectionModel().currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None

    def _on_tree_current_changed(self, current, previous) -> None:
        if not self._syncing and current.isValid():
            self.itemSelected.emit(current.siblingAtColumn(0).data(ID_ROLE))

    # --- drag and drop -------------------------------------------------------------------------

    def role_menu(self, item) -> QMenu:
        """What a part of the document is for: its items count as tasks only under 任务."""
        menu = QMenu(self.tr("把“{0}”设为").format(item.title[:16]), self)
        for role in SectionRole:
            action = menu.addAction(role.label)
            action.setCheckable(True)
            action.setChecked(item.role is role)
            action.triggered.connect(lambda _=False, value=role.value: self.roleRequested.emit(item.id, value))
        return menu

    def _on_tree_context_menu_requested(self, point) -> None:
        menu = QMenu(self)
        item = self.model.item(self.tree.indexAt(point))
        if item is not None:
            menu.addMenu(self.role_menu(item))
        menu.addAction(self.tr("未列为条目的文字…"), self.droppedRequested)
        menu.popup(self.tree.viewport().mapToGlobal(point))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.fileDropped.emit(Path(urls[0].toLocalFile()))
