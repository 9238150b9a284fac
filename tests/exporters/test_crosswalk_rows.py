"""The one row model of the workbench table, the 对照表 sheet and the report's table."""
from __future__ import annotations

from compare.alignment.align import align
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key
from exporters.crosswalk_rows import Flag, RowKind, RowStatus, crosswalk_rows, exported_rows
from exporters.summary import percent, whole_percent
from tests.exporters.sample_crosswalk import EXTRAS, GAPS, TABLE_ROWS, sample_crosswalk


def _item(item_id: str, label: str, text: str, kind: ItemKind, parent: str | None = None, path: tuple[str, ...] = ()) -> Item:
    return Item(id=item_id, label=label, level=len(path), path=path, text=text, key=matching_key(text), kind=kind, parent=parent)


def test_a_heading_with_a_body_of_its_own_is_a_task_row():
    head = "加快发展数字经济。推进5G网络建设，建设工业互联网平台，培育数字产业集群。"
    upper = Document("u", "u.txt", "txt", (
        _item("1", "一、", head, ItemKind.HEADING),
        _item("1.1", "（一）", "建设大数据中心，推动政务数据共享开放。", ItemKind.ITEM, "1", ("一、加快发展数字经济",)),
    ))
    lower = Document("l", "l.txt", "txt", (
        _item("1", "1.", "推进5G网络建设，建设工业互联网平台，培育数字产业集群。", ItemKind.ITEM),
        _item("2", "2.", "建设大数据中心，推动政务数据共享开放。", ItemKind.ITEM),
    ))
    cw = align(upper, lower)
    assert cw.coverage().tasks == 2
    assert {row.upper for row in crosswalk_rows(cw) if row.kind is RowKind.LINK} == {"1", "1.1"}


def test_rows_follow_the_upper_document_with_extras_last():
    rows = exported_rows(sample_crosswalk())
    assert len(rows) == TABLE_ROWS
    assert [r.kind for r in rows][-len(EXTRAS):] == [RowKind.EXTRA] * len(EXTRAS)
    assert [r.lower for r in rows if r.kind is RowKind.EXTRA] == list(EXTRAS)
    assert [r.upper for r in rows if r.kind is RowKind.GAP] == list(GAPS)
    # 序号 counts upper tasks; a task with two measures keeps one number
    assert [r.group for r in rows if r.upper == "1.2"] == [2, 2]
    assert rows[-1].group == 9


def test_one_status_word_per_row_the_one_a_reviewer_acts_on():
    rows = {(r.upper, r.lower): r for r in crosswalk_rows(sample_crosswalk())}
    assert rows[("1.1", "1.1")].status is RowStatus.CONFIRMED
    assert rows[("1.2", "1.2")].status is RowStatus.PENDING
    # task 2.1 is weak and its measure also answers 2.2: 弱覆盖 wins, 一对多 stays a filter flag
    weak = rows[("2.1", "2.1")]
    assert weak.status is RowStatus.WEAK and {Flag.WEAK, Flag.OVERLAP, Flag.UNREVIEWED} <= weak.flags
    assert rows[("2.2", "2.1")].status is RowStatus.OVERLAP
    assert rows[("1.3", None)].status is RowStatus.GAP and Flag.GAP in rows[("1.3", None)].flags
    assert rows[(None, "2.4")].status is RowStatus.EXTRA and rows[(None, "2.4")].note == "REITs 项目由区发改委牵头"
    assert rows[("2.3", None)].status_text == "不适用：本地区已完成职称评审权下放"


def test_a_manual_link_is_confirmed_and_scored_by_hand():
    manual = next(r for r in crosswalk_rows(sample_crosswalk()) if r.key == ("link", "2.4", "2.2"))
    assert manual.status is RowStatus.CONFIRMED
    assert manual.score is None and manual.score_text == "人工"


def test_rejected_links_are_rows_on_screen_but_not_in_the_exports():
    cw = sample_crosswalk()
    rejected = next(r for r in crosswalk_rows(cw) if r.key == ("link", "2.4", "2.3"))
    assert rejected.status is RowStatus.REJECTED and Flag.UNREVIEWED not in rejected.flags
    assert rejected.key not in {r.key for r in exported_rows(cw)}


def test_not_applicable_task_with_links_shows_its_reason_on_every_row():
    cw = sample_crosswalk().with_not_applicable("1.2", "由市级部门统筹")
    rows = [r for r in crosswalk_rows(cw) if r.upper == "1.2"]
    assert [(r.kind, r.status, r.reason) for r in rows] == [(RowKind.LINK, RowStatus.NOT_APPLICABLE, "由市级部门统筹")] * 2


def test_a_task_whose_only_measure_was_rejected_is_a_gap_below_its_rejected_row():
    cw = sample_crosswalk().with_link_status("1.1", "1.1", "rejected")
    rows = [r for r in crosswalk_rows(cw) if r.upper == "1.1"]
    assert [r.status for r in rows] == [RowStatus.REJECTED, RowStatus.GAP]


def test_percentages_are_whole_and_never_claim_what_was_not_reached():
    assert percent(70.8) == "71%" and percent(98) == "98%"
    assert whole_percent(99.7) == 99 and whole_percent(100) == 100
    assert whole_percent(0.3) == 1 and whole_percent(0) == 0
