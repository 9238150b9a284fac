"""The labelled chains in benchmarks/chains are well-formed and point at real text.

A chain names three or more corpus rows from the highest level down and labels each adjacent
pair the way benchmarks/cases labels one pair. The end-to-end gold is the composition of the
steps, so an item of a middle document must carry the same snippet on both of its sides: a
middle item labelled in one step only would break the gold chain where the labels say nothing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.compare.alignment.test_cases_wellformed import RESERVED, SHEETS, STRENGTHS, _load, _norm, corpus_row_texts
from tests.conftest import PROJECT

CHAINS_DIR = PROJECT / "benchmarks" / "chains"
CHAIN_FILES = sorted(CHAINS_DIR.glob("*.json"))


def _key(level: dict) -> tuple[str, int]:
    return (level["sheet"], level["no"])


def _upper_snippets(step: dict) -> set[str]:
    return {u for u, _, _ in step["pairs"]} | set(step["upper_gaps"])


def _lower_snippets(step: dict) -> set[str]:
    return {lo for _, lo, _ in step["pairs"]} | set(step["lower_extras"])


def test_there_is_a_labelled_chain() -> None:
    assert CHAIN_FILES, f"expected at least one labelled chain in {CHAINS_DIR}"


@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_chain_shape(path: Path) -> None:
    case = _load(path)
    assert case.keys() == {"name", "labelled_by", "levels", "steps"}
    assert case["name"].strip() and case["labelled_by"].strip()
    levels = case["levels"]
    assert len(levels) >= 3, "a chain has at least three levels; a pair belongs in benchmarks/cases"
    for level in levels:
        assert level.keys() == {"sheet", "no", "role"}, level
        assert level["sheet"] in SHEETS and isinstance(level["no"], int), level
        assert isinstance(level["role"], str) and level["role"].strip(), level
        assert _key(level) not in RESERVED, f"{path.name} labels a reserved row {level}"
    assert len({_key(level) for level in levels}) == len(levels), "a document appears twice in the chain"
    assert len(case["steps"]) == len(levels) - 1, "one step per adjacent pair of levels"
    for n, step in enumerate(case["steps"], 1):
        assert step.keys() == {"pairs", "upper_gaps", "lower_extras"}, f"step {n}"
        for pair in step["pairs"]:
            assert len(pair) == 3 and pair[2] in STRENGTHS, (n, pair)
        assert any(s == "strong" for _, _, s in step["pairs"]), f"step {n}: recall is measured on strong pairs"
        links = [(u, lo) for u, lo, _ in step["pairs"]]
        assert len(links) == len(set(links)), f"step {n}: a pair is listed twice"
        assert not {u for u, _ in links} & set(step["upper_gaps"]), f"step {n}: an upper gap also has a link"
        assert not {lo for _, lo in links} & set(step["lower_extras"]), f"step {n}: a lower extra also has a link"
        assert len(step["upper_gaps"]) == len(set(step["upper_gaps"])), f"step {n}"
        assert len(step["lower_extras"]) == len(set(step["lower_extras"])), f"step {n}"
        short = [s for s in _upper_snippets(step) | _lower_snippets(step) if not isinstance(s, str) or len(_norm(s)) < 6]
        assert not short, f"step {n}: snippets too short to name one item: {short}"


@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_middle_items_are_labelled_on_both_sides(path: Path) -> None:
    steps = _load(path)["steps"]
    for n in range(len(steps) - 1):
        below, above = _lower_snippets(steps[n]), _upper_snippets(steps[n + 1])
        assert below == above, (
            f"level {n + 2}: labelled as lower in step {n + 1} only: {sorted(below - above)}; "
            f"as upper in step {n + 2} only: {sorted(above - below)}"
        )


@pytest.fixture(scope="module")
def corpus_texts() -> dict[tuple[str, int], str]:
    """Cell texts of the rows the chains name."""
    return corpus_row_texts({_key(level) for path in CHAIN_FILES for level in _load(path)["levels"]})


@pytest.mark.corpus
@pytest.mark.parametrize("path", CHAIN_FILES, ids=lambda p: p.stem)
def test_snippets_occur_once_in_their_text(path: Path, corpus_texts: dict[tuple[str, int], str]) -> None:
    case = _load(path)
    levels, steps = case["levels"], case["steps"]
    for n, level in enumerate(levels):
        key = _key(level)
        assert key in corpus_texts, f"{path.name}: level {n + 1} {key} is not a corpus row with text"
        snippets = (_upper_snippets(steps[n]) if n < len(steps) else set()) | (_lower_snippets(steps[n - 1]) if n else set())
        text = _norm(corpus_texts[key])
        counts = {s: text.count(_norm(s)) for s in snippets}
        missing = sorted(s for s, c in counts.items() if c == 0)
        repeated = sorted(s for s, c in counts.items() if c > 1)
        assert not missing, f"{path.name}: level {n + 1} snippets not in the text: {missing}"
        assert not repeated, f"{path.name}: level {n + 1} snippets occurring more than once: {repeated}"
