"""Job functions for the runner tests. A child process imports this module: no Qt here."""
from __future__ import annotations

import os
import time
from pathlib import Path

from compare.errors import ReadError


def answer(value: int, progress) -> tuple[int, int]:
    progress(1, 2)
    return value * 2, os.getpid()


def wait_for(flag: Path, value: str, progress) -> str:
    """Return `value` once `flag` exists (a test holds the job back with it)."""
    deadline = time.monotonic() + 30
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return value


def mark_and_sleep(started: Path, progress) -> None:
    started.write_text("started", encoding="utf-8")
    time.sleep(60)


def refuse(path: str, progress) -> None:
    raise ReadError(path, "文件已损坏", "请换一份文件")


def defect(progress) -> None:
    raise ValueError("a defect")
