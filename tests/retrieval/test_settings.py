"""Engine settings from the environment: the new ones (time-outs, waiting, the ingest lease,
`add`) with their defaults, bad values naming the variable, and every setting of either
settings module documented in .env.example and the README."""

from __future__ import annotations

import re

import pytest

from bot.settings import load_bot_settings
from retrieval.settings import SettingsError, load_settings
from tests.conftest import ROOT


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.chroma_server is None and settings.chroma_wait == 60
    assert settings.ingest_lease_seconds == 60
    assert (settings.add.max_bytes, settings.add.timeout, settings.add.max_redirects) == (
        5_000_000,
        20,
        5,
    )
    bot = load_bot_settings()
    assert not bot.watch_corpus and bot.watch_quiet_seconds == 2


def test_values(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "CHROMA_HOST": "chroma",
        "CHROMA_TIMEOUT": "2.5",
        "CHROMA_CONNECT_TIMEOUT": "1",
        "CHROMA_WAIT": "0",
        "INGEST_LEASE_SECONDS": "15",
        "ADD_MAX_BYTES": "1000",
        "ADD_TIMEOUT": "3",
        "ADD_MAX_REDIRECTS": "0",
        "WATCH_CORPUS": "true",
        "WATCH_QUIET_SECONDS": "0.5",
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.chroma_server is not None
    assert (settings.chroma_server.timeout, settings.chroma_server.connect_timeout) == (2.5, 1)
    assert settings.chroma_wait == 0 and settings.ingest_lease_seconds == 15
    assert (settings.add.max_bytes, settings.add.timeout, settings.add.max_redirects) == (
        1000,
        3,
        0,
    )
    bot = load_bot_settings()
    assert bot.watch_corpus and bot.watch_quiet_seconds == 0.5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CHROMA_TIMEOUT", "0", "CHROMA_TIMEOUT must be more than 0"),
        ("CHROMA_TIMEOUT", "soon", "CHROMA_TIMEOUT must be a number"),
        ("INGEST_LEASE_SECONDS", "-1", "INGEST_LEASE_SECONDS must be more than 0"),
        ("ADD_MAX_BYTES", "0", "ADD_MAX_BYTES must be at least 1"),
        ("WATCH_CORPUS", "sometimes", "WATCH_CORPUS must be true or false"),
    ],
)
def test_bad_values_name_the_variable(
    name: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHROMA_HOST", "chroma")
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_bot_settings()


def test_every_setting_is_documented_in_env_example_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = {
        line.split("=", 1)[0].strip()
        for line in example.splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used: set[str] = set()
    for module in ("retrieval/settings.py", "bot/settings.py"):
        source = (ROOT / module).read_text(encoding="utf-8")
        used |= set(re.findall(r'\(\s*"([A-Z][A-Z0-9_]+)"', source))
    used -= {"CORPUSBOT_ENV_FILE"}  # where .env is, not a setting in it
    assert {"CHROMA_TIMEOUT", "ADD_MAX_BYTES", "WATCH_CORPUS"} <= used
    assert used <= documented, used - documented
    assert {name for name in used if f"`{name}`" not in readme} <= {
        n for n in used if n.startswith("DISCORD_")
    }
