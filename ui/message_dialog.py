"""A message with buttons, like QMessageBox, that fits the screen whatever the message's length:
QMessageBox caps its width at a fraction of the screen and grows taller than a 150 % laptop
screen for a long message; here the text scrolls."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import fit_to_screen, largest_size

WIDTH_CHARACTERS = 44  # a message box's text width, in average characters


class MessageDialog(QDialog):
    """`buttons`: (text or a standard button, role) pairs; `clicked` is the button pressed, or
    None when the dialog was closed another way."""

    ICONS = {
        "information": QStyle.StandardPixmap.SP_MessageBoxInformation,
        "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "question": QStyle.StandardPixmap.SP_MessageBoxQuestion,
    }

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        icon: str,
        buttons: Sequence[tuple[str | QDialogButtonBox.StandardButton, QDialogButtonBox.ButtonRole]],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.clicked: QAbstractButton | None = None
        picture = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        picture.setPixmap(self.style().standardIcon(self.ICONS[icon], None, self).pixmap(size, size))
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidget(self.message)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QHBoxLayout()
        body.addWidget(picture, 0)
        body.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox()
        for text_or_standard, role in buttons:
            if isinstance(text_or_standard, QDialogButtonBox.StandardButton):
                self.buttons.addButton(text_or_standard)
            else:
                self.buttons.addButton(text_or_standard, role)
        self.buttons.clicked.connect(self._on_buttons_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        width = min(metrics.averageCharWidth() * WIDTH_CHARACTERS + size, largest_size(self).width())
        text_height = self.message.heightForWidth(width - size - 40)
        fit_to_screen(self, width + 40, text_height + self.buttons.sizeHint().height() + 60)

    def _on_buttons_clicked(self, button: QAbstractButton) -> None:
        self.clicked = button
        role = self.buttons.buttonRole(button)
        if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole):
            self.reject()
        else:
            self.accept()

    def role(self) -> QDialogButtonBox.ButtonRole | None:
        return self.buttons.buttonRole(self.clicked) if self.clicked is not None else None

    def standard(self) -> QDialogButtonBox.StandardButton:
        return self.buttons.standardButton(self.clicked) if self.clicked is not None else QDialogButtonBox.StandardButton.NoButton
