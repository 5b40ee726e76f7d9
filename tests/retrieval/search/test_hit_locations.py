"""Where a cited passage is in its file, as the answer's sources list says it."""

from __future__ import annotations

from retrieval.engine import Engine

REUTERS = "000_88f28c69f322998a.txt"


def test_the_parts_of_a_long_comment_are_told_apart(seeded_engine: Engine) -> None:
    parts = [h for h in seeded_engine.searcher.passages_of(REUTERS) if h.thread_path == "7.1.3"]
    assert len(parts) == 2  # DarkEyes's long reply is stored in two passages
    assert [h.location for h in parts] == [
        "comment 7.1.3 by DarkEyes, part 1 of 2",
        "comment 7.1.3 by DarkEyes, part 2 of 2",
    ]


def test_a_whole_comment_or_paragraph_names_no_part(seeded_engine: Engine) -> None:
    hits = seeded_engine.searcher.passages_of(REUTERS)
    assert next(h for h in hits if h.thread_path == "7.1.2").location == (
        "comment 7.1.2 by DarkEyes"
    )
    assert next(h for h in hits if h.kind == "article").location == "article ¶1"
