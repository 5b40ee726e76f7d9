"""Lexical retrieval: the tokeniser and the on-disk BM25 index kept in step with the store."""

from retrieval.lexical.tokens import QUESTION_STOPWORDS, question_terms, tokenize

__all__ = ["QUESTION_STOPWORDS", "question_terms", "tokenize"]
