"""`corpusbot add URL…` against a web server on 127.0.0.1: a page and its comments become
answerable; a bad address, a page that is not HTML, too large or too slow is refused with a
message saying why, and nothing changes (no file written, the store as it was)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.engine import Engine
from retrieval.settings import Settings
from retrieval.web.names import page_file_name
from tests.conftest import SEED_DIR, SEED_FILES, make_settings
from tests.fakes.blackhole import blackhole
from tests.fakes.web_server import FakeSite, Page, running_site
from tests.retrieval.remote.chroma_process import free_port

HAMISH = "What did Hamish Gunn say about the ferry fare?"


@dataclass(frozen=True)
class Archive:
    """A corpus and an embedded store ingested once for the module."""

    settings: Settings

    @property
    def corpus(self) -> Path:
        return self.settings.corpus_dir

    def files(self) -> list[str]:
        return sorted(p.name for p in self.corpus.iterdir())

    def state(self) -> tuple[int, dict[str, str]]:
        store = Engine(self.settings).store
        return store.state().generation, {s: r.file_hash for s, r in store.manifest().items()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    base = tmp_path_factory.mktemp("add")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in SEED_FILES:
        (corpus / name).write_bytes((SEED_DIR / name).read_bytes())
    settings = make_settings(base, corpus_dir=corpus)
    assert len(Engine(settings).ingest().added) == 2
    return Archive(settings)


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    with running_site() as server:
        yield server


@pytest.fixture(autouse=True)
def _use_archive(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_DIR", str(archive.corpus))
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(archive.settings.data_dir))
    monkeypatch.setenv("ADD_TIMEOUT", "2")
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)  # 127.0.0.1 only, never through a proxy


def test_a_page_and_its_comments_are_added_and_answerable(
    archive: Archive, site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.serve_fixture("/news/ferry-fares.html", "ferry_article.html")
    site.pages["/short/ferry"] = Page(status=301, location="/news/ferry-fares.html")
    assert main(["add", url]) == 0
    out = capsys.readouterr().out
    name = page_file_name(url)
    assert name.startswith("127.0.0.1-") and name.endswith(".html")
    assert f"saved {name}: 'Island Ferry Fares to Double in April" in out
    assert "(3 paragraphs, 3 comments)" in out and "1 added" in out
    assert (archive.corpus / name).is_file()

    assert main(["ask", HAMISH, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"]
    [hamish] = [c for c in answer["citations"] if c["author"] == "Hamish Gunn"]
    assert hamish["source"] == name and hamish["kind"] == "comment"
    assert "daylight robbery" in hamish["quote"] or "bakery" in hamish["quote"]

    # The same address again (any spelling of it) updates the same file: nothing changed.
    assert main(["add", url.replace("http://", "HTTP://") + "#comments"]) == 0
    assert "Nothing changed" in capsys.readouterr().out
    assert archive.files().count(name) == 1

    # A redirect is followed; the file is named after the address asked for.
    assert main(["add", site.url("/short/ferry"), "--json"]) == 0
    added = json.loads(capsys.readouterr().out)["added"]
    assert added[0]["file"] == page_file_name(site.url("/short/ferry"))


def test_a_changed_page_updates_its_file(
    archive: Archive, site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (Path(__file__).parents[2] / "fixtures" / "web" / "ferry_article.html").read_text()
    site.pages["/live.html"] = Page(text.encode())
    assert main(["add", site.url("/live.html")]) == 0
    assert "1 added" in capsys.readouterr().out
    site.pages["/live.html"] = Page(text.replace("Torquil", "Morven").encode())
    assert main(["add", site.url("/live.html")]) == 0
    assert "1 updated" in capsys.readouterr().out
    saved = (archive.corpus / page_file_name(site.url("/live.html"))).read_text()
    assert "Morven" in saved and "Torquil" not in saved


BIG = b"<html><body>" + b"<p>" + b"x" * 6_000_000 + b"</p></body></html>"


@pytest.mark.parametrize(
    ("path", "page", "message"),
    [
        ("/gone.html", None, "answered HTTP 404 Not Found: check the address"),
        ("/report.pdf", Page(b"%PDF-1.4 ...", "application/pdf"), "is not an HTML page"),
        ("/huge.html", Page(BIG), "is larger than the limit of 5.0 MB (6.0 MB); raise ADD_MAX"),
        ("/streamed.html", Page(BIG, declare_length=False), "is larger than the limit of 5.0"),
        ("/script.html", Page(b"<html><body><script>app()</script></body></html>"), "no article"),
        ("/loop", Page(status=302, location="/loop"), "redirects more than 5 times"),
    ],
    ids=["404", "not-html", "too-large", "too-large-streamed", "no-text", "redirect-loop"],
)
def test_a_page_that_cannot_be_added_changes_nothing(
    path: str,
    page: Page | None,
    message: str,
    archive: Archive,
    site: FakeSite,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if page is not None:
        site.pages[path] = page
    files, state = archive.files(), archive.state()
    assert main(["add", site.url(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"corpusbot: not added: {site.url(path)}") and message in err, err
    assert archive.files() == files and archive.state() == state


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/story.html", "is not a web address: give the full http:// or"),
        ("example.com/story.html", "is not a web address"),
        ("http://", "is not a web address"),
        ("http://127.0.0.1:99999/x", "is not a valid address"),
    ],
)
def test_a_bad_address_is_refused_without_any_request(
    url: str, message: str, archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    files = archive.files()
    assert main(["add", url]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert archive.files() == files


def test_a_server_that_never_answers_times_out_within_seconds(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    files, state = archive.files(), archive.state()
    with blackhole() as port:
        started = time.monotonic()
        assert main(["add", f"http://127.0.0.1:{port}/slow.html"]) == 1
        elapsed = time.monotonic() - started
    assert elapsed < 6
    err = capsys.readouterr().err
    assert "did not finish downloading within 2 s (ADD_TIMEOUT)" in err
    assert archive.files() == files and archive.state() == state


def test_good_and_bad_pages_together(
    archive: Archive, site: FakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    good = site.serve_fixture("/together.html", "ferry_article.html")
    assert main(["add", good, site.url("/missing.html")]) == 1
    captured = capsys.readouterr()
    assert "1 added" in captured.out and "HTTP 404" in captured.err
    assert page_file_name(good) in archive.files()


def test_a_page_whose_ingest_fails_is_not_left_behind(
    archive: Archive,
    site: FakeSite,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = site.serve_fixture("/unreachable-store.html", "ferry_article.html")
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(free_port()))  # the store cannot be reached
    files = archive.files()
    assert main(["add", url]) == 2
    assert "Cannot reach the Chroma server" in capsys.readouterr().err
    assert archive.files() == files
