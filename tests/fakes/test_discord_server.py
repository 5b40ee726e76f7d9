"""The fake Discord works with the real discord.py client (no mocks)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from .discord_fixtures import running_bot, running_fake_discord
from .discord_server import (
    ADMIN,
    ADMIN_ROLE_ID,
    APPLICATION_ID,
    BOT_USER,
    CHANNEL_ID,
    FLAG_EPHEMERAL,
    GUILD_ID,
    OWNER_ID,
    USER,
    FakeDiscord,
    FakeDiscordError,
    RecordedRequest,
)


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord(monkeypatch) as server:
        yield server


def make_bot(*, message_content: bool = True) -> commands.Bot:
    intents = discord.Intents.default()
    intents.message_content = message_content
    return commands.Bot(
        command_prefix="!",
        intents=intents,
        chunk_guilds_at_startup=False,
        guild_ready_timeout=0.05,
    )


def _index(fake: FakeDiscord, request: RecordedRequest) -> int:
    return next(i for i, r in enumerate(fake.requests) if r is request)


async def test_bot_connects_and_sees_the_guild(fake: FakeDiscord) -> None:
    bot = make_bot()
    async with running_bot(bot, fake):
        assert bot.user is not None and bot.user.id == BOT_USER.id
        assert bot.application_id == APPLICATION_ID
        guild = bot.get_guild(GUILD_ID)
        assert guild is not None and not guild.unavailable
        assert guild.owner_id == OWNER_ID
        assert guild.default_role.id == GUILD_ID
        assert guild.default_role.permissions.send_messages
        assert not guild.default_role.permissions.manage_guild
        admin_role = guild.get_role(ADMIN_ROLE_ID)
        assert admin_role is not None and admin_role.permissions.manage_guild
        channel = guild.get_channel(CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        assert bot.get_channel(CHANNEL_ID) is channel
        assert guild.me is not None and guild.me.id == BOT_USER.id
        assert channel.permissions_for(guild.me).send_messages
        # Without the members intent only the bot's member is cached; others can be fetched.
        assert guild.get_member(USER.id) is None
        user = await guild.fetch_member(USER.id)
        admin = await guild.fetch_member(ADMIN.id)
        assert not user.guild_permissions.manage_guild
        assert admin.guild_permissions.manage_guild and admin_role in admin.roles
        assert channel.permissions_for(user).send_messages
    intents = fake.identify_payloads[0]["intents"]
    assert intents & discord.Intents(message_content=True).value
    assert [r.path for r in fake.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]


async def test_members_intent_caches_members(fake: FakeDiscord) -> None:
    intents = discord.Intents.default()
    intents.members = True
    bot = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
    async with running_bot(bot, fake):
        guild = bot.get_guild(GUILD_ID)
        assert guild is not None
        members = {m.id: m for m in guild.members}
        assert set(members) == {BOT_USER.id, USER.id, ADMIN.id}
        assert members[ADMIN.id].guild_permissions.administrator
        assert not members[USER.id].guild_permissions.manage_guild
        chunked = await guild.query_members(user_ids=[ADMIN.id])
        assert [m.id for m in chunked] == [ADMIN.id]
    assert [f["d"].get("user_ids") for f in fake.gateway_frames if f.get("op") == 8] == [
        None,  # the start-up chunk request
        [ADMIN.id],
    ]


async def test_on_message_reply_is_recorded(fake: FakeDiscord) -> None:
    bot = make_bot()
    seen: list[discord.Message] = []

    @bot.event
    async def on_message(message: discord.Message) -> None:
        seen.append(message)
        if message.author.bot or bot.user not in message.mentions:
            return
        await message.reply(
            f"pong: {message.content}",
            mention_author=False,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async with running_bot(bot, fake):
        sent = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} ping", author=USER)
        [reply] = await fake.wait_for_messages(CHANNEL_ID, 1)
        await fake.wait_until(lambda: len(seen) == 2, timeout=2, what="the echoed reply")

    assert reply["content"] == f"pong: <@{BOT_USER.id}> ping"
    assert reply["author"]["id"] == str(BOT_USER.id)
    assert reply["type"] == 19
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert reply["referenced_message"]["id"] == sent["id"]
    assert reply["mentions"] == []  # replied_user=False: the author is not pinged
    [post] = fake.requests_to("POST", f"/channels/{CHANNEL_ID}/messages")
    assert post.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert post.json["message_reference"]["message_id"] == int(sent["id"])
    incoming, echoed = seen
    assert incoming.author.id == USER.id and isinstance(incoming.author, discord.Member)
    assert incoming.content == f"<@{BOT_USER.id}> ping"
    assert echoed.author.id == BOT_USER.id and echoed.reference is not None


async def test_message_content_is_blank_without_the_intent(fake: FakeDiscord) -> None:
    bot = make_bot(message_content=False)
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()
    bot.add_listener(seen.put, "on_message")
    async with running_bot(bot, fake):
        await fake.send_message(CHANNEL_ID, "no mention")
        await fake.send_message(CHANNEL_ID, f"hey {BOT_USER.mention}")
        first = await asyncio.wait_for(seen.get(), 2)
        second = await asyncio.wait_for(seen.get(), 2)
    assert first.content == ""
    assert second.content == f"hey <@{BOT_USER.id}>"


async def test_slash_command_defer_then_followup(fake: FakeDiscord) -> None:
    bot = make_bot()

    @bot.tree.command(name="ask", description="Ask a question")
    @app_commands.describe(question="What to ask")
    async def ask(interaction: discord.Interaction, question: str, top_k: int = 3) -> None:
        await interaction.response.defer()
        assert isinstance(interaction.user, discord.Member)
        manage = interaction.user.guild_permissions.manage_guild
        await interaction.followup.send(
            f"{question}|{top_k}|manage={manage}|{interaction.permissions.manage_guild}"
        )

    async with running_bot(bot, fake):
        synced = await bot.tree.sync()
        assert [c.name for c in synced] == ["ask"]
        [put] = fake.requests_to("PUT", f"/applications/{APPLICATION_ID}/commands")
        assert [o["type"] for o in put.json[0]["options"]] == [3, 4]

        results: dict[str, list[str]] = {}
        for user in (ADMIN, USER):
            inter = await fake.send_interaction("ask", {"question": "why?", "top_k": 5}, user=user)
            callback = await fake.wait_for_callback(inter)
            followups = await fake.wait_for_followups(inter, 1)
            assert callback["type"] == 5
            callback_path = f"/interactions/{inter.id}/{inter.token}/callback"
            followup_path = f"/webhooks/{APPLICATION_ID}/{inter.token}"
            [cb_req] = fake.requests_to("POST", callback_path)
            [fu_req] = fake.requests_to("POST", followup_path)
            assert _index(fake, cb_req) < _index(fake, fu_req)
            assert fu_req.query["wait"] == "1"
            results[user.username] = followups[0]["content"].split("|")

    assert results[ADMIN.username] == ["why?", "5", "manage=True", "True"]
    assert results[USER.username] == ["why?", "5", "manage=False", "False"]
    assert len(fake.posted[CHANNEL_ID]) == 2  # the follow-ups are visible channel messages


async def test_late_and_double_interaction_responses_fail_like_discord(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    errors: list[BaseException] = []
    bot = make_bot()

    @bot.tree.command(name="slow", description="Too slow")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.2)
        await interaction.response.send_message("late")

    @bot.tree.command(name="twice", description="Answers twice")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        interaction.response._response_type = None  # fool discord.py's own guard
        await interaction.response.send_message("again")

    @bot.tree.error
    async def on_error(interaction: discord.Interaction, error: Exception) -> None:
        errors.append(error.__cause__ or error)

    async with (
        running_fake_discord(monkeypatch, interaction_deadline=0.1) as fake,
        running_bot(bot, fake),
    ):
        await bot.tree.sync()
        await fake.send_interaction("slow")
        await fake.wait_until(lambda: len(errors) == 1, what="the late response error")
        inter = await fake.send_interaction("twice")
        await fake.wait_until(lambda: len(errors) == 2, what="the double response error")
    late, double = errors
    assert isinstance(late, discord.NotFound) and late.code == 10062
    assert isinstance(double, discord.HTTPException) and double.code == 40060
    assert [c["type"] for c in inter.callbacks] == [5]


class Feedback(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Helpful", custom_id="helpful", style=discord.ButtonStyle.success)
    async def helpful(
        self, interaction: discord.Interaction, button: discord.ui.Button[Feedback]
    ) -> None:
        await interaction.response.send_message(f"Thanks {interaction.user.name}!", ephemeral=True)

    @discord.ui.button(label="Close", custom_id="close")
    async def close(
        self, interaction: discord.Interaction, button: discord.ui.Button[Feedback]
    ) -> None:
        await interaction.response.edit_message(content="closed", view=None)


async def test_button_click_gets_an_ephemeral_response(fake: FakeDiscord) -> None:
    bot = make_bot()
    async with running_bot(bot, fake):
        channel = bot.get_channel(CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("The answer is 42.", view=Feedback())
        [stored] = await fake.wait_for_messages(CHANNEL_ID, 1)
        assert stored["id"] == str(sent.id)
        assert stored["components"][0]["components"][0]["custom_id"] == "helpful"

        inter = await fake.click_button(stored, "helpful", user=USER)
        callback = await fake.wait_for_callback(inter)
        assert callback["type"] == 4
        assert callback["data"]["flags"] == FLAG_EPHEMERAL
        assert callback["data"]["content"] == f"Thanks {USER.username}!"
        assert len(fake.posted[CHANNEL_ID]) == 1  # ephemeral: not a channel message

        inter = await fake.click_button(stored, "close", user=ADMIN)
        callback = await fake.wait_for_callback(inter)
        assert callback["type"] == 7
        assert fake.messages[sent.id]["content"] == "closed"
        assert fake.messages[sent.id]["components"] == []


async def test_messages_in_threads(fake: FakeDiscord) -> None:
    bot = make_bot()
    seen: asyncio.Queue[discord.Message] = asyncio.Queue()

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        await seen.put(message)
        if isinstance(message.channel, discord.Thread):
            await message.channel.send("answer in thread")
        elif message.content == "open a thread":
            thread = await message.create_thread(name="bot thread")
            await thread.send("hello from the bot thread")

    async with running_bot(bot, fake):
        root = await fake.send_message(CHANNEL_ID, "root question")
        await asyncio.wait_for(seen.get(), 2)
        thread = await fake.create_thread(CHANNEL_ID, root["id"], name="discussion")
        await fake.send_message(thread["id"], "follow-up question", thread=True)
        message = await asyncio.wait_for(seen.get(), 2)
        assert isinstance(message.channel, discord.Thread)
        assert message.channel.id == int(thread["id"]) == int(root["id"])
        assert message.channel.parent_id == CHANNEL_ID
        assert message.channel.name == "discussion"
        [answer] = await fake.wait_for_messages(thread["id"], 1)
        assert answer["content"] == "answer in thread"

        opener = await fake.send_message(CHANNEL_ID, "open a thread")
        [hello] = await fake.wait_for_messages(opener["id"], 1)
        assert hello["content"] == "hello from the bot thread"
        bot_thread = bot.get_channel(int(opener["id"]))
        assert isinstance(bot_thread, discord.Thread) and bot_thread.name == "bot thread"
        fetched = await bot.fetch_channel(int(opener["id"]))
        assert isinstance(fetched, discord.Thread) and fetched.parent_id == CHANNEL_ID


async def test_reaction_and_typing(fake: FakeDiscord) -> None:
    bot = make_bot()
    reactions: asyncio.Queue[discord.RawReactionActionEvent] = asyncio.Queue()
    bot.add_listener(reactions.put, "on_raw_reaction_add")

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        await message.add_reaction("👀")
        async with message.channel.typing():
            await message.channel.send("done")

    async with running_bot(bot, fake):
        sent = await fake.send_message(CHANNEL_ID, "question")
        await fake.wait_for_messages(CHANNEL_ID, 1)
        event = await asyncio.wait_for(reactions.get(), 2)
    assert fake.reactions == [
        {
            "channel_id": CHANNEL_ID,
            "message_id": int(sent["id"]),
            "emoji": "👀",
            "user_id": BOT_USER.id,
        }
    ]
    assert fake.typing == [CHANNEL_ID]
    assert event.emoji.name == "👀" and event.message_id == int(sent["id"])
    assert fake.requests_to("POST", f"/channels/{CHANNEL_ID}/typing")


async def test_resume_after_reconnect_and_crash_detection(fake: FakeDiscord) -> None:
    bot = make_bot()
    resumed = asyncio.Event()

    async def on_resumed() -> None:
        resumed.set()

    bot.add_listener(on_resumed)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            await message.channel.send("still here")

    async with running_bot(bot, fake) as task:
        await fake.request_reconnect()
        await asyncio.wait_for(resumed.wait(), 2)
        assert any(frame.get("op") == 6 for frame in fake.gateway_frames)
        await fake.send_message(CHANNEL_ID, "hello?")
        await fake.wait_for_messages(CHANNEL_ID, 1)

        # A payload discord.py cannot parse kills bot.start(); waits then fail at once.
        await fake.dispatch("MESSAGE_CREATE", {"channel_id": str(CHANNEL_ID)})
        with pytest.raises(FakeDiscordError):
            await fake.wait_for_messages(CHANNEL_ID, 2, timeout=2)
        assert task.done()


async def test_subcommands_and_resolved_member_options(fake: FakeDiscord) -> None:
    bot = make_bot()
    group = app_commands.Group(name="admin", description="Admin tools")
    answers: list[str] = []

    @group.command(name="whois", description="Describe a member")
    async def whois(interaction: discord.Interaction, member: discord.Member) -> None:
        answers.append(f"{member.name}:{member.guild_permissions.manage_guild}")
        await interaction.response.send_message(member.name)

    bot.tree.add_command(group, guild=discord.Object(GUILD_ID))
    async with running_bot(bot, fake):
        await bot.tree.sync(guild=discord.Object(GUILD_ID))
        inter = await fake.send_interaction("admin whois", {"member": ADMIN}, user=USER)
        callback = await fake.wait_for_callback(inter)
    [option] = inter.payload["data"]["options"]
    assert option["type"] == 1 and option["options"][0]["type"] == 6
    assert inter.payload["data"]["guild_id"] == str(GUILD_ID)
    assert answers == [f"{ADMIN.username}:True"]
    assert callback["data"]["content"] == ADMIN.username
    assert fake.posted[CHANNEL_ID][0]["content"] == ADMIN.username


async def test_files_edits_deletes_and_limits(fake: FakeDiscord) -> None:
    bot = make_bot()

    @bot.tree.command(name="think", description="Thinks, then edits")
    async def think(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(content="thought")

    async with running_bot(bot, fake):
        await bot.tree.sync()
        channel = bot.get_channel(CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("with file", file=discord.File(io.BytesIO(b"abc"), "a.txt"))
        assert [(a.filename, a.size) for a in sent.attachments] == [("a.txt", 3)]
        assert await sent.attachments[0].read() == b"abc"
        [upload] = fake.requests_to("POST", f"/channels/{CHANNEL_ID}/messages")
        assert upload.json["content"] == "with file" and upload.files == [("a.txt", b"abc")]

        edited = await sent.edit(content="edited")
        assert edited.content == fake.messages[sent.id]["content"] == "edited"
        await sent.delete()
        assert sent.id not in fake.messages and fake.posted[CHANNEL_ID] == []

        with pytest.raises(discord.HTTPException) as too_long:
            await channel.send("x" * 2001)
        assert too_long.value.code == 50035 and "content" in str(too_long.value)

        inter = await fake.send_interaction("think")
        [message] = await fake.wait_for_messages(CHANNEL_ID, 1)
    assert message["content"] == "thought"
    assert inter.callbacks == [{"type": 5, "data": None}]
    assert message["id"] == str(inter.original_message_id)
