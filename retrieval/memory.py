"""Giving freed heap back to the operating system.

An answer allocates tens of megabytes of short-lived buffers (token arrays, model activations,
candidate texts) from several threads; glibc keeps what they freed in per-thread arenas, so a
long-running process's RSS creeps up by ~60 MB over a few hundred questions though nothing
stays referenced. ``malloc_trim`` returns those pages; elsewhere (musl, macOS) it is a no-op."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_freed_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
