"""Alignment: two segmented documents -> a `Crosswalk` of scored, evidenced links.

`align` is the entry point. The run scores every task against every measure (`scoring`), decides
the links (`linking`: where a gap is decided), gathers the shared phrases behind each link
(`evidence`), finds near-duplicates within each document, classifies gaps, weak coverage, extras
and overlaps (`Crosswalk.build`), and carries review decisions over from an earlier run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from compare.alignment.crosswalk import Crosswalk, Duplicate, Evidence, Link, Sensitivity, Side, Suggestion, Thresholds
from compare.alignment.evidence import shared_phrases
from compare.alignment import fitted
from compare.alignment.linking import decide_links
from compare.alignment.scoring import Scores, ScoringOptions, link_scores, model_of, signal_matrices
from compare.documents.model import Document, Item
from compare.errors import AlignError, Cancelled

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# Link thresholds of the three sensitivities and the strong-coverage threshold, on the calibrated
# score of each model, fitted by benchmarks/fit.py (balanced maximises the pooled F1 of the labelled
# cases, strict F0.5, lenient F2). Duplicates are judged on the raw text similarity of two items of
# one document, 0–1, whatever the model.
DUPLICATE = {Sensitivity.STRICT: 0.8, Sensitivity.BALANCED: 0.7, Sensitivity.LENIENT: 0.6}
PRESETS: dict[str, dict[Sensitivity, Thresholds]] = {
    model: {
        s: Thresholds(link=constants["link"][s.value], strong=constants["strong"], duplicate=DUPLICATE[s], model=model)
        for s in Sensitivity
    }
    for model, constants in fitted.MODELS.items()
}


@dataclass(frozen=True, slots=True)
class AlignOptions:
    sensitivity: Sensitivity = Sensitivity.BALANCED
    thresholds: Thresholds | None = None  # explicit thresholds; override the sensitivity preset
    scoring: ScoringOptions = ScoringOptions()  # which signals to use (benchmarks switch them off)

    def thresholds_for(self, model: str) -> Thresholds:
        """The explicit thresholds, or the sensitivity's preset on the scale of `model`'s scores."""
        return replace(self.thresholds, model=model) if self.thresholds else PRESETS[model][self.sensitivity]


def _never_cancelled() -> bool:
    return False


def _no_progress(done: int, total: int) -> None:
    return None


def align(
    upper: Document,
    lower: Document,
    *,
    options: AlignOptions = AlignOptions(),
    keep: Crosswalk | None = None,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never_cancelled,
) -> Crosswalk:
    """Align `upper` tasks with `lower` measures.

    `keep` is an earlier crosswalk of the same documents whose review decisions (confirmed,
    rejected and manual links, 不适用 marks, notes) survive the new run.
    """
    if is_cancelled():
        raise Cancelled()
    return run_alignment(upper, lower, options, keep, on_progress, is_cancelled)


STEPS = 6  # features, vectors, fuzzy scores, meaning, links, then duplicates and classification


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
    """The calibrated (upper × lower) link scores, and the signals behind them."""
    scores = signal_matrices(ups, los, scoring, on_step, is_cancelled, duplicate_threshold=duplicate_threshold)
    if not ups or not los:
        return np.zeros((len(ups), len(los)), dtype=np.float32), scores
    return link_scores(scores.signals), scores


SUGGESTIONS = 5  # candidate measures offered beside each task
SUGGESTION_SCAN = 4  # … found among its SUGGESTION_SCAN × SUGGESTIONS best-scoring measures
# Every signal is a dense (tasks × measures) matrix, about 15 of them at 4 bytes a pair: 16 million
# pairs (4,000 × 4,000) need some 1.5 GB at the peak. Beyond that a comparison is refused up front,
# with what to do, instead of failing for lack of memory half-way (benchmarks/scale.py measures it).
MAX_PAIRS = 16_000_000


def check_size(tasks: int, measures: int) -> None:
    if tasks * measures > MAX_PAIRS:
        raise AlignError(
            f"两份文件的条目太多（上级 {tasks} 项 × 本级 {measures} 项），一次对标需要的内存超出普通电脑的能力。"
            "请按章节或附件把文件拆成几份，分别对标。"
        )


def suggested_columns(row: np.ndarray, has_evidence: Callable[[int], bool], k: int) -> list[int]:
    """The `k` best-scoring columns of one task's row that score above 0 and share a phrase with it,
    best first. Only the best SUGGESTION_SCAN × k are examined: phrases cost a string comparison each,
    and a measure ranked below those is no suggestion a reviewer would take."""
    if not row.size:
        return []
    depth = min(row.size, SUGGESTION_SCAN * k)
    ranked = np.argpartition(-row, depth - 1)[:depth] if depth < row.size else np.arange(row.size)
    found: list[int] = []
    for j in sorted(ranked.tolist(), key=lambda c: (-row[c], c)):
        if len(found) == k or row[j] <= 0:
            break
        if has_evidence(j):
            found.append(j)
    return found


def top_candidates(
    score: np.ndarray, ups: Sequence[Item], los: Sequence[Item], k: int, phrases: Callable[[int, int], tuple[Evidence, ...]]
) -> tuple[Suggestion, ...]:
    """The `k` best-scoring measures of every task that share at least one phrase with it."""
    return tuple(
        Suggestion(ups[i].id, los[j].id, round(float(score[i, j]), 4), phrases(i, j))
        for i, row in enumerate(score)
        for j in suggested_columns(row, lambda j, i=i: bool(phrases(i, j)), k)
    )


def run_alignment(
    upper: Document,
    lower: Document,
    options: AlignOptions,
    keep: Crosswalk | None,
    on_progress: Callable[[int, int], None],
    is_cancelled: Callable[[], bool],
) -> Crosswalk:
    done = 0

    def step(_name: str = "") -> None:
        nonlocal done
        done += 1
        on_progress(min(done, STEPS), STEPS)
        if is_cancelled():
            raise Cancelled()

    ups, los = content_items(upper), content_items(lower)
    check_size(len(ups), len(los))
    duplicate = options.thresholds.duplicate if options.thresholds else DUPLICATE[options.sensitivity]
    score, scores = score_documents(ups, los, options.scoring, step, is_cancelled, duplicate)
    model = model_of(scores.signals)
    thresholds = options.thresholds_for(model)
    evidence: dict[tuple[int, int], tuple[Evidence, ...]] = {}

    def phrases(i: int, j: int) -> tuple[Evidence, ...]:
        if (i, j) not in evidence:
            evidence[(i, j)] = shared_phrases(ups[i].key, los[j].key)
        return evidence[(i, j)]

    links = tuple(
        Link(upper=ups[i].id, lower=los[j].id, score=round(float(score[i, j]), 4), evidence=phrases(i, j))
        for i, j in decide_links(score, thresholds.link, lambda i, j: bool(phrases(i, j)), fitted.MODELS[model]["row_limit"])
    )
    suggestions = top_candidates(score, ups, los, SUGGESTIONS, phrases)
    step("links")
    duplicates = tuple(
        Duplicate(side=side, items=(items[i].id, items[j].id), score=round(value, 4))
        for side, items, found in ((Side.UPPER, ups, scores.upper_duplicates), (Side.LOWER, los, scores.lower_duplicates))
        for i, j, value in found
    )
    result = Crosswalk.build(upper, lower, links, duplicates, thresholds, suggestions=suggestions)
    if keep is not None:
        result = result.with_review(keep.review_state())
    on_progress(STEPS, STEPS)
    return result
