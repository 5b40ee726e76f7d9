"""``corpusbot feedback export``: 👍 feedback as eval-set JSONL that ``corpusbot eval`` reads."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.exts.feedback.store import AnswerRecord, CitationRecord, FeedbackStore
from retrieval.evaluation import load_cases

CITATION = CitationRecord(
    1, "[1] a.txt — article ¶2", "a.txt", "article ¶2", "article", None, "x y"
)


def seed(path: Path) -> None:
    store = FeedbackStore(path)
    good = AnswerRecord(1, 7, "What is x?", "The article reports: “x y” [1]", True, "extractive",
                        (CITATION,))  # fmt: skip
    bad = AnswerRecord(2, 7, "What is z?", "…", True, "extractive", (CITATION,))
    asyncio.run(store.vote(good, "up", 1))
    asyncio.run(store.vote(bad, "down", 1))
    store.close()


def test_export_writes_thumbs_up_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
    seed(tmp_path / "data" / "feedback.sqlite3")
    out = tmp_path / "eval" / "from-discord.jsonl"

    assert main(["feedback", "export", "--out", str(out)]) == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "question": "What is x?",
        "expected_source": "a.txt",
        "expected_phrase": "x y",
        "kind": "article",
        "author": None,
        "vote": "up",
    }
    assert "exported 1 case(s)" in capsys.readouterr().err
    [case] = load_cases(out)
    assert case.expected_source == "a.txt" and case.answerable

    assert main(["feedback", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["question"] == "What is x?"


def test_export_without_feedback_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_FEEDBACK_FILE", str(tmp_path / "none.sqlite3"))
    assert main(["feedback", "export"]) == 2
    assert "no feedback yet" in capsys.readouterr().err
