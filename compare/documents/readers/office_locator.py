"""Where LibreOffice's `soffice` is, and how to run it from the installed (frozen) program.

.doc, .wps and .rtf files are converted by LibreOffice. On Linux it is on PATH; on Windows it is
rarely on PATH, so the folders its installers use are searched too: the install path the
installer records in the registry (any drive, any folder the user chose), Program Files (64- and
32-bit, including the versioned "LibreOffice 5" folders of old installers), and the per-user
install under LocalAppData. WPS Office and Microsoft Word have no command-line converter that we
could drive, so their users are told to save as .docx instead.
"""
from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

# Shown when no LibreOffice is found: where to get it, and that nothing else needs doing after.
HOW_TO_GET_LIBREOFFICE = (
    "也可以安装免费的 LibreOffice（在 https://zh-cn.libreoffice.org/download/ 下载，安装时保持默认位置），"
    "装好后重新打开该文件即可自动转换"
)

_REGISTRY_KEY = r"SOFTWARE\LibreOffice\UNO\InstallPath"  # its default value is the …\program folder


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH, or where a Windows installer put it; None if absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for candidate in windows_candidates(os.environ, _registered_program_folders()):
            if candidate.is_file():
                return str(candidate)
    return None


def windows_candidates(environ: Mapping[str, str], registered: Iterable[Path] = ()) -> list[Path]:
    """Possible soffice.exe paths on Windows, most trustworthy first (without checking they exist)."""
    folders = list(registered)
    roots = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    for root in dict.fromkeys(r for r in roots if r):  # the same folder once, in order
        installs = sorted(Path(root).glob("LibreOffice*"), reverse=True)  # "LibreOffice", then "LibreOffice 7" …
        folders += [install / "program" for install in [Path(root) / "LibreOffice", *installs]]
    if local := environ.get("LOCALAPPDATA"):
        folders.append(Path(local) / "Programs" / "LibreOffice" / "program")
    return [folder / "soffice.exe" for folder in dict.fromkeys(folders)]


def _registered_program_folders() -> list[Path]:
    """The program folders LibreOffice's installer recorded, machine-wide and per user, 64- and 32-bit."""
    import winreg  # Windows only

    folders = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for view in (winreg.KEY_WOW64_64KEY, winreg.KEY_WOW64_32KEY):
            try:
                with winreg.OpenKey(hive, _REGISTRY_KEY, 0, winreg.KEY_READ | view) as key:
                    value, _ = winreg.QueryValueEx(key, "")
            except OSError:
                continue
            if isinstance(value, str) and value:
                folders.append(Path(value))
    return folders


def office_environment() -> dict[str, str] | None:
    """The environment to start LibreOffice with: the user's own, not the installed program's.

    The Linux build's launcher puts its bundled libraries first on LD_LIBRARY_PATH and keeps the
    user's value in LD_LIBRARY_PATH_ORIG; LibreOffice would load our libraries instead of its own
    and fail. None (inherit unchanged) when running from source or on Windows and macOS.
    """
    if not getattr(sys, "frozen", False) or sys.platform != "linux":
        return None
    environment = dict(os.environ)
    original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        environment.pop("LD_LIBRARY_PATH", None)
    else:
        environment["LD_LIBRARY_PATH"] = original
    return environment
