"""The bundled cross-encoder: the answering passage scores highest, whatever it is read with."""

from __future__ import annotations

from retrieval.search.cross_encoder import load_cross_encoder

QUESTION = "How many American troops are stationed in South Korea?"
ANSWER = "About 28,500 U.S. military personnel are based in South Korea under the alliance."
OTHERS = [
    "Talks on sharing the cost of the troops collapsed after 80 minutes on Tuesday.",
    "The negotiators will meet again next month in Washington, officials said.",
    "A recipe for sourdough bread with a crisp crust and an open crumb, baked in a cast-iron "
    "pot for forty minutes, then left to cool for an hour before it is cut.",
]


def test_the_answering_passage_scores_highest() -> None:
    scores = load_cross_encoder().score(QUESTION, [*OTHERS, ANSWER])
    assert int(scores.argmax()) == len(OTHERS)


def test_a_passage_scores_the_same_alone_and_among_others() -> None:
    """A candidate's score (and so the ranking) must not depend on which other candidates the
    question happened to bring along."""
    reranker = load_cross_encoder()
    alone = reranker.score(QUESTION, [ANSWER])[0]
    among = reranker.score(QUESTION, [OTHERS[2], ANSWER, OTHERS[0]])[1]
    assert abs(float(alone) - float(among)) < 1e-3


def test_a_question_longer_than_the_model_reads_is_still_scored() -> None:
    """A question pasted with a paragraph of its own runs past the pairs' 128 tokens: the
    question is cut too, where cutting the passage alone raised an error."""
    pasted = " ".join(
        ["I have read conflicting figures about this in several papers and forums lately."] * 12
    )
    scores = load_cross_encoder().score(f"{QUESTION} {pasted}", [*OTHERS, ANSWER])
    assert int(scores.argmax()) == len(OTHERS)
