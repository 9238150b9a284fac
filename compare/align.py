"""Alignment: two segmented documents -> a `Crosswalk` of scored, evidenced links."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compare.crosswalk import Crosswalk, Sensitivity, Thresholds
from compare.engine import run_alignment
from compare.errors import Cancelled
from compare.model import Document
from compare.scoring import ScoringOptions

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# Calibrated thresholds (raw 0.20 / 0.147 / 0.11 for linking). Duplicates are judged on the raw
# text similarity of two items of one document, 0–1.
PRESETS: dict[Sensitivity, Thresholds] = {
    Sensitivity.STRICT: Thresholds(link=0.69, strong=0.8, duplicate=0.8),
    Sensitivity.BALANCED: Thresholds(link=0.57, strong=0.7, duplicate=0.7),
    Sensitivity.LENIENT: Thresholds(link=0.47, strong=0.6, duplicate=0.6),
}


@dataclass(frozen=True, slots=True)
class AlignOptions:
    sensitivity: Sensitivity = Sensitivity.BALANCED
    thresholds: Thresholds | None = None  # explicit thresholds; override the sensitivity preset
    scoring: ScoringOptions = ScoringOptions()  # which signals to use (benchmarks switch them off)

    @property
    def effective_thresholds(self) -> Thresholds:
        return self.thresholds or PRESETS[self.sensitivity]


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
    return run_alignment(upper, lower, options.effective_thresholds, keep, on_progress, is_cancelled, options.scoring)
