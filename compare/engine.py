"""Scoring and linking (first version: character-bigram overlap; to be replaced by the full scorer)."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from compare.crosswalk import Crosswalk, Link, Thresholds
from compare.model import Document, ItemKind


def run_alignment(upper: Document, lower: Document, thresholds: Thresholds, keep, on_progress, is_cancelled) -> Crosswalk:
    ups = [it for it in upper.items if it.kind is not ItemKind.HEADING]
    los = [it for it in lower.items if it.kind is not ItemKind.HEADING]
    matrix = process.cdist([u.key for u in ups], [l.key for l in los], scorer=fuzz.partial_ratio, workers=-1)
    links = []
    for i, u in enumerate(ups):
        for j, l in enumerate(los):
            s = float(matrix[i, j]) / 100.0
            if s >= max(thresholds.link, 0.6):
                links.append(Link(u.id, l.id, s))
    on_progress(1, 1)
    return Crosswalk.build(upper, lower, tuple(links), (), thresholds)
