"""``corpusbot health``: one line saying whether this process could answer questions.

Exit status 0 with ``ok: …`` or 1 with ``unhealthy: …`` (Docker's HEALTHCHECK reads exactly
these; it reserves 2, so every failure here is 1). The check opens the configured store without
creating anything in it, counts what is ingested, loads the embedding model and embeds one word.
An empty store is healthy (the line says to ingest): restarting the container would not fill it.
"""

from __future__ import annotations

import argparse
import math
import threading
from typing import Any

from bot.cli.common import EXPECTED_ERRORS, add_store_option, settings_from
from retrieval.embedding import LangChainEmbeddings, load_embedder
from retrieval.settings import Settings, SettingsError
from retrieval.store import ChunkStore, open_client

HEALTHY, UNHEALTHY = 0, 1
DEFAULT_TIMEOUT = 8.0  # under the Dockerfile's HEALTHCHECK --timeout=10s
NOT_INGESTED = "nothing ingested yet (run `corpusbot ingest`)"


class Unhealthy(RuntimeError):
    """Something works but not as it must; the message says what."""


def add_parser(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "health",
        help="check the store and the embedding model (exit 0 healthy, 1 not)",
        description=(
            "Print one line: 'ok: …' with the store, its document and chunk counts and the "
            "embedding model, or 'unhealthy: …' naming the problem. Exits 0 or 1, for Docker's "
            "HEALTHCHECK. Never creates a store."
        ),
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up after this long (default {DEFAULT_TIMEOUT:g})",
    )
    add_store_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
    except SettingsError as exc:
        return report(False, str(exc))
    outcome: list[str] = []
    failure: list[Exception] = []

    def probe_into_lists() -> None:
        try:
            outcome.append(probe(settings))
        except Exception as exc:  # a health check reports every failure, it never raises
            failure.append(exc)

    # A server that accepts connections but never answers would block the client forever.
    worker = threading.Thread(target=probe_into_lists, name="health-probe", daemon=True)
    worker.start()
    worker.join(args.timeout)
    if outcome:
        return report(True, outcome[0])
    if failure:
        return report(False, describe(failure[0]))
    return report(False, f"no answer from the {settings.store_label} within {args.timeout:g} s")


def report(healthy: bool, message: str) -> int:
    print(f"{'ok' if healthy else 'unhealthy'}: {message}", flush=True)
    return HEALTHY if healthy else UNHEALTHY


def describe(exc: Exception) -> str:
    if isinstance(exc, (*EXPECTED_ERRORS, Unhealthy)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def probe(settings: Settings) -> str:
    """The ok line, or an exception naming the problem."""
    store = open_existing_store(settings)
    if store is None:
        if settings.chroma_server is None:
            facts = f"{settings.store_label} not created, {NOT_INGESTED}"
        else:
            facts = f"{settings.store_label} reachable, {NOT_INGESTED}"
        embeddings = LangChainEmbeddings(load_embedder(settings.embedding_model))
    else:
        documents = len(store.manifest())
        facts = f"{settings.store_label} reachable, {documents} documents, "
        facts += f"{store.count_chunks()} chunks"
        if not documents:
            facts += f", {NOT_INGESTED}"
        embeddings = store.embeddings
    check_vector(settings.embedding_model, embeddings.embed_query("health"))
    return f"{facts}, model {settings.embedding_model} loaded"


def open_existing_store(settings: Settings) -> ChunkStore | None:
    """The configured store, or None when nothing was ever ingested into it (nothing created).

    Raises ``StoreUnavailable`` when it cannot be reached or opened and ``StoreModelMismatch``
    when it was built with another embedding model.
    """
    if settings.chroma_server is None and not (settings.store_path / "chroma.sqlite3").is_file():
        return None  # opening it would create it
    client = open_client(settings)
    names = {collection.name for collection in client.list_collections()}
    if not {settings.collection, f"{settings.collection}_files"} <= names:
        return None  # ChunkStore would create the collections
    return ChunkStore(settings, client)


def check_vector(model: str, vector: list[float]) -> None:
    norm = math.sqrt(sum(x * x for x in vector))
    if not vector or not math.isfinite(norm) or abs(norm - 1.0) > 1e-3:
        raise Unhealthy(f"the embedding model {model} returned an unusable vector")
