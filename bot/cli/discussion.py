"""``corpusbot discussion [ARTICLE]``: what the readers say under one article."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.cli.common import add_store_option, engine_from
from retrieval.discussion import NoDiscussion


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "discussion",
        help="overview of one article's reader comments: threads, commenters, positions",
        description=(
            "The reader discussion under one article: how many comments and commenters, the "
            "most active threads, the positions taken (with attributed, cited quotes) and the "
            "exchanges in which replies push back. Without ARTICLE, the article with the most "
            "comments; with a name that matches none, the articles that have comments."
        ),
    )
    parser.add_argument(
        "article", nargs="*", help="its file name, or words of its title (e.g. Press TV)"
    )
    parser.add_argument(
        "--json", action="store_true", help='print {"answer", "found", "citations"} as JSON'
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    article = " ".join(args.article).strip() or None
    try:
        answer = engine_from(args).answerer.discussions.overview(article)
    except NoDiscussion as exc:
        print(exc)
        return 1
    if args.json:
        print(json.dumps(answer.public(), ensure_ascii=False, indent=2))
    else:
        print(answer.render_text())
    return 0
