"""Every item model passes qtmodeltester, and shows what the crosswalk says."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from compare.alignment.align import align
from compare.alignment.crosswalk import LinkStatus
from compare.documents.readers import read_document
from ui.models import ID_ROLE, CrosswalkFilterModel, CrosswalkTableModel, DocumentTreeModel
from ui.rows import UPPER_GOOD, Flag, ItemStatus, RowKind, RowStatus, build_rows, heading_counts, lower_statuses, upper_statuses


@pytest.fixture
def crosswalk(sample_files):
    upper, lower = sample_files
    return align(read_document(upper), read_document(lower))


def test_document_tree_model(qtmodeltester, crosswalk):
    model = DocumentTreeModel(crosswalk.upper)
    statuses = upper_statuses(crosswalk)
    model.set_statuses(statuses, heading_counts(crosswalk.upper, statuses, UPPER_GOOD, "覆盖"))
    qtmodeltester.check(model)
    sections = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert sections == ["一、科技创新", "二、对外开放"]
    first_task = model.index(0, 0, model.index(0, 0))
    assert first_task.data().startswith("1.支持高校")
    assert model.index_of(first_task.data(ID_ROLE)) == first_task
    assert model.parent(first_task) == model.index(0, 0)
    assert model.rowCount(first_task) == 0


def test_empty_tree_model(qtmodeltester):
    model = DocumentTreeModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert not model.index_of("1.1").isValid()


def test_crosswalk_table_and_filter_models(qtmodeltester, crosswalk):
    model = CrosswalkTableModel()
    model.set_rows(build_rows(crosswalk))
    qtmodeltester.check(model)
    proxy = CrosswalkFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_category(Flag.UNREVIEWED)
    assert proxy.rowCount() == sum(1 for r in model.rows() if Flag.UNREVIEWED in r.flags) > 0
    proxy.set_category(None)
    proxy.set_search("全民健身")
    assert proxy.rowCount() >= 1
    assert all("全民健身" in proxy.source_row(r).lower_text for r in range(proxy.rowCount()))
    proxy.set_search("")
    proxy.sort(CrosswalkTableModel.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [proxy.source_row(r).score for r in range(proxy.rowCount())]
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True)
    qtmodeltester.check(proxy)


def test_rows_follow_decisions(crosswalk):
    link = crosswalk.links[0]
    rejected = crosswalk.with_link_status(link.upper, link.lower, LinkStatus.REJECTED)
    row = next(r for r in build_rows(rejected) if r.key == (RowKind.LINK.value, link.upper, link.lower))
    assert row.status_text == "已否决"
    assert Flag.UNREVIEWED not in row.flags
    assert row.status is RowStatus.REJECTED
    # A measure whose only link is rejected answers nothing any more.
    if len(crosswalk.links_of_lower(link.lower)) == 1:
        assert lower_statuses(rejected)[link.lower] is ItemStatus.EXTRA


def test_table_keeps_shape_on_decisions(qtbot, crosswalk):
    model = CrosswalkTableModel()
    model.set_rows(build_rows(crosswalk))
    link = crosswalk.links[0]
    confirmed = crosswalk.with_link_status(link.upper, link.lower, LinkStatus.CONFIRMED)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_rows(build_rows(confirmed))
    assert model.rowCount(QModelIndex()) == len(build_rows(confirmed))


def test_the_table_and_the_workbook_say_the_same_status_and_score(crosswalk, tmp_path):
    """One row model: every row the 对照表 sheet shows has the status word and 匹配度 of the
    workbench table's row for the same task and measure."""
    import openpyxl

    from exporters.xlsx_export import COL_LOWER_ID, COL_SCORE, COL_STATUS, COL_UPPER_ID, SHEET_TABLE, TABLE_COLUMNS, export_xlsx

    reviewed = crosswalk.with_manual_link(crosswalk.upper.leaves[0].id, crosswalk.lower.leaves[-1].id)
    model = CrosswalkTableModel()
    model.set_rows(build_rows(reviewed))
    on_screen = {}
    for r in range(model.rowCount()):
        row = model.row(r)
        on_screen[(row.upper or "", row.lower or "")] = (
            model.index(r, CrosswalkTableModel.STATUS).data(), model.index(r, CrosswalkTableModel.SCORE).data()
        )
    ws = openpyxl.load_workbook(export_xlsx(reviewed, tmp_path / "对照表.xlsx"))[SHEET_TABLE]
    headers = [c.header for c in TABLE_COLUMNS]
    sheet_rows = [dict(zip(headers, values)) for values in ws.iter_rows(min_row=2, values_only=True)]
    assert sheet_rows
    for values in sheet_rows:
        status, score = on_screen[(values[COL_UPPER_ID] or "", values[COL_LOWER_ID] or "")]
        assert status.removeprefix("✓ ").split("：")[0] == values[COL_STATUS]  # the mark is the screen's own
        cell = values[COL_SCORE]
        expected = None if cell is None else cell if isinstance(cell, str) else f"{round(100 * cell)}%"
        assert (score or None) == expected
    assert "人工" in {score for _, score in on_screen.values()}
