"""Labels for the 最近打开 menu: file names, and where two entries would read the same (the same
file names in different folders), as many of their folder names as tell them apart."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

ARROW = "  ↔  "


def _folders(entry: Sequence[str], depth: int) -> str:
    tails = ("/".join(PurePath(path).parent.parts[-depth:]) for path in entry)
    return "、".join(dict.fromkeys(t for t in tails if t)) or "/"


def distinct_labels(entries: Sequence[Sequence[str]]) -> list[str]:
    """One label per entry (a tuple of paths: a document pair, or one session file)."""
    names = [ARROW.join(PurePath(path).name for path in entry) for entry in entries]
    labels = list(names)
    for name in set(names):
        alike = [n for n, other in enumerate(names) if other == name]
        if len(alike) < 2:
            continue
        deepest = max(len(PurePath(path).parent.parts) for n in alike for path in entries[n])
        for depth in range(1, deepest + 1):
            folders = [_folders(entries[n], depth) for n in alike]
            if len(set(folders)) == len(folders):
                break
        for n, folder in zip(alike, folders):
            labels[n] = f"{names[n]}（{folder}）"
    return labels
