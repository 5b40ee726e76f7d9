"""Optional LLM answers through LangChain, with citations checked against what was retrieved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from retrieval.answer.extractive import best_quote
from retrieval.answer.prompt import SYSTEM, user_message
from retrieval.answer.types import Answer, Citation
from retrieval.lexical import tokenize
from retrieval.search import Hit
from retrieval.settings import LLMSettings

_MARKER = re.compile(r"\[(\d{1,3})\]")
NOT_IN_ARCHIVE = "NOT_IN_ARCHIVE"


class LLMUnavailable(RuntimeError):
    """The model failed, timed out, or answered without a usable citation."""


def build_chat_model(settings: LLMSettings) -> Any:
    from langchain.chat_models import init_chat_model

    kwargs: dict[str, Any] = {"timeout": settings.timeout, "max_retries": 0, "temperature": 0}
    if settings.base_url:
        kwargs["base_url"] = settings.base_url
    if settings.api_key:
        kwargs["api_key"] = settings.api_key
    elif settings.model.startswith("openai:"):
        kwargs["api_key"] = "not-needed"  # local OpenAI-compatible servers ignore it
    return init_chat_model(settings.model, **kwargs)


class LLMAnswerer:
    def __init__(self, settings: LLMSettings, model: Any | None = None) -> None:
        self.settings = settings
        self._model = model

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = build_chat_model(self.settings)
        return self._model

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        try:
            reply = self.model.invoke([("system", SYSTEM), ("human", user_message(question, hits))])
        except Exception as exc:
            raise LLMUnavailable(f"{type(exc).__name__}: {exc}") from exc
        text = str(getattr(reply, "content", reply)).strip()
        if text.startswith(NOT_IN_ARCHIVE):
            raise LLMUnavailable("the model found no answer in the passages")
        return checked_answer(question, text, hits)


def checked_answer(question: str, text: str, hits: Sequence[Hit]) -> Answer:
    """Keep only citations of retrieved passages, renumbered in order of first use."""
    numbers: dict[int, int] = {}
    for match in _MARKER.finditer(text):
        cited = int(match.group(1))
        if 1 <= cited <= len(hits) and cited not in numbers:
            numbers[cited] = len(numbers) + 1

    def renumber(match: re.Match[str]) -> str:
        cited = int(match.group(1))
        return f"[{numbers[cited]}]" if cited in numbers else ""

    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", _MARKER.sub(renumber, text)).strip()
    if not numbers:
        raise LLMUnavailable("the model's answer cited no retrieved passage")
    terms = set(tokenize([question])[0])
    citations = tuple(
        Citation(new, hits[old - 1], best_quote(hits[old - 1], terms))
        for old, new in sorted(numbers.items(), key=lambda item: item[1])
    )
    return Answer(question, cleaned, True, citations, (), tuple(hits), mode="llm")
