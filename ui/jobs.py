"""Background work: reading, aligning and exporting run on a QThreadPool, off the GUI thread.

A job's function gets a `JobContext` (progress + cancel flag) and returns a value; it never
touches a widget. Results come back through `JobSignals`, which lives on the GUI thread, so the
slots run there. Each job carries a generation number per channel ("upper", "align", …): when a
newer job of the same channel has started, the older one's result is dropped on arrival.
"""
from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from compare.errors import Cancelled

log = logging.getLogger(__name__)

# While a job computes, every paint calls back into Python (models, delegates) and must win the
# GIL from the worker each time. The default 5 ms switch interval makes a paint with hundreds of
# such calls wait for seconds; 0.5 ms keeps the window responsive at a small cost to the job.
GIL_SWITCH_INTERVAL_S = 0.0005
sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


@dataclass
class JobContext:
    """What a job's function may use: report progress and ask whether to stop."""

    _progress: Callable[[int, int], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int) -> None:
        self._progress(done, total)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class JobSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, channel: str, generation: int, fn: Callable[[JobContext], Any]) -> None:
        super().__init__()
        self.channel = channel
        self.generation = generation
        self.signals = JobSignals()
        self.context = JobContext(self.signals.progress.emit)
        self._fn = fn

    def cancel(self) -> None:
        self.context._cancel.set()

    def run(self) -> None:  # worker thread: emit only, never touch widgets
        try:
            result = self._fn(self.context)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # handed to the GUI thread, which shows or logs it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class JobRunner(QObject):
    """Starts jobs and delivers only the newest job's outcome of each channel."""

    busyChanged = Signal(bool)
    progress = Signal(str, int, int)  # channel, done, total

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation: dict[str, int] = {}
        self._running: dict[str, Job] = {}
        self._alive: set[Job] = set()  # cancelled jobs still run to their end; keep them referenced

    def is_busy(self, channel: str | None = None) -> bool:
        return bool(self._running) if channel is None else channel in self._running

    def start(
        self,
        channel: str,
        fn: Callable[[JobContext], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_cancel: Callable[[], None] = lambda: None,
    ) -> int:
        """Run `fn` in the pool; an older job of `channel` is cancelled and its result ignored."""
        self.cancel(channel)
        generation = self._generation.get(channel, 0) + 1
        self._generation[channel] = generation
        job = Job(channel, generation, fn)
        job.setAutoDelete(False)  # we keep it (and its signals object) until it reports

        def current() -> bool:
            return self._generation.get(channel) == generation

        def report_progress(done: int, total: int) -> None:
            if current():
                self.progress.emit(channel, done, total)

        def finish(callback: Callable[..., None], *args: Any) -> None:
            self._alive.discard(job)
            if self._running.get(channel) is job:
                del self._running[channel]
                if not self._running:
                    self.busyChanged.emit(False)
            if current():
                callback(*args)
            else:
                log.debug("dropped a late result of %s #%d", channel, generation)

        job.signals.progress.connect(report_progress)
        job.signals.succeeded.connect(lambda result: finish(on_success, result))
        job.signals.failed.connect(lambda exc: finish(on_failure, exc))
        job.signals.cancelled.connect(lambda: finish(on_cancel))
        was_idle = not self._running
        self._running[channel] = job
        self._alive.add(job)
        if was_idle:
            self.busyChanged.emit(True)
        self._pool.start(job)
        return generation

    def cancel(self, channel: str | None = None) -> None:
        """Ask running jobs to stop; their outcome will be ignored."""
        was_busy = bool(self._running)
        for name, job in list(self._running.items()):
            if channel is None or name == channel:
                job.cancel()
                self._generation[name] = self._generation.get(name, 0) + 1
                del self._running[name]
        if was_busy and not self._running:
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (used at shutdown so no worker outlives the window)."""
        return self._pool.waitForDone(msecs)
