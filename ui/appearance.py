"""Fonts and style: CJK fonts with fallbacks, a larger-text mode for projectors, the style sheet.

Sizes are in points (never pixels), so 125–150 % display scaling enlarges everything evenly.
"""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.resources import STYLE_SHEET

FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]
NORMAL_POINTS = 10.5
LARGE_POINTS = 15.0


def apply_appearance(app: QApplication, large_text: bool) -> None:
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES + [f for f in font.families() if f not in FONT_FAMILIES])
    font.setPointSizeF(LARGE_POINTS if large_text else NORMAL_POINTS)
    app.setFont(font)
    if STYLE_SHEET.is_file():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
