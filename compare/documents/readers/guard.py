"""Checks made before any parser touches a file: existence, size, real format, zip bombs."""
from __future__ import annotations

import codecs
import stat
import zipfile
import zlib
from pathlib import Path

from compare.errors import ReadError, describe_os_error

# Limits for the zip containers of .docx/.xlsx: generous for real documents, fatal for bombs.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB in all
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for any sizeable entry

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Files people pick by mistake, recognised by their first bytes so the message can name them.
_FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "一张图片（PNG）"),
    (b"\xff\xd8\xff", "一张图片（JPEG）"),
    (b"GIF87a", "一张图片（GIF）"),
    (b"GIF89a", "一张图片（GIF）"),
    (b"II*\x00", "一张图片（TIFF）"),
    (b"MM\x00*", "一张图片（TIFF）"),
    (b"Rar!\x1a\x07", "一个 RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "一个 7z 压缩包"),
    (b"\x1f\x8b", "一个 gzip 压缩包"),
)
# "<!DOCTYPE" and "<!ENTITY" as bytes in every encoding an XML parser detects on its own.
_DECLARATION_MARKERS = tuple(
    keyword.encode(encoding)
    for keyword in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MARKER_OVERLAP = max(map(len, _DECLARATION_MARKERS)) - 1  # a marker split across two chunks
_SCAN_CHUNK = 1 << 20


def check_plain_file(path: Path, max_bytes: int) -> None:
    """Refuse missing, empty, unreadable or oversized files with a message that says why."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ReadError(path, "文件不存在", "请确认文件没有被移动、改名或删除") from exc
    except OSError as exc:
        raise ReadError(path, f"无法访问（{describe_os_error(exc)}）", "请检查文件位置和访问权限") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(path, "这是一个文件夹，不是文件", "请选择文件夹中的具体文件")
    size = info.st_size
    if size == 0:
        raise ReadError(path, "文件是空的（0 字节）", "请确认选择了正确的文件，或重新保存原文件")
    if size > max_bytes:
        raise ReadError(
            path,
            f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB）",
            "请只保留需要对标的正文部分后再打开",
        )
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except PermissionError as exc:
        raise ReadError(
            path, "文件被其他程序占用或没有读取权限", "如果文件正在 Word、Excel 或 WPS 中打开，请先关闭后重试"
        ) from exc
    except OSError as exc:
        raise ReadError(path, f"读取失败（{exc.strerror or exc}）", "请把文件复制到本机磁盘后重试") from exc


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            _check_infos(path, zf.infolist())
            if "word/document.xml" in names or "xl/workbook.xml" in names:
                _check_xml_declarations(path, zf)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError(path, "文件已损坏或不完整（压缩包结构无法识别）", "请重新下载或从原文件另存一份") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        raise ReadError(path, "这是 OFD 版式文件，本程序暂不支持", "请用 OFD 阅读器把它导出为 PDF，或向发文单位索取 Word 版本")
    raise ReadError(path, "这是一个压缩包，但不是 Word 或 Excel 文档", "请解压后选择其中的 .docx、.xlsx 或 .txt 文件")


def sniff_format(path: Path) -> str:
    """The real format of `path` by its first bytes, checked against its extension."""
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"%PDF"):
        return "pdf"
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise ReadError(path, f"这是{what}，不是文字文件", "请选择政策原文的 Word、Excel、PDF 或文本文件")
    if head.startswith(b"{\\rtf"):
        return "legacy"  # RTF, often saved with a .doc extension: LibreOffice converts it
    if head.startswith(_OLE_MAGIC):
        if suffix in (".docx", ".xlsx", ".xlsm") or _is_encrypted_ooxml(path):
            raise ReadError(path, "文件设置了打开密码（已加密）", "请在 Word/Excel 中取消密码后另存，再打开")
        if suffix in (".xls", ".et"):
            raise ReadError(path, "这是旧版 Excel（.xls）文件", "请在 Excel 或 WPS 中另存为 .xlsx 后再打开")
        return "legacy"
    lowered = head.lower().lstrip()
    if _looks_like_html(lowered):
        return "html"  # also a "Word" file saved as a web page, or a site's .doc download
    if suffix in (".docx", ".xlsx", ".xlsm", ".pdf", ".doc", ".wps"):
        kind = {".pdf": "PDF", ".doc": "Word", ".wps": "WPS"}.get(suffix, "Word 或 Excel")
        raise ReadError(
            path,
            f"扩展名是 {suffix}，但内容不是{kind}文档（文件可能已损坏、不完整或被改了扩展名）",
            "请用原程序打开确认后另存一份",
        )
    if suffix in (".html", ".htm", ".mhtml", ".mht"):
        return "html"
    if suffix in (".txt", ".text", ".md", ".csv", "") or not suffix:
        return "txt"
    raise ReadError(path, f"不支持 {suffix} 格式", "请另存为 .docx、.xlsx、.txt 或 .pdf 后再打开")


def _looks_like_html(lowered_head: bytes) -> bool:
    if lowered_head.startswith(codecs.BOM_UTF8):
        lowered_head = lowered_head[3:].lstrip()
    if lowered_head.startswith((b"<!doctype html", b"<html", b"mime-version:")):
        return True
    return lowered_head.startswith((b"<?xml", b"<!--", b"<meta")) and b"<html" in lowered_head


def _is_encrypted_ooxml(path: Path) -> bool:
    """An encrypted .docx/.xlsx is an OLE container holding an 'EncryptedPackage' stream."""
    with path.open("rb") as fh:
        data = fh.read(256 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


def check_zip(path: Path) -> None:
    """Refuse zip bombs by their declared sizes before anything is decompressed.

    Declared sizes are binding: Python's zipfile stops at the declared size and fails the CRC
    check if an entry holds more, so a lying header cannot smuggle a bomb past this check.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except PermissionError as exc:
        raise ReadError(path, "文件被其他程序占用或没有读取权限", "如果文件正在 Word、Excel 或 WPS 中打开，请先关闭后重试") from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(path, "文件已损坏或不完整", "请重新下载或从原文件另存一份") from exc
    _check_infos(path, infos)


def _check_infos(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ReadError(path, "文件内部结构异常（包含过多部件）", "该文件可能不安全，请向发文单位索取原文件")
    total = sum(i.file_size for i in infos)
    if total > MAX_ZIP_UNCOMPRESSED:
        raise ReadError(path, "文件解压后过大，可能是恶意构造的文件", "请向发文单位索取原文件")
    for info in infos:
        if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ReadError(path, "文件压缩比异常，可能是恶意构造的文件", "请向发文单位索取原文件")


def _check_xml_declarations(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse parts that declare a DOCTYPE or entities (billion laughs, external entities).

    Office never writes a DTD into a document part, so any declaration is a crafted file;
    refusing it here protects every parser behind this check, whatever its own settings. Every
    part is searched from end to end, in the encodings an XML parser accepts: a DOCTYPE may
    follow any amount of comment, and a part's name need not say it is XML.
    """
    for info in zf.infolist():
        if info.is_dir():
            continue
        with zf.open(info) as part:
            tail = b""
            while chunk := part.read(_SCAN_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DECLARATION_MARKERS):
                    raise ReadError(
                        path,
                        "文件内部含有不允许的 XML 实体声明，可能是恶意构造的文件",
                        "为安全起见已停止读取，请向发文单位索取原文件，或在 Word/Excel 中另存一份",
                    )
                tail = window[-_MARKER_OVERLAP:]
