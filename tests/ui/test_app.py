"""Start-up pieces: Qt's Chinese strings, fonts and large text, the error hook, the small dialogs."""
from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from compare.documents.readers import ReadOptions
from ui.appearance import LARGE_POINTS, NORMAL_POINTS, apply_appearance


@pytest.fixture
def chinese_qt(qapp):
    from ui.app import install_qt_translations

    translator = install_qt_translations(qapp)
    yield translator
    if translator is not None:
        qapp.removeTranslator(translator)


def test_standard_buttons_read_chinese(qtbot, chinese_qt):
    assert chinese_qt is not None, "qtbase_zh_CN.qm should ship with PySide6"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "").startswith("确定")
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")


@pytest.fixture
def restore_font(qapp):
    font, sheet = QApplication.font(), qapp.styleSheet()
    yield
    QApplication.setFont(font)
    qapp.setStyleSheet(sheet)


def test_large_text_toggle(window, restore_font, settings):
    apply_appearance(QApplication.instance(), False)
    assert QApplication.font().pointSizeF() == NORMAL_POINTS
    assert "Noto Sans CJK SC" in QApplication.font().families()
    window.large_text_action.trigger()
    assert QApplication.font().pointSizeF() == LARGE_POINTS
    assert settings.large_text
    window.large_text_action.trigger()
    assert QApplication.font().pointSizeF() == NORMAL_POINTS
    assert not settings.large_text


def test_excepthook_logs_and_tells_the_user(window, fake_dialogs, caplog):
    from ui.app import install_excepthook

    previous = sys.excepthook
    install_excepthook(window, "duibiao.log")
    try:
        with caplog.at_level(logging.CRITICAL, logger="ui.app"):
            try:
                raise ValueError("boom")
            except ValueError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "ValueError" in caplog.text and "boom" in caplog.text
    assert "意外错误" in fake_dialogs.errors[0] and "duibiao.log" in fake_dialogs.errors[0]


def test_open_options_dialog_returns_the_choices(qtbot, tmp_path):
    from ui.open_options_dialog import OpenOptionsDialog

    dialog = OpenOptionsDialog(tmp_path / "措施.xlsx", ReadOptions(sheet="附件"), "无法读取文件")
    qtbot.addWidget(dialog)
    assert dialog.options() == ReadOptions(sheet="附件")
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gbk"))
    dialog.text_column.setText(" 具体措施 ")
    dialog.header_row.setValue(2)
    assert dialog.options() == ReadOptions(encoding="gbk", sheet="附件", text_column="具体措施", header_row=2)
    dialog.encoding.setEditText("big5-hkscs")
    assert dialog.options().encoding == "big5-hkscs"


def test_relink_dialog_filters_and_picks(qtbot, sample_files):
    from compare.documents.readers import read_document
    from ui.relink_dialog import RelinkDialog

    document = read_document(sample_files[1])
    dialog = RelinkDialog(document, "重新关联", current="1.2")
    qtbot.addWidget(dialog)
    assert dialog.chosen_id() == "1.2"
    dialog.search.setText("全民健身")
    assert dialog.proxy.rowCount() == 1
    dialog.list.setCurrentIndex(dialog.proxy.index(0, 0))
    assert "全民健身" in document.item(dialog.chosen_id()).text
    dialog.search.setText("没有这样的措施")
    assert dialog.proxy.rowCount() == 0
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
