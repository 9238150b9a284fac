"""The five source documents and the Binhai 2020 benchmark texts, segmented exactly."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import opencc
import pytest

from compare.documents.furniture import is_furniture
from compare.documents.model import Document, ItemKind
from compare.documents.readers import read_document
from tests.conftest import BENCHMARKS, SEEDS, require_shared

pytestmark = pytest.mark.corpus

CN = "一二三四五六七"


def _read(path: Path) -> Document:
    return read_document(require_shared(path))


def _seed(prefix: str) -> Path:
    require_shared(SEEDS)
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _census(doc: Document) -> Counter[tuple[str, int]]:
    """Items by kind and level; context (closing words, guiding ideas) counted apart as ("context", level)."""
    return Counter((it.kind.value if it.role.value != "context" else "context", it.level) for it in doc.items)


def _assert_clean(doc: Document) -> None:
    assert len({it.id for it in doc.items}) == len(doc.items)
    index = doc.index()
    for it in doc.items:
        assert it.text.strip(), it.id
        assert not any(is_furniture(line) for line in it.key.split("\n")), it.id
        if it.parent is not None:
            assert index[it.parent].level == it.level - 1
            parent = index[it.parent]
            assert it.path[:-1] == parent.path and it.path[-1].startswith(parent.label), it.id


def _assert_sections_of_measures(doc: Document, sections: dict[int, range | list[int]]) -> None:
    """Sections 一、…六、 at level 0 holding the numbered items 1., 2., … at level 1, in order."""
    headings = [it for it in doc.items if it.level == 0 and it.label]
    assert [(it.id, it.label, it.kind) for it in headings] == [
        (str(n), f"{CN[n - 1]}、", ItemKind.HEADING) for n in sections
    ]
    for n, numbers in sections.items():
        children = doc.children(str(n))
        assert [(it.id, it.label, it.kind) for it in children] == [
            (f"{n}.{m}", f"{m}.", ItemKind.ITEM) for m in numbers
        ]
        assert all(it.path == (f"{headings[n - 1].label}{headings[n - 1].text}",) for it in children)


LOCAL_SECTIONS = {1: range(1, 6), 2: range(6, 13), 3: range(13, 19), 4: range(19, 23), 5: range(23, 27), 6: range(27, 34)}


def test_002_body_has_33_measures_in_6_sections_and_the_annex_as_a_table() -> None:
    doc = _read(_seed("002"))
    assert doc.title == "滨海新区落实支持国家级新区深化改革创新加快推动高质量发展2020年重点任务的具体措施"
    # The closing paragraph ("以上具体措施，已由市发改委正式印发…") is kept, as context after the list.
    assert _census(doc) == Counter({("heading", 0): 6, ("item", 1): 33, ("context", 0): 1})
    _assert_sections_of_measures(doc, LOCAL_SECTIONS)
    _assert_clean(doc)
    assert doc.item("1").text == "统筹推进疫情应对和经济社会秩序恢复"
    assert doc.item("6.33").text == "创新投融资模式,积极组织开展基础设施REITs业务,盘活存量资产,降低短期债务风险。"
    assert doc.item("p1").text.startswith("以上具体措施") and not doc.item("p1").is_task
    assert sum(it.is_task for it in doc.items) == 33
    (annex,) = doc.annexes
    assert annex.is_table
    assert annex.title.startswith("《滨海新区落实") and annex.title.endswith("分工方案")
    assert "序号方面" in annex.text and "不涉及天津工作" in annex.text


def test_local_measures_benchmark() -> None:
    doc = _read(BENCHMARKS / "binhai2020_local_measures.txt")
    assert _census(doc) == Counter({("heading", 0): 6, ("item", 1): 33, ("context", 0): 1})
    _assert_sections_of_measures(doc, LOCAL_SECTIONS)
    _assert_clean(doc)
    last = doc.item("6.33")
    assert last.text.endswith("降低短期债务风险。")
    assert [it.id for it in doc.items if "以上具体措施" in it.text] == ["p1"]  # kept, as context
    assert sum(it.is_task for it in doc.items) == 33


def test_national_tasks_benchmark_has_33_tasks_without_26_to_28() -> None:
    doc = _read(BENCHMARKS / "binhai2020_national_tasks.txt")
    assert doc.title == "2020年国家级新区重点任务（摘自滨海新区分工方案附件，第26-28项原文未列出）"
    assert _census(doc) == Counter({("heading", 0): 6, ("item", 1): 33})
    sections = {1: range(1, 6), 2: range(6, 10), 3: range(10, 19), 4: range(19, 24), 5: [24, 25, 29, 30], 6: range(31, 37)}
    _assert_sections_of_measures(doc, sections)
    numbers = sorted(int(it.label.rstrip(".")) for it in doc.items if it.level == 1)
    assert numbers == [n for n in range(1, 37) if n not in (26, 27, 28)]
    _assert_clean(doc)


def test_004_traditional_action_plan() -> None:
    doc = _read(_seed("004"))
    assert doc.title == "推動京津冀協同發展走深走實行動方案"
    assert _census(doc) == Counter(
        {("heading", 0): 3, ("item", 1): 3, ("target", 1): 4, ("heading", 1): 7, ("item", 2): 25}
    )
    _assert_clean(doc)
    # 一、工作目标 and its paragraph are one item, with its four ── targets under it.
    assert doc.item("1").text.startswith("工作目標\n到2027年") and doc.item("1").role.value == "target"
    assert [it.id for it in doc.children("1")] == ["1.t1", "1.t2", "1.t3", "1.t4"]
    assert all(it.label == "──" for it in doc.children("1"))
    assert sum(it.is_task for it in doc.items) == 28  # 25 tasks and the three 保障措施
    groups = doc.children("2")
    assert [(it.id, it.label) for it in groups] == [(f"2.{n}", f"({CN[n - 1]})") for n in range(1, 8)]
    tasks = [it for g in groups for it in doc.children(g.id)]
    assert [it.label for it in tasks] == [f"{n}." for n in range(1, 26)]
    assert [it.id for it in doc.children("2.2")] == ["2.2.5", "2.2.6", "2.2.7", "2.2.8"]
    assert doc.item("2.7.25").path == ("二、重點任務", "(七)推動區域內改革試點示範走深走實")
    assert [(it.id, it.label) for it in doc.children("3")] == [("3.1", "(一)"), ("3.2", "(二)"), ("3.3", "(三)")]
    assert all(it.kind is ItemKind.ITEM for it in doc.children("3"))


def test_001_reply_has_4_sections_with_12_sub_items() -> None:
    doc = _read(_seed("001"))
    assert doc.title == "天津市滨海新区人民政府对市政协十四届四次会议第0116号提案的答复"
    assert _census(doc) == Counter({("heading", 0): 4, ("item", 1): 12})
    _assert_clean(doc)
    assert [len(doc.children(str(n))) for n in range(1, 5)] == [3, 2, 4, 3]
    assert [it.label for it in doc.children("3")] == ["(一)", "(二)", "(三)", "(四)"]
    texts = "".join(it.text for it in doc.items)
    for foot in ("再次感谢", "2021年4月21日", "工作人员", "checktaskdate", "重点链接"):
        assert foot not in texts


def test_000_questions_enumerate_16_measures() -> None:
    doc = _read(_seed("000"))
    questions = [it for it in doc.items if it.level == 0]
    assert [it.label for it in questions] == [f"{c}、" for c in CN[:6]]
    assert all(it.text.split("\n")[0].endswith("?") for it in questions)
    assert [it.kind for it in questions] == [ItemKind.ITEM] * 2 + [ItemKind.HEADING] * 4
    measures = [it for it in doc.items if it.level == 1]
    assert len(measures) == 16
    assert [len(doc.children(str(n))) for n in range(3, 7)] == [4, 5, 4, 3]
    assert [it.label for it in doc.children("4")] == ["一是", "二是", "三是", "四是", "五是"]
    assert doc.item("3.1").text == "结合武清区发展需要,大力下放市级权力事项。"
    assert doc.item("3").text.endswith("《政策措施》在体制机制改革创新方面提出了4项内容。")
    _assert_clean(doc)


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_traditional_twin_of_a_seed_segments_alike(prefix: str, tmp_path: Path) -> None:
    source = _seed(prefix)
    twin = tmp_path / "traditional.txt"
    twin.write_text(opencc.OpenCC("s2t").convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    simplified, traditional = read_document(source), read_document(twin)
    assert [(it.id, it.label, it.level, it.kind) for it in traditional.items] == [
        (it.id, it.label, it.level, it.kind) for it in simplified.items
    ]
    assert [it.key for it in traditional.items] == [it.key for it in simplified.items]


def test_simplified_twin_of_the_traditional_seed_segments_alike(tmp_path: Path) -> None:
    source = _seed("004")
    twin = tmp_path / "simplified.txt"
    twin.write_text(opencc.OpenCC("t2s").convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    traditional, simplified = read_document(source), read_document(twin)
    assert [(it.id, it.label, it.level, it.kind) for it in simplified.items] == [
        (it.id, it.label, it.level, it.kind) for it in traditional.items
    ]
