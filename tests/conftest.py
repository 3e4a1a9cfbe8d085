"""Shared fixtures: the real corpus, loaded once, and throw-away copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus() -> helpers.Corpus:
    """The bundled corpus."""
    return helpers.load_corpus()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of corpus/ that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
