"""The session file: which documents were compared, how they were read, and the review so far.

A session is what a reviewer saves and reopens (and what autosave writes for crash recovery).
It stores the documents by path and content hash rather than their text, so reopening re-reads
the files; decisions whose items no longer exist are reported through `Crosswalk.orphans_of` and
kept in the file, never dropped.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from compare.atomic_write import write_bytes_atomic
from compare.alignment.crosswalk import Evidence, Link, LinkStatus, ReviewState, Sensitivity, Side
from compare.errors import ReadError
from compare.documents.model import SectionRole
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


def _options_to_json(options: ReadOptions) -> dict[str, Any]:
    return {f.name: getattr(options, f.name) for f in fields(ReadOptions) if getattr(options, f.name) is not None}


def _options_from_json(data: dict[str, Any]) -> ReadOptions:
    known = {f.name for f in fields(ReadOptions)}
    values = {k: v for k, v in data.items() if k in known}
    if "roles" in values:  # JSON lists back to the (item id, role) pairs of ReadOptions
        values["roles"] = tuple((str(item), str(SectionRole(role))) for item, role in values["roles"])
    return ReadOptions(**values)


def _link_to_json(link: Link) -> dict[str, Any]:
    return {
        "upper": link.upper,
        "lower": link.lower,
        "score": link.score,
        "status": link.status.value,
        "evidence": [[list(e.upper), list(e.lower)] for e in link.evidence],
        "note": link.note,
    }


def _link_from_json(data: dict[str, Any]) -> Link:
    return Link(
        upper=str(data["upper"]),
        lower=str(data["lower"]),
        score=None if data.get("score") is None else float(data["score"]),
        status=LinkStatus(data["status"]),
        evidence=tuple(Evidence(tuple(u), tuple(lo)) for u, lo in data.get("evidence", ())),
        note=str(data.get("note", "")),
    )


def _review_to_json(review: ReviewState) -> dict[str, Any]:
    return {
        "links": [_link_to_json(k) for k in review.links],
        "not_applicable": [list(pair) for pair in review.not_applicable],
        "item_notes": [[side.value, item, note] for side, item, note in review.item_notes],
    }


def _review_from_json(review: dict[str, Any]) -> ReviewState:
    return ReviewState(
        links=tuple(_link_from_json(k) for k in review.get("links", ())),
        not_applicable=tuple((str(u), str(r)) for u, r in review.get("not_applicable", ())),
        item_notes=tuple((Side(s), str(i), str(n)) for s, i, n in review.get("item_notes", ())),
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


def session_from_json(data: dict[str, Any]) -> Session:
    """Raise KeyError/ValueError/TypeError on a malformed payload (`load_session` words them)."""
    if data.get("format") != FORMAT:
        raise ValueError("not a session file")
    version = int(data.get("version", 0))
    if version > VERSION:
        raise OverflowError(version)

    def ref(d: dict[str, Any]) -> DocumentRef:
        return DocumentRef(str(d["path"]), str(d["sha256"]), _options_from_json(d.get("options", {})))

    if version < 2:  # one upper/lower pair
        documents = (ref(data["upper"]), ref(data["lower"]))
        reviews = (_review_from_json(data.get("review", {})),)
    else:
        documents = tuple(ref(d) for d in data["documents"])
        reviews = tuple(_review_from_json(r) for r in data.get("reviews", ()))
    return Session(
        documents=documents,
        reviews=reviews,
        sensitivity=Sensitivity(data.get("settings", {}).get("sensitivity", Sensitivity.BALANCED.value)),
    )


def save_session(path: str | Path, session: Session) -> Path:
    """Write the session atomically (a crash mid-write never leaves a broken file)."""
    payload = json.dumps(session_to_json(session), ensure_ascii=False, indent=1).encode("utf-8")
    return write_bytes_atomic(path, payload)


def load_session(path: str | Path) -> Session:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReadError(path, "文件不存在", "请确认文件位置后重新打开") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(path, "不是有效的审核进度文件或文件已损坏", "请选择由本程序保存的 .duibiao 文件") from exc
    try:
        return session_from_json(data)
    except OverflowError as exc:
        raise ReadError(path, "该进度文件由更新版本的程序保存", "请升级本程序后再打开") from exc
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ReadError(path, "不是有效的审核进度文件或文件已损坏", "请选择由本程序保存的 .duibiao 文件") from exc
