"""Retrieval: candidates from the vector and lexical indexes, ranked in stages."""

from retrieval.search.hit import Hit, hit_from_chunk
from retrieval.search.searcher import HybridSearcher

__all__ = ["Hit", "HybridSearcher", "hit_from_chunk"]
