"""`corpusbot discussion [ARTICLE]` as a user runs it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bot_harness import engine_settings

from bot.cli import main
from bot.cli.chat import chat_session
from retrieval.engine import Engine

REUTERS = "000_88f28c69f322998a.txt"
PRESS_TV = "001_a3f27b942b602c7e.txt"


def run(engine: Engine, *args: str) -> int:
    return main(["discussion", *args, "--store", str(engine.settings.store_path)])


def test_without_an_article_it_describes_the_most_commented_one(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded_engine) == 0
    out = capsys.readouterr().out
    assert out.startswith("The reader discussion under “US-South Korea Talks on Trump’s $5bn")
    assert f"({REUTERS}): 27 comments by 13 commenters." in out
    for part in ("Most active threads:", "Positions (", "Exchanges (", "Sources:\n[1] "):
        assert part in out
    assert "Reader comments are opinions, not checked facts." in out


def test_the_article_is_chosen_by_title_words_or_file_name(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded_engine, "Press", "TV") == 0
    by_title = capsys.readouterr().out
    assert run(seeded_engine, PRESS_TV) == 0
    by_name = capsys.readouterr().out
    assert by_title == by_name
    assert by_title.startswith(f"The reader discussion under “from Press TV, Tehran” ({PRESS_TV})")
    assert REUTERS not in by_title


def test_an_unknown_article_lists_those_with_comments(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded_engine, "sourdough") == 1
    out = capsys.readouterr().out
    assert out.startswith("No article matches “sourdough”. Articles with comments:\n")
    assert f"- {REUTERS} — “US-South Korea Talks" in out and "(27 comments)" in out
    assert f"- {PRESS_TV} — “from Press TV, Tehran” (6 comments)" in out


def test_json_has_the_answer_and_its_comment_citations(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(seeded_engine, "Press TV", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["found"] and data["answer"].startswith("The reader discussion under")
    assert data["citations"] and all(c["kind"] == "comment" for c in data["citations"])
    assert all(c["source"] == PRESS_TV and c["thread_path"] for c in data["citations"])


def test_a_piped_discussion_question_gets_the_overview(seeded_engine: Engine) -> None:
    """What ``echo "What do readers think of the US demand?" | make run`` prints."""
    out = io.StringIO()
    chat_session(seeded_engine, io.StringIO("What do readers think of the US demand?\n"), out)
    printed = out.getvalue()
    assert "What readers say about “US demand”:" in printed and "comments by" in printed
    assert "Positions (" in printed and "Exchanges (" in printed
    assert " said “" in printed and " replied “" in printed
    assert "Sources:\n[1] " in printed


def test_an_archive_without_comments_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(
        "Ferry strike in Dover\n\nDock workers in Dover began a ferry strike on Monday.\n",
        encoding="utf-8",
    )
    engine = Engine(engine_settings(tmp_path, corpus))
    engine.ingest()
    assert run(engine) == 1
    assert capsys.readouterr().out == "The only article in the archive has no reader comments.\n"
    answer = engine.ask("What do readers think of the ferry strike?")
    assert "Positions" not in answer.text  # no comments: the ordinary answer
