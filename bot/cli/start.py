"""``corpusbot start``: the main job. Ingest the corpus, then run the Discord bot with
DISCORD_TOKEN, or chat in the terminal without it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.chat import chat_session
from bot.cli.common import add_store_option, engine_from, say, settings_from
from bot.cli.progress import TerminalProgress
from bot.cli.run import bot_settings_from, start_discord_bot
from retrieval.ingest_lock import IngestLocked
from retrieval.settings import env_str
from retrieval.store_wait import wait_for_store


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "start",
        help="ingest, then run the Discord bot if DISCORD_TOKEN is set, else chat here",
        description=(
            "Wait for the Chroma server (CHROMA_HOST, up to CHROMA_WAIT seconds), ingest "
            "CORPUS_DIR (only what changed), then with DISCORD_TOKEN set start the "
            "Discord bot (like `corpusbot run`); without it answer questions in the terminal, "
            "reading them from stdin when it is not a terminal."
        ),
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings_from(args)  # loads .env so DISCORD_TOKEN can come from it
    bot_settings = bot_settings_from(args) if env_str("DISCORD_TOKEN") else None
    engine = engine_from(args)
    wait_for_store(engine.settings, say)  # a Chroma server started with the bot may be slower
    try:
        summary = engine.ingest(progress=TerminalProgress())
        print(summary.line(), file=sys.stderr)
    except IngestLocked as exc:  # the other ingest brings the store up to date
        say(f"{exc} Starting without ingesting.")
    if bot_settings is not None:
        return start_discord_bot(bot_settings, engine, verbose=args.verbose)
    return chat_session(engine, sys.stdin, sys.stdout)
