"""The workbench's cascade controls: open a chain of documents, pick the level pair the pair views
show, and keep the chain view in step with the review."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QTabWidget, QToolBar

from ui import dialogs
from ui.chain_panel import ChainPanel, level_name
from ui.workspace import Workspace


class ChainActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        panel: ChainPanel,
        tabs: QTabWidget,
        folder: Callable[[], str],
        select_item: Callable[[int, str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._panel = panel
        self._tabs = tabs
        self._folder = folder
        self._select_item = select_item
        self._stale = True  # the chain view waits to be rebuilt until it is shown
        self.open_chain = QAction(self.tr("打开对标链条…"), window)
        self.open_chain.setStatusTip(self.tr("从上到下排列 2–6 份文件（国家→省→市→区→园区），逐级对标"))
        self.open_chain.triggered.connect(self.choose_chain)
        self.level_label = QLabel(self.tr(" 对标层级："))
        self.level_combo = QComboBox()
        # Titles are long: a bounded combo keeps the toolbar's review buttons on screen at 1366 px.
        self.level_combo.setMaximumWidth(self.level_combo.fontMetrics().averageCharWidth() * 34)
        self.level_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.level_combo.setMinimumContentsLength(16)
        self.level_combo.setToolTip(self.tr("链条中相邻两级文件的对照，在左右两栏和中间表格中显示"))
        self.level_combo.activated.connect(self._on_level_combo_activated)
        self._toolbar_actions: list[QAction] = []
        workspace.chainChanged.connect(self._on_workspace_changed)
        workspace.crosswalkChanged.connect(self._on_workspace_changed)
        panel.pairRequested.connect(self._on_panel_pair_requested)
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._on_workspace_changed()

    def add_to(self, toolbar: QToolBar) -> None:
        """Put the level-pair chooser on `toolbar` (shown only for chains of three or more)."""
        self._toolbar_actions = [toolbar.addWidget(self.level_label), toolbar.addWidget(self.level_combo)]
        self._on_workspace_changed()

    def choose_chain(self) -> None:
        current = [loaded.path for loaded in self._workspace.levels if loaded is not None]
        paths = dialogs.choose_chain(self._window, current, self._folder())
        if paths:
            self.open(paths)

    def open(self, paths: list[Path]) -> None:
        dropped = self._workspace.decisions_dropped_by(paths)
        if dropped:
            pairs = "；".join(self.tr("“{0}”→“{1}” {2} 项").format(*entry) for entry in dropped)
            question = self.tr(
                "新的链条中不再有以下相邻的两份文件，它们的审核决定不会带入新链条：{0}。\n"
                "打开后可用“撤销”回到原来的文件和审核决定。是否打开新的链条？"
            ).format(pairs)
            if not dialogs.ask_yes_no(self._window, question):
                return
        self._workspace.set_chain(paths)
        if len(paths) > 2:
            self._tabs.setCurrentWidget(self._panel)

    def _on_workspace_changed(self) -> None:
        workspace = self._workspace
        steps = len(workspace.steps)
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        for step in range(steps):
            names = []
            for level in (step, step + 1):
                loaded = workspace.levels[level]
                name = (loaded.document.title or loaded.path.name) if loaded else self.tr("（未打开）")
                names.append(name if len(name) <= 14 else name[:13] + "…")
            self.level_combo.addItem(self.tr("第{0}→{1}级：{2} → {3}").format(step + 1, step + 2, *names), step)
        self.level_combo.setCurrentIndex(workspace.step)
        self.level_combo.blockSignals(False)
        for action in self._toolbar_actions:  # a toolbar shows or hides its widgets through their actions
            action.setVisible(steps > 1)
        self._tabs.setTabVisible(self._tabs.indexOf(self._panel), steps > 1)
        self._tabs.tabBar().setVisible(steps > 1)  # one pair: the detail pane alone needs no tab
        self._stale = True
        if self._tabs.currentWidget() is self._panel:
            self._rebuild()

    def _rebuild(self) -> None:
        chain = self._workspace.chain
        self._panel.set_chain(chain if chain is not None and chain.levels > 2 else None)
        self._stale = False

    def _on_tabs_current_changed(self, index: int) -> None:
        if self._tabs.widget(index) is self._panel and self._stale:
            self._rebuild()

    def _on_level_combo_activated(self, index: int) -> None:
        self._workspace.show_step(self.level_combo.itemData(index))

    def _on_panel_pair_requested(self, step: int, level: int, item_id: str) -> None:
        """Show the pair that holds the double-clicked item and select it there."""
        self._workspace.show_step(step)
        self._select_item(level - step, item_id)
        chain = self._workspace.chain
        if chain is not None:
            self._window.statusBar().showMessage(
                self.tr("正在显示：{0} → {1}").format(level_name(chain, step), level_name(chain, step + 1)), 5000
            )
