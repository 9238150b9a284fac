"""The labelled upper → lower cases: loading their texts, mapping labels onto items, scoring links.

Shared by benchmarks/fit.py (fitting and leave-one-case-out figures), benchmarks/accuracy.py (the
shipped engine on every case) and the regression test. Scoring follows the product owner's
../shared/benchmarks/score_case.py: precision over predicted links between labelled items, recall
over the strong pairs, a gap found when a labelled gap has no link, a false gap when a task with a
strong pair has none.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CASES_DIR = PROJECT / "benchmarks" / "cases"
# Cases read a second time by another reader (benchmarks/agreement.py); never fitted on.
SECOND_READINGS = CASES_DIR / "second_readings"
DEMO_CASE = SHARED / "benchmarks" / "binhai2020_case.json"
CORPUS = SHARED / "corpus" / "policies_central_shandong.xlsx"
# Rows kept back as a blind test set (../shared/corpus/README.md): never labelled, scored or tuned on.
RESERVED = frozenset(
    {("Central Policies Table", n) for n in (47, 48, 49, 50, 87, 89, 147, 166)}
    | {("ShanDong Policies Table", n) for n in (5, 9, 31)}
)
_LABEL = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[）).、．]")


def case_paths() -> list[Path]:
    """The labelled corpus cases (the demo is not among them: it is never a training case)."""
    return sorted(CASES_DIR.glob("*.json"))


def load_case(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def second_reading(path: Path) -> dict | None:
    """The second reading of the case at `path`, where one was made."""
    second = SECOND_READINGS / path.name
    return load_case(second) if second.exists() else None


def load_text(spec: dict) -> str:
    if "path" in spec:
        return (SHARED / spec["path"]).read_text(encoding="utf-8")
    if (spec["sheet"], spec["no"]) in RESERVED:
        raise SystemExit(f"{spec} is reserved as a blind test set")
    import openpyxl

    wb = openpyxl.load_workbook(CORPUS, read_only=True)
    try:
        for row in wb[spec["sheet"]].iter_rows(min_row=2, values_only=True):
            if row[0] == spec["no"]:
                return str(row[5]).replace("\u3000", "").replace("\r", "")
    finally:
        wb.close()
    raise SystemExit(f"no row {spec}")


def _norm(s: str) -> str:
    return re.sub(r"[\s。，、,.:：；;（）()]", "", s)


def find_item(doc, snippet: str) -> str | None:
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


def read_case_documents(case: dict, folder: Path):
    """The case's two texts written as .txt (as score_case.py does) and read."""
    from compare.documents.readers import read_document

    docs = []
    for side in ("upper", "lower"):
        path = folder / f"{side}.txt"
        path.write_text(load_text(case[side]), encoding="utf-8")
        docs.append(read_document(path))
    return docs[0], docs[1]


@dataclass(frozen=True)
class Gold:
    """A case's labels mapped onto item ids."""

    pairs: frozenset[tuple[str, str]]  # strong and weak
    strong: frozenset[tuple[str, str]]
    gaps: tuple[str, ...]
    extras: tuple[str, ...]
    unresolved: int

    @property
    def universe_upper(self) -> set[str]:
        return {u for u, _ in self.pairs} | set(self.gaps)

    @property
    def universe_lower(self) -> set[str]:
        return {lo for _, lo in self.pairs} | set(self.extras)


def gold_of(case: dict, upper, lower) -> Gold:
    pairs, strong, unresolved = set(), set(), 0
    for u, lo, strength in case["pairs"]:
        iu, il = find_item(upper, u), find_item(lower, lo)
        if iu is None or il is None:
            unresolved += 1
            continue
        pairs.add((iu, il))
        if strength == "strong":
            strong.add((iu, il))
    gaps = tuple(g for g in (find_item(upper, s) for s in case.get("upper_gaps", [])) if g is not None)
    extras = tuple(e for e in (find_item(lower, s) for s in case.get("lower_extras", [])) if e is not None)
    return Gold(frozenset(pairs), frozenset(strong), gaps, extras, unresolved)


@dataclass(frozen=True)
class Result:
    f1: float
    precision: float
    strong_recall: float
    gaps_found: int
    gaps: int
    false_gaps: int
    gaps_linked: tuple[str, ...]  # labelled gaps the links fill

    def row(self) -> str:
        return (
            f"F1 {self.f1:.3f}  P {self.precision:.3f}  strongR {self.strong_recall:.3f}  "
            f"gaps {self.gaps_found}/{self.gaps}  false gaps {self.false_gaps}"
        )


def score(links: set[tuple[str, str]], gold: Gold) -> Result:
    """Score predicted (upper, lower) links the way score_case.py does."""
    inside = {p for p in links if p[0] in gold.universe_upper and p[1] in gold.universe_lower}
    precision = len(inside & gold.pairs) / len(inside) if inside else 0.0
    recall = len(links & gold.strong) / len(gold.strong) if gold.strong else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    linked = {u for u, _ in links}
    strong_tasks = {u for u, _ in gold.strong}
    return Result(
        f1=f1,
        precision=precision,
        strong_recall=recall,
        gaps_found=sum(1 for g in gold.gaps if g not in linked),
        gaps=len(gold.gaps),
        false_gaps=len(strong_tasks - linked),
        gaps_linked=tuple(g for g in gold.gaps if g in linked),
    )
