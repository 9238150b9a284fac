"""The shipped engine on every labelled case, and the seed-002 version case.

usage: python benchmarks/accuracy.py [--sensitivity balanced] [CASE.json ...]

Cases: ../shared/benchmarks/binhai2020_case.json (the demo, never fitted on) and benchmarks/cases/*.json.
The corpus cases were fitted on (benchmarks/fit.py), so their figures here are in-sample; fit.py
prints the out-of-fold figures that judge the engine. Scored like the product owner's score_case.py.
Also prints the version case: the 33 measures of seed 002's body against the measure column of
its annex table, which must match one-to-one.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_cases import DEMO_CASE, SHARED, case_paths, gold_of, load_case, read_case_documents, score  # noqa: E402
from compare.alignment.align import AlignOptions, align  # noqa: E402
from compare.alignment.crosswalk import Sensitivity  # noqa: E402
from compare.documents.readers import read_document  # noqa: E402


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
    ap.add_argument("--sensitivity", default="balanced", choices=[s.value for s in Sensitivity])
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is absent: the cases need the shared material beside the project")
    paths = [Path(c) for c in args.cases] or [DEMO_CASE, *case_paths()]
    options = AlignOptions(sensitivity=Sensitivity(args.sensitivity))
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            case = load_case(path)
            folder = Path(tmp) / path.stem
            folder.mkdir()
            upper, lower = read_case_documents(case, folder)
            t0 = time.perf_counter()
            cw = align(upper, lower, options=options)
            gold = gold_of(case, upper, lower)
            result = score({k.pair for k in cw.links if k.active}, gold)
            kind = "demo, never fitted on" if path == DEMO_CASE else "fitted on: in-sample"
            print(f"{path.stem:58s} {result.row()}  ({kind}; {time.perf_counter() - t0:.2f} s)")
        print(version_case(Path(tmp)))


if __name__ == "__main__":
    main()
