"""Item models: a document as a tree (section → items) and the crosswalk as a filterable table.

Both read precomputed values (`ui.rows`); a new Crosswalk value refreshes them with
`dataChanged` when the shape is unchanged, so selections survive review decisions.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from compare.alignment.crosswalk import LinkStatus
from compare.documents.model import Document, SectionRole
from ui.rows import COLOURS, Flag, ItemStatus, Row, RowStatus, row_colour, status_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

_brushes: dict[ItemStatus | RowStatus, QBrush] = {}


def status_brush(status: ItemStatus | RowStatus) -> QBrush | None:
    """The background of a tree item (ItemStatus) or a table row (RowStatus)."""
    if status not in _brushes:
        if isinstance(status, RowStatus):
            _brushes[status] = QBrush(QColor(row_colour(status)))
        elif status in COLOURS:
            _brushes[status] = QBrush(QColor(COLOURS[status]))
        else:
            return None
    return _brushes[status]


DECIDED_MARK = "✓ "  # before the 状态 of a link the reviewer confirmed or made


def status_display(row: Row) -> str:
    """The 状态 cell: decided links carry a check mark, so they differ from pending ones in
    shape as well as colour."""
    decided = row.link_status in (LinkStatus.CONFIRMED, LinkStatus.MANUAL)
    return DECIDED_MARK + row.status_text if decided else row.status_text


class DocumentTreeModel(QAbstractItemModel):
    """Items nested by their parent heading; column 0 the text, column 1 status or counts."""

    def __init__(self, document: Document | None = None, parent=None) -> None:
        super().__init__(parent)
        self._items: list = []
        self._parent_row: list[int] = []  # node -> row of its parent (-1 for top level)
        self._children: dict[int, list[int]] = {}  # parent node (-1 = root) -> child nodes
        self._row_in_parent: list[int] = []
        self._node_of: dict[str, int] = {}
        self._status: dict[str, ItemStatus] = {}
        self._counts: dict[str, str] = {}
        if document is not None:
            self.set_document(document)

    def set_document(self, document: Document | None) -> None:
        self.beginResetModel()
        self._items = list(document.items) if document else []
        self._node_of = {it.id: n for n, it in enumerate(self._items)}
        self._children = {-1: []}
        self._parent_row = []
        self._row_in_parent = []
        for n, it in enumerate(self._items):
            parent = self._node_of.get(it.parent, -1) if it.parent else -1
            if parent >= n:  # a malformed forward reference: show it at top level
                parent = -1
            siblings = self._children.setdefault(parent, [])
            self._parent_row.append(parent)
            self._row_in_parent.append(len(siblings))
            siblings.append(n)
        self._status = {}
        self._counts = {}
        self.endResetModel()

    def set_statuses(self, statuses: dict[str, ItemStatus], counts: dict[str, str]) -> None:
        """Recolour items and update section counts without changing the tree's shape."""
        self._status = statuses
        self._counts = counts
        for parent, children in self._children.items():
            if children:
                parent_index = QModelIndex() if parent < 0 else self.createIndex(self._row_in_parent[parent], 0, parent)
                first = self.index(0, 0, parent_index)
                last = self.index(len(children) - 1, 1, parent_index)
                self.dataChanged.emit(first, last)

    def item(self, index: Index):
        """The document item an index shows."""
        return self._items[index.internalId()] if index.isValid() else None

    def index_of(self, item_id: str, column: int = 0) -> QModelIndex:
        node = self._node_of.get(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[node], column, node)

    # --- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        parent_node = parent.internalId() if parent.isValid() else -1
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children.get(parent_node, [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._parent_row[index.internalId()]
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._row_in_parent[parent], 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else -1, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (self.tr("条目"), self.tr("状态"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.internalId()]
        status = self._status.get(item.id, ItemStatus.HEADING)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return item.display
            if item.role is not SectionRole.TASK and not self._counts.get(item.id):
                return item.role.label  # 背景与原则 / 目标 / 附则: shown, never a gap or an extra
            return status_label(status) if item.is_task else self._counts.get(item.id, "")
        if role == Qt.ItemDataRole.ForegroundRole and item.role is not SectionRole.TASK:
            return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.display
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_brush(status)
        if role == ID_ROLE:
            return item.id
        return None


class CrosswalkTableModel(QAbstractTableModel):
    """The crosswalk as rows of (upper task, lower measure, score, status, note)."""

    COLUMNS = 5
    UPPER, LOWER, SCORE, STATUS, NOTE = range(COLUMNS)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[Row, ...] = ()

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        if rows and len(rows) == len(self._rows) and all(a.key == b.key for a, b in zip(rows, self._rows)):
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> tuple[Row, ...]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMNS:
            return (self.tr("上级任务"), self.tr("本级措施"), self.tr("匹配度"), self.tr("状态"), self.tr("审核意见"))[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.upper_text, row.lower_text, row.score_text, status_display(row), row.note)[column]
        if role == SORT_ROLE:
            if column == self.SCORE:
                return -1.0 if row.score is None else row.score
            return (row.upper_text, row.lower_text, "", row.status_text, row.note)[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return status_brush(row.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:  # wrapped rows read from the top
            horizontal = Qt.AlignmentFlag.AlignRight if column == self.SCORE else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == ROW_ROLE:
            return index.row()
        return None


class CrosswalkFilterModel(QSortFilterProxyModel):
    """Filters rows by category, by section and by a search text over both texts and the note."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._flag: Flag | None = None
        self._section: str | None = None
        self._search = ""
        self.setSortRole(SORT_ROLE)

    def set_category(self, flag: Flag | None) -> None:
        self._change_filter(lambda: setattr(self, "_flag", flag))

    def set_section(self, section: str | None) -> None:
        self._change_filter(lambda: setattr(self, "_section", section))

    def set_search(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_search", text.strip().lower()))

    def _change_filter(self, apply) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 deprecates invalidateRowsFilter
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def source_row(self, proxy_row: int) -> Row:
        model: CrosswalkTableModel = self.sourceModel()  # type: ignore[assignment]
        return model.row(self.mapToSource(self.index(proxy_row, 0)).row())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model: CrosswalkTableModel = self.sourceModel()  # type: ignore[assignment]
        row = model.row(source_row)
        if self._flag is not None and self._flag not in row.flags:
            return False
        if self._section is not None and row.section != self._section:
            return False
        if self._search:
            haystack = f"{row.upper_text}\n{row.lower_text}\n{row.note}\n{row.status_text}".lower()
            return self._search in haystack
        return True
