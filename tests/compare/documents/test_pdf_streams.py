"""Measuring what a PDF's streams inflate to, before pdfium does: each filter, and the bounds."""
from __future__ import annotations

import binascii
import zlib
from pathlib import Path

import pytest

from compare.documents.readers import pdf_streams
from compare.documents.readers.pdf_streams import check_stream_sizes
from compare.errors import ReadError
from tests.compare.documents.test_pdf_reader import BODY, make_pdf, typeset


def one_stream_pdf(path: Path, dictionary: bytes, data: bytes) -> Path:
    """Just enough PDF around one stream object for the scan (pdfium never sees it)."""
    head = b"%PDF-1.7\n1 0 obj\n<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n"
    path.write_bytes(head + data + b"\nendstream\nendobj\n%%EOF\n")
    return path


def test_lzw_decodes_the_example_of_the_pdf_specification() -> None:
    assert b"".join(pdf_streams._lzw(bytes.fromhex("800B6050220C0C8501"))) == b"-----A---B"


def test_run_length_decodes() -> None:
    assert b"".join(pdf_streams._run_length(bytes([2]) + b"abc" + bytes([254, ord("z"), 128]))) == b"abczzz"


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(pdf_streams, "MAX_STREAM_BYTES", 1 << 20)
    return 1 << 20


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        (b"/Filter /FlateDecode", zlib.compress),
        (b"/Filter [/ASCIIHexDecode /FlateDecode]", lambda d: binascii.hexlify(zlib.compress(d)) + b">"),
        (b"/Filter [/A85 /Fl]", lambda d: __import__("base64").a85encode(zlib.compress(d)) + b"~>"),
        (b"/Filter /RunLengthDecode", lambda d: bytes([129, 0]) * (len(d) // 128) + bytes([128])),
    ],
    ids=["flate", "hex-flate", "a85-flate", "run-length"],
)
def test_a_stream_inflating_past_the_bound_is_refused(tmp_path: Path, small_bound: int, filters: bytes, encode) -> None:
    path = one_stream_pdf(tmp_path / "a.pdf", filters, encode(bytes(2 * small_bound)))
    with pytest.raises(ReadError, match="异常巨大的压缩数据"):
        check_stream_sizes(path)
    one_stream_pdf(path, filters, encode(bytes(small_bound // 2)))
    check_stream_sizes(path)  # half the bound passes


def test_images_are_not_measured(tmp_path: Path, small_bound: int) -> None:
    path = one_stream_pdf(tmp_path / "a.pdf", b"/Subtype /Image /Filter /FlateDecode", zlib.compress(bytes(2 * small_bound)))
    check_stream_sizes(path)  # text extraction never decodes an image


def test_an_indirect_length_hiding_a_fake_end_is_followed(tmp_path: Path, small_bound: int) -> None:
    # A stored deflate block holding "endstream" first, then the bomb: only /Length tells the real end.
    fake_end = zlib.compressobj(0)
    data = fake_end.compress(b"\nendstream\n") + fake_end.flush(zlib.Z_FULL_FLUSH)
    bomb = zlib.compressobj(9)
    data += bomb.compress(bytes(2 * small_bound))[2:] + bomb.flush()
    path = tmp_path / "a.pdf"
    path.write_bytes(
        b"%PDF-1.7\n2 0 obj\n" + str(len(data)).encode() + b"\nendobj\n1 0 obj\n<< /Filter /FlateDecode /Length 2 0 R >>\nstream\n"
        + data + b"\nendstream\nendobj\n%%EOF\n"
    )
    with pytest.raises(ReadError, match="异常巨大的压缩数据"):
        check_stream_sizes(path)


def test_an_ordinary_pdf_passes(tmp_path: Path) -> None:
    check_stream_sizes(make_pdf(tmp_path / "a.pdf", typeset(BODY)))
