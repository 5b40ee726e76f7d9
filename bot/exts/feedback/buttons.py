"""The buttons under every answer: "Show sources" (the quoted passages, privately) and 👍/👎.

They are ``DynamicItem``s with fixed custom ids that the bot registers at start-up
(``ANSWER_BUTTONS``), so the buttons of answers posted before a restart keep working: the
answer itself comes from the feedback store, by message id.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Literal

import discord

from bot.exts.core.errors import NO_MENTIONS, handle_interaction_error, send_ephemeral
from bot.exts.feedback.store import AnswerRecord, Vote
from bot.rendering.passages import Passage, passages_embed

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")

SOURCES_ID = "corpusbot:sources"
VOTE_ID = "corpusbot:vote:{vote}"
GONE = "I no longer have that answer (it is older than the ones I keep); ask the question again."
THANKS: dict[str, str] = {
    "recorded": "Thanks, your {emoji} is noted.",
    "unchanged": "You already rated this answer {emoji}.",
    "changed": "Changed your rating to {emoji}.",
}
EMOJI: dict[Vote, str] = {"up": "👍", "down": "👎"}


def _bot(interaction: discord.Interaction[Any]) -> CorpusBot:
    from bot.app import corpus_bot  # bot.app imports this module

    return corpus_bot(interaction.client)


async def _answer_of(interaction: discord.Interaction[Any]) -> AnswerRecord | None:
    if interaction.message is None:
        return None
    return await _bot(interaction).feedback.answer_for(interaction.message.id)


def sources_embed(record: AnswerRecord) -> discord.Embed:
    if record.citations:
        passages = [Passage(c.line, f"“{c.quote}”") for c in record.citations]
        return passages_embed("Sources", passages, "The passages the answer quotes.")
    passages = [Passage(f"{c.source} — {c.location}", c.quote) for c in record.nearest]
    return passages_embed(
        "Nearest passages",
        passages,
        "The archive doesn't cover the question; these came closest (they do not answer it).",
    )


class ShowSourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=re.escape(SOURCES_ID)
):
    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show sources",
                emoji="📄",
                style=discord.ButtonStyle.secondary,
                custom_id=SOURCES_ID,
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ShowSourcesButton:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            record = await _answer_of(interaction)
            if record is None or not (record.citations or record.nearest):
                await send_ephemeral(interaction, GONE if record is None else "No sources.")
                return
            await interaction.response.send_message(
                embed=sources_embed(record), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        except Exception as exc:
            await handle_interaction_error(interaction, exc)


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"corpusbot:vote:(?P<vote>up|down)",
):
    def __init__(self, vote: Vote) -> None:
        super().__init__(
            discord.ui.Button(
                emoji=EMOJI[vote],
                style=discord.ButtonStyle.secondary,
                custom_id=VOTE_ID.format(vote=vote),
            )
        )
        self.vote: Vote = vote

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> VoteButton:
        vote: Literal["up", "down"] = "up" if match["vote"] == "up" else "down"
        return cls(vote)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            record = await _answer_of(interaction)
            if record is None:
                await send_ephemeral(interaction, GONE)
                return
            outcome = await _bot(interaction).feedback.vote(record, self.vote, interaction.user.id)
            log.info("vote=%s outcome=%s message=%s", self.vote, outcome, record.message_id)
            await send_ephemeral(interaction, THANKS[outcome].format(emoji=EMOJI[self.vote]))
        except Exception as exc:
            await handle_interaction_error(interaction, exc)


def answer_buttons() -> discord.ui.View:
    """A fresh view with the three buttons, to send under an answer."""
    view = discord.ui.View(timeout=None)
    view.add_item(ShowSourcesButton())
    view.add_item(VoteButton("up"))
    view.add_item(VoteButton("down"))
    return view


ANSWER_BUTTONS = (ShowSourcesButton, VoteButton)
