"""Fit the answer gate on the tuning part of the dev set (never the held-out third).

    uv run python benchmarks/fit_gate.py [--store PATH]

For every tuning question (answerable or not) it takes the engine's best passage, with and
without the cross-encoder, and fits a logistic model "the archive answers this" on the gate's
inputs (retrieval/answer/relevance.py), with an L2 strength chosen by 5-fold cross-validated
log-loss. It then prints, for thresholds from 0.2 to 0.8, the share of answerable questions
refused and of the others refused on the tuning questions, and the weights to paste into
relevance.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.answer_quality import DEFAULT_STORE, open_engine  # noqa: E402
from retrieval.answer.relevance import GATE_FEATURES, gate_inputs  # noqa: E402
from retrieval.embedding.minilm import DEFAULT_MODEL  # noqa: E402
from retrieval.evaluation import load_folder  # noqa: E402

Matrix = npt.NDArray[np.float64]


def fit(x: Matrix, y: Matrix, l2: float, steps: int = 4000) -> Matrix:
    w = np.zeros(x.shape[1])
    pos = y.sum()
    balance = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * (len(y) - pos)))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        reg = l2 * w
        reg[0] = 0.0  # not the bias
        w -= 0.3 * (x.T @ ((p - y) * balance) / len(y) + reg)
    return w


def log_loss(x: Matrix, y: Matrix, w: Matrix) -> float:
    p = np.clip(1 / (1 + np.exp(-(x @ w))), 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="EMBEDDING_MODEL of the store")
    args = parser.parse_args()
    cases = [c for c in load_folder(ROOT / "eval" / "dev") if c.split == "tune"]
    y = np.array([1.0 if c.answerable else 0.0 for c in cases])
    engine = open_engine(args.store, rerank=True, model=args.model)
    for rerank in (True, False):
        rows = []
        for case in cases:
            hits = engine.searcher.search(case.question, 1, use_reranker=rerank)
            inputs = gate_inputs(hits[0]) if hits else dict.fromkeys(GATE_FEATURES, 0.0)
            if hits:
                inputs["relevance"] = inputs["relevance"] if rerank else 0.0
            rows.append([inputs[f] if f != "bias" else 1.0 for f in GATE_FEATURES])
        x = np.array(rows)
        folds = np.arange(len(cases)) % 5
        best_l2, best_loss = 0.0, float("inf")
        for l2 in (0.001, 0.01, 0.03, 0.1, 0.3):
            loss = 0.0
            for k in range(5):
                w = fit(x[folds != k], y[folds != k], l2)
                loss += log_loss(x[folds == k], y[folds == k], w)
            if loss < best_loss:
                best_l2, best_loss = l2, loss
        w = fit(x, y, best_l2)
        p = 1 / (1 + np.exp(-(x @ w)))
        name = "WITH_CROSS_ENCODER" if rerank else "WITHOUT_CROSS_ENCODER"
        print(f"\n{name} (l2={best_l2}): threshold → answerable refused / others refused")
        for t in np.arange(0.2, 0.81, 0.05):
            refused_yes = float(np.mean(p[y == 1] < t))
            refused_no = float(np.mean(p[y == 0] < t))
            print(f"  {t:.2f}  {refused_yes:.3f}  {refused_no:.3f}")
        print(f"{name}: Mapping[str, float] = {{")
        for f, v in zip(GATE_FEATURES, w.tolist(), strict=True):
            print(f'    "{f}": {v:.3f},')
        print("}")


if __name__ == "__main__":
    main()
