"""compose.yaml's health check for the chroma service, run as Docker runs it (``bash -c``) with
an empty PATH — the chromadb/chroma image has no curl, wget or Python, so nothing but bash
builtins may be used — against a real Chroma server, and against a port where none listens."""

from __future__ import annotations

import subprocess
from typing import Any

import yaml

from tests.conftest import ROOT
from tests.retrieval.remote.chroma_process import ChromaProcess, free_port


def compose_check(port: int) -> list[str]:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    kind, shell, flag, script = compose["services"]["chroma"]["healthcheck"]["test"]
    assert (kind, shell, flag) == ("CMD", "bash", "-c")
    # What compose hands to the container: $$ is a literal $; the port is this test's server's.
    script = script.replace("$$", "$").replace("127.0.0.1/8000", f"127.0.0.1/{port}")
    return ["/bin/bash", "-c", script]


def run_check(port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        compose_check(port),
        env={"PATH": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=10,
    )


def test_the_health_check_passes_against_a_running_server(chroma_server: ChromaProcess) -> None:
    done = run_check(chroma_server.port)
    assert done.returncode == 0, done.stderr
    assert "command not found" not in done.stderr


def test_the_health_check_fails_when_no_server_listens() -> None:
    done = run_check(free_port())
    assert done.returncode != 0 and "Connection refused" in done.stderr
