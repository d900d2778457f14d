"""Shared session corpus for the takstfil tests (generated, never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.make_corpus import make_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("takstfil_corpus"))
