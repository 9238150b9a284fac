"""The work the window hands to a background process (`ui.worker_process`): reading documents,
aligning them, opening a session's files, exporting. Plain functions of picklable arguments,
each taking a `progress(done, total)` callback last. This module must not import Qt.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compare.alignment.align import AlignOptions
from compare.analyses.audit import AuditReport
from compare.analyses.cascade import Chain, align_chain
from compare.alignment.crosswalk import Crosswalk, Duplicate, Link, ReviewState, Side, Suggestion, Thresholds
from compare.documents.model import Document
from compare.documents.readers import ReadOptions, read_document
from compare.session import Session, file_sha256
from exporters.plain_table import PlainTable

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    document: Document
    path: Path
    sha256: str
    options: ReadOptions


@dataclass(frozen=True, slots=True)
class AlignedParts:
    """An alignment without its two documents, which the window already holds: sending them
    back would only cost time, and the window's views expect its own document objects."""

    links: tuple[Link, ...]
    duplicates: tuple[Duplicate, ...]
    thresholds: Thresholds
    not_applicable: tuple[tuple[str, str], ...]
    item_notes: tuple[tuple[Side, str, str], ...]
    suggestions: tuple[Suggestion, ...]
    orphans: ReviewState  # decisions naming items the documents no longer have (kept, never applied)

    def crosswalk(self, upper: Document, lower: Document) -> Crosswalk:
        return Crosswalk.build(
            upper, lower, self.links, self.duplicates, self.thresholds, self.not_applicable, self.item_notes, self.suggestions
        )


def orphaned_part(cw: Crosswalk, review: ReviewState) -> ReviewState:
    """The decisions of `review` that name items `cw` no longer has."""
    up, lo = cw.upper.index(), cw.lower.index()
    return ReviewState(
        links=tuple(k for k in review.links if k.upper not in up or k.lower not in lo),
        not_applicable=tuple((u, r) for u, r in review.not_applicable if u not in up),
        item_notes=tuple((s, i, n) for s, i, n in review.item_notes if i not in (up if s is Side.UPPER else lo)),
    )


def merged(review: ReviewState, extra: ReviewState) -> ReviewState:
    return ReviewState(
        links=review.links + extra.links,
        not_applicable=review.not_applicable + extra.not_applicable,
        item_notes=review.item_notes + extra.item_notes,
    )


def read_loaded(path: Path, options: ReadOptions, progress: Progress) -> LoadedDocument:
    document = read_document(path, options)
    return LoadedDocument(document, path, file_sha256(path), options)


def align_chain_parts(
    documents: Sequence[Document], options: AlignOptions, reviews: Sequence[ReviewState | None], progress: Progress
) -> tuple[AlignedParts, ...]:
    """Align each adjacent pair of `documents` (highest level first), applying its saved review."""
    chain = align_chain(documents, options=options, reviews=reviews, on_progress=progress)
    return tuple(
        AlignedParts(
            cw.links,
            cw.duplicates,
            cw.thresholds,
            cw.not_applicable,
            cw.item_notes,
            cw.suggestions,
            orphaned_part(cw, review) if review is not None else ReviewState(),
        )
        for cw, review in zip(chain.steps, reviews)
    )


def read_session_documents(session: Session, progress: Progress) -> tuple[LoadedDocument, ...]:
    refs = session.documents
    loaded = []
    for n, ref in enumerate(refs):
        progress(n, len(refs))
        loaded.append(read_loaded(Path(ref.path), ref.options, progress))
    return tuple(loaded)


def export_outputs(crosswalk: Crosswalk, paths: Sequence[Path], progress: Progress) -> list[Path]:
    from exporters import write_outputs

    return write_outputs(crosswalk, list(paths))


def export_chain_outputs(chain: Chain, paths: Sequence[Path], progress: Progress) -> list[Path]:
    from exporters import write_chain_outputs

    return write_chain_outputs(chain, list(paths))


def responsibility_view(document: Document, progress: Progress) -> tuple[PlainTable, ...]:
    from exporters.responsibility_table import responsibility_tables

    return responsibility_tables(document)


def targets_view(crosswalk: Crosswalk, progress: Progress) -> tuple[PlainTable, ...]:
    from exporters.targets_table import targets_tables

    return targets_tables(crosswalk)


def audit_view(table_path: Path, upper: Document | None, progress: Progress) -> tuple[AuditReport, tuple[PlainTable, ...]]:
    """Read and audit a 分工方案 table: (the report, its tables)."""
    from compare.analyses.audit import audit_division_table
    from compare.analyses.division_table import read_division_table
    from exporters.audit_tables import audit_tables

    report = audit_division_table(read_division_table(table_path), upper)
    return report, audit_tables(report)


def export_audit(report: AuditReport, paths: Sequence[Path], progress: Progress) -> list[Path]:
    from exporters import write_audit_outputs

    return write_audit_outputs(report, list(paths))


def import_review(path: Path, crosswalk: Crosswalk, progress: Progress) -> tuple[Crosswalk, list[str], list[str]]:
    """Read a colleague's workbook into `crosswalk`: (the result, what it changes, what was not
    imported), both in words."""
    from exporters.xlsx_import import change_lines, import_review_xlsx, review_changes

    imported, ignored = import_review_xlsx(path, crosswalk)
    return imported, change_lines(review_changes(crosswalk, imported), imported), ignored
