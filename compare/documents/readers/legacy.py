"""Legacy Word (.doc), WPS (.wps) and RTF files: converted to .docx by LibreOffice, then read as .docx.

No Python library reads these binary formats, so a headless LibreOffice does the conversion when
it is installed: with a profile of its own (a user's running LibreOffice would otherwise swallow
the request), a time limit, and one conversion at a time.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import ReadError
from compare.documents.model import RawDocument
from compare.documents.readers.office_locator import HOW_TO_GET_LIBREOFFICE, find_soffice, office_environment

if TYPE_CHECKING:
    from compare.documents.readers import ReadOptions

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60
_CONVERSION_LOCK = threading.Lock()
_SAVE_AS_DOCX = "请在 Word 或 WPS 中打开该文件，另存为 .docx 后再打开"


def _kind(path: Path) -> tuple[str, str]:
    """(format name, how a user calls it) from the extension."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "wps":
        return "wps", "WPS 文字文件（.wps）"
    if suffix == "rtf":
        return "rtf", "RTF 文件"
    return "doc", "旧版 Word 文件（.doc）"


def _run(command: list[str]) -> None:
    """Run LibreOffice; on timeout end it together with the processes it started."""
    flags = {"start_new_session": True} if os.name == "posix" else {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=office_environment(), **flags  # type: ignore[call-overload]
    ) as process:
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:
                subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
            process.communicate()
            raise
    if process.returncode:
        log.warning("soffice exited with %s: %s", process.returncode, stderr.decode(errors="replace")[-500:])


def read_legacy(path: Path, options: "ReadOptions") -> RawDocument:
    """Convert `path` to .docx with LibreOffice and read the result."""
    path = Path(path)
    fmt, described = _kind(path)
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(path, f"这是{described}，需要先转换为 .docx 才能读取", f"{_SAVE_AS_DOCX}；{HOW_TO_GET_LIBREOFFICE}")
    with _CONVERSION_LOCK, tempfile.TemporaryDirectory(prefix="duibiao-convert-") as temp:
        work = Path(temp)
        # A plain ASCII copy: LibreOffice mishandles some non-ASCII paths and would lock the original.
        source = work / f"source{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, source)
        outdir = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", str(outdir),
            str(source),
        ]
        try:
            _run(command)
        except subprocess.TimeoutExpired as exc:
            raise ReadError(path, f"转换超时（{TIMEOUT_SECONDS} 秒内没有完成）", _SAVE_AS_DOCX) from exc
        except OSError as exc:
            raise ReadError(path, f"无法启动 LibreOffice 转换{described}（{exc.strerror or exc}）", _SAVE_AS_DOCX) from exc
        converted = outdir / "source.docx"
        if not converted.exists() or converted.stat().st_size == 0:
            raise ReadError(path, f"{described}无法转换（文件可能已损坏或设置了打开密码）", _SAVE_AS_DOCX)
        from compare.documents.readers.docx_reader import read_docx

        try:
            raw = read_docx(converted, options)
        except ReadError as exc:
            raise ReadError(path, exc.problem, exc.advice) from exc
    warning = f"该文件是{described}，已自动转换为 .docx 后读取；自动编号和表格请对照原文核对。"
    return dataclasses.replace(raw, path=str(path), format=fmt, warnings=(*raw.warnings, warning))
