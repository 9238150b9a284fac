"""Undo commands: each review decision swaps one immutable Crosswalk value for another."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from compare.alignment.crosswalk import Crosswalk, Sensitivity
from ui.rows import CrosswalkView


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a command restores: the crosswalk of every pair of the chain with what the views show
    for it, the pair on show, and the sensitivity they were aligned with."""

    steps: tuple[Crosswalk, ...]
    views: tuple[CrosswalkView, ...]
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
