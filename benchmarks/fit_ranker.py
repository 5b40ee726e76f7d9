"""Fit the ranking weights on the tuning part of the dev set (never the held-out third).

    uv run python benchmarks/fit_ranker.py [--store PATH] [--fresh]

Uses the answer-quality benchmark's store. For every tuning question it collects the
first-stage candidates with their features, then
  1. fits the stage-two weights by logistic regression (candidate answers / does not),
     choosing the L2 strength by 5-fold cross-validated recall@1 over the questions;
  2. grid-searches the last stage with the real ``ranker.rerank`` (its answers cached per
     question and text, so each setting costs no model time once read): the cross-encoder's
     weight, how many candidates it reads, how many windows of each, how many it reads again
     with their file's scene-setting sentence, the bonus of a window holding the kind of thing
     asked for and the comment penalty, for recall@1 then MRR (the cheapest setting within
     half a point wins);
and prints the weights to paste into retrieval/search/ranker.py, with the figures each step
reached on the tuning questions (the held-out figures come from answer_quality.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_quality import DEFAULT_STORE, open_engine  # noqa: E402
from retrieval.embedding.minilm import DEFAULT_MODEL  # noqa: E402
from retrieval.evaluation import load_cases, load_folder, matches  # noqa: E402
from retrieval.search import features as feat  # noqa: E402
from retrieval.search.hit import hit_from_chunk  # noqa: E402
from retrieval.search.ranker import RankerWeights, rerank  # noqa: E402

Matrix = npt.NDArray[np.float64]


def collect(
    store: Path, cache: Path, model: str = DEFAULT_MODEL, extra: Sequence[Path] = ()
) -> tuple[list[dict[str, Any]], Any]:
    engine = open_engine(store, rerank=True, model=model)
    searcher = engine.searcher
    searcher.view.refresh()
    if cache.is_file():
        return list(json.loads(cache.read_text(encoding="utf-8"))), engine
    rows: list[dict[str, Any]] = []
    cases = [c for c in load_folder(ROOT / "eval" / "dev") if c.answerable and c.split == "tune"]
    cases += [c for path in extra for c in load_cases(path) if c.answerable]
    for case in cases:
        question = searcher.question(case.question)
        vector = searcher.store.embeddings.embed_query(case.question)
        candidates = searcher.candidates(question, vector)
        searcher.featured(question, candidates)
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


class CachedEncoder:
    """The cross-encoder, remembering every (question, text) it scored."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.cache: dict[tuple[str, str], float] = {}

    def score(self, question: str, passages: list[str]) -> npt.NDArray[np.float32]:
        todo = [p for p in dict.fromkeys(passages) if (question, p) not in self.cache]
        if todo:
            for text, logit in zip(todo, self.encoder.score(question, todo).tolist(), strict=True):
                self.cache[(question, text)] = float(logit)
        return np.array([self.cache[(question, p)] for p in passages], dtype=np.float32)


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


GRID_TOP = (6, 8, 10)
GRID_WINDOWS = (4,)  # not searched: see RankerWeights.windows
GRID_CONTEXT = (2, 3, 4)
GRID_TYPED = (1.0, 2.0, 3.0)
GRID_WEIGHT = (3.0, 5.0, 8.0)
GRID_PENALTY = (5.0, 10.0, 20.0)
GRID_LEXICAL = (0, 2, 3)
GRID_DENSE = (0, 1)


def fit_cross_encoder(
    engine: Any, rows: list[dict[str, Any]], w: Matrix
) -> tuple[RankerWeights, float, float]:
    """Grid search of the last stage over the tuning questions, running ``rerank`` itself."""
    searcher = engine.searcher
    encoder = CachedEncoder(searcher.encoder)
    prepared = []
    for row in rows:
        question = searcher.question(row["question"])
        vector = searcher.store.embeddings.embed_query(row["question"])
        candidates = {c.chunk.id: c for c in searcher.candidates(question, vector)}
        question = searcher.featured(question, list(candidates.values()))
        ordered = [candidates[i] for i in row["ids"] if i in candidates]
        stage_two = {
            id(c): float(np.array([(c.features or {})[f] for f in feat.FEATURES]) @ w)
            for c in ordered
        }
        labels = {id(c): bool(lab) for c, lab in zip(ordered, row["labels"], strict=False)}
        prepared.append((question, ordered, stage_two, labels))
    features = dict(zip(feat.FEATURES, w.tolist(), strict=True))
    results: list[tuple[float, float, RankerWeights]] = []
    settings = itertools.product(
        GRID_TOP,
        GRID_WINDOWS,
        GRID_CONTEXT,
        GRID_TYPED,
        GRID_WEIGHT,
        GRID_PENALTY,
        GRID_LEXICAL,
        GRID_DENSE,
    )
    for top, windows, context, typed, weight, penalty, lexical, dense in settings:
        weights = RankerWeights(
            features=features,
            cross_encoder=weight,
            rerank_top=top,
            windows=windows,
            context_top=context,
            typed=typed,
            comment_penalty=penalty,
            lexical_read=lexical,
            dense_read=dense,
        )
        found: list[int | None] = []
        for question, ordered, stage_two, labels in prepared:
            for c in ordered:
                c.score = stage_two[id(c)]
            ordered.sort(key=lambda c: -c.score)
            rerank(question, ordered, encoder, weights)  # type: ignore[arg-type]
            final = sorted(ordered, key=lambda c: -c.score)
            hit = next((i for i, c in enumerate(final, 1) if labels[id(c)]), None)
            found.append(hit)
        r1, mrr = recall_mrr(found)
        results.append((r1, mrr, weights))
    best_r1 = max(r[0] for r in results)
    best_mrr = max(r[1] for r in results if r[0] == best_r1)
    r1, mrr, cheap = min(
        (r for r in results if r[0] >= best_r1 - 0.005 and r[1] >= best_mrr - 0.01),
        key=lambda r: (
            r[2].rerank_top * r[2].windows + r[2].context_top * r[2].windows,
            -r[0],
            -r[1],
        ),
    )
    print(
        f"with the cross-encoder (reads {cheap.rerank_top} × {cheap.windows} windows, "
        f"+ {cheap.lexical_read} by BM25 + {cheap.dense_read} by cosine, {cheap.context_top} "
        f"again with their scene, weight {cheap.cross_encoder}, typed "
        f"{cheap.typed}, comment penalty {cheap.comment_penalty}): recall@1 {r1:.3f}  "
        f"MRR {mrr:.3f} (best of the grid {best_r1:.3f} / {best_mrr:.3f})"
    )
    return cheap, r1, mrr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="EMBEDDING_MODEL of the store")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "bench" / "fit_rows.json")
    parser.add_argument("--fresh", action="store_true", help="collect the candidates again")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="a question file (JSONL, like eval/dev's) over the same store to tune on as well",
    )
    args = parser.parse_args()
    if args.fresh and args.cache.exists():
        args.cache.unlink()
    rows, engine = collect(args.store, args.cache, args.model, args.extra)
    print(f"{len(rows)} tuning questions; answer among the candidates for", end=" ")
    rows = [r for r in rows if any(r["labels"])]
    print(len(rows))
    xs = [np.array(r["features"], dtype=float) for r in rows]
    plain = [x[:, feat.FEATURES.index("bm25")] + x[:, feat.FEATURES.index("cos")] for x in xs]
    r1, mrr = recall_mrr(ranks(rows, plain))
    print(f"plain sum of normalised BM25 and cosine: recall@1 {r1:.3f}  MRR {mrr:.3f}")
    w = fit_stage_two(rows)
    weights, _, _ = fit_cross_encoder(engine, rows, w)
    print("\nFITTED_FEATURES: Mapping[str, float] = {")
    for name, value in weights.features.items():
        print(f'    "{name}": {value:.3f},')
    print(
        f"}}\ncross_encoder={weights.cross_encoder}, rerank_top={weights.rerank_top}, "
        f"windows={weights.windows}, context_top={weights.context_top}, typed={weights.typed}, "
        f"comment_penalty={weights.comment_penalty}, lexical_read={weights.lexical_read}, "
        f"dense_read={weights.dense_read}"
    )


if __name__ == "__main__":
    main()
