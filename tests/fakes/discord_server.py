"""A fake Discord (REST API v10 + JSON gateway) on 127.0.0.1 for end-to-end tests.

The real discord.py client talks to it unchanged once ``discord.http.Route.BASE`` and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` point at it (see ``discord_fixtures.py``).

World: one guild (:data:`GUILD_ID`) owned by a user who is not cached (:data:`OWNER_ID`), with
the roles @everyone (id = guild id), "Admin" (Administrator + Manage Guild) and the bot's managed
role, two text channels (:data:`CHANNEL_ID`, :data:`OTHER_CHANNEL_ID`) and three members: the
bot (:data:`BOT_USER`), a plain user (:data:`USER`) and an admin (:data:`ADMIN`).

Test-side injection (``send_message``, ``send_interaction``, ``click_button``, ``create_thread``)
dispatches gateway events; everything the client sends is recorded in :attr:`FakeDiscord.requests`
and can be awaited with ``wait_for_request`` / ``wait_for_messages`` / ``wait_for_callback`` /
``wait_for_followups``.

Behaviour copied from Discord because bots get it wrong:
- message content is blanked for a client without the MESSAGE_CONTENT intent unless the bot is
  mentioned; guild MESSAGE_CREATE needs the GUILD_MESSAGES intent;
- messages are validated (empty message, content > 2000 characters, embed and component limits)
  and rejected with 400 / code 50006 or 50035 like Discord;
- an interaction must be answered within ``interaction_deadline`` seconds (3 s) and only once
  (404 code 10062, 400 code 40060); follow-ups before the initial response get 404 code 10015;
- the bot's own visible messages come back as MESSAGE_CREATE (``echo_bot_messages``).

Not supported: DMs, several guilds, channel permission overwrites (permissions are guild-level),
presences, voice, modals (a type 9 callback is recorded, but nothing submits it), autocomplete
injection, forum channels, polls, stickers, rate limits (no 429s), ETF encoding and zlib
compression (the client's ``compress`` query parameter is ignored and frames are plain JSON
text), replay of missed events on RESUME, and most REST routes outside the ones in
``_add_routes`` (they get 404 ``{"message": "404: Not Found", "code": 0}``).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import BodyPartReader, WSMsgType, web

JSON = dict[str, Any]
T = TypeVar("T")
log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000

# --- permission bits (https://discord.com/developers/docs/topics/permissions) ---------------
CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_THREADS = 1 << 34
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)
ADMIN_ROLE_PERMISSIONS = ADMINISTRATOR | MANAGE_GUILD
BOT_ROLE_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | SEND_MESSAGES_IN_THREADS
    | CREATE_PUBLIC_THREADS
    | MANAGE_THREADS
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
)

# --- gateway intents -----------------------------------------------------------------------
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_REACTIONS = 1 << 10
INTENT_MESSAGE_CONTENT = 1 << 15

# --- message flags -------------------------------------------------------------------------
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

# --- interaction callback types ------------------------------------------------------------
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7

# --- fixed ids of the fake world -----------------------------------------------------------
APPLICATION_ID = 1_100_000_000_000_000_100  # == the bot user's id, as for every modern bot
GUILD_ID = 1_100_000_000_000_000_001
CHANNEL_ID = 1_100_000_000_000_000_010
OTHER_CHANNEL_ID = 1_100_000_000_000_000_011
ADMIN_ROLE_ID = 1_100_000_000_000_000_020
BOT_ROLE_ID = 1_100_000_000_000_000_021
OWNER_ID = 1_100_000_000_000_000_203

MAX_CONTENT = 2000
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


@dataclass(frozen=True)
class FakeUser:
    """A Discord user; ``roles`` are the role ids they hold in the fake guild."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    roles: tuple[int, ...] = ()

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def user_payload(self) -> JSON:
        payload: JSON = {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.global_name,
            "discriminator": "0",
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }
        if self.bot:
            payload["bot"] = True
        return payload


BOT_USER = FakeUser(APPLICATION_ID, "corpusbot", None, bot=True, roles=(BOT_ROLE_ID,))
USER = FakeUser(1_100_000_000_000_000_201, "alice", "Alice")
ADMIN = FakeUser(1_100_000_000_000_000_202, "bob_admin", "Bob", roles=(ADMIN_ROLE_ID,))


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _user_id(user: FakeUser | int | str) -> int:
    return user.id if isinstance(user, FakeUser) else int(user)


@dataclass
class RecordedRequest:
    """One REST request the client made. ``path`` has no ``/api/v10`` prefix."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    time: float
    files: list[tuple[str, bytes]] = field(default_factory=list)
    status: int = 0
    response: Any = None

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


@dataclass
class FakeInteraction:
    """An interaction dispatched by the fake, and what the bot did with it."""

    id: int
    token: str
    type: int
    channel_id: int
    user: FakeUser
    payload: JSON
    created_at: float
    callbacks: list[JSON] = field(default_factory=list)  # each {"type": int, "data": ...}
    followups: list[JSON] = field(default_factory=list)  # message objects, in order
    original_message_id: int | None = None
    component_message_id: int | None = None

    @property
    def acknowledged(self) -> bool:
        return bool(self.callbacks)


class FakeDiscordTimeout(AssertionError):
    """A ``wait_for_*`` helper gave up (the message lists the last requests)."""


class FakeDiscordError(AssertionError):
    """The bot task being watched ended while a test was waiting for it."""


@dataclass
class _GatewayConnection:
    ws: web.WebSocketResponse
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    identified: bool = False
    intents: int = 0


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, code: int = 0, errors: JSON | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.errors = errors


def _json_response(data: Any, status: int = 200) -> web.Response:
    # Not web.json_response: discord.py wants the header to be exactly "application/json".
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json"},
    )


def _form_error(field_path: str, code: str, message: str) -> _HTTPError:
    errors: JSON = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(field_path.split(".")):
        errors = {part: errors}
    return _HTTPError(400, "Invalid Form Body", 50035, errors)


_BODY_KEY = web.RequestKey("fake_discord_body", object)
_FILES_KEY = web.RequestKey("fake_discord_files", list)
_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


class FakeDiscord:
    """An in-process fake of Discord's REST API and gateway (one guild, one bot)."""

    def __init__(
        self,
        *,
        interaction_deadline: float | None = 3.0,
        echo_bot_messages: bool = True,
        heartbeat_interval_ms: int = 41_250,
        host: str = "127.0.0.1",
    ) -> None:
        self.interaction_deadline = interaction_deadline
        self.echo_bot_messages = echo_bot_messages
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.host = host
        self.bot_user = BOT_USER
        self.application_id = APPLICATION_ID
        self.guild_id = GUILD_ID
        self.channel_id = CHANNEL_ID
        self.owner_id = OWNER_ID

        # Everything the client did / the fake holds; tests may read these directly.
        self.requests: list[RecordedRequest] = []
        self.gateway_frames: list[JSON] = []  # every frame received from clients
        self.identify_payloads: list[JSON] = []
        self.messages: dict[int, JSON] = {}  # every message (users' and bot's) by id
        self.posted: dict[int, list[JSON]] = {}  # visible messages the bot posted, per channel
        self.reactions: list[JSON] = []  # {channel_id, message_id, emoji, user_id}
        self.typing: list[int] = []  # channel ids the bot typed in
        self.interactions: dict[int, FakeInteraction] = {}
        self.commands: dict[int | None, list[JSON]] = {}  # guild id (None: global) -> commands
        self.attachments: dict[int, bytes] = {}
        self.server_errors: list[Exception] = []  # bugs of the fake itself (answered with 400)

        self.members: dict[int, FakeUser] = {u.id: u for u in (BOT_USER, USER, ADMIN)}
        self.roles: dict[int, JSON] = {
            GUILD_ID: self._role(GUILD_ID, "@everyone", EVERYONE_PERMISSIONS, 0),
            ADMIN_ROLE_ID: self._role(ADMIN_ROLE_ID, "Admin", ADMIN_ROLE_PERMISSIONS, 2),
            BOT_ROLE_ID: self._role(BOT_ROLE_ID, "corpusbot", BOT_ROLE_PERMISSIONS, 1, bot=True),
        }
        self.channels: dict[int, JSON] = {
            CHANNEL_ID: self._text_channel(CHANNEL_ID, "general", 0),
            OTHER_CHANNEL_ID: self._text_channel(OTHER_CHANNEL_ID, "random", 1),
        }
        self.threads: dict[int, JSON] = {}
        self.session_id = "fake-session-" + secrets.token_hex(8)
        self.joined_at = now_iso()

        self._connections: list[_GatewayConnection] = []
        self._last_intents = 0
        self._seq = 0
        self._snowflake_counter = itertools.count()
        self._last_snowflake = 0
        self._cond: asyncio.Condition | None = None
        self._watched: list[asyncio.Task[Any]] = []
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        self._cond = asyncio.Condition()
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._add_routes(app.router)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"fake discord shutting down")
        self._connections.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """Value for ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` (as a yarl.URL)."""
        return f"ws://{self.host}:{self.port}/gateway"

    @property
    def connected(self) -> bool:
        """Whether a client has identified (or resumed) on the gateway."""
        return any(c.identified and not c.ws.closed for c in self._connections)

    def watch(self, task: asyncio.Task[Any]) -> None:
        """Make every ``wait_*`` helper fail at once if ``task`` (``bot.start()``) dies."""
        self._watched.append(task)

    # ------------------------------------------------------------------ world payloads
    def snowflake(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (next(self._snowflake_counter) & 0xFFF)
        value = max(value, self._last_snowflake + 1)
        self._last_snowflake = value
        return value

    @staticmethod
    def _role(role_id: int, name: str, permissions: int, position: int, bot: bool = False) -> JSON:
        role: JSON = {
            "id": str(role_id),
            "name": name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": bot,
            "mentionable": False,
            "flags": 0,
        }
        if bot:
            role["tags"] = {"bot_id": str(APPLICATION_ID)}
        return role

    @staticmethod
    def _text_channel(channel_id: int, name: str, position: int) -> JSON:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(GUILD_ID),
            "name": name,
            "position": position,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
            "default_auto_archive_duration": 1440,
            "default_thread_rate_limit_per_user": 0,
        }

    def permissions_of(self, user: FakeUser) -> int:
        """Guild-level permissions (no channel overwrites exist in the fake)."""
        if user.id == self.owner_id:
            return ALL_PERMISSIONS
        perms = int(self.roles[GUILD_ID]["permissions"])
        for role_id in user.roles:
            role = self.roles.get(role_id)
            if role is not None:
                perms |= int(role["permissions"])
        return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms

    def member_payload(self, user: FakeUser, *, with_user: bool = True) -> JSON:
        member: JSON = {
            "roles": [str(r) for r in user.roles],
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "banner": None,
            "communication_disabled_until": None,
        }
        if with_user:
            member["user"] = user.user_payload()
        return member

    def guild_payload(self, *, all_members: bool = True) -> JSON:
        """The GUILD_CREATE payload of the fake guild.

        Without ``all_members`` (a client without the GUILD_MEMBERS intent) only the bot's own
        member is included, as on Discord."""
        members = [u for u in self.members.values() if all_members or u.id == BOT_USER.id]
        return {
            "id": str(GUILD_ID),
            "name": "Fake Guild",
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": list(self.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(CHANNEL_ID),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500_000,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": self.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members) + 1,  # + the owner, who is not cached
            "voice_states": [],
            "members": [self.member_payload(u) for u in members],
            "channels": list(self.channels.values()),
            "threads": list(self.threads.values()),
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def application_payload(self) -> JSON:
        return {
            "id": str(APPLICATION_ID),
            "name": BOT_USER.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "owner": FakeUser(self.owner_id, "owner").user_payload(),
            "team": None,
            "flags": (1 << 19) | (1 << 23),
            "hook": True,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "rpc_origins": [],
            "tags": [],
            "approximate_guild_count": 1,
            "bot": BOT_USER.user_payload(),
        }

    def channel_or_thread(self, channel_id: int | str) -> JSON | None:
        cid = int(channel_id)
        return self.channels.get(cid) or self.threads.get(cid)

    def _user(self, user_id: int) -> FakeUser:
        if user_id == self.owner_id:
            return FakeUser(self.owner_id, "owner")
        return self.members.get(user_id) or FakeUser(user_id, f"user{user_id}")

    # ------------------------------------------------------------------ waiting
    async def _notify(self) -> None:
        if self._cond is None:
            return
        async with self._cond:
            self._cond.notify_all()

    async def wait_until(
        self, check: Callable[[], T | None], *, timeout: float = 5.0, what: str = "a condition"
    ) -> T:
        """Wait until ``check()`` returns something truthy and return that.

        ``check`` is re-run on every change of the fake's state and every 10 ms, so it may also
        look at state the test or the bot keeps. Fails fast if a watched bot task dies."""
        result = check()
        if result:
            return result
        cond = self._cond
        if cond is None:
            raise RuntimeError("FakeDiscord is not started")

        async def waiter() -> T:
            # Woken by every change of the fake's state; also polls, for checks on test state.
            while True:
                async with cond:
                    result = check()
                    if result:
                        return result
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(cond.wait(), 0.01)

        wait_task = asyncio.create_task(waiter())
        watched = [
            t
            for t in self._watched
            if not (t.done() and not t.cancelled() and t.exception() is None)
        ]
        try:
            done, _ = await asyncio.wait(
                {wait_task, *watched}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            if not wait_task.done():
                wait_task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await wait_task
        if wait_task in done:
            return wait_task.result()
        for task in watched:
            if task in done:
                exc = None if task.cancelled() else task.exception()
                raise FakeDiscordError(
                    f"the bot task ended ({exc!r}) while waiting for {what}"
                ) from exc
        recent = "\n".join(f"  {r!r} {json.dumps(r.json)[:200]}" for r in self.requests[-10:])
        raise FakeDiscordTimeout(
            f"timed out after {timeout}s waiting for {what}; last requests:\n{recent or '  none'}"
        )

    async def wait_for_request(
        self, predicate: Callable[[RecordedRequest], bool], timeout: float = 5.0
    ) -> RecordedRequest:
        """The first recorded request (past or future) matching ``predicate``."""

        def check() -> RecordedRequest | None:
            return next((r for r in self.requests if predicate(r)), None)

        return await self.wait_until(check, timeout=timeout, what="a matching request")

    async def wait_for_messages(
        self, channel_id: int | str, count: int = 1, timeout: float = 5.0
    ) -> list[JSON]:
        """All visible messages the bot posted in the channel, once there are ``count``."""
        cid = int(channel_id)
        if count <= 0:
            return list(self.posted.get(cid, []))

        def check() -> list[JSON] | None:
            posted = self.posted.get(cid, [])
            return list(posted) if len(posted) >= count else None

        return await self.wait_until(
            check, timeout=timeout, what=f"{count} bot message(s) in channel {cid}"
        )

    async def wait_for_callback(
        self, interaction: FakeInteraction | int, timeout: float = 5.0
    ) -> JSON:
        """The initial response ``{"type", "data"}`` the bot gave to an interaction."""
        record = self._interaction(interaction)
        return await self.wait_until(
            lambda: record.callbacks[0] if record.callbacks else None,
            timeout=timeout,
            what=f"the response to interaction {record.id}",
        )

    async def wait_for_followups(
        self, interaction: FakeInteraction | int, count: int = 1, timeout: float = 5.0
    ) -> list[JSON]:
        """The follow-up messages of an interaction, once there are ``count``."""
        record = self._interaction(interaction)
        return await self.wait_until(
            lambda: list(record.followups) if len(record.followups) >= count else None,
            timeout=timeout,
            what=f"{count} follow-up(s) to interaction {record.id}",
        )

    def _interaction(self, interaction: FakeInteraction | int) -> FakeInteraction:
        # By id, so that a record from another import of this module (tests.fakes.x vs fakes.x)
        # works too.
        key: Any = getattr(interaction, "id", interaction)
        return self.interactions[int(key)]

    def requests_to(self, method: str, path_pattern: str) -> list[RecordedRequest]:
        """Recorded requests whose method matches and whose path matches the regex fully."""
        rx = re.compile(path_pattern)
        return [r for r in self.requests if r.method == method and rx.fullmatch(r.path)]

    # ------------------------------------------------------------------ gateway
    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = _GatewayConnection(ws)
        self._connections.append(conn)
        try:
            await self._send(
                conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for msg in ws:
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    frame = json.loads(msg.data)
                    self.gateway_frames.append(frame)
                    await self._on_frame(conn, frame)
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            if conn in self._connections:
                self._connections.remove(conn)
        return ws

    async def _send(self, conn: _GatewayConnection, frame: JSON) -> None:
        frame.setdefault("s", None)
        frame.setdefault("t", None)
        async with conn.lock:
            if not conn.ws.closed:
                await conn.ws.send_str(json.dumps(frame))

    async def _on_frame(self, conn: _GatewayConnection, frame: JSON) -> None:
        op = frame.get("op")
        raw = frame.get("d")
        data: JSON = raw if isinstance(raw, dict) else {}
        if op == 1:  # heartbeat
            await self._send(conn, {"op": 11})
        elif op == 2:  # identify
            self.identify_payloads.append(data)
            conn.intents = self._last_intents = int(data.get("intents", 0))
            conn.identified = True
            shard = data.get("shard") or [0, 1]
            ready: JSON = {
                "v": 10,
                "user": {**BOT_USER.user_payload(), "verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                "session_id": self.session_id,
                "session_type": "normal",
                "resume_gateway_url": self.gateway_url,
                "shard": shard,
                "application": {"id": str(APPLICATION_ID), "flags": (1 << 19) | (1 << 23)},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "user_settings": {},
                "auth": {},
            }
            await self._send_event(conn, "READY", ready)
            all_members = bool(conn.intents & INTENT_GUILD_MEMBERS)
            await self._send_event(
                conn, "GUILD_CREATE", self.guild_payload(all_members=all_members)
            )
        elif op == 6:  # resume
            conn.intents = self._last_intents
            conn.identified = True
            await self._send_event(conn, "RESUMED", {})
        elif op == 8:  # request guild members
            await self._send_event(conn, "GUILD_MEMBERS_CHUNK", self._members_chunk(data))
        await self._notify()

    def _members_chunk(self, data: JSON) -> JSON:
        users = list(self.members.values())
        user_ids = data.get("user_ids")
        if user_ids is not None:
            wanted = {int(u) for u in ([user_ids] if isinstance(user_ids, str | int) else user_ids)}
            users = [u for u in users if u.id in wanted]
        else:
            query = (data.get("query") or "").lower()
            users = [u for u in users if u.username.lower().startswith(query)]
            if data.get("limit"):
                users = users[: int(data["limit"])]
        chunk: JSON = {
            "guild_id": str(GUILD_ID),
            "members": [self.member_payload(u) for u in users],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        return chunk

    async def _send_event(self, conn: _GatewayConnection, event: str, data: JSON) -> None:
        self._seq += 1
        await self._send(conn, {"op": 0, "t": event, "s": self._seq, "d": data})

    async def dispatch(self, event: str, data: JSON, *, intent: int = 0) -> int:
        """Send a DISPATCH to every identified client (with ``intent``, if non-zero).

        Returns how many connections got it."""
        sent = 0
        for conn in list(self._connections):
            if not conn.identified or conn.ws.closed:
                continue
            if intent and not conn.intents & intent:
                continue
            await self._send_event(conn, event, copy.deepcopy(data))
            sent += 1
        return sent

    async def _dispatch_message(self, event: str, message: JSON) -> None:
        """MESSAGE_CREATE/UPDATE, with the content blanked as for a client without the intent."""
        bot_mentioned = any(int(m["id"]) == BOT_USER.id for m in message.get("mentions", []))
        from_bot = int(message["author"]["id"]) == BOT_USER.id
        for conn in list(self._connections):
            if not conn.identified or conn.ws.closed:
                continue
            if not conn.intents & INTENT_GUILD_MESSAGES:
                continue
            data = copy.deepcopy(message)
            if not conn.intents & INTENT_MESSAGE_CONTENT and not (bot_mentioned or from_bot):
                data.update(content="", embeds=[], attachments=[], components=[])
            await self._send_event(conn, event, data)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client closes and RESUMEs (then gets RESUMED)."""
        for conn in list(self._connections):
            await self._send(conn, {"op": 7, "d": None})

    def _require_gateway(self) -> None:
        if not self.connected:
            raise RuntimeError("no client is connected to the fake gateway (was the bot started?)")

    # ------------------------------------------------------------------ test-side injection
    async def send_message(
        self,
        channel_id: int | str,
        content: str,
        author: FakeUser = USER,
        mentions: Sequence[FakeUser | int] | None = None,
        message_reference: int | str | JSON | None = None,
        thread: bool = False,
        *,
        mention_roles: Sequence[int] | None = None,
        mention_everyone: bool | None = None,
        embeds: Sequence[JSON] = (),
    ) -> JSON:
        """A user posts a message: dispatches MESSAGE_CREATE and returns the message.

        ``mentions``/``mention_roles``/``mention_everyone`` default to what ``content`` mentions
        (``<@id>``, ``<@&id>``, ``@everyone``/``@here``). ``message_reference`` is a message id
        (or a message/reference dict) to reply to. ``thread=True`` asserts that ``channel_id`` is a
        thread."""
        self._require_gateway()
        cid = int(channel_id)
        if self.channel_or_thread(cid) is None:
            raise ValueError(f"unknown channel {cid}")
        if thread and cid not in self.threads:
            raise ValueError(f"channel {cid} is not a thread (use create_thread first)")
        reference: JSON | None = None
        if message_reference is not None:
            ref_id: Any = message_reference
            if isinstance(message_reference, Mapping):
                ref_id = message_reference.get("message_id", message_reference.get("id"))
            referenced = self.messages.get(int(ref_id))
            reference = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": referenced["channel_id"] if referenced else str(cid),
                "guild_id": str(GUILD_ID),
            }
        message = self._build_message(
            channel_id=cid,
            author=author,
            content=content,
            embeds=list(embeds),
            message_reference=reference,
            mentions=mentions,
            mention_roles=mention_roles,
            mention_everyone=mention_everyone,
        )
        self._store(message, posted=False)
        await self._dispatch_message("MESSAGE_CREATE", message)
        await self._notify()
        return message

    async def send_interaction(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[JSON] | None = None,
        user: FakeUser = USER,
        channel_id: int | str = CHANNEL_ID,
        *,
        locale: str = "en-US",
        resolved: JSON | None = None,
    ) -> FakeInteraction:
        """A user runs ``/name``: dispatches INTERACTION_CREATE type 2 (chat input command).

        ``name`` may be ``"cmd sub"`` or ``"cmd group sub"`` for subcommands. ``options`` maps
        option names to values; their types come from the synced command (PUT .../commands) or
        else from the Python type; a :class:`FakeUser`, a role id or a channel id is resolved for
        user/role/channel options. A list of raw option dicts is passed through unchanged."""
        self._require_gateway()
        cid = int(channel_id)
        parts = name.split()
        command = self._find_command(parts[0])
        schema: list[JSON] | None = command.get("options", []) if command else None
        res: JSON = copy.deepcopy(resolved) if resolved else {}
        if options is None:
            built: list[JSON] = []
        elif isinstance(options, Mapping):
            leaf_schema = schema
            for sub in parts[1:]:
                leaf_schema = self._sub_schema(leaf_schema, sub)
            built = self._build_options(options, leaf_schema, res)
        else:
            built = [dict(o) for o in options]
        for sub, sub_type in reversed(
            list(zip(parts[1:], self._sub_types(schema, parts[1:]), strict=True))
        ):
            built = [{"name": sub, "type": sub_type, "options": built}]
        data: JSON = {
            "id": command["id"] if command else str(self.snowflake()),
            "name": parts[0],
            "type": 1,
            "options": built,
        }
        if command and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if res:
            data["resolved"] = res
        record = self._new_interaction(2, user, cid, data, locale=locale)
        await self.dispatch("INTERACTION_CREATE", record.payload)
        await self._notify()
        return record

    async def click_button(
        self, message: JSON | int | str, custom_id: str, user: FakeUser = USER
    ) -> FakeInteraction:
        """A user clicks a button of a stored message: INTERACTION_CREATE type 3."""
        return await self.send_component_interaction(message, custom_id, 2, user=user)

    async def send_component_interaction(
        self,
        message: JSON | int | str,
        custom_id: str,
        component_type: int = 2,
        *,
        values: Sequence[str] | None = None,
        user: FakeUser = USER,
    ) -> FakeInteraction:
        """A user uses a component (2 button, 3 string select, ...) of a stored message."""
        self._require_gateway()
        mid = int(message["id"]) if isinstance(message, Mapping) else int(message)
        stored = self.messages.get(mid)
        if stored is None:
            raise ValueError(f"unknown message {mid}")
        if not self._has_component(stored.get("components", []), custom_id):
            raise ValueError(f"message {mid} has no component with custom_id {custom_id!r}")
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        record = self._new_interaction(
            3, user, int(stored["channel_id"]), data, message=copy.deepcopy(stored)
        )
        record.component_message_id = mid
        await self.dispatch("INTERACTION_CREATE", record.payload)
        await self._notify()
        return record

    async def create_thread(
        self,
        parent_channel_id: int | str,
        from_message_id: int | str | None = None,
        *,
        name: str = "thread",
        owner: FakeUser = USER,
    ) -> JSON:
        """A user opens a public thread (from a message: the thread gets the message's id).

        Dispatches THREAD_CREATE and returns the thread channel object."""
        self._require_gateway()
        thread = self._new_thread(int(parent_channel_id), from_message_id, name, owner)
        await self.dispatch(
            "THREAD_CREATE", {**thread, "newly_created": True}, intent=INTENT_GUILDS
        )
        await self._notify()
        return thread

    # ------------------------------------------------------------------ builders
    def _new_interaction(
        self,
        type_: int,
        user: FakeUser,
        channel_id: int,
        data: JSON,
        *,
        message: JSON | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        channel = self.channel_or_thread(channel_id)
        if channel is None:
            raise ValueError(f"unknown channel {channel_id}")
        iid = self.snowflake()
        token = "itoken." + secrets.token_urlsafe(24)
        member = self.member_payload(user)
        member["permissions"] = str(self.permissions_of(user))
        payload: JSON = {
            "id": str(iid),
            "application_id": str(APPLICATION_ID),
            "type": type_,
            "data": data,
            "guild_id": str(GUILD_ID),
            "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": {**channel, "permissions": member["permissions"]},
            "member": member,
            "token": token,
            "version": 1,
            "app_permissions": str(self.permissions_of(BOT_USER)),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if message is not None:
            payload["message"] = message
        record = FakeInteraction(
            id=iid,
            token=token,
            type=type_,
            channel_id=channel_id,
            user=user,
            payload=payload,
            created_at=time.monotonic(),
        )
        self.interactions[iid] = record
        return record

    def _find_command(self, name: str) -> JSON | None:
        for scope in (GUILD_ID, None):
            for cmd in self.commands.get(scope, []):
                if cmd["name"] == name and cmd.get("type", 1) == 1:
                    return cmd
        return None

    @staticmethod
    def _sub_schema(schema: list[JSON] | None, name: str) -> list[JSON] | None:
        for opt in schema or []:
            if opt.get("name") == name and opt.get("type") in (1, 2):
                return list(opt.get("options", []))
        return None

    def _sub_types(self, schema: list[JSON] | None, names: Sequence[str]) -> list[int]:
        types: list[int] = []
        current = schema
        for i, name in enumerate(names):
            found = next((o for o in current or [] if o.get("name") == name), None)
            types.append(int(found["type"]) if found else (2 if i < len(names) - 1 else 1))
            current = list(found.get("options", [])) if found else None
        return types

    def _build_options(
        self, options: Mapping[str, Any], schema: list[JSON] | None, resolved: JSON
    ) -> list[JSON]:
        built: list[JSON] = []
        for name, value in options.items():
            declared = next((o for o in schema or [] if o.get("name") == name), None)
            if declared is not None:
                opt_type = int(declared["type"])
            elif isinstance(value, FakeUser):
                opt_type = 6
            elif isinstance(value, bool):
                opt_type = 5
            elif isinstance(value, int):
                opt_type = 4
            elif isinstance(value, float):
                opt_type = 10
            else:
                opt_type = 3
            if opt_type in (6, 7, 8, 9):
                value = self._resolve_option(opt_type, value, resolved)
            built.append({"name": name, "type": opt_type, "value": value})
        return built

    def _resolve_option(self, opt_type: int, value: Any, resolved: JSON) -> str:
        oid = _user_id(value) if isinstance(value, FakeUser | int | str) else int(value)
        if opt_type in (6, 9) and (isinstance(value, FakeUser) or oid in self.members):
            user = value if isinstance(value, FakeUser) else self.members[oid]
            resolved.setdefault("users", {})[str(oid)] = user.user_payload()
            member = self.member_payload(user, with_user=False)
            member["permissions"] = str(self.permissions_of(user))
            resolved.setdefault("members", {})[str(oid)] = member
        elif opt_type in (8, 9) and oid in self.roles:
            resolved.setdefault("roles", {})[str(oid)] = self.roles[oid]
        elif opt_type == 7 and self.channel_or_thread(oid) is not None:
            channel = self.channel_or_thread(oid)
            assert channel is not None
            resolved.setdefault("channels", {})[str(oid)] = {
                **channel,
                "permissions": str(ALL_PERMISSIONS),
            }
        return str(oid)

    @staticmethod
    def _has_component(components: Iterable[JSON], custom_id: str) -> bool:
        for comp in components:
            if comp.get("custom_id") == custom_id:
                return True
            if FakeDiscord._has_component(comp.get("components", []), custom_id):
                return True
            accessory = comp.get("accessory")
            if isinstance(accessory, Mapping) and accessory.get("custom_id") == custom_id:
                return True
        return False

    def _new_thread(
        self, parent_id: int, from_message_id: int | str | None, name: str, owner: FakeUser
    ) -> JSON:
        if parent_id not in self.channels:
            raise _HTTPError(404, "Unknown Channel", 10003)
        if from_message_id is not None:
            tid = int(from_message_id)
            starter = self.messages.get(tid)
            if starter is None:
                raise _HTTPError(404, "Unknown Message", 10008)
            if tid in self.threads:
                raise _HTTPError(400, "A thread has already been created for this message", 160004)
        else:
            tid = self.snowflake()
        stamp = now_iso()
        thread: JSON = {
            "id": str(tid),
            "type": 11,
            "guild_id": str(GUILD_ID),
            "parent_id": str(parent_id),
            "owner_id": str(owner.id),
            "name": name,
            "last_message_id": None,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": stamp,
                "locked": False,
                "create_timestamp": stamp,
            },
        }
        self.threads[tid] = thread
        if from_message_id is not None:
            self.messages[tid]["thread"] = thread
        return thread

    def _mentions(
        self,
        content: str,
        *,
        mentions: Sequence[FakeUser | int] | None,
        mention_roles: Sequence[int] | None,
        mention_everyone: bool | None,
        allowed: JSON | None = None,
        replied_user: FakeUser | None = None,
    ) -> tuple[list[JSON], list[str], bool]:
        parse = None if allowed is None else set(allowed.get("parse", []))
        if mentions is None:
            ids = [int(m) for m in _USER_MENTION.findall(content)]
            if parse is not None and "users" not in parse:
                allowed_ids = {int(u) for u in allowed.get("users", [])} if allowed else set()
                ids = [i for i in ids if i in allowed_ids]
            users = [self._user(i) for i in dict.fromkeys(ids)]
        else:
            users = [m if isinstance(m, FakeUser) else self._user(int(m)) for m in mentions]
        replied_ok = allowed is None or allowed.get("replied_user", True)
        if (
            mentions is None
            and replied_user is not None
            and replied_ok
            and all(u.id != replied_user.id for u in users)
        ):
            users.append(replied_user)
        if mention_roles is None:
            role_ids = [int(r) for r in _ROLE_MENTION.findall(content)]
            if parse is not None and "roles" not in parse:
                allowed_roles = {int(r) for r in allowed.get("roles", [])} if allowed else set()
                role_ids = [r for r in role_ids if r in allowed_roles]
        else:
            role_ids = [int(r) for r in mention_roles]
        if mention_everyone is None:
            mention_everyone = ("@everyone" in content or "@here" in content) and (
                parse is None or "everyone" in parse
            )
        mention_objs: list[JSON] = []
        for user in users:
            obj = user.user_payload()
            if user.id in self.members:
                obj["member"] = self.member_payload(user, with_user=False)
            mention_objs.append(obj)
        return mention_objs, [str(r) for r in dict.fromkeys(role_ids)], bool(mention_everyone)

    def _build_message(
        self,
        *,
        channel_id: int,
        author: FakeUser,
        content: str,
        embeds: list[JSON] | None = None,
        components: list[JSON] | None = None,
        attachments: list[JSON] | None = None,
        flags: int = 0,
        message_reference: JSON | None = None,
        mentions: Sequence[FakeUser | int] | None = None,
        mention_roles: Sequence[int] | None = None,
        mention_everyone: bool | None = None,
        allowed_mentions: JSON | None = None,
        webhook_id: int | None = None,
        message_type: int | None = None,
        tts: bool = False,
        nonce: Any = None,
    ) -> JSON:
        referenced: JSON | None = None
        replied_user: FakeUser | None = None
        if message_reference is not None:
            ref_id = message_reference.get("message_id")
            found = self.messages.get(int(ref_id)) if ref_id is not None else None
            if found is not None:
                referenced = {k: v for k, v in found.items() if k != "referenced_message"}
                replied_user = self._user(int(found["author"]["id"]))
        mention_objs, role_ids, everyone = self._mentions(
            content,
            mentions=mentions,
            mention_roles=mention_roles,
            mention_everyone=mention_everyone,
            allowed=allowed_mentions,
            replied_user=replied_user,
        )
        if message_type is None:
            message_type = 19 if message_reference is not None else 0
        message: JSON = {
            "id": str(self.snowflake()),
            "type": message_type,
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": author.user_payload(),
            "member": self.member_payload(author, with_user=False),
            "content": content,
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": tts,
            "mention_everyone": everyone,
            "mentions": mention_objs,
            "mention_roles": role_ids,
            "mention_channels": [],
            "attachments": attachments or [],
            "embeds": [{"type": "rich", **e} for e in embeds or []],
            "components": components or [],
            "reactions": [],
            "pinned": False,
            "flags": flags,
        }
        if nonce is not None:
            message["nonce"] = nonce
        if webhook_id is not None:
            message["webhook_id"] = str(webhook_id)
            message["application_id"] = str(APPLICATION_ID)
        if message_reference is not None:
            message["message_reference"] = {
                k: v for k, v in message_reference.items() if k != "fail_if_not_exists"
            }
            message["referenced_message"] = referenced
        if allowed_mentions is not None:
            message["allowed_mentions"] = allowed_mentions  # not in Discord's object; for tests
        return message

    def _store(self, message: JSON, *, posted: bool) -> None:
        mid = int(message["id"])
        cid = int(message["channel_id"])
        self.messages[mid] = message
        channel = self.channel_or_thread(cid)
        if channel is not None:
            channel["last_message_id"] = str(mid)
            if cid in self.threads:
                channel["message_count"] += 1
                channel["total_message_sent"] += 1
        if posted:
            self.posted.setdefault(cid, []).append(message)

    def _bot_message_from_body(
        self,
        body: JSON,
        channel_id: int,
        files: list[tuple[str, bytes]],
        *,
        webhook: bool = False,
        message_type: int | None = None,
    ) -> JSON:
        self._validate(body, files)
        reference = body.get("message_reference")
        if reference is not None:
            reference = {k: str(v) if k.endswith("_id") else v for k, v in reference.items()}
            reference.setdefault("type", 0)
            reference.setdefault("channel_id", str(channel_id))
            reference.setdefault("guild_id", str(GUILD_ID))
            ref_id = reference.get("message_id")
            if (
                ref_id is not None
                and int(ref_id) not in self.messages
                and reference.get("fail_if_not_exists", True)
            ):
                raise _form_error(
                    "message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
        return self._build_message(
            channel_id=channel_id,
            author=BOT_USER,
            content=str(body.get("content") or ""),
            embeds=list(body.get("embeds") or []),
            components=list(body.get("components") or []),
            attachments=self._attachments(body, files),
            flags=int(body.get("flags") or 0),
            message_reference=reference,
            allowed_mentions=body.get("allowed_mentions"),
            webhook_id=APPLICATION_ID if webhook else None,
            message_type=message_type,
            tts=bool(body.get("tts", False)),
            nonce=body.get("nonce"),
        )

    def _attachments(self, body: JSON, files: list[tuple[str, bytes]]) -> list[JSON]:
        result: list[JSON] = []
        declared = body.get("attachments") or []
        for index, (filename, data) in enumerate(files):
            meta = declared[index] if index < len(declared) else {}
            aid = self.snowflake()
            self.attachments[aid] = data
            name = meta.get("filename") or filename
            url = f"{self.base_url}/attachments/{aid}/{name}"
            result.append(
                {
                    "id": str(aid),
                    "filename": name,
                    "size": len(data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": "application/octet-stream",
                    "description": meta.get("description"),
                }
            )
        return result

    @staticmethod
    def _validate(body: JSON, files: Sequence[tuple[str, bytes]], *, edit: bool = False) -> None:
        content = body.get("content")
        if content is not None and len(str(content)) > MAX_CONTENT:
            raise _form_error(
                "content", "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_CONTENT} or fewer in length."
            )
        embeds = body.get("embeds") or []
        if len(embeds) > 10:
            raise _form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
        total = 0
        for i, embed in enumerate(embeds):
            limits = {"title": 256, "description": 4096}
            for key, limit in limits.items():
                value = str(embed.get(key) or "")
                total += len(value)
                if len(value) > limit:
                    raise _form_error(
                        f"embeds.{i}.{key}",
                        "BASE_TYPE_MAX_LENGTH",
                        f"Must be {limit} or fewer in length.",
                    )
            fields = embed.get("fields") or []
            if len(fields) > 25:
                raise _form_error(
                    f"embeds.{i}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."
                )
            for j, fld in enumerate(fields):
                for key, limit in (("name", 256), ("value", 1024)):
                    value = str(fld.get(key) or "")
                    total += len(value)
                    if len(value) > limit or (not value.strip() and key == "value"):
                        raise _form_error(
                            f"embeds.{i}.fields.{j}.{key}",
                            "BASE_TYPE_MAX_LENGTH" if value.strip() else "BASE_TYPE_REQUIRED",
                            f"Must be between 1 and {limit} in length.",
                        )
            total += len(str((embed.get("footer") or {}).get("text") or ""))
            total += len(str((embed.get("author") or {}).get("name") or ""))
        if total > 6000:
            raise _form_error(
                "embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size"
            )
        components = body.get("components") or []
        if len(components) > 5 and not int(body.get("flags") or 0) & (1 << 15):
            raise _form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
        for i, row in enumerate(components):
            children = row.get("components") or []
            if row.get("type") == 1 and len(children) > 5:
                raise _form_error(
                    f"components.{i}.components",
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 5 or fewer in length.",
                )
            for j, comp in enumerate(children):
                if len(str(comp.get("custom_id") or "")) > 100:
                    raise _form_error(
                        f"components.{i}.components.{j}.custom_id",
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 100 or fewer in length.",
                    )
                if len(str(comp.get("label") or "")) > 80:
                    raise _form_error(
                        f"components.{i}.components.{j}.label",
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 80 or fewer in length.",
                    )
        if edit:
            return
        empty = (
            not content
            and not embeds
            and not components
            and not files
            and not body.get("sticker_ids")
            and not body.get("poll")
        )
        if empty:
            raise _HTTPError(400, "Cannot send an empty message", 50006)

    async def _publish(self, message: JSON) -> None:
        """Store a visible bot message and echo it on the gateway."""
        self._store(message, posted=True)
        if self.echo_bot_messages:
            await self._dispatch_message("MESSAGE_CREATE", message)

    async def _edit(self, message: JSON, body: JSON, files: list[tuple[str, bytes]]) -> JSON:
        self._validate(body, files, edit=True)
        for key in ("content", "components", "allowed_mentions"):
            if key in body:
                message[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "flags" in body and body["flags"] is not None:
            keep = int(message.get("flags", 0)) & FLAG_EPHEMERAL
            message["flags"] = (int(body["flags"]) & ~FLAG_LOADING) | keep
        if "attachments" in body or files:
            kept_ids = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in message.get("attachments", []) if a["id"] in kept_ids]
            message["attachments"] = kept + self._attachments(
                {"attachments": [a for a in body.get("attachments") or [] if "filename" in a]},
                files,
            )
        message["edited_timestamp"] = now_iso()
        if int(message["id"]) in self._visible_ids() and self.echo_bot_messages:
            await self._dispatch_message("MESSAGE_UPDATE", message)
        return message

    def _visible_ids(self) -> set[int]:
        return {int(m["id"]) for msgs in self.posted.values() for m in msgs}

    # ------------------------------------------------------------------ HTTP plumbing
    def _add_routes(self, router: web.UrlDispatcher) -> None:
        routes: list[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]]] = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("GET", "/guilds/{guild_id}", self._get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._get_guild_roles),
            ("GET", "/guilds/{guild_id}/members", self._get_guild_members),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_guild_member),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("GET", "/channels/{channel_id}/messages", self._get_messages),
            ("POST", "/channels/{channel_id}/messages", self._post_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._patch_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message),
            (
                "PUT",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self._put_reaction,
            ),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self._delete_reaction,
            ),
            ("POST", "/channels/{channel_id}/typing", self._post_typing),
            ("POST", "/channels/{channel_id}/messages/{message_id}/threads", self._thread_from_msg),
            ("POST", "/channels/{channel_id}/threads", self._thread_without_msg),
            ("PUT", "/channels/{channel_id}/thread-members/@me", self._no_content_handler),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("POST", "/applications/{app_id}/commands", self._post_command),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("POST", "/applications/{app_id}/guilds/{guild_id}/commands", self._post_command),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app_id}/{token}", self._followup),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self._get_webhook_msg),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self._patch_webhook_msg),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self._del_webhook_msg),
        ]
        router.add_get("/gateway", self._gateway)
        router.add_get("/attachments/{attachment_id}/{filename}", self._get_attachment)
        for method, path, handler in routes:
            router.add_route(method, API_PREFIX + path, handler)
        router.add_route("*", "/{tail:.*}", self._not_found)

    @web.middleware
    async def _middleware(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        path = request.path
        if not path.startswith(API_PREFIX + "/"):
            return await handler(request)
        record = RecordedRequest(
            method=request.method,
            path=path[len(API_PREFIX) :],
            query=dict(request.query),
            json=None,
            time=time.monotonic(),
        )
        response: web.StreamResponse
        try:
            record.json, record.files = await self._read_body(request)
            request[_BODY_KEY] = record.json
            request[_FILES_KEY] = record.files
            public = record.path.startswith(("/interactions/", "/webhooks/"))
            if not public and not request.headers.get("Authorization", "").startswith("Bot "):
                raise _HTTPError(401, "401: Unauthorized")
            response = await handler(request)
        except _HTTPError as exc:
            body: JSON = {"message": exc.message, "code": exc.code}
            if exc.errors is not None:
                body["errors"] = exc.errors
            response = _json_response(body, exc.status)
        except web.HTTPException as exc:
            response = _json_response(
                {"message": f"{exc.status}: {exc.reason}", "code": 0}, exc.status
            )
        except Exception as exc:
            # A bug in the fake. Not a 5xx: discord.py retries those with back-off for seconds.
            log.exception("FakeDiscord failed on %s %s", request.method, request.path)
            self.server_errors.append(exc)
            response = _json_response({"message": f"FakeDiscord bug: {exc!r}", "code": 0}, 400)
        record.status = response.status
        if isinstance(response, web.Response) and response.body:
            with contextlib.suppress(ValueError, TypeError):
                record.response = json.loads(response.body)  # type: ignore[arg-type]
        self.requests.append(record)
        await self._notify()
        return response

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[tuple[str, bytes]]]:
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            files: list[tuple[str, bytes]] = []
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):  # nested multipart: ignore
                    continue
                data = await part.read(decode=True)
                if part.name == "payload_json":
                    payload = json.loads(data)
                else:
                    files.append((part.filename or part.name or "file", bytes(data)))
            return payload, files
        if not request.can_read_body:
            return None, []
        text = await request.text()
        if not text:
            return None, []
        try:
            return json.loads(text), []
        except ValueError:
            return text, []

    async def _not_found(self, request: web.Request) -> web.Response:
        return _json_response({"message": "404: Not Found", "code": 0}, 404)

    async def _no_content_handler(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    @staticmethod
    def _body(request: web.Request) -> JSON:
        body = request.get(_BODY_KEY)
        return body if isinstance(body, dict) else {}

    @staticmethod
    def _files(request: web.Request) -> list[tuple[str, bytes]]:
        files: list[tuple[str, bytes]] = request.get(_FILES_KEY) or []
        return files

    def _channel_from(self, request: web.Request) -> tuple[int, JSON]:
        cid = int(request.match_info["channel_id"])
        channel = self.channel_or_thread(cid)
        if channel is None:
            raise _HTTPError(404, "Unknown Channel", 10003)
        return cid, channel

    def _message_from(self, request: web.Request) -> JSON:
        cid, _ = self._channel_from(request)
        message = self.messages.get(int(request.match_info["message_id"]))
        if message is None or int(message["channel_id"]) != cid:
            raise _HTTPError(404, "Unknown Message", 10008)
        return message

    # ------------------------------------------------------------------ REST handlers
    async def _get_me(self, request: web.Request) -> web.Response:
        return _json_response({**BOT_USER.user_payload(), "verified": True, "mfa_enabled": False})

    async def _get_user(self, request: web.Request) -> web.Response:
        uid = int(request.match_info["user_id"])
        if uid not in self.members and uid != self.owner_id:
            raise _HTTPError(404, "Unknown User", 10013)
        return _json_response(self._user(uid).user_payload())

    async def _get_application(self, request: web.Request) -> web.Response:
        return _json_response(self.application_payload())

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(int(request.match_info["attachment_id"]))
        if data is None:
            return _json_response({"message": "404: Not Found", "code": 0}, 404)
        return web.Response(body=data, content_type="application/octet-stream")

    @staticmethod
    def _check_guild(request: web.Request) -> None:
        if int(request.match_info["guild_id"]) != GUILD_ID:
            raise _HTTPError(404, "Unknown Guild", 10004)

    async def _get_guild(self, request: web.Request) -> web.Response:
        self._check_guild(request)
        gateway_only = {
            "joined_at", "large", "unavailable", "member_count", "voice_states", "members",
            "channels", "threads", "presences", "stage_instances", "guild_scheduled_events",
            "soundboard_sounds",
        }  # fmt: skip
        guild = {k: v for k, v in self.guild_payload().items() if k not in gateway_only}
        if request.query.get("with_counts", "").lower() in ("1", "true"):
            guild["approximate_member_count"] = len(self.members) + 1
            guild["approximate_presence_count"] = 0
        return _json_response(guild)

    async def _get_guild_channels(self, request: web.Request) -> web.Response:
        self._check_guild(request)
        return _json_response(list(self.channels.values()))

    async def _get_guild_roles(self, request: web.Request) -> web.Response:
        self._check_guild(request)
        return _json_response(list(self.roles.values()))

    async def _get_guild_members(self, request: web.Request) -> web.Response:
        self._check_guild(request)
        after = int(request.query.get("after", 0))
        limit = int(request.query.get("limit", 1))
        users = sorted((u for u in self.members.values() if u.id > after), key=lambda u: u.id)
        return _json_response([self.member_payload(u) for u in users[:limit]])

    async def _get_guild_member(self, request: web.Request) -> web.Response:
        self._check_guild(request)
        user = self.members.get(int(request.match_info["user_id"]))
        if user is None:
            raise _HTTPError(404, "Unknown Member", 10007)
        return _json_response(self.member_payload(user))

    async def _get_channel(self, request: web.Request) -> web.Response:
        _, channel = self._channel_from(request)
        return _json_response(channel)

    async def _get_messages(self, request: web.Request) -> web.Response:
        cid, _ = self._channel_from(request)
        limit = int(request.query.get("limit", 50))
        msgs = sorted(
            (m for m in self.messages.values() if int(m["channel_id"]) == cid),
            key=lambda m: int(m["id"]),
            reverse=True,
        )
        if "before" in request.query:
            msgs = [m for m in msgs if int(m["id"]) < int(request.query["before"])]
        if "after" in request.query:
            msgs = [m for m in msgs if int(m["id"]) > int(request.query["after"])]
            msgs = sorted(msgs, key=lambda m: int(m["id"]))[:limit][::-1]
        return _json_response(msgs[:limit])

    async def _post_message(self, request: web.Request) -> web.Response:
        cid, _ = self._channel_from(request)
        message = self._bot_message_from_body(self._body(request), cid, self._files(request))
        await self._publish(message)
        return _json_response(message)

    async def _get_message(self, request: web.Request) -> web.Response:
        return _json_response(self._message_from(request))

    async def _patch_message(self, request: web.Request) -> web.Response:
        message = self._message_from(request)
        if int(message["author"]["id"]) != BOT_USER.id:
            raise _HTTPError(403, "Cannot edit a message authored by another user", 50005)
        return _json_response(await self._edit(message, self._body(request), self._files(request)))

    async def _delete_message(self, request: web.Request) -> web.Response:
        message = self._message_from(request)
        await self._delete(message)
        return web.Response(status=204)

    async def _delete(self, message: JSON) -> None:
        mid = int(message["id"])
        cid = int(message["channel_id"])
        visible = mid in self._visible_ids()
        self.messages.pop(mid, None)
        if cid in self.posted:
            self.posted[cid] = [m for m in self.posted[cid] if int(m["id"]) != mid]
        if visible or int(message["author"]["id"]) != BOT_USER.id:
            await self.dispatch(
                "MESSAGE_DELETE",
                {"id": str(mid), "channel_id": str(cid), "guild_id": str(GUILD_ID)},
                intent=INTENT_GUILD_MESSAGES,
            )

    @staticmethod
    def _emoji(raw: str) -> JSON:
        name, _, emoji_id = raw.partition(":")
        return {"id": emoji_id or None, "name": name, "animated": False}

    async def _put_reaction(self, request: web.Request) -> web.Response:
        message = self._message_from(request)
        emoji = request.match_info["emoji"]
        self.reactions.append(
            {
                "channel_id": int(message["channel_id"]),
                "message_id": int(message["id"]),
                "emoji": emoji,
                "user_id": BOT_USER.id,
            }
        )
        event: JSON = {
            "user_id": str(BOT_USER.id),
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "guild_id": str(GUILD_ID),
            "member": self.member_payload(BOT_USER),
            "emoji": self._emoji(emoji),
            "message_author_id": message["author"]["id"],
            "burst": False,
            "burst_colors": [],
            "type": 0,
        }
        await self.dispatch("MESSAGE_REACTION_ADD", event, intent=INTENT_GUILD_MESSAGE_REACTIONS)
        return web.Response(status=204)

    async def _delete_reaction(self, request: web.Request) -> web.Response:
        message = self._message_from(request)
        emoji = request.match_info["emoji"]
        self.reactions = [
            r
            for r in self.reactions
            if not (r["message_id"] == int(message["id"]) and r["emoji"] == emoji)
        ]
        return web.Response(status=204)

    async def _post_typing(self, request: web.Request) -> web.Response:
        cid, _ = self._channel_from(request)
        self.typing.append(cid)
        return web.Response(status=204)

    async def _thread_from_msg(self, request: web.Request) -> web.Response:
        cid, _ = self._channel_from(request)
        self._message_from(request)
        body = self._body(request)
        thread = self._new_thread(
            cid, request.match_info["message_id"], str(body.get("name") or "thread"), BOT_USER
        )
        if body.get("auto_archive_duration"):
            thread["thread_metadata"]["auto_archive_duration"] = int(body["auto_archive_duration"])
        await self.dispatch(
            "THREAD_CREATE", {**thread, "newly_created": True}, intent=INTENT_GUILDS
        )
        return _json_response(thread)

    async def _thread_without_msg(self, request: web.Request) -> web.Response:
        cid, _ = self._channel_from(request)
        body = self._body(request)
        thread = self._new_thread(cid, None, str(body.get("name") or "thread"), BOT_USER)
        thread["type"] = int(body.get("type") or 11)
        await self.dispatch(
            "THREAD_CREATE", {**thread, "newly_created": True}, intent=INTENT_GUILDS
        )
        return _json_response(thread)

    # --- application commands
    def _scope(self, request: web.Request) -> int | None:
        if int(request.match_info["app_id"]) != APPLICATION_ID:
            raise _HTTPError(403, "Missing Access", 50001)
        gid = request.match_info.get("guild_id")
        if gid is not None and int(gid) != GUILD_ID:
            raise _HTTPError(403, "Missing Access", 50001)
        return int(gid) if gid is not None else None

    def _command(self, body: JSON, scope: int | None, existing: list[JSON]) -> JSON:
        cmd_type = int(body.get("type") or 1)
        old = next(
            (c for c in existing if c["name"] == body.get("name") and c["type"] == cmd_type), None
        )
        command: JSON = {
            "id": old["id"] if old else str(self.snowflake()),
            "application_id": str(APPLICATION_ID),
            "version": str(self.snowflake()),
            "type": cmd_type,
            "name": body.get("name"),
            "name_localizations": body.get("name_localizations"),
            "description": body.get("description", ""),
            "description_localizations": body.get("description_localizations"),
            "options": body.get("options") or [],
            "default_member_permissions": body.get("default_member_permissions"),
            "dm_permission": body.get("dm_permission", True),
            "nsfw": body.get("nsfw", False),
            "contexts": body.get("contexts"),
            "integration_types": body.get("integration_types") or [0],
        }
        if scope is not None:
            command["guild_id"] = str(scope)
        return command

    async def _get_commands(self, request: web.Request) -> web.Response:
        return _json_response(self.commands.get(self._scope(request), []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        scope = self._scope(request)
        body = request.get(_BODY_KEY) or []
        if not isinstance(body, list):
            raise _HTTPError(400, "Invalid Form Body", 50035)
        existing = self.commands.get(scope, [])
        self.commands[scope] = [self._command(c, scope, existing) for c in body]
        return _json_response(self.commands[scope])

    async def _post_command(self, request: web.Request) -> web.Response:
        scope = self._scope(request)
        existing = self.commands.get(scope, [])
        command = self._command(self._body(request), scope, existing)
        self.commands[scope] = [c for c in existing if c["id"] != command["id"]] + [command]
        return _json_response(command)

    # --- interactions
    async def _callback(self, request: web.Request) -> web.Response:
        record = self.interactions.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["token"]:
            raise _HTTPError(404, "Unknown interaction", 10062)
        if (
            self.interaction_deadline is not None
            and time.monotonic() - record.created_at > self.interaction_deadline
        ):
            raise _HTTPError(404, "Unknown interaction", 10062)
        if record.acknowledged:
            raise _HTTPError(400, "Interaction has already been acknowledged.", 40060)
        body = self._body(request)
        cb_type = int(body.get("type", 0))
        data: JSON = body.get("data") or {}
        files = self._files(request)
        flags = int(data.get("flags") or 0)
        resource: JSON = {"type": cb_type}
        message: JSON | None = None
        if cb_type == CALLBACK_MESSAGE:
            message = self._bot_message_from_body(
                data, record.channel_id, files, webhook=True, message_type=self._reply_type(record)
            )
            record.original_message_id = int(message["id"])
            if flags & FLAG_EPHEMERAL:
                self._store(message, posted=False)
            else:
                await self._publish(message)
        elif cb_type == CALLBACK_DEFERRED_MESSAGE:
            message = self._build_message(
                channel_id=record.channel_id,
                author=BOT_USER,
                content="",
                flags=FLAG_LOADING | (flags & FLAG_EPHEMERAL),
                webhook_id=APPLICATION_ID,
                message_type=self._reply_type(record),
                mentions=[],
            )
            record.original_message_id = int(message["id"])
            self.messages[int(message["id"])] = message
        elif cb_type in (CALLBACK_DEFERRED_UPDATE, CALLBACK_UPDATE_MESSAGE):
            if record.component_message_id is None:
                raise _HTTPError(400, "Interaction callback type not allowed here", 40043)
            record.original_message_id = record.component_message_id
            if cb_type == CALLBACK_UPDATE_MESSAGE:
                target = self.messages.get(record.component_message_id)
                if target is None:
                    raise _HTTPError(404, "Unknown Message", 10008)
                message = await self._edit(target, data, files)
        elif cb_type not in (1, 8, 9, 10, 12):
            raise _form_error("type", "BASE_TYPE_CHOICES", f"Value must be one of ... ({cb_type})")
        record.callbacks.append({"type": cb_type, "data": body.get("data")})
        if message is not None:
            resource["message"] = message
        response = {
            "interaction": {
                "id": str(record.id),
                "type": record.type,
                "activity_instance_id": None,
                "response_message_id": message["id"] if message else None,
                "response_message_loading": cb_type == CALLBACK_DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(flags & FLAG_EPHEMERAL),
            },
            "resource": resource,
        }
        return _json_response(response)

    @staticmethod
    def _reply_type(record: FakeInteraction) -> int:
        return 20 if record.type == 2 else 0

    def _webhook_interaction(self, request: web.Request) -> FakeInteraction:
        if int(request.match_info["app_id"]) != APPLICATION_ID:
            raise _HTTPError(404, "Unknown Webhook", 10015)
        token = request.match_info["token"]
        record = next((r for r in self.interactions.values() if r.token == token), None)
        if record is None or not record.acknowledged:
            raise _HTTPError(404, "Unknown Webhook", 10015)
        return record

    def _webhook_message(self, request: web.Request, record: FakeInteraction) -> JSON:
        raw = request.match_info["message_id"]
        mid = record.original_message_id if raw == "@original" else int(raw)
        message = self.messages.get(mid) if mid is not None else None
        if message is None:
            raise _HTTPError(404, "Unknown Message", 10008)
        return message

    async def _followup(self, request: web.Request) -> web.Response:
        record = self._webhook_interaction(request)
        body = self._body(request)
        message = self._bot_message_from_body(
            body, record.channel_id, self._files(request), webhook=True
        )
        record.followups.append(message)
        if int(message["flags"]) & FLAG_EPHEMERAL:
            self._store(message, posted=False)
        else:
            await self._publish(message)
        if request.query.get("wait", "").lower() in ("1", "true"):
            return _json_response(message)
        return web.Response(status=204)

    async def _get_webhook_msg(self, request: web.Request) -> web.Response:
        record = self._webhook_interaction(request)
        return _json_response(self._webhook_message(request, record))

    async def _patch_webhook_msg(self, request: web.Request) -> web.Response:
        record = self._webhook_interaction(request)
        message = self._webhook_message(request, record)
        was_loading = int(message.get("flags", 0)) & FLAG_LOADING
        if was_loading:
            message["flags"] = int(message["flags"]) & ~FLAG_LOADING
        message = await self._edit(message, self._body(request), self._files(request))
        if was_loading and not int(message["flags"]) & FLAG_EPHEMERAL:
            await self._publish(message)  # the deferred "thinking" message becomes a real one
        return _json_response(message)

    async def _del_webhook_msg(self, request: web.Request) -> web.Response:
        record = self._webhook_interaction(request)
        await self._delete(self._webhook_message(request, record))
        return web.Response(status=204)
