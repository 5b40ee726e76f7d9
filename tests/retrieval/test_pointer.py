"""Where the asker read it is not what is asked."""

from __future__ import annotations

import pytest

from retrieval.pointer import pointer_names, without_source_pointer


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("When did US forces land, going by the Reuters intro?", "When did US forces land?"),
        ("What did Jeong say, according to the article?", "What did Jeong say?"),
        ("How many jobs will go, according to the BBC?", "How many jobs will go?"),
        ("According to the BBC article, how many jobs will go?", "How many jobs will go?"),
        ("I was reading the BBC news - how many jobs will go?", "How many jobs will go?"),
        ("Just saw this on the BBC website: why did he resign?", "Why did he resign?"),
        # a person the question quotes is what is asked about, and so is what a story is about
        (
            "Why are the Tories after Campbell, according to Peter Mandelson?",
            "Why are the Tories after Campbell, according to Peter Mandelson?",
        ),
        (
            "In the BBC story about Mittal Steel, how many jobs will go?",
            "In the BBC story about Mittal Steel, how many jobs will go?",
        ),
    ],
)
def test_where_the_asker_read_it_is_left_out_of_what_the_cross_encoder_reads(
    question: str, plain: str
) -> None:
    assert without_source_pointer(question) == plain


def test_the_outlet_a_pointer_names_is_found() -> None:
    assert "BBC" in pointer_names("In the BBC story about Mittal Steel, how many jobs will go?")
    assert "Reuters" in pointer_names("What did Jeong say, according to the Reuters article?")
    assert "BBC" in pointer_names("I was reading the BBC news - how many jobs will go?")
    assert "BBC" in pointer_names("In the BBC preview of the cup replay, when did they last lose?")
    assert pointer_names("Why are the Tories after Campbell, according to Peter Mandelson?") == ""
    assert pointer_names("What did the BBC's director general say about the cuts?") == ""
