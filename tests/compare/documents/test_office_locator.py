"""Finding LibreOffice: PATH first, then the folders Windows installers use; the frozen build's environment."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.documents.readers import office_locator
from compare.documents.readers.office_locator import find_soffice, office_environment, windows_candidates


def _install(folder: Path) -> Path:
    exe = folder / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    return exe


def _windows(monkeypatch: pytest.MonkeyPatch, folders: dict[str, Path]) -> None:
    """Pretend to be a Windows machine without LibreOffice on PATH, with these install roots."""
    monkeypatch.setattr(office_locator.shutil, "which", lambda name: None)
    monkeypatch.setattr(office_locator.sys, "platform", "win32")
    for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
        if name in folders:
            monkeypatch.setenv(name, str(folders[name]))
        else:
            monkeypatch.delenv(name, raising=False)


def test_path_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_locator.shutil, "which", lambda name: f"/opt/{name}" if name == "libreoffice" else None)
    assert find_soffice() == "/opt/libreoffice"


def test_windows_finds_program_files_versioned_and_per_user_installs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program_files, x86, local = tmp_path / "Program Files", tmp_path / "Program Files (x86)", tmp_path / "Local"
    _windows(monkeypatch, {"ProgramFiles": program_files, "ProgramFiles(x86)": x86, "LOCALAPPDATA": local})
    monkeypatch.setattr(office_locator, "_registered_program_folders", lambda: [])
    assert find_soffice() is None

    per_user = _install(local / "Programs" / "LibreOffice")
    assert find_soffice() == str(per_user)
    old_32_bit = _install(x86 / "LibreOffice 5")
    assert find_soffice() == str(old_32_bit)
    current = _install(program_files / "LibreOffice")
    assert find_soffice() == str(current)


def test_windows_prefers_the_folder_the_installer_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path / "Program Files" / "LibreOffice")
    chosen = _install(tmp_path / "D" / "办公软件" / "LibreOffice")
    _windows(monkeypatch, {"ProgramFiles": tmp_path / "Program Files"})
    monkeypatch.setattr(office_locator, "_registered_program_folders", lambda: [chosen.parent])
    assert find_soffice() == str(chosen)


def test_windows_candidates_list_each_folder_once() -> None:
    root = "C:/Program Files"
    candidates = windows_candidates({"ProgramFiles": root, "ProgramW6432": root}, [Path(root) / "LibreOffice" / "program"])
    assert candidates == [Path(root) / "LibreOffice" / "program" / "soffice.exe"]


def test_from_source_libreoffice_inherits_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(office_locator.sys, "frozen", raising=False)
    assert office_environment() is None


def test_the_linux_build_gives_libreoffice_the_users_library_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_locator.sys, "frozen", True, raising=False)
    monkeypatch.setattr(office_locator.sys, "platform", "linux")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/duibiao/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    assert office_environment()["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in office_environment()
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in office_environment()
