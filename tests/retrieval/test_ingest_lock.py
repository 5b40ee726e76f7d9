"""The embedded store: a second ingest while one holds the lock file is refused (IngestLocked,
which the bot's watcher retries and `start` steps over), and runs once the lock is free."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.ingest import IngestError, ingest_lock
from retrieval.ingest_lock import IngestLocked
from retrieval.settings import Settings


def test_a_second_ingest_on_an_embedded_store_is_refused_while_one_runs(
    settings: Settings,
) -> None:
    engine = Engine(settings)
    with ingest_lock(engine.store), pytest.raises(IngestLocked) as refused:
        engine.ingest()
    assert isinstance(refused.value, IngestError)
    assert str(refused.value) == (
        f"Another ingest is running on {settings.store_path}; wait for it to finish."
    )
    assert len(engine.ingest().added) == 2
