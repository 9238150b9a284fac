"""How many rows of seed 002's annex 分工方案 the division-table reader recovers correctly.

A row is correct when its upper task carries the right number and exactly the gold task text,
and its measure is the gold measure the task is paired with (the table prints the measures in
slightly different words from the body, so the measure is judged as the gold measure it is most
like, and at least 60 % alike). Run: .venv/bin/python benchmarks/audit_check.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from compare.analyses.division_table import read_division_table  # noqa: E402
from compare.documents.normalize import matching_key  # noqa: E402

SHARED = PROJECT.parent / "shared"
SEED = SHARED / "seeds" / "002_316de45e39d2cb83.txt"
GOLD = SHARED / "benchmarks" / "binhai2020_gold.json"
MEASURE_FLOOR = 60.0


def _key(text: str) -> str:
    return re.sub(r"\s", "", matching_key(text))


def main() -> int:
    if not SEED.exists() or not GOLD.exists():
        print(f"需要 {SEED} 和 {GOLD}")
        return 1
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    national = {int(k): _key(v) for k, v in gold["national"].items()}
    local = {int(k): _key(v) for k, v in gold["local"].items()}
    paired = {n: m for n, m in gold["pairs"]}
    lone_locals = set(gold["local_without_national"])
    table = read_division_table(SEED)
    rows_ok = tasks_ok = measures_ok = 0
    for row in table.rows:
        task_right = row.upper_number is None or national.get(row.upper_number) == _key(row.upper_task)
        want = paired.get(row.upper_number) if row.upper_number is not None else next(iter(lone_locals), None)
        measure = _key(row.lower_measure)
        scores = {m: fuzz.ratio(measure, text) for m, text in local.items()}
        best = max(scores, key=scores.__getitem__) if scores else None
        if want is None:
            measure_right = best is None or scores[best] < MEASURE_FLOOR  # a task the table leaves without a measure
        else:
            measure_right = best == want and scores[best] >= MEASURE_FLOOR
        tasks_ok += task_right and row.upper_number is not None
        measures_ok += measure_right and want is not None
        rows_ok += task_right and measure_right
        if not (task_right and measure_right):
            print(f"  序号{row.number}: 任务{'对' if task_right else '错'}，措施{'对' if measure_right else '错'}（最像本级措施{best}，{scores.get(best, 0):.0f}%）")
    print(f"读出 {len(table.rows)} 行（表中 34 行：33 项国家任务 + 1 项无国家任务的本级措施）")
    print(f"完全正确的行：{rows_ok}/{len(table.rows)}")
    print(f"国家任务（编号与全文）正确：{tasks_ok}/{len(national)}")
    print(f"本级措施对应到正确的金标措施：{measures_ok}/{len(local)}")
    print(f"注明不适用的国家任务：{list(table.not_applicable)}（金标：26、27、28）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
