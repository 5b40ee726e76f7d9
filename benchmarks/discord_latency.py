"""Mention → reply latency of the real Discord bot under 50 simultaneous questions.

    uv run python benchmarks/discord_latency.py [--users 50] [--store PATH]

Starts the fake Discord from tests/fakes on 127.0.0.1 (nothing else is contacted), the real
CorpusBot (real discord.py client, real engine over the sample corpus in a temporary store,
default cooldown), sends one warm-up question, then 50 mentions at once from 50 different users
and prints the latency from each mention to its reply (p50/p95/max) and the total wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import discord.gateway  # noqa: E402
import discord.http  # noqa: E402
import yarl  # noqa: E402
from fakes.discord_server import BOT_USER, CHANNEL_ID, GUILD_ID, FakeDiscord, FakeUser  # noqa: E402

from bot.app import CorpusBot  # noqa: E402
from bot.settings import BotSettings  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.settings import Settings  # noqa: E402

QUESTIONS = (
    "How much does the US demand?",
    "What did CHUCKMAN say about Putin?",
    "How many American troops are in South Korea?",
    "Why does South Korea refuse to pay more?",
    "What is the capital of Australia?",
)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def reply_time(fake: FakeDiscord, question_id: str) -> float | None:
    """When the fake finished handling the bot's reply to ``question_id`` (monotonic)."""
    for request in fake.requests:
        if request.method != "POST" or not isinstance(request.json, dict):
            continue
        reference = request.json.get("message_reference")
        if reference and str(reference["message_id"]) == question_id:
            return request.time
    return None


async def ask_all(fake: FakeDiscord, users: list[FakeUser]) -> tuple[list[float], float]:
    sent: dict[str, float] = {}

    async def mention(i: int, user: FakeUser) -> None:
        started = time.monotonic()
        text = f"{BOT_USER.mention} {QUESTIONS[i % len(QUESTIONS)]}"
        message = await fake.send_message(CHANNEL_ID, text, author=user)
        sent[message["id"]] = started

    def all_replied() -> dict[str, float] | None:
        times = {q: reply_time(fake, q) for q in sent}
        answered = {q: t for q, t in times.items() if t is not None}
        return answered if len(answered) == len(users) else None

    began = time.monotonic()
    await asyncio.gather(*(mention(i, u) for i, u in enumerate(users)))
    done = await fake.wait_until(all_replied, timeout=120, what="every reply")
    latencies = [(t - sent[q]) * 1000 for q, t in done.items()]
    return latencies, (max(done.values()) - began) * 1000


async def run(users: int, store: Path | None) -> None:
    with tempfile.TemporaryDirectory(
        prefix="corpusbot-discord-bench-", ignore_cleanup_errors=True
    ) as tmp:
        base = Path(tmp)
        engine = Engine(
            Settings(
                data_dir=base / "data",
                corpus_dir=ROOT / "corpus",
                store_path=store or base / "data" / "chroma",
            )
        )
        summary = engine.ingest()
        print(summary.line())
        settings = BotSettings(
            engine=engine.settings,
            token="benchmark-token",
            feedback_path=base / "data" / "feedback.sqlite3",
            guild_id=GUILD_ID,
        )
        async with FakeDiscord() as fake:
            discord.http.Route.BASE = fake.api_base  # 127.0.0.1 only
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
            bot = CorpusBot(settings, engine, guild_ready_timeout=0.05)
            task = asyncio.create_task(bot.start(settings.token))
            await fake.wait_until(bot.is_ready, timeout=30, what="the bot to be ready")
            fake.watch(task)

            warm, _ = await ask_all(fake, [FakeUser(1_300_000_000_000_000_000, "warmup")])
            print(f"warm-up question: {warm[0]:.1f} ms (first answer: models and indexes opened)")
            readers = [FakeUser(1_300_000_000_000_000_001 + i, f"r{i}") for i in range(users)]
            latencies, total = await ask_all(fake, readers)
            await bot.close()
            await task
        print(
            f"{users} simultaneous mentions from {users} users: "
            f"p50 {statistics.median(latencies):.1f} ms  p95 {percentile(latencies, 95):.1f} ms  "
            f"max {max(latencies):.1f} ms  total {total:.1f} ms  "
            f"({len(latencies)}/{users} answered)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="simultaneous users (default 50)")
    parser.add_argument("--store", type=Path, help="use (or build) the store here")
    args = parser.parse_args()
    asyncio.run(run(args.users, args.store))


if __name__ == "__main__":
    main()
