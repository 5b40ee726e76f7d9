"""Giving freed heap, and pages of the index files read, back to the operating system.

An answer allocates tens of megabytes of short-lived buffers (token arrays, model activations,
candidate texts) from several threads; glibc keeps what they freed in per-thread arenas, so a
long-running process's RSS creeps up by ~60 MB over a few hundred questions though nothing
stays referenced. ``malloc_trim`` returns those pages; elsewhere (musl, macOS) it is a no-op.

The lexical index is read through memory-mapped files, and every page a search touched (with
the kernel's read-around, 64 KB at a time) stays mapped in the process: over a few hundred
questions on a million passages that is over a gigabyte of RSS, though none of it is the
process's own. ``release_index_pages`` unmaps those pages from the process once they pass a
budget (``madvise(MADV_DONTNEED)`` on the read-only mappings): they stay in the OS page cache,
shared by every process on the host, so the next search that needs one maps it again without
reading the disk."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MADV_DONTNEED = 4  # Linux
FILE_PAGES_BUDGET = 256 * 2**20  # bytes of file pages a process keeps mapped before releasing


def _libc_function(name: str) -> Callable[..., int] | None:
    """A C library function, or None where the library or the function is missing."""
    libc = _libc()
    function: Callable[..., int] | None = getattr(libc, name, None) if libc else None
    return function


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE_BUFFER = 2**20  # bytes: buffers this large are mapped on their own


@lru_cache(maxsize=1)
def map_large_buffers() -> bool:
    """Have glibc map every buffer of 1 MB or more on its own (and unmap it when freed) instead
    of carving it from the heap: by default the threshold rises to 32 MB as the process frees
    large buffers, so the cross-encoder's activations end up in the heap and an answer's peak
    lingers there until the next trim. Measured over sample + BBC: the first answer's peak
    ~395 MB instead of ~460, later answers' 10–20 MB lower, no measurable cost in time.
    Returns whether it was set (False: not glibc)."""
    mallopt = _libc_function("mallopt")
    return bool(mallopt is not None and mallopt(M_MMAP_THRESHOLD, LARGE_BUFFER) == 1)


def release_freed_memory() -> None:
    trim = _libc_function("malloc_trim")
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


def mapped_file_bytes() -> int:
    """Resident file-backed (and shared) memory of this process (0 where /proc is missing)."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
    except OSError:
        return 0
    return int(fields[2]) * PAGE_SIZE


def release_index_pages(folder: Path, budget: int = FILE_PAGES_BUDGET) -> int:
    """When the process holds more than ``budget`` bytes of file pages, unmap the pages of the
    read-only mappings of files under ``folder``; returns how many bytes of mappings it
    released (0: under budget, or not Linux)."""
    libc = _libc()
    if libc is None or mapped_file_bytes() <= budget:
        return 0
    prefix = str(folder.resolve()) + "/"
    released = 0
    try:
        lines = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or not parts[5].startswith(prefix) or "w" in parts[1]:
            continue
        start, end = (int(x, 16) for x in parts[0].split("-"))
        if libc.madvise(ctypes.c_void_p(start), ctypes.c_size_t(end - start), MADV_DONTNEED):
            log.debug("madvise failed on %s: errno %d", parts[5], ctypes.get_errno())
            continue
        released += end - start
    return released
