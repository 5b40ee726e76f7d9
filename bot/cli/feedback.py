"""``corpusbot feedback export [--out FILE]``: 👍 feedback from Discord as eval-set JSONL."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import fail
from bot.cli.run import bot_settings_from
from bot.exts.feedback.store import FeedbackStore, eval_cases


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "feedback",
        help="work with the 👍/👎 feedback given on Discord",
        description="Feedback is kept in DISCORD_FEEDBACK_FILE (default: data/feedback.sqlite3).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write 👍-rated answers as eval-set JSONL",
        description=(
            'One line per 👍-rated answer: {"question", "expected_source", "expected_phrase", '
            '"kind", "author", "vote"}, from the answer\'s first citation (null when the answer '
            "rightly said the archive doesn't cover it). Follow-up questions are left out."
        ),
    )
    export.add_argument("--out", type=Path, metavar="FILE", help="write here (default: stdout)")
    export.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = bot_settings_from(args).feedback_path
    if not path.exists():
        return fail(f"no feedback yet: {path} does not exist (it is written by the Discord bot)")
    store = FeedbackStore(path)
    try:
        cases = eval_cases(store.votes("up"))
    finally:
        store.close()
    lines = "".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases)
    if args.out is None:
        sys.stdout.write(lines)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(lines, encoding="utf-8")
    print(f"exported {len(cases)} case(s) from {path}", file=sys.stderr)
    return 0
