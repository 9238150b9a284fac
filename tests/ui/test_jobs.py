"""Background jobs: results arrive on the GUI thread; a newer job's start makes older results stale."""
from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from compare.errors import Cancelled
from ui.jobs import JobRunner


def test_result_arrives_on_the_gui_thread(qtbot, qapp):
    runner = JobRunner()
    results, threads = [], []

    def work(ctx):
        threads.append(QThread.currentThread())
        ctx.progress(1, 2)
        return 42

    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        runner.start("x", work, lambda r: results.append((r, QThread.currentThread())), results.append)
    assert results == [(42, qapp.thread())]
    assert threads and threads[0] is not qapp.thread()


def test_a_late_result_is_ignored(qtbot, qapp):
    runner = JobRunner()
    release = threading.Event()
    delivered = []

    def slow(ctx):
        release.wait(10)
        return "old"

    runner.start("align", slow, delivered.append, delivered.append)
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        runner.start("align", lambda ctx: "new", delivered.append, delivered.append)
    release.set()
    assert runner.wait(10000)
    qapp.processEvents()  # deliver the old job's queued signals, to show they are dropped
    assert delivered == ["new"]


def test_cancel_stops_the_job_and_reports_nothing(qtbot, qapp):
    runner = JobRunner()
    started = threading.Event()
    outcomes = []

    def cancellable(ctx):
        started.set()
        while not ctx.is_cancelled():
            QThread.msleep(5)
        raise Cancelled()

    runner.start("export", cancellable, outcomes.append, outcomes.append, lambda: outcomes.append("cancelled"))
    assert started.wait(5)
    with qtbot.waitSignal(runner.busyChanged):
        runner.cancel()
    assert runner.wait(5000)
    qapp.processEvents()
    assert outcomes == []
    assert not runner.is_busy()


def test_failures_are_handed_over(qtbot):
    runner = JobRunner()
    failures = []

    def broken(ctx):
        raise ValueError("boom")

    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy):
        runner.start("x", broken, lambda r: None, failures.append)
    assert isinstance(failures[0], ValueError)
