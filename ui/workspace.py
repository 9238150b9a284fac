"""The workbench's state without widgets: the two documents, the crosswalk, the undo stack,
and the background jobs that read, align, export and open sessions.

Views listen to its signals; review actions call `decide`; nothing here shows a dialog.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from compare.align import AlignOptions, align
from compare.crosswalk import Crosswalk, ReviewState, Sensitivity, Side
from compare.model import Document
from compare.readers import ReadOptions, read_document
from compare.session import DocumentRef, Session, file_sha256, load_session, save_session
from ui.commands import CrosswalkCommand, Snapshot
from ui.jobs import JobContext, JobRunner
from ui.rows import CrosswalkView, view_of

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    document: Document
    path: Path
    sha256: str
    options: ReadOptions


def _read(path: Path, options: ReadOptions) -> LoadedDocument:
    document = read_document(path, options)
    return LoadedDocument(document, path, file_sha256(path), options)


def orphaned_part(cw: Crosswalk, review: ReviewState) -> ReviewState:
    """The decisions of `review` that name items `cw` no longer has (kept, never applied)."""
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


class Workspace(QObject):
    crosswalkChanged = Signal()
    documentLoaded = Signal(str)  # side
    readFailed = Signal(str, object, object)  # side, path, exception
    failed = Signal(str, object)  # what was being done (Chinese), exception
    exported = Signal(object)  # list of written paths
    sessionOpened = Signal(object, object)  # Session, tuple of changed DocumentRefs
    orphansFound = Signal(int)  # decisions whose items no longer exist
    sensitivityChanged = Signal(str)
    modifiedChanged = Signal(bool)
    decisionsChanged = Signal()  # a decision was made, undone or redone (after the stack moved)
    busyChanged = Signal(bool)
    progress = Signal(str, int, int)  # what is running (Chinese), done, total
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = JobRunner(self)
        self.undo_stack = QUndoStack(self)
        self.docs: dict[Side, LoadedDocument] = {}
        self.crosswalk: Crosswalk | None = None
        self.view: CrosswalkView | None = None
        self.sensitivity = Sensitivity.BALANCED
        self.session_path: Path | None = None
        self._orphans = ReviewState()
        self._unsaved_beyond_undo = False
        self.runner.busyChanged.connect(self.busyChanged)
        self.runner.progress.connect(self._on_runner_progress)
        # Relayed through slots of this object: Qt drops them before the stack (a child) is
        # destroyed, while the stack still reports from its destructor.
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)

    def _on_runner_progress(self, channel: str, done: int, total: int) -> None:
        self.progress.emit(self._describe(channel), done, total)

    def _on_undo_stack_index_changed(self, index: int) -> None:
        self.decisionsChanged.emit()

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._unsaved_beyond_undo or not clean)

    # --- state -------------------------------------------------------------------------------

    @property
    def is_modified(self) -> bool:
        return self._unsaved_beyond_undo or not self.undo_stack.isClean()

    def document(self, side: Side) -> Document | None:
        loaded = self.docs.get(side)
        return loaded.document if loaded else None

    def snapshot(self) -> Snapshot | None:
        if self.crosswalk is None or self.view is None:
            return None
        return Snapshot(self.crosswalk, self.sensitivity, self.view)

    def session(self) -> Session:
        if Side.UPPER not in self.docs or Side.LOWER not in self.docs:
            raise ValueError("both documents are needed for a session")

        def ref(side: Side) -> DocumentRef:
            d = self.docs[side]
            return DocumentRef(str(d.path.resolve()), d.sha256, d.options)

        review = self.crosswalk.review_state() if self.crosswalk else ReviewState()
        return Session(ref(Side.UPPER), ref(Side.LOWER), merged(review, self._orphans), self.sensitivity)

    def _describe(self, channel: str) -> str:
        return {
            Side.UPPER.value: self.tr("正在读取上级文件……"),
            Side.LOWER.value: self.tr("正在读取本级文件……"),
            "align": self.tr("正在对标……"),
            "export": self.tr("正在导出……"),
            "session": self.tr("正在打开审核进度……"),
        }.get(channel, "")

    def _start(self, channel: str, fn, on_success, on_failure) -> None:
        self.runner.start(channel, fn, on_success, on_failure, self.cancelled.emit)
        self.progress.emit(self._describe(channel), 0, 0)

    def cancel(self) -> None:
        self.runner.cancel()
        self.sensitivityChanged.emit(self.sensitivity.value)  # undo a combo change that never ran
        self.cancelled.emit()

    # --- documents ---------------------------------------------------------------------------

    def open_document(self, side: Side, path: Path, options: ReadOptions | None = None) -> None:
        """Read `path` in the background; re-reading the same path keeps the review decisions."""
        old = self.docs.get(side)
        same_file = old is not None and old.path.resolve() == path.resolve()
        if options is None:
            options = old.options if same_file and old else ReadOptions()
        self._start(
            side.value,
            lambda ctx: _read(path, options),
            lambda loaded: self._on_document_read(side, loaded, same_file),
            lambda exc: self.readFailed.emit(side.value, path, exc),
        )

    def _on_document_read(self, side: Side, loaded: LoadedDocument, same_file: bool) -> None:
        carry = None
        if same_file and self.crosswalk is not None:
            carry = merged(self.crosswalk.review_state(), self._orphans)
        elif self.crosswalk is not None:
            # Another file: decisions name items of the old one and must not land on the new one.
            self._forget_review()
        self.docs[side] = loaded
        self.documentLoaded.emit(side.value)
        if Side.UPPER in self.docs and Side.LOWER in self.docs:
            self._align(self.sensitivity, review=carry, record=False)

    def _forget_review(self) -> None:
        self._unsaved_beyond_undo = self._unsaved_beyond_undo or self.is_modified
        self.crosswalk = None
        self.view = None
        self._orphans = ReviewState()
        self.session_path = None
        self.undo_stack.clear()
        self.crosswalkChanged.emit()

    # --- alignment ---------------------------------------------------------------------------

    def set_sensitivity(self, sensitivity: Sensitivity) -> None:
        """Re-align with other thresholds, keeping decisions; undoable."""
        if sensitivity == self.sensitivity and not self.runner.is_busy("align"):
            return
        if self.crosswalk is None:
            self.sensitivity = sensitivity
            if Side.UPPER in self.docs and Side.LOWER in self.docs:
                self._align(sensitivity, review=None, record=False)
            return
        self._align(sensitivity, review=merged(self.crosswalk.review_state(), self._orphans), record=True)

    def _align(self, sensitivity: Sensitivity, review: ReviewState | None, record: bool) -> None:
        upper, lower = self.docs[Side.UPPER].document, self.docs[Side.LOWER].document
        keep = self.crosswalk if self.crosswalk and self.crosswalk.upper is upper and self.crosswalk.lower is lower else None
        options = AlignOptions(sensitivity=sensitivity)

        def work(ctx: JobContext) -> tuple[Crosswalk, ReviewState, CrosswalkView]:
            cw = align(upper, lower, options=options, keep=keep, on_progress=ctx.progress, is_cancelled=ctx.is_cancelled)
            orphans = ReviewState()
            if review is not None:
                orphans = orphaned_part(cw, review)
                cw = cw.with_review(review)
            return cw, orphans, view_of(cw)

        def failed(exc: BaseException) -> None:
            self.sensitivityChanged.emit(self.sensitivity.value)
            self.failed.emit(self.tr("对标"), exc)

        self._start("align", work, lambda result: self._on_aligned(*result, sensitivity, record), failed)

    def _on_aligned(self, cw: Crosswalk, orphans: ReviewState, view: CrosswalkView, sensitivity: Sensitivity, record: bool) -> None:
        if cw.upper is not self.document(Side.UPPER) or cw.lower is not self.document(Side.LOWER):
            log.debug("dropped an alignment of documents that have since been replaced")
            return
        before = self.snapshot()
        self._orphans = orphans
        after = Snapshot(cw, sensitivity, view)
        if record and before is not None:
            self.undo_stack.push(
                CrosswalkCommand(self.tr("灵敏度改为“{0}”").format(sensitivity.label), before, after, self._apply)
            )
        else:
            self._apply(after)
        count = len(orphans.links) + len(orphans.not_applicable) + len(orphans.item_notes)
        if count:
            self.orphansFound.emit(count)

    def _apply(self, snapshot: Snapshot) -> None:
        self.crosswalk = snapshot.crosswalk
        self.view = snapshot.view
        if snapshot.sensitivity != self.sensitivity:
            self.sensitivity = snapshot.sensitivity
        self.sensitivityChanged.emit(self.sensitivity.value)
        self.crosswalkChanged.emit()

    # --- review ------------------------------------------------------------------------------

    def decide(self, text: str, crosswalk: Crosswalk) -> None:
        """Record a review decision (an undoable swap of the crosswalk value)."""
        before = self.snapshot()
        if before is None or crosswalk is before.crosswalk:
            return
        after = Snapshot(crosswalk, self.sensitivity, view_of(crosswalk))
        self.undo_stack.push(CrosswalkCommand(text, before, after, self._apply))

    # --- sessions ----------------------------------------------------------------------------

    def save_session(self, path: Path) -> Path:
        written = save_session(path, self.session())
        self.session_path = path
        self._unsaved_beyond_undo = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)
        return written

    def write_recovery(self, path: Path) -> None:
        save_session(path, self.session())

    def open_session(self, path: Path, recovered: bool = False) -> None:
        """Open a saved session; a `recovered` autosave is unsaved work with no file of its own."""

        def work(ctx: JobContext) -> tuple[Session, LoadedDocument, LoadedDocument]:
            session = load_session(path)
            upper = _read(Path(session.upper.path), session.upper.options)
            lower = _read(Path(session.lower.path), session.lower.options)
            return session, upper, lower

        self._start("session", work, lambda result: self._on_session_read(None if recovered else path, *result), lambda exc: self.failed.emit(self.tr("打开审核进度"), exc))

    def _on_session_read(self, path: Path | None, session: Session, upper: LoadedDocument, lower: LoadedDocument) -> None:
        self._forget_review()
        self._unsaved_beyond_undo = path is None
        self.docs = {Side.UPPER: upper, Side.LOWER: lower}
        self.session_path = path
        self.sensitivity = session.sensitivity
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        changed = tuple(
            ref for ref, now in ((session.upper, upper), (session.lower, lower)) if ref.sha256 != now.sha256
        )
        self.sessionOpened.emit(session, changed)
        self._align(session.sensitivity, review=session.review, record=False)

    # --- export ------------------------------------------------------------------------------

    def export(self, paths: list[Path]) -> None:
        from exporters import write_outputs

        if self.crosswalk is None:
            return
        crosswalk = self.crosswalk
        self._start("export", lambda ctx: write_outputs(crosswalk, paths), self.exported.emit, lambda exc: self.failed.emit(self.tr("导出"), exc))
