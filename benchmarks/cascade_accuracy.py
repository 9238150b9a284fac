"""Cascade accuracy on labelled chains: each step, and end to end from the first to the last level.

usage: python benchmarks/cascade_accuracy.py [--sensitivity balanced] [CHAIN.json ...]

Chains: benchmarks/chains/*.json (texts from ../shared; format in benchmarks/chains/README.md).
Each step is scored like benchmarks/accuracy.py scores a pair: precision counts predicted links
between labelled items against the strong and weak pairs, recall is given over all labelled pairs
and over the strong ones (F1 uses the strong recall, as score_case does). End to end, the gold
links of the steps are composed (a first-level task reaches a last-level item when gold links
lead from one to the other through every level; the path is strong when every link on it is),
and compared with the items the engine's chain reaches through active links. A first-level task
whose chain breaks is an end-to-end gap at the level its links fail to reach.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.labelled_cases import SHARED, case_paths, find_item, load_case, load_text  # noqa: E402
from compare.alignment.align import AlignOptions  # noqa: E402
from compare.analyses.cascade import Chain, align_chain  # noqa: E402
from compare.alignment.crosswalk import Sensitivity  # noqa: E402
from compare.documents.model import Document  # noqa: E402
from compare.documents.readers import read_document  # noqa: E402

Pair = tuple[str, str]


def read_levels(case: dict, folder: Path) -> list[Document]:
    docs = []
    for n, spec in enumerate(case["levels"]):
        path = folder / f"level{n}.txt"
        path.write_text(load_text(spec), encoding="utf-8")
        docs.append(read_document(path))
    return docs


def resolve_step(step: dict, upper: Document, lower: Document) -> dict:
    """A step's labels as item ids: pairs with strength, gaps, extras, and the labelled universes."""
    pairs: dict[Pair, str] = {}
    for u, lo, strength in step["pairs"]:
        iu, il = find_item(upper, u), find_item(lower, lo)
        if iu is not None and il is not None:
            pairs[(iu, il)] = strength
    gaps = {g for g in (find_item(upper, s) for s in step["upper_gaps"]) if g is not None}
    extras = {e for e in (find_item(lower, s) for s in step["lower_extras"]) if e is not None}
    return {
        "pairs": pairs,
        "gaps": gaps,
        "extras": extras,
        "upper": {u for u, _ in pairs} | gaps,
        "lower": {lo for _, lo in pairs} | extras,
        "unresolved": len(step["pairs"]) - len(pairs) + len(step["upper_gaps"]) - len(gaps)
        + len(step["lower_extras"]) - len(extras),
    }


def _ratio(hit: int, total: int, empty: float) -> float:
    return hit / total if total else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_step(gold: dict, chain: Chain, index: int) -> dict:
    cw = chain.steps[index]
    pred = {k.pair for k in cw.links if k.active}
    pred_in = {p for p in pred if p[0] in gold["upper"] and p[1] in gold["lower"]}
    links = set(gold["pairs"])
    strong = {p for p, s in gold["pairs"].items() if s == "strong"}
    p = _ratio(len(pred_in & links), len(pred_in), 0.0)
    strong_r = _ratio(len(pred & strong), len(strong), 1.0)
    return {
        "precision": p,
        "recall": _ratio(len(pred & links), len(links), 1.0),
        "strong_recall": strong_r,
        "f1": _f1(p, strong_r),
        "gaps_found": len(gold["gaps"] & set(cw.upper_gaps)),
        "extras_found": len(gold["extras"] & set(cw.lower_extras)),
        "false_gaps": len({u for u, _ in strong} & set(cw.upper_gaps)),
    }


def gold_reach(golds: list[dict], task: str) -> tuple[list[set[str]], set[str]]:
    """Per level, the items gold links lead to from `task`; and the last-level items reached by strong links only."""
    reached, strong = [{task}], {task}
    for gold in golds:
        reached.append({lo for (u, lo) in gold["pairs"] if u in reached[-1]})
        strong = {lo for (u, lo), s in gold["pairs"].items() if u in strong and s == "strong"}
    return reached, strong


def break_level(reached: list[set[str]] | tuple[tuple[str, ...], ...]) -> int | None:
    """The first level (index into the documents) that nothing reaches; None when the chain gets through."""
    return next((n for n, ids in enumerate(reached) if not ids), None)


def score_end_to_end(golds: list[dict], chain: Chain) -> dict:
    tasks = sorted(golds[0]["upper"])
    bottom = golds[-1]["lower"]
    gold_pairs: set[Pair] = set()
    strong_pairs: set[Pair] = set()
    pred_pairs: set[Pair] = set()
    gold_breaks: dict[str, int | None] = {}
    pred_breaks: dict[str, int | None] = {}
    for task in tasks:
        reached, strong = gold_reach(golds, task)
        gold_pairs |= {(task, c) for c in reached[-1]}
        strong_pairs |= {(task, c) for c in strong}
        gold_breaks[task] = break_level(reached)
        traced = chain.trace_down(0, task)
        pred_pairs |= {(task, c) for c in traced[-1] if c in bottom}
        pred_breaks[task] = break_level(traced)
    hit = len(pred_pairs & gold_pairs)
    p = _ratio(hit, len(pred_pairs), 0.0)
    r = _ratio(hit, len(gold_pairs), 1.0)
    levels = len(golds) + 1
    broken = {t for t, b in gold_breaks.items() if b is not None}
    return {
        "tasks": len(tasks),
        "pairs": len(gold_pairs),
        "predicted": len(pred_pairs),
        "precision": p,
        "recall": r,
        "f1": _f1(p, r),
        "strong_recall": _ratio(len(pred_pairs & strong_pairs), len(strong_pairs), 1.0),
        "gold_breaks": [sum(1 for b in gold_breaks.values() if b == n) for n in range(1, levels)],
        "pred_breaks": [sum(1 for b in pred_breaks.values() if b == n) for n in range(1, levels)],
        "breaks_found": sum(1 for t in broken if pred_breaks[t] is not None),
        "breaks_same_level": sum(1 for t in broken if pred_breaks[t] == gold_breaks[t]),
        "false_breaks": sorted(t for t, b in pred_breaks.items() if b is not None and gold_breaks[t] is None),
        "missed_breaks": sorted(t for t in broken if pred_breaks[t] is None),
        "wrong": sorted(pred_pairs - gold_pairs),
        "missed": sorted(gold_pairs - pred_pairs),
    }


def _fitted_pairs() -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """The (upper, lower) corpus rows of the labelled cases the link model is fitted on."""
    rows = set()
    for path in case_paths():
        case = load_case(path)
        rows.add(((case["upper"]["sheet"], case["upper"]["no"]), (case["lower"]["sheet"], case["lower"]["no"])))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("chains", nargs="*")
    ap.add_argument("--sensitivity", default="balanced", choices=[s.value for s in Sensitivity])
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: the chains need the shared material beside the project")
    paths = [Path(c) for c in args.chains] or sorted((PROJECT / "benchmarks" / "chains").glob("*.json"))
    options = AlignOptions(sensitivity=Sensitivity(args.sensitivity))
    fitted = _fitted_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            case = json.loads(path.read_text(encoding="utf-8"))
            folder = Path(tmp) / path.stem
            folder.mkdir()
            docs = read_levels(case, folder)
            print(f"== {path.name}: {case.get('name', '')}")
            print("   levels: " + " → ".join(
                f"{spec['role']} {spec['sheet'].split()[0]} {spec['no']} ({len(d.items)} items)"
                for spec, d in zip(case["levels"], docs)))
            t0 = time.perf_counter()
            chain = align_chain(docs, options=options)
            elapsed = time.perf_counter() - t0
            golds = [resolve_step(step, docs[n], docs[n + 1]) for n, step in enumerate(case["steps"])]
            for n, gold in enumerate(golds):
                res = score_step(gold, chain, n)
                upper, lower = case["levels"][n], case["levels"][n + 1]
                # A step whose two documents are a fitting case is scored in-sample: say so.
                in_sample = ((upper["sheet"], upper["no"]), (lower["sheet"], lower["no"])) in fitted
                print(
                    f"   step {n + 1} ({case['levels'][n]['role']}→{case['levels'][n + 1]['role']}): "
                    f"F1 {res['f1']:.3f}  P {res['precision']:.3f}  R {res['recall']:.3f}  "
                    f"strongR {res['strong_recall']:.3f}  gaps {res['gaps_found']}/{len(gold['gaps'])}  "
                    f"extras {res['extras_found']}/{len(gold['extras'])}  false gaps {res['false_gaps']}"
                    + (f"  unresolved snippets {gold['unresolved']}" if gold["unresolved"] else "")
                    + ("  (in-sample: the link model is fitted on a case of these two documents)" if in_sample else "")
                )
            e2e = score_end_to_end(golds, chain)
            print(
                f"   end to end: {e2e['tasks']} labelled tasks, {e2e['pairs']} gold (task, bottom item) pairs, "
                f"{e2e['predicted']} predicted: F1 {e2e['f1']:.3f}  P {e2e['precision']:.3f}  "
                f"R {e2e['recall']:.3f}  strongR {e2e['strong_recall']:.3f}"
            )
            print(
                f"   end-to-end gaps (chain breaks) per level {e2e['gold_breaks']} gold, "
                f"{e2e['pred_breaks']} predicted; {e2e['breaks_found']}/{sum(e2e['gold_breaks'])} found, "
                f"{e2e['breaks_same_level']} at the right level; false breaks {e2e['false_breaks']}; "
                f"missed {e2e['missed_breaks']}"
            )
            cov = chain.coverage()
            print(
                f"   engine coverage (all tasks): {cov.reached}/{cov.tasks} reach the last level, "
                f"breaks per level {list(cov.broken_at)}  ({elapsed:.2f} s)"
            )
            print(f"   wrong end-to-end pairs:  {e2e['wrong'][:8]}")
            print(f"   missed end-to-end pairs: {e2e['missed'][:8]}")


if __name__ == "__main__":
    main()
