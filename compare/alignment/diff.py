"""Character-level differences between two texts, as a diff tool shows them."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Indel

from compare.documents.normalize import matching_key


class DiffOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # only in the second text
    DELETE = "delete"  # only in the first text
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class DiffSpan:
    op: DiffOp
    a: tuple[int, int]  # span in the first text
    b: tuple[int, int]  # span in the second text


def char_diff(a: str, b: str, min_equal: int = 2) -> tuple[DiffSpan, ...]:
    """Spans of `a` and `b` that are equal, inserted, deleted or replaced.

    Compared on matching keys (Traditional = Simplified, full-width = half-width); the spans
    index the original texts. Equal runs shorter than `min_equal` characters between two edits
    are folded into the edit, so the result reads as phrases changed, not letters scattered.
    """
    ka, kb = matching_key(a), matching_key(b)
    raw: list[DiffSpan] = []
    for op in Indel.opcodes(ka, kb):
        tag = DiffOp(op.tag)
        span = DiffSpan(tag, (op.src_start, op.src_end), (op.dest_start, op.dest_end))
        if raw and tag is not DiffOp.EQUAL and raw[-1].op is not DiffOp.EQUAL:
            prev = raw.pop()
            span = DiffSpan(DiffOp.REPLACE, (prev.a[0], span.a[1]), (prev.b[0], span.b[1]))
        raw.append(span)
    merged: list[DiffSpan] = []
    for n, span in enumerate(raw):
        short_gap = (
            span.op is DiffOp.EQUAL
            and 0 < n < len(raw) - 1
            and span.a[1] - span.a[0] < min_equal
        )
        if short_gap or (merged and span.op is not DiffOp.EQUAL and merged[-1].op is not DiffOp.EQUAL):
            prev = merged.pop()
            merged.append(DiffSpan(DiffOp.REPLACE, (prev.a[0], span.a[1]), (prev.b[0], span.b[1])))
        else:
            merged.append(span)
    return tuple(_retag(s) for s in merged)


def _retag(span: DiffSpan) -> DiffSpan:
    """A merged span that has text on one side only is an insert or a delete, not a replace."""
    if span.op is not DiffOp.REPLACE:
        return span
    if span.a[0] == span.a[1]:
        return DiffSpan(DiffOp.INSERT, span.a, span.b)
    if span.b[0] == span.b[1]:
        return DiffSpan(DiffOp.DELETE, span.a, span.b)
    return span
