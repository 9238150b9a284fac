"""Drive the real workbench: open, align, filter, review, undo, save, reopen, export."""
from __future__ import annotations

import importlib.util
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import QTableWidget

from compare.alignment.crosswalk import LinkStatus, Sensitivity, Side
from compare.documents.readers import ReadOptions
from tests.ui.conftest import ENGINE_WAIT, make_gap, wait_aligned
from ui.models import CrosswalkTableModel
from ui.rows import COLOURS, Flag, ItemStatus, RowKind, RowStatus, row_colour


def table_texts(win, column: int) -> list[str]:
    proxy = win.crosswalk.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def row_index(win, predicate) -> int:
    rows = win.crosswalk.visible_rows()
    return next(n for n, r in enumerate(rows) if predicate(r))


def select(win, predicate) -> None:
    assert win.crosswalk.select_where(predicate)


def status_of(win, predicate) -> str:
    return win.crosswalk.proxy.index(row_index(win, predicate), CrosswalkTableModel.STATUS).data()


def test_open_and_align_shows_links_gaps_and_extras_with_colours(aligned):
    win = aligned
    rows = win.crosswalk.visible_rows()
    kinds = {r.kind for r in rows}
    assert RowKind.LINK in kinds
    # Task 4 (port tax refund) has no real counterpart: at most weak coverage, never "covered".
    task4 = [r for r in rows if "启运港退税" in r.upper_text]
    assert task4 and all(r.kind is RowKind.GAP or Flag.WEAK in r.flags for r in task4)
    assert "已审核 0/" in win.review_progress.full_text()
    offered = sum(1 for r in rows if r.kind is RowKind.LINK and "启运港退税" in r.upper_text)
    make_gap(win)
    # Once its weak link is rejected it is a gap, and measure 4 (a sports event) answers nothing.
    gap = row_index(win, lambda r: r.kind is RowKind.GAP and "启运港退税" in r.upper_text)
    extra = row_index(win, lambda r: r.kind is RowKind.EXTRA and "全民健身" in r.lower_text)
    proxy = win.crosswalk.proxy
    assert proxy.index(gap, CrosswalkTableModel.STATUS).data() == "缺口"
    assert proxy.index(extra, CrosswalkTableModel.STATUS).data() == "本级新增"
    # Rows take the colour their status has in the workbook and the report.
    assert proxy.index(gap, 0).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(row_colour(RowStatus.GAP))
    assert proxy.index(extra, 1).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(row_colour(RowStatus.EXTRA))
    link = row_index(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    assert proxy.index(link, CrosswalkTableModel.STATUS).data().startswith("待审核")
    assert proxy.index(link, CrosswalkTableModel.SCORE).data().endswith("%")
    assert f"已审核 {offered}/" in win.review_progress.full_text()  # the rejections, if any
    # The trees show sections with counts and items with their status.
    tree = win.upper_pane.model
    section = tree.index(0, 0)
    assert section.data() == "一、科技创新"
    assert tree.index(0, 1).data() == "覆盖 2/2"
    assert tree.rowCount(section) == 2
    assert "缺口" in win.upper_pane.summary.text()
    assert "全民健身" not in "".join(table_texts(win, 0))  # extras have no upper text


def test_filter_to_gaps_extras_and_search(aligned):
    win = aligned
    make_gap(win)
    win.crosswalk.set_category(Flag.GAP)
    assert table_texts(win, CrosswalkTableModel.STATUS) == ["缺口"]
    win.crosswalk.set_category(Flag.EXTRA)
    assert table_texts(win, CrosswalkTableModel.STATUS) == ["本级新增"]
    win.crosswalk.set_category(Flag.UNREVIEWED)
    assert win.crosswalk.visible_rows()
    assert all(r.link_status is LinkStatus.AUTO for r in win.crosswalk.visible_rows())
    win.crosswalk.set_category(None)
    win.crosswalk.section.setCurrentIndex(win.crosswalk.section.findData("二、对外开放"))
    assert all(r.section == "二、对外开放" for r in win.crosswalk.visible_rows())
    assert win.crosswalk.visible_rows()
    win.crosswalk.section.setCurrentIndex(0)
    win.crosswalk.search.setText("制造业创新中心")
    assert win.crosswalk.visible_rows()
    assert all("制造业创新中心" in r.upper_text + r.lower_text for r in win.crosswalk.visible_rows())
    assert win.crosswalk.count_label.text().startswith(f"显示 {win.crosswalk.proxy.rowCount()} 行")


def test_confirm_reject_undo_redo(aligned, qtbot):
    win = aligned
    is_manufacturing = lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text  # noqa: E731
    select(win, is_manufacturing)
    win.review.confirm.trigger()
    assert status_of(win, is_manufacturing).startswith("✓ 已确认")
    assert "已审核 1/" in win.review_progress.full_text()
    assert win.isWindowModified()
    is_pilot = lambda r: r.kind is RowKind.LINK and "自贸试验区" in r.upper_text  # noqa: E731
    select(win, is_pilot)
    win.review.reject.trigger()
    assert status_of(win, is_pilot) == "已否决"
    win.undo_action.trigger()
    assert status_of(win, is_pilot).startswith("待审核")
    win.undo_action.trigger()
    assert status_of(win, is_manufacturing).startswith("待审核")
    assert not win.isWindowModified()
    win.redo_action.trigger()
    assert status_of(win, is_manufacturing).startswith("✓ 已确认")


def test_next_unreviewed_skips_decided_links(aligned):
    win = aligned
    assert win.review.next_unreviewed.isEnabled()
    win.review.next_unreviewed.trigger()
    first = win.crosswalk.current_row()
    assert first is not None and Flag.UNREVIEWED in first.flags
    win.review.confirm.trigger()  # confirming moves on to the next unreviewed link
    following = win.crosswalk.current_row()
    assert following is not None and following.key != first.key
    assert Flag.UNREVIEWED in following.flags


def test_not_applicable_note_relink_and_manual_link(aligned, fake_dialogs):
    win = aligned
    gap_task = make_gap(win).upper
    cw = win.workspace.crosswalk
    extra_measure = next(r.lower for r in win.crosswalk.visible_rows() if r.kind is RowKind.EXTRA)
    gaps_before = cw.coverage().gaps

    select(win, lambda r: r.kind is RowKind.GAP)
    fake_dialogs.texts.append("第26-28项不涉及天津工作")
    win.review.not_applicable.trigger()
    assert status_of(win, lambda r: r.upper == gap_task and r.kind is RowKind.NOT_APPLICABLE) == "不适用：第26-28项不涉及天津工作"
    assert win.workspace.crosswalk.coverage().gaps == gaps_before - 1

    select(win, lambda r: r.upper == gap_task)
    fake_dialogs.texts.append("请区商务局补充措施")
    win.review.note.trigger()
    assert win.crosswalk.current_row().note == "请区商务局补充措施"

    link = next(r for r in win.crosswalk.visible_rows() if r.kind is RowKind.LINK)
    select(win, lambda r: r.key == link.key)
    fake_dialogs.items.append(extra_measure)
    win.review.relink.trigger()
    assert status_of(win, lambda r: r.key == link.key) == "已否决"
    manual = lambda r: r.upper == link.upper and r.lower == extra_measure  # noqa: E731
    assert status_of(win, manual) == "✓ 已确认"
    assert win.crosswalk.proxy.index(row_index(win, manual), CrosswalkTableModel.SCORE).data() == "人工"
    assert not any(r.kind is RowKind.EXTRA and r.lower == extra_measure for r in win.crosswalk.visible_rows())

    win.undo_action.trigger()  # back to an extra, then link it by hand from the extra's row
    select(win, lambda r: r.kind is RowKind.EXTRA)
    fake_dialogs.items.append(gap_task)
    win.review.add_link.trigger()
    # The task is still marked 不适用: that decision is what its rows say; the score says 人工.
    by_hand = lambda r: r.upper == gap_task and r.lower == extra_measure  # noqa: E731
    assert status_of(win, by_hand) == "✓ 不适用：第26-28项不涉及天津工作"
    assert win.crosswalk.proxy.index(row_index(win, by_hand), CrosswalkTableModel.SCORE).data() == "人工"


def test_selection_is_synchronised_across_views(aligned):
    win = aligned
    link = next(r for r in win.crosswalk.visible_rows() if r.kind is RowKind.LINK)
    select(win, lambda r: r.key == link.key)
    assert win.upper_pane.selected_id() == link.upper
    assert win.lower_pane.selected_id() == link.lower
    upper_text = win.workspace.crosswalk.upper.item(link.upper).text
    assert upper_text[:10] in win.detail.upper_view.browser.toPlainText()
    assert "background-color:#ffe27a" in win.detail.upper_html() or "background-color:#fbd3d3" in win.detail.upper_html()
    # Choosing a measure in the right-hand tree selects its row in the table.
    make_gap(win)
    extra = next(r for r in win.crosswalk.visible_rows() if r.kind is RowKind.EXTRA)
    tree = win.lower_pane.tree
    tree.setCurrentIndex(win.lower_pane.model.index_of(extra.lower))
    assert win.crosswalk.current_row().key == extra.key
    assert "没有对应的上级任务" in win.detail.upper_view.browser.toPlainText()


def test_sensitivity_realigns_keeping_decisions_and_is_undoable(aligned, qtbot):
    win = aligned
    select(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    confirmed = win.crosswalk.current_row().key
    win.review.confirm.trigger()
    assert win.workspace.sensitivity is Sensitivity.BALANCED
    win.sensitivity_combo.setCurrentIndex(win.sensitivity_combo.findData(Sensitivity.LENIENT))
    win.sensitivity_combo.activated.emit(win.sensitivity_combo.currentIndex())
    wait_aligned(qtbot, win)
    assert win.workspace.sensitivity is Sensitivity.LENIENT
    assert win.settings.sensitivity is Sensitivity.LENIENT
    assert status_of(win, lambda r: r.key == confirmed).startswith("✓ 已确认")
    win.undo_action.trigger()
    assert win.workspace.sensitivity is Sensitivity.BALANCED
    assert win.sensitivity_combo.currentData() == Sensitivity.BALANCED
    assert status_of(win, lambda r: r.key == confirmed).startswith("✓ 已确认")


def test_save_session_and_reopen_restores_decisions(aligned, qtbot, fake_dialogs, tmp_path, settings):
    win = aligned
    select(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    confirmed = win.crosswalk.current_row().key
    win.review.confirm.trigger()
    make_gap(win)
    select(win, lambda r: r.kind is RowKind.GAP)
    fake_dialogs.texts.append("不涉及本区工作")
    win.review.not_applicable.trigger()
    session = tmp_path / "review"
    fake_dialogs.save_paths.append(session)
    win.save_session_action.trigger()
    saved = session.with_suffix(".duibiao")
    assert saved.is_file()
    assert not win.isWindowModified()
    assert settings.recent_sessions == [str(saved)]

    # A fresh window opens the session: documents re-read, decisions back.
    from ui.main_window import MainWindow

    other = MainWindow(settings)
    qtbot.addWidget(other)
    fake_dialogs.open_paths.append(saved)
    other.open_session_action.trigger()
    wait_aligned(qtbot, other)
    assert status_of(other, lambda r: r.key == confirmed).startswith("✓ 已确认")
    assert any(r.status_text == "不适用：不涉及本区工作" for r in other.crosswalk.visible_rows())
    assert not other.isWindowModified()
    assert fake_dialogs.infos == []  # nothing changed on disk


def test_reopening_a_session_after_a_document_changed_warns_and_keeps_orphans(aligned, qtbot, fake_dialogs, tmp_path, sample_files):
    win = aligned
    gap = make_gap(win)
    select(win, lambda r: r.key == gap.key)
    fake_dialogs.texts.append("不涉及本区工作")
    win.review.not_applicable.trigger()
    select(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    confirmed = win.crosswalk.current_row().key
    win.review.confirm.trigger()
    session = tmp_path / "review.duibiao"
    fake_dialogs.save_paths.append(session)
    win.save_session_action.trigger()
    upper, _ = sample_files
    # The upper document loses its second section (tasks 3 and 4, the latter marked 不适用).
    upper.write_text(upper.read_text(encoding="utf-8").split("二、")[0], encoding="utf-8")
    fake_dialogs.open_paths.append(session)
    win.open_session_action.trigger()
    wait_aligned(qtbot, win)
    assert any("upper.txt" in text and "已被修改" in text for text in fake_dialogs.infos)
    assert any("项审核决定" in text and "已不存在" in text for text in fake_dialogs.infos)
    assert status_of(win, lambda r: r.key == confirmed).startswith("✓ 已确认")
    assert not any(r.upper == gap.upper for r in win.crosswalk.visible_rows())
    fake_dialogs.save_paths.append(tmp_path / "again.duibiao")
    win.save_session_as_action.trigger()
    from compare.session import load_session

    kept = load_session(tmp_path / "again.duibiao").reviews[0]
    assert (gap.upper, "不涉及本区工作") in kept.not_applicable


@pytest.mark.parametrize("suffix,module", [(".xlsx", "exporters.xlsx_export"), (".docx", "exporters.docx_export")])
def test_export_writes_the_file_and_opens_its_folder(aligned, qtbot, fake_dialogs, tmp_path, suffix, module):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not written yet")
    win = aligned
    target = tmp_path / "out" / f"result{suffix}"
    target.parent.mkdir()
    fake_dialogs.save_paths.append(target)
    with qtbot.waitSignal(win.workspace.exported, timeout=30000):
        (win.export_xlsx_action if suffix == ".xlsx" else win.export_docx_action).trigger()
    assert target.is_file() and target.stat().st_size > 0
    assert fake_dialogs.opened_folders == [target.parent]
    assert fake_dialogs.errors == []


def test_read_error_offers_the_options_dialog(window, qtbot, fake_dialogs, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("本区具体措施\n一、科技创新\n1.支持高校建设科研平台。\n".encode("gbk"))
    fake_dialogs.read_options.append(ReadOptions(encoding="gb18030"))
    window.open_document(Side.UPPER, gbk, ReadOptions(encoding="utf-8"))
    qtbot.waitUntil(lambda: Side.UPPER in window.workspace.docs, timeout=ENGINE_WAIT)
    assert "utf-8" in fake_dialogs.option_problems[0]
    assert window.workspace.docs[Side.UPPER].options.encoding == "gb18030"
    assert window.upper_pane.model.rowCount() == 1


def test_unreadable_file_shows_a_chinese_message(window, qtbot, fake_dialogs, tmp_path):
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    fake_dialogs.open_paths.append(picture)
    window.open_lower_action.trigger()
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=ENGINE_WAIT)
    assert "scan.png" in fake_dialogs.errors[0]
    assert Side.LOWER not in window.workspace.docs


def test_dropping_a_file_on_a_side_opens_it(window, qtbot, sample_files):
    upper, _ = sample_files
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(upper))])
    event = QDropEvent(QPointF(QPoint(5, 5)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.upper_pane.dropEvent(event)
    qtbot.waitUntil(lambda: Side.UPPER in window.workspace.docs, timeout=ENGINE_WAIT)
    assert window.upper_pane.title.full_text() == "国家级新区重点任务"


def test_document_changed_on_disk_is_reloaded_keeping_decisions(aligned, qtbot, fake_dialogs, sample_files):
    win = aligned
    select(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    confirmed = win.crosswalk.current_row().key
    win.review.confirm.trigger()
    _, lower = sample_files
    fake_dialogs.yes_no.append(True)
    with qtbot.waitSignal(win.watcher.fileChanged, timeout=10000):
        lower.write_text(lower.read_text(encoding="utf-8") + "5.建设航空货运枢纽，研究启运港退税政策。\n", encoding="utf-8")
    qtbot.waitUntil(lambda: len(win.workspace.crosswalk.lower.leaves) == 5, timeout=ENGINE_WAIT)
    wait_aligned(qtbot, win)
    assert "已在其他程序中被修改" in fake_dialogs.questions[0]
    assert status_of(win, lambda r: r.key == confirmed).startswith("✓ 已确认")


def test_autosave_and_recovery(aligned, qtbot, fake_dialogs, settings, tmp_path):
    win = aligned
    session = tmp_path / "审核.duibiao"
    fake_dialogs.save_paths.append(session)
    win.save_session_action.trigger()
    select(win, lambda r: r.kind is RowKind.LINK and "制造业创新中心" in r.upper_text)
    confirmed = win.crosswalk.current_row().key
    win.review.confirm.trigger()
    assert win.autosave._timer.isActive()
    with qtbot.waitSignal(win.autosave.saved, timeout=(settings.autosave_seconds + 5) * 1000):
        pass
    assert settings.recovery_path.is_file()

    from ui.app import offer_recovery
    from ui.main_window import MainWindow

    restored = MainWindow(settings)
    qtbot.addWidget(restored)
    fake_dialogs.recovery_answers.append("recover")
    assert offer_recovery(restored)
    prompt = fake_dialogs.recovery_prompts[0]
    assert "upper.txt" in prompt and "lower.txt" in prompt and "共 1 项审核决定" in prompt
    assert time.strftime("%Y-%m-%d") in prompt
    wait_aligned(qtbot, restored)
    assert status_of(restored, lambda r: r.key == confirmed).startswith("✓ 已确认")
    assert restored.isWindowModified() and restored.workspace.session_path == session
    restored.save_session_action.trigger()  # Ctrl+S goes to the session's own file, no dialog
    assert not fake_dialogs.save_paths and not restored.isWindowModified()
    from compare.session import load_session

    assert load_session(session).reviews[0].links[0].status == LinkStatus.CONFIRMED
    restored.workspace.runner.shutdown()


def test_recovery_can_be_kept_for_later_or_deleted(window, fake_dialogs, settings):
    from ui.app import offer_recovery

    settings.recovery_path.write_text("{}", encoding="utf-8")
    fake_dialogs.recovery_answers.append("keep")
    assert not offer_recovery(window)
    assert "无法读取" in fake_dialogs.recovery_prompts[0]
    kept = [p for p in settings.folder.iterdir() if p.name.startswith("自动保存的审核进度-")]
    assert len(kept) == 1 and not settings.recovery_path.exists()
    assert settings.recent_sessions == [str(kept[0])]
    assert kept[0].name in window.statusBar().currentMessage()
    settings.recovery_path.write_text("{}", encoding="utf-8")
    fake_dialogs.recovery_answers.append("discard")
    assert not offer_recovery(window)
    assert not settings.recovery_path.exists()


def test_closing_with_unsaved_decisions_asks(aligned, fake_dialogs):
    win = aligned
    select(win, lambda r: r.kind is RowKind.LINK)
    win.review.confirm.trigger()
    fake_dialogs.close_answer = "cancel"
    assert not win.close()
    fake_dialogs.close_answer = "discard"
    assert win.close()


def test_demo_window_renders(qtbot, window, tmp_path):
    from ui.resources import DEMO_LOWER, DEMO_UPPER

    window.resize(1366, 768)
    window.open_pair(DEMO_UPPER, DEMO_LOWER)
    wait_aligned(qtbot, window)
    window.review.next_unreviewed.trigger()
    assert window.crosswalk.model.rowCount() >= 30
    shot = tmp_path / "demo.png"
    image = window.grab().toImage()
    assert image.save(str(shot))
    assert shot.stat().st_size > 20000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50
    assert "对标" in window.windowTitle()


def test_cancel_drops_the_running_work(window, qtbot, sample_files):
    window.open_pair(*sample_files)
    assert window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.workspace.cancelled):
        window.cancel_button.click()
    assert window.workspace.runner.wait(10000)
    qtbot.waitUntil(lambda: not window.cancel_button.isVisibleTo(window))
    assert window.workspace.crosswalk is None
    assert window.workspace.docs == {}
    assert window.statusBar().currentMessage() == "已取消。"


def test_a_user_sets_the_role_of_a_part_and_sees_what_was_set_aside(qtbot, window, tmp_path):
    """The 文档目录 context menu sets what a part is for; the document is re-read with that choice,
    its tasks counted again; 视图 → 未列为条目的文字 lists every line that is not an item, with why."""
    upper = tmp_path / "上级.txt"
    upper.write_text(
        "关于推进工作的通知\n文号〔2024〕1号\n一、总体要求\n1.坚持改革创新，建设营商环境示范区。\n"
        "二、重点任务\n2.推广电子证照，推动政务服务网上办理。\n办公厅\n2024年5月6日\n",
        encoding="utf-8",
    )
    lower = tmp_path / "本级.txt"
    lower.write_text("一、措施\n1.推广电子证照和电子印章。\n2.建设营商环境示范区，坚持改革创新。\n", encoding="utf-8")
    win = window
    win.open_pair(upper, lower)
    wait_aligned(qtbot, win)
    assert [t.id for t in win.workspace.crosswalk.upper.leaves] == ["2.2"]  # 总体要求 is context
    assert win.upper_pane.model.index_of("1.1", 1).data() == "背景与原则"
    item = win.workspace.document(Side.UPPER).item("1")
    menu = win.upper_pane.role_menu(item)
    next(a for a in menu.actions() if a.text() == "任务").trigger()
    qtbot.waitUntil(lambda: not win.workspace.is_busy and win.workspace.crosswalk is not None
                    and [t.id for t in win.workspace.crosswalk.upper.leaves] == ["1.1", "2.2"], timeout=ENGINE_WAIT)
    assert win.workspace.levels[0].options.roles == (("1", "task"),)  # saved with the session
    win.dropped_action.trigger()
    dialog = win.analysis.dialogs[-1]
    shown = dialog.tabs.widget(0).findChild(QTableWidget)
    cells = {shown.item(r, 1).text(): shown.item(r, 0).text() for r in range(shown.rowCount())}
    assert cells["文号〔2024〕1号"] == "文号" and cells["2024年5月6日"] == "落款日期"
    dialog.close()
