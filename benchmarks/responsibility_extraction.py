"""How well responsible units are extracted: precision / recall / F1 against hand-labelled items.

    python benchmarks/responsibility_extraction.py

The gold (`benchmarks/extraction/departments_seeds.json`, see its "method") names items by a text
snippet and lists their canonical lead and support units. Scored on the labelled items only:
(item, unit, role) and (item, unit) with the role ignored.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.labelled_cases import SHARED, load_text  # noqa: E402
from compare.documents.model import Document  # noqa: E402
from compare.documents.normalize import matching_key  # noqa: E402
from compare.documents.readers import read_document  # noqa: E402
from compare.analyses.responsibility import LEAD, SUPPORT, responsibility_of  # noqa: E402

GOLD = PROJECT / "benchmarks" / "extraction" / "departments_seeds.json"


def _document(entry: dict, folder: Path) -> Document:
    if "seed" in entry:
        return read_document(SHARED / "seeds" / entry["seed"])
    source = entry["corpus"]
    path = folder / f"corpus_{source['no']}.txt"
    path.write_text(load_text(source), encoding="utf-8")
    return read_document(path)


def _find(document: Document, snippet: str):
    # A snippet names the paragraph an item opens with, or one of its paragraphs (a numbered title
    # and its body are one item).
    key = matching_key(snippet).replace(" ", "")
    hits = [
        it for it in document.items
        if any(line.replace(" ", "").startswith(key) for line in matching_key(it.display).split("\n"))
    ]
    if len(hits) != 1:
        raise LookupError(f"snippet {snippet!r} matches {len(hits)} items")
    return hits[0]


def _scores(gold: set, found: set) -> tuple[float, float, float]:
    hit = len(gold & found)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    if not SHARED.exists():
        print(f"跳过：{SHARED} 不存在")
        return 0
    gold_file = json.loads(GOLD.read_text(encoding="utf-8"))
    gold_roles: set[tuple[str, str, str]] = set()
    found_roles: set[tuple[str, str, str]] = set()
    misses: list[str] = []
    items = 0
    with tempfile.TemporaryDirectory() as tmp:
        for entry in gold_file["documents"]:
            name = entry.get("seed") or f"{entry['corpus']['sheet']} {entry['corpus']['no']}"
            document = _document(entry, Path(tmp))
            for labelled in entry["items"]:
                item = _find(document, labelled["snippet"])
                where = f"{name}#{item.id}"
                items += 1
                expected = {(where, u, LEAD) for u in labelled["lead"]} | {(where, u, SUPPORT) for u in labelled["support"]}
                resp = responsibility_of(item)
                got = {(where, u, LEAD) for u in resp.lead} | {(where, u, SUPPORT) for u in resp.support}
                gold_roles |= expected
                found_roles |= got
                for extra in sorted(got - expected):
                    misses.append(f"  多出  {labelled['snippet']} {extra[1]}（{extra[2]}）")
                for missing in sorted(expected - got):
                    misses.append(f"  遗漏  {labelled['snippet']} {missing[1]}（{missing[2]}）")
    p, r, f = _scores(gold_roles, found_roles)
    pu, ru, fu = _scores({g[:2] for g in gold_roles}, {g[:2] for g in found_roles})
    print(f"标注条目 {items} 个，标注（条目, 单位, 角色）{len(gold_roles)} 个，抽取 {len(found_roles)} 个")
    print(f"（条目, 单位, 角色）  精确率 {p:.3f}  召回率 {r:.3f}  F1 {f:.3f}")
    print(f"（条目, 单位）不计角色  精确率 {pu:.3f}  召回率 {ru:.3f}  F1 {fu:.3f}")
    if misses:
        print("差异：")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
