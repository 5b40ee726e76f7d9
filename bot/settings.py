"""Discord bot settings, read once from the environment and ``.env``.

Every variable is documented in ``.env.example``. The engine's own settings (store, corpus,
models) come from :func:`retrieval.settings.load_settings` and are carried in ``engine``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.settings import (
    Settings,
    SettingsError,
    env_bool,
    env_float,
    env_int,
    env_str,
    load_settings,
)

DEFAULT_COOLDOWN_RATE = 5  # questions …
DEFAULT_COOLDOWN_SECONDS = 60.0  # … per this many seconds, per user
DEFAULT_MAX_QUESTION_CHARS = 1000
DEFAULT_ANSWER_THREADS = 4
DEFAULT_WATCH_QUIET_SECONDS = 2.0
FEEDBACK_FILE_NAME = "feedback.sqlite3"


@dataclass(frozen=True)
class BotSettings:
    engine: Settings
    token: str = field(default="", repr=False)
    channel_ids: frozenset[int] = frozenset()  # empty: every channel the bot can see
    admin_role: str = ""  # role name or id allowed to /reindex besides Manage Server
    cooldown_rate: int = DEFAULT_COOLDOWN_RATE  # 0 disables the per-user cooldown
    cooldown_seconds: float = DEFAULT_COOLDOWN_SECONDS
    guild_id: int | None = None  # sync slash commands to this guild only (instant)
    log_author_ids: bool = False
    feedback_path: Path = Path("data") / FEEDBACK_FILE_NAME
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    answer_threads: int = DEFAULT_ANSWER_THREADS
    watch_corpus: bool = False  # re-ingest CORPUS_DIR when its files change
    watch_quiet_seconds: float = DEFAULT_WATCH_QUIET_SECONDS  # … once they stop changing

    @property
    def cooldown_enabled(self) -> bool:
        return self.cooldown_rate > 0 and self.cooldown_seconds > 0


def env_ids(name: str) -> frozenset[int]:
    """A comma-separated list of Discord ids (snowflakes)."""
    ids: set[int] = set()
    for part in env_str(name).replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise SettingsError(
                f"{name} must be comma-separated numeric ids (Discord: Developer Mode → right-click"
                f" → Copy ID), not {part!r} (see .env.example)"
            )
        ids.add(int(part))
    return frozenset(ids)


def _positive(name: str, value: int) -> int:
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, not {value} (see .env.example)")
    return value


def load_bot_settings(
    env_file: str | os.PathLike[str] | None = None, store: str | os.PathLike[str] | None = None
) -> BotSettings:
    """Bot settings from the environment (after loading ``.env``); ``store`` is ``--store``."""
    engine = load_settings(env_file).with_store(store)
    guild_ids = env_ids("DISCORD_GUILD_ID")
    if len(guild_ids) > 1:
        raise SettingsError("DISCORD_GUILD_ID takes one server id (see .env.example)")
    return BotSettings(
        engine=engine,
        token=env_str("DISCORD_TOKEN"),
        channel_ids=env_ids("DISCORD_CHANNEL_IDS"),
        admin_role=env_str("DISCORD_ADMIN_ROLE"),
        cooldown_rate=max(0, env_int("DISCORD_COOLDOWN_RATE", DEFAULT_COOLDOWN_RATE)),
        cooldown_seconds=max(0.0, env_float("DISCORD_COOLDOWN_SECONDS", DEFAULT_COOLDOWN_SECONDS)),
        guild_id=next(iter(guild_ids), None),
        log_author_ids=env_bool("DISCORD_LOG_AUTHOR_IDS", False),
        feedback_path=Path(
            env_str("DISCORD_FEEDBACK_FILE") or engine.data_dir / FEEDBACK_FILE_NAME
        ),
        max_question_chars=_positive(
            "DISCORD_MAX_QUESTION_CHARS",
            env_int("DISCORD_MAX_QUESTION_CHARS", DEFAULT_MAX_QUESTION_CHARS),
        ),
        answer_threads=_positive(
            "DISCORD_ANSWER_THREADS", env_int("DISCORD_ANSWER_THREADS", DEFAULT_ANSWER_THREADS)
        ),
        watch_corpus=env_bool("WATCH_CORPUS", False),
        watch_quiet_seconds=max(0.0, env_float("WATCH_QUIET_SECONDS", DEFAULT_WATCH_QUIET_SECONDS)),
    )
