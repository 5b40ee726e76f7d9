"""The bundled offline embedder: right tokenizer, sensible vectors, usable by Chroma."""

from __future__ import annotations

import hashlib
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from retrieval.embedding import ChromaEmbeddingFunction, LangChainEmbeddings, load_embedder
from retrieval.embedding.minilm import TOKENIZER_PATH

TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def test_shipped_tokenizer_is_the_minilm_one() -> None:
    assert hashlib.sha256(TOKENIZER_PATH.read_bytes()).hexdigest() == TOKENIZER_SHA256


def test_vectors_are_unit_length_and_rank_paraphrases_first() -> None:
    embedder = load_embedder()
    vectors = embedder.embed(
        [
            "The United States wants Seoul to pay five billion dollars for its troops.",
            "Washington demands $5bn a year from South Korea for the soldiers it stations there.",
            "A recipe for sourdough bread with a crisp crust.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    related, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert related > 0.6 > 0.2 > unrelated


def test_many_texts_embedded_on_every_core_keep_their_own_vectors() -> None:
    """An ingest embeds a text per core on the second session: each text still gets its own
    vector, in its own row, whatever core it ran on."""
    embedder = load_embedder()
    texts = [f"Story {n}: " + "the talks went on " * (n % 7) + f"until day {n}." for n in range(70)]
    texts.append("word " * 300)  # longer than the model reads: cut, not an error
    assert embedder.workers > 1  # the parallel path runs
    together = embedder.embed(texts)
    for text, row in zip(texts, together, strict=True):
        assert float(embedder.embed_one(text) @ row) > 0.9999


def test_langchain_and_chroma_adapters_agree(tmp_path: Path) -> None:
    lc = LangChainEmbeddings(load_embedder())
    query = lc.embed_query("troop costs")
    assert len(query) == 384 and len(lc.embed_documents(["a", "b"])) == 2
    client = chromadb.PersistentClient(
        path=str(tmp_path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.create_collection(
        "adapter-test",
        embedding_function=ChromaEmbeddingFunction(),
        metadata={"hnsw:space": "cosine"},
    )
    collection.add(ids=["1", "2"], documents=["troop cost sharing talks", "bread recipes"])
    # reopened without naming the function: Chroma rebuilds ours from the stored config,
    # so querying by text embeds offline instead of downloading Chroma's default model
    reopened = client.get_collection("adapter-test")
    result = reopened.query(query_texts=["how much do troops cost"], n_results=1)
    assert result["ids"] == [["1"]]
