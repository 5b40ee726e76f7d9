"""Passage embeds stay within Discord's embed limits however long the passages are."""

from __future__ import annotations

import discord

from bot.rendering.limits import (
    EMBED_FIELD_NAME_CHARS,
    EMBED_FIELD_VALUE_CHARS,
    EMBED_FIELDS,
    EMBED_TOTAL_CHARS,
)
from bot.rendering.passages import Passage, passages_embed
from bot.rendering.stats import stats_text
from retrieval.engine import Stats


def within_limits(embed: discord.Embed) -> bool:
    return (
        len(embed) <= EMBED_TOTAL_CHARS
        and len(embed.fields) <= EMBED_FIELDS
        and all(len(f.name or "") <= EMBED_FIELD_NAME_CHARS for f in embed.fields)
        and all(0 < len(f.value or "") <= EMBED_FIELD_VALUE_CHARS for f in embed.fields)
    )


def test_few_short_passages_are_shown_whole() -> None:
    embed = passages_embed("Sources", [Passage("[1] a.txt — article ¶1", "“short”")], "desc")
    assert within_limits(embed) and embed.footer.text is None
    assert [(f.name, f.value) for f in embed.fields] == [("[1] a.txt — article ¶1", "“short”")]


def test_many_long_passages_are_cut_and_counted() -> None:
    passages = [Passage(f"[{i}] " + "n" * 300, "word " * 400) for i in range(40)]
    embed = passages_embed("Sources", passages, "d" * 5000)
    assert within_limits(embed)
    assert embed.description is not None and len(embed.description) <= 4096
    assert embed.footer.text is not None
    shown = len(embed.fields)
    assert embed.footer.text.startswith(f"{40 - shown} more passages not shown")


def test_stats_text() -> None:
    stats = Stats(2, 79, 1_700_000_000.5, "all-MiniLM-L6-v2-int8", "embedded store data/chroma")
    text = stats_text(stats, "", answered=3)
    assert "Documents: 2\nChunks: 79\nLast ingest: <t:1700000000:f> (<t:1700000000:R>)" in text
    assert "Answers: extractive (no LLM)" in text and "answered since the bot started: 3" in text
    assert "Last ingest: never" in stats_text(Stats(0, 0, 0.0, "m", "s"), "openai:x", 0)
