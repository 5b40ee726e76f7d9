"""Ingest progress on the terminal: a rich progress bar, or plain lines when not a TTY."""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class TerminalProgress:
    def __init__(self) -> None:
        self._console = Console(stderr=True)
        self._interactive = self._console.is_terminal
        self._progress: Progress | None = None
        self._task = None
        self._total = 0
        self._done = 0
        self._passages = 0
        self._started = time.monotonic()
        self._last_line = 0.0

    def start(self, total_files: int) -> None:
        self._total = total_files
        self._started = time.monotonic()
        if self._interactive:
            self._progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[rate]}"),
                TextColumn("{task.description}"),
                console=self._console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(  # type: ignore[assignment]
                "", total=total_files, rate=""
            )
        else:
            print(f"ingesting {total_files} files…", file=sys.stderr, flush=True)

    def rate(self) -> str:
        seconds = time.monotonic() - self._started
        if seconds < 1:
            return ""
        return f"{self._done / seconds:.1f} files/s, {self._passages / seconds:.0f} passages/s"

    def advance(self, source: str, passages: int = 0) -> None:
        self._done += 1
        self._passages += passages
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=source, rate=self.rate())
        elif time.monotonic() - self._last_line >= 1 or self._done == self._total:
            self._last_line = time.monotonic()
            rate = self.rate()
            print(
                f"  {self._done}/{self._total} files" + (f" ({rate})" if rate else ""),
                file=sys.stderr,
                flush=True,
            )

    def note(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(f"[yellow]{message}[/yellow]")
        else:
            print(f"  {message}", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
