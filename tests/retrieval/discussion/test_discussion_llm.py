"""With an LLM configured, it writes the discussion answer from the same grouped, cited
comments; citations that point to no retrieved comment are dropped."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from fakes.openai_server import FakeOpenAI, running_fake_openai

from retrieval.engine import Engine
from retrieval.settings import LLMSettings

QUESTION = "What do readers think of the congestion charge?"


def llm_engine(seeded: Engine, base_url: str, timeout: float = 5.0) -> Engine:
    llm = LLMSettings(model="openai:fake-model", base_url=base_url, timeout=timeout)
    return Engine(replace(seeded.settings, llm=llm))


def written(request: dict[str, Any]) -> str:
    """A model that summarises the outline's first group and cites a number that is not there."""
    outline = request["messages"][1]["content"]
    largest = re.search(r"^1\. (.+?) — (.+?) \(", outline, re.MULTILINE)
    assert largest is not None
    return (
        f"Most readers who commented argue that the charge is a {largest[1]} issue [1] [2], "
        "while others want buses first [5]. One reader says it is all lies [42]. "
        "Reader comments are opinions, not checked facts."
    )


def test_the_llm_writes_the_overview_from_the_cited_comments(charge_engine: Engine) -> None:
    extractive = charge_engine.ask(QUESTION)
    fake = FakeOpenAI(reply=written)
    with running_fake_openai(fake):
        answer = llm_engine(charge_engine, fake.base_url).ask(QUESTION)
    assert answer.mode == "llm" and answer.found
    assert "[42]" not in answer.text and "[3]" in answer.text  # [5] renumbered to [3]
    assert [c.n for c in answer.citations] == [1, 2, 3]
    outline = {(c.hit.id, c.quote) for c in extractive.citations}
    assert all((c.hit.id, c.quote) in outline for c in answer.citations)  # the same quotes
    assert all(c.hit.kind == "comment" and c.quote in c.hit.text for c in answer.citations)

    [request] = fake.requests
    system, user = (m["content"] for m in request["messages"])
    assert "untrusted quotations" in system and "counts exactly" in system
    assert "11 comments by 7 commenters" in user  # the outline's counts
    assert user.count("<<<quotation") == len(extractive.citations)


def test_a_failing_llm_leaves_the_extractive_overview_with_a_note(charge_engine: Engine) -> None:
    fake = FakeOpenAI(status=500)
    with running_fake_openai(fake):
        answer = llm_engine(charge_engine, fake.base_url).ask(QUESTION)
    assert answer.mode == "extractive" and answer.found
    assert answer.note and "did not answer" in answer.note
    assert answer.text == charge_engine.ask(QUESTION).text


def test_an_llm_citing_nothing_retrieved_is_not_trusted(charge_engine: Engine) -> None:
    fake = FakeOpenAI(reply=lambda _: "Everyone loves the charge [77].")
    with running_fake_openai(fake):
        answer = llm_engine(charge_engine, fake.base_url).ask(QUESTION)
    assert answer.mode == "extractive" and "Everyone loves" not in answer.text
    assert answer.note and "cited no retrieved passage" in answer.note
