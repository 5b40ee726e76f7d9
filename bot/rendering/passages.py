"""Passages (quoted citations, search hits) as one embed within Discord's embed limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.rendering.limits import (
    EMBED_DESCRIPTION_CHARS,
    EMBED_FIELD_NAME_CHARS,
    EMBED_FIELD_VALUE_CHARS,
    EMBED_FIELDS,
    EMBED_FOOTER_CHARS,
    EMBED_TITLE_CHARS,
    EMBED_TOTAL_CHARS,
)
from bot.rendering.markup import escape_markup, truncate
from retrieval.search import Hit

EMBED_COLOUR = discord.Colour.blurple()
MIN_USEFUL_VALUE_CHARS = 80
FOOTER_RESERVE = 80  # room kept for the "n more not shown" footer


@dataclass(frozen=True)
class Passage:
    heading: str  # "[1] 000_x.txt — article ¶3", as plain text
    text: str  # the passage or quote, as plain text


def passages_embed(
    title: str,
    passages: Sequence[Passage],
    description: str = "",
    value_chars: int = EMBED_FIELD_VALUE_CHARS,
) -> discord.Embed:
    """One field per passage (heading → text); what does not fit is counted in the footer."""
    embed = discord.Embed(
        title=truncate(title, EMBED_TITLE_CHARS),
        description=truncate(description, EMBED_DESCRIPTION_CHARS) or None,
        colour=EMBED_COLOUR,
    )
    budget = EMBED_TOTAL_CHARS - FOOTER_RESERVE - len(embed)
    shown = 0
    for passage in passages[:EMBED_FIELDS]:
        name = truncate(escape_markup(passage.heading), EMBED_FIELD_NAME_CHARS)
        room = min(value_chars, EMBED_FIELD_VALUE_CHARS, budget - len(name))
        if room < MIN_USEFUL_VALUE_CHARS:
            break
        value = truncate(escape_markup(passage.text.strip()), room) or "(empty passage)"
        embed.add_field(name=name, value=value, inline=False)
        budget -= len(name) + len(value)
        shown += 1
    hidden = len(passages) - shown
    if hidden:
        note = f"{hidden} more passage{'s' if hidden != 1 else ''} not shown (Discord size limit)"
        embed.set_footer(text=note[:EMBED_FOOTER_CHARS])
    return embed


HIT_EXCERPT_CHARS = 400


def hits_embed(question: str, hits: Sequence[Hit]) -> discord.Embed:
    """``/sources``: the top passages with where they are, no answer composed."""
    if not hits:
        return passages_embed(
            "Top passages",
            [],
            "No passages found. Is the archive empty? An admin can run /reindex.",
        )
    passages = [
        Passage(f"[{n}] {hit.source} — {hit.location}", hit.text)
        for n, hit in enumerate(hits, start=1)
    ]
    description = f"For: {escape_markup(truncate(question, 300))}"
    return passages_embed("Top passages", passages, description, HIT_EXCERPT_CHARS)
