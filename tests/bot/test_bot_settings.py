"""DISCORD_* settings from the environment and .env, checked with messages naming the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import load_bot_settings
from retrieval.settings import SettingsError

ROOT = Path(__file__).resolve().parents[2]


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_bot_settings()
    assert settings.token == "" and settings.channel_ids == frozenset()
    assert settings.guild_id is None and settings.admin_role == ""
    assert (settings.cooldown_rate, settings.cooldown_seconds) == (5, 60.0)
    assert settings.cooldown_enabled and not settings.log_author_ids
    assert settings.feedback_path == Path("data") / "feedback.sqlite3"
    assert settings.max_question_chars == 1000 and settings.answer_threads == 4


def test_values_from_an_env_file_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = tmp_path / "bot.env"
    env.write_text(
        "DISCORD_TOKEN=from-file\n"
        "DISCORD_CHANNEL_IDS=111, 222;333\n"
        "DISCORD_ADMIN_ROLE=Moderators\n"
        "DISCORD_COOLDOWN_RATE=0\n"
        "DISCORD_GUILD_ID=444\n"
        "DISCORD_LOG_AUTHOR_IDS=yes\n"
        "CORPUSBOT_DATA_DIR=/srv/corpusbot\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DISCORD_COOLDOWN_SECONDS", "15")
    settings = load_bot_settings(env)
    assert settings.token == "from-file"
    assert settings.channel_ids == frozenset({111, 222, 333})
    assert settings.admin_role == "Moderators" and settings.guild_id == 444
    assert settings.cooldown_seconds == 15 and not settings.cooldown_enabled
    assert settings.log_author_ids
    assert settings.feedback_path == Path("/srv/corpusbot/feedback.sqlite3")


def test_the_token_is_not_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "very-secret")
    assert "very-secret" not in repr(load_bot_settings())


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DISCORD_CHANNEL_IDS", "123,general", "DISCORD_CHANNEL_IDS must be comma-separated"),
        ("DISCORD_GUILD_ID", "1,2", "DISCORD_GUILD_ID takes one server id"),
        ("DISCORD_COOLDOWN_RATE", "many", "DISCORD_COOLDOWN_RATE must be a whole number"),
        ("DISCORD_LOG_AUTHOR_IDS", "maybe", "DISCORD_LOG_AUTHOR_IDS must be true or false"),
        ("DISCORD_MAX_QUESTION_CHARS", "0", "DISCORD_MAX_QUESTION_CHARS must be at least 1"),
    ],
)
def test_bad_values_name_the_variable(
    name: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_bot_settings()


def test_every_setting_is_documented_in_env_example() -> None:
    documented = {
        line.split("=", 1)[0].strip()
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(DISCORD_[A-Z_]+)"', source))
    assert len(used) == 10
    assert used <= documented, used - documented
