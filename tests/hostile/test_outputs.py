"""Where results go: odd output paths get a Chinese message, a failed or killed export leaves no
temporary files and says what it wrote."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.atomic_write import write_bytes_atomic
from tests.conftest import PROJECT
from tests.hostile.conftest import assert_refused, run_main
from tests.ui.conftest import LOWER_TEXT, UPPER_TEXT

LONG_NAME = "长" * 100  # 300 bytes in UTF-8: more than any common file system allows in one name


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    upper, lower = tmp_path / "上级.txt", tmp_path / "本级.txt"
    upper.write_text(UPPER_TEXT, encoding="utf-8")
    lower.write_text(LOWER_TEXT, encoding="utf-8")
    return upper, lower


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_loop_as_output(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    result = run_main("compare", *pair, "--out", tmp_path / "a.json")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["format"] == "duibiao-crosswalk"


def test_an_output_name_too_long_says_what_was_saved(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    result = run_main(
        "compare", *pair, "--out", tmp_path / "结果.json", "--out", tmp_path / f"{LONG_NAME}.xlsx", "--out", tmp_path / "报告.docx"
    )
    assert_refused(result, "文件名或路径过长", "已保存：结果.json", f"未保存：{LONG_NAME}.xlsx、报告.docx")
    assert (tmp_path / "结果.json").is_file() and not (tmp_path / "报告.docx").exists()
    assert temporaries(tmp_path) == []


def test_a_temporary_file_left_by_a_killed_export_is_removed(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "结果.json"
    (tmp_path / ".结果.k3x_9a2b.json.tmp").write_bytes(b"half")  # what mkstemp named a killed writer's file
    (tmp_path / ".结果.json.tmp").write_bytes(b"not ours")
    write_bytes_atomic(out, b"{}")
    assert temporaries(tmp_path) == [".结果.json.tmp"]


def test_an_interrupted_write_removes_its_temporary_file(tmp_path: Path) -> None:
    from compare.atomic_write import write_atomic

    def interrupted(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "结果.xlsx", interrupted)
    assert list(tmp_path.iterdir()) == []


KILLED_DURING_EXPORT = """
import os, signal, sys
sys.path.insert(0, {project!r})
import compare.atomic_write as atomic_write
write_atomic = atomic_write.write_atomic

def killed_midway(path, write):
    def write_then_die(tmp):
        write(tmp)
        os.kill(os.getpid(), signal.SIGTERM)  # what `kill` or a closing terminal sends
    return write_atomic(path, write_then_die)

atomic_write.write_atomic = killed_midway
import main
sys.exit(main.main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is a POSIX signal")
def test_a_command_killed_during_an_export_leaves_no_temporary_file(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "结果.json"
    result = subprocess.run(
        [sys.executable, "-c", KILLED_DURING_EXPORT.format(project=str(PROJECT)), "compare", *map(str, pair), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 130 and "已中断" in result.stderr
    assert not out.exists() and temporaries(tmp_path) == []
