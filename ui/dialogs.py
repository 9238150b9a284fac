"""Every modal dialog the workbench shows goes through this module.

A modal `exec()` blocks a test forever, so tests replace these functions (monkeypatch) with
canned answers; the window never calls QFileDialog / QMessageBox / QInputDialog directly. The
`build_*` functions make the dialogs without showing them, so tests can check what they hold
and that they fit the screen.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QTreeView, QWidget

from compare.documents.model import Document
from compare.documents.readers import ReadOptions
from ui.message_dialog import MessageDialog
from ui.screen_fit import fit_to_screen


FILE_TYPE_COLUMN = 2  # of QFileSystemModel: 名称, 体积, 类型, 修改日期


def _tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def document_filter() -> str:
    return _tr("政策文件 (*.docx *.xlsx *.xlsm *.txt *.pdf *.html *.htm *.mhtml *.doc *.wps);;所有文件 (*)")


def session_filter() -> str:
    return _tr("对标审核进度 (*.duibiao);;所有文件 (*)")


def workbook_filter() -> str:
    return _tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)")


def build_file_dialog(parent: QWidget | None, title: str, start: str, name_filter: str, save: bool) -> QFileDialog:
    """Qt's own file dialog with every label in Chinese (qtbase_zh_CN leaves "Look in" and
    "Files of type" in English). Windows keeps its system dialog, which speaks the system's language."""
    dialog = QFileDialog(parent, title, start, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        details = dialog.findChild(QTreeView, "treeView")
        if details is not None:  # 类型 holds the system's own names for file types, English on an English system
            details.hideColumn(FILE_TYPE_COLUMN)
    labels = QFileDialog.DialogLabel
    dialog.setLabelText(labels.LookIn, _tr("查找范围："))
    dialog.setLabelText(labels.FileName, _tr("文件名："))
    dialog.setLabelText(labels.FileType, _tr("文件类型："))
    dialog.setLabelText(labels.Accept, _tr("保存") if save else _tr("打开"))
    dialog.setLabelText(labels.Reject, _tr("取消"))
    metrics = dialog.fontMetrics()
    fit_to_screen(dialog, metrics.averageCharWidth() * 110, metrics.height() * 30)
    return dialog


def _run_file_dialog(dialog: QFileDialog) -> Path | None:
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen else None


def get_open_path(parent: QWidget | None, title: str, folder: str, name_filter: str) -> Path | None:
    return _run_file_dialog(build_file_dialog(parent, title, folder, name_filter, save=False))


def get_save_path(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
    return _run_file_dialog(build_file_dialog(parent, title, suggested, name_filter, save=True))


def build_message(parent: QWidget | None, text: str, icon: str, buttons, title: str = "") -> MessageDialog:
    return MessageDialog(parent, title or _tr("对标"), text, icon, buttons)


def _ask(parent: QWidget | None, text: str, icon: str, buttons) -> MessageDialog:
    return _ask_dialog(build_message(parent, text, icon, buttons))


_STANDARD = QDialogButtonBox.StandardButton
_ROLE = QDialogButtonBox.ButtonRole


def show_error(parent: QWidget | None, message: str) -> None:
    _ask(parent, message, "warning", [(_STANDARD.Ok, _ROLE.AcceptRole)])


def show_info(parent: QWidget | None, message: str) -> None:
    _ask(parent, message, "information", [(_STANDARD.Ok, _ROLE.AcceptRole)])


def ask_yes_no(parent: QWidget | None, question: str) -> bool:
    dialog = _ask(parent, question, "question", [(_STANDARD.Yes, _ROLE.YesRole), (_STANDARD.No, _ROLE.NoRole)])
    return dialog.standard() == _STANDARD.Yes


def ask_save_discard_cancel(parent: QWidget | None, question: str) -> str:
    """'save', 'discard' or 'cancel' for closing with unsaved review work."""
    buttons = [(_STANDARD.Save, _ROLE.AcceptRole), (_STANDARD.Discard, _ROLE.DestructiveRole), (_STANDARD.Cancel, _ROLE.RejectRole)]
    answer = _ask(parent, question, "question", buttons).standard()
    return {_STANDARD.Save: "save", _STANDARD.Discard: "discard"}.get(answer, "cancel")


def build_recovery_box(parent: QWidget | None, description: str) -> MessageDialog:
    buttons = [(_tr("恢复"), _ROLE.AcceptRole), (_tr("暂不恢复，保留文件"), _ROLE.RejectRole), (_tr("删除"), _ROLE.DestructiveRole)]
    return build_message(parent, description, "question", buttons, _tr("恢复审核进度"))


def ask_recovery(parent: QWidget | None, description: str) -> str:
    """'recover', 'keep' or 'discard' for an autosave left by a run that did not end normally."""
    role = _ask_dialog(build_recovery_box(parent, description)).role()
    return {_ROLE.AcceptRole: "recover", _ROLE.DestructiveRole: "discard"}.get(role, "keep")


def _ask_dialog(dialog: MessageDialog) -> MessageDialog:
    dialog.exec()
    return dialog


def build_text_dialog(parent: QWidget | None, title: str, label: str, text: str = ""):
    from ui.text_dialog import TextDialog

    return TextDialog(title, label, text, parent)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A few lines of text (审核意见, a 不适用 reason); None when cancelled."""
    dialog = build_text_dialog(parent, title, label, text)
    return dialog.text() if dialog.exec() else None


def choose_read_options(parent: QWidget | None, path: Path, options: ReadOptions, problem: str = "") -> ReadOptions | None:
    from ui.open_options_dialog import OpenOptionsDialog

    dialog = OpenOptionsDialog(path, options, problem, parent)
    return dialog.options() if dialog.exec() else None


def choose_item(
    parent: QWidget | None,
    document: Document,
    title: str,
    current: str | None = None,
    about: str = "",
    ranked: Sequence[tuple[str, float, str]] = (),
) -> str | None:
    """An item of `document`; `about` is the item being linked, `ranked` the engine's candidates
    (id, score, shared phrases), listed first."""
    from ui.relink_dialog import RelinkDialog

    dialog = RelinkDialog(document, title, current, parent, about=about, ranked=ranked)
    return dialog.chosen_id() if dialog.exec() else None


def confirm_import(parent: QWidget | None, title: str, intro: str, changes: Sequence[str], ignored: Sequence[str]) -> bool:
    from ui.import_dialog import ImportPreviewDialog

    return bool(ImportPreviewDialog(title, intro, changes, ignored, parent).exec())


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def choose_chain(parent: QWidget | None, paths: list[Path], folder: str) -> list[Path] | None:
    """The documents of a chain in order, highest level first; None when cancelled."""
    from ui.chain_dialog import ChainDialog

    dialog = ChainDialog(paths, lambda: get_open_path(dialog, _tr("添加文件"), folder, document_filter()), parent)
    return dialog.paths() if dialog.exec() else None
