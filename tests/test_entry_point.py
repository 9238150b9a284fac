"""What the installed program's entry point receives: a session file to open, or the worker request."""
from __future__ import annotations

from pathlib import Path

import pytest

from main import split_session


@pytest.mark.parametrize(
    ("argv", "session", "rest"),
    [
        (["审核进度.duibiao"], Path("审核进度.duibiao"), []),  # a double-click on a session file
        (["--large-text", "D:/审核/进度.duibiao"], Path("D:/审核/进度.duibiao"), ["--large-text"]),
        (["compare", "上级.txt", "本级.txt", "--out", "x.json"], None, ["compare", "上级.txt", "本级.txt", "--out", "x.json"]),
        (["-v", "parse", "a.duibiao"], None, ["-v", "parse", "a.duibiao"]),  # a command's own file stays its own
        (["--demo"], None, ["--demo"]),
        ([], None, []),
    ],
)
def test_a_bare_file_is_a_session_to_open(argv: list[str], session: Path | None, rest: list[str]) -> None:
    assert split_session(argv) == (session, rest)


def test_every_subcommand_is_known_to_the_session_argument_rule() -> None:
    import argparse

    import main

    subcommands = next(a for a in main.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subcommands.choices) == set(main.COMMANDS)
