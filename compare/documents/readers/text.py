"""Plain-text reader: encoding detection (BOM -> strict UTF-8 -> strict GB18030 -> detector)."""
from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from compare.errors import ReadError, ReadOptionsError
from compare.documents.model import Block, RawDocument, Source, SourceKind
from compare.documents.normalize import clean_line, without_lone_surrogates
from compare.documents.readers.plausibility import GARBLED_SHARE, garbled_share

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# How much of a text is checked for plausibility: enough to judge, cheap on a 5-million-character file.
_SAMPLE_CHARS = 20_000


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def _plausible(text: str) -> bool:
    return garbled_share(text[:_SAMPLE_CHARS]) <= GARBLED_SHARE


def _try(data: bytes, *names: str) -> tuple[str, str] | None:
    """The first of `names` that decodes `data` strictly into plausible Chinese text."""
    for name in names:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, name
    return None


def decode_bytes(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). `encoding` overrides detection.

    Lone surrogates (which UTF-7 and a few other codecs can produce, and which no file can be
    written with) become U+FFFD; `decoding_warnings` reports them.
    """
    text, used = _decode(data, path, encoding)
    return without_lone_surrogates(text), used


def _decode(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise ReadOptionsError(path, f"不认识的编码“{encoding}”", "请选择 UTF-8 或 GBK") from exc
        except UnicodeDecodeError as exc:
            raise ReadOptionsError(path, f"文件内容不是 {encoding} 编码", "请改选其他编码，或选择“自动识别”") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192] and (utf16 := _try(data, "utf-16-le", "utf-16-be")):
        return utf16  # UTF-16 saved without a byte-order mark: every ASCII character carries a zero byte
    if _looks_binary(data):
        raise ReadError(
            path, "内容不是文字（可能是图片、压缩包或其他程序的文件被改成了 .txt）", "请选择原始的 Word、Excel、PDF 或文本文件"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # Big5 (Traditional Chinese) bytes are nearly always valid GB18030 too, and decode to
        # rare characters and symbols: keep GB18030 only when it reads as Chinese.
        if _plausible(text):
            return text, "gb18030"
        return _try(data, "big5", "cp950") or (text, "gb18030")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadOptionsError(path, "无法识别文字编码", "请在“打开选项”中手动选择编码（通常是 GBK 或 UTF-8）")
    return str(best), best.encoding


def decoding_warnings(text: str) -> tuple[str, ...]:
    """What the user must know about a decoded text: replaced characters, or text that reads as garbage."""
    warnings = []
    if replaced := text.count("\ufffd"):
        warnings.append(f"文件中有 {replaced} 处无法识别的字符，已显示为“\ufffd”，请对照原文核对。")
    if not _plausible(text):
        warnings.append("文字中有大量不常见的字符，可能是编码识别有误：如显示为乱码，请在“打开选项”中选择正确的编码后重新打开。")
    return tuple(warnings)


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
    return RawDocument(path=str(path), format="txt", blocks=blocks, encoding=used, warnings=decoding_warnings(text))
