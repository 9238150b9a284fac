"""What importing a colleague's workbook will change, shown before anything is applied."""
from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.screen_fit import fit_to_screen


class ImportPreviewDialog(QDialog):
    def __init__(
        self, title: str, intro: str, changes: Sequence[str], ignored: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.browser = QTextBrowser()
        parts = [f"<p><b>{html.escape(self.tr('将导入：'))}</b></p>"]
        if changes:
            parts.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in changes) + "</ul>")
        else:
            parts.append(f"<p>{html.escape(self.tr('没有需要导入的审核结果（与当前的审核一致）。'))}</p>")
        if ignored:
            parts.append(f"<p><b>{html.escape(self.tr('不会导入：'))}</b></p>")
            parts.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in ignored) + "</ul>")
        self.browser.setHtml("".join(parts))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(changes))
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        note = QLabel(self.tr("导入后可用“撤销”（Ctrl+Z）一步撤回。"))
        note.setObjectName("paneSummary")
        layout.addWidget(note)
        metrics = self.fontMetrics()
        fit_to_screen(self, metrics.averageCharWidth() * 100, metrics.height() * 26)

    def text(self) -> str:
        return self.browser.toPlainText()
