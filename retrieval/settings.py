"""Engine settings, read once from the environment and an optional ``.env`` file.

Every setting is documented in ``.env.example``. The Discord bot has its own settings
(``bot/settings.py``) built on top of these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import load_dotenv

from retrieval.embedding.minilm import DEFAULT_MODEL


class SettingsError(ValueError):
    """A setting has a value we cannot use; the message names the variable and the fix."""


def load_env(env_file: str | os.PathLike[str] | None = None) -> None:
    """Load ``.env`` (or ``env_file``) into the environment without overriding set variables."""
    load_dotenv(env_file or os.environ.get("CORPUSBOT_ENV_FILE") or ".env", override=False)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(
            f"{name} must be a whole number, not {raw!r} (see .env.example)"
        ) from None


def env_float(name: str, default: float) -> float:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r} (see .env.example)") from None


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name).lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r} (see .env.example)")


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int = 8000
    token: str = ""
    ssl: bool = False

    @property
    def address(self) -> str:
        return f"{'https' if self.ssl else 'http'}://{self.host}:{self.port}"


@dataclass(frozen=True)
class LLMSettings:
    """The optional chat model. Empty ``model`` means extractive answers only."""

    model: str = ""  # e.g. "openai:gpt-4o-mini" or "ollama:llama3.1"
    base_url: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = 20.0

    @property
    def enabled(self) -> bool:
        return bool(self.model)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    store_path: Path = Path("data/chroma")
    collection: str = "corpusbot"
    chroma_server: ChromaServer | None = None
    embedding_model: str = DEFAULT_MODEL
    max_file_bytes: int = 5_000_000
    chunk_chars: int = 1000
    min_answer_score: float = 0.0  # 0 = use the calibrated default of the answerer
    rerank: bool = True  # the cross-encoder reads the first candidates' best windows
    llm: LLMSettings = LLMSettings()

    def with_store(self, path: str | os.PathLike[str] | None) -> Settings:
        """These settings with ``--store PATH`` applied (an embedded store at PATH)."""
        if path is None:
            return self
        return replace(self, store_path=Path(path), chroma_server=None)

    @property
    def store_label(self) -> str:
        if self.chroma_server:
            return f"Chroma server {self.chroma_server.address}"
        return f"embedded store {self.store_path}"


def load_settings(env_file: str | os.PathLike[str] | None = None) -> Settings:
    """Settings from the environment (after loading ``.env``)."""
    load_env(env_file)
    data_dir = Path(env_str("CORPUSBOT_DATA_DIR", "data"))
    host = env_str("CHROMA_HOST")
    server = (
        ChromaServer(
            host=host,
            port=env_int("CHROMA_PORT", 8000),
            token=env_str("CHROMA_AUTH_TOKEN"),
            ssl=env_bool("CHROMA_SSL", False),
        )
        if host
        else None
    )
    return Settings(
        data_dir=data_dir,
        corpus_dir=Path(env_str("CORPUS_DIR", "corpus")),
        store_path=Path(env_str("CHROMA_PATH") or data_dir / "chroma"),
        collection=env_str("CHROMA_COLLECTION", "corpusbot"),
        chroma_server=server,
        embedding_model=env_str("EMBEDDING_MODEL", DEFAULT_MODEL),
        max_file_bytes=env_int("MAX_FILE_BYTES", 5_000_000),
        chunk_chars=env_int("CHUNK_CHARS", 1000),
        min_answer_score=env_float("MIN_ANSWER_SCORE", 0.0),
        rerank=env_bool("RERANK", True),
        llm=LLMSettings(
            model=env_str("LLM_MODEL"),
            base_url=env_str("LLM_BASE_URL"),
            api_key=env_str("LLM_API_KEY"),
            timeout=env_float("LLM_TIMEOUT", 20.0),
        ),
    )
