"""Every top-level window and dialog fits a 1366×768 laptop screen at 100 % and at 150 %, and the
projector mode (150 % with 大字号) fits it maximised. Each screen runs in its own process
(`fit_probe.py`): Qt fixes the screen when the application starts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("fit_probe.py")
TASKBAR_AND_TITLE = 80  # physical pixels a Windows taskbar and title bar take from the height


@pytest.mark.parametrize(
    "scale,large",
    [(1.0, False), (1.5, False), (1.5, True)],
    ids=["100%", "150%", "150%+大字号"],
)
def test_every_window_fits_a_1366x768_screen(tmp_path, scale, large):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale))
    args = [sys.executable, str(PROBE)] + (["--large-text"] if large else [])
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    x, y, width, height = report["available"]
    assert (width, height) == (round(1366 / scale), round(768 / scale)) or abs(width - 1366 / scale) <= 1
    too_big = []
    for window in report["windows"]:
        fx, fy, fw, fh = window["frame"]
        mw, mh = window["minimum"]
        if fx < x or fy < y or fx + fw > x + width or fy + fh > y + height:
            too_big.append(f"{window['name']} 占 {fw}×{fh}（位置 {fx},{fy}）")
        if mw > width or mh > height - TASKBAR_AND_TITLE / scale:
            too_big.append(f"{window['name']} 最小 {mw}×{mh}")
    assert not too_big, f"屏幕可用 {width}×{height}：" + "；".join(too_big)
    assert len(report["windows"]) == 13
