"""Paths of bundled resources, found relative to the package so they work from any folder."""
from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_UPPER = RESOURCES / "demo" / "binhai2020_national_tasks.txt"
DEMO_LOWER = RESOURCES / "demo" / "binhai2020_local_measures.txt"
STYLE_SHEET = RESOURCES / "style.qss"
APP_ICON = RESOURCES / "icons" / "duibiao.svg"
