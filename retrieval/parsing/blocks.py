"""Split lines into blank-line-separated blocks."""

from __future__ import annotations

from collections.abc import Iterable


def split_blocks(lines: Iterable[str]) -> list[list[str]]:
    """Group non-blank lines into blocks; one or more blank lines end a block."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
