"""In an archive of many commented articles, a discussion answer reads the few files it is
about, not every file (a million-passage archive answered in seconds, not minutes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.discussion.service import Discussions, NoDiscussion
from retrieval.engine import Engine
from tests.conftest import make_settings
from tests.retrieval.discussion.conftest import FIXTURE, corpus_with_fixture

TOPICS = (
    "ferry fares",
    "library hours",
    "school meals",
    "bin collections",
    "park lighting",
    "cycle lanes",
    "market stalls",
    "swimming pool",
    "bus shelters",
    "street trees",
    "parking permits",
    "housing estate",
    "river path",
)


def small_article(topic: str) -> str:
    return (
        f"Council Reviews {topic.title()}\n\n"
        f"The council will review {topic} next month after complaints from residents, a "
        f"spokesman said on Monday.\n\n"
        f"  1. Reader{len(topic)} says\n\n"
        f"    The {topic} have been a problem for years and nobody listens to us.\n"
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base = tmp_path_factory.mktemp("many")
    corpus = corpus_with_fixture(base)
    for topic in TOPICS:
        (corpus / f"{topic.replace(' ', '_')}.txt").write_text(
            small_article(topic), encoding="utf-8"
        )
    engine = Engine(make_settings(base))
    summary = engine.ingest()
    assert len(summary.added) == len(TOPICS) + 1 and not summary.failed
    yield engine


@pytest.fixture
def reads(archive: Engine, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose passages are read, in order."""
    read: list[str] = []
    searcher = archive.searcher
    original = searcher.passages_of

    def spy(source: str) -> list[object]:
        read.append(source)
        return original(source)  # type: ignore[return-value]

    monkeypatch.setattr(searcher, "passages_of", spy)
    return read


def test_the_most_commented_article_is_found_without_reading_the_others(
    archive: Engine, reads: list[str]
) -> None:
    answer = Discussions(archive.searcher).overview()
    assert FIXTURE.name in answer.text
    assert set(reads) == {FIXTURE.name}


def test_an_article_named_by_title_words_is_found_without_reading_the_others(
    archive: Engine, reads: list[str]
) -> None:
    answer = Discussions(archive.searcher).overview("congestion charge")
    assert "City Council Approves Congestion Charge" in answer.text
    assert set(reads) == {FIXTURE.name}


def test_a_name_that_matches_nothing_lists_the_most_commented_and_how_many_more(
    archive: Engine, reads: list[str]
) -> None:
    with pytest.raises(NoDiscussion) as refused:
        Discussions(archive.searcher).overview("lighthouse keepers")
    message = str(refused.value)
    assert message.startswith("No article matches “lighthouse keepers”")
    assert FIXTURE.name in message.splitlines()[1]  # the most commented first
    assert message.splitlines()[-1] == f"- … and {len(TOPICS) + 1 - 10} more"
    assert not reads


def test_a_comment_number_with_no_article_named_asks_which_without_reading_any(
    archive: Engine, reads: list[str]
) -> None:
    answer = archive.ask("What does comment 1 say?")
    assert not answer.found and not answer.citations
    lines = answer.text.splitlines()
    assert lines[0].startswith(
        f"Which article's comment 1? {len(TOPICS) + 1} articles have reader comments: name one"
    )
    assert FIXTURE.name in lines[1]  # the most commented first
    assert not reads
    named = archive.ask("What does comment 1 on the congestion charge story say?")
    assert named.text.startswith("Under “City Council Approves Congestion Charge")
    assert set(reads) == {FIXTURE.name}
