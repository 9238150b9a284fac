"""The workbench's state without widgets: the chain of documents (two for a plain comparison, up to
six for a cascade), one crosswalk per adjacent pair, the pair on show, the undo stack, and the
background jobs that read, align, export and open sessions.

Views listen to its signals and show the current pair (`docs`, `crosswalk`, `view`); review actions
call `decide`; nothing here shows a dialog.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from compare.alignment.align import AlignOptions
from compare.analyses.cascade import MAX_DOCUMENTS, MIN_DOCUMENTS, Chain
from compare.alignment.crosswalk import Crosswalk, ReviewState, Sensitivity, Side
from compare.documents.model import Document
from compare.documents.readers import ReadOptions
from compare.session import DocumentRef, Session, save_session
from ui.background_tasks import (
    AlignedParts,
    LoadedDocument,
    align_chain_parts,
    export_chain_outputs,
    export_outputs,
    merged,
    open_session_files,
    read_loaded,
)
from ui.commands import CrosswalkCommand, Snapshot
from ui.jobs import JobRunner
from ui.rows import CrosswalkView, view_of

log = logging.getLogger(__name__)


def _next_turn(function: Callable[[], object]) -> None:
    """Run `function` on the GUI thread after the input, paint and timer events already due (a
    zero-delay call would jump ahead of them)."""
    QTimer.singleShot(1, function)


class Workspace(QObject):
    crosswalkChanged = Signal()  # the pair on show, its crosswalk or the chain changed
    documentLoaded = Signal(str)  # side of the pair on show
    chainChanged = Signal()  # documents were added, removed or replaced
    readFailed = Signal(int, object, object)  # level, path, exception
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
        self.levels: list[LoadedDocument | None] = [None, None]  # highest level first
        self.steps: list[Crosswalk | None] = [None]  # steps[i]: levels[i] → levels[i + 1]
        self.views: list[CrosswalkView | None] = [None]
        self.step = 0  # the pair on show
        self.sensitivity = Sensitivity.BALANCED
        self.session_path: Path | None = None
        self._orphans: list[ReviewState] = [ReviewState()]
        self._unsaved_beyond_undo = False
        self._pending = 0  # alignments received but not yet shown
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

    @property
    def is_busy(self) -> bool:
        """A job runs, or its result is still on its way into the views."""
        return self.runner.is_busy() or self._pending > 0

    @property
    def docs(self) -> dict[Side, LoadedDocument]:
        """The documents of the pair on show that are open."""
        pair = {Side.UPPER: self.levels[self.step], Side.LOWER: self.levels[self.step + 1]}
        return {side: loaded for side, loaded in pair.items() if loaded is not None}

    @property
    def crosswalk(self) -> Crosswalk | None:
        return self.steps[self.step]

    @property
    def view(self) -> CrosswalkView | None:
        return self.views[self.step]

    @property
    def chain(self) -> Chain | None:
        """The whole chain once every pair is aligned."""
        if any(cw is None for cw in self.steps):
            return None
        return Chain(tuple(cw.upper for cw in self.steps) + (self.steps[-1].lower,), tuple(self.steps))

    @property
    def is_complete(self) -> bool:
        return all(loaded is not None for loaded in self.levels)

    def document(self, side: Side) -> Document | None:
        loaded = self.docs.get(side)
        return loaded.document if loaded else None

    def _holds(self, levels: list[LoadedDocument | None]) -> bool:
        """Whether the chain still consists of exactly these loaded documents (a late result of
        documents since replaced is dropped)."""
        return len(self.levels) == len(levels) and all(a is b for a, b in zip(self.levels, levels))

    def level_of(self, side: Side) -> int:
        return self.step + (0 if side is Side.UPPER else 1)

    def snapshot(self) -> Snapshot | None:
        if any(cw is None for cw in self.steps):
            return None
        return Snapshot(tuple(self.steps), tuple(self.views), self.step, self.sensitivity)

    def reviews(self) -> list[ReviewState]:
        """Every pair's decisions, including those naming items that are gone (kept, never applied)."""
        return [
            merged(cw.review_state() if cw else ReviewState(), orphans)
            for cw, orphans in zip(self.steps, self._orphans)
        ]

    def session(self) -> Session:
        if not self.is_complete:
            raise ValueError("every document of the chain is needed for a session")
        refs = tuple(DocumentRef(str(d.path.resolve()), d.sha256, d.options) for d in self.levels)
        return Session(refs, tuple(self.reviews()), self.sensitivity)

    def _describe(self, channel: str) -> str:
        if channel.startswith("level"):
            return self.tr("正在读取文件……")
        return {
            "align": self.tr("正在对标……"),
            "export": self.tr("正在导出……"),
            "session": self.tr("正在打开审核进度……"),
        }.get(channel, "")

    def _start(self, channel: str, function, args: tuple, on_success, on_failure) -> None:
        self.runner.start(channel, function, args, on_success, on_failure)
        self.progress.emit(self._describe(channel), 0, 0)

    def cancel(self) -> None:
        self.runner.cancel()
        self.sensitivityChanged.emit(self.sensitivity.value)  # undo a combo change that never ran
        self.cancelled.emit()

    def show_step(self, step: int) -> None:
        """Show another pair of the chain in the pair views."""
        if step == self.step or not 0 <= step < len(self.steps):
            return
        self.step = step
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        self.crosswalkChanged.emit()

    # --- documents ---------------------------------------------------------------------------

    def open_document(self, side: Side, path: Path, options: ReadOptions | None = None) -> None:
        """Read `path` into one side of the pair on show."""
        self.open_level(self.level_of(side), path, options)

    def open_level(self, level: int, path: Path, options: ReadOptions | None = None) -> None:
        """Read `path` in the background as level `level`; re-reading the same file keeps decisions."""
        old = self.levels[level]
        same_file = old is not None and old.path.resolve() == path.resolve()
        if options is None:
            options = old.options if same_file and old else ReadOptions()
        self._start(
            f"level{level}",
            read_loaded,
            (path, options),
            lambda loaded: self._on_document_read(level, loaded, same_file),
            lambda exc: self.readFailed.emit(level, path, exc),
        )

    def set_chain(self, paths: Sequence[Path]) -> None:
        """Replace the documents by a chain of 2–6 files, highest level first, and read them all."""
        if not MIN_DOCUMENTS <= len(paths) <= MAX_DOCUMENTS:
            raise ValueError("a chain has 2 to 6 documents")
        kept = {d.path.resolve(): d for d in self.levels if d is not None}
        changed = [d.path.resolve() if d else None for d in self.levels] != [p.resolve() for p in paths]
        self.levels = [kept.get(p.resolve()) for p in paths]
        if changed:  # other documents or another order: the pairs and their decisions are new
            self._forget_review(len(paths))
        self.chainChanged.emit()
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        for level, path in enumerate(paths):
            if self.levels[level] is None:
                self.open_level(level, path)
        if self.is_complete:
            self._align(self.sensitivity, reviews=None, record=False)

    def _on_document_read(self, level: int, loaded: LoadedDocument, same_file: bool) -> None:
        reviews: list[ReviewState | None] | None = None
        if same_file and self.snapshot() is not None:
            reviews = list(self.reviews())
        elif any(cw is not None for cw in self.steps):
            # Another file: decisions name items of the old one and must not land on the new one.
            reviews = list(self.reviews())
            for touched in (level - 1, level):
                if 0 <= touched < len(reviews):
                    reviews[touched] = None
            self._forget_review(len(self.levels))
        self.levels[level] = loaded
        if self.step <= level <= self.step + 1:
            self.documentLoaded.emit((Side.UPPER if level == self.step else Side.LOWER).value)
        self.chainChanged.emit()
        if self.is_complete:
            # Next turn: the views have just been filled with the document, and a large one
            # takes tens of milliseconds to hand to the background process.
            levels = list(self.levels)
            self._pending += 1

            def align() -> None:
                self._pending -= 1
                if self._holds(levels):
                    self._align(self.sensitivity, reviews=reviews, record=False)

            _next_turn(align)

    def _forget_review(self, levels: int) -> None:
        self._unsaved_beyond_undo = self._unsaved_beyond_undo or self.is_modified
        self.steps = [None] * (levels - 1)
        self.views = [None] * (levels - 1)
        self._orphans = [ReviewState()] * (levels - 1)
        self.step = min(self.step, levels - 2)
        self.session_path = None
        self.undo_stack.clear()
        self.crosswalkChanged.emit()

    # --- alignment ---------------------------------------------------------------------------

    def set_sensitivity(self, sensitivity: Sensitivity) -> None:
        """Re-align with other thresholds, keeping decisions; undoable."""
        if sensitivity == self.sensitivity and not self.runner.is_busy("align"):
            return
        if self.snapshot() is None:
            self.sensitivity = sensitivity
            if self.is_complete:
                self._align(sensitivity, reviews=None, record=False)
            return
        self._align(sensitivity, reviews=self.reviews(), record=True)

    def _align(self, sensitivity: Sensitivity, reviews: Sequence[ReviewState | None] | None, record: bool) -> None:
        levels = list(self.levels)
        documents = tuple(loaded.document for loaded in levels)
        reviews = list(reviews) if reviews is not None else [None] * (len(documents) - 1)

        def current() -> bool:
            return self._holds(levels)

        def aligned(parts: tuple[AlignedParts, ...]) -> None:
            # Three turns of the event loop, each well under 100 ms on 2,000 × 2,000 items:
            # the result was loaded in this one; build the views next; show them after that.
            self._pending += 1
            _next_turn(lambda: self._on_aligned(documents, parts, sensitivity, record, current))

        def failed(exc: BaseException) -> None:
            self.sensitivityChanged.emit(self.sensitivity.value)
            self.failed.emit(self.tr("对标"), exc)

        options = AlignOptions(sensitivity=sensitivity)
        self._start("align", align_chain_parts, (documents, options, reviews), aligned, failed)

    def _on_aligned(
        self,
        documents: tuple[Document, ...],
        parts: tuple[AlignedParts, ...],
        sensitivity: Sensitivity,
        record: bool,
        current: Callable[[], bool],
    ) -> None:
        if not current():
            self._pending -= 1
            return
        steps = tuple(p.crosswalk(documents[n], documents[n + 1]) for n, p in enumerate(parts))
        after = Snapshot(steps, tuple(view_of(cw) for cw in steps), self.step, sensitivity)
        _next_turn(lambda: self._show_aligned(after, [p.orphans for p in parts], record, current))

    def _show_aligned(self, after: Snapshot, orphans: list[ReviewState], record: bool, current: Callable[[], bool]) -> None:
        self._pending -= 1
        if not current():
            return
        before = self.snapshot()
        self._orphans = orphans
        if before is not None and len(before.steps) == len(after.steps):
            after = replace(after, step=self.step)  # the reviewer may have switched pairs meanwhile
        sensitivity = after.sensitivity
        if record and before is not None:
            self.undo_stack.push(
                CrosswalkCommand(self.tr("灵敏度改为“{0}”").format(sensitivity.label), before, after, self._apply)
            )
        else:
            self._apply(after)
        count = sum(len(o.links) + len(o.not_applicable) + len(o.item_notes) for o in self._orphans)
        if count:
            self.orphansFound.emit(count)

    def _apply(self, snapshot: Snapshot) -> None:
        self.steps = list(snapshot.steps)
        self.views = list(snapshot.views)
        switched = snapshot.step != self.step
        self.step = snapshot.step
        if snapshot.sensitivity != self.sensitivity:
            self.sensitivity = snapshot.sensitivity
        self.sensitivityChanged.emit(self.sensitivity.value)
        if switched:  # an undo of a decision made on another pair shows that pair
            self.documentLoaded.emit(Side.UPPER.value)
            self.documentLoaded.emit(Side.LOWER.value)
        self.crosswalkChanged.emit()

    # --- review ------------------------------------------------------------------------------

    def decide(self, text: str, crosswalk: Crosswalk) -> None:
        """Record a review decision on the pair on show (an undoable swap of its crosswalk)."""
        before = self.snapshot()
        if before is None or crosswalk is before.steps[self.step]:
            return
        steps, views = list(before.steps), list(before.views)
        steps[self.step], views[self.step] = crosswalk, view_of(crosswalk)
        after = Snapshot(tuple(steps), tuple(views), self.step, self.sensitivity)
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
        self._start(
            "session",
            open_session_files,
            (path,),
            lambda result: self._on_session_read(None if recovered else path, *result),
            lambda exc: self.failed.emit(self.tr("打开审核进度"), exc),
        )

    def _on_session_read(self, path: Path | None, session: Session, loaded: tuple[LoadedDocument, ...]) -> None:
        self.levels = list(loaded)
        self.step = 0
        self._forget_review(len(loaded))
        self._unsaved_beyond_undo = path is None
        self.session_path = path
        self.sensitivity = session.sensitivity
        self.chainChanged.emit()
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        changed = tuple(ref for ref, now in zip(session.documents, loaded) if ref.sha256 != now.sha256)
        self.sessionOpened.emit(session, changed)
        self._align(session.sensitivity, reviews=session.reviews, record=False)

    # --- export ------------------------------------------------------------------------------

    def export(self, paths: list[Path]) -> None:
        """Write the pair on show, or the whole chain when there are more than two documents."""
        if self.snapshot() is None:
            return
        failed = lambda exc: self.failed.emit(self.tr("导出"), exc)  # noqa: E731
        if len(self.steps) > 1:
            self._start("export", export_chain_outputs, (self.chain, paths), self.exported.emit, failed)
        else:
            self._start("export", export_outputs, (self.crosswalk, paths), self.exported.emit, failed)
