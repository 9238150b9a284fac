"""Background jobs run in a child process: results arrive on the GUI thread, a newer job makes
older results stale, cancelling kills the process, and errors come back as the user's message."""
from __future__ import annotations

import os
import sys

import pytest

from compare.errors import ReadError
from tests.ui import job_functions
from tests.ui.conftest import ENGINE_WAIT
from ui.jobs import PROJECT_ROOT, JobCrashed, JobRunner


@pytest.fixture
def runner(qapp):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def idle(runner):
    return lambda busy: not busy


def test_result_arrives_from_another_process(qtbot, runner):
    results, progress = [], []
    runner.progress.connect(lambda channel, done, total: progress.append((channel, done, total)))
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
        runner.start("x", job_functions.answer, (21,), results.append, results.append)
    (value, pid), = results
    assert value == 42 and pid != os.getpid()
    assert ("x", 1, 2) in progress


def test_a_late_result_is_ignored(qtbot, runner, tmp_path):
    flag = tmp_path / "go"
    delivered = []
    runner.start("align", job_functions.wait_for, (flag, "old"), delivered.append, delivered.append)
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
        runner.start("align", job_functions.answer, (1,), lambda r: delivered.append("new"), delivered.append)
    flag.write_text("go")
    assert runner.wait(10000)
    assert delivered == ["new"]


def test_cancel_kills_the_process_and_reports_nothing(qtbot, runner, tmp_path):
    started = tmp_path / "started"
    outcomes = []
    runner.start("export", job_functions.mark_and_sleep, (started,), outcomes.append, outcomes.append)
    qtbot.waitUntil(started.exists, timeout=ENGINE_WAIT)
    with qtbot.waitSignal(runner.busyChanged):
        runner.cancel()
    assert runner.wait(5000)
    assert outcomes == []
    assert not runner.is_busy()


def test_a_users_error_arrives_as_itself(qtbot, runner):
    failures = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
        runner.start("x", job_functions.refuse, ("坏文件.docx",), failures.append, failures.append)
    (error,) = failures
    assert isinstance(error, ReadError) and "坏文件.docx" in error.message and error.advice == "请换一份文件"


def test_a_defect_is_logged_and_reported(qtbot, runner, caplog):
    failures = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
        runner.start("x", job_functions.defect, (), failures.append, failures.append)
    assert isinstance(failures[0], JobCrashed)
    assert "a defect" in caplog.text


def test_processes_are_kept_for_the_next_job_and_ended_at_shutdown(qtbot, qapp):
    runner = JobRunner()
    runner.prepare()
    results = []
    for value in (1, 2):
        with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
            runner.start("x", job_functions.answer, (value,), results.append, results.append)
    assert [value for value, _ in results] == [2, 4]
    assert results[0][1] == results[1][1]  # the same warm process ran both
    pid = results[0][1]
    runner.shutdown()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for the installed program is a shell script")
def test_the_installed_program_starts_its_workers_through_main(qtbot, tmp_path, monkeypatch):
    """A frozen build has no `python -m`: the runner starts the program itself with --worker."""
    program = tmp_path / "duibiao"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{PROJECT_ROOT / "main.py"}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    runner = JobRunner()
    try:
        results = []
        with qtbot.waitSignal(runner.busyChanged, check_params_cb=idle(runner), timeout=ENGINE_WAIT):
            runner.start("x", job_functions.answer, (5,), results.append, results.append)
        assert results[0][0] == 10
    finally:
        runner.shutdown()
