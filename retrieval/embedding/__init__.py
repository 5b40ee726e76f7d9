"""Sentence embeddings that run with no network: all-MiniLM-L6-v2 int8 ONNX by default."""

from retrieval.embedding.adapters import ChromaEmbeddingFunction, LangChainEmbeddings
from retrieval.embedding.minilm import OnnxSentenceEmbedder, load_embedder

__all__ = [
    "ChromaEmbeddingFunction",
    "LangChainEmbeddings",
    "OnnxSentenceEmbedder",
    "load_embedder",
]
