"""compose.yaml wires what the README promises: a persistent Chroma server the bot waits for, the
corpus mounted (read-write, for /add), a data volume, and a one-shot ingest job; its pins match
the lock.

(Checked structurally with PyYAML: no Docker is needed or run. The health check itself is run
against a real server in tests/retrieval/remote/test_compose_healthcheck.py, and the whole file
with podman by scripts/compose-standin.sh.)
"""

from __future__ import annotations

import re
from typing import Any

import chromadb
import pytest
import yaml

from tests.conftest import ROOT

COMPOSE = ROOT / "compose.yaml"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def dockerfile_env() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    return dict(re.findall(r"\b(CORPUS_DIR|CORPUSBOT_DATA_DIR)=(\S+)", text))


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """Target path → source of each short-syntax volume."""
    found: dict[str, str] = {}
    for spec in service.get("volumes", []):
        source, target, *_ = spec.split(":")
        found[target] = spec if spec.endswith(":ro") else source
    return found


def test_services(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"chroma", "bot", "ingest"}


def test_chroma_is_the_release_of_the_locked_client_and_persists_to_a_volume(
    compose: dict[str, Any],
) -> None:
    chroma = compose["services"]["chroma"]
    assert chroma["image"] == f"chromadb/chroma:{chromadb.__version__}"
    command = chroma["command"]
    assert command[0] == "run" and command[command.index("--path") + 1] == "/data"
    assert command[command.index("--host") + 1] == "0.0.0.0"  # reachable from the bot
    assert mounts(chroma)["/data"] in compose["volumes"]  # a named volume
    check = chroma["healthcheck"]["test"]
    assert check[:3] == ["CMD", "bash", "-c"] and "/api/v2/heartbeat" in check[3]
    # The image has no curl, wget or Python; compose would interpolate a lone $.
    assert not {"curl", "wget", "python", "python3"} & set(check[3].replace(";", " ").split())
    assert "$$" in check[3] and "$" not in check[3].replace("$$", "")
    assert all(port.startswith("127.0.0.1:") for port in chroma.get("ports", []))


@pytest.mark.parametrize("name", ["bot", "ingest"])
def test_corpusbot_services_use_the_server_the_corpus_and_a_data_volume(
    compose: dict[str, Any], name: str
) -> None:
    service = compose["services"][name]
    assert service["build"] == "."
    assert service["depends_on"]["chroma"]["condition"] == "service_healthy"
    assert service["env_file"] == [{"path": ".env", "required": False}]
    env = service["environment"]
    chroma_port = compose["services"]["chroma"]["command"]
    assert env["CHROMA_HOST"] == "chroma"
    assert env["CHROMA_PORT"] == chroma_port[chroma_port.index("--port") + 1]
    # The paths the image expects, set here too so a copied .env cannot move them.
    assert {k: env[k] for k in dockerfile_env()} == dockerfile_env()
    volumes = mounts(service)
    assert volumes[env["CORPUS_DIR"]] == "./corpus"  # read-write: /add saves pages there
    assert volumes[env["CORPUSBOT_DATA_DIR"]] in compose["volumes"]


def test_ingest_is_a_one_shot_job_outside_up(compose: dict[str, Any]) -> None:
    ingest = compose["services"]["ingest"]
    assert ingest["command"] == ["corpusbot", "ingest"]
    assert ingest["profiles"] == ["tools"] and ingest["restart"] == "no"
    assert compose["services"]["bot"]["restart"] == "unless-stopped"
    assert "profiles" not in compose["services"]["bot"]
