"""Evidence for a link: the phrases both items share, as character spans on both sides."""
from __future__ import annotations

import re

from compare.alignment.crosswalk import Evidence
from compare.alignment.features import BOILERPLATE_WORDS

MIN_PHRASE = 2
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9a-z]")


def _is_meaningful(phrase: str) -> bool:
    core = "".join(_MEANINGFUL.findall(phrase))
    if len(core) < MIN_PHRASE:
        return False
    return len(core) >= 4 or core not in BOILERPLATE_WORDS


MAX_CHARS = 3000  # beyond this, phrases are looked for in the first MAX_CHARS characters only


def shared_phrases(upper_key: str, lower_key: str, limit: int = 12) -> tuple[Evidence, ...]:
    """Longest common substrings of the two keys, in any order, not overlapping on either side.

    Keys are position-aligned with the displayed texts, so the spans index the texts too.
    """
    upper_key, lower_key = upper_key[:MAX_CHARS], lower_key[:MAX_CHARS]
    index: dict[str, list[int]] = {}
    for j in range(len(lower_key) - 1):
        index.setdefault(lower_key[j : j + 2], []).append(j)
    candidates: list[tuple[int, int, int]] = []
    for i in range(len(upper_key) - 1):
        for j in index.get(upper_key[i : i + 2], ()):
            if i > 0 and j > 0 and upper_key[i - 1] == lower_key[j - 1]:
                continue  # not the start of a maximal run
            k = 2
            while i + k < len(upper_key) and j + k < len(lower_key) and upper_key[i + k] == lower_key[j + k]:
                k += 1
            candidates.append((k, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_u = [False] * len(upper_key)
    taken_l = [False] * len(lower_key)
    found: list[Evidence] = []
    for k, i, j in candidates:
        if any(taken_u[i : i + k]) or any(taken_l[j : j + k]):
            continue
        phrase = upper_key[i : i + k].strip()
        if not _is_meaningful(phrase):
            continue
        taken_u[i : i + k] = [True] * k
        taken_l[j : j + k] = [True] * k
        found.append(Evidence(upper=(i, i + k), lower=(j, j + k)))
        if len(found) >= limit:
            break
    return tuple(sorted(found, key=lambda e: e.upper))
