"""Undo commands: each review decision swaps one immutable state of the workbench for another."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from compare.alignment.crosswalk import Crosswalk, ReviewState, Sensitivity
from ui.background_tasks import LoadedDocument
from ui.rows import CrosswalkView


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a command restores: the documents of the chain, the crosswalk of every pair with what
    the views show for it and the decisions naming items that are gone, the pair on show, and the
    sensitivity they were aligned with. Holding the documents lets opening a chain be undone."""

    levels: tuple[LoadedDocument, ...]
    steps: tuple[Crosswalk, ...]
    views: tuple[CrosswalkView, ...]
    orphans: tuple[ReviewState, ...]
    step: int
    sensitivity: Sensitivity


class CrosswalkCommand(QUndoCommand):
    def __init__(self, text: str, before: Snapshot, after: Snapshot, apply: Callable[[Snapshot], None]) -> None:
        super().__init__(text)
        self._before = before
        self._after = after
        self._apply = apply

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)
