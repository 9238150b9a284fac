"""The alignment run: score, link, gather evidence, find duplicates, carry review decisions over."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from compare.crosswalk import Crosswalk, Duplicate, Link, Side, Thresholds
from compare.errors import Cancelled
from compare.evidence import shared_phrases
from compare.linking import decide_links, with_context
from compare.model import Document, Item
from compare.scoring import Scores, ScoringOptions, calibrate, combine, raw_threshold, signal_matrices

STEPS = 5  # features, vectors, fuzzy scores, links, then duplicates and classification


def content_items(doc: Document) -> list[Item]:
    """Items that carry a task or measure (headings that only group items are left out)."""
    return [it for it in doc.items if it.is_task]


def score_documents(
    ups: Sequence[Item],
    los: Sequence[Item],
    scoring: ScoringOptions = ScoringOptions(),
    on_step: Callable[[str], None] = lambda step: None,
    is_cancelled: Callable[[], bool] = lambda: False,
    duplicate_threshold: float | None = None,
) -> tuple[np.ndarray, Scores]:
    """The raw (upper × lower) score matrix with order context, and the scores behind it."""
    scores = signal_matrices(ups, los, scoring, on_step, is_cancelled, duplicate_threshold=duplicate_threshold)
    if not ups or not los:
        return np.zeros((len(ups), len(los)), dtype=np.float32), scores
    return with_context(combine(scores.signals)), scores


def run_alignment(
    upper: Document,
    lower: Document,
    thresholds: Thresholds,
    keep: Crosswalk | None,
    on_progress: Callable[[int, int], None],
    is_cancelled: Callable[[], bool],
    scoring: ScoringOptions = ScoringOptions(),
) -> Crosswalk:
    done = 0

    def step(_name: str = "") -> None:
        nonlocal done
        done += 1
        on_progress(min(done, STEPS), STEPS)
        if is_cancelled():
            raise Cancelled()

    ups, los = content_items(upper), content_items(lower)
    score, scores = score_documents(ups, los, scoring, step, is_cancelled, thresholds.duplicate)
    links = tuple(
        Link(
            upper=ups[i].id,
            lower=los[j].id,
            score=round(calibrate(float(score[i, j])), 4),
            evidence=shared_phrases(ups[i].key, los[j].key),
        )
        for i, j in decide_links(score, raw_threshold(thresholds.link))
    )
    step("links")
    duplicates = tuple(
        Duplicate(side=side, items=(items[i].id, items[j].id), score=round(value, 4))
        for side, items, found in ((Side.UPPER, ups, scores.upper_duplicates), (Side.LOWER, los, scores.lower_duplicates))
        for i, j, value in found
    )
    result = Crosswalk.build(upper, lower, links, duplicates, thresholds)
    if keep is not None:
        result = result.with_review(keep.review_state())
    on_progress(STEPS, STEPS)
    return result
