"""How the engine scales: stores of 10k, 100k and 1M passages on one machine.

    uv run python benchmarks/scale.py [--sizes 10000,100000,1000000] [--server]

The passages are the real sample + BBC passages (taken from the answer-quality benchmark's
store, built first if missing), replicated under new file names and ids with slightly
perturbed vectors (Gaussian noise of 0.01 per dimension, then re-normalised), written through
the store's own API (``retrieval.ingest.write_versions``: Chroma, the manifest and the lexical
index), so no embedding is needed. For each size it prints: build time, size on disk, the
cold start of a reading process (process start to first answer), its RSS after 200 questions
(and how much of it is anonymous memory rather than mapped file pages),
search p50/p95 (without the cross-encoder) and ask p50/p95 (as configured), the first answer
after a one-file ingest in that running process, and the first answer of a second process
sharing the store. With ``--server`` the readers use a Chroma server (`chroma run` on
127.0.0.1) serving the same folder. The ingest speed of new files is compared with the
embedding model's raw speed on the same texts, in the same run, for 200 and for 1,000 new files.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_quality import BBC, DEFAULT_STORE, build  # noqa: E402
from retrieval.chunking import Chunk  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.evaluation import load_folder  # noqa: E402
from retrieval.evaluation.report import percentile  # noqa: E402
from retrieval.ingest import write_versions  # noqa: E402
from retrieval.settings import ChromaServer, Settings  # noqa: E402
from retrieval.store import ChunkStore, FileRecord, StoredChunk  # noqa: E402

SCALE_ROOT = ROOT / "data" / "bench" / "scale"
BATCH = 4000  # passages per write
NOISE = 0.01


def settings_for(store: Path, server: ChromaServer | None = None) -> Settings:
    return Settings(
        data_dir=store.parent,
        corpus_dir=store.parent / "corpus",
        store_path=store,
        chroma_server=server,
    )


# -- building ---------------------------------------------------------------------------------
def base_passages(source: Path) -> list[tuple[FileRecord, list[StoredChunk], np.ndarray]]:
    """The real passages, grouped by file, with their vectors."""
    if not source.exists():
        build(source)
    store = ChunkStore(settings_for(source))
    manifest = store.manifest()
    chunks, vectors = store.visible_chunks_with_vectors(manifest)
    by_file: dict[str, list[int]] = {}
    for i, chunk in enumerate(chunks):
        by_file.setdefault(str(chunk.metadata["source"]), []).append(i)
    return [
        (manifest[s], [chunks[i] for i in rows], vectors[rows])
        for s, rows in sorted(by_file.items())
    ]


def _replica(
    n: int, record: FileRecord, chunks: list[StoredChunk], rng: np.random.Generator
) -> tuple[FileRecord, list[Chunk]]:
    source = f"replica{n:04d}/{record.source}"
    file_hash = hashlib.sha256(f"{n}|{record.file_hash}".encode()).hexdigest()
    copies = []
    for c in chunks:
        header, _, body = c.content.partition("\n")
        meta = {**c.metadata, "source": source, "file_hash": file_hash}
        chunk_id = hashlib.sha256(f"{n}|{c.id}".encode()).hexdigest()[:32]
        copies.append(Chunk(chunk_id, header, body, meta))
    new = FileRecord(source, file_hash, record.title, len(copies), "scale", time.time())
    return new, copies


def build_store(store: Path, size: int, base: list[Any]) -> float | None:
    """Fill ``store`` up to ``size`` passages (None: already there)."""
    engine = Engine(settings_for(store))
    have = sum(r.chunks for r in engine.store.manifest().values())
    if have >= size:
        return None
    started = time.perf_counter()
    rng = np.random.default_rng(size)
    total, n = have, have // sum(len(c) for _, c, _ in base) + 1
    with engine.view.lexical.writer() as lexical:
        versions: list[tuple[FileRecord, list[Chunk], str]] = []
        rows: list[np.ndarray] = []
        while total < size:
            for record, chunks, vectors in base:
                if total >= size:
                    break
                new, copies = _replica(n, record, chunks, rng)
                noisy = vectors + rng.normal(0, NOISE, vectors.shape).astype(np.float32)
                rows.append(noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
                versions.append((new, copies, ""))
                total += len(copies)
                if sum(len(c) for _, c, _ in versions) >= BATCH:
                    write_versions(engine.store, lexical, versions, np.vstack(rows))
                    versions, rows = [], []
                    print(
                        f"    {total:,} passages ({time.perf_counter() - started:.0f} s)",
                        flush=True,
                    )
            n += 1
        if versions:
            write_versions(engine.store, lexical, versions, np.vstack(rows))
    return time.perf_counter() - started


def disk_size(store: Path) -> int:
    folders = [store, store.parent / f"{store.name}.lexical"]
    return sum(f.stat().st_size for d in folders if d.exists() for f in d.rglob("*") if f.is_file())


# -- reading processes ------------------------------------------------------------------------
READER = r"""
import json, sys, time, resource
started = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from retrieval.engine import Engine
from retrieval.settings import Settings, ChromaServer
cfg = json.loads(sys.argv[3])
server = ChromaServer(**cfg["server"]) if cfg["server"] else None
store = Path(cfg["store"])
engine = Engine(Settings(data_dir=store.parent, corpus_dir=store.parent / "corpus",
                         store_path=store, chroma_server=server))
def rss():
    fields = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
    return tuple(int(fields[k].split()[0]) * 1024 for k in ("VmRSS", "VmHWM", "RssAnon"))
def say(**data):
    print(json.dumps(data), flush=True)
first = engine.ask(cfg["questions"][0])
say(event="ready", cold_start=time.time() - started, found=first.found)
for line in sys.stdin:
    cmd = json.loads(line)
    if cmd["do"] == "questions":
        search, ask = [], []
        for q in cfg["questions"]:
            t = time.perf_counter(); engine.searcher.search(q, 5, use_reranker=False)
            search.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter(); engine.ask(q); ask.append((time.perf_counter() - t) * 1000)
        now, peak, anon = rss()
        say(event="questions", search=search, ask=ask, rss=now, peak=peak, anon=anon)
    elif cmd["do"] == "ingest":
        t = time.perf_counter(); summary = engine.ingest([Path(p) for p in cmd["paths"]])
        ingest_s = time.perf_counter() - t
        t = time.perf_counter(); answer = engine.ask(cmd["question"])
        say(event="ingested", ingest=ingest_s, answer=time.perf_counter() - t,
            found=answer.found, cited=[c.hit.source for c in answer.citations],
            chunks=summary.chunks_written)
    elif cmd["do"] == "ask":
        t = time.perf_counter(); answer = engine.ask(cmd["question"])
        say(event="asked", answer=time.perf_counter() - t,
            cited=[c.hit.source for c in answer.citations])
    elif cmd["do"] == "quit":
        break
"""


class Reader:
    def __init__(self, store: Path, questions: list[str], server: ChromaServer | None) -> None:
        cfg = {
            "store": str(store),
            "server": server.__dict__ if server else None,
            "questions": questions,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", READER, str(time.time()), str(ROOT), json.dumps(cfg)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
        )

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the reading process died")
        return dict(json.loads(line))

    def send(self, **cmd: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(cmd) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, BrokenPipeError):
            self.send(do="quit")
        self.process.wait(timeout=60)


def questions(count: int) -> list[str]:
    asked = [c.question for c in load_folder(ROOT / "eval" / "dev")]
    return (asked * (count // len(asked) + 1))[:count]


NEW_ARTICLE = """Lighthouse keepers return to Skerryvore after automation fails

Three lighthouse keepers have been sent back to the Skerryvore rock, eleven miles south-west of
Tiree, after the automated lamp failed four times in a single stormy week.

The Northern Lighthouse Board said the keepers would stay for at least ninety days while
engineers replace the control system, which was installed in 1994.
"""
NEW_QUESTION = "Why were keepers sent back to the Skerryvore lighthouse on the {vessel}?"
# Each run's copy names its own relief vessel, so the answer must come from this run's file
# (earlier runs' copies of the article stay in a reused store)
VESSEL_NOTE = "\nThe keepers sailed out on the relief vessel {vessel}.\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], ChromaServer]:
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, ChromaServer("127.0.0.1", port)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the Chroma server did not start")


def measure(store: Path, count: int, server: ChromaServer | None) -> dict[str, Any]:
    corpus = store.parent / "new-files"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    asked = questions(count)
    figures: dict[str, Any] = {}
    if server is not None:  # a host's first start builds its lexical index, once
        started = time.perf_counter()
        host = Engine(settings_for(store, server))
        host.view.refresh()
        figures["new_host_index_s"] = time.perf_counter() - started
        # A server loads its vector index into memory on its first query, once for every
        # reader: timed apart, so the readers' cold start is their own.
        started = time.perf_counter()
        host.store.nearest(host.store.embeddings.embed_query("warm-up"), 1)
        figures["server_first_query_s"] = time.perf_counter() - started
    first = Reader(store, asked, server)
    ready = first.read()
    figures["cold_start_s"] = ready["cold_start"]
    run = first.send(do="questions")
    figures |= {
        "search_p50_ms": statistics.median(run["search"]),
        "search_p95_ms": percentile(run["search"], 95),
        "ask_p50_ms": statistics.median(run["ask"]),
        "ask_p95_ms": percentile(run["ask"], 95),
        "rss_mb": run["rss"] / 2**20,
        "peak_rss_mb": run["peak"] / 2**20,
        "anon_rss_mb": run["anon"] / 2**20,  # the rest is file pages (models, index) mapped
    }
    second = Reader(store, asked[:1], server)
    second.read()
    stamp = time.time_ns()
    name = f"skerryvore-{stamp}.txt"
    vessel = f"Kestrel{stamp % 10**9}"
    question = NEW_QUESTION.format(vessel=vessel)
    (corpus / name).write_text(NEW_ARTICLE + VESSEL_NOTE.format(vessel=vessel), encoding="utf-8")
    done = first.send(do="ingest", paths=[str(corpus)], question=question)
    figures |= {
        "one_file_ingest_s": done["ingest"],
        "first_answer_after_ingest_s": done["answer"],
        "new_file_cited": name in done["cited"],
    }
    other = second.send(do="ask", question=question)
    figures |= {
        "second_process_first_answer_s": other["answer"],
        "second_process_cites_new_file": name in other["cited"],
    }
    first.close()
    second.close()
    return figures


def ingest_speed(store: Path, files: int, server: ChromaServer | None = None) -> dict[str, float]:
    """New BBC files ingested into the big store (through ``server`` if given), against the
    model's raw speed on the same chunks (measured right before, in this process)."""
    from retrieval.chunking import chunk_document
    from retrieval.ingest import file_hash
    from retrieval.parsing import parse_file

    corpus = store.parent / "ingest-speed"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    stamp = time.time_ns()
    texts: list[str] = []
    for path in sorted(BBC.glob("*.txt"))[:files]:
        target = corpus / f"{stamp}-{path.name}"
        target.write_bytes(path.read_bytes() + f"\n\n(copy {stamp})\n".encode())
        doc = parse_file(target, source=target.name)
        texts += [c.content for c in chunk_document(doc, file_hash(target.read_bytes(), 1000))]
    engine = Engine(settings_for(store, server))
    embedder = engine.store.embeddings.embedder
    embedder.embed(texts[:32])  # warm
    started = time.perf_counter()
    embedder.embed(texts)
    raw = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    summary = engine.ingest([corpus])
    pipeline = summary.chunks_written / (time.perf_counter() - started)
    for path in corpus.iterdir():
        path.unlink()
    engine.ingest([corpus])  # removes them again
    return {"raw_chunks_per_s": raw, "ingest_chunks_per_s": pipeline, "ratio": pipeline / raw}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--root", type=Path, default=SCALE_ROOT)
    parser.add_argument("--source", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--server", action="store_true", help="read through a Chroma server")
    parser.add_argument(
        "--ingest-files",
        default="200,1000",
        help="new BBC files per ingest-speed run, comma-separated (one run for each)",
    )
    args = parser.parse_args()
    base = base_passages(args.source)
    print(f"base: {sum(len(c) for _, c, _ in base):,} passages in {len(base):,} files")
    table = []
    for size in (int(s) for s in args.sizes.split(",")):
        store = args.root / f"{size}" / "chroma"
        print(f"\n== {size:,} passages ({store})", flush=True)
        seconds = build_store(store, size, base)
        row: dict[str, Any] = {
            "size": size,
            "build_s": seconds,
            "disk_mb": disk_size(store) / 2**20,
        }
        process = None
        server = None
        if args.server:
            process, server = start_server(store)
        try:
            row |= measure(store, args.questions, server)
            if size == max(int(s) for s in args.sizes.split(",")):
                for files in (int(n) for n in args.ingest_files.split(",")):
                    speed = ingest_speed(store, files, server)
                    row |= {f"{key}_{files}_files": value for key, value in speed.items()}
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=60)
        print(json.dumps(row, indent=2), flush=True)
        table.append(row)
    keys = list(dict.fromkeys(k for row in table for k in row))
    print("\n" + " | ".join(keys))
    for row in table:
        print(" | ".join(_cell(row.get(k)) for k in keys))


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


if __name__ == "__main__":
    main()
