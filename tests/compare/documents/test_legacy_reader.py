"""Legacy .doc/.wps files: converted by LibreOffice when it is installed, explained when it is not."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from compare.errors import ReadError
from compare.documents.readers import ReadOptions, legacy, read_document

PARAGRAPHS = ["滨海新区落实重点任务的具体措施", "一、统筹推进疫情应对", "1.理顺疫情防控指挥部与各部门之间的工作机制。", "2.落实各项企业复工复产支持政策。"]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: it is needed to make and convert a .doc")
    pytest.importorskip("compare.documents.readers.docx_reader", reason="the .docx reader is missing")
    return found


@pytest.fixture(scope="module")
def word97(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Word 97 .doc, saved by LibreOffice from a .docx."""
    soffice = _soffice()
    import docx

    folder = tmp_path_factory.mktemp("doc")
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.save(folder / "措施.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(folder), str(folder / "措施.docx")],
        check=True, capture_output=True, timeout=120,
    )
    doc = folder / "措施.doc"
    assert doc.read_bytes().startswith(OLE_MAGIC)
    return doc


@pytest.mark.soffice
def test_doc_is_converted_and_read(word97: Path) -> None:
    document = read_document(word97)
    assert document.format == "doc"
    assert document.source_path == str(word97)
    assert [it.display for it in document.items] == PARAGRAPHS[1:]
    assert any("已自动转换为 .docx" in w for w in document.warnings)


@pytest.mark.soffice
def test_wps_is_converted_and_read(word97: Path, tmp_path: Path) -> None:
    wps = tmp_path / "措施.wps"
    shutil.copyfile(word97, wps)
    document = read_document(wps)
    assert document.format == "wps"
    assert [it.display for it in document.items] == PARAGRAPHS[1:]


def test_without_libreoffice_the_user_is_told_to_save_as_docx_or_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    doc = tmp_path / "措施.doc"
    doc.write_bytes(OLE_MAGIC + bytes(4096))
    with pytest.raises(ReadError, match="旧版 Word 文件（.doc）.*在 Word 或 WPS 中打开该文件，另存为 .docx.*安装免费的 LibreOffice"):
        read_document(doc)
    wps = tmp_path / "措施.wps"
    wps.write_bytes(OLE_MAGIC + bytes(4096))
    with pytest.raises(ReadError, match="WPS 文字文件（.wps）"):
        read_document(wps)


def _fake_soffice(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for LibreOffice is a shell script")
def test_a_hanging_conversion_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "child.pid"
    fake = _fake_soffice(tmp_path, f"sleep 60 &\necho $! > {marker}\nwait\n")
    monkeypatch.setattr(legacy, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 1)
    doc = tmp_path / "a.doc"
    doc.write_bytes(OLE_MAGIC + bytes(4096))
    started = time.monotonic()
    with pytest.raises(ReadError, match="转换超时"):
        legacy.read_legacy(doc, ReadOptions())
    assert time.monotonic() - started < 10
    child = int(marker.read_text())
    for _ in range(50):  # the whole process group is killed, including what the script started
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the conversion's child process is still running")


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for LibreOffice is a shell script")
def test_a_failed_conversion_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    monkeypatch.setattr(legacy, "find_soffice", lambda: str(fake))
    doc = tmp_path / "a.doc"
    doc.write_bytes(OLE_MAGIC + bytes(4096))
    with pytest.raises(ReadError, match="无法转换（文件可能已损坏或设置了打开密码）"):
        legacy.read_legacy(doc, ReadOptions())
