"""The ``corpusbot`` command: one sub-command per module in this package."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from bot.cli import add, ask, chat, discussion, eval, feedback, health, ingest, run, search, start
from bot.cli.common import run_command

COMMANDS = (start, run, ingest, add, search, ask, chat, discussion, eval, feedback, health)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpusbot",
        description=(
            "Answer questions about a corpus of news articles and their reader comments, "
            "citing the passages used. Settings come from the environment and .env "
            "(see .env.example)."
        ),
    )
    parser.add_argument("--env-file", help="read settings from this file instead of .env")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    handler: Callable[[argparse.Namespace], int] = args.handler
    return run_command(handler, args)
