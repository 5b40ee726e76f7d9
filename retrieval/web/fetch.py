"""Download one web page for the corpus: http(s) only, a few redirects, a size limit and a
time limit for the whole download. Every refusal is a ``FetchError`` whose message names the
page, the problem and the fix; nothing is written anywhere."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from retrieval.parsing.decode import decode_bytes
from retrieval.parsing.errors import SkipFile
from retrieval.settings import AddSettings

USER_AGENT = "corpusbot/0.1 (self-hosted news archive)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
READ_CHUNK = 64 * 1024


class FetchError(RuntimeError):
    """A page that cannot be added; the message says why and what to do."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as asked for
    final_url: str  # after redirects
    text: str  # decoded HTML
    encoding: str


def check_url(url: str) -> str:
    """The URL stripped, or a ``FetchError`` when it is not an absolute http(s) address."""
    url = url.strip().strip("<>")  # Discord users paste <https://…> to suppress previews
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise FetchError(f"{url!r} is not a valid address ({exc}).") from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FetchError(
            f"{url!r} is not a web address: give the full http:// or https:// address of the "
            "article page, e.g. https://example.com/news/story.html"
        )
    return url


def fetch_page(url: str, settings: AddSettings) -> FetchedPage:
    """Download ``url`` (an HTML page within the limits of ``settings``)."""
    url = check_url(url)
    deadline = time.monotonic() + settings.timeout
    timeout = httpx.Timeout(settings.timeout)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=settings.max_redirects,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            final_url = str(response.url)
            _check_response(url, response, settings)
            data = _read_limited(url, response, settings, deadline)
            charset = response.charset_encoding
    except FetchError:
        raise
    except httpx.TooManyRedirects:
        raise FetchError(
            f"{url} redirects more than {settings.max_redirects} times (ADD_MAX_REDIRECTS); "
            "give the page's final address."
        ) from None
    except httpx.TimeoutException:
        raise FetchError(_too_slow(url, settings)) from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{url} redirects to an address that is not http(s) ({exc}).") from None
    except (httpx.InvalidURL, httpx.LocalProtocolError) as exc:
        raise FetchError(f"{url} is not a valid address ({exc}).") from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"Cannot download {url} ({type(exc).__name__}: {exc}). Check the address and that "
            "this machine can reach the site."
        ) from None
    text, encoding = _decode(url, data, charset)
    return FetchedPage(url, final_url, text, encoding)


def _check_response(url: str, response: httpx.Response, settings: AddSettings) -> None:
    if response.status_code >= 400:
        raise FetchError(
            f"{url} answered HTTP {response.status_code} {response.reason_phrase}: check the "
            "address (the page may be gone or need a login)."
        )
    if response.status_code != 200:
        raise FetchError(f"{url} answered HTTP {response.status_code}, not a page.")
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        raise FetchError(
            f"{url} is not an HTML page (Content-Type: {media_type}). Only web pages can be "
            "added; save other documents as text files in CORPUS_DIR instead."
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(_too_large(url, int(declared), settings))


def _read_limited(
    url: str, response: httpx.Response, settings: AddSettings, deadline: float
) -> bytes:
    received = bytearray()
    for piece in response.iter_bytes(READ_CHUNK):  # decompressed: the limit is the page's
        received += piece
        if len(received) > settings.max_bytes:
            raise FetchError(_too_large(url, None, settings))
        if time.monotonic() > deadline:
            raise FetchError(_too_slow(url, settings))
    return bytes(received)


def _decode(url: str, data: bytes, charset: str | None) -> tuple[str, str]:
    if charset:
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: guess like for files
    try:
        decoded = decode_bytes(data, source=url)
    except SkipFile as exc:
        raise FetchError(f"{url} sent no usable page ({exc.reason}).") from None
    if "<" not in decoded.text[:4096]:
        raise FetchError(f"{url} did not send an HTML page (no markup in it).")
    return decoded.text, decoded.encoding


def _too_large(url: str, size: int | None, settings: AddSettings) -> str:
    size_text = f" ({size / 1_000_000:.1f} MB)" if size is not None else ""
    return (
        f"{url} is larger than the limit of {settings.max_bytes / 1_000_000:.1f} MB"
        f"{size_text}; raise ADD_MAX_BYTES (and MAX_FILE_BYTES) to add it."
    )


def _too_slow(url: str, settings: AddSettings) -> str:
    return (
        f"{url} did not finish downloading within {settings.timeout:g} s (ADD_TIMEOUT); try "
        "again later or raise ADD_TIMEOUT."
    )
