"""The session file: which documents were compared, how they were read, and the review so far.

A session is what a reviewer saves and reopens (and what autosave writes for crash recovery).
It stores the documents by path and content hash rather than their text, so reopening re-reads
the files; decisions whose items no longer exist are reported through `Crosswalk.orphans_of` and
kept in the file, never dropped.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from compare.atomic_write import write_bytes_atomic
from compare.alignment.crosswalk import Evidence, Link, LinkStatus, ReviewState, Sensitivity, Side
from compare.errors import ReadError
from compare.documents.model import SectionRole
from compare.documents.normalize import without_lone_surrogates
from compare.documents.readers import ReadOptions

FORMAT = "duibiao-session"
VERSION = 2  # 2: a chain of documents with one review per adjacent pair (1: one upper/lower pair)


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A document as the session knows it: where it was and what its bytes hashed to."""

    path: str
    sha256: str
    options: ReadOptions = ReadOptions()


@dataclass(frozen=True, slots=True)
class Session:
    """Documents from the highest level down (two for a plain comparison, up to six for a
    chain) and the review of each adjacent pair."""

    documents: tuple[DocumentRef, ...]
    reviews: tuple[ReviewState, ...] = ()
    sensitivity: Sensitivity = Sensitivity.BALANCED

    def __post_init__(self) -> None:
        pairs = len(self.documents) - 1
        if pairs < 1 or len(self.reviews) > pairs:
            raise ValueError("a session holds two or more documents and one review per pair")
        if len(self.reviews) < pairs:  # pairs nobody reviewed yet
            object.__setattr__(self, "reviews", self.reviews + (ReviewState(),) * (pairs - len(self.reviews)))


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_ref(path: str | Path, options: ReadOptions = ReadOptions()) -> DocumentRef:
    return DocumentRef(str(Path(path).resolve()), file_sha256(path), options)


def changed_documents(session: Session) -> tuple[DocumentRef, ...]:
    """The session's documents that are missing or whose content differs from when it was saved."""
    changed = []
    for ref in session.documents:
        path = Path(ref.path)
        if not path.is_file() or file_sha256(path) != ref.sha256:
            changed.append(ref)
    return tuple(changed)


# --- JSON form --------------------------------------------------------------------------------
#
# A session file comes from disk and may have been edited or crafted: every value is checked for
# its type and range as it is read (a wrong one raises TypeError/ValueError, which `load_session`
# words), and every string is made fit to be saved again.

MAX_SESSION_BYTES = 200 * 1024 * 1024  # a 5,000 × 5,000 review is a few MB
MAX_SPAN = 10**9  # evidence offsets: characters into an item's text


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return without_lone_surrogates(value)


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _path(value: object) -> str:
    text = _text(value)
    if not text or "\x00" in text:
        raise ValueError("not a file path")
    return text


def _whole(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"expected a whole number in [{low}, {high}], got {value!r}")
    return value


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _sequence(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _options_to_json(options: ReadOptions) -> dict[str, Any]:
    return {f.name: getattr(options, f.name) for f in fields(ReadOptions) if getattr(options, f.name) is not None}


def _options_from_json(data: object) -> ReadOptions:
    data = _mapping(data)
    header_row, annex = data.get("header_row"), data.get("annex")
    return ReadOptions(
        encoding=_optional_text(data.get("encoding")),
        sheet=_optional_text(data.get("sheet")),
        text_column=_optional_text(data.get("text_column")),
        label_column=_optional_text(data.get("label_column")),
        section_column=_optional_text(data.get("section_column")),
        header_row=None if header_row is None else _whole(header_row, 1, 1_048_576),  # Excel's last row
        annex=None if annex is None else _whole(annex, 1, 10_000),
        # JSON lists back to the (item id, role) pairs of ReadOptions
        roles=tuple((_text(item), str(SectionRole(_text(role)))) for item, role in _sequence(data.get("roles", []))),
    )


def _span(value: object) -> tuple[int, int]:
    start, end = _sequence(value)
    start = _whole(start, 0, MAX_SPAN)
    return start, _whole(end, start, MAX_SPAN)


def _score(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"expected a score in [0, 1], got {value!r}")
    return float(value)


def _link_to_json(link: Link) -> dict[str, Any]:
    return {
        "upper": link.upper,
        "lower": link.lower,
        "score": link.score,
        "status": link.status.value,
        "evidence": [[list(e.upper), list(e.lower)] for e in link.evidence],
        "note": link.note,
    }


def _link_from_json(data: object) -> Link:
    data = _mapping(data)
    return Link(
        upper=_text(data["upper"]),
        lower=_text(data["lower"]),
        score=_score(data.get("score")),
        status=LinkStatus(_text(data["status"])),
        evidence=tuple(Evidence(_span(u), _span(lo)) for u, lo in _sequence(data.get("evidence", []))),
        note=_text(data.get("note", "")),
    )


def _review_to_json(review: ReviewState) -> dict[str, Any]:
    return {
        "links": [_link_to_json(k) for k in review.links],
        "not_applicable": [list(pair) for pair in review.not_applicable],
        "item_notes": [[side.value, item, note] for side, item, note in review.item_notes],
    }


def _review_from_json(review: object) -> ReviewState:
    review = _mapping(review)
    return ReviewState(
        links=tuple(_link_from_json(k) for k in _sequence(review.get("links", []))),
        not_applicable=tuple((_text(u), _text(r)) for u, r in _sequence(review.get("not_applicable", []))),
        item_notes=tuple((Side(_text(s)), _text(i), _text(n)) for s, i, n in _sequence(review.get("item_notes", []))),
    )


def session_to_json(session: Session) -> dict[str, Any]:
    def ref(r: DocumentRef) -> dict[str, Any]:
        return {"path": r.path, "sha256": r.sha256, "options": _options_to_json(r.options)}

    return {
        "format": FORMAT,
        "version": VERSION,
        "documents": [ref(r) for r in session.documents],
        "settings": {"sensitivity": session.sensitivity.value},
        "reviews": [_review_to_json(r) for r in session.reviews],
    }


def session_from_json(data: object) -> Session:
    """Raise KeyError/ValueError/TypeError on a malformed payload (`load_session` words them)."""
    from compare.analyses.cascade import MAX_DOCUMENTS  # the aligner is slow to import; the window needs it only later

    data = _mapping(data)
    if data.get("format") != FORMAT:
        raise ValueError("not a session file")
    version = _whole(data.get("version", 0), 0, 10**9)
    if version > VERSION:
        raise OverflowError(version)

    def ref(d: object) -> DocumentRef:
        d = _mapping(d)
        return DocumentRef(_path(d["path"]), _text(d["sha256"]), _options_from_json(d.get("options", {})))

    if version < 2:  # one upper/lower pair
        documents = (ref(data["upper"]), ref(data["lower"]))
        reviews = (_review_from_json(data.get("review", {})),)
    else:
        documents = tuple(ref(d) for d in _sequence(data["documents"])[: MAX_DOCUMENTS + 1])
        reviews = tuple(_review_from_json(r) for r in _sequence(data.get("reviews", []))[:MAX_DOCUMENTS])
    if len(documents) > MAX_DOCUMENTS:
        raise ValueError("too many documents")
    return Session(
        documents=documents,
        reviews=reviews,
        sensitivity=Sensitivity(_text(_mapping(data.get("settings", {})).get("sensitivity", Sensitivity.BALANCED.value))),
    )


def save_session(path: str | Path, session: Session) -> Path:
    """Write the session atomically (a crash mid-write never leaves a broken file)."""
    text = json.dumps(session_to_json(session), ensure_ascii=False, indent=1)
    return write_bytes_atomic(path, without_lone_surrogates(text).encode("utf-8"))


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a session holds")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def load_session(path: str | Path) -> Session:
    path = Path(path)
    damaged = ("不是有效的审核进度文件或文件已损坏", "请选择由本程序保存的 .duibiao 文件")
    try:
        if path.stat().st_size > MAX_SESSION_BYTES:
            raise ReadError(path, f"文件过大（超过 {MAX_SESSION_BYTES >> 20} MB），不是本程序保存的审核进度", damaged[1])
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_reject_constant, parse_float=_finite)
    except FileNotFoundError as exc:
        raise ReadError(path, "文件不存在", "请确认文件位置后重新打开") from exc
    except PermissionError as exc:
        raise ReadError(path, "文件被其他程序占用或没有读取权限", "请关闭占用该文件的程序后重试") from exc
    # ValueError: bad JSON, NaN, a number too long to convert; RecursionError: arrays nested too deep.
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReadError(path, *damaged) from exc
    try:
        return session_from_json(data)
    except OverflowError as exc:
        raise ReadError(path, "该进度文件由更新版本的程序保存", "请升级本程序后再打开") from exc
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ReadError(path, *damaged) from exc
