"""The cascade in the real window: open a chain, follow a task down and an action up, switch the
level pair under review, decide, undo, save and reopen; and the 分析 menu's result windows."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QPushButton, QTableWidget

from compare.documents.readers import ReadOptions
from compare.session import load_session
from tests.compare.analyses.test_cascade import DISTRICT, NATIONAL, PROVINCE
from tests.ui.conftest import ENGINE_WAIT, wait_aligned


@pytest.fixture
def chain_files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("national", NATIONAL), ("province", PROVINCE), ("district", DISTRICT.replace("全程网上办理。", "全程网上办理。（区政务服务办负责）"))):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def chained(qtbot, window, chain_files):
    window.chain_actions.open(chain_files)
    wait_aligned(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace.chain is not None)
    return window


def ids_by_label(win, level: int) -> dict[str, str]:
    return {it.label: it.id for it in win.workspace.chain.documents[level].items}


def test_a_chain_shows_columns_levels_and_end_to_end_coverage(chained):
    win = chained
    assert win.bottom_tabs.currentWidget() is win.chain_panel
    combo = win.chain_actions.level_combo
    assert combo.count() == 2 and combo.itemText(1).startswith("第2→3级")
    assert len(win.chain_panel.lists) == 3
    summary = win.chain_panel.summary.text()
    assert "第1级任务 4 项，逐级落实到最后一级 2 项（50%）" in summary
    cov = win.workspace.steps[0].coverage()  # three honest numbers per level, % of covered only
    assert f"下一级已覆盖 {cov.covered} 项（{cov.percent:.0f}%），弱覆盖 {cov.weak} 项，缺口 {cov.gaps} 项" in win.chain_panel.titles[0].text()
    national = ids_by_label(win, 0)
    broken = win.chain_panel._items[0][national["3."]]  # no provincial measure: coloured as a gap
    assert broken.background().color().name() == "#f9d3d3"


def test_follow_a_task_down_and_an_action_up(qtbot, chained):
    panel = chained.chain_panel
    national, province, district = (ids_by_label(chained, n) for n in range(3))
    panel.only_related.setChecked(True)
    panel.lists[0].itemClicked.emit(panel._items[0][national["1."]])
    assert panel.related(1) == [province["1."]] and panel.related(2) == [district["1."]]
    assert panel.visible(1) == [province["1."]]
    assert panel._items[2][district["1."]].font().bold()
    panel.choose(2, district["2."])
    assert panel.related(0) == [national["4."]] and panel.visible(2) == [district["2."]]


def test_switching_levels_and_a_decision_on_the_lower_pair_breaks_the_chain(qtbot, chained):
    win = chained
    province, district = ids_by_label(win, 1), ids_by_label(win, 2)
    win.chain_actions.level_combo.activated.emit(1)
    assert win.workspace.step == 1
    assert win.upper_pane.model.rowCount() > 0 and win.workspace.crosswalk.upper.title == "某市贯彻落实措施"
    assert win.crosswalk.select_where(lambda r: r.upper == province["3."] and r.lower == district["2."])
    win.review.reject.trigger()
    panel = win.chain_panel
    qtbot.waitUntil(lambda: "逐级落实到最后一级 1 项" in panel.summary.text())
    win.undo_action.trigger()
    qtbot.waitUntil(lambda: "逐级落实到最后一级 2 项" in panel.summary.text())
    win.redo_action.trigger()
    assert win.workspace.step == 1


def test_a_chain_session_reopens_with_its_levels_and_decisions(qtbot, chained, fake_dialogs, tmp_path):
    win = chained
    province, district = ids_by_label(win, 1), ids_by_label(win, 2)
    win.workspace.show_step(1)
    assert win.crosswalk.select_where(lambda r: r.upper == province["3."] and r.lower == district["2."])
    win.review.reject.trigger()
    session = tmp_path / "链条.duibiao"
    fake_dialogs.save_paths.append(session)
    win.save_session_as_action.trigger()
    saved = load_session(session)
    assert len(saved.documents) == 3 and saved.reviews[1].links[0].status == "rejected"
    win.workspace.set_chain([Path(saved.documents[0].path), Path(saved.documents[1].path)])
    wait_aligned(qtbot, win)
    assert not win.chain_actions.level_combo.isVisibleTo(win)
    win.open_session(session)
    qtbot.waitUntil(lambda: len(win.workspace.levels) == 3 and win.workspace.chain is not None and not win.workspace.is_busy, timeout=ENGINE_WAIT)
    assert win.workspace.steps[1].link(province["3."], district["2."]).status == "rejected"


def test_analysis_windows_show_departments_targets_and_an_audit(qtbot, chained, fake_dialogs, tmp_path):
    win = chained
    win.workspace.show_step(1)
    win.analysis.responsibility.trigger()
    qtbot.waitUntil(lambda: len(win.analysis.dialogs) == 1, timeout=ENGINE_WAIT)
    dialog = win.analysis.dialogs[0]
    titles = [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())]
    assert any(t.startswith("责任单位汇总") for t in titles)
    assert dialog.tabs.widget(0).findChild(QTableWidget).rowCount() >= 1
    win.analysis.targets.trigger()
    qtbot.waitUntil(lambda: len(win.analysis.dialogs) == 2, timeout=ENGINE_WAIT)
    sheet = tmp_path / "分工方案.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "国家任务", "本区措施", "负责部门"])
    wb.active.append([1, "推进国家知识产权示范城区建设", "建设知识产权示范城区，开展专利导航试点", "区发改委"])
    wb.active.append([2, "实施高新技术企业倍增行动", "开展垃圾分类宣传进社区", "区发展改革委"])
    wb.save(sheet)
    fake_dialogs.open_paths.append(sheet)
    win.analysis.audit.trigger()
    chooser = win.analysis.upper_choice
    chooser.choices.setCurrentRow(0)  # the table lists national tasks
    chooser.accept()
    qtbot.waitUntil(lambda: len(win.analysis.dialogs) == 3, timeout=ENGINE_WAIT)
    audit = win.analysis.dialogs[2]
    names = [audit.tabs.tabText(n) for n in range(audit.tabs.count())]
    assert any(n.startswith("部门名称不一致（2）") for n in names)
    out = tmp_path / "检查.xlsx"
    fake_dialogs.save_paths.append(out)
    export = next(b for b in audit.findChildren(QPushButton) if b.text() == "导出…")
    export.click()
    qtbot.waitUntil(out.exists, timeout=ENGINE_WAIT)
    assert "部门名称不一致" in openpyxl.load_workbook(out).sheetnames
    for d in list(win.analysis.dialogs):
        d.close()
    qtbot.waitUntil(lambda: not win.analysis.dialogs)


def test_a_read_error_below_the_pair_on_show_is_retried_at_its_own_level(qtbot, chained, fake_dialogs, tmp_path):
    win = chained
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(DISTRICT.encode("gbk"))
    fake_dialogs.read_options.append(ReadOptions(encoding="gb18030"))
    assert win.workspace.step == 0  # the district level (2) is not on show
    win.workspace.open_level(2, gbk, ReadOptions(encoding="utf-8"))
    qtbot.waitUntil(lambda: win.workspace.levels[2].path == gbk, timeout=ENGINE_WAIT)
    assert win.workspace.levels[2].options.encoding == "gb18030"
    assert win.workspace.levels[1].path.name == "province.txt"


def test_every_document_of_a_chain_is_watched_for_changes(chained, chain_files):
    assert sorted(chained.watcher.files()) == sorted(str(p) for p in chain_files)


def _national_sheet(path: Path) -> Path:
    """A 分工方案 that lists every task of NATIONAL with a measure."""
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "国家任务", "本区措施", "负责部门"])
    for n, line in enumerate(line for line in NATIONAL.splitlines() if line[:1].isdigit()):
        wb.active.append([n + 1, line.split(".", 1)[1], "落实" + line.split(".", 1)[1], "区发改委"])
    wb.save(path)
    return path


def test_an_audit_asks_which_upper_document_the_table_implements(qtbot, chained, fake_dialogs, tmp_path):
    """The pair on show is province → district, but the table implements the national document:
    audited against the shown upper (the old behaviour) it reports the province's own task as
    omitted; against the chosen national document it reports none."""
    win = chained
    win.workspace.show_step(1)
    fake_dialogs.open_paths.append(_national_sheet(tmp_path / "分工方案.xlsx"))
    win.analysis.audit.trigger()
    chooser = win.analysis.upper_choice
    assert chooser is not None and chooser.isVisible()
    labels = [chooser.choices.item(n).text() for n in range(chooser.choices.count())]
    assert labels[0].startswith("第1级：") and labels[-1].startswith("不对照上级文件")
    assert chooser.choices.currentRow() == 1  # the upper document of the pair on show, preselected
    chooser.accept()
    qtbot.waitUntil(lambda: len(win.analysis.dialogs) == 1, timeout=ENGINE_WAIT)
    against_province = win.analysis.dialogs[0]
    fake_dialogs.open_paths.append(tmp_path / "分工方案.xlsx")
    win.analysis.audit.trigger()
    win.analysis.upper_choice.choices.setCurrentRow(0)
    win.analysis.upper_choice.accept()
    qtbot.waitUntil(lambda: len(win.analysis.dialogs) == 2, timeout=ENGINE_WAIT)
    against_national = win.analysis.dialogs[1]

    def missing(dialog) -> int:
        title = next(dialog.tabs.tabText(n) for n in range(dialog.tabs.count()) if dialog.tabs.tabText(n).startswith("缺漏的上级任务"))
        return int(title.split("（")[1].rstrip("）"))

    assert missing(against_province) >= 1  # 垃圾分类 is a province task, not a national one
    assert missing(against_national) == 0
    for d in list(win.analysis.dialogs):
        d.close()
    qtbot.waitUntil(lambda: not win.analysis.dialogs)


def test_opening_a_chain_keeps_the_review_of_the_same_pair(qtbot, window, chain_files, fake_dialogs, settings):
    """Open a pair, review it, then add a third document: the pair's decisions carry over, the
    change is one undoable step, and the recovery file holds the chain with the decisions."""
    from compare.alignment.crosswalk import LinkStatus

    win = window
    national, province, district = chain_files
    win.open_pair(national, province)
    wait_aligned(qtbot, win)
    cw = win.workspace.crosswalk
    link = next(k for k in cw.links if k.active)
    gap = next(t.id for t in cw.upper.leaves if not cw.links_of_upper(t.id))
    win.workspace.decide("确认", cw.with_link_status(*link.pair, LinkStatus.CONFIRMED))
    win.workspace.decide("不适用", win.workspace.crosswalk.with_not_applicable(gap, "不涉及本市"))
    win.workspace.decide("意见", win.workspace.crosswalk.with_link_note(*link.pair, "请补充时限"))
    reviewed = win.workspace.crosswalk.review_state()
    assert "已审核 1/" in win.review_progress.full_text()

    fake_dialogs.open_paths.append(district)
    win.chain_actions.open([national, province, district])
    qtbot.waitUntil(lambda: win.workspace.chain is not None and not win.workspace.is_busy, timeout=ENGINE_WAIT)
    assert fake_dialogs.questions == []  # the reviewed pair stays: nothing to ask
    assert len(win.workspace.levels) == 3 and win.workspace.step == 0
    assert win.workspace.steps[0].review_state() == reviewed
    assert "已审核 1/" in win.review_progress.full_text()
    assert "2 项审核决定已带入" in win.statusBar().currentMessage()
    assert win.undo_action.isEnabled() and win.undo_action.text() == "撤销 打开对标链条"

    with qtbot.waitSignal(win.autosave.saved, timeout=(settings.autosave_seconds + 5) * 1000):
        pass
    recovered = load_session(settings.recovery_path)
    assert len(recovered.documents) == 3
    assert recovered.reviews[0].links[0].status == "confirmed" and recovered.reviews[0].not_applicable == ((gap, "不涉及本市"),)

    win.undo_action.trigger()  # back to the pair, decisions intact
    assert len(win.workspace.levels) == 2
    qtbot.waitUntil(lambda: not win.chain_actions.level_combo.isVisibleTo(win))  # the toolbar lays out later
    assert win.workspace.crosswalk.review_state() == reviewed
    win.undo_action.trigger()  # and the decisions before it are still undoable one by one
    assert win.workspace.crosswalk.link(*link.pair).note == ""
    win.redo_action.trigger()
    win.redo_action.trigger()
    assert len(win.workspace.levels) == 3 and win.workspace.steps[0].review_state() == reviewed


def test_a_chain_without_the_reviewed_pair_asks_first(qtbot, window, chain_files, fake_dialogs):
    win = window
    national, province, district = chain_files
    win.open_pair(national, province)
    wait_aligned(qtbot, win)
    cw = win.workspace.crosswalk
    link = next(k for k in cw.links if k.active)
    win.workspace.decide("否决", cw.with_link_status(*link.pair, "rejected"))
    fake_dialogs.yes_no.append(False)
    win.chain_actions.open([national, district, province])  # national → province is no longer a pair
    assert "“national.txt”→“province.txt” 1 项" in fake_dialogs.questions[0]
    assert len(win.workspace.levels) == 2 and win.workspace.crosswalk.link(*link.pair).status == "rejected"
    fake_dialogs.yes_no.append(True)
    win.chain_actions.open([national, district, province])
    qtbot.waitUntil(lambda: win.workspace.chain is not None and not win.workspace.is_busy, timeout=ENGINE_WAIT)
    assert all(cw.reviewed_count == 0 for cw in win.workspace.steps)
    win.undo_action.trigger()
    assert win.workspace.crosswalk.link(*link.pair).status == "rejected"
