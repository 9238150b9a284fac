"""What a reader of the report should see in a linked pair: the phrases both items share, and
(in a redline report only) what one says that the other does not.

Shared phrases come from the link's evidence spans (the engine's reasons). Differences come from
`compare.alignment.diff.char_diff`, which compares matching keys and returns spans of the displayed
texts; it is run only when differences are asked for, or when a link has no evidence to show.
Very short equal runs (a lone 的 or comma) count as differences: marking them would shred the
text into unreadable fragments.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from compare.alignment.crosswalk import Link
from compare.alignment.diff import DiffOp, char_diff
from compare.documents.model import Item

MIN_EQUAL = 2  # shorter equal runs count as changed
MIN_SHARED = 4  # without evidence, equal runs at least this long count as shared phrases


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    shared: bool  # a phrase both items share
    changed: bool  # only in this item: deleted (upper side) or inserted (lower side)


@dataclass(frozen=True, slots=True)
class PairMarks:
    """Per-character flags of one item's text against one or more partners."""

    shared: tuple[bool, ...]
    changed: tuple[bool, ...]


def _equal_blocks(a: str, b: str) -> list[tuple[int, int, int]]:
    """(start in a, start in b, length) of the runs both texts share."""
    return [
        (span.a[0], span.b[0], span.a[1] - span.a[0])
        for span in char_diff(a, b, min_equal=MIN_EQUAL)
        if span.op is DiffOp.EQUAL and span.a[1] - span.a[0] >= MIN_EQUAL
    ]


def _mask(length: int, spans: list[tuple[int, int]], *, inside: bool = True) -> tuple[bool, ...]:
    """Per character of a text `length` long: whether it lies in one of `spans` (or outside all
    of them with `inside=False`)."""
    mask = [not inside] * length
    for start, end in spans:
        start, end = max(start, 0), min(end, length)
        if start < end:
            mask[start:end] = [inside] * (end - start)
    return tuple(mask)


def link_marks(link: Link, upper: Item, lower: Item, *, changes: bool = True) -> tuple[PairMarks, PairMarks]:
    """Marks of the upper and the lower text of one link; without `changes`, nothing is marked
    changed and the diff runs only for a link that has no evidence."""
    blocks = _equal_blocks(upper.text, lower.text) if changes or not link.evidence else []
    if changes:
        upper_changed = _mask(len(upper.text), [(i, i + n) for i, _, n in blocks], inside=False)
        lower_changed = _mask(len(lower.text), [(j, j + n) for _, j, n in blocks], inside=False)
    else:
        upper_changed, lower_changed = (False,) * len(upper.text), (False,) * len(lower.text)
    if link.evidence:
        upper_spans = [e.upper for e in link.evidence]
        lower_spans = [e.lower for e in link.evidence]
    else:
        long_blocks = [b for b in blocks if b[2] >= MIN_SHARED]
        upper_spans = [(i, i + n) for i, _, n in long_blocks]
        lower_spans = [(j, j + n) for _, j, n in long_blocks]
    return (
        PairMarks(_mask(len(upper.text), upper_spans), upper_changed),
        PairMarks(_mask(len(lower.text), lower_spans), lower_changed),
    )


def combine(marks: list[PairMarks]) -> PairMarks:
    """One text compared with several partners (a task with several measures): a phrase is shared
    if any partner shares it, and changed only if no partner carries it."""
    shared = tuple(any(flags) for flags in zip(*(m.shared for m in marks)))
    changed = tuple(all(flags) for flags in zip(*(m.changed for m in marks)))
    return PairMarks(shared, changed)


def segments(text: str, marks: PairMarks | None) -> tuple[Segment, ...]:
    """`text` cut into runs of equal flags (marks beyond the end of `text` are ignored, so a
    shortened text takes the marks of its full form)."""
    if marks is None or not text:
        return (Segment(text, False, False),) if text else ()
    runs: list[Segment] = []
    start = 0
    for (shared, changed), run in groupby(zip(marks.shared[: len(text)], marks.changed[: len(text)])):
        length = sum(1 for _ in run)
        runs.append(Segment(text[start : start + length], shared, changed and not shared))
        start += length
    return tuple(runs)


def shared_phrases(link: Link, upper: Item, lower: Item) -> tuple[str, ...]:
    """The phrases of a link, as printed in the upper text, in order and without repeats."""
    if link.evidence:
        phrases = [upper.text[e.upper[0] : e.upper[1]] for e in sorted(link.evidence, key=lambda e: e.upper)]
    else:
        phrases = [upper.text[i : i + n] for i, _, n in _equal_blocks(upper.text, lower.text) if n >= MIN_SHARED]
    return tuple(dict.fromkeys(p for p in phrases if p.strip()))


def common_phrases(a: Item, b: Item) -> tuple[str, ...]:
    """Phrases two items of one document share (for duplicates, which carry no evidence)."""
    return tuple(dict.fromkeys(a.text[i : i + n] for i, _, n in _equal_blocks(a.text, b.text) if n >= MIN_SHARED))
