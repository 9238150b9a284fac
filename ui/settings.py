"""One typed wrapper over QSettings (INI format), so keys and types live in one place.

Tests point it at a folder under tmp_path; the application uses the per-user config folder.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QStandardPaths

from compare.alignment.crosswalk import Sensitivity

MAX_RECENT = 8
MAX_KNOWN_FILES = 500  # documents the user has opened, so a session naming others asks first
DEFAULT_AUTOSAVE_SECONDS = 30


def default_settings_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class Settings:
    """User preferences and the app-data folder (autosave recovery file, logs)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_settings_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.folder / "duibiao.ini"), QSettings.Format.IniFormat)

    # --- files ---------------------------------------------------------------------------------

    @property
    def recovery_path(self) -> Path:
        return self.folder / "recovery.duibiao"

    @property
    def log_path(self) -> Path:
        return self.folder / "duibiao.log"

    def _list(self, key: str) -> list[str]:
        value = self._qs.value(key, [])
        if isinstance(value, str):  # QSettings returns a lone entry as a plain string
            return [value] if value else []
        return [str(v) for v in value or []]

    def _push_recent(self, key: str, entry: str) -> None:
        entries = [entry] + [e for e in self._list(key) if e != entry]
        self._qs.setValue(key, entries[:MAX_RECENT])

    @property
    def recent_pairs(self) -> list[tuple[str, str]]:
        """Recently compared (upper, lower) document pairs, newest first."""
        pairs = (entry.split("\n", 1) for entry in self._list("recent/pairs"))
        return [(p[0], p[1]) for p in pairs if len(p) == 2]

    def add_recent_pair(self, upper: str, lower: str) -> None:
        self._push_recent("recent/pairs", f"{upper}\n{lower}")

    @property
    def recent_sessions(self) -> list[str]:
        return self._list("recent/sessions")

    def add_recent_session(self, path: str) -> None:
        self._push_recent("recent/sessions", path)

    @property
    def known_files(self) -> set[str]:
        """Documents the user chose (resolved paths), most recent first when stored."""
        return set(self._list("files/known"))

    def add_known_files(self, paths: list[str]) -> None:
        fresh = list(dict.fromkeys(paths))
        entries = fresh + [e for e in self._list("files/known") if e not in fresh]
        self._qs.setValue("files/known", entries[:MAX_KNOWN_FILES])

    @property
    def last_folder(self) -> str:
        return str(self._qs.value("files/last_folder", ""))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._qs.setValue("files/last_folder", folder)

    # --- preferences ---------------------------------------------------------------------------

    @property
    def sensitivity(self) -> Sensitivity:
        try:
            return Sensitivity(str(self._qs.value("align/sensitivity", Sensitivity.BALANCED.value)))
        except ValueError:
            return Sensitivity.BALANCED

    @sensitivity.setter
    def sensitivity(self, value: Sensitivity) -> None:
        self._qs.setValue("align/sensitivity", value.value)

    @property
    def large_text(self) -> bool:
        return str(self._qs.value("view/large_text", "false")).lower() == "true"

    @large_text.setter
    def large_text(self, value: bool) -> None:
        self._qs.setValue("view/large_text", "true" if value else "false")

    @property
    def autosave_seconds(self) -> int:
        try:
            return max(1, int(self._qs.value("session/autosave_seconds", DEFAULT_AUTOSAVE_SECONDS)))
        except (TypeError, ValueError):
            return DEFAULT_AUTOSAVE_SECONDS

    @autosave_seconds.setter
    def autosave_seconds(self, seconds: int) -> None:
        self._qs.setValue("session/autosave_seconds", int(seconds))

    @property
    def show_document_trees(self) -> bool | None:
        """Whether the two document trees flank the table; None until the user chooses."""
        value = str(self._qs.value("view/document_trees", ""))
        return {"true": True, "false": False}.get(value.lower())

    @show_document_trees.setter
    def show_document_trees(self, value: bool) -> None:
        self._qs.setValue("view/document_trees", "true" if value else "false")

    @property
    def table_columns(self) -> dict[str, float]:
        """Column widths the user set in the crosswalk table (see `CrosswalkTable.user_widths`)."""
        try:
            value = json.loads(str(self._qs.value("view/table_columns", "{}")))
        except ValueError:
            return {}
        if not isinstance(value, dict):
            return {}
        return {str(k): float(v) for k, v in value.items() if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0}

    @table_columns.setter
    def table_columns(self, widths: dict[str, float]) -> None:
        self._qs.setValue("view/table_columns", json.dumps(widths))

    @property
    def window_placement(self) -> tuple[QRect | None, bool]:
        """The main window's last normal (not maximised) geometry, and whether it was maximised."""
        parts = str(self._qs.value("view/window_rect", "")).split(",")
        try:
            rect = QRect(*(int(p) for p in parts)) if len(parts) == 4 else None
        except ValueError:
            rect = None
        return rect, str(self._qs.value("view/window_maximised", "true")).lower() == "true"

    def set_window_placement(self, rect: QRect, maximised: bool) -> None:
        self._qs.setValue("view/window_rect", f"{rect.x()},{rect.y()},{rect.width()},{rect.height()}")
        self._qs.setValue("view/window_maximised", "true" if maximised else "false")

    def sync(self) -> None:
        self._qs.sync()
