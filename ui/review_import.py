"""文件 → 导入同事修改的分工方案…: read a colleague's edited workbook back into the pair on show,
show what it changes and what it leaves out, and apply it on the reviewer's OK as one undoable step."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from compare.alignment.crosswalk import Crosswalk
from ui import dialogs
from ui.background_tasks import import_review
from ui.workspace import Workspace

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class ReviewImport(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, folder: Callable[[], str]) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._folder = folder
        self.action = QAction(self.tr("导入同事修改的分工方案…"), window)
        self.action.setStatusTip(self.tr("读回同事在 Excel 中修改过的对照表：确认、否决、审核意见、不适用和新增的关联"))
        self.action.triggered.connect(self.choose)

    def choose(self) -> None:
        if self._workspace.crosswalk is None:
            dialogs.show_info(self._window, self.tr("请先打开对应的两个文件（或审核进度）并完成对标，再导入同事修改的分工方案。"))
            return
        path = dialogs.get_open_path(self._window, self.tr("导入同事修改的分工方案"), self._folder(), dialogs.workbook_filter())
        if path is not None:
            self.start(path)

    def offer(self, path: Path) -> None:
        """A workbook chosen where a session was expected: offer to import it instead."""
        if self._workspace.crosswalk is None:
            dialogs.show_info(
                self._window,
                self.tr("“{0}”是 Excel 工作簿，不是审核进度文件（.duibiao）。如果这是同事修改过的分工方案，"
                        "请先打开对应的两个文件，再用“文件 → 导入同事修改的分工方案…”导入。").format(path.name),
            )
            return
        question = self.tr("“{0}”是 Excel 工作簿，不是审核进度文件（.duibiao）。是否把其中同事修改的审核结果导入当前的对照表？").format(path.name)
        if dialogs.ask_yes_no(self._window, question):
            self.start(path)

    def start(self, path: Path) -> None:
        crosswalk = self._workspace.crosswalk
        if crosswalk is None:
            return
        self._workspace.runner.start(
            "import",
            import_review,
            (path, crosswalk),
            lambda result: self._on_read(path, crosswalk, *result),
            lambda exc: self._workspace.failed.emit(self.tr("导入分工方案"), exc),
        )

    def _on_read(self, path: Path, before: Crosswalk, imported: Crosswalk, changes: list[str], ignored: list[str]) -> None:
        if self._workspace.crosswalk is not before:
            dialogs.show_error(self._window, self.tr("读取“{0}”期间审核内容有了变化，未导入。请重新导入。").format(path.name))
            return
        names = (before.upper.title or Path(before.upper.source_path).name, before.lower.title or Path(before.lower.source_path).name)
        intro = self.tr("从“{0}”导入到当前的对照表（{1} → {2}）。请核对后点击“导入”。").format(path.name, *names)
        if not dialogs.confirm_import(self._window, self.tr("导入同事修改的分工方案"), intro, changes, ignored):
            return
        self._workspace.decide(self.tr("导入“{0}”").format(path.name), imported)
        self._window.statusBar().showMessage(self.tr("已导入“{0}”：{1} 类修改。").format(path.name, len(changes)), 8000)
