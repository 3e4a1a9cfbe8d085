"""Property-based: break copies of the corpus in many ways, as a hurried teacher or a spreadsheet would.

Whatever the damage, `python -m helpers validate` answers in words (never a traceback, never a
hang), and whatever validates also loads, and every chart and explorer works on it.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import registry
from helpers.__main__ import validate_command

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()
               and p.suffix in {".yaml", ".csv", ".txt", ".geojson", ""} | {p.suffix for p in CORPUS.glob("source/SHA256SUMS")})


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def damage(path: Path, how: str, where: float) -> None:
    """Break one file in one way; `where` (0..1) picks the place."""
    if how == "delete":
        path.unlink()
        return
    data = path.read_bytes()
    lines = lines_of(data)
    place = min(int(where * len(lines)), len(lines) - 1)
    if how == "empty":
        data = b""
    elif how == "truncate":
        data = data[: int(where * len(data))]
    elif how == "duplicate-line":
        data = b"".join(lines[: place + 1] + lines[place:])
    elif how == "delete-line":
        data = b"".join(lines[:place] + lines[place + 1:])
    elif how in ("latin-1", "utf-16"):
        data = data.decode("utf-8", errors="replace").encode(how, errors="replace")
    elif how == "byte-order-mark":
        data = b"\xef\xbb\xbf" + data
    elif how == "semicolons":
        data = data.replace(b",", b";")
    elif how == "comments-only":
        data = b"# " + data.replace(b"\n", b"\n# ")
    path.write_bytes(data)


HOW = st.sampled_from(["delete", "empty", "truncate", "duplicate-line", "delete-line", "latin-1", "utf-16", "byte-order-mark", "semicolons", "comments-only"])
DAMAGE = st.lists(st.tuples(st.sampled_from(FILES), HOW, st.floats(0, 1)), min_size=1, max_size=2)


@settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "45")), deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(damages=DAMAGE)
def test_a_broken_corpus_is_refused_in_words_or_works_everywhere(tmp_path_factory, damages) -> None:
    root = tmp_path_factory.mktemp("broken") / "corpus"
    shutil.copytree(CORPUS, root)
    for name, how, where in damages:
        if (root / name).is_file():
            damage(root / name, how, where)
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = validate_command(root)  # any exception here fails the test: that would be a traceback
    assert time.monotonic() - start < 60
    if status != 0:
        assert "is NOT valid" in err.getvalue() and err.getvalue().count("\n") >= 1
        return
    assert "is valid" in out.getvalue()
    corpus = helpers.load_corpus(root)
    for name, build in [*registry.CHARTS.items(), *registry.EXPLORERS.items()]:
        assert build(corpus) is not None, name
