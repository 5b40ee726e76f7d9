"""Conversations on disk, so follow-ups still work after a restart.

Kept in the feedback SQLite file (DISCORD_FEEDBACK_FILE), in two tables: the last turns of each
conversation (question, answer text, found, mode and the citations with their passages as JSON:
what a follow-up needs to rebuild the ``Answer``) and the message ids linked to each
conversation. Both are bounded like the in-memory ``ConversationMemory`` in front of them.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.sqlite_file import SqliteFile
from retrieval.answer.types import Answer, Citation
from retrieval.search import Hit

ConversationKey = tuple[str, int]

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversation_turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    created_at REAL NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    mode TEXT NOT NULL,
    citations TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_turns_key ON conversation_turns (kind, key_id, id);
CREATE TABLE IF NOT EXISTS conversation_links (
    message_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_links_seq ON conversation_links (seq);
"""
HIT_FIELDS = frozenset(f.name for f in dataclasses.fields(Hit))


@dataclass(frozen=True)
class StoredTurn:
    key: ConversationKey
    question: str
    answer: Answer


def citations_json(citations: Iterable[Citation]) -> str:
    return json.dumps(
        [
            {"n": c.n, "quote": c.quote, "also": c.also, "hit": dataclasses.asdict(c.hit)}
            for c in citations
        ],
        ensure_ascii=False,
    )


def citations_from_json(raw: str) -> tuple[Citation, ...]:
    """Citations as stored; fields a newer or older ``Hit`` lacks are dropped (and JSON lists
    become the tuples a ``Hit`` holds)."""
    items: list[dict[str, Any]] = json.loads(raw)
    return tuple(
        Citation(
            int(item["n"]),
            Hit(**_hit_fields(item["hit"])),
            str(item["quote"]),
            str(item.get("also", "")),
        )
        for item in items
    )


def _hit_fields(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items() if k in HIT_FIELDS}


class ConversationStore:
    """Thread-safe; every method runs SQLite directly (call it off the event loop)."""

    def __init__(
        self, path: Path, turns_kept: int, max_conversations: int, max_linked_messages: int
    ) -> None:
        self.path = path
        self.turns_kept = turns_kept
        self.max_conversations = max_conversations
        self.max_linked_messages = max_linked_messages
        self._lock = threading.Lock()
        self._file = SqliteFile(path, SCHEMA)

    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    def close(self) -> None:
        with self._lock:
            self._file.close()

    def save(
        self, key: ConversationKey, question: str, answer: Answer, message_ids: Iterable[int]
    ) -> None:
        """Add a turn and its message links, then drop what is over the bounds."""
        kind, key_id = key
        with self._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "INSERT INTO conversation_turns (kind, key_id, created_at, question, answer, "
                    "found, mode, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        kind,
                        key_id,
                        time.time(),
                        question,
                        answer.text,
                        int(answer.found),
                        answer.mode,
                        citations_json(answer.citations),
                    ),
                )
                seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM conversation_links").fetchone()
                for offset, message_id in enumerate(message_ids, start=1):
                    db.execute(
                        "INSERT OR REPLACE INTO conversation_links VALUES (?, ?, ?, ?)",
                        (message_id, kind, key_id, seq[0] + offset),
                    )
                self._prune(db, kind, key_id)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _prune(self, db: sqlite3.Connection, kind: str, key_id: int) -> None:
        db.execute(
            "DELETE FROM conversation_turns WHERE kind = ? AND key_id = ? AND id NOT IN "
            "(SELECT id FROM conversation_turns WHERE kind = ? AND key_id = ? "
            "ORDER BY id DESC LIMIT ?)",
            (kind, key_id, kind, key_id, self.turns_kept),
        )
        db.execute(
            "DELETE FROM conversation_turns WHERE (kind, key_id) NOT IN "
            "(SELECT kind, key_id FROM conversation_turns GROUP BY kind, key_id "
            "ORDER BY MAX(id) DESC LIMIT ?)",
            (self.max_conversations,),
        )
        db.execute(
            "DELETE FROM conversation_links WHERE seq NOT IN "
            "(SELECT seq FROM conversation_links ORDER BY seq DESC LIMIT ?)",
            (self.max_linked_messages,),
        )

    def load(self) -> tuple[list[StoredTurn], list[tuple[int, ConversationKey]]]:
        """The kept turns (oldest conversation activity first, turns in order) and the message
        links (oldest first)."""
        with self._lock:
            db = self._db()
            turns = db.execute(
                "SELECT t.kind, t.key_id, t.question, t.answer, t.found, t.mode, t.citations "
                "FROM conversation_turns t JOIN (SELECT kind, key_id, MAX(id) AS last "
                "FROM conversation_turns GROUP BY kind, key_id) c "
                "ON t.kind = c.kind AND t.key_id = c.key_id ORDER BY c.last, t.id"
            ).fetchall()
            links = db.execute(
                "SELECT message_id, kind, key_id FROM conversation_links ORDER BY seq"
            ).fetchall()
        stored = [
            StoredTurn(
                (kind, key_id),
                question,
                Answer(
                    question=question,
                    text=text,
                    found=bool(found),
                    citations=citations_from_json(citations),
                    mode="llm" if mode == "llm" else "extractive",
                ),
            )
            for kind, key_id, question, text, found, mode, citations in turns
        ]
        return stored, [(message_id, (kind, key_id)) for message_id, kind, key_id in links]
