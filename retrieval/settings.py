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
    token: str = field(default="", repr=False)
    ssl: bool = False
    timeout: float = 30.0  # seconds a request may take once connected (CHROMA_TIMEOUT)
    connect_timeout: float = 5.0  # seconds to open a connection (CHROMA_CONNECT_TIMEOUT)

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
class AddSettings:
    """``corpusbot add`` / ``/add``: how a web page is downloaded."""

    max_bytes: int = 5_000_000  # ADD_MAX_BYTES
    timeout: float = 20.0  # ADD_TIMEOUT: seconds for the whole download
    max_redirects: int = 5  # ADD_MAX_REDIRECTS


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
    chroma_wait: float = 60.0  # seconds `start` / `run` wait for a Chroma server (CHROMA_WAIT)
    ingest_lease_seconds: float = 60.0  # server-side ingest lock lease (INGEST_LEASE_SECONDS)
    add: AddSettings = AddSettings()

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
            timeout=_positive_float("CHROMA_TIMEOUT", 30.0),
            connect_timeout=_positive_float("CHROMA_CONNECT_TIMEOUT", 5.0),
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
        chroma_wait=max(0.0, env_float("CHROMA_WAIT", 60.0)),
        ingest_lease_seconds=_positive_float("INGEST_LEASE_SECONDS", 60.0),
        add=AddSettings(
            max_bytes=_positive_int("ADD_MAX_BYTES", 5_000_000),
            timeout=_positive_float("ADD_TIMEOUT", 20.0),
            max_redirects=max(0, env_int("ADD_MAX_REDIRECTS", 5)),
        ),
    )


def _positive_float(name: str, default: float) -> float:
    value = env_float(name, default)
    if value <= 0:
        raise SettingsError(f"{name} must be more than 0, not {value:g} (see .env.example)")
    return value


def _positive_int(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, not {value} (see .env.example)")
    return value
