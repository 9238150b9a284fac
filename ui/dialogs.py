"""Every modal dialog the workbench shows goes through this module.

A modal `exec()` blocks a test forever, so tests replace these functions (monkeypatch) with
canned answers; the window never calls QFileDialog / QMessageBox / QInputDialog directly.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from compare.documents.model import Document
from compare.documents.readers import ReadOptions


def _tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def document_filter() -> str:
    return _tr("政策文件 (*.docx *.xlsx *.xlsm *.txt *.pdf *.html *.htm *.mhtml *.doc *.wps);;所有文件 (*)")


def session_filter() -> str:
    return _tr("对标审核进度 (*.duibiao);;所有文件 (*)")


def get_open_path(parent: QWidget | None, title: str, folder: str, name_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return Path(path) if path else None


def get_save_path(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return Path(path) if path else None


def show_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, _tr("对标"), message)


def show_info(parent: QWidget | None, message: str) -> None:
    QMessageBox.information(parent, _tr("对标"), message)


def ask_yes_no(parent: QWidget | None, question: str) -> bool:
    answer = QMessageBox.question(
        parent, _tr("对标"), question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget | None, question: str) -> str:
    """'save', 'discard' or 'cancel' for closing with unsaved review work."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, _tr("对标"), question, buttons.Save | buttons.Discard | buttons.Cancel)
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def choose_read_options(parent: QWidget | None, path: Path, options: ReadOptions, problem: str = "") -> ReadOptions | None:
    from ui.open_options_dialog import OpenOptionsDialog

    dialog = OpenOptionsDialog(path, options, problem, parent)
    return dialog.options() if dialog.exec() else None


def choose_item(parent: QWidget | None, document: Document, title: str, current: str | None = None) -> str | None:
    from ui.relink_dialog import RelinkDialog

    dialog = RelinkDialog(document, title, current, parent)
    return dialog.chosen_id() if dialog.exec() else None


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def choose_chain(parent: QWidget | None, paths: list[Path], folder: str) -> list[Path] | None:
    """The documents of a chain in order, highest level first; None when cancelled."""
    from ui.chain_dialog import ChainDialog

    dialog = ChainDialog(paths, lambda: get_open_path(dialog, _tr("添加文件"), folder, document_filter()), parent)
    return dialog.paths() if dialog.exec() else None
