"""Bounds on what a PDF's streams inflate to, checked before pdfium opens the file.

pdfium inflates each content stream, font and cross-reference stream whole (up to 1 GiB each),
concatenates the content streams of a page, and aborts the process when memory runs out: a
3 MB file holding a few 1 GiB Flate streams ends the program with no message. So the streams
are measured first, by decoding them here with a bound and throwing the output away:

- one stream may not inflate past `MAX_STREAM_BYTES`;
- the content streams of one page (a page may list the same stream many times) past `MAX_PAGE_BYTES`;
- all streams together past `MAX_TOTAL_BYTES`, which also bounds the time this check takes.

Streams are found by their `stream` keyword, so objects in any order, incremental updates and
object streams are all seen. Images are skipped: text extraction never decodes them. An
encrypted file's streams cannot be measured without its key and are left to pdfium.
"""
from __future__ import annotations

import base64
import binascii
import mmap
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from compare.errors import ReadError

MAX_STREAM_BYTES = 128 << 20  # a page of dense vector drawing is a few MB; a full CJK font 20 MB
MAX_PAGE_BYTES = 256 << 20
MAX_TOTAL_BYTES = 2 << 30  # a 1,000-page text PDF inflates to a few hundred MB in all
_STEP = 1 << 20  # inflate this much at a time, so the output is never held
_KEPT_BYTES = 64 << 20  # inflated object streams kept to look for page dictionaries in

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_STREAM = re.compile(rb"\bstream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
_ARRAY_BODY = re.compile(rb"\s*(\[[^\]]*\])\s*endobj")
_EXPANDING = {b"FlateDecode", b"Fl", b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL"}


class _TooLarge(Exception):
    pass


@dataclass(slots=True)
class _Scan:
    sizes: dict[int, int]  # object number -> inflated size of its stream
    object_streams: list[bytes]  # inflated object streams: where page dictionaries often live
    total: int = 0


def check_stream_sizes(path: Path) -> None:
    """Refuse a PDF whose streams would inflate past the bounds above."""
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            scan = _scan(data)
            page = max((_page_bytes(data, contents, scan) for contents in _all_contents(data, scan)), default=0)
    except _TooLarge as exc:
        raise ReadError(
            path,
            f"PDF 中有异常巨大的压缩数据（{exc}），可能是恶意构造的文件",
            "为安全起见已停止读取，请向发文单位索取 Word 版本，或使用其他来源的 PDF",
        ) from exc
    except (OSError, ValueError):
        return  # unreadable or empty: pdfium gives the message
    if page > MAX_PAGE_BYTES:
        raise ReadError(
            path,
            f"PDF 中某一页的内容解压后超过 {MAX_PAGE_BYTES >> 20} MB，可能是恶意构造的文件",
            "为安全起见已停止读取，请向发文单位索取 Word 版本，或使用其他来源的 PDF",
        )


def _scan(data: mmap.mmap) -> _Scan:
    scan = _Scan({}, [])
    objects = [(m.start(), int(m.group(1))) for m in _OBJECT.finditer(data)]
    owner = 0
    for match in _STREAM.finditer(data):
        while owner + 1 < len(objects) and objects[owner + 1][0] < match.start():
            owner += 1
        if not objects or objects[owner][0] > match.start():
            continue
        start, number = objects[owner]
        dictionary = data[start : match.start()]
        if _IMAGE.search(dictionary):
            continue
        body = data[match.end() : match.end() + _stream_length(data, dictionary, match.end())]
        keep = bool(_OBJECT_STREAM.search(dictionary)) and sum(map(len, scan.object_streams)) < _KEPT_BYTES
        size, inflated = _decoded_size(body, _filters(dictionary), keep)
        if size > MAX_STREAM_BYTES:
            raise _TooLarge(f"一个数据流解压后超过 {MAX_STREAM_BYTES >> 20} MB")
        scan.total += size
        if scan.total > MAX_TOTAL_BYTES:
            raise _TooLarge(f"全部数据流解压后超过 {MAX_TOTAL_BYTES >> 30} GB")
        # The larger size wins: bytes inside a binary stream can look like another `stream` keyword.
        scan.sizes[number] = max(size, scan.sizes.get(number, 0))
        if keep and inflated:
            scan.object_streams.append(inflated)
    return scan


def _stream_length(data: mmap.mmap, dictionary: bytes, start: int) -> int:
    """The stream's length from /Length (direct, or an object holding a number), else up to `endstream`."""
    if found := _LENGTH.search(dictionary):
        if found.group(2) is None:
            return int(found.group(1))
        held = re.search(rb"\b" + found.group(1) + rb"\s+" + found.group(2) + rb"\s+obj\s*(\d+)\s*endobj", data)
        if held:
            return int(held.group(1))
    end = data.find(b"endstream", start)
    return (end if end >= 0 else len(data)) - start


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTER.search(dictionary)
    return _NAME.findall(found.group(1)) if found else []


def _decoded_size(body: bytes, filters: list[bytes], keep: bool) -> tuple[int, bytes]:
    """The size `body` decodes to (ASCII filters decoded, then one expanding filter measured),
    and the decoded bytes themselves when `keep` is set and they fit in a stream's bound."""
    for position, name in enumerate(filters):
        if name in (b"ASCIIHexDecode", b"AHx"):
            body = binascii.unhexlify(_hex_digits(body))
        elif name in (b"ASCII85Decode", b"A85"):
            body = _ascii85(body)
        elif name in _EXPANDING:
            return _measure(name, body, keep)
        else:
            break  # an image codec, or encryption: text extraction never decodes these
    return len(body), body if keep else b""


def _hex_digits(body: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">", 1)[0])
    return digits + b"0" if len(digits) % 2 else digits


def _ascii85(body: bytes) -> bytes:
    text = body.split(b"~>", 1)[0].strip()
    try:
        return base64.a85decode(text.removeprefix(b"<~"), ignorechars=b" \t\n\r\x0b\x0c")
    except ValueError:
        return b""


def _measure(name: bytes, body: bytes, keep: bool) -> tuple[int, bytes]:
    chunks: list[bytes] = []
    size = 0
    for piece in _inflate(name, body):
        size += len(piece)
        if size > MAX_STREAM_BYTES:
            raise _TooLarge(f"一个数据流解压后超过 {MAX_STREAM_BYTES >> 20} MB")
        if keep:
            chunks.append(piece)
    return size, b"".join(chunks)


def _inflate(name: bytes, body: bytes) -> Iterator[bytes]:
    """Decoded output of `body` in pieces of at most about _STEP bytes; stops quietly at damage."""
    if name in (b"FlateDecode", b"Fl"):
        decompressor = zlib.decompressobj()
        pending = body
        try:
            while pending and not decompressor.eof:
                piece = decompressor.decompress(pending, _STEP)
                pending = decompressor.unconsumed_tail
                if not piece and not pending:
                    break
                yield piece
        except zlib.error:
            return
    elif name in (b"RunLengthDecode", b"RL"):
        yield from _run_length(body)
    else:
        yield from _lzw(body)


def _run_length(body: bytes) -> Iterator[bytes]:
    out, i = bytearray(), 0
    while i < len(body) and body[i] != 128:
        length = body[i]
        if length < 128:
            out += body[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            out += body[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) >= _STEP:
            yield bytes(out)
            out.clear()
    yield bytes(out)


def _lzw(body: bytes) -> Iterator[bytes]:
    """LZW as PDF uses it (early change on), with 9- to 12-bit codes."""
    table = [bytes((n,)) for n in range(256)] + [b"", b""]
    out, previous = bytearray(), b""
    bits, value, width = 0, 0, 9
    for byte in body:
        value, bits = (value << 8) | byte, bits + 8
        while bits >= width:
            bits -= width
            code = (value >> bits) & ((1 << width) - 1)
            if code == 256:
                del table[258:]
                previous, width = b"", 9
                continue
            if code == 257:
                yield bytes(out)
                return
            if code < len(table):
                entry = table[code]
            elif previous:
                entry = previous + previous[:1]
            else:
                yield bytes(out)
                return
            if previous and len(table) < 4096:
                table.append(previous + entry[:1])
            previous = entry
            out += entry
            width = min(12, max(9, (len(table) + 1).bit_length()))
            if len(out) >= _STEP:
                yield bytes(out)
                out.clear()
    yield bytes(out)


def _all_contents(data: mmap.mmap, scan: _Scan) -> list[bytes]:
    """Every /Contents entry of the file's page dictionaries, in the file and in object streams."""
    found = [m.group(1) for m in _CONTENTS.finditer(data)]
    for inflated in scan.object_streams:
        found += [m.group(1) for m in _CONTENTS.finditer(inflated)]
    return found


def _page_bytes(data: mmap.mmap, contents: bytes, scan: _Scan) -> int:
    """What one page's content streams add up to, counting a stream as often as the page lists it."""
    numbers = [int(n) for n in _REFERENCE.findall(contents)]
    if len(numbers) == 1 and numbers[0] not in scan.sizes:  # /Contents 12 0 R naming an array object
        array = re.search(rb"\b" + str(numbers[0]).encode() + rb"\s+\d+\s+obj" + _ARRAY_BODY.pattern, data)
        if array:
            numbers = [int(n) for n in _REFERENCE.findall(array.group(1))]
    return sum(scan.sizes.get(n, 0) for n in numbers)
