"""Cascades: an ordered chain of 2–6 documents (national → provincial → district → zone), each
adjacent pair aligned by the engine, and the traces and coverage that follow links through it.

A national task is covered end to end when links lead from it through every level to at least
one item of the last document. Where no link leads on, the chain breaks at that level; a task
marked 不适用 at a level ends its chain there legitimately.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from compare.alignment.align import AlignOptions, align
from compare.alignment.crosswalk import Crosswalk, ReviewState
from compare.errors import Cancelled, DuibiaoError
from compare.documents.model import Document

MIN_DOCUMENTS = 2
MAX_DOCUMENTS = 6


@dataclass(frozen=True, slots=True)
class Chain:
    """Documents in order from the highest level down, and one crosswalk per adjacent pair."""

    documents: tuple[Document, ...]
    steps: tuple[Crosswalk, ...]  # steps[i] aligns documents[i] (upper) with documents[i + 1]

    def __post_init__(self) -> None:
        if len(self.steps) != len(self.documents) - 1:
            raise ValueError("a chain has one step per adjacent pair of documents")

    @property
    def levels(self) -> int:
        return len(self.documents)

    def with_step(self, index: int, crosswalk: Crosswalk) -> Chain:
        """The chain with one step replaced (a review decision made on that pair)."""
        steps = list(self.steps)
        steps[index] = crosswalk
        return replace(self, steps=tuple(steps))

    def trace_down(self, level: int, item_id: str) -> tuple[tuple[str, ...], ...]:
        """Ids reached from `item_id` of documents[level] at each lower level, through active links.
        Element 0 is the item itself; one tuple per level from `level` to the last."""
        reached: list[tuple[str, ...]] = [(item_id,)]
        for step in self.steps[level:]:
            current = set(reached[-1])
            found = {k.lower for k in step.links if k.active and k.upper in current}
            reached.append(_in_order(step.lower, found))
        return tuple(reached)

    def trace_up(self, level: int, item_id: str) -> tuple[tuple[str, ...], ...]:
        """Ids that lead to `item_id` of documents[level] at each higher level, nearest first.
        Element 0 is the item itself; one tuple per level from `level` up to the first."""
        reached: list[tuple[str, ...]] = [(item_id,)]
        for step in reversed(self.steps[:level]):
            current = set(reached[-1])
            found = {k.upper for k in step.links if k.active and k.lower in current}
            reached.append(_in_order(step.upper, found))
        return tuple(reached)

    def connected(self, level: int, item_id: str) -> tuple[frozenset[str], ...]:
        """For every level, the ids linked to `item_id` up or down the chain (the item itself too)."""
        up = self.trace_up(level, item_id)
        down = self.trace_down(level, item_id)
        sets = [frozenset() for _ in self.documents]
        for offset, ids in enumerate(up):
            sets[level - offset] = frozenset(ids)
        for offset, ids in enumerate(down):
            sets[level + offset] = sets[level + offset] | frozenset(ids)
        return tuple(sets)

    def end_to_end(self) -> tuple[TaskChain, ...]:
        """How far each task of the first document gets down the chain."""
        # Indexed once per call: following every task through every link of every step would
        # grow as tasks × links × levels.
        below = [_active_lowers(step) for step in self.steps]
        order = [{it.id: n for n, it in enumerate(d.items)} for d in self.documents]
        return tuple(self._follow(item.id, below, order) for item in self.documents[0].items if item.is_task)

    def _follow(self, task_id: str, below: list[dict[str, set[str]]], order: list[dict[str, int]]) -> TaskChain:
        reached = [(task_id,)]
        partial = False
        for level, step in enumerate(self.steps):
            current = reached[-1]
            exempt = {i for i in current if step.not_applicable_reason(i) is not None}
            nxt = set().union(*(below[level].get(i, ()) for i in current))
            # Some branch stops here (neither linked nor exempt) while another goes on.
            partial = partial or (bool(nxt) and any(i not in below[level] and i not in exempt for i in current))
            if not nxt:
                outcome = ChainOutcome.NOT_APPLICABLE if exempt and len(exempt) == len(current) else ChainOutcome.BROKEN
                return TaskChain(task_id, tuple(reached), outcome, level + 1, partial)
            reached.append(tuple(sorted(nxt, key=order[level + 1].__getitem__)))
        return TaskChain(task_id, tuple(reached), ChainOutcome.REACHED, None, partial)

    def coverage(self, chains: Sequence[TaskChain] | None = None) -> ChainCoverage:
        """Coverage end to end; pass `end_to_end()` when it is at hand to not follow the chain twice."""
        chains = self.end_to_end() if chains is None else chains
        breaks = [0] * (self.levels - 1)
        for c in chains:
            if c.outcome is ChainOutcome.BROKEN and c.broken_at is not None:
                breaks[c.broken_at - 1] += 1
        return ChainCoverage(
            tasks=len(chains),
            reached=sum(1 for c in chains if c.outcome is ChainOutcome.REACHED),
            not_applicable=sum(1 for c in chains if c.outcome is ChainOutcome.NOT_APPLICABLE),
            partial=sum(1 for c in chains if c.outcome is ChainOutcome.REACHED and c.partial),
            broken_at=tuple(breaks),
        )


def _active_lowers(step: Crosswalk) -> dict[str, set[str]]:
    """Upper id -> ids of the lower items its active links reach."""
    lowers: dict[str, set[str]] = {}
    for k in step.links:
        if k.active:
            lowers.setdefault(k.upper, set()).add(k.lower)
    return lowers


class ChainOutcome(StrEnum):
    REACHED = "reached"  # links lead down to the last document
    BROKEN = "broken"  # no link leads on from some level
    NOT_APPLICABLE = "not_applicable"  # marked 不适用 where it stops

    @property
    def label(self) -> str:
        return {"reached": "贯通", "broken": "断开", "not_applicable": "不适用"}[self.value]


@dataclass(frozen=True, slots=True)
class TaskChain:
    """One first-level task followed down the chain."""

    task: str
    reached: tuple[tuple[str, ...], ...]  # ids per level, from the task's level down to where it stops
    outcome: ChainOutcome
    broken_at: int | None  # the level (index into documents) the chain fails to reach
    partial: bool  # reached the bottom, but some branch stopped on the way


@dataclass(frozen=True, slots=True)
class ChainCoverage:
    tasks: int
    reached: int
    not_applicable: int
    partial: int
    broken_at: tuple[int, ...]  # broken_at[i]: tasks whose chain fails to reach documents[i + 1]

    @property
    def percent(self) -> float:
        counted = self.tasks - self.not_applicable
        return 100.0 * self.reached / counted if counted else 100.0


def _in_order(document: Document, ids: set[str]) -> tuple[str, ...]:
    return tuple(it.id for it in document.items if it.id in ids)


def align_chain(
    documents: Sequence[Document],
    *,
    options: AlignOptions = AlignOptions(),
    reviews: Sequence[ReviewState | None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> Chain:
    """Align each adjacent pair of `documents` (highest level first) and apply saved reviews."""
    if not MIN_DOCUMENTS <= len(documents) <= MAX_DOCUMENTS:
        raise DuibiaoError(
            f"对标链条需要 {MIN_DOCUMENTS}–{MAX_DOCUMENTS} 份文件（从上级到下级依次排列），"
            f"现在是 {len(documents)} 份。请增减文件后再试。"
        )
    reviews = list(reviews or [])
    reviews += [None] * (len(documents) - 1 - len(reviews))
    cancelled = is_cancelled or (lambda: False)
    pairs = len(documents) - 1
    steps: list[Crosswalk] = []
    for n in range(pairs):
        if cancelled():
            raise Cancelled()

        def progress(done: int, total: int, n: int = n) -> None:
            if on_progress is not None and total:
                on_progress(n * total + done, pairs * total)

        cw = align(documents[n], documents[n + 1], options=options, on_progress=progress, is_cancelled=cancelled)
        review = reviews[n]
        steps.append(cw.with_review(review) if review is not None else cw)
    return Chain(tuple(documents), tuple(steps))
