"""/reindex: admins only, in the background, with progress and a summary; one at a time."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from bot_harness import BotStarter, ephemeral_reply, reply_to
from fakes.discord_server import (
    ADMIN,
    APPLICATION_ID,
    BOT_USER,
    CHANNEL_ID,
    FLAG_EPHEMERAL,
    USER,
    FakeDiscord,
    FakeUser,
)

from bot.exts.admin.progress import ThreadSafeProgress
from retrieval.engine import Engine
from retrieval.ingest import IngestProgress, IngestSummary
from retrieval.settings import Settings

HELPERS_ROLE_ID = 1_100_000_000_000_000_030
HELPER = FakeUser(1_100_000_000_000_000_204, "helper", "Helper", roles=(HELPERS_ROLE_ID,))


class GatedProgress:
    """Holds the ingest after it has counted the files until the test releases it."""

    def __init__(self, inner: IngestProgress, engine: GatedEngine) -> None:
        self.inner = inner
        self.engine = engine

    def start(self, total_files: int) -> None:
        self.inner.start(total_files)
        self.engine.started.set()
        assert self.engine.release.wait(10), "the test never released the ingest"

    def advance(self, source: str, passages: int = 0) -> None:
        self.inner.advance(source, passages)

    def note(self, message: str) -> None:
        self.inner.note(message)

    def finish(self) -> None:
        self.inner.finish()


class GatedEngine(Engine):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.started = threading.Event()
        self.release = threading.Event()

    def ingest(
        self, paths: Sequence[Path] | None = None, progress: IngestProgress | None = None
    ) -> IngestSummary:
        return super().ingest(paths, GatedProgress(progress or ThreadSafeProgress(), self))


def add_helpers_role(fake: FakeDiscord) -> None:
    fake.roles[HELPERS_ROLE_ID] = {**fake.roles[fake.guild_id], "id": str(HELPERS_ROLE_ID)}
    fake.roles[HELPERS_ROLE_ID].update(name="Helpers", position=1, permissions="0")
    fake.members[HELPER.id] = HELPER


async def test_reindex_is_refused_to_members_without_manage_server(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(admin_role="Helpers")
    interaction = await fake.send_interaction("reindex", user=USER)
    callback = await fake.wait_for_callback(interaction)
    assert callback["type"] == 4 and callback["data"]["flags"] == FLAG_EPHEMERAL
    assert ephemeral_reply(fake, interaction)["content"] == (
        "Only members with Manage Server or the Helpers role can run /reindex."
    )
    assert fake.posted.get(CHANNEL_ID, []) == []


async def test_reindex_runs_in_the_background_reports_progress_and_the_summary(
    fake: FakeDiscord, start_corpus_bot: BotStarter, settings: Settings
) -> None:
    add_helpers_role(fake)
    engine = GatedEngine(settings)
    bot = await start_corpus_bot(engine=engine, admin_role="helpers")
    cog = bot.get_cog("Reindex")
    assert cog is not None
    cog.progress_edit_seconds = 0.05  # type: ignore[attr-defined]

    run = await fake.send_interaction("reindex", user=HELPER)  # allowed by the role
    callback = await fake.wait_for_callback(run)
    assert callback["type"] == 4 and not callback["data"].get("flags")
    assert callback["data"]["content"].startswith("Re-indexing `")
    await fake.wait_until(engine.started.is_set, what="the ingest to start")

    # the progress message is edited while the ingest runs
    edit_path = f"/webhooks/{APPLICATION_ID}/{run.token}/messages/@original"
    progress = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and r.path == edit_path and "0/2 files" in r.json["content"]
    )
    assert progress.status == 200

    # a second /reindex is refused politely, privately
    second = await fake.send_interaction("reindex", user=ADMIN)
    await fake.wait_for_callback(second)
    refusal = ephemeral_reply(fake, second)
    assert refusal["flags"] == FLAG_EPHEMERAL
    assert "still running" in refusal["content"] and "Helper" in refusal["content"]

    # questions are answered meanwhile
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} What does the US want?")
    await fake.wait_until(lambda: reply_to(fake, question), what="an answer during the ingest")
    assert not engine.release.is_set()

    engine.release.set()
    assert run.original_message_id is not None

    def summary() -> str | None:
        content = str(fake.messages[run.original_message_id]["content"])
        return content if content.startswith("Re-index done.") else None

    text = await fake.wait_until(summary, timeout=60, what="the reindex summary")
    assert "Ingest finished in" in text and "2 added" in text and "0 failed" in text

    after = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} How much does the US demand?")
    answer = await fake.wait_until(lambda: reply_to(fake, after), what="an answer after it")
    assert "[1]" in answer["content"]
