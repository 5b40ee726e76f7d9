"""The last few question/answer turns per Discord thread or reply chain, in a bounded LRU.

A conversation is keyed by the thread it happens in, or else by the first message of its
reply chain. Every question and answer message id is linked to its conversation, so a reply
to any of them (or a thread opened on one of them) continues it. With a ``ConversationStore``
the turns are also kept on disk (``persist``) and loaded at start (``load``): follow-ups work
across a restart.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

import discord

from bot.exts.qa.conversation_store import ConversationStore
from retrieval.answer.types import Answer

ConversationKey = tuple[Literal["thread", "chain"], int]

MAX_CONVERSATIONS = 1024
TURNS_KEPT = 6
MAX_LINKED_MESSAGES = 8192


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer


class ConversationMemory:
    def __init__(
        self,
        max_conversations: int = MAX_CONVERSATIONS,
        turns_kept: int = TURNS_KEPT,
        max_linked_messages: int = MAX_LINKED_MESSAGES,
        store_path: Path | None = None,
    ) -> None:
        self.max_conversations = max_conversations
        self.turns_kept = turns_kept
        self.max_linked_messages = max_linked_messages
        self.store = (
            ConversationStore(store_path, turns_kept, max_conversations, max_linked_messages)
            if store_path is not None
            else None
        )
        self._turns: OrderedDict[ConversationKey, deque[Turn]] = OrderedDict()
        self._by_message: OrderedDict[int, ConversationKey] = OrderedDict()

    def __len__(self) -> int:
        return len(self._turns)

    def key_for_message(self, message_id: int) -> ConversationKey | None:
        """The conversation a question or answer message belongs to, if remembered."""
        key = self._by_message.get(message_id)
        if key is not None:
            self._by_message.move_to_end(message_id)
        return key

    def turns(self, key: ConversationKey) -> list[Turn]:
        return list(self._turns.get(key, ()))

    def previous_answer(self, key: ConversationKey) -> Answer | None:
        """The latest answer of the conversation that found something (what follow-ups refer
        to; an "archive doesn't cover that" turn has nothing to refer to)."""
        for turn in reversed(self._turns.get(key, ())):
            if turn.answer.found:
                return turn.answer
        return None

    def remember(self, key: ConversationKey, turn: Turn, message_ids: Iterable[int]) -> None:
        turns = self._turns.get(key)
        if turns is None:
            turns = self._turns[key] = deque(maxlen=self.turns_kept)
        turns.append(turn)
        self._turns.move_to_end(key)
        while len(self._turns) > self.max_conversations:
            self._turns.popitem(last=False)
        for message_id in message_ids:
            self._by_message[message_id] = key
            self._by_message.move_to_end(message_id)
        while len(self._by_message) > self.max_linked_messages:
            self._by_message.popitem(last=False)

    # --- on disk (blocking: call these off the event loop)
    def persist(self, key: ConversationKey, turn: Turn, message_ids: Iterable[int]) -> None:
        if self.store is not None:
            self.store.save(key, turn.question, turn.answer, message_ids)

    def load(self) -> int:
        """Fill the memory with the conversations kept on disk; how many there are."""
        if self.store is None:
            return 0
        turns, links = self.store.load()
        for stored in turns:
            self.remember(_key(stored.key), Turn(stored.question, stored.answer), ())
        for message_id, key in links:
            self._by_message[message_id] = _key(key)
            self._by_message.move_to_end(message_id)
        while len(self._by_message) > self.max_linked_messages:
            self._by_message.popitem(last=False)
        return len(self._turns)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _key(key: tuple[str, int]) -> ConversationKey:
    kind, key_id = key
    if kind not in ("thread", "chain"):
        raise ValueError(f"not a conversation kind: {kind!r}")
    return cast(ConversationKey, (kind, int(key_id)))


def conversation_key(
    memory: ConversationMemory, channel: object, reference_id: int | None, origin_id: int
) -> ConversationKey:
    """Which conversation a new question continues: the one of the message it replies to, else
    the thread's (a thread opened on an answer continues that answer's chain), else a new chain
    starting at ``origin_id``."""
    if reference_id is not None:
        key = memory.key_for_message(reference_id)
        if key is not None:
            return key
    if isinstance(channel, discord.Thread):
        return memory.key_for_message(channel.id) or ("thread", channel.id)
    return ("chain", origin_id)
