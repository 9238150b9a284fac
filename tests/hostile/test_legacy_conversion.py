""".doc/.rtf conversion by LibreOffice never contacts the network or a Windows share, and a
converter that ignores SIGTERM is still stopped."""
from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from compare.documents.readers import ReadOptions, legacy, read_document
from compare.errors import ReadError
from tests.hostile.files import rtf_with_links

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def _record(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server on a free port: (its address, the requests it received)."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def _doc_linking(folder: Path, url: str) -> Path:
    """A Word 97 .doc whose picture is linked (not embedded) from `url`, saved by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    page = folder / "通知.html"
    page.write_text(
        f'<html><body><p>1.加强组织领导，明确责任分工。</p><p><img src="{url}/pic.png" width="40" height="40"></p>'
        "<p>2.强化督促检查，定期通报工作进展。</p></body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--infilter=HTML (StarWriter)",
         "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(page)],
        check=True, capture_output=True, timeout=120,
    )
    doc = folder / "通知.doc"
    assert doc.read_bytes().startswith(OLE_MAGIC)
    assert "pic.png".encode("utf-16-le") in doc.read_bytes()  # the link is in the file, not the picture
    return doc


@pytest.mark.soffice
@pytest.mark.slow
def test_converting_a_doc_with_a_linked_picture_makes_no_request(tmp_path: Path, web_server: tuple[str, list[str]]) -> None:
    url, requests = web_server
    doc = _doc_linking(tmp_path, url)
    requests.clear()  # making the .doc fetched the picture; reading it must not
    document = read_document(doc)
    assert "加强组织领导，明确责任分工" in " ".join(item.text for item in document.items)
    assert requests == []


def _fake_soffice(folder: Path, script: str) -> Path:
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for LibreOffice is a shell script")
def test_a_document_naming_a_windows_share_is_refused_before_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran = tmp_path / "converter-ran"
    monkeypatch.setattr(legacy, "find_soffice", lambda: str(_fake_soffice(tmp_path, f"touch {ran}\n")))
    rtf = rtf_with_links(tmp_path / "通知.rtf", "http://127.0.0.1:9", unc=r"\\files.example\公文\pic.png")
    with pytest.raises(ReadError, match=r"共享文件夹的链接（\\\\files\.example\\公文）"):
        read_document(rtf)
    assert not ran.exists()


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ('INCLUDEPICTURE "\\\\\\\\srv\\\\公文\\\\a.png" \\d'.encode("utf-16-le"), "\\\\srv\\公文"),  # a .doc field code
        (b"INCLUDEPICTURE \"\\\\host\\share\\x.png\"", "\\\\host\\share"),
        (b"{\\rtf1 {\\field{\\*\\fldinst INCLUDEPICTURE \"\\'5c\\'5chost\\'5cshare\\'5cx.png\"}}}", "\\\\host\\share"),
        (b"{\\rtf1 \\u92?\\u92?host\\u92?share}", "\\\\host\\share"),
        (b"src=\"file://host/share/x.png\"", "file://host"),
        (b"src=\"file:////host/share/x.png\"", "file:////host"),
        (b"src=\"file:///C:/pictures/x.png\" and http://www.gov.cn/zhengce/", None),
        (b"C:\\Users\\a\\x.png", None),
    ],
)
def test_share_paths_are_found_in_every_spelling(data: bytes, found: str | None) -> None:
    assert legacy.share_path(data) == found


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for LibreOffice is a shell script")
def test_a_converter_ignoring_sigterm_is_killed_with_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "child.pid"
    script = f"trap '' TERM\n(trap '' TERM; sleep 60) &\necho $! > {marker}\nwait\n"
    monkeypatch.setattr(legacy, "find_soffice", lambda: str(_fake_soffice(tmp_path, script)))
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 1)
    doc = tmp_path / "a.doc"
    doc.write_bytes(OLE_MAGIC + bytes(4096))
    started = time.monotonic()
    with pytest.raises(ReadError, match="转换超时"):
        legacy.read_legacy(doc, ReadOptions())
    assert time.monotonic() - started < 10
    child = int(marker.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail("the converter's child process outlived the timeout")
