"""Character diffs and shared phrases, the evidence a reviewer reads."""
from __future__ import annotations

from compare.alignment.diff import DiffOp, char_diff
from compare.alignment.evidence import shared_phrases
from compare.documents.normalize import matching_key


def rebuild(a: str, b: str) -> tuple[str, str]:
    """Both texts put back together from the diff spans: proves the spans cover everything."""
    spans = char_diff(a, b)
    return "".join(a[s.a[0] : s.a[1]] for s in spans), "".join(b[s.b[0] : s.b[1]] for s in spans)


def test_diff_finds_what_changed_between_versions():
    a = "持续深化推广电子证照、电子印章应用。公布滨海新区政务服务事项目录"
    b = "持续推广电子证照、电子签章应用。公布政务服务事项目录，能够网上办理"
    spans = char_diff(a, b)
    assert rebuild(a, b) == (a, b)
    changes = [(s.op, a[s.a[0] : s.a[1]], b[s.b[0] : s.b[1]]) for s in spans if s.op is not DiffOp.EQUAL]
    assert (DiffOp.DELETE, "深化", "") in changes
    assert (DiffOp.REPLACE, "印", "签") in changes
    assert (DiffOp.DELETE, "滨海新区", "") in changes
    assert (DiffOp.INSERT, "", "，能够网上办理") in changes


def test_diff_sees_through_traditional_and_full_width():
    spans = char_diff("協同發展（一）", "协同发展(一)")
    assert [s.op for s in spans] == [DiffOp.EQUAL]


def test_identical_and_empty_texts():
    assert [s.op for s in char_diff("相同", "相同")] == [DiffOp.EQUAL]
    assert [s.op for s in char_diff("", "新增")] == [DiffOp.INSERT]
    assert char_diff("", "") == ()


def test_shared_phrases_are_real_common_substrings_in_any_order():
    a = "建设国家知识产权示范城区，完善知识产权服务体系"
    b = "完善知识产权服务体系，建设国家知识产权示范城区"
    found = shared_phrases(matching_key(a), matching_key(b))
    phrases = {a[e.upper[0] : e.upper[1]] for e in found}
    assert "建设国家知识产权示范城区" in phrases
    assert "完善知识产权服务体系" in phrases
    for e in found:
        assert a[e.upper[0] : e.upper[1]] == b[e.lower[0] : e.lower[1]]


def test_boilerplate_alone_is_no_evidence():
    assert shared_phrases(matching_key("加快推进"), matching_key("推进加快")) == ()
