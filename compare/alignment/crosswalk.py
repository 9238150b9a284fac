"""The result of aligning two documents, and the review decisions made on it.

A `Crosswalk` is immutable: every review decision returns a new value (undo is keeping the old
one). The classification (gaps, weak coverage, extras, overlaps) is derived from the links and
recomputed by `Crosswalk.build` whenever the links change.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from compare.documents.model import Document


class LinkStatus(StrEnum):
    AUTO = "auto"  # proposed by the engine, not yet reviewed
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    MANUAL = "manual"  # added by a reviewer


class Side(StrEnum):
    UPPER = "upper"
    LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A phrase both items share: character spans [start, end) in each item's text."""

    upper: tuple[int, int]
    lower: tuple[int, int]

    def __reduce__(self):  # pickled by value: twice as fast to load as a slotted dataclass's state
        return (Evidence, (self.upper, self.lower))


@dataclass(frozen=True, slots=True)
class Link:
    upper: str
    lower: str
    score: float | None  # calibrated 0–1; None for a reviewer's manual link (shown as 人工)
    status: LinkStatus = LinkStatus.AUTO
    evidence: tuple[Evidence, ...] = ()
    note: str = ""

    def __reduce__(self):  # thousands travel back from the background process at once
        return (Link, (self.upper, self.lower, self.score, self.status, self.evidence, self.note))

    @property
    def active(self) -> bool:
        return self.status is not LinkStatus.REJECTED

    @property
    def pair(self) -> tuple[str, str]:
        return (self.upper, self.lower)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A measure the engine ranks among the best for a task, linked or not: what a reviewer is
    offered beside a gap or a weak task."""

    upper: str
    lower: str
    score: float  # calibrated 0–1
    evidence: tuple[Evidence, ...] = ()

    def __reduce__(self):
        return (Suggestion, (self.upper, self.lower, self.score, self.evidence))


@dataclass(frozen=True, slots=True)
class Overlap:
    lower: str
    uppers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Duplicate:
    side: Side
    items: tuple[str, str]
    score: float


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Thresholds of the alignment, 0–1."""

    link: float  # calibrated score: a pair the linker may link scores at least this
    strong: float  # calibrated score: an upper item whose best link is below this is "weak coverage"
    duplicate: float  # raw text similarity: two items of one document at least this alike are duplicates
    # The fitted model whose calibrated scores `link` and `strong` apply to: "meaning" (with the
    # sentence model, compare/alignment/meaning.py) or "lexical" (shared words only).
    model: str = "lexical"


class Sensitivity(StrEnum):
    STRICT = "strict"
    BALANCED = "balanced"
    LENIENT = "lenient"

    @property
    def label(self) -> str:
        return {"strict": "严格", "balanced": "均衡", "lenient": "宽松"}[self.value]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Counts a summary or a section row shows."""

    tasks: int
    covered: int
    weak: int
    gaps: int
    not_applicable: int

    @property
    def applicable(self) -> int:
        return self.tasks - self.not_applicable

    @property
    def percent(self) -> float:
        """Share of applicable tasks that are covered. Weak coverage is not coverage: it is
        reported on its own (`percent_with_weak`), never folded into this figure."""
        return 100.0 * self.covered / self.applicable if self.applicable else 100.0

    @property
    def percent_with_weak(self) -> float:
        """Share of applicable tasks with any link, weak ones included ("含弱覆盖")."""
        return 100.0 * (self.covered + self.weak) / self.applicable if self.applicable else 100.0


@dataclass(frozen=True, slots=True)
class ReviewState:
    """A reviewer's work, separable from any one alignment run: it survives re-alignment,
    session files and the Excel round trip. Links here are the decided ones (not AUTO), plus
    AUTO links that carry a note."""

    links: tuple[Link, ...] = ()
    not_applicable: tuple[tuple[str, str], ...] = ()
    item_notes: tuple[tuple[Side, str, str], ...] = ()  # (side, item id, note): ids repeat across documents


@dataclass(frozen=True, slots=True)
class Crosswalk:
    upper: Document
    lower: Document
    links: tuple[Link, ...]
    duplicates: tuple[Duplicate, ...]
    thresholds: Thresholds
    # Review state beyond links: upper tasks marked 不适用 with a reason, and notes on items
    # (keyed by side as well as id: both documents have an item "1.1").
    not_applicable: tuple[tuple[str, str], ...] = ()
    item_notes: tuple[tuple[Side, str, str], ...] = ()
    # The engine's best candidates for every upper task (linked or not), best first.
    suggestions: tuple[Suggestion, ...] = ()
    # Derived by `build`; never set by hand.
    upper_gaps: tuple[str, ...] = field(default=())
    weak: tuple[str, ...] = field(default=())
    lower_extras: tuple[str, ...] = field(default=())
    overlaps: tuple[Overlap, ...] = field(default=())

    @classmethod
    def build(
        cls,
        upper: Document,
        lower: Document,
        links: tuple[Link, ...],
        duplicates: tuple[Duplicate, ...],
        thresholds: Thresholds,
        not_applicable: tuple[tuple[str, str], ...] = (),
        item_notes: tuple[tuple[Side, str, str], ...] = (),
        suggestions: tuple[Suggestion, ...] = (),
    ) -> Crosswalk:
        """Classify items from the links and return the complete value."""
        order_u = {it.id: n for n, it in enumerate(upper.items)}
        order_l = {it.id: n for n, it in enumerate(lower.items)}
        links = tuple(sorted(links, key=lambda k: (order_u.get(k.upper, 1 << 30), order_l.get(k.lower, 1 << 30))))
        active = [k for k in links if k.active]
        na = {u for u, _ in not_applicable}
        best: dict[str, float] = {}
        reviewed_strong: set[str] = set()
        for k in active:
            best[k.upper] = max(best.get(k.upper, 0.0), k.score or 0.0)
            if k.status in (LinkStatus.CONFIRMED, LinkStatus.MANUAL):
                reviewed_strong.add(k.upper)
        tasks = [it for it in upper.items if it.is_task]
        gaps = tuple(it.id for it in tasks if it.id not in best and it.id not in na)
        weak = tuple(
            it.id
            for it in tasks
            if it.id in best
            and it.id not in reviewed_strong
            and best[it.id] < thresholds.strong
            and it.id not in na
        )
        linked_lower = {k.lower for k in active}
        extras = tuple(
            it.id for it in lower.items if it.is_task and it.id not in linked_lower
        )
        uppers_of: dict[str, list[str]] = {}
        for k in active:
            uppers_of.setdefault(k.lower, []).append(k.upper)
        overlaps = tuple(
            Overlap(lower=lid, uppers=tuple(us))
            for lid, us in sorted(uppers_of.items(), key=lambda kv: order_l.get(kv[0], 0))
            if len(us) > 1
        )
        return cls(
            upper=upper,
            lower=lower,
            links=links,
            duplicates=duplicates,
            thresholds=thresholds,
            not_applicable=not_applicable,
            item_notes=item_notes,
            suggestions=suggestions,
            upper_gaps=gaps,
            weak=weak,
            lower_extras=extras,
            overlaps=overlaps,
        )

    def _rebuilt(self, **changes: object) -> Crosswalk:
        base = replace(self, **changes)
        return Crosswalk.build(
            base.upper,
            base.lower,
            base.links,
            base.duplicates,
            base.thresholds,
            base.not_applicable,
            base.item_notes,
            base.suggestions,
        )

    # --- review decisions: each returns a new Crosswalk -------------------------------------

    def with_link_status(self, upper: str, lower: str, status: LinkStatus) -> Crosswalk:
        status = LinkStatus(status)
        links = tuple(replace(k, status=status) if k.pair == (upper, lower) else k for k in self.links)
        return self._rebuilt(links=links)

    def with_link_note(self, upper: str, lower: str, note: str) -> Crosswalk:
        links = tuple(replace(k, note=note) if k.pair == (upper, lower) else k for k in self.links)
        return self._rebuilt(links=links)

    def with_manual_link(self, upper: str, lower: str) -> Crosswalk:
        """Add a reviewer's link (or turn an existing one into a manual one). A manual link
        carries no score: the reviewer's judgement is not a match degree. The shared phrases
        are kept (from the engine's link or suggestion) so the detail pane can still show them."""
        kept = tuple(k for k in self.links if k.pair != (upper, lower))
        old = next((k for k in self.links if k.pair == (upper, lower)), None)
        hint = next((s for s in self.suggestions if (s.upper, s.lower) == (upper, lower)), None)
        evidence = old.evidence if old else (hint.evidence if hint else ())
        link = Link(upper, lower, None, LinkStatus.MANUAL, evidence, old.note if old else "")
        return self._rebuilt(links=kept + (link,))

    def with_relink(self, upper: str, old_lower: str, new_lower: str) -> Crosswalk:
        """Reject the link upper→old_lower and link upper→new_lower instead."""
        return self.with_link_status(upper, old_lower, LinkStatus.REJECTED).with_manual_link(upper, new_lower)

    def with_not_applicable(self, upper: str, reason: str | None) -> Crosswalk:
        """Mark an upper task 不适用 with a reason, or clear the mark with None."""
        kept = tuple((u, r) for u, r in self.not_applicable if u != upper)
        return self._rebuilt(not_applicable=kept + (((upper, reason),) if reason is not None else ()))

    def with_item_note(self, side: Side, item_id: str, note: str) -> Crosswalk:
        side = Side(side)
        kept = tuple((s, i, n) for s, i, n in self.item_notes if (s, i) != (side, item_id))
        return self._rebuilt(item_notes=kept + (((side, item_id, note),) if note else ()))

    def review_state(self) -> ReviewState:
        return ReviewState(
            links=tuple(k for k in self.links if k.status is not LinkStatus.AUTO or k.note),
            not_applicable=self.not_applicable,
            item_notes=self.item_notes,
        )

    def with_review(self, review: ReviewState) -> Crosswalk:
        """Apply a saved review to this crosswalk. Decisions on items that no longer exist are
        returned as a warning list by `orphans_of`, never silently applied to other items."""
        up, lo = self.upper.index(), self.lower.index()
        decided = {k.pair: k for k in review.links if k.upper in up and k.lower in lo}
        # A pair this run proposes keeps its fresh score and evidence and takes the reviewer's
        # status and note; a decided pair it no longer proposes comes back as decided. An AUTO
        # entry (a note on a proposal) the new run dropped is no decision and is not restored.
        links = []
        for k in self.links:
            saved = decided.pop(k.pair, None)
            if saved is None:
                links.append(k)
            else:  # a reviewer's own link stays unscored, even where this run proposes the pair
                score = None if saved.status is LinkStatus.MANUAL else k.score
                links.append(replace(k, score=score, status=saved.status, note=saved.note))
        links.extend(
            replace(k, score=None) if k.status is LinkStatus.MANUAL else k
            for k in decided.values()
            if k.status is not LinkStatus.AUTO
        )
        return self._rebuilt(
            links=tuple(links),
            not_applicable=tuple((u, r) for u, r in review.not_applicable if u in up),
            item_notes=tuple((s, i, n) for s, i, n in review.item_notes if i in (up if s is Side.UPPER else lo)),
        )

    def orphans_of(self, review: ReviewState) -> tuple[str, ...]:
        """Ids named by `review` that this crosswalk's documents no longer have."""
        up, lo = self.upper.index(), self.lower.index()
        missing = [k.upper for k in review.links if k.upper not in up] + [k.lower for k in review.links if k.lower not in lo]
        missing += [u for u, _ in review.not_applicable if u not in up]
        missing += [i for s, i, _ in review.item_notes if i not in (up if s is Side.UPPER else lo)]
        return tuple(dict.fromkeys(missing))

    # --- queries -----------------------------------------------------------------------------

    def links_of_upper(self, upper: str) -> tuple[Link, ...]:
        return tuple(k for k in self.links if k.upper == upper)

    def links_of_lower(self, lower: str) -> tuple[Link, ...]:
        return tuple(k for k in self.links if k.lower == lower)

    def suggestions_for(self, upper: str, limit: int = 5) -> tuple[Suggestion, ...]:
        """The engine's best candidate measures for `upper`, best first."""
        return tuple(s for s in self.suggestions if s.upper == upper)[:limit]

    def link(self, upper: str, lower: str) -> Link | None:
        return next((k for k in self.links if k.pair == (upper, lower)), None)

    def not_applicable_reason(self, upper: str) -> str | None:
        return next((r for u, r in self.not_applicable if u == upper), None)

    def item_note(self, side: Side, item_id: str) -> str:
        return next((n for s, i, n in self.item_notes if s is Side(side) and i == item_id), "")

    def coverage(self, section: str | None = None) -> Coverage:
        """Coverage of upper tasks, overall or for one top-level section (its first path entry)."""
        tasks = [
            it
            for it in self.upper.items
            if it.is_task and (section is None or it.section == section)
        ]
        ids = {it.id for it in tasks}
        gaps, weak = set(self.upper_gaps) & ids, set(self.weak) & ids
        na = {u for u, _ in self.not_applicable} & ids
        return Coverage(
            tasks=len(tasks),
            covered=len(ids - gaps - weak - na),
            weak=len(weak),
            gaps=len(gaps),
            not_applicable=len(na),
        )

    def sections(self) -> tuple[str, ...]:
        """Top-level sections of the upper document in order ("" for items outside any section)."""
        seen: dict[str, None] = {}
        for it in self.upper.items:
            if it.is_task:
                seen.setdefault(it.section, None)
        return tuple(seen)

    @property
    def reviewed_count(self) -> int:
        return sum(1 for k in self.links if k.status is not LinkStatus.AUTO)
