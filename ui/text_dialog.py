"""A few lines of text from the reviewer: a 审核意见 or the reason a task is 不适用."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.screen_fit import fit_to_screen


class TextDialog(QDialog):
    def __init__(self, title: str, label: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        prompt = QLabel(label)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.editor = QPlainTextEdit(text)
        self.editor.setTabChangesFocus(True)
        prompt.setBuddy(self.editor)
        layout.addWidget(self.editor, 1)
        hint = QLabel(self.tr("按 Ctrl+Enter 确定。"))
        hint.setObjectName("paneSummary")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 70, metrics.height() * 14)

    def text(self) -> str:
        return self.editor.toPlainText()
