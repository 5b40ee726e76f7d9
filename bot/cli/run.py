"""``corpusbot run`` (and ``python -m bot``): start the Discord bot."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import add_store_option, say
from bot.settings import BotSettings, load_bot_settings
from retrieval.engine import Engine
from retrieval.store_wait import wait_for_store

TOKEN_HELP = """\
corpusbot: DISCORD_TOKEN is not set, so the Discord bot cannot start.

To get a token:
  1. https://discord.com/developers/applications → New Application (or pick yours).
  2. Bot tab → Reset Token → copy it, and put DISCORD_TOKEN=<token> in .env (or the environment).
  3. Bot tab → Privileged Gateway Intents → enable "Message Content Intent".
  4. OAuth2 → URL Generator: scopes "bot" and "applications.commands"; bot permissions View
     Channels, Send Messages, Send Messages in Threads, Create Public Threads, Embed Links,
     Read Message History, Add Reactions. Open the generated URL to invite the bot.
Then run `corpusbot run` again. See the Discord section of README.md for the details.
"""


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "run",
        help="start the Discord bot (needs DISCORD_TOKEN)",
        description=(
            "Start the Discord bot: @mentions and /ask get cited answers, /sources shows "
            "passages, /reindex re-ingests CORPUS_DIR, /stats describes the archive. It does not "
            "ingest first (`corpusbot start` does). Settings: DISCORD_* in .env.example."
        ),
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def bot_settings_from(args: argparse.Namespace) -> BotSettings:
    return load_bot_settings(args.env_file, getattr(args, "store", None))


def start_discord_bot(
    settings: BotSettings, engine: Engine | None = None, verbose: bool = False
) -> int:
    if not settings.token:
        print(TOKEN_HELP, file=sys.stderr, end="")
        return 2
    from bot.app import run_bot  # discord.py is imported only when the bot runs

    return run_bot(settings, engine, verbose=verbose)


def run(args: argparse.Namespace) -> int:
    settings = bot_settings_from(args)
    if settings.token:
        wait_for_store(settings.engine, say)  # e.g. compose starting the server alongside
    return start_discord_bot(settings, verbose=args.verbose)
