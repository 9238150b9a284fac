"""Atomic file writes: write a temporary file beside the target, then replace it.

A report open in Word/Excel on Windows, or briefly held by an antivirus scanner, makes the
replace fail with PermissionError; we retry a few times, then give a message that says what to do.
Nothing half-written is ever left under the target name. A temporary file is removed when the
write fails or is interrupted; one left by a killed process is removed by the next write of the
same target.
"""
from __future__ import annotations

import glob
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from compare.errors import WriteError, describe_os_error

RETRIES = 5
RETRY_DELAY_S = 0.2


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once at start-up: os.umask can only be read by setting it


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` and move the result to `path` in one step."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise WriteError(path, "保存位置的文件夹不存在", "请选择一个已有的文件夹")
        if path.is_dir():
            raise WriteError(path, "同名的文件夹已存在", "请另取一个文件名")
        _remove_stale_temporaries(path, folder)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=folder)
    except PermissionError as exc:
        raise WriteError(path, "没有在该文件夹中保存文件的权限", "请另选一个文件夹（例如“文档”或桌面）") from exc
    except OSError as exc:
        raise WriteError(path, f"无法在该文件夹中创建文件（{describe_os_error(exc)}）", "请另选一个文件夹或更短的文件名") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes owner-only files; a report is an ordinary file
        for attempt in range(RETRIES):
            try:
                os.replace(tmp, path)
                break
            except PermissionError:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(RETRY_DELAY_S)
    except PermissionError as exc:
        raise WriteError(path, "文件正被其他程序打开或没有写入权限", "请先关闭该文件（例如在 Excel、Word 或 WPS 中打开的同名文件）后重试") from exc
    except OSError as exc:
        raise WriteError(path, f"写入失败（{describe_os_error(exc)}）", "请检查磁盘空间后重试，或另选保存位置") from exc
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
    return path


def _remove_stale_temporaries(path: Path, folder: Path) -> None:
    """Remove the temporary files a killed writer of `path` left beside it (named as `mkstemp` names ours)."""
    own = re.compile(rf"\.{re.escape(path.stem)}\.[a-z0-9_]{{8}}{re.escape(path.suffix)}\.tmp")
    for candidate in folder.glob(f".{glob.escape(path.stem)}.*.tmp"):
        if own.fullmatch(candidate.name):
            candidate.unlink(missing_ok=True)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))
