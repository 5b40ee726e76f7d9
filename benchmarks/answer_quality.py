"""Answer quality on the dev set over the sample + BBC corpus, next to plain BM25.

    uv run python benchmarks/answer_quality.py [--store PATH] [--misses] [--json FILE]

Builds (or reuses, ingesting only what changed) an embedded store of corpus/ plus
../shared/corpora/bbc-news, then runs every question of eval/dev/*.jsonl through
  - the engine as configured by default (cross-encoder re-ranking on),
  - the engine without the cross-encoder,
  - plain BM25 on the same chunks (retrieval/evaluation/baseline.py),
and prints, for the tuning part and the held-out third separately: recall@1/@3/@5, MRR,
answer contains the answer, first line contains it, answerable refused, off-topic refused,
search and ask p50/p95; then the same for eval/golden.jsonl (50 questions on the two sample
articles, their comments and details, worded closer to the articles than the dev set). Last,
over a store of corpus/ alone (what a new user starts with): the golden set, and the dev
set's questions on the sample articles with its unanswerable ones, tuning part and held-out
third apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.embedding.minilm import DEFAULT_MODEL  # noqa: E402
from retrieval.engine import Engine  # noqa: E402
from retrieval.evaluation import Case, EvalReport, evaluate, load_cases, load_folder  # noqa: E402
from retrieval.evaluation.baseline import Bm25Baseline  # noqa: E402
from retrieval.settings import Settings  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"
DEFAULT_STORE = ROOT / "data" / "bench" / "quality" / "chroma"
SAMPLE_STORE = ROOT / "data" / "bench" / "quality-sample" / "chroma"
ROWS = (
    "recall@1",
    "recall@3",
    "recall@5",
    "mrr@5",
    "answer_contains",
    "first_line_contains",
    "citation_correct",
    "answerable_refused",
    "off_topic_refused",
    "near_topic_refused",
    "search_p50_ms",
    "search_p95_ms",
    "ask_p50_ms",
    "ask_p95_ms",
)


def open_engine(store: Path, rerank: bool, model: str = DEFAULT_MODEL) -> Engine:
    settings = Settings(
        data_dir=store.parent,
        corpus_dir=ROOT / "corpus",
        store_path=store,
        rerank=rerank,
        embedding_model=model,
    )
    return Engine(settings)


def build(store: Path, model: str = DEFAULT_MODEL, with_bbc: bool = True) -> None:
    engine = open_engine(store, rerank=False, model=model)
    started = time.perf_counter()
    summary = engine.ingest([ROOT / "corpus", BBC] if with_bbc else [ROOT / "corpus"])
    print(f"store {store}: {summary.line()} ({time.perf_counter() - started:.0f} s)")


def warm(engine: Engine) -> None:
    engine.ask("How many American troops are stationed in South Korea?")


def run(parts: dict[str, list[Case]], store: Path, model: str) -> dict[str, dict[str, EvalReport]]:
    full = open_engine(store, rerank=True, model=model)
    warm(full)
    plain = open_engine(store, rerank=False, model=model)
    plain._store = full.store  # one store, one model: only the re-ranking differs
    plain._view = full.view
    warm(plain)
    baseline = Bm25Baseline(full.searcher)
    systems = {"engine": full, "no cross-encoder": plain, "BM25 alone": baseline}
    reports: dict[str, dict[str, EvalReport]] = {}
    for split, part in parts.items():
        reports[split] = {name: evaluate(system, part) for name, system in systems.items()}
    return reports


def print_table(split: str, reports: dict[str, EvalReport]) -> None:
    names = list(reports)
    figures = {name: r.figures() for name, r in reports.items()}
    first = figures[names[0]]
    print(f"\n{split}: {first['answerable']} answerable, {first['off_topic']} not in the archive")
    print(f"{'':<22}" + "".join(f"{n:>18}" for n in names))
    for row in ROWS:
        print(f"{row:<22}" + "".join(f"{figures[n][row]:>18}" for n in names))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--dev", type=Path, default=ROOT / "eval" / "dev")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="EMBEDDING_MODEL of the store")
    parser.add_argument("--misses", action="store_true", help="list the engine's misses")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    if not BBC.is_dir():
        sys.exit(f"{BBC} not found: the benchmark needs ../shared/corpora/bbc-news")
    build(args.store, args.model)
    cases = load_folder(args.dev)
    golden = load_cases(ROOT / "eval" / "golden.jsonl")
    parts = {split: [c for c in cases if c.split == split] for split in ("tune", "heldout")}
    reports = run(parts | {"golden": golden}, args.store, args.model)
    build(SAMPLE_STORE, args.model, with_bbc=False)
    sample = {f.name for f in (ROOT / "corpus").iterdir()}
    alone = {
        f"{split}, sample alone": [
            c for c in part if not c.answerable or c.expected_source in sample
        ]
        for split, part in parts.items()
    }
    reports |= run(alone | {"golden, sample alone": golden}, SAMPLE_STORE, args.model)
    for split, by_system in reports.items():
        print_table(split, by_system)
        if args.misses:
            print(f"\nengine misses ({split}):")
            for line in by_system["engine"].misses():
                print(f"  {line}")
    if args.json:
        data = {
            split: {name: r.figures() for name, r in by_system.items()}
            for split, by_system in reports.items()
        }
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
