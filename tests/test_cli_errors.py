"""`main.py parse` on bad files: a Chinese message on stderr, a non-zero exit code, no traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def parse(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), "parse", str(path)],
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=PROJECT,
    )


def _scanned_pdf(path: Path) -> None:
    from tests.compare.documents.test_pdf_reader import Image, make_pdf

    make_pdf(path, [[Image()]])


CASES = {
    "missing": (None, "文件不存在"),
    "empty": (lambda p: p.write_bytes(b""), "文件是空的"),
    "image": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(512)), "这是一张图片（PNG）"),
    "encrypted": (
        lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")),
        "设置了打开密码",
    ),
    "scanned": (_scanned_pdf, "这是扫描件（图片）PDF"),
}
NAMES = {"missing": "没有.docx", "empty": "空.txt", "image": "图.txt", "encrypted": "加密.docx", "scanned": "扫描.pdf"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gives_a_message_not_a_traceback(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    path = tmp_path / NAMES[case]
    if make is not None:
        make(path)
    result = parse(path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"错误：无法读取文件“{path.name}”" in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_good_file_parses(tmp_path: Path) -> None:
    path = tmp_path / "措施.txt"
    path.write_text("一、总体要求\n（一）加强组织领导。\n", encoding="gbk")
    result = parse(path)
    assert result.returncode == 0, result.stderr
    assert "加强组织领导" in result.stdout
