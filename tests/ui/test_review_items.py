"""The workbench items of issue 12 in the real window: importing a colleague's workbook, 人工 for
manual links, suggestions beside gaps, the detail pane, shortcuts and the toolbar."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl

from compare.alignment.crosswalk import LinkStatus, Side
from tests.ui.conftest import ENGINE_WAIT, make_gap, wait_aligned
from ui.models import CrosswalkTableModel
from ui.rows import Flag, RowKind


def select(win, predicate) -> None:
    assert win.crosswalk.select_where(predicate)


def cell(win, predicate, column: int) -> str:
    rows = win.crosswalk.visible_rows()
    row = next(n for n, r in enumerate(rows) if predicate(r))
    return win.crosswalk.proxy.index(row, column).data()


# --- item 2: a colleague's workbook comes back -------------------------------------------------


@pytest.fixture
def exported_workbook(aligned, qtbot, fake_dialogs, tmp_path):
    win = aligned
    target = tmp_path / "分工方案.xlsx"
    fake_dialogs.save_paths.append(target)
    with qtbot.waitSignal(win.workspace.exported, timeout=30000):
        win.export_xlsx_action.trigger()
    return target


def _edit_as_colleague(path, win) -> None:
    from exporters.xlsx_export import COL_DEPARTMENT, COL_LOWER_ID, COL_NOTE, COL_STATUS, COL_UPPER_ID, SHEET_TABLE, TABLE_COLUMNS

    column = {c.header: n for n, c in enumerate(TABLE_COLUMNS, start=1)}
    cw = win.workspace.crosswalk
    manufacturing = next(k for k in cw.links if "制造业创新中心" in cw.upper.item(k.upper).text)
    pilot = next(k for k in cw.links if "自贸试验区" in cw.upper.item(k.upper).text)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_TABLE]
    for r in range(2, ws.max_row + 1):
        pair = (ws.cell(r, column[COL_UPPER_ID]).value, ws.cell(r, column[COL_LOWER_ID]).value)
        if pair == manufacturing.pair:
            ws.cell(r, column[COL_STATUS]).value = "已确认"
            ws.cell(r, column[COL_NOTE]).value = "已与区科技局核实"
        elif pair == pilot.pair:
            ws.cell(r, column[COL_STATUS]).value = "已否决"
            ws.cell(r, column[COL_DEPARTMENT]).value = "区商务局"  # not imported: said so
    wb.save(path)
    return manufacturing.pair, pilot.pair


def test_import_shows_what_changes_and_applies_as_one_undoable_step(aligned, exported_workbook, qtbot, fake_dialogs):
    win = aligned
    confirmed, rejected = _edit_as_colleague(exported_workbook, win)
    assert win.review_import.action.isEnabled()
    fake_dialogs.open_paths.append(exported_workbook)
    fake_dialogs.import_answers.append(True)
    win.review_import.action.trigger()
    qtbot.waitUntil(lambda: bool(fake_dialogs.import_previews), timeout=ENGINE_WAIT)
    preview = fake_dialogs.import_previews[0]
    assert "分工方案.xlsx" in preview["intro"]
    assert any(line.startswith("确认关联 1 条") for line in preview["changes"])
    assert any(line.startswith("否决关联 1 条") for line in preview["changes"])
    assert any(line.startswith("新增或修改审核意见 1 条") and "已与区科技局核实" in line for line in preview["changes"])
    assert any("本级负责部门" in line and "不导入" in line for line in preview["ignored"])
    cw = win.workspace.crosswalk
    assert cw.link(*confirmed).status is LinkStatus.CONFIRMED and cw.link(*confirmed).note == "已与区科技局核实"
    assert cw.link(*rejected).status is LinkStatus.REJECTED
    assert "已审核 2/" in win.review_progress.full_text()
    assert win.undo_action.text() == "撤销 导入“分工方案.xlsx”"
    win.undo_action.trigger()
    assert win.workspace.crosswalk.reviewed_count == 0


def test_declining_the_import_changes_nothing(aligned, exported_workbook, qtbot, fake_dialogs):
    win = aligned
    _edit_as_colleague(exported_workbook, win)
    fake_dialogs.open_paths.append(exported_workbook)
    fake_dialogs.import_answers.append(False)
    win.review_import.action.trigger()
    qtbot.waitUntil(lambda: bool(fake_dialogs.import_previews), timeout=ENGINE_WAIT)
    assert win.workspace.crosswalk.reviewed_count == 0 and not win.workspace.undo_stack.canUndo()


def test_opening_a_workbook_as_a_session_offers_the_import(aligned, exported_workbook, qtbot, fake_dialogs):
    win = aligned
    _edit_as_colleague(exported_workbook, win)
    fake_dialogs.open_paths.append(exported_workbook)
    fake_dialogs.yes_no.append(True)
    fake_dialogs.import_answers.append(True)
    win.open_session_action.trigger()
    assert "不是审核进度文件" in fake_dialogs.questions[0] and "导入" in fake_dialogs.questions[0]
    qtbot.waitUntil(lambda: win.workspace.crosswalk.reviewed_count == 2, timeout=ENGINE_WAIT)
    assert not any("损坏" in e for e in fake_dialogs.errors)


def test_a_damaged_workbook_is_explained(aligned, qtbot, fake_dialogs, tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    fake_dialogs.open_paths.append(bad)
    aligned.review_import.action.trigger()
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=ENGINE_WAIT)
    assert "坏.xlsx" in fake_dialogs.errors[0] and "Traceback" not in fake_dialogs.errors[0]


# --- item 7: a manual link shows 人工 ---------------------------------------------------------------


def test_a_manual_link_shows_人工_in_the_table_and_the_detail_pane(aligned, fake_dialogs):
    win = aligned
    gap = make_gap(win)
    extra = next(r for r in win.crosswalk.visible_rows() if r.kind is RowKind.EXTRA)
    select(win, lambda r: r.key == gap.key)
    fake_dialogs.items.append(extra.lower)
    win.review.add_link.trigger()
    is_manual = lambda r: r.upper == gap.upper and r.lower == extra.lower  # noqa: E731
    assert cell(win, is_manual, CrosswalkTableModel.SCORE) == "人工"
    assert win.crosswalk.current_row().key == ("link", gap.upper, extra.lower)
    text = win.detail.lower_view.browser.toPlainText()
    assert "匹配度\t人工" in text or "匹配度 人工" in text.replace("\n", " ")
    assert "%" not in text.split("匹配度", 1)[1].split("\n", 1)[0]


# --- item 8: gaps offer help --------------------------------------------------------------------


def test_a_gap_row_shows_ranked_suggestions_and_links_one_with_a_click_or_a_key(aligned, qtbot):
    win = aligned
    unrelated = make_gap(win)  # task 4 shares no phrase with any measure: nothing to suggest
    select(win, lambda r: r.key == unrelated.key)
    assert win.review.candidates(win.crosswalk.current_row()) == []
    assert "没有找到与这项任务有共同表述的本级措施" in win.detail.suggestions.toPlainText()
    assert not win.review.take_suggestion[0].isEnabled()
    gap = make_gap(win, "科研平台")  # task 1 once its link is rejected
    select(win, lambda r: r.key == gap.key)
    offered = win.review.candidates(win.crosswalk.current_row())
    assert len(offered) == 2
    assert [s.score for s in offered] == sorted((s.score for s in offered), reverse=True)
    assert win.detail.suggestions.isVisible() and not win.detail.lower_view.isVisible()
    shown = win.detail.suggestions.toPlainText()
    assert "程序建议的本级措施" in shown and f"{offered[0].score:.0%}" in shown and "Alt+1" in shown
    assert win.review.relink.isEnabled()  # 重新关联 works on a gap row
    assert win.review.take_suggestion[0].isEnabled()
    win.review.take_suggestion[0].trigger()  # Alt+1
    row = win.crosswalk.current_row()
    assert (row.upper, row.lower, row.link_status) == (gap.upper, offered[0].lower, LinkStatus.MANUAL)
    win.undo_action.trigger()
    select(win, lambda r: r.key == gap.key)
    win.detail.suggestions.anchorClicked.emit(QUrl(f"link:{offered[0].lower}"))  # a click on 关联
    assert win.workspace.crosswalk.link(gap.upper, offered[0].lower).status is LinkStatus.MANUAL


def test_add_link_lists_the_engine_candidates_first_and_names_the_task(aligned, fake_dialogs):
    win = aligned
    gap = make_gap(win, "科研平台")
    select(win, lambda r: r.key == gap.key)
    fake_dialogs.items.append(None)
    win.review.relink.trigger()
    request = fake_dialogs.item_requests[0]
    assert request["about"] == gap.upper_text
    offered = win.review.candidates(win.crosswalk.current_row())
    assert [entry[0] for entry in request["ranked"]] == [s.lower for s in offered] and offered
    assert "科研平台" in request["ranked"][0][2]  # the shared phrases


def test_relink_dialog_puts_ranked_items_first(qtbot, sample_files):
    from compare.documents.readers import read_document
    from ui.relink_dialog import RelinkDialog

    document = read_document(sample_files[1])
    dialog = RelinkDialog(document, "添加关联", about="4.研究依托内陆国家物流枢纽……", ranked=[("3.4", 0.31, "航空"), ("1.1", 0.2, "")])
    qtbot.addWidget(dialog)
    assert dialog.listed_ids()[:2] == ["3.4", "1.1"] and len(dialog.listed_ids()) == len(document.leaves)
    assert dialog.chosen_id() == "3.4"
    assert dialog.proxy.index(0, 0).data().startswith("【建议 31%】")


# --- item 10 ------------------------------------------------------------------------------------


def test_the_not_applicable_reason_shows_in_the_detail_pane(aligned, fake_dialogs):
    win = aligned
    gap = make_gap(win)
    select(win, lambda r: r.key == gap.key)
    fake_dialogs.texts.append("第26-28项不涉及天津工作\n已报市发改委备案")
    win.review.not_applicable.trigger()
    select(win, lambda r: r.upper == gap.upper and r.kind is RowKind.NOT_APPLICABLE)
    assert "第26-28项不涉及天津工作" in win.detail.upper_view.browser.toPlainText()
    assert not win.detail.suggestions.isVisible()


def test_the_note_dialog_takes_several_lines(qtbot):
    from ui.text_dialog import TextDialog

    dialog = TextDialog("审核意见", "审核意见：", "第一行")
    qtbot.addWidget(dialog)
    dialog.editor.appendPlainText("第二行")
    assert dialog.text() == "第一行\n第二行"


def test_ctrl_delete_in_the_search_box_edits_the_text(aligned, qtbot):
    win = aligned
    select(win, lambda r: r.kind is RowKind.LINK)
    row = win.crosswalk.current_row()
    win.activateWindow()
    win.crosswalk.search.setFocus()
    win.crosswalk.search.setText(row.upper_text[2:6])
    win.crosswalk.search.setCursorPosition(0)
    qtbot.waitUntil(win.crosswalk.search.hasFocus)
    qtbot.keyClick(win.crosswalk.search, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert win.crosswalk.search.text() != row.upper_text[2:6]
    assert win.workspace.crosswalk.reviewed_count == 0
    win.crosswalk.table.setFocus()
    qtbot.waitUntil(win.crosswalk.table.hasFocus)
    qtbot.keyClick(win.crosswalk.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert win.workspace.crosswalk.reviewed_count == 1  # in the table it still rejects


def test_redo_answers_ctrl_y_and_ctrl_shift_z_and_the_toolbar_keeps_its_labels(aligned, qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QToolBar

    win = aligned
    keys = [k.toString() for k in win.redo_action.shortcuts()]
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys
    bar = win.findChild(QToolBar, "mainToolBar")
    undo_button = bar.widgetForAction(win.undo_action)
    width = undo_button.sizeHint().width()
    select(win, lambda r: r.kind is RowKind.LINK)
    win.review.confirm.trigger()
    assert win.undo_action.text() == "撤销 确认关联"
    assert undo_button.text() == "撤销" and undo_button.sizeHint().width() == width
    assert "确认关联" in undo_button.toolTip()
    win.undo_action.trigger()
    win.crosswalk.table.setFocus()
    qtbot.waitUntil(win.crosswalk.table.hasFocus)
    qtbot.keyClick(win.crosswalk.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert win.workspace.crosswalk.reviewed_count == 1


def test_confirmed_and_pending_rows_look_different(aligned):
    from PySide6.QtGui import QColor

    from ui.rows import RowStatus, row_colour

    win = aligned
    is_pilot = lambda r: r.kind is RowKind.LINK and "自贸试验区" in r.upper_text  # noqa: E731
    select(win, is_pilot)
    rows = win.crosswalk.visible_rows()
    n = next(i for i, r in enumerate(rows) if is_pilot(r))
    pending = win.crosswalk.proxy.index(n, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    win.review.confirm.trigger()
    confirmed = win.crosswalk.proxy.index(n, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    assert confirmed == QColor(row_colour(RowStatus.CONFIRMED)) and pending != confirmed
    assert pending.lightness() > confirmed.lightness()  # paler while waiting
    assert cell(win, is_pilot, CrosswalkTableModel.STATUS).startswith("✓ 已确认")


# --- item 4: the table shows the texts ---------------------------------------------------------


def test_the_table_wraps_texts_and_sizes_columns_by_content(qtbot, window):
    from ui.resources import DEMO_LOWER, DEMO_UPPER

    win = window
    win.showNormal()
    win.resize(1366, 768)
    win.open_pair(DEMO_UPPER, DEMO_LOWER)
    wait_aligned(qtbot, win)
    assert not win.trees_action.isChecked()  # the test screen is narrower than WIDE_SCREEN
    assert not win.upper_pane.isVisible() and not win.lower_pane.isVisible()  # the table owns the width
    table = win.crosswalk.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.fontMetrics().height() * 2)
    line = table.fontMetrics().height()
    assert table.rowHeight(0) >= 2 * line  # several lines of text in a row
    texts = header.sectionSize(CrosswalkTableModel.UPPER) + header.sectionSize(CrosswalkTableModel.LOWER)
    others = sum(header.sectionSize(c) for c in (CrosswalkTableModel.SCORE, CrosswalkTableModel.STATUS, CrosswalkTableModel.NOTE))
    assert texts > 3 * others  # the texts own the width
    note = header.sectionSize(CrosswalkTableModel.NOTE)
    assert note < table.fontMetrics().horizontalAdvance("审核意见") * 2  # empty: as wide as its header
    assert texts + others <= table.viewport().width()  # no horizontal scrolling


def test_dragged_column_widths_are_remembered(qtbot, window, settings, sample_files):
    from ui.main_window import MainWindow

    win = window
    win.open_pair(*sample_files)
    wait_aligned(qtbot, win)
    header = win.crosswalk.table.horizontalHeader()
    header.resizeSection(CrosswalkTableModel.STATUS, 260)  # as a drag does
    total = header.sectionSize(CrosswalkTableModel.UPPER) + header.sectionSize(CrosswalkTableModel.LOWER)
    header.resizeSection(CrosswalkTableModel.UPPER, total // 3)
    assert settings.table_columns["status"] == 260
    assert settings.table_columns["upper_share"] == pytest.approx(1 / 3, abs=0.02)
    other = MainWindow(settings)
    qtbot.addWidget(other)
    assert other.crosswalk.table.user_widths() == settings.table_columns


def test_document_trees_fold_away_and_come_back(aligned, settings):
    win = aligned
    win.trees_action.setChecked(False)
    win.set_document_trees(False)
    assert not win.upper_pane.isVisible() and not win.lower_pane.isVisible()
    assert settings.show_document_trees is False
    win.trees_action.setChecked(True)
    win.set_document_trees(True)
    assert win.upper_pane.isVisible() and win.lower_pane.isVisible()


def test_the_window_restores_its_geometry_only_where_it_fits(qtbot, settings, fake_dialogs):
    from PySide6.QtCore import QRect

    from ui.main_window import MainWindow
    from ui.screen_fit import available_area

    first = MainWindow(settings)
    qtbot.addWidget(first)
    assert first.windowState() & Qt.WindowState.WindowMaximized  # first start: maximised
    area = available_area(first)
    settings.set_window_placement(QRect(area.x() + 10, area.y() + 10, area.width() // 2, area.height() // 2), False)
    fitting = MainWindow(settings)
    qtbot.addWidget(fitting)
    assert fitting.geometry().size() == QRect(0, 0, area.width() // 2, area.height() // 2).size()
    assert not fitting.windowState() & Qt.WindowState.WindowMaximized
    settings.set_window_placement(QRect(0, 0, area.width() + 600, area.height() + 400), False)  # from a larger screen
    too_big = MainWindow(settings)
    qtbot.addWidget(too_big)
    assert too_big.windowState() & Qt.WindowState.WindowMaximized


# --- item 10: smaller ----------------------------------------------------------------------------


def test_file_dialogs_speak_chinese_throughout(qtbot, qapp):
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QTreeView

    from ui import dialogs
    from ui.app import install_qt_translations

    translator = install_qt_translations(qapp)
    try:
        for save in (False, True):
            dialog = dialogs.build_file_dialog(None, "打开上级文件", ".", dialogs.document_filter(), save=save)
            qtbot.addWidget(dialog)
            labels = [w.text() for w in dialog.findChildren(QLabel)] + [dialog.labelText(label) for label in QFileDialog.DialogLabel]
            buttons = [b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton)]
            english = [t for t in labels + buttons if any("a" <= c.lower() <= "z" for c in t.replace("&", ""))]
            assert not english, english
            if not dialog.testOption(QFileDialog.Option.DontUseNativeDialog):
                continue
            details = dialog.findChild(QTreeView, "treeView")
            model = details.model()
            shown = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()) if not details.isColumnHidden(c)]
            assert shown == ["名称", "体积", "修改日期"]  # the type column would show the system's English type names
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_the_chain_dialog_lists_file_names_with_the_path_as_tooltip(qtbot, tmp_path):
    from ui.chain_dialog import ChainDialog

    paths = [tmp_path / "国家" / "意见.docx", tmp_path / "省" / "实施方案.docx"]
    dialog = ChainDialog(paths, lambda: tmp_path / "区" / "工作方案.docx")
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    assert [dialog.listing.item(n).text() for n in range(3)] == ["第1级：意见.docx", "第2级：实施方案.docx", "第3级：工作方案.docx"]
    assert dialog.listing.item(0).toolTip() == str(paths[0])
    dialog.listing.setCurrentRow(2)
    dialog.up_button.click()
    assert dialog.paths() == [paths[0], tmp_path / "区" / "工作方案.docx", paths[1]]
    assert dialog.listing.item(1).text() == "第2级：工作方案.docx"


def test_recent_entries_that_look_alike_show_their_folders(window, settings, tmp_path):
    for year in ("2020", "2021"):
        settings.add_recent_pair(str(tmp_path / year / "上级.docx"), str(tmp_path / year / "本级.docx"))
    settings.add_recent_pair(str(tmp_path / "其他" / "a.docx"), str(tmp_path / "其他" / "b.docx"))
    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert texts == ["a.docx  ↔  b.docx", "上级.docx  ↔  本级.docx（2021）", "上级.docx  ↔  本级.docx（2020）"]
    assert str(tmp_path / "2021" / "上级.docx") in window.recent_menu.actions()[1].toolTip()


# --- issue 13: a session does not read files nobody chose ---------------------------------------


def test_a_session_naming_unknown_files_asks_before_reading_them(window, qtbot, fake_dialogs, tmp_path):
    from compare.session import DocumentRef, Session, save_session

    secret = tmp_path / "私人" / "工资.txt"
    secret.parent.mkdir()
    secret.write_text("工资表\n1.张三 9000元\n", encoding="utf-8")
    other = tmp_path / "任务.txt"
    other.write_text("任务\n1.建设科研平台。\n", encoding="utf-8")
    crafted = tmp_path / "同事发来的.duibiao"
    save_session(crafted, Session((DocumentRef(str(other), "0"), DocumentRef(str(secret), "0"))))
    fake_dialogs.open_paths.append(crafted)
    fake_dialogs.yes_no.append(False)
    window.open_session_action.trigger()
    assert str(secret) in fake_dialogs.questions[0] and str(other) in fake_dialogs.questions[0]
    assert not window.workspace.runner.is_busy() and window.workspace.docs == {}
    assert "未打开审核进度" in window.statusBar().currentMessage()
    fake_dialogs.open_paths.append(crafted)
    fake_dialogs.yes_no.append(True)  # the user recognises them: read, and do not ask again
    window.open_session_action.trigger()
    wait_aligned(qtbot, window)
    assert window.workspace.docs[Side.LOWER].path == secret
    fake_dialogs.open_paths.append(crafted)
    window.open_session_action.trigger()
    assert len(fake_dialogs.questions) == 2  # the files are known now: no third question


def test_a_damaged_or_hostile_session_is_explained_and_the_window_survives(window, fake_dialogs, tmp_path):
    damaged = tmp_path / "坏.duibiao"
    damaged.write_text("{ 这不是", encoding="utf-8")
    nested = tmp_path / "嵌套.duibiao"
    nested.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    for path in (damaged, nested):
        fake_dialogs.open_paths.append(path)
        window.open_session_action.trigger()
    assert "坏.duibiao" in fake_dialogs.errors[0] and "不是有效的审核进度文件" in fake_dialogs.errors[0]
    assert len(fake_dialogs.errors) == 2 and window.isVisible() and window.workspace.docs == {}
