"""The alignment engine on small documents built in the test: links, classification, evidence."""
from __future__ import annotations

import random

import pytest

from compare.alignment.align import AlignOptions, align
from compare.alignment.crosswalk import LinkStatus, Sensitivity, Side, Thresholds
from compare.errors import Cancelled
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key, to_simplified

TASKS = [
    ("一、科技创新", None),
    ("1.建设国家知识产权示范城区，完善知识产权服务体系，开展专利导航和知识产权保护工作。", "一"),
    ("2.实施高新技术企业倍增计划，培育科技型中小企业和瞪羚企业，支持企业提升竞争力。", "一"),
    ("3.支持高校建设科研平台，联合产业链上下游企业开展关键核心技术攻关。", "一"),
    ("二、营商环境", None),
    ("4.全面推进“双随机、一公开”监管，开展部门联合抽查，提高监管效能。", "二"),
    ("5.推广电子证照、电子印章应用，推动政务服务事项全程网上办理。", "二"),
    ("6.研究设立海洋经济发展基金，支持远洋渔业船队更新改造。", "二"),
]
MEASURES = [
    ("一、创新驱动", None),
    ("1.推广电子证照和电子印章在政务服务中的应用，政务服务事项原则上全部网上办理。", "一"),
    ("2.制定部门联合“双随机、一公开”年度抽查计划，统筹开展联合检查，提升监管效能。", "一"),
    ("3.建设国家知识产权示范城区，实施专利强企工程，加强知识产权保护。", "一"),
    ("4.实施高新技术企业倍增行动，加大瞪羚企业培育力度，支持科技型中小企业做大做强。", "一"),
    ("5.落实与高校签署的战略合作协议，建设科研平台，联合企业开展关键核心技术攻关。", "一"),
    ("6.开展垃圾分类宣传进社区活动，提高居民分类投放准确率。", "一"),
]


def make_document(rows: list[tuple[str, str | None]], name: str, transform=lambda s: s) -> Document:
    items, section = [], ""
    for n, (raw, parent) in enumerate(rows):
        raw = transform(raw)
        label, text = raw.split("、", 1) if parent is None else raw.split(".", 1)
        if parent is None:
            section = raw
            items.append(Item(id=str(n), label=label + "、", level=0, path=(), text=text, key=matching_key(text), kind=ItemKind.HEADING))
        else:
            items.append(Item(id=str(n), label=label + ".", level=1, path=(section,), text=text, key=matching_key(text), parent=parent))
    return Document(title=name, source_path=f"{name}.txt", format="txt", items=tuple(items))


@pytest.fixture(scope="module")
def crosswalk():
    return align(make_document(TASKS, "upper"), make_document(MEASURES, "lower"))


def test_links_follow_meaning_not_order(crosswalk):
    expected = {("1", "3"), ("2", "4"), ("3", "5"), ("5", "2"), ("6", "1")}
    assert expected <= {k.pair for k in crosswalk.links}


def test_gap_extra_and_headings(crosswalk):
    assert crosswalk.upper_gaps == ("7",)  # the marine fund has no measure
    assert crosswalk.lower_extras == ("6",)  # waste sorting answers no task
    assert "0" not in crosswalk.upper_gaps and "4" not in crosswalk.upper_gaps  # headings only group


def test_scores_are_calibrated_and_evidenced(crosswalk):
    from compare.alignment import fitted

    # The calibration tables the fit wrote map model probabilities monotonically onto 0–1.
    for model in fitted.MODELS.values():
        xs, ys = zip(*model["calibration"])
        assert list(xs) == sorted(xs) and list(ys) == sorted(ys) and ys[0] >= 0.0 and ys[-1] <= 1.0
    for link in crosswalk.links:
        assert link.score >= crosswalk.thresholds.link  # no link below the threshold, whatever its neighbours
        assert link.evidence, link
        upper, lower = crosswalk.upper.item(link.upper), crosswalk.lower.item(link.lower)
        for ev in link.evidence:
            assert upper.key[ev.upper[0] : ev.upper[1]] == lower.key[ev.lower[0] : ev.lower[1]]
    strong = crosswalk.link("1", "3")  # the same task in nearly the same words: strong coverage
    assert strong is not None and strong.score >= crosswalk.thresholds.strong and "1" not in crosswalk.weak


def test_traditional_scores_like_simplified():
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    simplified = align(make_document(TASKS, "u"), make_document(MEASURES, "l"))
    traditional = align(make_document(TASKS, "u", s2t), make_document(MEASURES, "l"))
    assert [(k.pair, k.score) for k in simplified.links] == [(k.pair, k.score) for k in traditional.links]
    assert to_simplified(s2t("协同发展")) == "协同发展"


def test_an_unrelated_pair_between_linked_neighbours_stays_a_gap_and_an_extra():
    # 伏季休渔 and 垃圾分类 inserted at the same place of both documents share nothing: no link.
    tasks = TASKS[:3] + [("2.实施伏季休渔制度，加强海洋渔业资源养护。", "一")] + TASKS[3:]
    measures = MEASURES[:4] + [("4.开展垃圾分类宣传进社区活动，提高居民分类投放准确率。", "一")] + MEASURES[4:]
    cw = align(make_document(tasks, "upper"), make_document(measures, "lower"))
    assert cw.link("3", "4") is None
    assert "3" in cw.upper_gaps and "4" in cw.lower_extras


def test_a_measure_answering_two_tasks_links_both():
    tasks = [
        ("一、任务", None),
        ("1.推行电子印章。", "一"),
        ("2.推广电子证照在政务服务中的应用。", "一"),
        ("3.设立海洋经济发展基金。", "一"),
    ]
    measures = [("一、措施", None), ("1.推广电子证照和电子印章在政务服务中的应用，推行电子印章。", "一")]
    cw = align(make_document(tasks, "u"), make_document(measures, "l"))
    assert {k.pair for k in cw.links} >= {("1", "1"), ("2", "1")}  # the quoted task is no gap
    assert cw.upper_gaps == ("3",) and cw.overlaps[0].uppers == ("1", "2")


def test_order_is_a_hint_not_a_requirement():
    rng = random.Random(4)
    shuffled = MEASURES[:1] + rng.sample(MEASURES[1:], len(MEASURES) - 1)
    upper = make_document(TASKS, "upper")
    lower = make_document(shuffled, "lower")
    cw = align(upper, lower)
    by_text = {(upper.item(k.upper).text[:8], lower.item(k.lower).text[:8]) for k in cw.links}
    assert ("全面推进“双随机", "制定部门联合“双") in by_text
    assert ("推广电子证照、电", "推广电子证照和电") in by_text
    assert len(cw.upper_gaps) == 1


def test_many_to_many_and_overlap():
    tasks = [
        ("一、任务", None),
        ("1.推广电子证照应用，推动政务服务事项网上办理。", "一"),
        ("2.推广电子印章应用，推动政务服务事项网上办理。", "一"),
    ]
    measures = [
        ("一、措施", None),
        ("1.推广电子证照、电子印章应用，政务服务事项全部网上办理。", "一"),
    ]
    cw = align(make_document(tasks, "u"), make_document(measures, "l"))
    assert {k.pair for k in cw.links} == {("1", "1"), ("2", "1")}
    assert [(o.lower, o.uppers) for o in cw.overlaps] == [("1", ("1", "2"))]


def test_duplicates_within_one_document():
    tasks = TASKS + [("7.建设国家知识产权示范城区，完善知识产权服务体系，开展专利导航和知识产权保护工作。", "二")]
    cw = align(make_document(tasks, "u"), make_document(MEASURES, "l"))
    assert [(d.side, d.items) for d in cw.duplicates] == [(Side.UPPER, ("1", "8"))]


def test_sensitivity_orders_link_counts():
    upper, lower = make_document(TASKS, "u"), make_document(MEASURES, "l")
    counts = [len(align(upper, lower, options=AlignOptions(sensitivity=s)).links) for s in (Sensitivity.STRICT, Sensitivity.BALANCED, Sensitivity.LENIENT)]
    assert counts[0] <= counts[1] <= counts[2]
    none = align(upper, lower, options=AlignOptions(thresholds=Thresholds(link=1.01, strong=1.01, duplicate=1.0)))
    assert not none.links and len(none.upper_gaps) == 6  # above every score: all tasks are gaps
    weak = align(upper, lower, options=AlignOptions(thresholds=Thresholds(link=0.5, strong=1.01, duplicate=1.0)))
    assert set(weak.weak) == {k.upper for k in weak.links}  # nothing reaches a strong threshold above 1


def test_review_decisions_survive_realignment(crosswalk):
    reviewed = (
        crosswalk.with_link_status("1", "3", LinkStatus.CONFIRMED)
        .with_link_status("5", "2", LinkStatus.REJECTED)
        .with_manual_link("7", "6")
        .with_not_applicable("3", "不涉及本区")
        .with_item_note(Side.UPPER, "2", "请区科技局补充")
    )
    again = align(reviewed.upper, reviewed.lower, options=AlignOptions(sensitivity=Sensitivity.STRICT), keep=reviewed)
    assert again.link("1", "3").status is LinkStatus.CONFIRMED
    assert again.link("5", "2").status is LinkStatus.REJECTED
    assert again.link("7", "6").status is LinkStatus.MANUAL
    assert "7" not in again.upper_gaps and "6" not in again.lower_extras
    assert again.not_applicable_reason("3") == "不涉及本区"
    assert again.item_note(Side.UPPER, "2") == "请区科技局补充"
    assert again.item_note(Side.LOWER, "2") == ""  # the lower document has an item "2" too
    assert "5" in again.upper_gaps  # rejecting its only link makes 双随机 a gap


def test_progress_and_cancel():
    upper, lower = make_document(TASKS, "u"), make_document(MEASURES, "l")
    seen: list[tuple[int, int]] = []
    align(upper, lower, on_progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)
    with pytest.raises(Cancelled):
        align(upper, lower, is_cancelled=lambda: True)
    calls = []

    def cancel_later() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        align(upper, lower, is_cancelled=cancel_later)


def test_empty_sides_give_gaps_not_errors():
    upper = make_document(TASKS, "u")
    lower = make_document([("一、措施", None), ("1.开展垃圾分类宣传进社区活动。", "一")], "l")
    cw = align(upper, lower)
    assert len(cw.upper_gaps) == 6 and cw.lower_extras == ("1",)


def test_a_saved_review_takes_fresh_scores_and_drops_stale_proposals(crosswalk):
    from dataclasses import replace

    from compare.alignment.crosswalk import Link, ReviewState

    confirmed = replace(crosswalk.link("1", "3"), status=LinkStatus.CONFIRMED, score=0.01, evidence=())
    stale = Link("2", "1", 0.9, LinkStatus.AUTO, (), "旧的系统建议")
    restored = crosswalk.with_review(ReviewState(links=(confirmed, stale)))
    link = restored.link("1", "3")
    assert link.status is LinkStatus.CONFIRMED
    assert link.score == crosswalk.link("1", "3").score and link.evidence  # today's score and evidence
    assert restored.link("2", "1") is None  # a note on a proposal this run no longer makes is no decision


def test_a_manual_link_has_no_score_and_counts_as_covered(crosswalk):
    linked = crosswalk.with_manual_link("7", "6")
    link = linked.link("7", "6")
    assert link.status is LinkStatus.MANUAL and link.score is None
    assert "7" not in linked.upper_gaps and "7" not in linked.weak
    relinked = crosswalk.with_relink("1", "3", "6")
    assert relinked.link("1", "6").score is None and relinked.link("1", "3").status is LinkStatus.REJECTED


def test_coverage_counts_weak_apart(crosswalk):
    weak_task = next(iter(crosswalk.links)).upper
    strict = crosswalk._rebuilt(thresholds=Thresholds(link=0.0, strong=1.01, duplicate=1.0))
    cov = strict.coverage()
    assert cov.weak >= 1 and weak_task in strict.weak
    assert cov.percent == pytest.approx(100 * cov.covered / (cov.tasks - cov.not_applicable))
    assert cov.percent_with_weak == pytest.approx(100 * (cov.covered + cov.weak) / (cov.tasks - cov.not_applicable))
    assert cov.percent < cov.percent_with_weak


def test_every_task_gets_ranked_suggestions_with_shared_phrases(crosswalk):
    for task in (it for it in crosswalk.upper.items if it.is_task):
        offered = crosswalk.suggestions_for(task.id)
        assert len(offered) <= 5
        assert all(s.evidence for s in offered)
        assert [s.score for s in offered] == sorted((s.score for s in offered), reverse=True)
    best = crosswalk.suggestions_for("1")[0]
    assert best.lower == "3"  # 知识产权示范城区 ranks first for the 知识产权 task


def test_suggestions_pass_over_measures_without_a_shared_phrase_to_offer_five():
    import numpy as np

    from compare.alignment.align import suggested_columns

    row = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.0, 0.2])
    no_phrase = {0, 2}
    offered = suggested_columns(row, lambda j: j not in no_phrase, 5)
    assert offered == [1, 3, 4, 5, 6]  # the best five that share a phrase, best first
    assert suggested_columns(row, lambda j: j in {7, 8}, 5) == [8]  # a measure scored 0 is no suggestion
    wide = np.linspace(1.0, 0.01, 100)
    assert suggested_columns(wide, lambda j: j >= 50, 5) == []  # only the best 4 × 5 are examined


def test_a_comparison_too_large_for_memory_is_refused_before_allocating(monkeypatch):
    from compare.alignment import align as align_module
    from compare.errors import AlignError

    monkeypatch.setattr(align_module, "MAX_PAIRS", 20)  # the sample has 6 × 6 = 36 pairs
    with pytest.raises(AlignError, match="拆成几份"):
        align(make_document(TASKS, "u"), make_document(MEASURES, "l"))


def test_a_saved_manual_link_stays_unscored_when_the_engine_proposes_the_pair(crosswalk):
    from dataclasses import replace as dc_replace

    from compare.alignment.crosswalk import ReviewState

    proposed = crosswalk.link("1", "3")
    restored = crosswalk.with_review(ReviewState(links=(dc_replace(proposed, status=LinkStatus.MANUAL, score=1.0),)))
    assert restored.link("1", "3").status is LinkStatus.MANUAL and restored.link("1", "3").score is None
