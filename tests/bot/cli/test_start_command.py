"""The README's first command without a token: ingest the corpus, answer from stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start(corpus: Path, data: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CORPUS_DIR": str(corpus),
        "CORPUSBOT_DATA_DIR": str(data),
        "CORPUSBOT_ENV_FILE": str(data / "none.env"),
    }
    env.pop("DISCORD_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.entry", "start"],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_piped_question_gets_a_cited_answer_and_rerun_reuses_the_store(
    corpus: Path, tmp_path: Path
) -> None:
    first = start(corpus, tmp_path / "data", "How much does the US demand?\n")
    assert first.returncode == 0, first.stderr
    assert "2 added" in first.stderr
    assert "The article reports" in first.stdout and "[1]" in first.stdout
    assert "Sources:\n[1] 00" in first.stdout
    assert "$5" in first.stdout or "five billion" in first.stdout

    second = start(corpus, tmp_path / "data", "What is the capital of Australia?\n")
    assert second.returncode == 0, second.stderr
    assert "Nothing changed" in second.stderr and "2 unchanged" in second.stderr
    assert "doesn't cover that" in second.stdout
