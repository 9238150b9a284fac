"""Where a gap is decided: which task–measure pairs are linked.

A pair is linked when its own calibrated score clears the link threshold and the two items share
at least one phrase (the evidence a reviewer is shown). Links are many-to-many: a measure that
answers two tasks links both, a task answered by three measures links all three. Document order
plays no part: a task with no pair above the threshold is a gap, whatever its neighbours do.

The one relative rule trims a long tail: a task that collects more than ROW_LIMIT links above
the threshold keeps its ROW_LIMIT best (a general task such as 加强组织领导 shares a little with
every measure). The threshold and the limit are fitted by benchmarks/fit.py (compare/alignment/
fitted.py); the sensitivity presets move only the threshold.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np


def decide_links(
    score: np.ndarray,
    link_threshold: float,
    has_evidence: Callable[[int, int], bool],
    row_limit: int,
) -> list[tuple[int, int]]:
    """Index pairs (row, column) to link, in row order."""
    if score.size == 0:
        return []
    pairs: list[tuple[int, int]] = []
    for i, row in enumerate(score):
        candidates = np.nonzero(row >= link_threshold)[0]
        ranked = sorted(candidates.tolist(), key=lambda j: -row[j])
        kept = [j for j in ranked if has_evidence(i, j)][:row_limit]
        pairs.extend((i, j) for j in sorted(kept))
    return pairs
