"""Running the command line on hostile files: in a child process, optionally under a memory limit."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT

# The command line reads a small file within 400 MB of address space (measured); the bombs of this
# suite ask for gigabytes, so running them under this limit proves the reader never allocated them.
MEMORY_LIMIT = 768 << 20
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


def run_main(*args: str | Path, cwd: Path | None = None, memory_limit: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` in a child process; `memory_limit` bounds its address space (POSIX)."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    return subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=cwd or PROJECT,
        preexec_fn=limit if memory_limit and os.name == "posix" else None,
    )


def assert_refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit code 2, and a Chinese message on stderr naming each fragment, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    assert result.stderr.startswith("错误：")
    for fragment in fragments:
        assert fragment in result.stderr
    assert ENGLISH.search(result.stderr) is None, "an English sentence reached the user"
