"""A "who" question that names one country is answered by that country's person: the
cross-encoder reads "Chief US negotiator James DeHart" and "South Korean negotiator Jeong
Eun-bo" alike, and the country written before the role tells them apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.search.countries import asked_country, sides
from tests.conftest import engine_over_story


@pytest.mark.parametrize(
    ("question", "named", "other"),
    [
        ("Who is South Korea's chief negotiator?", "Jeong Eun-bo", "DeHart"),
        ("Who is the US negotiator?", "DeHart", "Jeong Eun-bo"),
    ],
)
def test_each_side_s_negotiator_comes_first_for_its_country(
    seeded_engine: Engine, question: str, named: str, other: str
) -> None:
    first = seeded_engine.ask(question).text.splitlines()[0]
    assert named in first
    assert other not in first


def test_a_side_asked_in_lower_case_is_found(tmp_path: Path) -> None:
    # "Her Brazilian counterpart, Development Minister Paulo Henrique Saraiva" and "Brazil's
    # lead negotiator" read as well as "South Africa's chief negotiator, Sipho Mthembu"
    engine = engine_over_story(tmp_path, "trade_talks.txt")
    first = engine.ask("who headed the south african side in the talks").text.splitlines()[0]
    assert "Sipho Mthembu" in first


def test_a_side_is_the_country_named_before_a_role_and_a_name() -> None:
    assert sides("Chief US negotiator James DeHart gave the Korean side time") == {"united states"}
    assert sides("Brazil's lead negotiator, Ambassador Ricardo Tavares, said") == {"brazil"}
    assert sides("Kim Hong-kyun, a former South Korean nuclear negotiator, said") == set()
    assert sides("Wales coach Mike Ruddock and England coach Andy Robinson") == {
        "wales",
        "england",
    }  # the home nations field their own sides
    assert asked_country("Who coaches the Welsh side?") == "wales"
    assert asked_country("who was negotiating for the korean side?") == "south korea"
    assert asked_country("Who negotiated for the US with South Korea?") is None
    assert asked_country("who are us?") is None
