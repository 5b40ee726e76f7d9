"""``corpusbot start``: the main job. With DISCORD_TOKEN the bot; without, ingest the corpus
and chat in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.chat import chat_session
from bot.cli.common import add_store_option, engine_from, settings_from
from bot.cli.progress import TerminalProgress
from retrieval.settings import env_str


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "start",
        help="run the Discord bot if DISCORD_TOKEN is set, else ingest and chat here",
        description=(
            "With DISCORD_TOKEN set, start the Discord bot (like `corpusbot run`). Without it, "
            "ingest CORPUS_DIR (only what changed) and answer questions in the terminal, "
            "reading them from stdin when it is not a terminal."
        ),
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings_from(args)  # loads .env so DISCORD_TOKEN can come from it
    if env_str("DISCORD_TOKEN"):
        from bot.cli.common import fail

        return fail("the Discord bot is not part of this version yet; unset DISCORD_TOKEN")
    engine = engine_from(args)
    summary = engine.ingest(progress=TerminalProgress())
    print(summary.line(), file=sys.stderr)
    return chat_session(engine, sys.stdin, sys.stdout)
