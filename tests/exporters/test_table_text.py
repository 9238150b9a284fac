"""The pieces both exports share: safe text, CJK widths, the 对照表 rows, the diff marks."""
from __future__ import annotations

from compare.alignment.crosswalk import Link
from compare.documents.model import Item
from compare.documents.normalize import matching_key
from exporters.layout import column_width, display_width, wrapped_lines
from exporters.sanitize import EXCEL_CELL_LIMIT, cell_text, looks_like_formula, xml_text
from exporters.table_rows import (
    STATUS_CONFIRMED,
    STATUS_EXTRA,
    STATUS_GAP,
    STATUS_NOT_APPLICABLE,
    STATUS_OVERLAP,
    STATUS_PENDING,
    RowKind,
    crosswalk_rows,
)
from exporters.text_marks import combine, link_marks, segments, shared_phrases
from tests.exporters.sample_crosswalk import EXTRAS, GAPS, TABLE_ROWS, sample_crosswalk


def test_control_characters_are_stripped_and_tabs_newlines_kept():
    assert xml_text("a\x00b\x07c\x1fd\ufffe\td\ne") == "abcd\td\ne"
    assert xml_text(None) == ""


def test_cell_text_is_cut_to_excel_limit():
    text = cell_text("字" * (EXCEL_CELL_LIMIT + 10))
    assert len(text) == EXCEL_CELL_LIMIT
    assert text.endswith("已截断）")


def test_formula_like_text_is_recognised():
    for text in ("=SUM(A1)", "+86", "-由审核人", "@待定", "  =1"):
        assert looks_like_formula(text)
    assert not looks_like_formula("完善机制=")


def test_wide_characters_count_double():
    assert display_width("abc") == 3
    assert display_width("对标") == 4
    assert display_width("“十四五”") == 10  # Chinese quotes are drawn full width
    assert column_width(["对标" * 50], minimum=10, maximum=40) == 40
    assert column_width([""], minimum=10, maximum=40) == 10
    assert wrapped_lines("对" * 20, 21) == 2
    assert wrapped_lines("一\n二", 30) == 2


def test_rows_follow_the_upper_document_with_extras_last():
    cw = sample_crosswalk()
    rows = crosswalk_rows(cw)
    assert len(rows) == TABLE_ROWS
    kinds = [r.kind for r in rows]
    assert kinds[-len(EXTRAS):] == [RowKind.EXTRA] * len(EXTRAS)
    assert [r.lower.id for r in rows if r.kind is RowKind.EXTRA] == list(EXTRAS)
    assert [r.upper.id for r in rows if r.kind is RowKind.GAP] == list(GAPS)
    by_pair = {(r.upper.id, r.lower.id): r for r in rows if r.kind is RowKind.LINK}
    assert ("2.4", "2.3") not in by_pair  # rejected links are not rows
    assert by_pair[("1.1", "1.1")].status == STATUS_CONFIRMED
    assert by_pair[("2.4", "2.2")].status == STATUS_CONFIRMED  # manual
    assert by_pair[("1.2", "1.3")].status == STATUS_PENDING
    assert by_pair[("2.1", "2.1")].status == STATUS_OVERLAP
    statuses = {r.status for r in rows}
    assert {STATUS_GAP, STATUS_EXTRA, STATUS_NOT_APPLICABLE} <= statuses
    # 序号 counts upper tasks; a task with two measures keeps one number
    assert [r.group for r in rows if r.upper and r.upper.id == "1.2"] == [2, 2]
    assert rows[-1].group == 9


def test_not_applicable_task_with_links_shows_its_reason_on_every_row():
    cw = sample_crosswalk().with_not_applicable("1.2", "由市级部门统筹")
    rows = [r for r in crosswalk_rows(cw) if r.upper and r.upper.id == "1.2"]
    assert [(r.kind, r.status, r.note) for r in rows] == [(RowKind.LINK, STATUS_NOT_APPLICABLE, "由市级部门统筹")] * 2


def _item(text: str, iid: str = "x") -> Item:
    return Item(iid, "", 0, (), text, matching_key(text))


def test_diff_marks_deleted_and_inserted_text_and_evidence():
    upper, lower = _item("加快建设科研平台和实验室"), _item("全力加快建设科研平台")
    link = Link("x", "x", 0.7)
    up_marks, low_marks = link_marks(link, upper, lower)
    up = segments(upper.text, up_marks)
    low = segments(lower.text, low_marks)
    assert "".join(s.text for s in up) == upper.text
    assert [s.text for s in up if s.changed] == ["和实验室"]
    assert [s.text for s in low if s.changed] == ["全力"]
    assert [s.text for s in up if s.shared] == ["加快建设科研平台"]  # no evidence: long equal runs
    assert shared_phrases(link, upper, lower) == ("加快建设科研平台",)


def test_a_task_with_two_measures_is_struck_only_where_neither_carries_it():
    task = _item("建设平台并培养人才")
    a, b = _item("建设平台"), _item("培养人才")
    marks = combine([link_marks(Link("x", "x", 0.5), task, m)[0] for m in (a, b)])
    assert [s.text for s in segments(task.text, marks) if s.changed] == ["并"]
