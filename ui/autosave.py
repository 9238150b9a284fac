"""Autosave: a few seconds after a review change, write the session to the recovery file.

The file is removed when the window closes normally; finding it at start-up means the last run
ended abnormally, and the user is offered to recover it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from compare.errors import DuibiaoError
from ui.workspace import Workspace

log = logging.getLogger(__name__)


class Autosave(QObject):
    saved = Signal(object)  # Path

    def __init__(self, workspace: Workspace, path: Path, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._workspace = workspace
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(seconds * 1000)
        self._timer.timeout.connect(self.save_now)
        # The stack moves after a pushed command has run, so is_modified is current then.
        workspace.decisionsChanged.connect(self._on_workspace_changed)
        workspace.crosswalkChanged.connect(self._on_workspace_changed)

    def _on_workspace_changed(self) -> None:
        # Coalesce a burst of decisions into one write, at most `seconds` after the first.
        if self._workspace.is_modified and not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        if self._workspace.crosswalk is None or not self._workspace.is_modified:
            return
        try:
            self._workspace.write_recovery(self.path)
        except DuibiaoError as exc:
            log.warning("autosave failed: %s", exc.message)
            return
        self.saved.emit(self.path)

    def discard(self) -> None:
        self._timer.stop()
        self.path.unlink(missing_ok=True)
