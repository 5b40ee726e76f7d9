"""``corpusbot run`` / ``python -m bot``: how to get a token, and one-line start-up failures."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import runpy
import signal
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web
from fakes.discord_fixtures import point_discord_at
from fakes.discord_server import BOT_USER, CHANNEL_ID, FakeDiscord

from bot.cli import main

T = TypeVar("T")
QUESTION = "How much does the US demand?"


class RejectingTokenDiscord(FakeDiscord):
    """Discord answering 401 to a bad token, as it does at login."""

    async def _get_me(self, request: web.Request) -> web.Response:
        raise web.HTTPUnauthorized()


class NoMessageContentDiscord(FakeDiscord):
    """Discord closing the gateway with 4014: the Message Content intent is not enabled."""

    async def _on_frame(self, conn: object, frame: dict[str, object]) -> None:
        if frame.get("op") == 2:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")  # type: ignore[attr-defined]
            return
        await super()._on_frame(conn, frame)  # type: ignore[arg-type]


@contextlib.contextmanager
def fake_discord_in_a_thread(
    fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> Iterator[asyncio.AbstractEventLoop]:
    """Run ``fake`` on its own loop (yielded) so that the CLI can run ``asyncio.run`` here."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(5)
    point_discord_at(fake, monkeypatch)
    try:
        yield loop
    finally:
        asyncio.run_coroutine_threadsafe(fake.close(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """``run`` configures logging for a long-running bot; undo that after each test."""
    root = logging.getLogger()
    handlers = {h: list(h.filters) for h in root.handlers}
    levels = {name: logging.getLogger(name).level for name in ("corpusbot", "discord")}
    yield
    for handler, filters in handlers.items():
        handler.filters[:] = filters
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_without_a_token_run_explains_how_to_get_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN is not set" in err
    for step in ("Reset Token", "Message Content Intent", '"bot" and "applications.commands"'):
        assert step in err
    permissions = " ".join(err.split())  # the help text is wrapped
    assert (
        "View Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed "
        "Links, Read Message History, Add Reactions"
    ) in permissions


def test_python_dash_m_bot_is_corpusbot_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["bot"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("bot", run_name="__main__")
    assert exit_info.value.code == 2
    assert "DISCORD_TOKEN is not set" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fake_class", "fix"),
    [
        (RejectingTokenDiscord, "Discord rejected DISCORD_TOKEN. Reset it in the Developer Portal"),
        (NoMessageContentDiscord, "Discord refused the Message Content intent. Enable it"),
    ],
    ids=["bad-token", "no-message-content-intent"],
)
def test_start_up_failures_are_one_line_naming_the_fix(
    fake_class: type[FakeDiscord],
    fix: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    restore_logging: None,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-valid-token")
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
    with fake_discord_in_a_thread(fake_class(), monkeypatch):
        assert main(["run"]) == 1
    [line] = [x for x in capsys.readouterr().err.splitlines() if x.startswith("corpusbot:")]
    assert line.startswith(f"corpusbot: {fix}")
    assert "not-a-valid-token" not in line


def test_start_with_a_token_ingests_then_runs_the_bot_until_interrupted(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    corpus: Path,
    restore_logging: None,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "good-token")
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
    fake = FakeDiscord()
    replies: list[str] = []

    def use_the_bot_then_press_ctrl_c(loop: asyncio.AbstractEventLoop) -> None:
        def run(coro: Coroutine[Any, Any, T]) -> T:
            return asyncio.run_coroutine_threadsafe(coro, loop).result(60)

        try:
            run(fake.wait_until(lambda: fake.connected and fake.commands.get(None), timeout=60))
            question = run(fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {QUESTION}"))
            reply = run(fake.wait_until(lambda: fake.posted.get(CHANNEL_ID), timeout=10))
            replies.append(reply[0]["content"])
            assert reply[0]["message_reference"]["message_id"] == question["id"]
        finally:
            signal.raise_signal(signal.SIGINT)

    with fake_discord_in_a_thread(fake, monkeypatch) as loop:
        driver = threading.Thread(target=use_the_bot_then_press_ctrl_c, args=(loop,))
        driver.start()
        code = main(["start"])
        driver.join(10)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "2 added" in err and "corpusbot: stopped" in err
    assert "[1]" in replies[0] and "000_88f28c69f322998a.txt" in replies[0]
    names = sorted(c["name"] for c in fake.commands[None])
    assert names == ["add", "ask", "discussion", "reindex", "sources", "stats"]
