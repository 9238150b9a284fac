"""The pieces both exports share: safe text, CJK widths, the diff marks."""
from __future__ import annotations

from compare.alignment.crosswalk import Link
from compare.documents.model import Item
from compare.documents.normalize import matching_key
from exporters.layout import column_width, display_width, wrapped_lines
from exporters.sanitize import EXCEL_CELL_LIMIT, cell_text, looks_like_formula, xml_text
from exporters.text_marks import combine, link_marks, segments, shared_phrases


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
