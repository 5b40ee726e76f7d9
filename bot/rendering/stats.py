"""``/stats``: what the archive holds and which models answer."""

from __future__ import annotations

from bot.rendering.markup import escape_markup
from retrieval.engine import Stats


def discord_time(unix: float) -> str:
    """A timestamp every reader sees in their own time zone, with "3 hours ago"."""
    return f"<t:{int(unix)}:f> (<t:{int(unix)}:R>)"


def stats_text(stats: Stats, llm_model: str, answered: int) -> str:
    last_ingest = discord_time(stats.last_ingest) if stats.last_ingest else "never"
    answers = f"LLM {escape_markup(llm_model)}" if llm_model else "extractive (no LLM)"
    lines = [
        "**Archive**",
        f"Documents: {stats.documents:,}",
        f"Chunks: {stats.chunks:,}",
        f"Last ingest: {last_ingest}",
        f"Embedding model: {escape_markup(stats.embedding_model)}",
        f"Answers: {answers}",
        f"Store: {escape_markup(stats.store)}",
        f"Questions answered since the bot started: {answered:,}",
    ]
    return "\n".join(lines)
