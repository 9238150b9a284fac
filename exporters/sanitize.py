"""Cell and run text that is safe to write: no XML-illegal characters, no formula injection.

Policy texts pasted from web pages or PDFs carry stray control characters; openpyxl raises
`IllegalCharacterError` on them and lxml refuses them in Word runs, so one bad character would
abort a whole export. Text that begins like a formula must stay text when a colleague edits it.
"""
from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/U+FFFF;
# this is a superset of openpyxl's ILLEGAL_CHARACTERS_RE.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32767  # characters Excel keeps in one cell
_TRUNCATED = "……（内容过长，已截断）"
# Characters of one item or note in the Word report: about three pages of a table cell. Longer
# texts (a whole document pasted as one item, a 10 MB note) make Word and LibreOffice lay out a
# single row for minutes, and lxml refuses a text node over 10 MB.
REPORT_TEXT_LIMIT = 5000


def xml_text(text: str | None) -> str:
    """`text` without the characters an .xlsx or .docx file cannot hold."""
    return _XML_ILLEGAL.sub("", text or "")


def cell_text(text: str | None) -> str:
    """Text for one spreadsheet cell: XML-safe and within Excel's length limit."""
    clean = xml_text(text)
    if len(clean) > EXCEL_CELL_LIMIT:
        clean = clean[: EXCEL_CELL_LIMIT - len(_TRUNCATED)] + _TRUNCATED
    return clean


def looks_like_formula(text: str) -> bool:
    """True when Excel would read `text` as a formula if a user re-entered the cell."""
    return text.lstrip(" \t\r\n").startswith(_FORMULA_START)


def report_text(text: str | None, limit: int = REPORT_TEXT_LIMIT) -> str:
    """Text for the Word report: XML-safe, and cut at `limit` characters with a note that says so."""
    clean = xml_text(text)
    if len(clean) <= limit:
        return clean
    return clean[:limit] + shortened_note(len(clean), limit)


def shortened_note(length: int, limit: int = REPORT_TEXT_LIMIT) -> str:
    """What a reader sees where a text of `length` characters was cut to `limit`."""
    return f"……（原文共{length:,}字，过长，此处只列前{limit:,}字，全文见原文件或对标软件）"
