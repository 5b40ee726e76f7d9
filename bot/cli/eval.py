"""``corpusbot eval FILE.jsonl``: run a golden set and print the figures."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bot.cli.common import add_store_option, engine_from, fail
from retrieval.evaluation import EvalFileError, evaluate, load_cases


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "eval",
        help="measure retrieval and answers on a golden set",
        description=(
            "Each line of FILE is a JSON object: question, expected_source, expected_phrase, "
            "kind, author (and answerable: false for questions the archive must refuse). "
            "Prints recall@1/@5, citation correctness, off-topic refusals and latency."
        ),
    )
    parser.add_argument("file", type=Path, help="golden set (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the questions that missed")
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        return fail(f"{args.file} not found (try eval/golden.jsonl)")
    try:
        cases = load_cases(args.file)
    except EvalFileError as exc:
        return fail(str(exc))
    report = evaluate(engine_from(args), cases)
    figures = report.figures()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
    if args.misses:
        for line in report.misses():
            print(f"  miss: {line}")
    return 0
