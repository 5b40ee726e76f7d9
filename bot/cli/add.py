"""``corpusbot add URL…``: download article pages (with their comments) into CORPUS_DIR and
ingest them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.common import add_store_option, engine_from
from bot.cli.progress import TerminalProgress
from retrieval.web.add import add_pages


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "add",
        help="download article pages into CORPUS_DIR and ingest them",
        description=(
            "Download each page (http/https, at most ADD_MAX_BYTES, within ADD_TIMEOUT "
            "seconds), keep its article text and its comment section, save it in CORPUS_DIR "
            "under a name derived from its address (adding it again updates that file) and "
            "ingest. A page that cannot be added is reported and changes nothing."
        ),
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="address of an article page")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = engine_from(args)
    report = add_pages(
        args.urls, engine.settings, lambda: engine.ingest(progress=TerminalProgress())
    )
    if args.json:
        added = [
            {"url": p.url, "file": p.file_name, "title": p.title, "comments": p.comments}
            for p in report.added
        ]
        summary = report.summary.line() if report.summary else None
        outcome = {"added": added, "failed": report.failed, "ingest": summary}
        print(json.dumps(outcome, ensure_ascii=False, indent=2))
    else:
        for page in report.added:
            print(f"saved {page.line()}")
        if report.summary is not None:
            print(report.summary.line())
    for message in report.failed:
        print(f"corpusbot: not added: {message}", file=sys.stderr)
    return 1 if report.failed else 0
