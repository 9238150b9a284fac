"""Deciding links from a score matrix: many-to-many, order-free, with order as a mild hint.

A pair is linked when its score clears the link threshold and it is close to the best that both
its row and its column offer, or when its score is clearly high on its own (so a measure can
answer several tasks, but a task does not collect every measure that shares a few words).
Afterwards a task and a measure left unlinked are paired when they are each other's best
remaining match (at 90 % of the threshold), when one diagonal neighbour is linked (a run both
documents share, at 25 %), or when both diagonal neighbours are linked, whatever their score:
policy offices answer almost every task, and such a pair is usually a real answer in other
words. Its low score shows it as weak coverage for the reviewer to check.
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
    while _pair_leftovers(score, pairs, link_threshold):
        pass  # a new pair can put another leftover between two links
    return sorted(pairs)


def _pair_leftovers(score: np.ndarray, pairs: set[tuple[int, int]], link_threshold: float) -> bool:
    """Pair a free task with a free measure when the order of the documents vouches for it
    (its diagonal neighbours are linked: the pair sits in a run both documents share) or when
    they are each other's best remaining match. Returns whether any pair was added."""
    linked_rows = {i for i, _ in pairs}
    linked_cols = {j for _, j in pairs}
    free_rows = [i for i in range(score.shape[0]) if i not in linked_rows]
    free_cols = [j for j in range(score.shape[1]) if j not in linked_cols]
    if not free_rows or not free_cols:
        return False
    sub = score[np.ix_(free_rows, free_cols)]
    best_col = sub.argmax(axis=1)
    best_row = sub.argmax(axis=0)
    # Only pairs that could qualify: each other's best, or next to a link on the diagonal.
    row_of = {i: r for r, i in enumerate(free_rows)}
    col_of = {j: c for c, j in enumerate(free_cols)}
    spots = {(r, int(c)) for r, c in enumerate(best_col) if best_row[c] == r}
    spots |= {
        (row_of[i + d], col_of[j + d])
        for i, j in pairs
        for d in (-1, 1)
        if i + d in row_of and j + d in col_of
    }
    candidates = sorted(((float(sub[r, c]), r, c) for r, c in spots), reverse=True)
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
    return bool(used_rows)
