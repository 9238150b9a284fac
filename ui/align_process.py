"""Large alignments run in a separate process.

A CPU-bound alignment on a worker *thread* holds the GIL most of the time, and the GUI thread
needs the GIL for every call into Python (item models, overridden virtual methods), so the window
stutters for hundreds of milliseconds on a 2,000 × 2,000 pair. Small pairs (the usual case) stay
on a thread, where they finish before a process could even start.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from compare.align import AlignOptions, align
from compare.crosswalk import Crosswalk
from compare.errors import Cancelled
from compare.model import Document

# Upper items × lower items above which the alignment moves to a process.
PROCESS_THRESHOLD = 250_000
POLL_SECONDS = 0.05

def _align_in_child(upper: Document, lower: Document, options: AlignOptions, keep: Crosswalk | None) -> Crosswalk:
    return align(upper, lower, options=options, keep=keep)


def wants_process(upper: Document, lower: Document) -> bool:
    return len(upper.leaves) * len(lower.leaves) > PROCESS_THRESHOLD


def align_in_process(
    upper: Document,
    lower: Document,
    options: AlignOptions,
    keep: Crosswalk | None,
    is_cancelled: Callable[[], bool],
) -> Crosswalk:
    """Align in a helper process of its own, waiting (without the GIL) until it is done;
    cancelling ends the process at once. One process per run keeps runs independent: starting
    it costs about a second, small next to the alignment of a pair this large."""
    # "spawn" everywhere: it is what Windows does, and forking a Qt process is unsafe.
    pool = multiprocessing.get_context("spawn").Pool(1)
    try:
        pending = pool.apply_async(_align_in_child, (upper, lower, options, keep))
        while not pending.ready():
            if is_cancelled():
                raise Cancelled()
            pending.wait(POLL_SECONDS)
        return pending.get()
    finally:
        pool.terminate()
        pool.join()
