"""Shared fixtures: a fixed terminal, a fixed "today", an isolated cache, and data builders."""

from __future__ import annotations

import os

# Rich reads these when its consoles are created, which happens on import of the CLI.
os.environ["COLUMNS"] = "120"
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests judge results, not speed: a busy machine must not make them flaky.
settings.register_profile("ntm", deadline=None)
settings.load_profile("ntm")

from ntm_cli.sources.datadir import BUNDLED  # noqa: E402

TODAY = "2026-11-29"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("NTM_TODAY", TODAY)
    monkeypatch.setenv("NTM_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NTM_DATA", raising=False)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store that does not exist yet, named by NTM_STORE (a test file may name its own)."""
    path = tmp_path / "store" / "returns.sqlite"
    monkeypatch.setenv("NTM_STORE", str(path))
    return path


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def today() -> dt.date:
    return dt.date.fromisoformat(TODAY)
