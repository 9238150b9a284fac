"""Background work: reading, aligning and exporting run in a separate process, off the GUI thread.

A job is a plain function of picklable arguments (see `ui.background_tasks`) run by
`ui.worker_process` in a child Python process. A thread would share the GIL with the window:
every paint calls back into Python and would wait for the engine, so the window stalls for
hundreds of milliseconds on large documents. A process shares nothing; cancelling kills it.

Processes are started ahead of need and kept between jobs (up to `IDLE_PROCESSES` wait idle), so
the engine's imports are already done when a job arrives. Jobs run per channel ("level0",
"align", …): when a newer job of the same channel starts, the older one is killed and its outcome
is never delivered.
"""
from __future__ import annotations

import logging
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the folder holding `compare`, `exporters` and `ui`
WORKER_ARGUMENT = "--worker"  # the installed (frozen) program has no `-c`: main.py runs the worker on this
IDLE_PROCESSES = 2  # opening two documents reads both at once


def worker_command() -> tuple[str, list[str]]:
    """The program and arguments that start a background process (`ui.worker_process`).

    Python in isolated mode (-I): neither the launch folder, nor PYTHONPATH, nor the user's own
    site-packages are on the import path, so a `pickle.py` or `numpy.py` planted beside a document
    cannot run in the worker; only the program's own folder is added, first. -X utf8 keeps its
    output UTF-8 on a Chinese Windows as well. The installed (frozen) program runs itself with
    --worker: it imports only what it was built with.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, [WORKER_ARGUMENT]
    bootstrap = (
        f"import sys; sys.path.insert(0, {str(PROJECT_ROOT)!r}); "
        "from ui.worker_process import main; sys.exit(main())"
    )
    return sys.executable, ["-I", "-X", "utf8", "-c", bootstrap]


class JobCrashed(RuntimeError):
    """The background process failed in a way that is a defect, not bad input (logged in full)."""


@dataclass(eq=False)
class _Job:
    channel: str
    process: QProcess
    request: Path
    result: Path
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException], None]
    output: bytearray = field(default_factory=bytearray)
    cancelled: bool = False


class JobRunner(QObject):
    """Starts jobs in child processes and delivers only the newest job's outcome of each channel."""

    busyChanged = Signal(bool)
    progress = Signal(str, int, int)  # channel, done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = Path(tempfile.mkdtemp(prefix="duibiao-jobs-"))
        self._running: dict[str, _Job] = {}
        self._alive: set[_Job] = set()  # killed jobs until their process has ended
        self._idle: list[QProcess] = []
        self._jobs: dict[QProcess, _Job] = {}
        self._count = 0

    def is_busy(self, channel: str | None = None) -> bool:
        return bool(self._running) if channel is None else channel in self._running

    # --- processes ---------------------------------------------------------------------------

    def _spawn(self) -> QProcess:
        process = QProcess(self)
        program, arguments = worker_command()
        process.setProgram(program)
        process.setArguments(arguments)
        process.finished.connect(self._on_process_finished)  # a crash during a job, or an idle process ending
        process.start()
        return process

    def prepare(self) -> None:
        """Start idle processes now, so the next jobs do not wait for the engine to load."""
        self._idle = [p for p in self._idle if p.state() != QProcess.NotRunning]
        while len(self._idle) < IDLE_PROCESSES:
            self._idle.append(self._spawn())

    def _take_process(self) -> QProcess:
        while self._idle:
            process = self._idle.pop(0)
            if process.state() != QProcess.NotRunning:
                return process
            process.deleteLater()
        return self._spawn()

    def _retire(self, process: QProcess) -> None:
        """Keep a process that finished its job for the next one (first in line), or let it end."""
        if process.state() == QProcess.NotRunning:
            process.deleteLater()
            return
        self._idle.insert(0, process)
        while len(self._idle) > IDLE_PROCESSES:
            extra = self._idle.pop()
            extra.closeWriteChannel()  # a process ends when its stdin closes
            extra.finished.connect(extra.deleteLater)

    # --- jobs --------------------------------------------------------------------------------

    def start(
        self,
        channel: str,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run `function(*args, progress)` in a child process; an older job of `channel` is killed."""
        self.cancel(channel)
        self._count += 1
        request = self._folder / f"job{self._count}.in"
        result = self._folder / f"job{self._count}.out"
        with request.open("wb") as f:
            pickle.dump((function, args), f, protocol=pickle.HIGHEST_PROTOCOL)
        process = self._take_process()
        job = _Job(channel, process, request, result, on_success, on_failure)
        # Bound methods and `sender()`, not lambdas holding the job: a lambda would tie the
        # runner into a reference cycle that the garbage collector frees at a random moment.
        self._jobs[process] = job
        process.readyReadStandardOutput.connect(self._on_process_ready_read_standard_output)
        process.errorOccurred.connect(self._on_process_error_occurred)
        process.write(f"{request}\t{result}\n".encode("utf-8"))
        was_idle = not self._running
        self._running[channel] = job
        self._alive.add(job)
        if was_idle:
            self.busyChanged.emit(True)
        if not self._idle:
            self.prepare()

    def _current(self, job: _Job) -> bool:
        return not job.cancelled and self._running.get(job.channel) is job

    def _on_process_ready_read_standard_output(self) -> None:
        if (job := self._jobs.get(self.sender())) is not None:
            self._on_output(job)

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if (job := self._jobs.get(process)) is not None:  # died during a job: a crash or a kill
            self._on_finished(job, code, status)
        elif process in self._idle:
            self._idle.remove(process)
            process.deleteLater()

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        if (job := self._jobs.get(self.sender())) is not None:
            self._on_error(job, error)

    def _on_output(self, job: _Job) -> None:
        job.output += bytes(job.process.readAllStandardOutput())
        *lines, rest = job.output.split(b"\n")
        job.output = bytearray(rest)
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[0] == b"progress" and self._current(job):
                self.progress.emit(job.channel, int(parts[1]), int(parts[2]))
            elif parts == [b"done"]:
                self._on_finished(job, 0, QProcess.NormalExit)
                return

    def _on_error(self, job: _Job, error: QProcess.ProcessError) -> None:
        if error == QProcess.FailedToStart:
            self._finish(job, lambda: job.on_failure(JobCrashed(f"无法启动后台进程（{sys.executable}）")))

    def _on_finished(self, job: _Job, code: int, status: QProcess.ExitStatus) -> None:
        """The job's outcome is in its result file (or the process died without one)."""
        if job not in self._alive:
            return
        stderr = bytes(job.process.readAllStandardError()).decode("utf-8", "replace").strip()
        if stderr:
            log.warning("background process said: %s", stderr[-4000:])
        outcome: tuple[str, object] = ("crash", f"exit code {code}, status {status}")
        if status == QProcess.NormalExit and job.result.exists():
            try:
                with job.result.open("rb") as f:
                    outcome = pickle.load(f)
            except Exception as exc:  # a half-written or unreadable result is a crash of the job
                outcome = ("crash", repr(exc))
        kind, value = outcome
        if kind == "ok":
            self._finish(job, lambda: job.on_success(value))
        elif kind == "error":
            self._finish(job, lambda: job.on_failure(value))
        else:
            if not job.cancelled:
                log.error("background job %s failed:\n%s", job.channel, value)
            self._finish(job, lambda: job.on_failure(JobCrashed(str(value))))

    def _finish(self, job: _Job, deliver: Callable[[], None]) -> None:
        if job not in self._alive:
            return  # both errorOccurred and finished reported this job
        self._alive.discard(job)
        self._jobs.pop(job.process, None)
        current = self._current(job)
        if self._running.get(job.channel) is job:
            del self._running[job.channel]
            if not self._running:
                self.busyChanged.emit(False)
        job.request.unlink(missing_ok=True)
        job.result.unlink(missing_ok=True)
        job.process.readyReadStandardOutput.disconnect(self._on_process_ready_read_standard_output)
        job.process.errorOccurred.disconnect(self._on_process_error_occurred)
        if job.cancelled or job.process.state() == QProcess.NotRunning:
            job.process.finished.connect(job.process.deleteLater)
            if job.process.state() == QProcess.NotRunning:
                job.process.deleteLater()
        else:
            self._retire(job.process)
        if current:
            deliver()
        else:
            log.debug("dropped the outcome of a cancelled %s job", job.channel)

    def cancel(self, channel: str | None = None) -> None:
        """Stop running jobs; their outcome is never delivered."""
        was_busy = bool(self._running)
        for name, job in list(self._running.items()):
            if channel is None or name == channel:
                job.cancelled = True
                del self._running[name]
                job.process.kill()
        if was_busy and not self._running:
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job has reported (running jobs finish, killed ones die)."""
        for job in list(self._alive):
            while job in self._alive and job.process.state() != QProcess.NotRunning:
                if not job.process.waitForReadyRead(msecs):
                    break
                self._on_output(job)
            if job in self._alive:
                job.process.waitForFinished(msecs)
                if job in self._alive:
                    self._on_finished(job, job.process.exitCode(), job.process.exitStatus())
        return not self._alive

    def shutdown(self) -> None:
        """Kill every process and remove the job files (the window closes)."""
        self.cancel()
        self.wait(5000)
        for process in self.findChildren(QProcess):
            if process.state() != QProcess.NotRunning:
                process.kill()
                process.waitForFinished(5000)
        self._idle.clear()
        shutil.rmtree(self._folder, ignore_errors=True)
