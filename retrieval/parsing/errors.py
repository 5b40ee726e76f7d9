"""The exception raised for files the parser will not index."""

from __future__ import annotations


class SkipFile(Exception):
    """A file that is not indexed; the message names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"skipped {source}: {reason}")
        self.source = source
        self.reason = reason
