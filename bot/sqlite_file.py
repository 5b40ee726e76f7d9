"""The bot's one SQLite file (``FEEDBACK_DB``): feedback and conversations keep their tables in
it, each through a connection opened the same way, on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class SqliteFile:
    """A lazily opened connection: autocommit (transactions are explicit), shared between the
    event loop and worker threads (callers serialise with their own lock), WAL so readers do
    not block the writer, waiting up to 5 s for another process's write; ``schema`` creates
    what is missing."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self.schema = schema
        self._connection: sqlite3.Connection | None = None

    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            connection.execute("PRAGMA busy_timeout=5000")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(self.schema)
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
