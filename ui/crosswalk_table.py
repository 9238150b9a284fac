"""The crosswalk table view: texts wrapped over several lines, columns sized by what they hold.

The two text columns share the width the short columns leave, so the texts get the room; 状态
is as wide as its longest label and an empty 审核意见 only as wide as its header. Widths the
user drags are kept (`userWidthsChanged`, restored with `set_user_widths`). Row heights follow
the wrapped texts, measured only for the rows on screen: measuring every row of a 2,000-row
crosswalk on each change would stall the window.
"""
from __future__ import annotations

import functools
import math

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models import CrosswalkTableModel

MIN_LINES, MAX_LINES = 2, 6  # lines a row may wrap to (fewer when the table is short)
MAX_STATUS_CHARACTERS = 8  # a longer 状态 ("待审核 · 弱覆盖", a 不适用 reason) wraps
NOTE_SHARE = 0.2  # of the width, for 审核意见 once some row has one
TEXT_MIN_CHARACTERS = 8
SHORT_COLUMNS = {"score": CrosswalkTableModel.SCORE, "status": CrosswalkTableModel.STATUS, "note": CrosswalkTableModel.NOTE}


class WrappingDelegate(QStyledItemDelegate):
    """Word-wrapped cells whose height is capped at `max_lines` lines (the rest is elided; the
    detail pane and the tooltip show the whole text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_lines = MAX_LINES

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        cap = math.ceil(line_height(option.font) * self.max_lines) + 6
        return QSize(size.width(), min(size.height(), cap))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # The style would draw a cut-off line below the last whole one: it gets a rectangle of
        # whole lines (its last line ends in "…"), over a background that fills the cell.
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, styled, painter, option.widget)
        line = line_height(option.font)
        whole = QStyleOptionViewItem(option)
        rect = option.rect
        lines = max(1, int(rect.height() // line))
        whole.rect = QRect(rect.x(), rect.y(), rect.width(), min(rect.height(), math.ceil(lines * line)))
        super().paint(painter, whole, index)


@functools.cache
def _line_height(font_key: str) -> float:
    font = QFont()
    font.fromString(font_key)
    layout = QTextLayout("中", font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1000)
    layout.endLayout()
    return line.height()


def line_height(font: QFont) -> float:
    """The height of one line as the style lays wrapped text out (QFontMetrics rounds it down)."""
    return _line_height(font.toString())


class CrosswalkTable(QTableView):
    userWidthsChanged = Signal(dict)  # {"score"/"status"/"note": px, "upper_share": 0–1}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = WrappingDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns fill the width
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().hide()  # the texts carry their own numbering
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._on_header_section_resized)
        self._user: dict[str, float] = {}
        self._statuses: set[str] = set()
        self._has_notes = False
        self._fitting = False
        self._measured: set[int] = set()
        self._row_timer = QTimer(self)
        self._row_timer.setSingleShot(True)
        self._row_timer.setInterval(0)
        self._row_timer.timeout.connect(self._fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._row_timer.start)

    # --- model ---------------------------------------------------------------------------------

    def setModel(self, model) -> None:
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._on_model_changed)

    def _on_model_changed(self, *args) -> None:
        self.fit_columns()
        self.remeasure_rows()

    # --- columns -------------------------------------------------------------------------------

    def set_column_contents(self, statuses: set[str], has_notes: bool) -> None:
        """What the short columns hold: the distinct 状态 labels, and whether any row has a note."""
        self._statuses, self._has_notes = statuses, has_notes
        self.fit_columns()

    def set_user_widths(self, widths: dict[str, float]) -> None:
        self._user = {k: v for k, v in widths.items() if k in (*SHORT_COLUMNS, "upper_share")}
        self.fit_columns()

    def user_widths(self) -> dict[str, float]:
        return dict(self._user)

    def _content_width(self, column: int) -> int:
        """Width of the header and the values of a short column (the distinct values only)."""
        metrics = self.fontMetrics()
        pad = metrics.averageCharWidth() * 2
        model = self.model()
        texts = {str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")}
        if column == CrosswalkTableModel.SCORE:
            texts |= {"100%", "人工"}  # the widest values it shows (measured, not displayed)
        elif column == CrosswalkTableModel.STATUS:
            texts |= {part[:MAX_STATUS_CHARACTERS] for v in self._statuses for part in v.split(" · ")}
        return max(metrics.horizontalAdvance(t) for t in texts) + pad

    def fit_columns(self) -> None:
        model = self.model()
        if model is None or model.columnCount() < CrosswalkTableModel.COLUMNS:
            return
        available = self.viewport().width()
        widths = {}
        for name, column in SHORT_COLUMNS.items():
            if name in self._user:
                widths[column] = int(self._user[name])
            elif column == CrosswalkTableModel.NOTE and self._has_notes:
                widths[column] = max(self._content_width(column), int(available * NOTE_SHARE))
            else:
                widths[column] = self._content_width(column)
        rest = max(available - sum(widths.values()), 2 * self.fontMetrics().averageCharWidth() * TEXT_MIN_CHARACTERS)
        share = min(max(float(self._user.get("upper_share", 0.5)), 0.15), 0.85)
        widths[CrosswalkTableModel.UPPER] = int(rest * share)
        widths[CrosswalkTableModel.LOWER] = rest - widths[CrosswalkTableModel.UPPER]
        self._fitting = True
        try:
            header = self.horizontalHeader()
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _on_header_section_resized(self, column: int, old: int, new: int) -> None:
        if self._fitting:
            return
        # The user dragged a column edge: keep that width, and let the texts share the rest.
        header = self.horizontalHeader()
        names = {c: n for n, c in SHORT_COLUMNS.items()}
        if column in names:
            self._user[names[column]] = new
        else:  # the texts keep their total: the other text column gives or takes the difference
            other = CrosswalkTableModel.LOWER if column == CrosswalkTableModel.UPPER else CrosswalkTableModel.UPPER
            total = old + header.sectionSize(other)
            upper = new if column == CrosswalkTableModel.UPPER else total - new
            self._user["upper_share"] = round(upper / total, 3) if total else 0.5
        self.fit_columns()
        self.remeasure_rows()
        self.userWidthsChanged.emit(self.user_widths())

    # --- rows ----------------------------------------------------------------------------------

    def remeasure_rows(self) -> None:
        self._measured.clear()
        line = line_height(self.font())
        self.delegate.max_lines = min(max(int(self.viewport().height() // (3 * line)), MIN_LINES), MAX_LINES)
        self.verticalHeader().setDefaultSectionSize(math.ceil(line * MIN_LINES) + 8)
        self.verticalHeader().setMinimumSectionSize(math.ceil(line) + 6)
        self._row_timer.start()

    def _measure(self, row: int) -> None:
        if row not in self._measured:
            self.resizeRowToContents(row)
            self._measured.add(row)

    def _fit_visible_rows(self) -> None:
        """Size the rows on screen to their wrapped texts, and as many below as come into view."""
        model = self.model()
        if model is None:
            return
        first = self.rowAt(0)
        if first < 0:
            return
        bottom = self.viewport().height()
        header = self.verticalHeader()
        for row in range(first, model.rowCount()):
            self._measure(row)
            if header.sectionViewportPosition(row) + header.sectionSize(row) >= bottom:
                break

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        # Measure the target row and the rows that will stand above it first: scrolling by the
        # default heights and measuring afterwards would push the target out of view.
        if index.isValid():
            height, total = self.viewport().height(), 0
            for row in range(index.row(), -1, -1):
                self._measure(row)
                total += self.rowHeight(row)
                if total >= height:
                    break
        super().scrollTo(index, hint)

    # --- events --------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        self.remeasure_rows()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()
            self.remeasure_rows()

