"""Legacy Word (.doc), WPS (.wps) and RTF files: converted to .docx by LibreOffice, then read as .docx.

No Python library reads these binary formats, so a headless LibreOffice does the conversion when
it is installed: with a profile of its own (a user's running LibreOffice would otherwise swallow
the request), a time limit, and one conversion at a time.

A document can link pictures and text by address, and LibreOffice fetches them while loading,
so a sender would learn who opened the file and when (and, from a Windows share path, the
user's login hash). The private profile therefore has no network access: LibreOffice's http,
https, WebDAV, FTP and CMIS content providers are removed from it, links are never updated and
macros never run. Paths to a network share are plain file access that no setting stops, so a
document naming one is refused before LibreOffice sees it.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
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

# LibreOffice's own names for its network content providers (org.openoffice.ucb.Configuration).
_NETWORK_PROVIDERS = ("Provider3", "Provider4", "Provider4a", "Provider12", "Provider12a", "Provider12b", "Provider6", "Provider43")
_PROFILE_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys/Office/ProviderData">{
    "".join(f'<node oor:name="{name}" oor:op="remove"/>' for name in _NETWORK_PROVIDERS)}</item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""
# A Windows share path (\\server\share; backslashes doubled in field codes) or a file URL with a
# host, as 8-bit text and as UTF-16LE (Word stores field codes in either). Each starts with a
# literal, which keeps the search fast on a large file; none matches in 200 MB of random bytes.
_SHARE_PATHS = (
    re.compile(rb"\\\\\\*[A-Za-z0-9][A-Za-z0-9.$_-]+\\+[^\\\s\"<>|{}\x00-\x1f]{1,64}"),
    re.compile(rb"\\\x00\\\x00(?:\\\x00)*[A-Za-z0-9]\x00(?:[A-Za-z0-9.$_-]\x00)+(?:\\\x00)+"
               rb"(?:[^\\\x00-\x1f\"<>|]\x00|[\x00-\xff][\x01-\xff]){1,64}"),
)
_FILE_URLS = (  # searched in the lower-cased bytes: FILE:// is a file URL too
    re.compile(rb"file:(?:[/\\]{2}|[/\\]{4,})[a-z0-9][a-z0-9.-]{0,63}"),
    re.compile(rb"f\x00i\x00l\x00e\x00:\x00(?:(?:[/\\]\x00){2}|(?:[/\\]\x00){4,})(?:[a-z0-9.-]\x00){1,64}"),
)
_RTF_HEX = re.compile(rb"\\'([0-9a-fA-F]{2})")
_RTF_UNICODE = re.compile(rb"\\u(-?[0-9]{1,5}) ?\??")


def share_path(data: bytes) -> str | None:
    """The first path to a network share (or a file URL with a host) that `data` names, if any."""
    if data.startswith(b"{\\rtf"):  # RTF may spell a backslash \'5c or \u92, and 公 \u20844?
        data = _RTF_HEX.sub(lambda m: bytes.fromhex(m.group(1).decode()), data)
        data = _RTF_UNICODE.sub(lambda m: chr(int(m.group(1)) % 65536).encode("utf-8", "replace"), data)
    lowered = data.lower()
    searches = [(pattern, data) for pattern in _SHARE_PATHS] + [(pattern, lowered) for pattern in _FILE_URLS]
    for pattern, haystack in searches:
        if found := pattern.search(haystack):
            return _shown(found.group(0))
    return None


def _shown(path: bytes) -> str:
    """A found path as the user would write it: field codes double every backslash."""
    if path[1:2] == b"\x00":
        text = path.decode("utf-16-le", "replace")
    else:
        try:
            text = path.decode("utf-8")
        except UnicodeDecodeError:
            text = path.decode("gb18030", "replace")
    text = re.sub(r"\\+", r"\\", text)
    return text if text.startswith("file:") else "\\" + text


def _write_profile(folder: Path) -> str:
    """A LibreOffice user profile without network access; its URL for -env:UserInstallation."""
    user = folder / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return folder.as_uri()


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
    if shared := share_path(path.read_bytes()):
        raise ReadError(
            path,
            f"文档中有指向其他电脑共享文件夹的链接（{shared}），转换时会访问该位置，为安全起见未转换",
            "请向发文单位索取 .docx 版本；如确认文件可信，可在 Word 或 WPS 中打开并另存为 .docx 后再打开",
        )
    with _CONVERSION_LOCK, tempfile.TemporaryDirectory(prefix="duibiao-convert-") as temp:
        work = Path(temp)
        # A plain ASCII copy: LibreOffice mishandles some non-ASCII paths and would lock the original.
        source = work / f"source{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, source)
        outdir = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={_write_profile(work / 'profile')}",
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
