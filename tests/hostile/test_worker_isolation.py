"""The background process imports only the program's own modules: a `pickle.py` planted in the
folder the program was started from (or on PYTHONPATH) never runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui import job_functions
from ui.jobs import JobRunner, worker_command

PLANTED = "from pathlib import Path\nPath({marker!r}).write_text('ran')\nraise SystemExit('planted module ran')\n"


@pytest.fixture
def launch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder and PYTHONPATH hold modules named like the standard library's and ours."""
    folder = tmp_path / "下载"
    folder.mkdir()
    for name in ("pickle", "compare", "numpy"):
        (folder / f"{name}.py").write_text(PLANTED.format(marker=str(tmp_path / f"{name}-ran")), encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PYTHONPATH", str(folder))
    return folder


def test_a_planted_module_never_runs_in_the_worker(qtbot, qapp, launch_folder: Path, tmp_path: Path) -> None:
    runner = JobRunner()
    try:
        results = []
        with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=30000):
            runner.start("x", job_functions.answer, (21,), results.append, results.append)
        assert results[0][0] == 42
    finally:
        runner.shutdown()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith("-ran")) == []


def test_the_worker_command_isolates_python() -> None:
    program, arguments = worker_command()
    assert "-I" in arguments  # no launch folder, PYTHONPATH or user site-packages on the import path
