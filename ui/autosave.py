"""Autosave: a few seconds after a review change, write the session to the recovery file.

The file is removed when the window closes normally; finding it at start-up means the last run
ended abnormally, and the user is offered to recover it, keep it for later or delete it. Beside
it, a small note names the session file the work belongs to, so that after a recovery 保存
writes to that file rather than asking for a new one.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from compare.atomic_write import write_bytes_atomic
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

    @property
    def source_note(self) -> Path:
        """Names the session file the autosaved work belongs to (absent for an unsaved review)."""
        return self.path.with_name(self.path.name + ".source")

    def _on_workspace_changed(self) -> None:
        # Coalesce a burst of decisions into one write, at most `seconds` after the first.
        if self._workspace.is_modified and not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        if self._workspace.crosswalk is None or not self._workspace.is_modified:
            return
        try:
            self._workspace.write_recovery(self.path)
            source = self._workspace.session_path
            if source is not None:
                write_bytes_atomic(self.source_note, str(source.resolve()).encode("utf-8"))
            else:
                self.source_note.unlink(missing_ok=True)
        except (DuibiaoError, OSError) as exc:
            log.warning("autosave failed: %s", getattr(exc, "message", exc))
            return
        self.saved.emit(self.path)

    def source(self) -> Path | None:
        """The session file the recovery file's work belongs to, if it still exists."""
        try:
            path = Path(self.source_note.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        return path if path.is_file() else None

    def keep_aside(self) -> Path:
        """Move the recovery file out of the way under a dated name (the next autosave would
        overwrite it) and return where it went."""
        kept = self.path.with_name(time.strftime("自动保存的审核进度-%Y%m%d-%H%M%S.duibiao", time.localtime(self.path.stat().st_mtime)))
        self.path.replace(kept)
        self.source_note.unlink(missing_ok=True)
        return kept

    def discard(self) -> None:
        self._timer.stop()
        self.path.unlink(missing_ok=True)
        self.source_note.unlink(missing_ok=True)
