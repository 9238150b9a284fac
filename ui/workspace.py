"""The workbench's state without widgets: the chain of documents (two for a plain comparison, up to
six for a cascade), one crosswalk per adjacent pair, the pair on show, the undo stack, and the
background jobs that read, align, export and open sessions.

Views listen to its signals and show the current pair (`docs`, `crosswalk`, `view`); review actions
call `decide`; nothing here shows a dialog.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from compare.alignment.align import AlignOptions
from compare.analyses.cascade import MAX_DOCUMENTS, MIN_DOCUMENTS, Chain
from compare.alignment.crosswalk import Crosswalk, ReviewState, Sensitivity, Side
from compare.documents.model import Document
from compare.documents.readers import ReadOptions
from compare.session import DocumentRef, Session, load_session, save_session
from ui.background_tasks import (
    AlignedParts,
    LoadedDocument,
    align_chain_parts,
    export_chain_outputs,
    export_outputs,
    merged,
    read_loaded,
    read_session_documents,
)
from ui.commands import CrosswalkCommand, Snapshot
from ui.jobs import JobRunner
from ui.rows import CrosswalkView, view_of

log = logging.getLogger(__name__)


PathPair = tuple[Path, Path]


@dataclass(frozen=True, slots=True)
class ChainChange:
    """A new chain waiting for its documents: the decisions each pair of resolved paths carries
    over from the chain it replaces, and the state an undo returns to."""

    reviews: dict[PathPair, ReviewState]
    before: Snapshot | None


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
    decisionsCarried = Signal(int)  # decisions a newly opened chain took over from the one it replaced
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
        self._chain_change: ChainChange | None = None
        # Asked before a session's documents are read: (session file, the paths it names) -> go ahead?
        self.approve_paths: Callable[[Path, tuple[Path, ...]], bool] = lambda session, paths: True
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
        if any(cw is None for cw in self.steps) or not self.is_complete:
            return None
        return Snapshot(
            tuple(self.levels), tuple(self.steps), tuple(self.views), tuple(self._orphans), self.step, self.sensitivity
        )

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
            "import": self.tr("正在读取分工方案……"),
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
        """Replace the documents by a chain of 2–6 files, highest level first, and read the new ones.

        Every pair of documents that stays adjacent keeps its decisions (the documents already
        read are reused, so their content is the one reviewed); opening the chain is one undoable
        step once it is aligned."""
        if not MIN_DOCUMENTS <= len(paths) <= MAX_DOCUMENTS:
            raise ValueError("a chain has 2 to 6 documents")
        wanted = [p.resolve() for p in paths]
        if wanted == self._level_paths():
            return
        carried = self._reviews_by_pair()
        shown = self._pair_paths(self.step)
        before = self.snapshot()
        kept = {d.path.resolve(): d for d in self.levels if d is not None}
        self.levels = [kept.get(p) for p in wanted]
        pairs = list(zip(wanted, wanted[1:]))
        self.steps = [None] * len(pairs)
        self.views = [None] * len(pairs)
        self._orphans = [ReviewState()] * len(pairs)
        self.step = pairs.index(shown) if shown in pairs else 0
        self.session_path = None  # another set of documents: saving asks for a file of its own
        self._chain_change = ChainChange({pair: carried[pair] for pair in pairs if pair in carried}, before)
        self.chainChanged.emit()
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        self.crosswalkChanged.emit()
        for level, path in enumerate(paths):
            if self.levels[level] is None:
                self.open_level(level, path)
        if self.is_complete:
            self._align_chain_change()

    def decisions_dropped_by(self, paths: Sequence[Path]) -> list[tuple[str, str, int]]:
        """(upper name, lower name, count) of each pair with decisions that the chain `paths`
        would not have: the reviewer is asked before these leave the view."""
        wanted = [p.resolve() for p in paths]
        staying = set(zip(wanted, wanted[1:]))
        dropped = []
        for pair, review in self._reviews_by_pair().items():
            count = decision_count(review)
            if pair not in staying and count:
                dropped.append((pair[0].name, pair[1].name, count))
        return dropped

    def _level_paths(self) -> list[Path | None]:
        return [d.path.resolve() if d else None for d in self.levels]

    def _pair_paths(self, step: int) -> PathPair | None:
        upper, lower = self.levels[step], self.levels[step + 1]
        return (upper.path.resolve(), lower.path.resolve()) if upper and lower else None

    def _reviews_by_pair(self) -> dict[PathPair, ReviewState]:
        """The decisions of every aligned pair, by the resolved paths of its two documents."""
        result = {}
        for step, review in enumerate(self.reviews()):
            pair = self._pair_paths(step)
            if pair is not None and self.steps[step] is not None:
                result[pair] = review
        return result

    def _align_chain_change(self) -> None:
        change, self._chain_change = self._chain_change, None
        if change is None:
            return
        reviews = [change.reviews.get(self._pair_paths(step)) for step in range(len(self.steps))]
        carried = sum(decision_count(r) for r in reviews if r is not None)
        if carried:
            self.decisionsCarried.emit(carried)
        command = self.tr("打开对标链条") if change.before is not None else None
        self._align(self.sensitivity, reviews=reviews, command=command, before=change.before)

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
                if not self._holds(levels):
                    return
                if self._chain_change is not None:
                    self._align_chain_change()
                else:
                    self._align(self.sensitivity, reviews=reviews)

            _next_turn(align)

    def _forget_review(self, levels: int) -> None:
        self._unsaved_beyond_undo = self._unsaved_beyond_undo or self.is_modified
        self.steps = [None] * (levels - 1)
        self.views = [None] * (levels - 1)
        self._orphans = [ReviewState()] * (levels - 1)
        self.step = min(self.step, levels - 2)
        self.session_path = None
        self._chain_change = None
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
                self._align(sensitivity, reviews=None)
            return
        self._align(sensitivity, reviews=self.reviews(), command=self.tr("灵敏度改为“{0}”").format(sensitivity.label))

    def _align(
        self,
        sensitivity: Sensitivity,
        reviews: Sequence[ReviewState | None] | None,
        command: str | None = None,
        before: Snapshot | None = None,
    ) -> None:
        """Align the chain in the background and show the result; with `command`, as one undoable
        step back to `before` (by default the state on show when the result arrives)."""
        levels = list(self.levels)
        documents = tuple(loaded.document for loaded in levels)
        reviews = list(reviews) if reviews is not None else [None] * (len(documents) - 1)

        def current() -> bool:
            return self._holds(levels)

        def aligned(parts: tuple[AlignedParts, ...]) -> None:
            # Three turns of the event loop, each well under 100 ms on 2,000 × 2,000 items:
            # the result was loaded in this one; build the views next; show them after that.
            self._pending += 1
            _next_turn(lambda: self._on_aligned(levels, parts, sensitivity, command, before, current))

        def failed(exc: BaseException) -> None:
            self.sensitivityChanged.emit(self.sensitivity.value)
            self.failed.emit(self.tr("对标"), exc)

        options = AlignOptions(sensitivity=sensitivity)
        self._start("align", align_chain_parts, (documents, options, reviews), aligned, failed)

    def _on_aligned(
        self,
        levels: list[LoadedDocument],
        parts: tuple[AlignedParts, ...],
        sensitivity: Sensitivity,
        command: str | None,
        before: Snapshot | None,
        current: Callable[[], bool],
    ) -> None:
        if not current():
            self._pending -= 1
            return
        documents = [loaded.document for loaded in levels]
        steps = tuple(p.crosswalk(documents[n], documents[n + 1]) for n, p in enumerate(parts))
        after = Snapshot(
            tuple(levels), steps, tuple(view_of(cw) for cw in steps), tuple(p.orphans for p in parts), self.step, sensitivity
        )
        _next_turn(lambda: self._show_aligned(after, command, before, current))

    def _show_aligned(self, after: Snapshot, command: str | None, before: Snapshot | None, current: Callable[[], bool]) -> None:
        self._pending -= 1
        if not current():
            return
        before = before or self.snapshot()
        after = replace(after, step=min(self.step, len(after.steps) - 1))  # the reviewer may have switched pairs meanwhile
        if command is not None and before is not None:
            self.undo_stack.push(CrosswalkCommand(command, before, after, self._apply))
        else:
            self._apply(after)
        count = sum(decision_count(o) for o in self._orphans)
        if count:
            self.orphansFound.emit(count)

    def _apply(self, snapshot: Snapshot) -> None:
        chain_changed = not self._holds(list(snapshot.levels))
        switched = chain_changed or snapshot.step != self.step
        self.levels = list(snapshot.levels)
        self.steps = list(snapshot.steps)
        self.views = list(snapshot.views)
        self._orphans = list(snapshot.orphans)
        self.step = snapshot.step
        self._chain_change = None  # an undo past a chain still being read abandons that chain
        self.sensitivity = snapshot.sensitivity
        self.sensitivityChanged.emit(self.sensitivity.value)
        if chain_changed:
            self.chainChanged.emit()
        if switched:  # an undo of a decision made on another pair (or chain) shows that pair
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
        after = replace(before, steps=tuple(steps), views=tuple(views))
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

    def open_session(self, path: Path, recovered: bool = False, save_to: Path | None = None) -> None:
        """Open a saved session. A `recovered` autosave is unsaved work; `save_to` is the session
        file it came from (saving goes there), if it had one.

        The session names files to read: `approve_paths` sees them first and may refuse."""
        try:
            session = load_session(path)  # a small JSON file: what it names is checked before anything is read
        except Exception as exc:  # noqa: BLE001 — reported like a background job's failure, never raised
            self.failed.emit(self.tr("打开审核进度"), exc)
            return
        if not self.approve_paths(path, tuple(Path(ref.path) for ref in session.documents)):
            return
        self._start(
            "session",
            read_session_documents,
            (session,),
            lambda loaded: self._on_session_read(save_to if recovered else path, recovered, session, loaded),
            lambda exc: self.failed.emit(self.tr("打开审核进度"), exc),
        )

    def _on_session_read(self, path: Path | None, recovered: bool, session: Session, loaded: tuple[LoadedDocument, ...]) -> None:
        self.levels = list(loaded)
        self.step = 0
        self._forget_review(len(loaded))
        self._unsaved_beyond_undo = recovered
        self.session_path = path
        self.sensitivity = session.sensitivity
        self.chainChanged.emit()
        self.documentLoaded.emit(Side.UPPER.value)
        self.documentLoaded.emit(Side.LOWER.value)
        changed = tuple(ref for ref, now in zip(session.documents, loaded) if ref.sha256 != now.sha256)
        self.sessionOpened.emit(session, changed)
        self._align(session.sensitivity, reviews=session.reviews)

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


def decision_count(review: ReviewState) -> int:
    return len(review.links) + len(review.not_applicable) + len(review.item_notes)
