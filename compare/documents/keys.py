"""The matching key of a line, memoised: segmentation asks for the key of the same line many times."""
from __future__ import annotations

import functools

from compare.documents.normalize import matching_key


@functools.lru_cache(maxsize=1 << 18)  # a 100,000-paragraph document asks for each line several times
def key_of(text: str) -> str:
    return matching_key(text)
