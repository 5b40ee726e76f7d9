"""What every sub-command shares: settings, the engine, and turning errors into messages."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from retrieval.embedding.minilm import ModelNotAvailable
from retrieval.engine import Engine
from retrieval.ingest import IngestError
from retrieval.settings import Settings, SettingsError, load_settings
from retrieval.store import StoreModelMismatch, StoreUnavailable
from retrieval.web.add import CorpusNotWritable

EXPECTED_ERRORS = (
    SettingsError,
    StoreUnavailable,
    StoreModelMismatch,
    ModelNotAvailable,
    IngestError,  # and IngestLocked
    CorpusNotWritable,
)

log = logging.getLogger("corpusbot")


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="use the embedded Chroma store in PATH instead of the configured one",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.env_file)
    return settings.with_store(getattr(args, "store", None))


def engine_from(args: argparse.Namespace) -> Engine:
    return Engine(settings_from(args))


def empty_archive_hint(engine: Engine) -> str | None:
    """What to do when nothing has been ingested yet (``None`` once something has)."""
    if engine.view.lexical.passage_count():
        return None
    return (
        "corpusbot: the archive is empty: run `corpusbot ingest` first "
        f"(it reads {engine.settings.corpus_dir})."
    )


def say(message: str) -> None:
    """A progress line on stderr (stdout stays for answers and JSON)."""
    print(f"corpusbot: {message}", file=sys.stderr, flush=True)


def fail(message: str) -> int:
    print(f"corpusbot: {message}", file=sys.stderr)
    return 2


def run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except EXPECTED_ERRORS as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
