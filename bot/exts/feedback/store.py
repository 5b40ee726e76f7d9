"""Answers the bot posted and the 👍/👎 votes on them, in SQLite under the data folder.

``answers`` keeps the newest answers by message id so that the buttons under them keep working
after a restart; ``votes`` keeps every vote with a copy of its question, answer and citations
(and the voter's id only when DISCORD_LOG_AUTHOR_IDS is true). ``eval_cases`` turns 👍 votes
into the eval-set JSONL rows that ``corpusbot feedback export`` writes.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from bot.sqlite_file import SqliteFile
from retrieval.answer.types import Answer, Citation

Vote = Literal["up", "down"]
VoteOutcome = Literal["recorded", "unchanged", "changed"]

ANSWERS_KEPT = 20_000
PRUNE_EVERY = 200
RECENT_IN_MEMORY = 512
VOTERS_IN_MEMORY = 20_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    message_id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    created_at REAL NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    mode TEXT NOT NULL,
    citations TEXT NOT NULL,
    nearest TEXT NOT NULL,
    follows TEXT
);
CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    user_id INTEGER,
    message_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    mode TEXT NOT NULL,
    citations TEXT NOT NULL,
    follows TEXT
);
"""


@dataclass(frozen=True)
class CitationRecord:
    n: int
    line: str  # "[1] 000_x.txt — article ¶3"
    source: str
    location: str
    kind: str
    author: str | None
    quote: str

    @classmethod
    def from_citation(cls, citation: Citation) -> CitationRecord:
        hit = citation.hit
        return cls(
            citation.n,
            citation.line,
            hit.source,
            hit.location,
            hit.kind,
            hit.author,
            citation.quote,
        )


@dataclass(frozen=True)
class AnswerRecord:
    message_id: int
    channel_id: int
    question: str
    text: str
    found: bool
    mode: str
    citations: tuple[CitationRecord, ...]
    nearest: tuple[CitationRecord, ...] = ()
    created_at: float = 0.0
    follows: str | None = None  # the previous question, when this answered a follow-up

    @classmethod
    def from_answer(
        cls, message_id: int, channel_id: int, answer: Answer, follows: str | None = None
    ) -> AnswerRecord:
        return cls(
            message_id=message_id,
            channel_id=channel_id,
            question=answer.question,
            text=answer.text,
            found=answer.found,
            mode=answer.mode,
            citations=tuple(CitationRecord.from_citation(c) for c in answer.citations),
            nearest=tuple(CitationRecord.from_citation(c) for c in answer.nearest),
            created_at=time.time(),
            follows=follows,
        )


@dataclass(frozen=True)
class VoteRecord:
    id: int
    created_at: float
    vote: Vote
    user_id: int | None
    answer: AnswerRecord


def _dump(citations: tuple[CitationRecord, ...]) -> str:
    return json.dumps([asdict(c) for c in citations], ensure_ascii=False)


def _load(raw: str) -> tuple[CitationRecord, ...]:
    return tuple(CitationRecord(**item) for item in json.loads(raw))


class FeedbackStore:
    """Thread-safe; the ``async`` methods run SQLite in a worker thread."""

    def __init__(self, path: Path, log_author_ids: bool = False) -> None:
        self.path = path
        self.log_author_ids = log_author_ids
        self._lock = threading.Lock()
        self._file = SqliteFile(path, SCHEMA)
        self._inserts = 0
        self._recent: OrderedDict[int, AnswerRecord] = OrderedDict()
        self._voters: OrderedDict[tuple[int, int], tuple[int, Vote]] = OrderedDict()
        self._vote_lock = asyncio.Lock()  # two quick clicks must not both count as new

    # --- connection
    def _db(self) -> sqlite3.Connection:
        return self._file.connection()

    def close(self) -> None:
        with self._lock:
            self._file.close()

    # --- answers
    async def remember_answer(
        self, message_id: int, channel_id: int, answer: Answer, follows: str | None = None
    ) -> None:
        record = AnswerRecord.from_answer(message_id, channel_id, answer, follows)
        self._recent[message_id] = record  # at once: a click may come before the write
        while len(self._recent) > RECENT_IN_MEMORY:
            self._recent.popitem(last=False)
        await asyncio.to_thread(self.save_answer, record)

    def save_answer(self, record: AnswerRecord) -> None:
        with self._lock:
            db = self._db()
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.message_id,
                    record.channel_id,
                    record.created_at,
                    record.question,
                    record.text,
                    int(record.found),
                    record.mode,
                    _dump(record.citations),
                    _dump(record.nearest),
                    record.follows,
                ),
            )
            self._inserts += 1
            if self._inserts % PRUNE_EVERY == 0:
                db.execute(
                    "DELETE FROM answers WHERE message_id NOT IN "
                    "(SELECT message_id FROM answers ORDER BY created_at DESC LIMIT ?)",
                    (ANSWERS_KEPT,),
                )

    async def answer_for(self, message_id: int) -> AnswerRecord | None:
        """The answer posted as ``message_id`` (its last part), if still kept."""
        recent = self._recent.get(message_id)
        if recent is not None:
            return recent
        return await asyncio.to_thread(self.load_answer, message_id)

    def load_answer(self, message_id: int) -> AnswerRecord | None:
        with self._lock:
            row = (
                self._db()
                .execute(
                    "SELECT message_id, channel_id, question, answer, found, mode, citations, "
                    "nearest, created_at, follows FROM answers WHERE message_id = ?",
                    (message_id,),
                )
                .fetchone()
            )
        if row is None:
            return None
        return AnswerRecord(
            message_id=row[0],
            channel_id=row[1],
            question=row[2],
            text=row[3],
            found=bool(row[4]),
            mode=row[5],
            citations=_load(row[6]),
            nearest=_load(row[7]),
            created_at=row[8],
            follows=row[9],
        )

    # --- votes
    async def vote(self, record: AnswerRecord, vote: Vote, voter_id: int) -> VoteOutcome:
        """Record ``voter_id``'s vote on an answer. A second click by the same voter (while the
        bot runs) changes the vote instead of adding one."""
        async with self._vote_lock:
            return await self._vote(record, vote, voter_id)

    async def _vote(self, record: AnswerRecord, vote: Vote, voter_id: int) -> VoteOutcome:
        key = (record.message_id, voter_id)
        earlier = self._voters.get(key)
        if earlier is not None and earlier[1] == vote:
            return "unchanged"
        if earlier is not None:
            await asyncio.to_thread(self._change_vote, earlier[0], vote)
            self._voters[key] = (earlier[0], vote)
            return "changed"
        user_id = voter_id if self.log_author_ids else None
        vote_id = await asyncio.to_thread(self._add_vote, record, vote, user_id)
        self._voters[key] = (vote_id, vote)
        while len(self._voters) > VOTERS_IN_MEMORY:
            self._voters.popitem(last=False)
        return "recorded"

    def _add_vote(self, record: AnswerRecord, vote: Vote, user_id: int | None) -> int:
        with self._lock:
            cursor = self._db().execute(
                "INSERT INTO votes (created_at, vote, user_id, message_id, channel_id, question, "
                "answer, found, mode, citations, follows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    vote,
                    user_id,
                    record.message_id,
                    record.channel_id,
                    record.question,
                    record.text,
                    int(record.found),
                    record.mode,
                    _dump(record.citations),
                    record.follows,
                ),
            )
            return int(cursor.lastrowid or 0)

    def _change_vote(self, vote_id: int, vote: Vote) -> None:
        with self._lock:
            self._db().execute(
                "UPDATE votes SET vote = ?, created_at = ? WHERE id = ?",
                (vote, time.time(), vote_id),
            )

    def votes(self, vote: Vote | None = None) -> list[VoteRecord]:
        """Every vote (or only 👍/👎), oldest first."""
        query = (
            "SELECT id, created_at, vote, user_id, message_id, channel_id, question, answer, "
            "found, mode, citations, follows FROM votes"
        )
        params: tuple[Any, ...] = ()
        if vote is not None:
            query += " WHERE vote = ?"
            params = (vote,)
        with self._lock:
            rows = self._db().execute(query + " ORDER BY id", params).fetchall()
        return [
            VoteRecord(
                id=row[0],
                created_at=row[1],
                vote=row[2],
                user_id=row[3],
                answer=AnswerRecord(
                    message_id=row[4],
                    channel_id=row[5],
                    question=row[6],
                    text=row[7],
                    found=bool(row[8]),
                    mode=row[9],
                    citations=_load(row[10]),
                    follows=row[11],
                ),
            )
            for row in rows
        ]


def eval_case(vote: VoteRecord) -> dict[str, Any]:
    """One eval-set row: the question and what a good answer cites first. A 👍 on "the archive
    doesn't cover that" becomes a case with no expected source (the bot should refuse)."""
    top = vote.answer.citations[0] if vote.answer.citations else None
    return {
        "question": vote.answer.question,
        "expected_source": top.source if top else None,
        "expected_phrase": top.quote if top else None,
        "kind": top.kind if top else None,
        "author": top.author if top else None,
        "vote": vote.vote,
    }


def eval_cases(votes: list[VoteRecord]) -> list[dict[str, Any]]:
    """``eval_case`` of each vote, without duplicates (first occurrence kept). Follow-ups
    ("what did he say next?") are left out: they mean nothing without the earlier turn."""
    seen: set[str] = set()
    cases: list[dict[str, Any]] = []
    for vote in votes:
        if vote.answer.follows is not None:
            continue
        case = eval_case(vote)
        key = json.dumps(case, sort_keys=True)
        if key not in seen:
            seen.add(key)
            cases.append(case)
    return cases
