"""The SQLite feedback store and the eval cases made from 👍 votes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bot.exts.feedback.store as store_module
from bot.exts.feedback.store import (
    AnswerRecord,
    CitationRecord,
    FeedbackStore,
    eval_cases,
)

CITATION = CitationRecord(
    n=1,
    line="[1] 000_x.txt — comment 7.1 by CHUCKMAN",
    source="000_x.txt",
    location="comment 7.1 by CHUCKMAN",
    kind="comment",
    author="CHUCKMAN",
    quote="Putin is just far too clever",
)


def record(message_id: int, question: str = "q?", follows: str | None = None) -> AnswerRecord:
    return AnswerRecord(
        message_id=message_id,
        channel_id=7,
        question=question,
        text="Commenter CHUCKMAN claims: “Putin is just far too clever” [1]",
        found=True,
        mode="extractive",
        citations=(CITATION,),
        created_at=float(message_id),
        follows=follows,
    )


async def test_answers_and_votes_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "feedback.sqlite3"
    store = FeedbackStore(path)
    store.save_answer(record(1))
    assert await store.vote(record(1), "up", voter_id=42) == "recorded"
    assert await store.vote(record(1), "up", voter_id=42) == "unchanged"
    assert await store.vote(record(1), "down", voter_id=43) == "recorded"
    store.close()

    reopened = FeedbackStore(path)
    assert reopened.load_answer(1) == record(1)
    assert reopened.load_answer(2) is None
    assert [(v.vote, v.user_id) for v in reopened.votes()] == [("up", None), ("down", None)]
    [up] = reopened.votes("up")
    assert up.answer.citations == (CITATION,)
    reopened.close()


def test_old_answers_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "ANSWERS_KEPT", 3)
    monkeypatch.setattr(store_module, "PRUNE_EVERY", 5)
    store = FeedbackStore(tmp_path / "f.sqlite3")
    for message_id in range(1, 11):
        store.save_answer(record(message_id))
    assert [i for i in range(1, 11) if store.load_answer(i)] == [8, 9, 10]
    store.close()


async def test_eval_cases_come_from_standalone_questions(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3", log_author_ids=True)
    refused = AnswerRecord(2, 7, "Capital of Australia?", "The archive doesn't cover that.", False,
                           "extractive", ())  # fmt: skip
    await store.vote(record(1, "What did CHUCKMAN say?"), "up", 1)
    await store.vote(record(1, "What did CHUCKMAN say?"), "up", 2)  # same case: once
    await store.vote(record(3, "what next?", follows="What did CHUCKMAN say?"), "up", 1)
    await store.vote(refused, "up", 1)
    cases = eval_cases(store.votes("up"))
    store.close()
    assert cases == [
        {
            "question": "What did CHUCKMAN say?",
            "expected_source": "000_x.txt",
            "expected_phrase": "Putin is just far too clever",
            "kind": "comment",
            "author": "CHUCKMAN",
            "vote": "up",
        },
        {
            "question": "Capital of Australia?",
            "expected_source": None,
            "expected_phrase": None,
            "kind": None,
            "author": None,
            "vote": "up",
        },
    ]
    json.dumps(cases)  # the export writes them as JSON lines
