"""Hostile files, generated on the spot: each is what a careless or malicious sender could mail.

Nothing here is a binary fixture: every file is built from a few lines of text, a small workbook
or document rewritten part by part, or a compressed stream assembled from repeated blocks.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

TASKS = "一、重点任务\n1.加强组织领导，明确责任分工。\n2.强化督促检查，定期通报工作进展。\n"


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """Copy an OOXML package, replacing (or adding) the named parts."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.pop(info.filename, None) or old.read(info.filename))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def task_workbook(path: Path, rows: int = 30) -> Path:
    """A plain 分工方案 sheet: 序号 | 任务 | 负责部门, `rows` data rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["序号", "任务", "负责部门"])
    for n in range(1, rows + 1):
        sheet.append([n, f"第{n}项任务：加强组织领导，明确责任分工，定期通报进展。", "区发改委"])
    book.save(path)
    return path


def _sheet_part(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/worksheets/sheet1.xml").decode("utf-8")


def xlsx_far_cell(path: Path, value: str | None = "x") -> Path:
    """30 rows and one cell at XFD1048576 (Excel's last cell): `value` None leaves it empty but styled."""
    base = task_workbook(path.with_name("base_" + path.name))
    content = f'<c r="XFD1048576" t="inlineStr"><is><t>{value}</t></is></c>' if value else '<c r="XFD1048576" s="0"/>'
    sheet = _sheet_part(base).replace("</sheetData>", f'<row r="1048576">{content}</row></sheetData>')
    return rewrite_zip(base, path, {"xl/worksheets/sheet1.xml": sheet.encode("utf-8")})


def xlsx_huge_merge(path: Path) -> Path:
    """A merged area covering the whole sheet: 17 billion cells to a reader that fills merges."""
    base = task_workbook(path.with_name("base_" + path.name))
    merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    sheet = _sheet_part(base).replace("</sheetData>", "</sheetData>" + merge)
    return rewrite_zip(base, path, {"xl/worksheets/sheet1.xml": sheet.encode("utf-8")})


def xlsx_missing_shared_string(path: Path) -> Path:
    """A cell that points at shared string number 9999 of a workbook holding none."""
    base = task_workbook(path.with_name("base_" + path.name), rows=2)
    sheet = _sheet_part(base).replace("</row>", '<c r="D2" t="s"><v>9999</v></c></row>', 2).replace(
        '<c r="D2" t="s"><v>9999</v></c></row>', "</row>", 1)
    return rewrite_zip(base, path, {"xl/worksheets/sheet1.xml": sheet.encode("utf-8")})


def xlsx_dtd_after_comment(path: Path, comment_bytes: int = 700 * 1024) -> Path:
    """The workbook part opens with a 700 KB comment, then declares a DTD with an entity."""
    base = task_workbook(path.with_name("base_" + path.name), rows=2)
    with zipfile.ZipFile(base) as zf:
        workbook = zf.read("xl/workbook.xml").decode("utf-8")
    body = workbook.split("?>", 1)[1] if workbook.startswith("<?xml") else workbook
    # Varied text, so the part does not compress past the zip-bomb ratio check.
    filler = "".join(f"{n:x} " for n in range(comment_bytes // 4))[:comment_bytes]
    crafted = f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {filler} -->\n<!DOCTYPE x [<!ENTITY e "boom">]>\n{body}'
    return rewrite_zip(base, path, {"xl/workbook.xml": crafted.encode("utf-8")})


def png_named(path: Path) -> Path:
    """A PNG picture saved under a document's name."""
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(17))
    return path


def _zero_deflate(size: int, chunk: int = 16 << 20) -> bytes:
    """A zlib stream of `size` zero bytes, assembled from one compressed block repeated.

    A full flush makes each block independent of the ones before it, so compressing a single
    chunk is enough; only the trailing checksum must cover the whole.
    """
    compressor = zlib.compressobj(9)
    head = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()[:-4]
    checksum = 1
    for _ in range(size // chunk):
        checksum = zlib.adler32(bytes(chunk), checksum)
    return head + block * (size // chunk - 1) + tail + struct.pack(">I", checksum)


def pdf_stream_bomb(path: Path, size: int = 1 << 30, *, bombs: int = 1, listed: int = 1) -> Path:
    """A one-page PDF with a line of text and `bombs` content streams, each inflating to `size`
    bytes and each listed `listed` times in the page's /Contents."""
    text = "BT /F1 16 Tf 80 760 Td <" + "一、总体要求加强组织领导".encode("utf-16-be").hex() + "> Tj ET\n"
    first_bomb = 7
    contents = " ".join(f"{first_bomb + n} 0 R" for n in range(bombs) for _ in range(listed))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        f"/Contents [6 0 R {contents}] >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>",
    ]
    bomb = _zero_deflate(size)
    streams = [(b"", text.encode())] + [(b"/Filter /FlateDecode ", bomb)] * bombs
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    for number, (filters, data) in enumerate(streams, len(objects) + 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n<< {filters.decode()}/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def nested_spans_html(path: Path, depth: int = 10_000) -> Path:
    body = "<span>" * depth + "1.加强组织领导，明确责任分工，定期通报工作进展。" + "</span>" * depth
    path.write_text(f"<html><head><meta charset='utf-8'><title>任务</title></head><body><p>一、总体要求</p>{body}</body></html>", encoding="utf-8")
    return path


def utf7_lone_surrogate(text_before: str = "一、总体要求 1.加强组织领导") -> bytes:
    """UTF-7 bytes of `text_before` followed by a lone high surrogate (+2D8- is U+D800 alone)."""
    return text_before.encode("utf-7") + b" +2D8- " + "2.强化督促检查".encode("utf-7")


def utf7_html(path: Path) -> Path:
    page = b'<html><head><meta charset="utf-7"><title>t</title></head><body><p>' + utf7_lone_surrogate() + b"</p></body></html>"
    path.write_bytes(page)
    return path


def utf7_mhtml(path: Path) -> Path:
    html = b'<html><body><p>' + utf7_lone_surrogate() + b"</p></body></html>"
    message = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
        b"Content-Type: text/html; charset=\"utf-7\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html + b"\r\n--B--\r\n"
    )
    path.write_bytes(message)
    return path


def xml_page(path: Path) -> Path:
    """A page that starts as XML (an XML declaration and no <html>): bs4 warns, in English, when parsing it as HTML."""
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<document><title>任务</title>'
        "<p>一、总体要求</p><p>1.加强组织领导，明确责任分工。</p><p>2.强化督促检查，定期通报工作进展。</p></document>",
        encoding="utf-8",
    )
    return path


TRADITIONAL = "一、重點任務\n1.加強組織領導，明確責任分工，健全工作機制。\n2.強化督促檢查，定期通報工作進展，確保各項措施落實到位。\n"


def big5_text(path: Path) -> Path:
    path.write_bytes(TRADITIONAL.encode("big5"))
    return path


def utf16_without_bom(path: Path, byteorder: str = "le") -> Path:
    path.write_bytes(TASKS.encode(f"utf-16-{byteorder}"))
    return path


def rtf_with_links(path: Path, url: str, unc: str | None = None) -> Path:
    """An RTF whose fields link a picture and a text file at `url` (and a picture at the UNC path `unc`)."""
    def field(code: str) -> str:
        escaped = "".join(ch if ch.isascii() else f"\\u{ord(ch)}?" for ch in code.replace("\\", "\\\\"))
        return r"{\field{\*\fldinst { " + escaped + r" }}{\fldrslt { }}}\par" + "\n"

    body = "".join(
        [field(f'INCLUDEPICTURE "{url}/pic.png" \\d'), field(f'INCLUDETEXT "{url}/text.rtf"')]
        + ([field(f'INCLUDEPICTURE "{unc}" \\d')] if unc else [])
    )
    path.write_text(
        r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0 SimSun;}}" "\n"
        r"\pard 1.\u21152?\u24378?\u32452?\u32455?\u39046?\u23548?\u12290?\par" "\n" + body +
        r"\pard 2.\u24378?\u21270?\u30563?\u20419?\u26816?\u26597?\u12290?\par}",
        encoding="ascii",
    )
    return path
