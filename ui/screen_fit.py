"""Windows that fit the screen they open on, at any display scaling and font size.

Every top-level window and dialog sizes itself through `fit_to_screen`: it asks for a size
(usually from the font, so it scales with 大字号) and gets at most what the screen's available
area holds, taskbar excluded, with room for the title bar and frame.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for a window manager's title bar and frame, in logical pixels at 100 %.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40


def available_area(widget: QWidget) -> QRect:
    """The available geometry of the screen `widget` (or its parent window) is on."""
    anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def largest_size(widget: QWidget) -> QSize:
    """The largest client size a window can have and still show its frame on the screen."""
    area = available_area(widget)
    return QSize(area.width() - FRAME_WIDTH, area.height() - FRAME_HEIGHT)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width × height, or to as much of the screen as is available."""
    largest = largest_size(window)
    window.resize(min(width, largest.width()), min(height, largest.height()))


def fits_screen(window: QWidget, size: QSize) -> bool:
    largest = largest_size(window)
    return size.width() <= largest.width() and size.height() <= largest.height()
