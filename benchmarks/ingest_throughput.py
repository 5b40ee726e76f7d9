"""Ingest throughput vs the embedding model's raw speed, measured in one run.

    uv run python benchmarks/ingest_throughput.py [CORPUS] [--sample N]

Ingests CORPUS (default ../shared/corpora/bbc-news) into a temporary embedded store and prints
chunks/s of the whole pipeline (discover, hash, parse, chunk, embed, write to Chroma, commit)
next to the raw speed of the embedding model on a random sample of the same chunks.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.chunking import chunk_document  # noqa: E402
from retrieval.embedding import load_embedder  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.ingest import discover, file_hash  # noqa: E402
from retrieval.parsing import SkipFile, parse_file  # noqa: E402
from retrieval.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=ROOT.parent / "shared/corpora/bbc-news"
    )
    parser.add_argument("--sample", type=int, default=2000, help="chunks for the raw model run")
    args = parser.parse_args()

    settings = Settings()
    files, _ = discover([args.corpus])
    started = time.perf_counter()
    texts: list[str] = []
    for file in files:
        data = file.path.read_bytes()
        try:
            doc = parse_file(file.path, source=file.source)
        except SkipFile:
            continue
        texts += [c.content for c in chunk_document(doc, file_hash(data, settings.chunk_chars))]
    parse_seconds = time.perf_counter() - started
    print(f"corpus: {len(files)} files, {len(texts)} chunks; parse+chunk {parse_seconds:.1f} s")

    embedder = load_embedder(settings.embedding_model)
    sample = random.Random(0).sample(texts, min(args.sample, len(texts)))
    embedder.embed(sample[:32])  # warm-up

    def raw_speed() -> float:
        started = time.perf_counter()
        embedder.embed(sample)
        return len(sample) / (time.perf_counter() - started)

    before = raw_speed()
    print(f"raw model: {before:.1f} chunks/s ({len(sample)} sampled chunks, one per core)")

    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(Settings(store_path=Path(tmp) / "chroma", data_dir=Path(tmp)))
        summary = engine.ingest([args.corpus])
        pipeline = summary.chunks_written / summary.seconds
        print(summary.line())
        after = raw_speed()  # again, in case the machine's speed drifted during the ingest
        raw = (before + after) / 2
        print(f"raw model after the ingest: {after:.1f} chunks/s; mean {raw:.1f}")
        print(f"pipeline: {pipeline:.1f} chunks/s = {100 * pipeline / raw:.0f} % of the raw model")
        started = time.perf_counter()
        again = engine.ingest([args.corpus])
        print(f"re-ingest, nothing changed: {time.perf_counter() - started:.1f} s ({again.line()})")


if __name__ == "__main__":
    main()
