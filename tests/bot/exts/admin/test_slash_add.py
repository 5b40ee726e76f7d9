"""/add url: admins add an article page; its comments are answerable at once. Others are
refused; a page that cannot be added gets a reply saying why and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bot_harness import BotStarter, ephemeral_reply, wait_for_answer
from fakes.discord_server import ADMIN, BOT_USER, CHANNEL_ID, FLAG_EPHEMERAL, USER, FakeDiscord

from retrieval.engine import Engine
from retrieval.settings import Settings
from retrieval.web.names import page_file_name
from tests.fakes.web_server import FakeSite, running_site


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSite]:
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    with running_site() as server:
        yield server


async def test_an_admin_adds_a_page_and_its_comments_are_answered(
    fake: FakeDiscord, start_corpus_bot: BotStarter, settings: Settings, site: FakeSite
) -> None:
    engine = Engine(settings)
    await start_corpus_bot(engine=engine)
    url = site.serve_fixture("/ferry.html", "ferry_article.html")
    interaction = await fake.send_interaction("add", {"url": f"<{url}>"}, user=ADMIN)
    [reply] = await fake.wait_for_followups(interaction, timeout=120)
    name = page_file_name(url)
    assert reply["content"].startswith(
        f"Added **Island Ferry Fares to Double in April \\| The Harbour Gazette** from <{url}> "
        f"as `{name}` (3 paragraphs, 3 comments).\nIngest finished in "
    )
    assert "3 added" in reply["content"]  # the two seed files and the page
    assert (settings.corpus_dir / name).is_file()

    question = await fake.send_message(
        CHANNEL_ID, f"{BOT_USER.mention} What did Isla Mackay say about the engine?"
    )
    [answer] = await wait_for_answer(fake, question)
    assert "Isla Mackay" in answer["content"] and name in answer["content"]


async def test_add_is_refused_to_members_without_manage_server(
    fake: FakeDiscord, start_corpus_bot: BotStarter, settings: Settings, site: FakeSite
) -> None:
    await start_corpus_bot(engine=Engine(settings))
    url = site.serve_fixture("/ferry.html", "ferry_article.html")
    interaction = await fake.send_interaction("add", {"url": url}, user=USER)
    callback = await fake.wait_for_callback(interaction)
    assert callback["data"]["flags"] == FLAG_EPHEMERAL
    assert ephemeral_reply(fake, interaction)["content"] == (
        "Only members with Manage Server can run /add."
    )
    assert site.requests == [] and not any(
        p.suffix == ".html" for p in settings.corpus_dir.iterdir()
    )


async def test_a_page_that_cannot_be_added_gets_a_reason_and_changes_nothing(
    fake: FakeDiscord, start_corpus_bot: BotStarter, settings: Settings, site: FakeSite
) -> None:
    engine = Engine(settings)
    await start_corpus_bot(engine=engine)
    files = sorted(settings.corpus_dir.iterdir())

    bad = await fake.send_interaction("add", {"url": "ftp://example.com/x.html"}, user=ADMIN)
    await fake.wait_for_callback(bad)
    assert ephemeral_reply(fake, bad)["content"].startswith(
        "Not added: 'ftp://example.com/x.html' is not a web address"
    )

    missing = await fake.send_interaction("add", {"url": site.url("/gone.html")}, user=ADMIN)
    [reply] = await fake.wait_for_followups(missing, timeout=30)
    gone = site.url("/gone.html")
    assert reply["content"].startswith(f"Not added: <{gone}> answered HTTP 404 Not Found")
    assert sorted(settings.corpus_dir.iterdir()) == files
    assert engine.store.manifest() == {}  # nothing was ingested
