"""British and American spellings are one word to the lexical index."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.evaluation.baseline import Bm25Baseline
from retrieval.lexical.tokens import question_terms


def test_a_british_spelling_finds_the_american_one_by_words_alone(seeded_engine: Engine) -> None:
    # BM25 alone (no embedding to bridge the spellings): the Reuters story writes "defense"
    # five times and "defence" never
    hits = Bm25Baseline(seeded_engine.searcher).search("defence", 5)
    reuters = [h for h in hits if h.source == "000_88f28c69f322998a.txt"]
    assert reuters and all("defense" in h.text.lower() for h in reuters)


def test_spelling_variants_share_their_terms() -> None:
    for british, american in [
        ("organisation", "organization"),
        ("Labour favourite", "labor favorite"),
        ("realised", "realized"),
        ("analysed", "analyzed"),
        ("centre programme", "center program"),
    ]:
        assert question_terms(british) == question_terms(american), (british, american)
