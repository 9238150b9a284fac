"""benchmarks/fit.py's choice of the strong threshold, on a case small enough to check by hand."""
from __future__ import annotations

import numpy as np

from benchmarks.fit import Case, _strong_threshold, coverage
from benchmarks.labelled_cases import Gold


def _case(strong: set[tuple[str, str]], weak: set[tuple[str, str]]) -> Case:
    uppers, lowers = ["t1", "t2", "t3", "t4"], ["m1", "m2", "m3", "m4"]
    gold = Gold(frozenset(strong | weak), frozenset(strong), (), (), 0)
    return Case("small", uppers, lowers, {}, np.ones((4, 4), dtype=bool), gold, np.arange(4), np.arange(4))


def test_the_strong_threshold_flags_as_many_tasks_as_the_labels_call_weakly_covered() -> None:
    # Four tasks, each linked to its own measure; the labels call t1 and t2 answered in full, t3
    # and t4 answered in part. Best links: 0.95, 0.80 (strong) and 0.70, 0.60 (weak).
    case = _case({("t1", "m1"), ("t2", "m2")}, {("t3", "m3"), ("t4", "m4")})
    scores = np.zeros((4, 4))
    scores[0, 0], scores[1, 1], scores[2, 2], scores[3, 3] = 0.95, 0.80, 0.70, 0.60
    tasks = coverage([case], [scores], link=0.5, row_limit=6)
    assert sorted(tasks.strong_best) == [0.80, 0.95] and sorted(tasks.other_best) == [0.60, 0.70]
    threshold = _strong_threshold([case], [scores], link=0.5, row_limit=6)
    assert 0.70 < threshold <= 0.80  # flags t3 and t4, not t2
    assert tasks.flagged(threshold) == 2 and tasks.balanced_accuracy(threshold) == 1.0


def test_a_task_linked_only_to_a_wrong_measure_counts_as_not_strongly_covered() -> None:
    case = _case({("t1", "m1")}, {("t2", "m2")})
    scores = np.zeros((4, 4))
    scores[0, 0], scores[1, 3] = 0.9, 0.9  # t2's only link goes to m4, which the labels do not give it
    tasks = coverage([case], [scores], link=0.5, row_limit=6)
    assert list(tasks.strong_best) == [0.9] and list(tasks.other_best) == [0.9]
