"""Alignment accuracy on labelled cases, and what each scoring signal adds.

usage: python benchmarks/accuracy.py [--ablation] [--sensitivity balanced] [CASE.json ...]

Cases: ../shared/benchmarks/binhai2020_case.json and benchmarks/cases/*.json (texts from ../shared).
Scored like the product owner's score_case.py: labelled snippets are mapped onto the segmented
items; precision counts predicted links between labelled items, recall counts the strong pairs.
Also prints the version case: the 33 measures of seed 002's body against the measure column of
its annex table, which must match one-to-one.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
sys.path.insert(0, str(PROJECT))

from compare.alignment.align import AlignOptions, align  # noqa: E402
from compare.alignment.crosswalk import Sensitivity  # noqa: E402
from compare.documents.model import Document  # noqa: E402
from compare.documents.readers import read_document  # noqa: E402
from compare.alignment.scoring import SIGNALS, ScoringOptions  # noqa: E402

BLIND = {("Central Policies Table", 87), ("Central Policies Table", 89), ("ShanDong Policies Table", 9), ("ShanDong Policies Table", 31)}
_LABEL = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）).、．]")


def load_text(spec: dict) -> str:
    if "path" in spec:
        return (SHARED / spec["path"]).read_text(encoding="utf-8")
    if (spec["sheet"], spec["no"]) in BLIND:
        raise SystemExit(f"{spec} is reserved as a blind test set")
    import openpyxl

    wb = openpyxl.load_workbook(SHARED / "corpus" / "policies_central_shandong.xlsx", read_only=True)
    try:
        for row in wb[spec["sheet"]].iter_rows(min_row=2, values_only=True):
            if row[0] == spec["no"]:
                return str(row[5]).replace("\u3000", "").replace("\r", "")
    finally:
        wb.close()
    raise SystemExit(f"no row {spec}")


def _norm(s: str) -> str:
    return re.sub(r"[\s。，、,.:：；;（）()]", "", s)


def find_item(doc: Document, snippet: str) -> str | None:
    """The item a labelled snippet names: earliest match in label+text, else in text alone."""
    s = _norm(snippet)
    bare = _norm(_LABEL.sub("", snippet))
    hits = []
    for it in doc.items:
        full = _norm(it.label + it.text)
        pos = full.find(s)
        if pos < 0:
            pos = _norm(it.text).find(bare)
            if pos < 0 or len(bare) < 4:
                continue
            pos += 1000
        hits.append((pos, len(full), it.id))
    return sorted(hits)[0][2] if hits else None


def read_case_documents(case: dict, folder: Path) -> tuple[Document, Document]:
    docs = []
    for side in ("upper", "lower"):
        path = folder / f"{side}.txt"
        path.write_text(load_text(case[side]), encoding="utf-8")
        docs.append(read_document(path))
    return docs[0], docs[1]


def score_case(case: dict, upper: Document, lower: Document, options: AlignOptions) -> dict:
    cw = align(upper, lower, options=options)
    pairs = []
    for u, lo, strength in case["pairs"]:
        iu, il = find_item(upper, u), find_item(lower, lo)
        if iu is not None and il is not None:
            pairs.append((iu, il, strength))
    gold = {(u, lo) for u, lo, _ in pairs}
    strong = {(u, lo) for u, lo, s in pairs if s == "strong"}
    gaps = [find_item(upper, g) for g in case.get("upper_gaps", [])]
    extras = [find_item(lower, g) for g in case.get("lower_extras", [])]
    universe_u = {u for u, _, _ in pairs} | set(gaps)
    universe_l = {lo for _, lo, _ in pairs} | set(extras)
    pred = {k.pair for k in cw.links if k.active}
    pred_in = {p for p in pred if p[0] in universe_u and p[1] in universe_l}
    p = len(pred_in & gold) / len(pred_in) if pred_in else 0.0
    r = len(pred & strong) / len(strong) if strong else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "f1": f1,
        "precision": p,
        "strong_recall": r,
        "gaps_found": sum(1 for g in gaps if g in cw.upper_gaps),
        "gaps": len(gaps),
        "extras_found": sum(1 for e in extras if e in cw.lower_extras),
        "extras": len(extras),
        "false_gaps": len({u for u, _ in strong} & set(cw.upper_gaps)),
        "missed": sorted(strong - pred),
        "wrong": sorted(pred_in - gold),
        "unresolved": len(case["pairs"]) - len(pairs),
    }


def version_case(folder: Path) -> str:
    """Seed 002: the 33 body measures against the measure column of its annex table.

    The annex is a table flattened to text, one row a line, with no marks between columns. The
    measure cell of each row is located by the best partial alignment of any body measure
    against the line (rapidfuzz), so the annex version keeps its own wording; the engine must
    then pair the two versions one-to-one, in any order, and find their differences.
    """
    from rapidfuzz import fuzz

    from compare.alignment.diff import DiffOp, char_diff

    seed = next((SHARED / "seeds").glob("002_*.txt"))
    body = read_document(seed)
    measures = [it for it in body.items if it.is_task]
    rows = [line for line in (body.annexes[0].text if body.annexes else "").split("\n") if len(line) > 40]
    cells: list[str] = []
    for line in rows:
        best = max(measures, key=lambda it: fuzz.partial_ratio(it.text, line))
        found = fuzz.partial_ratio_alignment(best.text, line)
        if found is not None and found.score >= 60:
            cells.append(line[found.dest_start : found.dest_end])
    upper_path, lower_path = folder / "body_measures.txt", folder / "annex_measures.txt"
    upper_path.write_text("\n".join(f"{n}.{it.text}" for n, it in enumerate(measures, 1)), encoding="utf-8")
    lower_path.write_text("\n".join(f"{n}.{t}" for n, t in enumerate(reversed(cells), 1)), encoding="utf-8")
    upper, lower = read_document(upper_path), read_document(lower_path)
    cw = align(upper, lower)
    up_index, lo_index = upper.index(), lower.index()
    expected = {(f"{n}", f"{len(cells) - n + 1}") for n in range(1, len(measures) + 1)}
    right = {k.pair for k in cw.links} & expected
    changed = sum(
        1
        for k in cw.links
        if any(s.op is not DiffOp.EQUAL for s in char_diff(up_index[k.upper].text, lo_index[k.lower].text))
    )
    return (
        f"version case: {len(measures)} body measures, {len(cells)} measure cells found in the annex rows "
        f"(fed in reverse order); {len(right)} paired with their own version, {len(cw.links) - len(right)} other links, "
        f"{changed} pairs with text differences"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--ablation", action="store_true", help="also score with each signal switched off")
    ap.add_argument("--sensitivity", default="balanced", choices=[s.value for s in Sensitivity])
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: the cases need the shared material beside the project")
    paths = [Path(c) for c in args.cases] or [SHARED / "benchmarks" / "binhai2020_case.json", *sorted((PROJECT / "benchmarks" / "cases").glob("*.json"))]
    variants = {"all signals": ScoringOptions()}
    if args.ablation:
        for s in SIGNALS:
            variants[f"without {s}"] = ScoringOptions(signals=frozenset(SIGNALS) - {s})
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            case = json.loads(path.read_text(encoding="utf-8"))
            folder = Path(tmp) / path.stem
            folder.mkdir()
            upper, lower = read_case_documents(case, folder)
            print(f"== {path.name}: {case.get('name', '')}")
            print(f"   items: upper {len(upper.items)}, lower {len(lower.items)}")
            for name, scoring in variants.items():
                t0 = time.perf_counter()
                res = score_case(case, upper, lower, AlignOptions(sensitivity=Sensitivity(args.sensitivity), scoring=scoring))
                print(
                    f"   {name:16s} F1 {res['f1']:.3f}  P {res['precision']:.3f}  strongR {res['strong_recall']:.3f}  "
                    f"gaps {res['gaps_found']}/{res['gaps']}  extras {res['extras_found']}/{res['extras']}  "
                    f"false gaps {res['false_gaps']}  ({time.perf_counter() - t0:.2f} s)"
                )
                if name == "all signals":
                    if res["unresolved"]:
                        print(f"   unresolved snippets: {res['unresolved']}")
                    print(f"   missed strong: {res['missed'][:8]}")
                    print(f"   wrong links:   {res['wrong'][:8]}")
        print(version_case(Path(tmp)))


if __name__ == "__main__":
    main()
