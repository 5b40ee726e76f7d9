"""Per-corpus calibration of the answer gate.

A bigger or broader archive has passages that look close to almost any question, so a fixed
similarity threshold that refuses off-topic questions over two articles lets them through over
two thousand. The gate therefore also measures how close this archive's best passages come to
questions nobody would expect it to answer (general-knowledge probes) and keeps its thresholds
above that background level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from retrieval.answer.relevance import Gate
from retrieval.embedding.minilm import OnnxSentenceEmbedder

PROBES = (
    "What is the boiling point of water in Fahrenheit?",
    "How many legs does a spider have?",
    "What is the square root of 144?",
    "How do I bake sourdough bread at home?",
    "Which planet has the most moons?",
    "What is the chemical symbol for gold?",
    "How do I change a flat bicycle tyre?",
    "What is the speed of light in a vacuum?",
    "How do you say thank you in Japanese?",
    "What is a prime number?",
    "How long should I boil an egg?",
    "What causes the northern lights?",
    "How do I reverse a linked list in Python?",
    "What is photosynthesis?",
    "Who wrote the Odyssey?",
    "What is the tallest mountain in Africa?",
    "How many bones are in the human body?",
    "What temperature should a fridge be set to?",
    "How do I knit a scarf?",
    "What is the difference between a virus and a bacterium?",
    "How do magnets work?",
    "What is the largest ocean on Earth?",
    "How do I remove a red wine stain?",
    "What is the Pythagorean theorem?",
    "Which animal is the fastest on land?",
    "How does a refrigerator keep food cold?",
    "What is the plural of octopus?",
    "How many minutes are in a day?",
    "What do pandas eat?",
    "How do I tune a guitar?",
)
QUANTILE = 0.9
MARGIN = 0.05


@lru_cache(maxsize=4)
def _probe_vectors(embedder: OnnxSentenceEmbedder) -> npt.NDArray[np.float32]:
    return embedder.embed(list(PROBES))


def background_similarity(
    nearest: Callable[[npt.NDArray[np.float32]], float], embedder: OnnxSentenceEmbedder
) -> npt.NDArray[np.float32]:
    """For each probe question, the similarity of the archive's closest passage
    (``nearest`` asks the vector index)."""
    return np.array([nearest(v) for v in _probe_vectors(embedder)], dtype=np.float32)


def calibrated(base: Gate, background: npt.NDArray[np.float32]) -> Gate:
    """The base gate, with thresholds raised above this archive's background similarity."""
    typical = float(np.median(background))
    high = float(np.quantile(background, QUANTILE))
    return replace(
        base,
        strong=max(base.strong, high + MARGIN),
        supported=max(base.supported, typical + MARGIN),
        person=max(base.person, typical),
    )
