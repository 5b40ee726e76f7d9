"""Chunks a reader can understand alone, with the metadata citations need."""

from __future__ import annotations

from retrieval.chunking import chunk_document
from retrieval.parsing import parse_file
from tests.conftest import SEED_DIR

SEED = "000_88f28c69f322998a.txt"
REQUIRED = {"source", "title", "kind", "author", "thread_path", "parent_author", "paragraph"}


def seed_chunks(max_chars: int = 1000) -> list:  # type: ignore[type-arg]
    doc = parse_file(SEED_DIR / SEED, source=SEED)
    return chunk_document(doc, "hash-v1", max_chars)


def test_every_chunk_carries_citation_metadata() -> None:
    chunks = seed_chunks()
    assert all(set(c.metadata) >= REQUIRED for c in chunks)
    kinds = {c.metadata["kind"] for c in chunks}
    assert kinds == {"article", "comment", "facts"}
    article = [c for c in chunks if c.metadata["kind"] == "article"]
    assert [c.metadata["paragraph"] for c in article] == sorted(
        c.metadata["paragraph"] for c in article
    )
    assert all(c.metadata["paragraph"] >= 1 for c in article)


def test_the_file_details_are_a_passage_of_their_own() -> None:
    details = [c for c in seed_chunks() if c.metadata["kind"] == "facts"]
    assert len(details) == 1
    assert details[0].header.startswith("Article details of “US-South Korea Talks")
    assert "Its source is credited as Reuters." in details[0].body
    assert "It has 27 reader comments from 13 different named commenters" in details[0].body


def test_a_reply_says_who_replied_to_whom_on_which_article() -> None:
    chunks = seed_chunks()
    reply = next(c for c in chunks if c.metadata["thread_path"] == "7.1.3.1")
    assert reply.metadata["author"] == "Joe" and reply.metadata["parent_author"] == "DarkEyes"
    assert reply.header.startswith("Reply 7.1.3.1 by Joe to DarkEyes on “US-South Korea Talks")
    assert reply.content == f"{reply.header}\n{reply.body}"
    assert "4-D chess" in reply.body


def test_each_comment_is_its_own_chunk_and_long_ones_are_split_within_budget() -> None:
    chunks = seed_chunks(max_chars=400)
    comments = [c for c in chunks if c.metadata["kind"] == "comment"]
    paths = {c.metadata["thread_path"] for c in comments}
    assert len(paths) == 27  # every comment of the thread, none merged
    long_comment = [c for c in comments if c.metadata["thread_path"] == "8"]
    assert len(long_comment) > 1
    assert all(len(c.body) <= 400 for c in long_comment)
    assert long_comment[0].header.endswith(f"(part 1 of {len(long_comment)}):")
    assert all(c.body.strip() for c in chunks)


def test_ids_are_stable_and_change_with_content_or_position() -> None:
    first, again = seed_chunks(), seed_chunks()
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    doc = parse_file(SEED_DIR / SEED, source=SEED)
    changed = chunk_document(doc, "hash-v2")
    assert not {c.id for c in first} & {c.id for c in changed}
