"""The labelled upper -> lower cases in benchmarks/cases are well-formed and point at real text.

Each case names two rows of the shared corpus workbook and lists snippets (the opening characters of
an item, numbering label included). The scorer finds a snippet after removing whitespace and the
punctuation below, so a snippet must occur in its text, and exactly once, or it labels nothing or the
wrong item.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CORPUS, PROJECT, RESERVED_ROWS, require_shared

CASES_DIR = PROJECT / "benchmarks" / "cases"
# The second readings (benchmarks/agreement.py) obey the same rules as the cases they read again.
SECOND_READINGS = sorted((CASES_DIR / "second_readings").glob("*.json"))
CASE_FILES = sorted(CASES_DIR.glob("*.json")) + SECOND_READINGS
SHEETS = ("Central Policies Table", "ShanDong Policies Table")
# Rows kept back as a blind test set: no case may label them.
RESERVED = RESERVED_ROWS
STRENGTHS = {"strong", "weak"}
# The scorer's normalisation (benchmarks/score_case.py in the shared folder).
_IGNORED = re.compile(r"[\s。，、,.:：；;（）()]")


def _norm(text: str) -> str:
    return _IGNORED.sub("", text)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _snippets(case: dict) -> tuple[list[str], list[str]]:
    upper = [u for u, _, _ in case["pairs"]] + case["upper_gaps"]
    lower = [lo for _, lo, _ in case["pairs"]] + case["lower_extras"]
    return upper, lower


def test_there_are_at_least_three_cases() -> None:
    assert len(CASE_FILES) >= 3, f"expected at least three labelled cases in {CASES_DIR}"


@pytest.mark.parametrize("path", SECOND_READINGS, ids=lambda p: p.stem)
def test_a_second_reading_reads_a_labelled_case_again(path: Path) -> None:
    first = CASES_DIR / path.name
    assert first.exists(), f"{path.name} names no case in {CASES_DIR}"
    assert {s: _load(path)[s] for s in ("upper", "lower")} == {s: _load(first)[s] for s in ("upper", "lower")}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_shape(path: Path) -> None:
    case = _load(path)
    assert {"name", "upper", "lower", "labelled_by", "pairs", "upper_gaps", "lower_extras"} <= case.keys()
    assert case["name"].strip() and case["labelled_by"].strip()
    for side in ("upper", "lower"):
        spec = case[side]
        assert spec.keys() == {"sheet", "no"}, spec
        assert spec["sheet"] in SHEETS and isinstance(spec["no"], int), spec
        assert (spec["sheet"], spec["no"]) not in RESERVED, f"{path.name} labels a reserved row {spec}"
    assert case["upper"] != case["lower"]
    assert case["pairs"], "a case without pairs scores nothing"
    for pair in case["pairs"]:
        assert len(pair) == 3 and pair[2] in STRENGTHS, pair
    upper, lower = _snippets(case)
    short = [s for s in upper + lower if not isinstance(s, str) or len(_norm(s)) < 6]
    assert not short, f"snippets too short to name one item: {short}"
    assert any(s == "strong" for _, _, s in case["pairs"]), "recall is measured on strong pairs"
    links = [(u, lo) for u, lo, _ in case["pairs"]]
    assert len(links) == len(set(links)), "a pair is listed twice"
    linked_upper = {u for u, _ in links}
    linked_lower = {lo for _, lo in links}
    assert not linked_upper & set(case["upper_gaps"]), "an upper gap also has a link"
    assert not linked_lower & set(case["lower_extras"]), "a lower extra also has a link"
    assert len(case["upper_gaps"]) == len(set(case["upper_gaps"]))
    assert len(case["lower_extras"]) == len(set(case["lower_extras"]))


def corpus_row_texts(wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Cell texts of the (sheet, No.) rows `wanted` (reserved rows left out), cleaned the way the
    scorer cleans them."""
    wanted = wanted - RESERVED
    book = openpyxl.load_workbook(require_shared(CORPUS), read_only=True)
    try:
        texts = {}
        for sheet in {s for s, _ in wanted}:
            for row in book[sheet].iter_rows(min_row=2, values_only=True):
                if (sheet, row[0]) in wanted and row[5]:
                    texts[(sheet, row[0])] = row[5].replace("\u3000", "").replace("\r", "")
    finally:
        book.close()
    return texts


@pytest.fixture(scope="module")
def corpus_texts() -> dict[tuple[str, int], str]:
    """Cell texts of the rows the cases name."""
    wanted = set()
    for path in CASE_FILES:
        case = _load(path)
        wanted |= {(case[s]["sheet"], case[s]["no"]) for s in ("upper", "lower")}
    return corpus_row_texts(wanted)


@pytest.mark.corpus
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_snippets_occur_once_in_their_text(path: Path, corpus_texts: dict[tuple[str, int], str]) -> None:
    case = _load(path)
    upper, lower = _snippets(case)
    for side, snippets in (("upper", upper), ("lower", lower)):
        key = (case[side]["sheet"], case[side]["no"])
        assert key in corpus_texts, f"{path.name}: {side} {key} is not a corpus row with text"
        text = _norm(corpus_texts[key])
        counts = {s: text.count(_norm(s)) for s in set(snippets)}
        missing = sorted(s for s, n in counts.items() if n == 0)
        repeated = sorted(s for s, n in counts.items() if n > 1)
        assert not missing, f"{path.name}: {side} snippets not in the text: {missing}"
        assert not repeated, f"{path.name}: {side} snippets occurring more than once: {repeated}"
