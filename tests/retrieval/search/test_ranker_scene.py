"""What the cross-encoder is told about a window: the sentence that sets its scene comes from
the window's own side of the file (the article for a paragraph; the comment itself, or the one
it answers, for a reader's comment), never from someone else's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from retrieval.engine import Engine
from retrieval.search import ranker
from retrieval.search.cross_encoder import CrossEncoder
from retrieval.search.features import Candidate, Question

Read = tuple[Candidate, tuple[int, int], str]


@pytest.fixture
def scenes(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Read]:
    """Every (candidate, window, scene) the cross-encoder reads with a scene."""
    seen: list[Read] = []
    read = ranker._read

    def recording(
        question: Question,
        encoder: CrossEncoder,
        pairs: Sequence[Read],
        leads: Mapping[int, str] | None = None,
        by_source: Mapping[str, Sequence[Candidate]] | None = None,
    ) -> dict[ranker.Window, float]:
        seen.extend(pair for pair in pairs if pair[2])
        return read(question, encoder, pairs, leads, by_source)

    monkeypatch.setattr(ranker, "_read", recording)
    return seen


def _holder(engine: Engine, candidate: Candidate, scene: str) -> list[tuple[str, str]]:
    """(kind, thread path) of the passages of the candidate's file that hold the scene."""
    source = str(candidate.meta["source"])
    return [
        (hit.kind, hit.thread_path or "")
        for hit in engine.searcher.passages_of(source)
        if scene in hit.text
    ]


@pytest.mark.parametrize(
    "question",
    [
        # "Okinawa" is only in a reader's reply: it must not set the scene of a paragraph
        "Who told the US to leave Okinawa?",
        # "bully" is in two readers' comments: neither lends it to a third reader's comment
        "Which commenter called the US a bully?",
        "How did Joe respond to DarkEyes's defence of the President?",
    ],
)
def test_a_reader_s_words_set_the_scene_only_of_their_own_comment_and_its_replies(
    seeded_engine: Engine, scenes: list[Read], question: str
) -> None:
    seeded_engine.search(question, 5)
    assert scenes, "nothing was read with a scene"
    for candidate, _span, scene in scenes:
        holders = _holder(seeded_engine, candidate, scene)
        assert holders, scene
        if candidate.meta.get("kind") == "comment":
            path = str(candidate.meta.get("thread_path"))
            allowed = {path, path.rpartition(".")[0]} - {""}
            assert any(kind == "comment" and p in allowed for kind, p in holders), (
                path,
                scene,
                holders,
            )
        else:
            assert any(kind != "comment" for kind, _ in holders), (scene, holders)
