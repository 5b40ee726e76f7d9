"""``corpusbot ingest [PATH…]``: bring the store in line with the corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bot.cli.common import add_store_option, engine_from
from bot.cli.progress import TerminalProgress


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "ingest",
        help="add, update and remove articles in the store",
        description=(
            "Parse, chunk and embed articles into the store. Only files whose content changed "
            "are re-embedded; files that disappeared from an ingested folder are removed. "
            "An interrupted ingest is repaired by the next one."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="folders or files (default: CORPUS_DIR)"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = engine_from(args)
    summary = engine.ingest(args.paths or None, TerminalProgress())
    if args.json:
        print(json.dumps(summary.__dict__ | {"seconds": round(summary.seconds, 3)}, indent=2))
    else:
        print(summary.line())
        for message in summary.failed:
            print(f"  failed: {message}")
    return 1 if summary.failed else 0
