"""Shared fixtures: the real corpus, loaded once, throw-away copies of it to break, and the helpers to break them.

Test modules share code only through fixtures here: no test module imports another (tests/test_setup.py checks).
A module that needs a path while it is collected (to parametrize, say) takes it from its own ``__file__``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
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


def replace_in_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a text file (the first ``count`` times); ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def corpus_problems(root: Path) -> list[str]:
    """The messages with which loading the corpus at ``root`` is refused (loading it must fail)."""
    with pytest.raises(helpers.CorpusError) as caught:
        helpers.load_corpus(root)
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def edit() -> Callable[..., None]:
    """``edit(path, old, new, count=1)``: change a file of a corpus copy; the text to replace must be there."""
    return replace_in_file


@pytest.fixture
def problems_of() -> Callable[[Path], list[str]]:
    """``problems_of(root)``: the messages with which the corpus at ``root`` is refused."""
    return corpus_problems
