"""What a question asks for, read from its wording."""

from __future__ import annotations

import pytest

from retrieval.query import expects


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which American defence chief said Seoul can afford to chip in more?", "person"),
        ("which former nuclear envoy from seoul criticised the US?", "person"),
        ("Which minister resigned?", "person"),
        ("Which English football club signed him?", "organisation"),
        ("Which South Korean city hosted the talks?", "place"),
    ],
)
def test_a_person_place_or_body_is_asked_for_behind_two_describing_words(
    question: str, kind: str
) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which audience was Michael Howard addressing in Westminster?", "entity"),
        ("Which bid did the government accept?", "entity"),
        ("What was the audience for the final?", "number"),
        ("What is the price of the phone?", "number"),
    ],
)
def test_which_picks_one_of_several_and_what_asks_for_an_amount(question: str, kind: str) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What did the editor make of the console's price?", "quote"),
        ("How has the union reacted to the cuts?", "quote"),
        ("How have critics described the film?", "quote"),
        # markets reacting, in a clause, do not make it a question about someone's words
        ("Which Malaysian airline lost 3% as markets reacted to the storm?", "organisation"),
    ],
)
def test_a_question_about_someone_s_words_is_read_from_its_verb(question: str, kind: str) -> None:
    assert expects(question) == kind
