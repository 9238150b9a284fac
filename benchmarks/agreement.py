"""How far two careful readers agree, scored the way the matcher is scored.

usage: python benchmarks/agreement.py
needs: ../shared beside the project

Six labelled cases were read a second time by readers who saw neither the first labels nor the
matcher (benchmarks/cases/second_readings, same items, links drawn anew). This script scores each
reading against the other with the product owner's rule (benchmarks/labelled_cases.score: precision
over links between labelled items, recall over the other reader's strong pairs), and prints beside
them the matcher's out-of-fold F1 on the same case (benchmarks/fit_floors.json, written by
benchmarks/fit.py --write). It says what a person reaches on these cases, and where the matcher
falls short of it: in strong recall or in precision.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_cases import (
    CASES_DIR,
    CORPUS,
    SECOND_READINGS,
    Result,
    gold_of,
    load_case,
    read_case_documents,
    score,
)

FLOORS = Path(__file__).resolve().parent / "fit_floors.json"


def _cell(result: Result) -> str:
    return (f"F1 {result.f1:.3f} P {result.precision:.3f} R {result.strong_recall:.3f} "
            f"gaps {len(result.gaps_linked)} linked")


def main() -> int:
    if not CORPUS.exists():
        print(f"needs the shared corpus at {CORPUS}")
        return 1
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["meaning"]
    print(f"{'case':46s} {'second judged by first':38s} {'first judged by second':38s} matcher")
    f1s: list[float] = []
    for path in sorted(SECOND_READINGS.glob("*.json")):
        first, second = load_case(CASES_DIR / path.name), load_case(path)
        with tempfile.TemporaryDirectory() as folder:
            upper, lower = read_case_documents(first, Path(folder))
        gold_first, gold_second = gold_of(first, upper, lower), gold_of(second, upper, lower)
        by_first = score(set(gold_second.pairs), gold_first)
        by_second = score(set(gold_first.pairs), gold_second)
        f1s += [by_first.f1, by_second.f1]
        machine = floors.get(path.stem, {}).get("out_of_fold_f1")
        print(f"{path.stem[:46]:46s} {_cell(by_first)}   {_cell(by_second)}   {'' if machine is None else f'{machine:.3f}'}")
    if f1s:
        print(f"readers' F1, both directions: mean {sum(f1s) / len(f1s):.3f}, lowest {min(f1s):.3f}, "
              f"{sum(f < 0.8 for f in f1s)} of {len(f1s)} below 0.80")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
