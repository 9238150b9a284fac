"""The alignment run: score, link, gather evidence, find duplicates, carry review decisions over."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from compare.crosswalk import Crosswalk, Duplicate, Link, Side, Thresholds
from compare.errors import Cancelled
from compare.evidence import shared_phrases
from compare.linking import decide_links, with_context
from compare.model import Document, Item
from compare.scoring import Features, ScoringOptions, calibrate, combine, featurize, raw_threshold, signal_matrices

STEPS = 6  # progress is reported in these many steps


def content_items(doc: Document) -> list[Item]:
    """Items that carry a task or measure (headings that only group items are left out)."""
    return [it for it in doc.items if it.is_task]


def score_documents(
    ups: Sequence[Item],
    los: Sequence[Item],
    scoring: ScoringOptions = ScoringOptions(),
    on_step: Callable[[str], None] = lambda step: None,
    is_cancelled: Callable[[], bool] = lambda: False,
    features: tuple[Features, Features] | None = None,
) -> np.ndarray:
    """The raw (upper × lower) score matrix, order context included."""
    if not ups or not los:
        return np.zeros((len(ups), len(los)), dtype=np.float32)
    signals = signal_matrices(ups, los, scoring, on_step, is_cancelled, features)
    return with_context(combine(signals))


def find_duplicates(items: Sequence[Item], features: Features, side: Side, threshold: float) -> list[Duplicate]:
    """Near-identical items within one document, judged on their words and characters."""
    if len(items) < 2:
        return []
    signals = signal_matrices(items, items, ScoringOptions(signals=frozenset({"char", "word"})), features=(features, features))
    score = combine(signals)
    upper_triangle = np.triu(score >= threshold, k=1)
    return [
        Duplicate(side=side, items=(items[i].id, items[j].id), score=round(float(score[i, j]), 4))
        for i, j in zip(*np.nonzero(upper_triangle))
    ]


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
    features = (featurize(ups), featurize(los))
    score = score_documents(ups, los, scoring, step, is_cancelled, features)
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
        find_duplicates(ups, features[0], Side.UPPER, thresholds.duplicate)
        + find_duplicates(los, features[1], Side.LOWER, thresholds.duplicate)
    )
    result = Crosswalk.build(upper, lower, links, duplicates, thresholds)
    if keep is not None:
        result = result.with_review(keep.review_state())
    on_progress(STEPS, STEPS)
    return result
