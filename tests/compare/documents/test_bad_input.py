"""Bad input through `read_document`: every refusal is a ReadError with a specific Chinese message."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from compare.errors import ReadError
from compare.documents.readers import read_document, read_raw
from tests.compare.documents.test_pdf_reader import BODY, make_pdf, typeset

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT = "一、总体要求\n（一）加强组织领导。各部门要高度重视，明确责任分工。\n（二）强化督促检查。定期通报工作进展。\n"
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + "]>\n"
)


def _reader(name: str) -> None:
    pytest.importorskip(f"compare.documents.readers.{name}", reason=f"the {name} module is missing")


def make_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    document.save(path)
    return path


def make_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "任务", "负责部门"])
    sheet.append([1, "加强组织领导，明确责任分工。", "区发改委"])
    sheet.append([2, "强化督促检查，定期通报工作进展。", "区督查室"])
    book.save(path)
    return path


def _rewrite_zip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
    return target


def refused(path: Path, pattern: str) -> ReadError:
    with pytest.raises(ReadError, match=pattern) as caught:
        read_document(path)
    assert caught.value.message.startswith(f"无法读取文件“{path.name}”")
    return caught.value


# --- files that are not there or not files ---------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "不存在.docx", "文件不存在.*没有被移动、改名或删除")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "政策.docx"
    folder.mkdir()
    refused(folder, "这是一个文件夹，不是文件")


@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.pdf"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    refused(tmp_path / name, r"文件是空的（0 字节）")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod 000 does not block reading: simulate the refusal instead.
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_open = Path.open

    def locked(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    refused(path, "被其他程序占用或没有读取权限.*请先关闭后重试")


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.documents.readers

    monkeypatch.setattr(compare.documents.readers, "MAX_FILE_BYTES", 100)
    (tmp_path / "a.txt").write_text(TEXT * 10, encoding="utf-8")
    refused(tmp_path / "a.txt", "文件过大")


# --- broken and hostile containers ----------------------------------------------------------------


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(bytes(range(256)) * 40)
    refused(tmp_path / "a.docx", r"扩展名是 \.docx，但内容不是Word 或 Excel文档")


def test_truncated_docx(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "whole.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    refused(tmp_path / "cut.docx", r"文件已损坏或不完整（压缩包结构无法识别）.*重新下载")


@pytest.mark.parametrize("name", ["加密.docx", "加密.xlsx", "加密.doc"])
def test_password_protected_office_file(tmp_path: Path, name: str) -> None:
    # Office stores an encrypted .docx/.xlsx as an OLE container with an EncryptedPackage stream.
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\0")
    (tmp_path / name).write_bytes(OLE_MAGIC + bytes(504) + entry + bytes(4096))
    refused(tmp_path / name, "设置了打开密码（已加密）.*取消密码后另存")


def test_zip_bomb_docx(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "a.docx")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "word/document.xml":
                new.writestr(info.filename, old.read(info.filename))
        with new.open("word/document.xml", "w") as part:  # 200 MB of zeros, about 200 KB compressed
            chunk = bytes(1024 * 1024)
            for _ in range(200):
                part.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    refused(bomb, "压缩比异常，可能是恶意构造的文件")


def test_zip_with_too_many_parts(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "a.docx")
    crowded = tmp_path / "crowded.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(crowded, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
        for n in range(10_001):
            new.writestr(f"customXml/item{n}.bin", b"")
    refused(crowded, "包含过多部件")


def test_billion_laughs_in_docx(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(source) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    body = xml.split("?>", 1)[1].replace("加强组织领导", "&lol9;", 1)
    evil = _rewrite_zip(source, tmp_path / "laughs.docx", {"word/document.xml": (BILLION_LAUGHS + body).encode()})
    refused(evil, "不允许的 XML 实体声明")


def test_billion_laughs_in_xlsx_sheet(tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "a.xlsx")
    with zipfile.ZipFile(source) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    evil = _rewrite_zip(source, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet1.xml": (BILLION_LAUGHS + body).encode()})
    refused(evil, "不允许的 XML 实体声明")


def test_external_entity_in_utf16_part(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "a.docx")
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    evil = _rewrite_zip(source, tmp_path / "xxe.docx", {"word/styles.xml": b"\xff\xfe" + part.encode("utf-16-le")})
    refused(evil, "不允许的 XML 实体声明")


def test_zip_that_is_not_an_office_document(tmp_path: Path) -> None:
    archive = tmp_path / "材料.docx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "材料")
    refused(archive, "这是一个压缩包，但不是 Word 或 Excel 文档")


def test_ofd_file(tmp_path: Path) -> None:
    ofd = tmp_path / "通知.ofd"
    with zipfile.ZipFile(ofd, "w") as zf:
        zf.writestr("OFD.xml", "<ofd:OFD/>")
    refused(ofd, "OFD 版式文件.*导出为 PDF")


# --- files that are not what their name says -------------------------------------------------------


def test_png_renamed_txt(tmp_path: Path) -> None:
    (tmp_path / "政策.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    refused(tmp_path / "政策.txt", r"这是一张图片（PNG），不是文字文件")


def test_unknown_binary_renamed_txt(tmp_path: Path) -> None:
    (tmp_path / "政策.txt").write_bytes(bytes(range(256)) * 8)
    refused(tmp_path / "政策.txt", "内容不是文字")


def test_pdf_renamed_docx_is_read_as_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", typeset(BODY))
    renamed = tmp_path / "措施.docx"
    shutil.copyfile(pdf, renamed)
    assert read_document(renamed).format == "pdf"


def test_docx_renamed_xlsx_is_read_as_docx(tmp_path: Path) -> None:
    _reader("docx_reader")
    renamed = tmp_path / "措施.xlsx"
    shutil.copyfile(make_docx(tmp_path / "a.docx"), renamed)
    document = read_document(renamed)
    assert document.format == "docx"
    assert [it.label for it in document.items] == ["一、", "（一）", "（二）"]


def test_xlsx_renamed_txt_is_read_as_xlsx(tmp_path: Path) -> None:
    _reader("xlsx_reader")
    renamed = tmp_path / "分工.txt"
    shutil.copyfile(make_xlsx(tmp_path / "a.xlsx"), renamed)
    document = read_document(renamed)
    assert document.format == "xlsx"
    assert any("督促检查" in it.text for it in document.items)


def test_old_excel_file(tmp_path: Path) -> None:
    (tmp_path / "分工.xls").write_bytes(OLE_MAGIC + bytes(4096))
    refused(tmp_path / "分工.xls", r"旧版 Excel（\.xls）.*另存为 \.xlsx")


def test_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"a": 1}', encoding="utf-8")
    refused(tmp_path / "a.json", r"不支持 \.json 格式")


# --- size -----------------------------------------------------------------------------------------------


def test_fifty_megabyte_text_reads(tmp_path: Path) -> None:
    paragraph = "（一）科学编制规划。在学习借鉴全国先进示范区发展经验，深入调研和广泛听取各方意见的基础上，高水平编制发展规划。\n"
    big = tmp_path / "big.txt"
    block = "".join(f"{n}.{paragraph}" for n in range(1, 200)).encode("utf-8")
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    assert big.stat().st_size >= 50 * 1024 * 1024
    raw = read_raw(big)
    assert len(raw.blocks) > 250_000 and raw.encoding == "utf-8"
    # Reading survives; segmenting that much text is refused with a message that says what to do.
    refused(big, "文字过多.*请只保留需要对标的正文部分")


def test_large_text_is_not_slurped_twice_when_refused(tmp_path: Path) -> None:
    """A 50 MB file of binary junk is refused from its first bytes, not after decoding all of it."""
    junk = tmp_path / "big.txt"
    with junk.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(bytes(50 * 1024 * 1024))
    refused(junk, "这是一张图片（PNG）")
