"""Score every upper item against every lower item, as whole matrices (no Python pair loops).

Signals, each a matrix in 0–1:
  char     TF-IDF cosine of character 2/3-grams (IDF learned from both documents, so words
           every item uses — 加快, 推进, 新区 — weigh little)
  word     TF-IDF cosine of jieba words, boilerplate discounted
  synonym  shared Cilin synonym classes of words the other side words differently (培育/培养)
  lead     the items' lead clauses or title lines (加强组织协调。… / 强化统筹协调。…), words and synonyms
  fuzzy    rapidfuzz partial_ratio for verbatim clauses (a short task quoted inside a measure),
           only on pruned candidate pairs
  section  similarity of the two items' section headings
  entity   numbers, acronyms, quoted phrases and 《titles》 in common
  topic    cosine in policy-topic space: the same subject in other words (气候投融资 / 碳排放交易)
  contain_up, contain_low   the share of one item's (TF-IDF-weighted) words found in the other: a
           short task quoted inside a long measure ("推行电子印章。") is fully contained
and some that place a pair among the others of its row and column (no document order involved):
  row_share, col_share   the pair's char+word similarity as a share of the best in its row / column
  topic_row_share, topic_col_share   the same for the topic similarity
and, where the sentence model is installed, the meaning features (compare/alignment/meaning.py):
  meaning_z, meaning_row_share, meaning_col_share   closeness of what the two items say

The link probability is a logistic model of these features, fitted on labelled cases by
benchmarks/fit.py, mapped through the isotonic calibration fitted on its out-of-fold scores: a
score near 0 or near 1 is the share of such pairs the labels confirm; the few pairs in between are
too few for their exact share to hold (fit.py's reliability table). Two models are
fitted, one with the meaning features and one without (for machines without the sentence model
and very large comparisons); their weights, calibrations and thresholds live in
compare/alignment/fitted.py, written by that script.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from compare.errors import Cancelled
from compare.alignment import meaning
from compare.alignment.features import BOILERPLATE_WORDS, char_ngrams, entities, shares, synonym_classes, topic_vectors, words
from compare.documents.model import Item
from compare.documents.normalize import matching_key

SIGNALS = ("char", "word", "synonym", "lead", "fuzzy", "section", "entity", "topic", "contain_up", "contain_low")


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    signals: frozenset[str] = frozenset(SIGNALS)  # switch signals off to measure what each adds
    meaning: bool = True  # the meaning signal (compare/alignment/meaning.py), where the model is installed
    candidates: int = 12  # fuzzy scorer: best candidates per row and per column …
    candidate_budget: int = 12_000  # … fewer for very large documents, down to 6


@dataclass(frozen=True, slots=True)
class Features:
    chars: list[list[str]]
    words: list[list[str]]
    synonyms: list[list[str]]
    entities: list[frozenset[str]]
    sections: list[list[str]]
    leads: list[list[str]]


def featurize(items: Sequence[Item]) -> Features:
    word_lists = [list(words(it.key)) for it in items]
    return Features(
        chars=[char_ngrams(it.key) for it in items],
        words=word_lists,
        synonyms=[[c for w in ws for c in synonym_classes(w) if w not in BOILERPLATE_WORDS] for ws in word_lists],
        entities=[entities(it.key) for it in items],
        sections=[char_ngrams(matching_key(it.path[0]) if it.path else "") for it in items],
        leads=[_lead_features(it.key) for it in items],
    )


def _lead_features(key: str) -> list[str]:
    """Words and synonym classes of an item's lead clause: the short title many items open with,
    ended by its punctuation (加强组织协调。…) or by the line break after a title line (智能仓储标准
    ⏎ 智能仓储标准主要用于…)."""
    lead = re.split(r"[。；;:：!?！？\n]", key, maxsplit=1)[0]
    if len(lead) > 30:
        return []
    lead_words = [w for w in words(lead) if w not in BOILERPLATE_WORDS]
    return lead_words + [c for w in lead_words for c in synonym_classes(w)]


def _tfidf(
    upper: list[list[str]], lower: list[list[str]], discount: Callable[[str], float] | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF rows for both sides over one shared vocabulary and IDF.

    Terms are identified by their hash and counted with numpy, not in a Python dictionary
    loop: this is the hot path for 5,000-item documents. Columns follow the terms' first
    occurrence, not their hash: Python salts string hashes per process, and a hash-ordered
    vocabulary sums the same products in another order each run — scores differing in the last
    bit can fall either side of a calibration step, and the same two files would not always give
    the same links.
    """
    lists = upper + lower
    n = len(lists)
    flat = list(itertools.chain.from_iterable(lists))
    if not flat:
        empty = sparse.csr_matrix((n, 1), dtype=np.float32)
        return empty[: len(upper)], empty[len(upper) :]
    hashes = np.fromiter(map(hash, flat), dtype=np.int64, count=len(flat))
    _, first, by_hash = np.unique(hashes, return_index=True, return_inverse=True)
    order = np.argsort(first)  # the hash-sorted terms in order of first occurrence
    column = np.empty_like(order)
    column[order] = np.arange(len(order))
    first, cols = first[order], column[by_hash.ravel()]
    rows = np.repeat(np.arange(n), np.fromiter(map(len, lists), dtype=np.int64, count=n))
    matrix = sparse.csr_matrix((np.ones(len(flat), dtype=np.float32), (rows, cols)), shape=(n, len(first)))
    matrix.sum_duplicates()
    matrix.data = 1.0 + np.log(matrix.data)  # sublinear term frequency
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float32)
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    if discount is not None:
        idf *= np.fromiter((discount(flat[k]) for k in first), dtype=np.float32, count=len(first))
    matrix = matrix @ sparse.diags(idf.astype(np.float32))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = (sparse.diags((1.0 / norms).astype(np.float32)) @ matrix).tocsr()
    return matrix[: len(upper)], matrix[len(upper) :]


def _cosine(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    return np.asarray((a @ b.T).toarray(), dtype=np.float32)


def _word_discount(term: str) -> float:
    return 0.25 if term in BOILERPLATE_WORDS or len(term) == 1 else 1.0


def _char_discount(term: str) -> float:
    return 0.35 if term in BOILERPLATE_WORDS else 1.0


def _containment(a: sparse.csr_matrix, b: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Share of each upper item's word mass (squared L2-normalised TF-IDF) present in each lower
    item, and the other way round."""
    present_a, present_b = a.copy(), b.copy()
    present_a.data[:] = 1.0
    present_b.data[:] = 1.0
    up = np.asarray((a.multiply(a) @ present_b.T).toarray(), dtype=np.float32)
    low = np.asarray((present_a @ b.multiply(b).T).toarray(), dtype=np.float32)
    return np.clip(up, 0.0, 1.0), np.clip(low, 0.0, 1.0)


def _entity_matrix(upper: list[frozenset[str]], lower: list[frozenset[str]]) -> np.ndarray:
    """Share of the smaller entity set found on the other side."""
    a, b = _tfidf([sorted(e) for e in upper], [sorted(e) for e in lower])
    a.data[:] = 1.0
    b.data[:] = 1.0
    shared = np.asarray((a @ b.T).toarray(), dtype=np.float32)
    na = np.asarray(a.sum(axis=1)).ravel()
    nb = np.asarray(b.sum(axis=1)).ravel()
    smaller = np.minimum.outer(na, nb)
    smaller[smaller == 0] = 1.0
    return shared / smaller


def candidate_pairs(base: np.ndarray, per_line: int) -> tuple[np.ndarray, np.ndarray]:
    """Best `per_line` columns of every row and best rows of every column (deduplicated)."""
    n_u, n_l = base.shape
    if base.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    k_row, k_col = min(per_line, n_l), min(per_line, n_u)
    rows = np.repeat(np.arange(n_u), k_row)
    cols = np.argpartition(-base, k_row - 1, axis=1)[:, :k_row].ravel()
    cols2 = np.repeat(np.arange(n_l), k_col)
    rows2 = np.argpartition(-base, k_col - 1, axis=0)[:k_col, :].T.ravel()
    pairs = np.unique(np.stack([np.concatenate([rows, rows2]), np.concatenate([cols, cols2])], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


# partial_ratio grows with the product of the lengths: a verbatim clause shows in the first few
# hundred characters of an item, and two 25,000-character items would otherwise take minutes.
FUZZY_CHARS = 600


def _fuzzy(upper: Sequence[Item], lower: Sequence[Item], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """partial_ratio of the candidate pairs only, computed element-wise in C++ on all cores."""
    out = np.zeros((len(upper), len(lower)), dtype=np.float32)
    if len(rows):
        scores = process.cpdist(
            [upper[i].key[:FUZZY_CHARS] for i in rows.tolist()],
            [lower[j].key[:FUZZY_CHARS] for j in cols.tolist()],
            scorer=fuzz.partial_ratio,
            workers=-1,
        )
        out[rows, cols] = np.asarray(scores, dtype=np.float32) / 100.0
    return out


@dataclass(frozen=True, slots=True)
class Scores:
    signals: dict[str, np.ndarray]  # each enabled signal as an (upper × lower) matrix
    upper_duplicates: list[tuple[int, int, float]]  # near-identical pairs within each document
    lower_duplicates: list[tuple[int, int, float]]


def signal_matrices(
    upper: Sequence[Item],
    lower: Sequence[Item],
    options: ScoringOptions,
    on_step: Callable[[str], None] = lambda step: None,
    is_cancelled: Callable[[], bool] = lambda: False,
    duplicate_threshold: float | None = None,
) -> Scores:
    """Score the two documents against each other, and each against itself for duplicates."""
    fu, fl = featurize(upper), featurize(lower)
    on_step("features")
    out: dict[str, np.ndarray] = {}
    vectors = {
        "char": (fu.chars, fl.chars, _char_discount),
        "word": (fu.words, fl.words, _word_discount),
        "synonym": (fu.synonyms, fl.synonyms, None),
        "lead": (fu.leads, fl.leads, None),
        "section": (fu.sections, fl.sections, None),
    }
    kept: dict[str, tuple[sparse.csr_matrix, sparse.csr_matrix]] = {}
    for name, (a, b, discount) in vectors.items():
        if name in options.signals or (name in DUPLICATE_SIGNALS and duplicate_threshold is not None):
            kept[name] = _tfidf(a, b, discount)
        if name in options.signals:
            out[name] = _cosine(*kept[name])
    if "entity" in options.signals:
        out["entity"] = _entity_matrix(fu.entities, fl.entities)
    if "topic" in options.signals:
        out["topic"] = np.clip(topic_vectors([it.key for it in upper]) @ topic_vectors([it.key for it in lower]).T, 0.0, 1.0)
    if {"contain_up", "contain_low"} & options.signals:
        a, b = kept.get("word") or _tfidf(fu.words, fl.words, _word_discount)
        out["contain_up"], out["contain_low"] = _containment(a, b)
    on_step("vectors")
    if is_cancelled():
        raise Cancelled()
    if "fuzzy" in options.signals:
        base = sum(out.get(s, 0) for s in ("char", "word"))
        if isinstance(base, np.ndarray) and base.size:
            per_line = max(6, min(options.candidates, options.candidate_budget // max(base.shape)))
            rows, cols = candidate_pairs(base, per_line)
            out["fuzzy"] = _fuzzy(upper, lower, rows, cols)
    on_step("fuzzy")
    if options.meaning and not meaning.unavailable_reason(len(upper), len(lower)):
        out.update(meaning.meaning_signals([it.key for it in upper], [it.key for it in lower], is_cancelled))
    on_step("meaning")
    if duplicate_threshold is None:
        return Scores(out, [], [])
    return Scores(
        out,
        _near_identical([kept[n][0] for n in DUPLICATE_SIGNALS], duplicate_threshold),
        _near_identical([kept[n][1] for n in DUPLICATE_SIGNALS], duplicate_threshold),
    )


DUPLICATE_SIGNALS = ("char", "word")


def _near_identical(vectors: list[sparse.csr_matrix], threshold: float, block: int = 512) -> list[tuple[int, int, float]]:
    """Pairs (i < j) of one document whose mean char/word cosine reaches `threshold`.

    Computed in row blocks so a 5,000-item document never holds a full square matrix.
    """
    n = vectors[0].shape[0]
    found: list[tuple[int, int, float]] = []
    for start in range(0, n, block):
        stop = min(start + block, n)
        sim = sum(np.asarray((v[start:stop] @ v.T).toarray(), dtype=np.float32) for v in vectors) / len(vectors)
        rows, cols = np.nonzero(sim >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist()):
            if start + r < c:
                found.append((start + r, c, float(sim[r, c])))
    return found


FEATURES = SIGNALS + ("row_share", "col_share", "topic_row_share", "topic_col_share")


def feature_matrices(signals: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The model's features: the signals, and where each pair stands in its row and column."""
    shape = next(iter(signals.values())).shape
    zero = np.zeros(shape, dtype=np.float32)
    if zero.size == 0:
        return {**signals, **{name: zero for name in FEATURES if name not in signals}}
    row_share, col_share = shares((signals.get("char", zero) + signals.get("word", zero)) / 2.0)
    topic_row, topic_col = shares(signals.get("topic", zero))
    return {
        **signals,
        "row_share": row_share,
        "col_share": col_share,
        "topic_row_share": topic_row,
        "topic_col_share": topic_col,
    }


def logit(features: dict[str, np.ndarray], weights: dict[str, float], intercept: float) -> np.ndarray:
    """The model's log-odds for every pair; features the model does not use are ignored."""
    shape = next(iter(features.values())).shape
    total = np.full(shape, intercept, dtype=np.float64)
    for name, weight in weights.items():
        if name in features:
            total += weight * features[name]
    return total


def probability(log_odds: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(log_odds, -50.0, 50.0)))


def calibrated(raw: np.ndarray, table: tuple[tuple[float, float], ...]) -> np.ndarray:
    """Map the model's probability through the isotonic calibration table (monotone, 0–1)."""
    xs, ys = zip(*table)
    return np.interp(raw, xs, ys).astype(np.float32)


def model_of(signals: dict[str, np.ndarray]) -> str:
    """Which fitted model scores these signals: "meaning" when the meaning signal is among them."""
    return "meaning" if all(name in signals for name in meaning.MEANING_FEATURES) else "lexical"


def link_scores(signals: dict[str, np.ndarray]) -> np.ndarray:
    """The calibrated link score of every pair with the shipped model for these signals."""
    from compare.alignment import fitted

    if not signals or next(iter(signals.values())).size == 0:
        shape = next(iter(signals.values())).shape if signals else (0, 0)
        return np.zeros(shape, dtype=np.float32)
    model = fitted.MODELS[model_of(signals)]
    raw = probability(logit(feature_matrices(signals), model["weights"], model["intercept"]))
    return calibrated(raw, model["calibration"])
