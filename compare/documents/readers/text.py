"""Plain-text reader: encoding detection (BOM -> strict UTF-8 -> strict GB18030 -> detector)."""
from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from compare.errors import ReadError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). `encoding` overrides detection."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise ReadError(path, f"不认识的编码“{encoding}”", "请选择 UTF-8 或 GBK") from exc
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"文件内容不是 {encoding} 编码", "请改选其他编码，或选择“自动识别”") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                break
    if _looks_binary(data):
        raise ReadError(
            path, "内容不是文字（可能是图片、压缩包或其他程序的文件被改成了 .txt）", "请选择原始的 Word、Excel、PDF 或文本文件"
        )
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError(path, "无法识别文字编码", "请在“打开选项”中手动选择编码（通常是 GBK 或 UTF-8）")
    return str(best), best.encoding


def lines_to_blocks(text: str, kind: SourceKind = SourceKind.LINE) -> tuple[Block, ...]:
    """One block per non-empty line; the index is the line number in the file."""
    blocks = []
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        cleaned = clean_line(line)
        if cleaned:
            blocks.append(Block(text=cleaned, source=Source(kind, n)))
    return tuple(blocks)


def read_text(path: Path, encoding: str | None = None) -> RawDocument:
    data = path.read_bytes()
    text, used = decode_bytes(data, path, encoding)
    blocks = lines_to_blocks(text)
    if not blocks:
        raise ReadError(path, "文件中没有文字", "请确认选择了正确的文件")
    return RawDocument(path=str(path), format="txt", blocks=blocks, encoding=used)
