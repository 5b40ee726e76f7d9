"""Stable corpus file names for web pages: the same address always gives the same file, so
adding a page again updates it instead of adding a copy."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80


def normalised_url(url: str) -> str:
    """``url`` without its fragment, with a lower-case scheme and host and no default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def page_file_name(url: str) -> str:
    """``example.com_news-ferry-fares_1a2b3c4d.html``: readable, unique per address."""
    normal = normalised_url(url)
    parts = urlsplit(normal)
    host = _slug(parts.netloc.replace(":", "-"), keep_dots=True)
    path = _slug(f"{_without_html_suffix(parts.path)} {parts.query}")[:MAX_SLUG].strip("-")
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]
    return f"{host}_{path}_{digest}.html" if path else f"{host}_{digest}.html"


def _without_html_suffix(path: str) -> str:
    for suffix in (".html", ".htm"):
        if path.lower().endswith(suffix):
            return path[: -len(suffix)]
    return path


def _slug(text: str, keep_dots: bool = False) -> str:
    text = text.lower()
    if keep_dots:
        return re.sub(r"[^a-z0-9.-]+", "-", text).strip("-.") or "page"
    return _NOT_SLUG.sub("-", text).strip("-")
