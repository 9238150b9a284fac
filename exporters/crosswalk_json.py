"""The public JSON form of documents and crosswalks (the `parse --json` and `compare` contract)."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.alignment.crosswalk import Crosswalk
from compare.documents.model import Document, Item
from compare.documents.normalize import without_lone_surrogates
from compare.atomic_write import write_bytes_atomic

if TYPE_CHECKING:  # the engine's aligner is heavy to import; `parse --json` needs none of it
    from compare.analyses.cascade import Chain

FORMAT = "duibiao-crosswalk"
VERSION = 1


def _finite(value: float | None) -> float | None:
    """NaN and infinity are not JSON: they are written as null, as a missing score is."""
    return value if value is not None and math.isfinite(value) else None


def _score(value: float | None) -> float | None:
    return None if (value := _finite(value)) is None else round(value, 4)


def _encode(payload: dict[str, Any]) -> bytes:
    """Strict JSON (allow_nan=False) in UTF-8; a lone surrogate from a tampered note becomes U+FFFD."""
    return without_lone_surrogates(json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=False)).encode("utf-8")


def item_to_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "label": item.label,
        "level": item.level,
        "path": list(item.path),
        "text": item.text,
        "kind": item.kind.value,
        "role": item.role.value,
        "task": item.is_task,
        "parent": item.parent,
        "source": item.source.describe(),
        "attributes": dict(item.attributes),
    }


def document_to_json(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.source_path,
        "title": doc.title,
        "format": doc.format,
        "encoding": doc.encoding,
        "warnings": list(doc.warnings),
        "items": [item_to_json(it) for it in doc.items],
        "annexes": [{"marker": a.marker, "title": a.title, "is_table": a.is_table, "text": a.text} for a in doc.annexes],
        "dropped": [
            {"text": d.text, "reason": d.reason, "source": d.source.describe() if d.source else ""} for d in doc.dropped
        ],
    }


def crosswalk_to_json(cw: Crosswalk) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "upper": document_to_json(cw.upper),
        "lower": document_to_json(cw.lower),
        "thresholds": {
            "link": _finite(cw.thresholds.link), "strong": _finite(cw.thresholds.strong), "duplicate": _finite(cw.thresholds.duplicate)
        },
        "links": [
            {
                "upper": k.upper,
                "lower": k.lower,
                "score": _score(k.score),
                "status": k.status.value,
                "evidence": [{"upper": list(e.upper), "lower": list(e.lower)} for e in k.evidence],
                "note": k.note,
            }
            for k in cw.links
        ],
        "upper_gaps": list(cw.upper_gaps),
        "weak": list(cw.weak),
        "lower_extras": list(cw.lower_extras),
        "overlaps": [{"lower": o.lower, "uppers": list(o.uppers)} for o in cw.overlaps],
        "duplicates": [{"side": d.side.value, "items": list(d.items), "score": _score(d.score)} for d in cw.duplicates],
        "not_applicable": [{"upper": u, "reason": r} for u, r in cw.not_applicable],
        "item_notes": [{"side": s.value, "item": i, "note": n} for s, i, n in cw.item_notes],
    }


def export_json(cw: Crosswalk, path: str | Path) -> Path:
    return write_bytes_atomic(path, _encode(crosswalk_to_json(cw)))


CHAIN_FORMAT = "duibiao-chain"


def chain_to_json(chain: Chain) -> dict[str, Any]:
    """The documents in order, each level pair as its crosswalk JSON, and every first-level task
    followed down the chain."""
    return {
        "format": CHAIN_FORMAT,
        "version": VERSION,
        "documents": [document_to_json(d) for d in chain.documents],
        "steps": [crosswalk_to_json(step) for step in chain.steps],
        "end_to_end": [
            {
                "task": c.task,
                "reached": [list(ids) for ids in c.reached],
                "outcome": c.outcome.value,
                "broken_at": c.broken_at,
                "partial": c.partial,
            }
            for c in chain.end_to_end()
        ],
    }


def export_chain_json(chain: Chain, path: str | Path) -> Path:
    return write_bytes_atomic(path, _encode(chain_to_json(chain)))
