"""The embedder seen through LangChain's ``Embeddings`` and Chroma's ``EmbeddingFunction``."""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LCEmbeddings

from retrieval.embedding.minilm import DEFAULT_MODEL, OnnxSentenceEmbedder, load_embedder


class LangChainEmbeddings(LCEmbeddings):
    """LangChain adapter."""

    def __init__(self, embedder: OnnxSentenceEmbedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()  # type: ignore[no-any-return]


@register_embedding_function
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma adapter, registered so a collection's config names it instead of Chroma's
    default (which downloads a model and fails offline)."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model

    def __call__(self, input: Documents) -> Embeddings:
        return list(load_embedder(self.model).embed(list(input)))

    @staticmethod
    def name() -> str:
        return "corpusbot-onnx-minilm"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(str(config.get("model", DEFAULT_MODEL)))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"
