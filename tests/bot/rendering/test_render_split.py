"""Splitting at paragraph, then line, then sentence, then word boundaries."""

from __future__ import annotations

import random

import pytest

from bot.rendering.split import split_message


def test_short_text_is_one_part() -> None:
    assert split_message("  hello  ") == ["hello"]
    assert split_message("") == []


def test_paragraph_boundaries_come_first() -> None:
    first, second = "a" * 60, "b " * 20 + "c.\nd"
    assert split_message(f"{first}\n\n{second}", 100) == [first, second.strip()]


def test_then_lines() -> None:
    lines = [f"line {i} " + "x" * 20 for i in range(10)]
    parts = split_message("\n".join(lines), 100)
    assert all(len(p) <= 100 for p in parts)
    assert [line for p in parts for line in p.split("\n")] == lines


def test_then_sentences() -> None:
    sentences = [f"Sentence number {i} says something." for i in range(12)]
    parts = split_message(" ".join(sentences), 120)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == " ".join(sentences)


def test_then_words() -> None:
    words = [f"word{i}" for i in range(100)]
    parts = split_message(" ".join(words), 50)
    assert all(len(p) <= 50 for p in parts)
    assert " ".join(parts).split() == words


def test_a_word_longer_than_a_message_is_cut_hard() -> None:
    assert split_message("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_an_early_paragraph_break_does_not_make_a_tiny_part() -> None:
    text = "Intro.\n\n" + "Long line of words " * 20
    parts = split_message(text, 100)
    assert len(parts[0]) > 50


@pytest.mark.parametrize("seed", range(20))
def test_random_text_keeps_every_word_within_the_limit(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = ["a", "word", "longer-word", "end.", "why?", "\n", "\n\n", "“quote”", "¶3"]
    text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 2000)))
    parts = split_message(text, 2000)
    assert all(0 < len(p) <= 2000 for p in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())
