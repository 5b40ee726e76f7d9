"""Fit the ranking weights on the tuning part of the dev set (never the held-out third).

    uv run python benchmarks/fit_ranker.py [--store PATH] [--fresh]

Uses the answer-quality benchmark's store. For every tuning question it collects the
first-stage candidates with their features, then
  1. fits the stage-two weights by logistic regression (candidate answers / does not),
     choosing the L2 strength by 5-fold cross-validated recall@1 over the questions;
  2. asks the cross-encoder about the best windows of the first 16 candidates under those
     weights, and grid-searches its weight, how many candidates it reads and how many windows
     of each, for recall@1 then MRR (the cheapest setting within half a point wins);
and prints the weights to paste into retrieval/search/ranker.py, with the figures each step
reached on the tuning questions (the held-out figures come from answer_quality.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_quality import DEFAULT_STORE, open_engine  # noqa: E402
from retrieval.embedding.minilm import DEFAULT_MODEL  # noqa: E402
from retrieval.evaluation import load_folder, matches  # noqa: E402
from retrieval.search import features as feat  # noqa: E402
from retrieval.search.hit import hit_from_chunk  # noqa: E402
from retrieval.search.ranker import cross_encoder_text, windows_of  # noqa: E402

Matrix = npt.NDArray[np.float64]
READ = 16  # candidates whose windows the cross-encoder scores during the fit
WINDOWS = 3


def collect(
    store: Path, cache: Path, model: str = DEFAULT_MODEL
) -> tuple[list[dict[str, Any]], Any]:
    engine = open_engine(store, rerank=True, model=model)
    searcher = engine.searcher
    searcher.view.refresh()
    if cache.is_file():
        return list(json.loads(cache.read_text(encoding="utf-8"))), engine
    rows: list[dict[str, Any]] = []
    cases = [c for c in load_folder(ROOT / "eval" / "dev") if c.answerable and c.split == "tune"]
    for case in cases:
        question = searcher.question(case.question)
        vector = searcher.store.embeddings.embed_query(case.question)
        candidates = searcher.candidates(question, vector)
        feat.compute(question, candidates)
        rows.append(
            {
                "question": case.question,
                "ids": [c.chunk.id for c in candidates],
                "features": [[(c.features or {})[f] for f in feat.FEATURES] for c in candidates],
                "labels": [matches(case, hit_from_chunk(c.chunk)) for c in candidates],
            }
        )
    cache.write_text(json.dumps(rows), encoding="utf-8")
    return rows, engine


def cross_encoder_logits(engine: Any, rows: list[dict[str, Any]], w: Matrix) -> None:
    """For the first READ candidates under ``w``: logits of their best WINDOWS windows."""
    searcher = engine.searcher
    for row in rows:
        if "logits" in row:
            continue
        question = searcher.question(row["question"])
        vector = searcher.store.embeddings.embed_query(row["question"])
        candidates = {c.chunk.id: c for c in searcher.candidates(question, vector)}
        feat.compute(question, list(candidates.values()))
        order = np.argsort(-(np.array(row["features"]) @ w), kind="stable")[:READ]
        logits: dict[str, list[float]] = {}
        for index in order.tolist():
            c = candidates.get(row["ids"][index])
            if c is None:
                continue
            texts = [cross_encoder_text(c, s) for s in windows_of(question, c, WINDOWS)]
            logits[c.chunk.id] = searcher.encoder.score(row["question"], texts).tolist()
        row["logits"] = logits


def ranks(rows: list[dict[str, Any]], scores: list[Matrix]) -> list[int | None]:
    out: list[int | None] = []
    for row, s in zip(rows, scores, strict=True):
        labels = np.array(row["labels"], dtype=bool)
        order = np.argsort(-s, kind="stable")
        hit = np.nonzero(labels[order])[0]
        out.append(int(hit[0]) + 1 if len(hit) else None)
    return out


def recall_mrr(found: list[int | None]) -> tuple[float, float]:
    r1 = sum(1 for r in found if r == 1) / len(found)
    mrr = sum(1 / r for r in found if r and r <= 5) / len(found)
    return r1, mrr


def logistic(x: Matrix, y: Matrix, l2: float, steps: int = 3000) -> Matrix:
    w = np.zeros(x.shape[1])
    pos = max(1.0, y.sum())
    balance = np.where(y > 0, (len(y) - pos) / pos, 1.0)  # the few positives weigh as much
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        w -= 0.5 * (x.T @ ((p - y) * balance) / len(y) + l2 * w)
    return w


def fit_stage_two(rows: list[dict[str, Any]]) -> Matrix:
    xs = [np.array(r["features"], dtype=float) for r in rows]
    ys = [np.array(r["labels"], dtype=float) for r in rows]
    folds = np.arange(len(rows)) % 5
    best: tuple[float, float] = (-1.0, -1.0)
    best_l2 = 0.0
    for l2 in (0.0, 0.001, 0.003, 0.01, 0.03, 0.1):
        found: list[int | None] = [None] * len(rows)
        for k in range(5):
            train = [i for i in range(len(rows)) if folds[i] != k]
            w = logistic(np.vstack([xs[i] for i in train]), np.hstack([ys[i] for i in train]), l2)
            for i in range(len(rows)):
                if folds[i] == k:
                    found[i] = ranks([rows[i]], [xs[i] @ w])[0]
        r1, mrr = recall_mrr(found)
        print(f"  l2={l2:<6} cross-validated recall@1 {r1:.3f}  MRR {mrr:.3f}")
        if (r1, mrr) > best:
            best, best_l2 = (r1, mrr), l2
    w = logistic(np.vstack(xs), np.hstack(ys), best_l2)
    r1, mrr = recall_mrr(ranks(rows, [x @ w for x in xs]))
    print(f"stage two (l2={best_l2}): recall@1 {r1:.3f}  MRR {mrr:.3f} on the tuning questions")
    return w


def fit_cross_encoder(rows: list[dict[str, Any]], w: Matrix) -> tuple[float, int, int, float]:
    unasked = feat.FEATURES.index("comment_unasked")
    results: list[tuple[float, float, int, int, float, float]] = []
    for top in (3, 4, 6, 8, 10, 12, 16):
        for windows in (1, 2, 3):
            for weight in (0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0):
                for penalty in (0.0, 2.0, 5.0, 10.0):
                    scores = []
                    for row in rows:
                        x = np.array(row["features"], dtype=float)
                        s = x @ w
                        read = {
                            i: max(row["logits"][row["ids"][i]][:windows])
                            for i in np.argsort(-s, kind="stable")[:top].tolist()
                            if row["logits"].get(row["ids"][i])
                        }
                        floor = min(read.values(), default=0.0)  # as ranker.rerank does
                        logit = np.array([read.get(i, floor) for i in range(len(s))])
                        scores.append(s + weight * logit - penalty * x[:, unasked])
                    r1, mrr = recall_mrr(ranks(rows, scores))
                    results.append((r1, mrr, top, windows, weight, penalty))
    best_r1 = max(r[0] for r in results)
    best_mrr = max(r[1] for r in results if r[0] == best_r1)
    cheap = min(
        (r for r in results if r[0] >= best_r1 - 0.005 and r[1] >= best_mrr - 0.01),
        key=lambda r: (r[2] * r[3], -r[0], -r[1], -r[5]),
    )
    r1, mrr, top, windows, weight, penalty = cheap
    print(
        f"with the cross-encoder (reads {top} × {windows} windows, weight {weight}, comment "
        f"penalty {penalty}): recall@1 {r1:.3f}  MRR {mrr:.3f} (best of the grid "
        f"{best_r1:.3f} / {best_mrr:.3f})"
    )
    return weight, top, windows, penalty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="EMBEDDING_MODEL of the store")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "bench" / "fit_rows.json")
    parser.add_argument("--fresh", action="store_true", help="collect the candidates again")
    args = parser.parse_args()
    if args.fresh and args.cache.exists():
        args.cache.unlink()
    rows, engine = collect(args.store, args.cache, args.model)
    print(f"{len(rows)} tuning questions; answer among the candidates for", end=" ")
    rows = [r for r in rows if any(r["labels"])]
    print(len(rows))
    xs = [np.array(r["features"], dtype=float) for r in rows]
    plain = [x[:, feat.FEATURES.index("bm25")] + x[:, feat.FEATURES.index("cos")] for x in xs]
    r1, mrr = recall_mrr(ranks(rows, plain))
    print(f"plain sum of normalised BM25 and cosine: recall@1 {r1:.3f}  MRR {mrr:.3f}")
    w = fit_stage_two(rows)
    cross_encoder_logits(engine, rows, w)
    weight, top, windows, penalty = fit_cross_encoder(rows, w)
    print("\nRankerWeights(\n    features={")
    for name, value in zip(feat.FEATURES, w.tolist(), strict=True):
        print(f'        "{name}": {value:.3f},')
    print(
        f"    }},\n    cross_encoder={weight},\n    rerank_top={top},\n    windows={windows},"
        f"\n    comment_penalty={penalty},\n)"
    )


if __name__ == "__main__":
    main()
