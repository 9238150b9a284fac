"""Plain-text reader: the encodings Chinese offices save text in, and the user's override."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from compare.errors import ReadError
from compare.documents.model import SourceKind
from compare.documents.readers import ReadOptions, read_document, read_raw
from compare.documents.readers.text import decode_bytes, read_text

TEXT = "一、总体要求\r\n\r\n（一）加强组织领导。各部门要高度重视，明确责任分工。\n（二）强化督促检查。定期通报工作进展。\n"
LINES = ["一、总体要求", "（一）加强组织领导。各部门要高度重视，明确责任分工。", "（二）强化督促检查。定期通报工作进展。"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    raw = read_text(path)
    assert [b.text for b in raw.blocks] == LINES
    assert raw.encoding == encoding


def test_gb18030_characters_outside_gbk(tmp_path: Path) -> None:
    text = "（一）支持䶮、𠀀等生僻字人名的户籍登记。"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")  # the fixture really needs GB18030
    assert read_text(path).blocks[0].text == text


@pytest.mark.parametrize("text", ["一、总体要求", "联通", "附件", "（一）加强领导"])
def test_short_gbk_text_is_not_mistaken(tmp_path: Path, text: str) -> None:
    # A detector guesses wildly on a few bytes; strict decoding first gets these right.
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_text(path).blocks[0].text == text


def test_line_numbers_are_the_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    raw = read_text(path)
    assert [(b.source.kind, b.source.index) for b in raw.blocks] == [(SourceKind.LINE, 0), (SourceKind.LINE, 2), (SourceKind.LINE, 3)]


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))
    raw = read_raw(path, ReadOptions(encoding="gbk"))
    assert [b.text for b in raw.blocks] == LINES and raw.encoding == "gbk"


def test_wrong_override_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("gbk"))
    with pytest.raises(ReadError, match="文件内容不是 utf-8 编码.*改选其他编码"):
        read_document(path, ReadOptions(encoding="utf-8"))


def test_unknown_override_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    with pytest.raises(ReadError, match="不认识的编码“gbx”"):
        read_document(path, ReadOptions(encoding="gbx"))


def test_blank_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(" \r\n\u3000\n\t\n".encode("utf-8"))
    with pytest.raises(ReadError, match="文件中没有文字"):
        read_text(path)


def test_decode_bytes_reports_the_encoding() -> None:
    assert decode_bytes("政策".encode("gbk"), Path("a.txt")) == ("政策", "gb18030")
