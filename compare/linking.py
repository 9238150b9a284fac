"""Deciding links from a score matrix: many-to-many, order-free, with order as a mild hint.

A pair is linked when its score clears the link threshold and it is close to the best that both
its row and its column offer, or when its score is clearly high on its own (so a measure can
answer several tasks, but a task does not collect every measure that shares a few words). Afterwards, a task and a measure left unlinked that
are each other's best remaining match are paired if their score is at least half the threshold:
policy offices answer almost every task, so such mutual leftovers are usually real answers in
other words.
"""
from __future__ import annotations

import numpy as np

RELATIVE = 0.75  # a link must score at least this share of its row's or column's best
CLEAR_LINK = 0.6  # a score this high links whatever else the row or column offers
ORDER_FLOOR = 0.25  # leftovers in a shared run need this share of the link threshold
MUTUAL_FLOOR = 0.9  # leftovers that are each other's best need this share
CONTEXT_WEIGHT = 0.3  # how much a pair's diagonal neighbours (document order) may lift it


def with_context(score: np.ndarray) -> np.ndarray:
    """Lift pairs whose diagonal neighbours also match (the two documents follow one order).

    A pair gains at most CONTEXT_WEIGHT of its own score's square root times the stronger
    neighbour's score; documents in a different order simply gain nothing.
    """
    if score.size == 0:
        return score
    padded = np.pad(score, 1)
    neighbour = np.maximum(padded[:-2, :-2], padded[2:, 2:])
    lifted = score + CONTEXT_WEIGHT * neighbour * np.sqrt(score) * (1.0 - score)
    return np.clip(lifted, 0.0, 1.0).astype(np.float32)


def decide_links(score: np.ndarray, link_threshold: float) -> list[tuple[int, int]]:
    """Index pairs (row, column) to link."""
    if score.size == 0:
        return []
    row_best = score.max(axis=1, keepdims=True)
    col_best = score.max(axis=0, keepdims=True)
    mutual_near_best = (score >= RELATIVE * row_best) & (score >= RELATIVE * col_best)
    clear = score >= max(2 * link_threshold, CLEAR_LINK)
    chosen = (score >= link_threshold) & (mutual_near_best | clear)
    pairs = {(int(i), int(j)) for i, j in zip(*np.nonzero(chosen))}
    _pair_leftovers(score, pairs, link_threshold)
    return sorted(pairs)


def _pair_leftovers(score: np.ndarray, pairs: set[tuple[int, int]], link_threshold: float) -> None:
    """Pair a free task with a free measure when the order of the documents vouches for it
    (its diagonal neighbours are linked: the pair sits in a run both documents share) or when
    they are each other's best remaining match."""
    linked_rows = {i for i, _ in pairs}
    linked_cols = {j for _, j in pairs}
    free_rows = [i for i in range(score.shape[0]) if i not in linked_rows]
    free_cols = [j for j in range(score.shape[1]) if j not in linked_cols]
    if not free_rows or not free_cols:
        return
    sub = score[np.ix_(free_rows, free_cols)]
    candidates = sorted(((float(sub[r, c]), r, c) for r in range(len(free_rows)) for c in range(len(free_cols))), reverse=True)
    best_col = sub.argmax(axis=1)
    best_row = sub.argmax(axis=0)
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for value, r, c in candidates:
        if r in used_rows or c in used_cols:
            continue
        i, j = free_rows[r], free_cols[c]
        before, after = (i - 1, j - 1) in pairs, (i + 1, j + 1) in pairs
        # Between two linked neighbours, position alone vouches for the pair (its low score
        # still shows it as weak coverage for the reviewer to check).
        sandwiched = before and after
        in_run = (before or after) and value >= link_threshold * ORDER_FLOOR
        mutual = best_col[r] == c and best_row[c] == r and value >= link_threshold * MUTUAL_FLOOR
        if sandwiched or in_run or mutual:
            pairs.add((i, j))
            used_rows.add(r)
            used_cols.add(c)
