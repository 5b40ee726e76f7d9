"""Retrieved passages made by hand, for tests below the search (the gate, rendering, follow-ups)."""

from __future__ import annotations

from retrieval.search import Hit


def make_hit(**fields: object) -> Hit:
    """An article paragraph of a sample file; ``fields`` replace any of its values."""
    base: dict[str, object] = {
        "source": "000_88f28c69f322998a.txt",
        "title": "t",
        "kind": "article",
        "author": None,
        "thread_path": None,
        "paragraph": 1,
        "text": "passage",
        "score": 1.0,
        "similarity": 0.8,
        "lexical": 1.0,
    }
    return Hit(**{**base, **fields})  # type: ignore[arg-type]
