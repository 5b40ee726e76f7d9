"""The bot's one SQLite file (``FEEDBACK_DB``): feedback and conversations keep their tables in
it, each through a connection opened the same way."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_database(path: Path, schema: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), shared between the event
    loop and worker threads (callers serialise with a lock), in WAL mode so readers do not block
    the writer, waiting up to 5 s for another process's write; ``schema`` creates what is
    missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout=5000")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(schema)
    return connection
