"""Per-user question cooldown: at most ``rate`` questions per ``per`` seconds per user.

Shared by @mentions, /ask and /sources. A refused user is told once per window to slow down;
further questions in the same window are dropped without a reply, so a flood gets one answer,
not one per message.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from discord.ext import commands

from bot.exts.core.errors import UserFacingError

MAX_TRACKED_USERS = 10_000


@dataclass(frozen=True)
class CooldownVerdict:
    retry_after: float = 0.0  # seconds until the user may ask again; 0 = go ahead
    first_refusal: bool = False  # the first refusal in this window: tell the user

    @property
    def allowed(self) -> bool:
        return self.retry_after <= 0


class QuestionOnCooldown(UserFacingError):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, math.ceil(retry_after))
        super().__init__(f"Slow down — you can ask again in {seconds} s.")


@dataclass
class _UserBucket:
    cooldown: commands.Cooldown
    warned_until: float | None = None


class QuestionCooldown:
    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.time) -> None:
        self.rate = rate
        self.per = per
        self.clock = clock
        self._buckets: dict[int, _UserBucket] = {}

    @property
    def enabled(self) -> bool:
        return self.rate > 0 and self.per > 0

    def check(self, user_id: int) -> CooldownVerdict:
        """Count a question by ``user_id`` and say whether it may be answered."""
        if not self.enabled:
            return CooldownVerdict()
        now = self.clock()
        if len(self._buckets) >= MAX_TRACKED_USERS:
            self._forget_idle(now)
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _UserBucket(commands.Cooldown(self.rate, self.per))
        retry_after = bucket.cooldown.update_rate_limit(now)
        if not retry_after:
            return CooldownVerdict()
        reset_at = round(now + retry_after, 3)  # the same for every refusal in one window
        first = bucket.warned_until != reset_at
        bucket.warned_until = reset_at
        return CooldownVerdict(retry_after, first)

    def _forget_idle(self, now: float) -> None:
        idle = [uid for uid, b in self._buckets.items() if b.cooldown.get_tokens(now) >= self.rate]
        for uid in idle:
            del self._buckets[uid]
