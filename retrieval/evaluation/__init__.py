"""Measuring retrieval and answers on question sets (``corpusbot eval``, the benchmarks)."""

from retrieval.evaluation.cases import Case, EvalFileError, load_cases, load_folder, matches
from retrieval.evaluation.report import EvalReport, evaluate

__all__ = [
    "Case",
    "EvalFileError",
    "EvalReport",
    "evaluate",
    "load_cases",
    "load_folder",
    "matches",
]
