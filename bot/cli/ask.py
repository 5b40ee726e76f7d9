"""``corpusbot ask "QUESTION"``: one cited answer."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.common import add_store_option, empty_archive_hint, engine_from, fail


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "ask",
        help="answer a question with attributed, cited passages",
        description=(
            "Answer from the archive: who said what (the article, its editor, or a named "
            "commenter), with [n] citations. Says so when the archive does not cover it."
        ),
    )
    parser.add_argument("question", help="the question")
    parser.add_argument(
        "--json", action="store_true", help='print {"answer", "found", "citations"} as JSON'
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    question = args.question.strip()
    if not question:
        return fail('the question is empty: corpusbot ask "How much does the US demand?"')
    engine = engine_from(args)
    answer = engine.ask(question)
    if args.json:
        print(json.dumps(answer.public(), ensure_ascii=False, indent=2))
    else:
        print(answer.render_text())
    if not answer.found and (hint := empty_archive_hint(engine)):
        print(hint, file=sys.stderr)
    return 0
