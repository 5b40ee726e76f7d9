"""Answers that say who said what, cite retrieved passages, and admit when the archive is silent."""

from retrieval.answer.types import Answer, Citation

__all__ = ["Answer", "Citation"]
