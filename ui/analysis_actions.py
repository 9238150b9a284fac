"""The 分析 menu: the department × task matrix, targets side by side, and the audit of an existing
分工方案 table. Each computes in the background and opens a `TableViewDialog`.

An audit looks for the upper tasks a table omits, so it must be run against the document the
table implements: the reviewer chooses it among the open documents (`UpperChoiceDialog`), never
whichever level happens to be on show."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMainWindow, QVBoxLayout, QWidget

from compare.analyses.audit import AuditReport
from compare.alignment.crosswalk import Side
from compare.documents.model import Document
from exporters.plain_table import PlainTable
from ui import dialogs
from ui.background_tasks import audit_view, export_audit, responsibility_view, targets_view
from ui.table_view_dialog import TableViewDialog
from ui.workspace import Workspace


class UpperChoiceDialog(QDialog):
    """Which open document a 分工方案 table implements: its tasks are what the audit looks for.
    Opened window-modal without blocking (`open()`); `chosen` is the document, or None to check
    the table on its own."""

    def __init__(self, table: Path, documents: list[Document], preselected: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("检查已有分工方案"))
        self._documents = documents
        label = QLabel(self.tr("“{0}”落实的是哪一份上级文件？检查时将对照该文件的任务，找出表格缺漏的任务。").format(table.name))
        label.setWordWrap(True)
        self.choices = QListWidget()
        for n, document in enumerate(documents):
            name = document.title or Path(document.source_path).name
            item = QListWidgetItem(self.tr("第{0}级：{1}").format(n + 1, name))
            item.setToolTip(document.source_path)
            self.choices.addItem(item)
        self.choices.addItem(QListWidgetItem(self.tr("不对照上级文件（只检查表格本身：措施与任务是否相符、重复措施、部门名称）")))
        self.choices.setCurrentRow(preselected)
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始检查"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.choices, 1)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    @property
    def chosen(self) -> Document | None:
        row = self.choices.currentRow()
        return self._documents[row] if 0 <= row < len(self._documents) else None


class AnalysisActions(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, folder: Callable[[], str]) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._folder = folder
        self.dialogs: list[TableViewDialog] = []  # open result windows (non-modal)
        self.upper_choice: UpperChoiceDialog | None = None  # the audit's question, while it is open
        self.responsibility = QAction(self.tr("部门任务矩阵…"), window)
        self.responsibility.setStatusTip(self.tr("本级文件中各单位牵头、配合的事项，以及没有牵头单位的事项"))
        self.responsibility.triggered.connect(self.show_responsibility)
        self.targets = QAction(self.tr("目标与时限对照…"), window)
        self.targets.setStatusTip(self.tr("逐条对照上级与本级的量化目标和时限，列出本级未承接的上级目标"))
        self.targets.triggered.connect(self.show_targets)
        self.audit = QAction(self.tr("检查已有分工方案…"), window)
        self.audit.setStatusTip(self.tr("打开已有的分工方案表格，检查缺漏任务、措施不符、重复措施和部门名称不一致"))
        self.audit.triggered.connect(self.choose_audit_table)
        self.all = (self.responsibility, self.targets, self.audit)

    def _run(self, what: str, function, args: tuple, on_success) -> None:
        self._workspace.runner.start(
            "analysis", function, args, on_success, lambda exc: self._workspace.failed.emit(what, exc)
        )

    def open_tables(self, title: str, tables: tuple[PlainTable, ...]) -> TableViewDialog:
        """Show tables the window already has (no background work), beside the workbench."""
        return self._open(title, tables)

    def _open(self, title: str, tables: tuple[PlainTable, ...], export=None) -> TableViewDialog:
        dialog = TableViewDialog(title, tables, export, self._window)
        dialog.finished.connect(lambda _result, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def show_responsibility(self) -> None:
        document = self._workspace.document(Side.LOWER)
        if document is None:
            dialogs.show_info(self._window, self.tr("请先打开本级文件。"))
            return
        title = self.tr("部门任务矩阵 — {0}").format(document.title or Path(document.source_path).name)
        self._run(self.tr("统计责任单位"), responsibility_view, (document,), lambda tables: self._open(title, tables))

    def show_targets(self) -> None:
        crosswalk = self._workspace.crosswalk
        if crosswalk is None:
            dialogs.show_info(self._window, self.tr("请先打开两个文件并完成对标。"))
            return
        self._run(self.tr("对照目标与时限"), targets_view, (crosswalk,), lambda tables: self._open(self.tr("目标与时限对照"), tables))

    def choose_audit_table(self) -> None:
        path = dialogs.get_open_path(
            self._window, self.tr("打开要检查的分工方案"), self._folder(), dialogs.document_filter()
        )
        if path is None:
            return
        documents = [loaded.document for loaded in self._workspace.levels if loaded is not None]
        if not documents:
            dialogs.show_info(
                self._window,
                self.tr("未打开上级文件：只检查表格本身（措施与任务是否相符、重复措施、部门名称）。要查找表格缺漏的上级任务，请先打开上级文件。"),
            )
            self._audit(path, None)
            return
        shown = self._workspace.document(Side.UPPER)
        preselected = next((n for n, d in enumerate(documents) if d is shown), 0)
        self.upper_choice = UpperChoiceDialog(path, documents, preselected, self._window)
        self.upper_choice.accepted.connect(lambda chooser=self.upper_choice: self._audit(path, chooser.chosen))
        self.upper_choice.finished.connect(lambda _result: setattr(self, "upper_choice", None))
        self.upper_choice.open()

    def _audit(self, path: Path, upper: Document | None) -> None:
        self._run(self.tr("检查分工方案"), audit_view, (path, upper), lambda result: self._show_audit(path, *result))

    def _show_audit(self, path: Path, report: AuditReport, tables: tuple[PlainTable, ...]) -> None:
        title = self.tr("分工方案检查 — {0}").format(path.name)
        self._open(title, tables, lambda: self._export_audit(path, report))

    def _export_audit(self, path: Path, report: AuditReport) -> None:
        suggested = str(path.with_name(path.stem + self.tr("_检查结果.xlsx")))
        target = dialogs.get_save_path(
            self._window, self.tr("导出检查结果"), suggested, self.tr("Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)")
        )
        if target is None:
            return
        if target.suffix.lower() not in (".xlsx", ".docx"):
            target = target.with_name(target.name + ".xlsx")
        self._workspace.runner.start(
            "export",
            export_audit,
            (report, [target]),
            self._workspace.exported.emit,
            lambda exc: self._workspace.failed.emit(self.tr("导出"), exc),
        )
