"""``corpusbot search "QUESTION"``: the top passages, without composing an answer."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_store_option, engine_from, fail
from retrieval.search import Hit


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "search",
        help="show the passages that best match a question",
        description="Hybrid (dense + BM25) search over the ingested passages.",
    )
    parser.add_argument("question", nargs="?", help="the question (or use --batch)")
    parser.add_argument("--k", type=int, default=5, help="how many passages (default 5)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of hits")
    parser.add_argument(
        "--batch",
        type=Path,
        metavar="FILE",
        help="read one question per line ('-' for stdin); print one JSON list per line",
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def format_hit(n: int, hit: Hit) -> str:
    return f"[{n}] {hit.source} — {hit.location}  (score {hit.score:.4f})\n    {hit.text}"


def run(args: argparse.Namespace) -> int:
    if args.k < 1:
        return fail("--k must be at least 1")
    if bool(args.question) == bool(args.batch):
        return fail('give a question, or --batch FILE, e.g. corpusbot search "Who said what?"')
    engine = engine_from(args)
    if args.batch:
        lines = sys.stdin if str(args.batch) == "-" else args.batch.open(encoding="utf-8")
        for line in lines:
            hits = engine.search(line.strip(), args.k)
            print(json.dumps([h.public() for h in hits], ensure_ascii=False), flush=True)
        return 0
    hits = engine.search(args.question, args.k)
    if args.json:
        print(json.dumps([h.public() for h in hits], ensure_ascii=False, indent=2))
    elif not hits:
        print("No passages found. Is the store empty? Run `corpusbot ingest`.")
    else:
        print("\n\n".join(format_hit(n, h) for n, h in enumerate(hits, start=1)))
    return 0
