"""Cascades: three real-shaped documents read from text, aligned pair by pair, traced end to end."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.analyses.cascade import ChainOutcome, align_chain
from compare.errors import DuibiaoError
from compare.documents.readers import read_document

NATIONAL = """国务院关于支持国家级新区高质量发展的意见
一、科技创新
1.建设国家知识产权示范城区，完善知识产权服务体系，开展专利导航和知识产权保护工作。
2.实施高新技术企业倍增计划，培育科技型中小企业和瞪羚企业。
3.研究设立海洋经济发展基金，支持远洋渔业船队更新改造。
二、营商环境
4.推广电子证照、电子印章应用，推动政务服务事项全程网上办理。
"""
PROVINCE = """某市贯彻落实措施
一、创新驱动
1.推进国家知识产权示范城区建设，完善知识产权服务体系，开展专利导航，加强知识产权保护。
2.实施高新技术企业倍增行动，加大瞪羚企业和科技型中小企业培育力度。
3.推广电子证照、电子印章在政务服务中的应用，政务服务事项全程网上办理。
4.开展垃圾分类宣传进社区活动，提高居民分类投放准确率。
"""
DISTRICT = """某区工作方案
1.建设知识产权示范城区，开展专利导航试点，完善区级知识产权服务体系和保护工作。
2.推动电子证照、电子印章在区级政务服务中全面应用，实现事项全程网上办理。
3.开展垃圾分类宣传进社区，提高分类投放准确率。
"""


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("chain")
    docs = []
    for name, text in (("national", NATIONAL), ("province", PROVINCE), ("district", DISTRICT)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(read_document(path))
    return align_chain(docs)


def _label(chain, level: int, item_id: str) -> str:
    return chain.documents[level].item(item_id).label


def test_each_adjacent_pair_is_aligned(chain):
    assert chain.levels == 3 and len(chain.steps) == 2
    assert chain.steps[0].upper is chain.documents[0] and chain.steps[1].lower is chain.documents[2]


def test_trace_down_and_up_follow_links(chain):
    national = {it.label: it.id for it in chain.documents[0].items}
    down = chain.trace_down(0, national["1."])
    assert [_label(chain, 1, i) for i in down[1]] == ["1."]
    assert [_label(chain, 2, i) for i in down[2]] == ["1."]
    district = {it.label: it.id for it in chain.documents[2].items}
    up = chain.trace_up(2, district["2."])
    assert [_label(chain, 1, i) for i in up[1]] == ["3."]
    assert [_label(chain, 0, i) for i in up[2]] == ["4."]
    connected = chain.connected(1, up[1][0])
    assert connected[0] == frozenset(up[2]) and connected[2] == frozenset({district["2."]})


def test_end_to_end_breaks_at_the_level_where_links_stop(chain):
    outcome = {chain.documents[0].item(c.task).label: c for c in chain.end_to_end()}
    assert outcome["1."].outcome is ChainOutcome.REACHED
    assert outcome["4."].outcome is ChainOutcome.REACHED
    assert outcome["3."].outcome is ChainOutcome.BROKEN and outcome["3."].broken_at == 1  # no provincial measure
    assert outcome["2."].outcome is ChainOutcome.BROKEN and outcome["2."].broken_at == 2  # no district action
    coverage = chain.coverage()
    assert (coverage.tasks, coverage.reached, coverage.broken_at) == (4, 2, (1, 1))
    assert coverage.percent == pytest.approx(50.0)


def test_not_applicable_ends_a_chain_without_breaking_it(chain):
    national = {it.label: it.id for it in chain.documents[0].items}
    marked = chain.with_step(0, chain.steps[0].with_not_applicable(national["3."], "不涉及本市"))
    outcome = {c.task: c.outcome for c in marked.end_to_end()}
    assert outcome[national["3."]] is ChainOutcome.NOT_APPLICABLE
    assert marked.coverage().percent == pytest.approx(100 * 2 / 3)


def test_reviews_are_applied_per_step(chain):
    first = chain.steps[0]
    link = first.links[0]
    decided = first.with_link_status(link.upper, link.lower, "rejected")
    again = align_chain(chain.documents, reviews=[decided.review_state()])
    assert again.steps[0].link(link.upper, link.lower).status == "rejected"
    assert again.steps[1].review_state() == chain.steps[1].review_state()


def test_chain_length_is_checked(chain):
    with pytest.raises(DuibiaoError, match="2–6"):
        align_chain(chain.documents[:1])
