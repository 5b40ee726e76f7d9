"""Parse corpus files (scraped articles with comments, Markdown, HTML, plain text)."""

from retrieval.parsing.dispatch import parse_file, parse_text
from retrieval.parsing.errors import SkipFile

__all__ = ["SkipFile", "parse_file", "parse_text"]
