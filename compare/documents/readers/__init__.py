"""Readers: a file on disk -> `RawDocument` (blocks in reading order) -> segmented `Document`.

`read_document` is the one entry point. It picks a reader by the file's content first and its
extension second, so a renamed file is still read correctly or refused with a clear message.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compare.errors import ReadError
from compare.documents.model import Document, RawDocument, SectionRole
from compare.documents.readers.guard import check_plain_file, sniff_format

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Choices a user can make when a reader cannot guess (the GUI offers them in a dialog)."""

    encoding: str | None = None  # .txt: force this encoding instead of detecting it
    sheet: str | None = None  # .xlsx: read only this worksheet
    text_column: str | None = None  # .xlsx/.docx tables: header of the item text column
    label_column: str | None = None  # header of the 序号 column
    section_column: str | None = None  # header of the 方面 (group) column
    header_row: int | None = None  # .xlsx: 1-based header row, instead of detecting it
    annex: int | None = None  # read the file's N-th attachment (附件N, from 1) instead of its body
    roles: tuple[tuple[str, str], ...] = ()  # (item id, SectionRole value) the user set for a part


SUPPORTED_SUFFIXES = (".txt", ".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm", ".mhtml", ".mht", ".doc", ".wps", ".rtf")
# A policy document, even a 1,000-page compilation, stays below this; more text is a data
# dump or a mistake, and would make segmentation and review impractical.
MAX_TEXT_CHARS = 5_000_000


def read_raw(path: str | Path, options: ReadOptions = ReadOptions()) -> RawDocument:
    """Read `path` into blocks without segmenting them."""
    path = Path(path)
    check_plain_file(path, MAX_FILE_BYTES)
    fmt = sniff_format(path)
    if fmt == "txt":
        from compare.documents.readers.text import read_text

        return read_text(path, encoding=options.encoding)
    if fmt == "docx":
        from compare.documents.readers.docx_reader import read_docx

        return read_docx(path, options)
    if fmt == "xlsx":
        from compare.documents.readers.xlsx_reader import read_xlsx

        return read_xlsx(path, options)
    if fmt == "pdf":
        from compare.documents.readers.pdf_reader import read_pdf

        return read_pdf(path)
    if fmt == "html":
        from compare.documents.readers.html_reader import read_html

        return read_html(path, encoding=options.encoding)
    if fmt == "legacy":
        from compare.documents.readers.legacy import read_legacy

        return read_legacy(path, options)
    raise ReadError(path, "不支持这种文件格式", "请另存为 .docx、.xlsx、.txt 或 .pdf 后再打开")


def read_document(path: str | Path, options: ReadOptions = ReadOptions()) -> Document:
    """Read and segment a policy document: the one entry point for the UI and the CLI."""
    from compare.documents.segment import segment

    raw = read_raw(path, options)
    chars = sum(len(b.text) + sum(len(v) for _, v in b.cells) for b in raw.blocks)
    if chars > MAX_TEXT_CHARS:
        raise ReadError(
            path,
            f"文字过多（约 {chars // 10000} 万字），超出政策文件的正常篇幅",
            "请只保留需要对标的正文部分，另存后再打开",
        )
    document = segment(raw, annex=options.annex)
    return document.with_roles({item: SectionRole(role) for item, role in options.roles})


__all__ = ["ReadOptions", "read_raw", "read_document", "SUPPORTED_SUFFIXES", "ReadError"]
