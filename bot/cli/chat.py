"""``corpusbot chat``: an interactive session; follow-ups use the previous turn."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from bot.cli.common import add_store_option, empty_archive_hint, engine_from
from retrieval.answer.types import Answer
from retrieval.engine import Engine
from retrieval.store import StoreUnavailable

MAX_QUESTION_CHARS = 2000
PROMPT = "question> "


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "chat",
        help="ask questions in the terminal (follow-ups understood)",
        description=(
            "Ask questions one after another; 'what did he say next?' refers to the previous "
            "answer. Reads one question per line from stdin when stdin is not a terminal. "
            "Type 'quit' or press Ctrl-D to leave."
        ),
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = engine_from(args)
    if hint := empty_archive_hint(engine):
        print(hint, file=sys.stderr)
    return chat_session(engine, sys.stdin, sys.stdout)


def chat_session(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    interactive = stdin.isatty()
    if interactive:
        print("Ask about the archive. 'quit' or Ctrl-D leaves.", file=stdout)
    previous: Answer | None = None
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        question = line.strip()
        if question.lower().lstrip("/") in {"quit", "exit", ":q"}:  # "/quit" too
            break
        if not question:
            if interactive:
                print("Type a question, e.g. How much does the US demand?", file=stdout)
            continue
        if len(question) > MAX_QUESTION_CHARS:
            print(
                f"That question is too long ({len(question)} characters; the limit is "
                f"{MAX_QUESTION_CHARS}). Ask something shorter.",
                file=stdout,
            )
            continue
        if not interactive:
            print(f"Q: {question}", file=stdout)
        try:
            answer = engine.ask(question, previous)
        except StoreUnavailable as exc:  # e.g. the Chroma server restarts: ask again later
            print(f"The archive is unavailable right now: {exc}\n", file=stdout, flush=True)
            continue
        print(answer.render_text() + "\n", file=stdout, flush=True)
        previous = answer if answer.found else previous
    return 0
