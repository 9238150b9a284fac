"""Build the installable program: one folder that runs without Python, plus an archive (and on
Windows an installer when Inno Setup is present).

    python packaging/build.py [--dist DIR]

Run it with the project's environment and the packaging extra installed
(`pip install -e ".[package]"`); packaging/build_linux.sh and packaging/build_windows.ps1 do both.
Output: DIR/Duibiao/ (the program folder), DIR/Duibiao-<version>-linux-x86_64.tar.gz or
DIR/Duibiao-<version>-windows-x64.zip, and DIR/Duibiao-<version>-setup.exe when ISCC is found.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import struct
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ICON = ROOT / "resources" / "icons" / "duibiao.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from for menus, Explorer and the taskbar
LINUX_DESKTOP_FILES = ("duibiao.desktop", "duibiao-mime.xml", "install-desktop-entry.sh")


def render_png(size: int) -> bytes:
    """The app icon drawn at `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(APP_ICON)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista): header, directory, images."""
    directory, images = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in pngs.items():
        # width, height (0 means 256), colours, reserved, planes, bits per pixel, bytes, offset
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return struct.pack("<HHH", 0, 1, len(pngs)) + directory + images


def make_icons(folder: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (painting needs one)
    folder.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(size) for size in ICON_SIZES}
    (folder / "duibiao.png").write_bytes(pngs[256])
    (folder / "duibiao.ico").write_bytes(ico(pngs))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path, icons: Path) -> Path:
    import PyInstaller.__main__

    os.environ["DUIBIAO_ICONS"] = str(icons)
    PyInstaller.__main__.run([
        str(PACKAGING / "duibiao.spec"), "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ])
    return dist / "Duibiao"


def add_linux_desktop_files(program: Path, icons: Path) -> None:
    """The .desktop entry, the .duibiao MIME type and the icon, with the script that installs them."""
    for name in LINUX_DESKTOP_FILES:
        shutil.copy2(PACKAGING / "linux" / name, program / name)
    shutil.copy2(icons / "duibiao.png", program / "duibiao.png")


def windows_installer(program: Path, dist: Path, icons: Path, app_version: str) -> Path | None:
    """Run Inno Setup's compiler when it is installed; the script is packaging/windows/duibiao.iss."""
    default = Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    iscc = shutil.which("iscc") or (str(default) if default.is_file() else None)
    if iscc is None:
        print("Inno Setup (ISCC.exe) not found: the zip only, no installer.")
        return None
    subprocess.run([
        iscc, f"/DAppVersion={app_version}", f"/DSourceDir={program}", f"/DIconFile={icons / 'duibiao.ico'}",
        f"/O{dist}", str(PACKAGING / "windows" / "duibiao.iss"),
    ], check=True)
    return dist / f"Duibiao-{app_version}-setup.exe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    args = parser.parse_args()
    dist, work = args.dist.resolve(), ROOT / "build" / "pyinstaller"
    icons = ROOT / "build" / "icons"
    app_version = version("duibiao")
    started = time.monotonic()

    make_icons(icons)
    program = run_pyinstaller(dist, work, icons)
    windows = sys.platform == "win32"
    if not windows:
        add_linux_desktop_files(program, icons)
    target = "windows-x64" if windows else f"{sys.platform}-{platform.machine()}"
    archive = shutil.make_archive(
        str(dist / f"Duibiao-{app_version}-{target}"), "zip" if windows else "gztar", dist, program.name
    )
    built = [Path(archive)]
    if windows and (installer := windows_installer(program, dist, icons, app_version)):
        built.append(installer)

    print(f"program folder: {program} ({folder_size(program) / 2**20:.0f} MiB)")
    for path in built:
        print(f"built: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    print(f"build time: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
