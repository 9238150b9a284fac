"""The workbench given hostile files and a tampered session: a Chinese message box for each, no
open-options dialog where no option could help, and a window that goes on working afterwards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.alignment.crosswalk import Side
from compare.session import Session, document_ref, session_to_json
from tests.hostile import files
from tests.ui.conftest import ENGINE_WAIT, fake_dialogs, sample_files, settings, wait_aligned, window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

HOSTILE = {
    "图片.docx": (files.png_named, "这是一张图片（PNG）"),
    "远端单元格.xlsx": (files.xlsx_far_cell, "XFD1048576"),
    "缺共享字符串.xlsx": (files.xlsx_missing_shared_string, "文件已损坏"),
    "层层嵌套.html": (files.nested_spans_html, "嵌套超过 256 层"),
    "解压炸弹.pdf": (lambda p: files.pdf_stream_bomb(p, 256 << 20), "异常巨大的压缩数据"),
}


@pytest.mark.slow
def test_each_hostile_file_gets_a_message_and_the_window_survives(qtbot, window, fake_dialogs, sample_files, tmp_path):  # noqa: F811
    session = session_to_json(Session(documents=tuple(document_ref(p) for p in sample_files)))
    session["documents"][0]["options"] = {"header_row": "abc", "encoding": 7}
    (tmp_path / "进度.duibiao").write_text(json.dumps(session), encoding="utf-8")
    window.open_session(tmp_path / "进度.duibiao")
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=ENGINE_WAIT)
    assert "不是有效的审核进度文件" in fake_dialogs.errors[0]
    for name, (make, fragment) in HOSTILE.items():
        path = make(tmp_path / name)
        shown = len(fake_dialogs.errors)
        window.open_document(Side.UPPER, path)
        qtbot.waitUntil(lambda: len(fake_dialogs.errors) > shown, timeout=ENGINE_WAIT)
        message = fake_dialogs.errors[-1]
        assert f"无法读取文件“{name}”" in message and fragment in message
        assert Side.UPPER not in window.workspace.docs
    assert fake_dialogs.option_problems == []  # no encoding or sheet could fix any of these
    window.open_pair(*sample_files)
    wait_aligned(qtbot, window)
    assert window.upper_pane.model.rowCount() > 0
