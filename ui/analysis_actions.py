"""The 分析 menu: the department × task matrix, targets side by side, and the audit of an existing
分工方案 table. Each computes in the background and opens a `TableViewDialog`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from compare.analyses.audit import AuditReport
from compare.alignment.crosswalk import Side
from exporters.plain_table import PlainTable
from ui import dialogs
from ui.background_tasks import audit_view, export_audit, responsibility_view, targets_view
from ui.table_view_dialog import TableViewDialog
from ui.workspace import Workspace


class AnalysisActions(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, folder: Callable[[], str]) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._folder = folder
        self.dialogs: list[TableViewDialog] = []  # open result windows (non-modal)
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
        upper = self._workspace.document(Side.UPPER)
        if upper is None:
            dialogs.show_info(
                self._window,
                self.tr("未打开上级文件：只检查表格本身（措施与任务是否相符、重复措施、部门名称）。要查找表格缺漏的上级任务，请先打开上级文件。"),
            )
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
