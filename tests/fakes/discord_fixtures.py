"""Pytest glue for :class:`~.discord_server.FakeDiscord`.

Use the fixtures ``fake_discord`` and ``discord_bot_runner`` by registering this module as a
plugin in the root ``conftest.py`` (``pytest_plugins = ["tests.fakes.discord_fixtures"]``; import
the fake from ``tests.fakes.discord_server`` too, so that there is one copy of the module), or,
without a conftest, wrap the context manager in a local fixture::

    @pytest.fixture
    async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
        async with running_fake_discord(monkeypatch) as fake:
            yield fake

    async def test_x(fake: FakeDiscord) -> None:
        bot = make_bot()
        async with running_bot(bot, fake):
            await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} hi")
            replies = await fake.wait_for_messages(CHANNEL_ID, 1)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import discord.gateway
import discord.http
import pytest
import yarl

from .discord_server import FakeDiscord

log = logging.getLogger(__name__)


def point_discord_at(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make discord.py's REST and gateway URLs (process-wide class attributes) use ``fake``."""
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
    )


@contextlib.asynccontextmanager
async def running_fake_discord(
    monkeypatch: pytest.MonkeyPatch,
    *,
    interaction_deadline: float | None = 3.0,
    echo_bot_messages: bool = True,
) -> AsyncIterator[FakeDiscord]:
    """Start a :class:`FakeDiscord` and point discord.py at it; close it on exit.

    Exiting raises if the fake hit a bug of its own (``fake.server_errors``)."""
    fake = FakeDiscord(
        interaction_deadline=interaction_deadline, echo_bot_messages=echo_bot_messages
    )
    await fake.start()
    try:
        point_discord_at(fake, monkeypatch)
        yield fake
    finally:
        await fake.close()
    if fake.server_errors:
        raise AssertionError(f"the fake Discord itself failed: {fake.server_errors!r}")


async def start_bot(
    bot: discord.Client, fake: FakeDiscord, *, token: str = "dummy-token", timeout: float = 5.0
) -> asyncio.Task[None]:
    """Run ``bot.start(token)`` in a task and return it once ``bot.is_ready()``.

    Fails at once with the task's exception if it dies first. The task is also handed to
    ``fake.watch`` so that later ``fake.wait_*`` calls fail fast if the bot crashes."""
    task: asyncio.Task[None] = asyncio.create_task(bot.start(token), name="fake-discord-bot")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not bot.is_ready():
        if task.done():
            exc = None if task.cancelled() else task.exception()
            raise RuntimeError(f"bot.start() ended before the bot was ready: {exc!r}") from exc
        if loop.time() > deadline:
            await stop_bot(bot, task)
            raise TimeoutError(f"bot not ready after {timeout}s; gateway: {fake.gateway_frames}")
        await asyncio.sleep(0.005)
    fake.watch(task)
    return task


async def stop_bot(bot: discord.Client, task: asyncio.Task[None], timeout: float = 5.0) -> None:
    """Close the bot and wait for its start task (its errors are logged, not raised)."""
    with contextlib.suppress(Exception):
        await bot.close()
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout)
    except TimeoutError:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
    except asyncio.CancelledError:
        if not task.cancelled():
            raise
    except Exception:
        log.exception("bot task failed")


@contextlib.asynccontextmanager
async def running_bot(
    bot: discord.Client, fake: FakeDiscord, *, token: str = "dummy-token", timeout: float = 5.0
) -> AsyncIterator[asyncio.Task[None]]:
    """``start_bot`` on enter, ``stop_bot`` on exit."""
    task = await start_bot(bot, fake, token=token, timeout=timeout)
    try:
        yield task
    finally:
        await stop_bot(bot, task)


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A started :class:`FakeDiscord` with discord.py pointed at it."""
    async with running_fake_discord(monkeypatch) as fake:
        yield fake


BotStarter = Callable[[discord.Client], Awaitable[asyncio.Task[None]]]


@pytest.fixture
async def discord_bot_runner(fake_discord: FakeDiscord) -> AsyncIterator[BotStarter]:
    """``task = await discord_bot_runner(bot)``: start a bot against ``fake_discord``.

    Every bot started this way is closed before the fake server stops."""
    started: list[tuple[discord.Client, asyncio.Task[None]]] = []

    async def run(bot: discord.Client) -> asyncio.Task[None]:
        task = await start_bot(bot, fake_discord)
        started.append((bot, task))
        return task

    yield run
    for bot, task in reversed(started):
        await stop_bot(bot, task)
