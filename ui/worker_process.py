"""The background process's side: wait for a job, run it, hand back its outcome, wait again.

The window starts this module (see `ui.jobs.worker_command`) ahead of time, so the engine is
already imported when a job arrives. A job is a pickled `(function, args)` in a file named on a
line of stdin; the function is called with the args and a progress callback. Progress goes to
stdout as "progress DONE TOTAL" lines; the outcome is pickled to the result file, then "done" is
printed. The process ends when stdin closes.

Running jobs in their own process keeps the window responsive: a thread would share the GIL with
the window, and every paint then waits for the engine. Cancelling is killing the process.
This module must not import Qt.
"""
from __future__ import annotations

import os
import pickle
import sys
import traceback
from pathlib import Path

# Imported before a job arrives: the slow part of a process's start-up.
import compare.alignment.align  # noqa: F401
import compare.documents.readers  # noqa: F401
import compare.alignment.scoring  # noqa: F401
from compare.errors import DuibiaoError
from compare.alignment.features import synonym_classes, words
from compare.documents.normalize import matching_key

READY = "ready"
DONE = "done"


def _warm_up() -> None:
    """Load the word dictionary, the thesaurus and the character tables now, not in the job."""
    synonym_classes(words(matching_key("預熱分詞詞典")[0:4])[0])


def _progress(done: int, total: int) -> None:
    print(f"progress {done} {total}", flush=True)


def _outcome(request: Path) -> tuple[str, object]:
    try:
        with request.open("rb") as f:
            function, args = pickle.load(f)
        return "ok", function(*args, _progress)
    except DuibiaoError as exc:
        return "error", exc
    except MemoryError:
        return "error", DuibiaoError("内存不足，无法完成这项工作。请关闭其他程序，或换用较小的文件后重试。")
    except Exception:  # a defect: the window logs the traceback and shows a general message
        return "crash", traceback.format_exc()


def main() -> int:
    _warm_up()
    print(READY, flush=True)
    for line in sys.stdin:  # until the window closes our stdin
        request, result = (Path(p) for p in line.strip().split("\t"))
        outcome = _outcome(request)
        partial = result.with_suffix(".part")
        with partial.open("wb") as f:
            pickle.dump(outcome, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, result)
        print(DONE, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
