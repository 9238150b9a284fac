"""Real office files (../shared/realfiles) read as a careful person reads them.

Each file's expectation is written in benchmarks/real_files_expected.json (by reading the file);
`benchmarks/real_files.py` prints the same checks as a table. Every sentence a reader finds must
end up in an item, an annex or the list of lines set aside with a reason.
"""
from __future__ import annotations

import pytest

from benchmarks.real_files import REALFILES, check, expectations
from tests.conftest import require_shared

pytestmark = pytest.mark.corpus

NAMES = sorted(expectations())


@pytest.mark.parametrize("name", NAMES)
def test_real_file_reads_as_expected(name: str) -> None:
    require_shared(REALFILES / name)
    problems, _ = check(name, expectations()[name])
    assert not problems, "\n".join(problems)


def test_every_real_file_has_an_expectation() -> None:
    present = {p.name for p in require_shared(REALFILES).iterdir() if p.name != "README.md"}
    assert present <= set(NAMES), f"no expectation written for {sorted(present - set(NAMES))}"
