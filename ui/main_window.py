"""The review workbench window: upper document | crosswalk table | lower document, detail below.

The window wires views to the `Workspace` (state, jobs, undo) and `ReviewActions` (decisions);
every dialog goes through `ui.dialogs`.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from compare.alignment.crosswalk import LinkStatus, Sensitivity, Side
from compare.errors import Cancelled, DuibiaoError, ReadOptionsError
from compare.documents.model import Item
from compare.documents.readers import ReadOptions
from compare.session import Session, file_sha256
from exporters.document_tables import dropped_table
from exporters.summary import method_sentence
from ui import dialogs
from ui.appearance import apply_appearance
from ui.analysis_actions import AnalysisActions
from ui.autosave import Autosave
from ui.chain_actions import ChainActions
from ui.chain_panel import ChainPanel
from ui.crosswalk_panel import CrosswalkPanel
from ui.detail_pane import DetailPane
from ui.document_pane import DocumentPane, ElidedLabel
from ui.recent_labels import distinct_labels
from ui.review_actions import ReviewActions
from ui.review_import import WORKBOOK_SUFFIXES, ReviewImport
from ui.rows import Flag, Row, RowKind
from ui.screen_fit import available_area, fit_to_screen, fits_screen
from ui.settings import Settings
from ui.workspace import Workspace

log = logging.getLogger(__name__)

WIDE_SCREEN = 1600  # logical pixels: from this width the document trees are shown by default
# Formats whose reading depends on choices the user can make in the options dialog.
OPTION_SUFFIXES = (".txt", ".xlsx", ".xlsm", ".docx", ".html", ".htm", ".mhtml")


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.workspace = Workspace(self)
        self.workspace.sensitivity = settings.sensitivity
        self.workspace.approve_paths = self._approve_session_paths
        self._upper_index: dict[str, Item] = {}
        self._lower_index: dict[str, Item] = {}
        self._asking_reload: set[str] = set()

        self.upper_pane = DocumentPane(self.tr("上级文件（任务）"), self.tr("将上级文件拖到这里，或点击“打开…”。"))
        self.lower_pane = DocumentPane(self.tr("本级文件（措施）"), self.tr("将本级文件拖到这里，或点击“打开…”。"))
        self.crosswalk = CrosswalkPanel()
        self.crosswalk.table.set_user_widths(settings.table_columns)
        self.detail = DetailPane()
        self.chain_panel = ChainPanel()
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.detail, self.tr("对照详情"))
        self.bottom_tabs.addTab(self.chain_panel, self.tr("链条追溯"))
        # The table owns the width: the document trees beside it fold away (视图 → 文件目录),
        # by default on screens narrower than WIDE_SCREEN.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.upper_pane)
        top.addWidget(self.crosswalk)
        top.addWidget(self.lower_pane)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 3)
        top.setStretchFactor(2, 1)
        top.setSizes([20, 60, 20])  # proportions; Qt scales them to the window
        top.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.bottom_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self._proportioned = False  # the table's share of the height is set once the window has its size
        self.setCentralWidget(self.splitter)
        # Small screens at 150 % with large text: the detail pane may shrink to a few lines.
        self.bottom_tabs.setMinimumHeight(self.bottom_tabs.tabBar().sizeHint().height() + self.fontMetrics().height() * 3)

        self.review = ReviewActions(self, self.workspace, self.crosswalk)
        self.chain_actions = ChainActions(
            self, self.workspace, self.chain_panel, self.bottom_tabs, lambda: self.settings.last_folder, self._select_in_pane
        )
        self.analysis = AnalysisActions(self, self.workspace, lambda: self.settings.last_folder)
        self.review_import = ReviewImport(self, self.workspace, lambda: self.settings.last_folder)
        self.autosave = Autosave(self.workspace, settings.recovery_path, settings.autosave_seconds, self)
        self.watcher = QFileSystemWatcher(self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._update_title()
        self._refresh()
        self._place_on_screen()

    def _place_on_screen(self) -> None:
        """The last geometry if it still fits this screen (another monitor or resolution may be
        smaller), maximised otherwise and at first start."""
        rect, maximised = self.settings.window_placement
        area = available_area(self)
        if rect is not None and fits_screen(self, rect.size()) and area.contains(rect.topLeft()):
            self.setGeometry(rect)
            if maximised:
                self.setWindowState(Qt.WindowState.WindowMaximized)
            return
        fit_to_screen(self, area.width(), area.height())
        self.setWindowState(Qt.WindowState.WindowMaximized)

    # --- construction ----------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_upper_action = self._action(self.tr("打开上级文件…"), lambda: self.choose_document(Side.UPPER), QKeySequence.StandardKey.Open, self.tr("打开上级文件（任务清单）"))
        self.open_lower_action = self._action(self.tr("打开本级文件…"), lambda: self.choose_document(Side.LOWER), "Ctrl+Shift+O", self.tr("打开本级文件（具体措施）"))
        self.upper_options_action = self._action(self.tr("上级文件打开选项…"), lambda: self.choose_options(Side.UPPER))
        self.lower_options_action = self._action(self.tr("本级文件打开选项…"), lambda: self.choose_options(Side.LOWER))
        self.open_session_action = self._action(self.tr("打开审核进度…"), self.choose_session, "Ctrl+Shift+P")
        self.save_session_action = self._action(self.tr("保存审核进度"), self.save_session, QKeySequence.StandardKey.Save, self.tr("保存已做的审核决定，下次可继续"))
        self.save_session_as_action = self._action(self.tr("审核进度另存为…"), self.save_session_as, QKeySequence.StandardKey.SaveAs)
        self.export_xlsx_action = self._action(self.tr("导出 Excel 分工方案…"), lambda: self.export(".xlsx"), "Ctrl+E", self.tr("导出分工方案（Excel）"))
        self.export_docx_action = self._action(self.tr("导出 Word 报告…"), lambda: self.export(".docx"), "Ctrl+Shift+E", self.tr("导出对标报告（Word）"))
        self.quit_action = self._action(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        # The menu names what an undo or redo does ("撤销 确认关联"); the toolbar keeps short fixed
        # labels (icon texts) so its buttons do not shift as that text changes.
        stack = self.workspace.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Y", "Ctrl+Shift+Z"))
        self.undo_action.setIconText(self.tr("撤销"))  # what a tool button shows; its tooltip is the full text
        self.redo_action.setIconText(self.tr("重做"))
        self.large_text_action = self._action(self.tr("大字号（适合投影）"), self.set_large_text, "Ctrl+Shift+=")
        self.large_text_action.setCheckable(True)
        self.large_text_action.setChecked(self.settings.large_text)
        self.trees_action = self._action(
            self.tr("显示文件目录"), self.set_document_trees, "F9", self.tr("在对照表两侧显示上级、本级文件的目录；隐藏时对照表占满宽度")
        )
        self.trees_action.setCheckable(True)
        shown = self.settings.show_document_trees
        self.trees_action.setChecked(shown if shown is not None else available_area(self).width() >= WIDE_SCREEN)
        self.cancel_action = self._action(self.tr("取消"), self.workspace.cancel, "Esc", self.tr("取消正在进行的读取、对标或导出"))
        self.cancel_action.setEnabled(False)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        menu.addActions([self.open_upper_action, self.open_lower_action, self.chain_actions.open_chain])
        self.recent_menu = menu.addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addActions([self.upper_options_action, self.lower_options_action])
        menu.addSeparator()
        menu.addActions([self.open_session_action, self.save_session_action, self.save_session_as_action])
        menu.addSeparator()
        menu.addActions([self.export_xlsx_action, self.export_docx_action, self.review_import.action])
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu(self.tr("编辑(&E)"))
        edit.addActions([self.undo_action, self.redo_action])
        review = self.menuBar().addMenu(self.tr("审核(&R)"))
        review.addActions(list(self.review.all))
        suggestions = review.addMenu(self.tr("采纳程序建议"))
        suggestions.addActions(list(self.review.take_suggestion))
        self.sensitivity_menu = review.addMenu(self.tr("匹配灵敏度"))
        self.sensitivity_actions: dict[Sensitivity, QAction] = {}
        for sensitivity in Sensitivity:
            action = self.sensitivity_menu.addAction(sensitivity.label)
            action.setCheckable(True)
            action.triggered.connect(lambda checked=False, s=sensitivity: self.set_sensitivity(s))
            self.sensitivity_actions[sensitivity] = action
        analysis = self.menuBar().addMenu(self.tr("分析(&A)"))
        analysis.addActions(list(self.analysis.all))
        view = self.menuBar().addMenu(self.tr("视图(&V)"))
        view.addActions([self.trees_action, self.large_text_action])
        view.addSeparator()
        self.dropped_action = view.addAction(self.tr("未列为条目的文字…"), self.show_dropped)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("工具栏"))
        bar.setObjectName("mainToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addActions([self.open_upper_action, self.open_lower_action])
        self.chain_actions.add_to(bar)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" 灵敏度：")))
        self.sensitivity_combo = QComboBox()
        for sensitivity in Sensitivity:
            self.sensitivity_combo.addItem(sensitivity.label, sensitivity)
        self.sensitivity_combo.setToolTip(self.tr("严格：只保留把握大的关联；宽松：列出更多可能的关联。更改后重新对标，已做的审核决定保留。"))
        bar.addWidget(self.sensitivity_combo)
        bar.addSeparator()
        bar.addActions([self.review.next_unreviewed, self.review.confirm, self.review.reject, self.review.relink, self.review.not_applicable, self.review.note])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action])
        bar.addSeparator()
        bar.addActions([self.save_session_action, self.export_xlsx_action, self.export_docx_action])
        self._show_sensitivity(self.workspace.sensitivity.value)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.review_progress = ElidedLabel()  # cut with "…" on a narrow window; the tooltip has it all
        self.review_progress.setObjectName("reviewProgress")
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.workspace.cancel)
        for widget in (self.busy_label, self.busy_bar, self.cancel_button):
            widget.setVisible(False)
            status.addWidget(widget)
        status.addPermanentWidget(self.review_progress, 1)

    def _connect(self) -> None:
        ws = self.workspace
        ws.documentLoaded.connect(self._on_workspace_document_loaded)
        ws.crosswalkChanged.connect(self._refresh)
        ws.readFailed.connect(self._on_workspace_read_failed)
        ws.chainChanged.connect(self._on_workspace_chain_changed)
        ws.failed.connect(self._on_workspace_failed)
        ws.exported.connect(self._on_workspace_exported)
        ws.sessionOpened.connect(self._on_workspace_session_opened)
        ws.orphansFound.connect(self._on_workspace_orphans_found)
        ws.decisionsCarried.connect(
            lambda count: self.statusBar().showMessage(self.tr("原有的 {0} 项审核决定已带入新的链条。").format(count), 8000)
        )
        ws.sensitivityChanged.connect(self._show_sensitivity)
        ws.modifiedChanged.connect(self.setWindowModified)
        ws.busyChanged.connect(self._on_workspace_busy_changed)
        ws.progress.connect(self._on_workspace_progress)
        ws.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("已取消。"), 5000))
        self.upper_pane.openRequested.connect(lambda: self.choose_document(Side.UPPER))
        self.lower_pane.openRequested.connect(lambda: self.choose_document(Side.LOWER))
        self.upper_pane.fileDropped.connect(lambda path: self.open_document(Side.UPPER, path))
        self.lower_pane.fileDropped.connect(lambda path: self.open_document(Side.LOWER, path))
        self.upper_pane.itemSelected.connect(self._on_upper_pane_item_selected)
        self.lower_pane.itemSelected.connect(self._on_lower_pane_item_selected)
        self.upper_pane.roleRequested.connect(lambda item, role: self.set_role(Side.UPPER, item, role))
        self.lower_pane.roleRequested.connect(lambda item, role: self.set_role(Side.LOWER, item, role))
        self.upper_pane.droppedRequested.connect(self.show_dropped)
        self.lower_pane.droppedRequested.connect(self.show_dropped)
        self.crosswalk.rowSelected.connect(self._on_crosswalk_row_selected)
        self.detail.suggestionChosen.connect(self._on_detail_suggestion_chosen)
        self.crosswalk.table.userWidthsChanged.connect(self._on_table_user_widths_changed)
        self.sensitivity_combo.activated.connect(self._on_sensitivity_combo_activated)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)

    # --- documents and sessions ------------------------------------------------------------------

    def choose_document(self, side: Side) -> None:
        title = self.tr("打开上级文件") if side is Side.UPPER else self.tr("打开本级文件")
        path = dialogs.get_open_path(self, title, self.settings.last_folder, dialogs.document_filter())
        if path is not None:
            self.open_document(side, path)

    def open_document(self, side: Side, path: Path, options: ReadOptions | None = None) -> None:
        self.settings.last_folder = str(path.parent)
        self.workspace.open_document(side, path, options)

    def open_pair(self, upper: Path, lower: Path) -> None:
        self.open_document(Side.UPPER, upper)
        self.open_document(Side.LOWER, lower)

    def choose_options(self, side: Side) -> None:
        loaded = self.workspace.docs.get(side)
        path = loaded.path if loaded else None
        if path is None:
            title = self.tr("选择要用指定选项打开的文件")
            path = dialogs.get_open_path(self, title, self.settings.last_folder, dialogs.document_filter())
            if path is None:
                return
        options = dialogs.choose_read_options(self, path, loaded.options if loaded else ReadOptions())
        if options is not None:
            self.open_document(side, path, options)

    def choose_session(self) -> None:
        path = dialogs.get_open_path(self, self.tr("打开审核进度"), self.settings.last_folder, dialogs.session_filter())
        if path is not None:
            self.open_session(path)

    def open_session(self, path: Path, recovered: bool = False, save_to: Path | None = None) -> None:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:
            self.review_import.offer(path)
            return
        self.workspace.open_session(path, recovered, save_to)

    def _approve_session_paths(self, session: Path, paths: tuple[Path, ...]) -> bool:
        """A session file can name any file on the computer: before reading files the user has
        not opened here before, show them and ask (issue 13: a crafted session read /etc/shadow)."""
        known = self.settings.known_files | {_resolved(d.path) for d in self.workspace.levels if d is not None}
        unknown = [p for p in paths if _resolved(p) not in known]
        if not unknown:
            return True
        question = self.tr(
            "审核进度“{0}”要读取以下文件，其中有您没有在本程序中打开过的：\n\n{1}\n\n"
            "请确认这些是您要对标的文件。是否读取？"
        ).format(session.name, "\n".join(str(p) for p in unknown))
        if not dialogs.ask_yes_no(self, question):
            self.statusBar().showMessage(self.tr("未打开审核进度“{0}”。").format(session.name), 8000)
            return False
        self.settings.add_known_files([_resolved(p) for p in unknown])
        return True

    def save_session(self) -> bool:
        if self.workspace.session_path is None:
            return self.save_session_as()
        return self._save_session_to(self.workspace.session_path)

    def save_session_as(self) -> bool:
        if Side.UPPER not in self.workspace.docs or Side.LOWER not in self.workspace.docs:
            dialogs.show_info(self, self.tr("请先打开上级文件和本级文件，再保存审核进度。"))
            return False
        suggested = str(Path(self.settings.last_folder or ".") / self.tr("对标审核进度.duibiao"))
        path = dialogs.get_save_path(self, self.tr("保存审核进度"), suggested, dialogs.session_filter())
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(".duibiao")
        return self._save_session_to(path)

    def _save_session_to(self, path: Path) -> bool:
        try:
            self.workspace.save_session(path)
        except DuibiaoError as exc:
            dialogs.show_error(self, exc.message)
            return False
        self.autosave.discard()
        self.settings.add_recent_session(str(path))
        self.statusBar().showMessage(self.tr("审核进度已保存：{0}").format(path.name), 5000)
        self._update_title()
        return True

    def export(self, suffix: str) -> None:
        cw = self.workspace.crosswalk
        if cw is None:
            dialogs.show_info(self, self.tr("请先打开两个文件并完成对标，再导出。"))
            return
        name = self.tr("分工方案") if suffix == ".xlsx" else self.tr("对标报告")
        base = (cw.lower.title or Path(cw.lower.source_path).stem)[:24]
        suggested = str(Path(self.settings.last_folder or ".") / f"{base}_{name}{suffix}")
        name_filter = self.tr("Excel 工作簿 (*.xlsx)") if suffix == ".xlsx" else self.tr("Word 文档 (*.docx)")
        path = dialogs.get_save_path(self, self.tr("导出{0}").format(name), suggested, name_filter)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.workspace.export([path])

    def _on_sensitivity_combo_activated(self, index: int) -> None:
        self.set_sensitivity(Sensitivity(self.sensitivity_combo.itemData(index)))

    def set_sensitivity(self, sensitivity: Sensitivity) -> None:
        self.settings.sensitivity = sensitivity
        self.workspace.set_sensitivity(sensitivity)
        self._show_sensitivity(sensitivity.value)

    def set_document_trees(self, shown: bool) -> None:
        self.settings.show_document_trees = shown
        self._show_document_trees()

    def _show_document_trees(self) -> None:
        """The trees while nothing is aligned (they are where files are opened and dropped), then
        as the reviewer chose."""
        shown = self.trees_action.isChecked() or self.workspace.crosswalk is None
        self.upper_pane.setVisible(shown)
        self.lower_pane.setVisible(shown)

    def set_large_text(self, large: bool) -> None:
        self.settings.large_text = large
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, large)

    # --- workspace signals -----------------------------------------------------------------------

    def _on_workspace_document_loaded(self, side_value: str) -> None:
        side = Side(side_value)
        loaded = self.workspace.docs.get(side)
        pane = self.upper_pane if side is Side.UPPER else self.lower_pane
        if loaded is None:  # a chain whose document at this level is still being read
            pane.set_document(None)
            pane.set_summary("")
            return
        pane.set_document(loaded.document, loaded.path)
        leaves = len(loaded.document.leaves)
        summary = self.tr("共 {0} 条").format(leaves)
        if loaded.document.warnings:
            summary += self.tr("；提示：") + "；".join(loaded.document.warnings)
        pane.set_summary(summary)
        docs = self.workspace.docs
        if Side.UPPER in docs and Side.LOWER in docs:
            self.settings.add_recent_pair(str(docs[Side.UPPER].path), str(docs[Side.LOWER].path))
        self._update_title()

    def _on_workspace_chain_changed(self) -> None:
        """Watch every document of the chain for changes on disk, and nothing else; remember them
        as files the user works with (a session naming them opens without a question)."""
        paths = {str(d.path) for d in self.workspace.levels if d is not None}
        self.settings.add_known_files([_resolved(Path(p)) for p in paths])
        watched = set(self.watcher.files())
        if watched - paths:
            self.watcher.removePaths(sorted(watched - paths))
        if paths - watched:
            self.watcher.addPaths(sorted(paths - watched))

    def _on_workspace_read_failed(self, level: int, path: Path, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, ReadOptionsError) and path.suffix.lower() in OPTION_SUFFIXES and path.is_file():
            loaded = self.workspace.levels[level] if level < len(self.workspace.levels) else None
            current = loaded.options if loaded and loaded.path == path else ReadOptions()
            problem = exc.message + self.tr("\n如果是编码、工作表或列的问题，可在下面指定后重试。")
            options = dialogs.choose_read_options(self, path, current, problem)
            if options is not None and level < len(self.workspace.levels):
                self.settings.last_folder = str(path.parent)
                self.workspace.open_level(level, path, options)
            return
        self._on_workspace_failed(self.tr("读取文件"), exc)

    def _on_workspace_failed(self, what: str, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage(exc.message, 5000)
        elif isinstance(exc, DuibiaoError):
            dialogs.show_error(self, exc.message)
        else:
            log.error("%s failed", what, exc_info=(type(exc), exc, exc.__traceback__))
            dialogs.show_error(
                self,
                self.tr("{0}时发生意外错误（{1}）。请重试；如果问题仍然存在，请把日志文件 {2} 发给技术支持人员。").format(
                    what, type(exc).__name__, self.settings.log_path
                ),
            )

    def _on_workspace_exported(self, paths: list[Path]) -> None:
        names = "、".join(p.name for p in paths)
        self.statusBar().showMessage(self.tr("已导出：{0}").format(names), 8000)
        if paths:
            dialogs.open_folder(paths[0].parent)

    def _on_workspace_session_opened(self, session: Session, changed: tuple) -> None:
        self.settings.last_folder = str(Path(session.documents[0].path).parent)
        if changed:
            names = "、".join(Path(ref.path).name for ref in changed)
            dialogs.show_info(
                self,
                self.tr("以下文件在保存审核进度之后已被修改：{0}。\n已做的审核决定会保留；涉及已删除或改动条目的决定会单独提示，请重点复核。").format(names),
            )

    def _on_workspace_orphans_found(self, count: int) -> None:
        dialogs.show_info(
            self,
            self.tr("有 {0} 项审核决定涉及的条目在当前文件中已不存在。这些决定不会套用到其他条目，仍保留在审核进度文件中；请复核相关条目。").format(count),
        )

    def _on_workspace_busy_changed(self, busy: bool) -> None:
        for widget in (self.busy_label, self.busy_bar, self.cancel_button):
            widget.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        if not busy:
            self.busy_label.clear()

    def _on_workspace_progress(self, text: str, done: int, total: int) -> None:
        self.busy_label.setText(text)
        self.busy_bar.setRange(0, total if total > 0 else 0)
        if total > 0:
            self.busy_bar.setValue(done)

    def _on_watcher_file_changed(self, path_text: str) -> None:
        path = Path(path_text)
        levels = self.workspace.levels
        level = next((n for n, d in enumerate(levels) if d is not None and str(d.path) == path_text), None)
        if level is None or path_text in self._asking_reload:
            return
        if not path.is_file():
            self.statusBar().showMessage(self.tr("文件“{0}”已被移走或删除。").format(path.name), 8000)
            return
        if path_text not in self.watcher.files():
            self.watcher.addPath(path_text)  # editors replace files on save, which ends the watch
        if file_sha256(path) == levels[level].sha256:
            return
        self._asking_reload.add(path_text)
        try:
            question = self.tr("文件“{0}”已在其他程序中被修改。是否重新读取？已做的审核决定会保留。").format(path.name)
            if dialogs.ask_yes_no(self, question):
                self.settings.last_folder = str(path.parent)
                self.workspace.open_level(level, path)
        finally:
            self._asking_reload.discard(path_text)

    # --- selection sync --------------------------------------------------------------------------

    def _on_crosswalk_row_selected(self, row: Row | None) -> None:
        self.review.update_enabled(row)
        if row is None:
            self.detail.show_pair(None, None, None)
            return
        self.upper_pane.select_item(row.upper)
        self.lower_pane.select_item(row.lower)
        self._show_detail(row)

    def _show_detail(self, row: Row) -> None:
        cw = self.workspace.crosswalk
        if cw is None:
            return
        upper = self._upper_index.get(row.upper) if row.upper else None
        lower = self._lower_index.get(row.lower) if row.lower else None
        link = cw.link(row.upper, row.lower) if upper and lower else None
        offered = None
        if row.kind is RowKind.GAP or Flag.WEAK in row.flags:
            offered = [(self._lower_index[s.lower], s) for s in self.review.candidates(row)]
        self.detail.show_pair(
            upper,
            lower,
            link,
            upper_note=cw.item_note(Side.UPPER, row.upper) if upper and not link else "",
            lower_note=cw.item_note(Side.LOWER, row.lower) if lower and not upper else "",
            not_applicable=cw.not_applicable_reason(row.upper) if upper else None,
            suggestions=offered,
        )

    def _on_table_user_widths_changed(self, widths: dict) -> None:
        self.settings.table_columns = widths

    def _on_detail_suggestion_chosen(self, lower_id: str) -> None:
        row = self.crosswalk.current_row()
        if row is not None and row.upper is not None:
            self.review.link_to(row.upper, lower_id)

    def _select_row_of(self, matches) -> bool:
        """Select the first row for an item, preferring rows that are not rejected links."""
        return self.crosswalk.select_where(lambda r: matches(r) and r.link_status is not LinkStatus.REJECTED) or self.crosswalk.select_where(matches)

    def set_role(self, side: Side, item_id: str, role: str) -> None:
        """Set what a part of a document is for (任务, 背景与原则, 目标, 附则) and re-read it with
        that choice; the review is kept, since the items stay the same."""
        level = self.workspace.level_of(side)
        loaded = self.workspace.levels[level] if level < len(self.workspace.levels) else None
        if loaded is None:
            return
        roles = dict(loaded.options.roles)
        roles[item_id] = role
        self.workspace.open_level(level, loaded.path, replace(loaded.options, roles=tuple(roles.items())))
        self.statusBar().showMessage(self.tr("已更改该部分的类型，正在重新对标…"), 5000)

    def show_dropped(self) -> None:
        """The lines of the documents on show that are not items, with why (nothing is dropped unseen)."""
        documents = [d for d in (self.workspace.document(Side.UPPER), self.workspace.document(Side.LOWER)) if d]
        if not documents:
            dialogs.show_info(self, self.tr("请先打开文件。"))
            return
        self.analysis.open_tables(self.tr("未列为条目的文字"), tuple(dropped_table(d) for d in documents))

    def _on_upper_pane_item_selected(self, item_id: str) -> None:
        if not self._select_row_of(lambda r: r.upper == item_id):
            item = self._upper_index.get(item_id) or self._item_of(Side.UPPER, item_id)
            self.detail.show_pair(item, None, None)

    def _on_lower_pane_item_selected(self, item_id: str) -> None:
        if not self._select_row_of(lambda r: r.lower == item_id):
            item = self._lower_index.get(item_id) or self._item_of(Side.LOWER, item_id)
            self.detail.show_pair(None, item, None)

    def _select_in_pane(self, offset: int, item_id: str) -> None:
        """Select an item of the pair on show: offset 0 in the upper document, 1 in the lower."""
        if offset == 0:
            self.upper_pane.select_item(item_id)
            self._on_upper_pane_item_selected(item_id)
        else:
            self.lower_pane.select_item(item_id)
            self._on_lower_pane_item_selected(item_id)

    def _item_of(self, side: Side, item_id: str) -> Item | None:
        doc = self.workspace.document(side)
        return doc.index().get(item_id) if doc else None

    # --- refresh ---------------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Show the current crosswalk value in every view."""
        cw, view = self.workspace.crosswalk, self.workspace.view
        if cw is None or view is None:
            self._upper_index, self._lower_index = {}, {}
            self.crosswalk.set_rows(())
            self.crosswalk.set_sections(())
            self.upper_pane.model.set_statuses({}, {})
            self.lower_pane.model.set_statuses({}, {})
            self.review_progress.set_full_text(self.tr("尚未对标"))
            self._show_document_trees()
            self.review.update_enabled(None)
            self.detail.show_pair(None, None, None)
            return
        self._upper_index, self._lower_index = cw.upper.index(), cw.lower.index()
        self.upper_pane.model.set_statuses(view.upper_status, view.upper_counts)
        self.lower_pane.model.set_statuses(view.lower_status, view.lower_counts)
        self.crosswalk.set_sections(cw.sections())
        self.crosswalk.set_rows(view.rows)
        if self.crosswalk.current_row() is None and view.rows:
            self.crosswalk.select_where(lambda r: True)  # show a first pair rather than an empty detail pane
        row = self.crosswalk.current_row()
        if row is not None:
            self._show_detail(row)
        self.review.update_enabled(row)
        cov = cw.coverage()
        # Three honest numbers, coverage % counting covered tasks only, then the review's progress.
        self.review_progress.set_full_text(
            self.tr("已覆盖 {0} 项（{1:.0f}%）· 弱覆盖 {2} 项 · 缺口 {3} 项 · 已审核 {4}/{5} 条关联 · 本级新增 {6} 项").format(
                cov.covered, cov.percent, cov.weak, cov.gaps, cw.reviewed_count, len(cw.links), len(cw.lower_extras)
            )
            + ("" if cw.thresholds.model == "meaning" else self.tr(" · 仅按字面比对"))
        )
        self.review_progress.setToolTip(self.review_progress.full_text() + "\n" + method_sentence(cw))
        self._show_document_trees()
        self.upper_pane.set_summary(self.tr("共 {0} 项任务：已覆盖 {1}，弱覆盖 {2}，缺口 {3}，不适用 {4}").format(cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable))
        linked = len(cw.lower.leaves) - len(cw.lower_extras)
        self.lower_pane.set_summary(self.tr("共 {0} 条措施：已对应 {1}，本级新增 {2}，一对多 {3}").format(len(cw.lower.leaves), linked, len(cw.lower_extras), len(cw.overlaps)))
        self._update_title()

    def _show_sensitivity(self, value: str) -> None:
        sensitivity = Sensitivity(value)
        self.sensitivity_combo.setCurrentIndex(self.sensitivity_combo.findData(sensitivity))
        for s, action in self.sensitivity_actions.items():
            action.setChecked(s is sensitivity)

    def _update_title(self) -> None:
        docs = self.workspace.docs
        names = [docs[s].document.title or docs[s].path.name for s in (Side.UPPER, Side.LOWER) if s in docs]
        title = self.tr("对标") + (" — " + " ↔ ".join(n[:30] for n in names) if names else "")
        self.setWindowTitle(title + "[*]")
        self.setWindowModified(self.workspace.is_modified)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        self.recent_menu.setToolTipsVisible(True)
        pairs = self.settings.recent_pairs
        for (upper, lower), label in zip(pairs, distinct_labels(pairs)):
            action = self.recent_menu.addAction(label)
            action.setToolTip(f"{upper}\n{lower}")
            action.triggered.connect(lambda checked=False, u=upper, l=lower: self.open_pair(Path(u), Path(l)))
        sessions = self.settings.recent_sessions
        if sessions:
            self.recent_menu.addSeparator()
        for path, label in zip(sessions, distinct_labels([(p,) for p in sessions])):
            action = self.recent_menu.addAction(self.tr("审核进度：{0}").format(label))
            action.setToolTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_session(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._proportioned:
            self._proportioned = True
            QTimer.singleShot(0, self._proportion_splitter)

    def _proportion_splitter(self) -> None:
        """Most of the height to the table, the rest to the detail pane (Qt would split the
        window's growth from its first, small size by the stretch factors)."""
        height = self.splitter.height()
        self.splitter.setSizes([height * 70 // 100, height - height * 70 // 100])

    # --- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace.is_modified and self.workspace.crosswalk is not None:
            answer = dialogs.ask_save_discard_cancel(self, self.tr("审核决定尚未保存。是否保存审核进度？"))
            if answer == "cancel" or (answer == "save" and not self.save_session()):
                event.ignore()
                return
        self.workspace.runner.shutdown()
        self.autosave.discard()
        self.settings.set_window_placement(self.normalGeometry(), self.isMaximized())
        self.settings.sync()
        event.accept()


def _resolved(path: Path) -> str:
    """The path as the list of files the user opened keeps it (a symlink loop keeps it as given)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _shortcuts(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Key sequences for one action, each once (a platform's standard key may already be one of them)."""
    sequences: list[QKeySequence] = []
    for key in keys:
        for sequence in QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]:
            if sequence not in sequences:
                sequences.append(sequence)
    return sequences

