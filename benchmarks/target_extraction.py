"""Precision and recall of target extraction against hand-labelled items.

usage: python benchmarks/target_extraction.py [GOLD.json] [--show]

Gold: benchmarks/extraction/targets_seeds.json (texts from ../shared; see its "method"). Each
labelled item is found by its snippet as in the alignment cases; a predicted target counts when
the same item has a gold target with the same value, unit and year (each gold target matched once).
Per field, the same is scored on that field alone. --show prints every miss and false positive.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.labelled_cases import find_item, load_text  # noqa: E402
from compare.documents.readers import read_document  # noqa: E402
from compare.analyses.targets import Target, document_targets  # noqa: E402

GOLD = PROJECT / "benchmarks" / "extraction" / "targets_seeds.json"
FIELDS = {"value": (0,), "unit": (1,), "year": (2,), "all": (0, 1, 2)}


def _key(value: float | None, unit: str, year: int | None) -> tuple:
    return (None if value is None else round(float(value), 4), unit, year)


def _predicted(t: Target) -> tuple:
    return _key(t.value, t.unit, t.year)


def _scores(gold: Counter, predicted: Counter) -> tuple[float, float, float]:
    hit = sum((gold & predicted).values())
    p = hit / sum(predicted.values()) if predicted else 1.0
    r = hit / sum(gold.values()) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold_path: Path, show: bool) -> dict[str, tuple[float, float, float]]:
    spec = json.loads(gold_path.read_text(encoding="utf-8"))
    gold: dict[str, Counter] = {f: Counter() for f in FIELDS}
    pred: dict[str, Counter] = {f: Counter() for f in FIELDS}
    with tempfile.TemporaryDirectory() as folder:
        for n, doc_spec in enumerate(spec["documents"]):
            path = Path(folder) / f"doc{n}.txt"
            path.write_text(load_text(doc_spec["source"]), encoding="utf-8")
            document = read_document(path)
            by_item: dict[str, list[Target]] = {}
            for t in document_targets(document):
                by_item.setdefault(t.item_id, []).append(t)
            for labelled in doc_spec["items"]:
                item_id = find_item(document, labelled["snippet"])
                if item_id is None:
                    raise SystemExit(f"snippet not found: {labelled['snippet']}")
                g = [_key(*t) for t in labelled["targets"]]
                p = [_predicted(t) for t in by_item.get(item_id, [])]
                for field, idx in FIELDS.items():
                    gold[field].update((n, item_id, tuple(k[i] for i in idx)) for k in g)
                    pred[field].update((n, item_id, tuple(k[i] for i in idx)) for k in p)
                if show:
                    for k in Counter(g) - Counter(p):
                        print(f"  missed  {labelled['snippet']}: {k}")
                    for k in Counter(p) - Counter(g):
                        print(f"  extra   {labelled['snippet']}: {k}")
    return {field: _scores(gold[field], pred[field]) for field in FIELDS} | {
        "_counts": (sum(gold["all"].values()), sum(pred["all"].values()), 0.0)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=GOLD)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    scores = evaluate(args.gold, args.show)
    n_gold, n_pred, _ = scores.pop("_counts")
    print(f"targets: {int(n_gold)} labelled, {int(n_pred)} predicted in the labelled items")
    print(f"{'field':8} {'precision':>9} {'recall':>7} {'F1':>6}")
    for field, (p, r, f1) in scores.items():
        print(f"{field:8} {p:9.3f} {r:7.3f} {f1:6.3f}")


if __name__ == "__main__":
    main()
