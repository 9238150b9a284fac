"""Sentence vectors kept on disk, so aligning the same documents again does not embed them again.

The window aligns in background processes that come and go (ui/jobs.py), and every re-align (a new
sensitivity, a reopened session) would otherwise pay the sentence model's tens of milliseconds an
item once more. The store is one SQLite file: the key is a hash of the model's name and the text,
the value the float32 vector exactly as the model gave it, so a stored vector scores exactly like a
fresh one.

The store only saves time. A file that is damaged, locked by another process for too long, or
cannot be written is passed over and the vectors are computed; a damaged file is replaced.
"""
from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

LIMIT = 40_000  # vectors kept (1.5 KB each, about 60 MB); the oldest go first
_WAIT_SECONDS = 2.0  # another process writing: wait this long, then do without the store
_CHUNK = 500  # keys per query (SQLite caps the number of parameters)


def _key(model: str, text: str) -> bytes:
    return hashlib.sha256(f"{model}\n{text}".encode("utf-8", "surrogatepass")).digest()


class VectorStore:
    """Vectors of one model (`model` names it, with its version) in the SQLite file at `path`."""

    def __init__(self, path: Path, model: str, dimensions: int, limit: int = LIMIT) -> None:
        self.path, self.model, self.dimensions, self.limit = path, model, dimensions, limit
        self._broken = False

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=_WAIT_SECONDS)
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
        return connection

    def _run(self, work, default):
        """`work(connection)`, or `default` when the store cannot be used; a damaged file is
        replaced once, and after a second failure the store is left alone for this process."""
        if self._broken:
            return default
        for attempt in (1, 2):
            try:
                connection = self._connect()
                try:
                    with connection:
                        return work(connection)
                finally:
                    connection.close()
            except sqlite3.DatabaseError as exc:  # damaged, or not a database at all
                if attempt == 1 and "locked" not in str(exc) and "busy" not in str(exc):
                    log.warning("vector store %s unusable (%s); replacing it", self.path, exc)
                    self.path.unlink(missing_ok=True)
                    continue
                log.warning("vector store %s passed over: %s", self.path, exc)
                return default
            except OSError as exc:  # folder not writable, disk full
                log.warning("vector store %s passed over: %s", self.path, exc)
                self._broken = True
                return default
        return default

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those `texts` that have one."""
        keys = {_key(self.model, t): t for t in dict.fromkeys(texts)}

        def read(connection: sqlite3.Connection) -> dict[str, np.ndarray]:
            found: dict[str, np.ndarray] = {}
            names = list(keys)
            for start in range(0, len(names), _CHUNK):
                chunk = names[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, blob in connection.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (self.dimensions,):
                        found[keys[key]] = vector.copy()
            return found

        return self._run(read, {})

    def put(self, vectors: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(_key(self.model, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors]
        if not rows:
            return

        def write(connection: sqlite3.Connection) -> None:
            connection.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
            newest = connection.execute("SELECT max(rowid) FROM vectors").fetchone()[0] or 0
            connection.execute("DELETE FROM vectors WHERE rowid <= ?", (newest - self.limit,))

        self._run(write, None)
