"""`corpusbot search`, `ask`, `eval` and `chat` as a user runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.chat import chat_session
from retrieval.engine import Engine

HIT_FIELDS = {"source", "title", "kind", "author", "thread_path", "paragraph", "text", "score"}


def store_of(engine: Engine) -> str:
    return str(engine.settings.store_path)


def test_search_json_lists_typed_hits(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "search",
            "What did CHUCKMAN say about Putin?",
            "--k",
            "3",
            "--json",
            "--store",
            store_of(seeded_engine),
        ]
    )
    hits = json.loads(capsys.readouterr().out)
    assert code == 0 and len(hits) == 3
    assert all(set(h) == HIT_FIELDS for h in hits)
    assert hits[0]["kind"] == "comment" and hits[0]["author"] == "CHUCKMAN"
    assert hits[0]["thread_path"] == "7.1" and hits[0]["paragraph"] is None
    assert "Putin is just far too clever" in hits[0]["text"]
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_search_batch_prints_one_line_per_question_in_order(
    seeded_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = ["What is a rhyne?", "Why were US forces put under curfew in July?", ""]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    assert (
        main(["search", "--batch", str(batch), "--k", "2", "--store", store_of(seeded_engine)]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    first, second, empty = (json.loads(line) for line in lines)
    assert "drainage ditch" in first[0]["text"]
    assert "taxi" in second[0]["text"]
    assert empty == []


def test_ask_json_quotes_are_exact_substrings_of_retrieved_passages(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["ask", "How much does the US demand?", "--json", "--store", store_of(seeded_engine)])
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] is True and answer["citations"]
    stored = {h.text for h in seeded_engine.search("How much does the US demand?", 10)}
    for citation in answer["citations"]:
        assert set(citation) == {
            "n",
            "source",
            "kind",
            "author",
            "thread_path",
            "paragraph",
            "quote",
        }
        assert any(citation["quote"] in text for text in stored)
        assert f"[{citation['n']}]" in answer["answer"]
    assert any("$5" in c["quote"] or "five billion" in c["quote"] for c in answer["citations"])


def test_ask_attributes_comments_to_their_authors_not_to_the_article(
    seeded_engine: Engine,
) -> None:
    answer = seeded_engine.ask("What did CHUCKMAN say about Putin using Trump?")
    assert answer.found
    first = answer.citations[0]
    assert first.hit.author == "CHUCKMAN"
    assert "Commenter CHUCKMAN (reply 7.1 to Nick Rhynes) claims" in answer.text
    assert "opinions, not checked facts" in answer.text
    assert "[1] 000_88f28c69f322998a.txt — comment 7.1 by CHUCKMAN" in answer.render_text()


def test_off_topic_question_says_the_archive_does_not_cover_it(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "ask",
                "What is the capital of Australia?",
                "--json",
                "--store",
                store_of(seeded_engine),
            ]
        )
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] is False and answer["citations"] == []
    assert "doesn't cover" in answer["answer"]
    assert len(answer.get("nearest", [])) <= 3


def test_chat_resolves_a_follow_up_against_the_previous_turn(seeded_engine: Engine) -> None:
    stdin = io.StringIO("What did CHUCKMAN say about Putin?\nwhat did he say next?\n")
    out = io.StringIO()
    chat_session(seeded_engine, stdin, out)
    first, second = out.getvalue().split("Q: ")[1:]
    assert "CHUCKMAN" in first
    assert "what did he say next?" in second
    # the follow-up answers with a later comment by the same person
    assert "Commenter CHUCKMAN" in second.split("Sources:")[0]
    assert "comment 8 by CHUCKMAN" in second


def test_eval_prints_the_figures(seeded_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    golden = Path(__file__).resolve().parents[3] / "eval" / "golden.jsonl"
    assert main(["eval", str(golden), "--json", "--store", store_of(seeded_engine)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["questions"] >= 30
    assert figures["recall@5"] >= 0.9
    assert figures["quotes_exact"] == 1.0
    assert figures["off_topic_refused"] >= 0.9
    for key in ("recall@1", "citation_correct", "ask_p50_ms", "ask_p95_ms"):
        assert key in figures


def test_commands_explain_bad_input(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "   ", "--store", store_of(seeded_engine)]) == 2
    assert "question is empty" in capsys.readouterr().err
    assert main(["search", "--k", "0", "x", "--store", store_of(seeded_engine)]) == 2
    assert "--k must be at least 1" in capsys.readouterr().err
    assert main(["eval", "missing.jsonl"]) == 2
    assert "not found" in capsys.readouterr().err


def test_ask_on_an_empty_archive_says_to_ingest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ask", "How much does the US demand?", "--store", str(tmp_path / "chroma")])
    captured = capsys.readouterr()
    assert code == 0
    assert "archive is empty: run `corpusbot ingest` first" in captured.err


def test_chat_on_an_empty_archive_says_to_ingest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("How much does the US demand?\n"))
    code = main(["chat", "--store", str(tmp_path / "chroma")])
    captured = capsys.readouterr()
    assert code == 0
    assert "archive is empty: run `corpusbot ingest` first" in captured.err
    assert "Q: How much does the US demand?" in captured.out


def test_ask_on_a_filled_archive_gives_no_empty_hint(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ask", "What is the capital of Peru?", "--store", store_of(seeded_engine)])
    assert "archive is empty" not in capsys.readouterr().err


def test_a_pronoun_after_a_who_question_means_whom_it_asked_about(seeded_engine: Engine) -> None:
    stdin = io.StringIO("Who is the US negotiator?\nWhat did he say?\nWhat did he say next?\n")
    out = io.StringIO()
    chat_session(seeded_engine, stdin, out)
    first, second, third = out.getvalue().split("Q: ")[1:]
    assert "James DeHart" in first
    # "he" is the negotiator the first answer named: his own words (the question was refused)
    assert "give the Korean side some time to reconsider" in second.split("\n")[1]
    # and what he said after them, in the same story
    assert "not responsive to our request" in third.split("\n")[1]


def test_ask_with_a_pasted_paragraph_answers_instead_of_failing(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    """A question over the re-ranker's 128 tokens (a paragraph pasted before it) is read cut
    short, not turned into a traceback."""
    pasted = " ".join(["Someone told me the troop figures in the papers are all wrong."] * 20)
    question = f"How many American troops are stationed in South Korea? {pasted}"
    assert main(["ask", question, "--store", store_of(seeded_engine)]) == 0
    assert "28,500" in capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize("leave", ["quit", "/quit", "EXIT", "/exit"])
def test_chat_ends_at_quit_typed_with_or_without_a_slash(seeded_engine: Engine, leave: str) -> None:
    stdin = io.StringIO(f"{leave}\nHow much does the US demand?\n")
    out = io.StringIO()
    chat_session(seeded_engine, stdin, out)
    assert "Q: " not in out.getvalue() and "[1]" not in out.getvalue()


def test_chat_reads_and_another_country_as_the_last_question_asked_of_it(
    seeded_engine: Engine,
) -> None:
    stdin = io.StringIO("Who is the South Korean negotiator?\nand the US one?\n")
    out = io.StringIO()
    chat_session(seeded_engine, stdin, out)
    first, second = out.getvalue().split("Q: ")[1:]
    assert "Jeong Eun-bo" in first.split("\n")[1]
    assert "James DeHart" in second.split("\n")[1]  # "Who is the US negotiator?"
