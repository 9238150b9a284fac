"""PDF reader: paragraphs rebuilt from lines, page furniture dropped, unreadable PDFs explained.

Most PDFs here are written by `make_pdf`, a small generator of raw PDF syntax. It uses the
Adobe standard font STSong-Light with the UniGB-UCS2-H encoding, which needs no font file, so
the tests run on any machine; one test also prints a real Word document through LibreOffice.
"""
from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from compare.errors import ReadError
from compare.documents.readers import read_document
from compare.documents.readers.pdf_reader import garbled_share, read_pdf

PAGE_W, PAGE_H = 595, 842
LEFT, TOP, SIZE, PER_LINE, LEADING = 80, 760, 16, 28, 28


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = SIZE


@dataclass(frozen=True)
class Image:
    """A grey image covering most of the page, as a scanner produces."""


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def make_pdf(path: Path, pages: list[list[Text | Image]], *, garble: bool = False, password: str | None = None) -> Path:
    """Write a PDF of positioned text lines (and images). `garble` drops the font's Unicode mapping;
    `password` encrypts it with the standard RC4 security handler (revision 2)."""
    objects: list[bytes | None] = [None, None, None]  # 1 font, 2 descendant font, 3 page tree
    encoding = "Identity-H" if garble else "UniGB-UCS2-H"
    objects[0] = f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /{encoding} /DescendantFonts [2 0 R] >>".encode()
    objects[1] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>" if garble else
                  b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (GB1) /Supplement 2 >> /DW 1000 >>")
    streams: dict[int, bytes] = {}
    glyphs: dict[str, int] = {}  # a subset font numbers its glyphs in order of first use
    kids = []
    for items in pages:
        ops, xobjects = [], ""
        for item in items:
            if isinstance(item, Image):
                streams[len(objects) + 1] = bytes(range(0, 256, 4)) * 16
                objects.append(b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray /BitsPerComponent 8")
                xobjects = f"/XObject << /Im1 {len(objects)} 0 R >>"
                ops.append(f"q {PAGE_W - 80} 0 0 {PAGE_H - 80} 40 40 cm /Im1 Do Q")
            else:
                code = "".join(
                    f"{glyphs.setdefault(ch, len(glyphs) + 3):04X}" if garble else ch.encode("utf-16-be").hex()
                    for ch in item.text
                )
                ops.append(f"BT /F1 {item.size} Tf {item.x} {item.y} Td <{code}> Tj ET")
        streams[len(objects) + 1] = "\n".join(ops).encode()
        objects.append(b"<<")
        objects.append(f"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 1 0 R >> "
                       f"{xobjects} >> /Contents {len(objects)} 0 R >>".encode())
        kids.append(len(objects))
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    objects.append(b"<< /Type /Catalog /Pages 3 0 R >>")
    catalog = len(objects)
    file_id = hashlib.md5(str(path).encode()).digest()
    key = None
    trailer_extra = f"/ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if password is not None:
        padded = (password.encode() + _PAD)[:32]
        owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
        permissions = -44
        key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{_rc4(key, _PAD).hex()}> /P {permissions} >>".encode())
        trailer_extra += f" /Encrypt {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        if number in streams:
            data = streams[number]
            if key is not None:
                data = _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10], data)
            body = (body or b"<<") + f" /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
        out += f"{number} 0 obj\n".encode() + (body or b"") + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def typeset(paragraphs: list[str], *, indent: bool = True, gap: float = 0, header: str | None = None,
            footer: str | None = "- {n} -", lines_per_page: int = 22) -> list[list[Text | Image]]:
    """Lay paragraphs out as a word processor does: wrapped lines, first-line indent, running header/footer."""
    lines: list[tuple[float, str, float]] = []  # (x, text, extra gap above)
    for n, para in enumerate(paragraphs):
        first = 2 if indent else 0
        rest = para
        extra = gap if n else 0
        while rest:
            width = PER_LINE - first
            lines.append((LEFT + first * SIZE, rest[:width], extra))
            rest, first, extra = rest[width:], 0, 0
    pages: list[list[Text | Image]] = []
    y = 0.0
    for x, text, extra in lines:
        if not pages or y - extra < TOP - lines_per_page * LEADING:
            number = len(pages) + 1
            pages.append([])
            if header:
                pages[-1].append(Text(LEFT, PAGE_H - 40, header, 10))
            if footer:
                pages[-1].append(Text(PAGE_W / 2 - 20, 30, footer.format(n=number), 10))
            y, extra = TOP, 0
        y -= extra
        pages[-1].append(Text(x, y, text))
        y -= LEADING
    return pages


BODY = [
    "一、强化顶层设计",
    "（一）科学编制规划。在学习借鉴全国先进示范区发展经验，深入调研和广泛听取各方意见的基础上，高水平编制示范区“十四五”发展规划，聚焦创新主体、产业集群、创新生态、开放环境、营商环境五个升级，加快打造国家自主创新示范区“升级版”，为示范区发展做好顶层设计。",
    "（二）完善体制机制。定期召开示范区领导小组会议，建立示范区领导小组办公室常态化议事协调工作机制，健全“一区五园”联动工作机制，形成合力推进示范区建设。建立专家咨询委员会，邀请知名专家、学者和企业家代表，为示范区建设建言献策。持续深化滨海高新区法定机构改革，完善考核指标体系，强化产业创新、科技创新导向。",
    "（三）创新政策体系。完善产业创新支持政策体系，针对信创、生物医药等主导产业发展需要制定、实施一批产业专项支持政策。推动“双自联动”发展，推进“保税＋”、FT账户等自贸试验区政策逐步在示范区推广复制。",
    "二、提升创新能力",
    "（一）培育创新主体。实施科技型企业梯度培育计划，全年新增国家高新技术企业500家以上，雏鹰企业1000家，瞪羚企业100家。",
    "（二）建设创新平台。加快建设现代中药、合成生物技术等创新中心。",
]


def test_paragraphs_are_rebuilt_across_lines_and_pages(tmp_path: Path) -> None:
    layout = typeset(BODY, header="滨海新区人民政府公报", lines_per_page=7)
    pdf = make_pdf(tmp_path / "措施.pdf", layout)
    raw = read_pdf(pdf)
    assert raw.format == "pdf"
    assert [b.text for b in raw.blocks] == BODY
    first_lines = {t.text: n for n, page in enumerate(layout, 1) for t in page if isinstance(t, Text)}
    assert [b.source.page for b in raw.blocks] == [first_lines[p[:PER_LINE - 2]] for p in BODY]
    assert len(layout) >= 3 and raw.blocks[-1].source.page == len(layout)
    assert [b.source.index for b in raw.blocks] == list(range(len(BODY)))


@pytest.mark.parametrize("footer", ["第 {n} 页", "第{n}页 共3页", "{n}", "— {n} —", "{n}/3"])
def test_page_numbers_are_dropped(tmp_path: Path, footer: str) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", typeset(BODY, footer=footer, lines_per_page=12))
    assert [b.text for b in read_pdf(pdf).blocks] == BODY


def test_block_paragraphs_without_indent_split_at_gaps_and_sentence_ends(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", typeset(BODY, indent=False, gap=14))
    assert [b.text for b in read_pdf(pdf).blocks] == BODY


def test_read_document_finds_the_numbered_items(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "措施.pdf", typeset(["滨海新区关于加强示范区建设的答复", *BODY], lines_per_page=12))
    doc = read_document(pdf)
    assert doc.format == "pdf"
    assert [it.label for it in doc.items] == ["一、", "（一）", "（二）", "（三）", "二、", "（一）", "（二）"]
    assert doc.items[2].text.startswith("完善体制机制。") and doc.items[2].text.endswith("科技创新导向。")
    assert doc.items[2].source.describe() == "第1页"


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "扫描件.pdf", [[Image(), Text(280, 30, "1", 10)], [Image(), Text(280, 30, "2", 10)]])
    with pytest.raises(ReadError, match="扫描件（图片）PDF，没有可读取的文字.*带文字的 PDF 或 Word 原文件"):
        read_pdf(pdf)


def test_a_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    pages = typeset(BODY, lines_per_page=12)
    pdf = make_pdf(tmp_path / "a.pdf", [*pages, [Image()]])
    raw = read_pdf(pdf)
    assert [b.text for b in raw.blocks] == BODY
    assert raw.warnings == (f"第{len(pages) + 1}页是图片（扫描页），没有可读取的文字，这些页未读取。",)


def test_font_without_unicode_map_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "乱码.pdf", typeset(BODY), garble=True)
    with pytest.raises(ReadError, match="字体编码已损坏.*乱码.*Word 版本"):
        read_pdf(pdf)


def test_a_garbled_page_among_good_ones_is_skipped_with_a_warning(tmp_path: Path) -> None:
    good_pages = typeset(BODY * 2, lines_per_page=12)
    good = make_pdf(tmp_path / "good.pdf", good_pages)
    bad = make_pdf(tmp_path / "bad.pdf", typeset(BODY[:2]), garble=True)
    merged = pdfium.PdfDocument.new()
    for part in (good, bad):
        with pdfium.PdfDocument(part) as source:
            merged.import_pages(source)
    merged.save(tmp_path / "mixed.pdf")
    merged.close()
    raw = read_pdf(tmp_path / "mixed.pdf")
    assert [b.text for b in raw.blocks] == BODY * 2
    assert raw.warnings == (f"第{len(good_pages) + 1}页的文字是乱码（字体编码损坏），这些页未读取，请对照原文核对。",)


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("（一）科学编制规划。高水平编制示范区“十四五”发展规划，聚焦创新主体、产业集群。", False),
        ("推動京津冀協同發展走深走實，全國先進製造研發基地規模實力明顯增強。", False),
        ("Implementation plan for the 2024 tasks, section 3.", False),
        ("(cid:12)(cid:845)(cid:33)(cid:9)(cid:1020)(cid:77)规划", True),
        ("\ue001\ue002\ue003\ue004\ue005\ue006发展", True),
        ("ÌÇ½òÊÐÈËÃñÕþ¸®¹ØÓÚÓ¡·¢", True),  # GBK bytes shown as Latin-1
        ("醟嶜㱆鎺要䡜か㼎稳釱䡜进㧮鏅㱆⻭调", True),  # CIDs read as the wrong character collection
    ],
)
def test_garbled_share(text: str, garbled: bool) -> None:
    assert (garbled_share(text) > 0.3) is garbled


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "加密.pdf", typeset(BODY), password="secret")
    with pdfium.PdfDocument(pdf, password="secret") as unlocked:  # the fixture is a real encrypted PDF
        assert "科学编制规划" in unlocked[0].get_textpage().get_text_range()
    with pytest.raises(ReadError, match="设置了打开密码"):
        read_pdf(pdf)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", typeset(BODY)).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[:200])
    with pytest.raises(ReadError, match="PDF 文件已损坏"):
        read_pdf(cut)


@pytest.mark.soffice
def test_pdf_printed_by_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: it is needed to print a .docx to PDF")
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    for text in BODY * 3:  # long enough for the running header to repeat
        document.add_paragraph(text).paragraph_format.first_line_indent = Pt(32)
    section = document.sections[0]
    section.header.paragraphs[0].text = "滨海新区人民政府公报"
    footer = section.footer.paragraphs[0]
    footer.text = "- "
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" -")
    document.save(tmp_path / "措施.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "措施.docx")],
        check=True, capture_output=True, timeout=120,
    )
    raw = read_pdf(tmp_path / "措施.pdf")
    assert [b.text for b in raw.blocks] == BODY * 3
