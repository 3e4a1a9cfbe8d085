"""Command line: `python -m helpers validate [PATH]` checks a corpus folder and says what is wrong."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.corpus import DEFAULT_ROOT, load_corpus
from helpers.errors import CorpusError
from helpers.exercises import edition_of, load_bank, self_check


def validate_command(path: Path) -> int:
    """Check a corpus folder; print a summary or every problem, never a traceback."""
    try:
        corpus = load_corpus(path)
        exercises = load_bank(path, corpus)
    except CorpusError as exc:
        print(f"The corpus at {path} is NOT valid.\n{exc}", file=sys.stderr)
        return 1
    which = edition_of(exercises)
    broken = [f"  - exercise {e.exercise_id}: {reason}" for e in exercises if which == "teacher" and (reason := self_check(e, corpus))]
    if broken:
        print(f"The corpus at {path} is NOT valid: these exercises fail their own check:\n" + "\n".join(broken), file=sys.stderr)
        return 1
    print(f"The corpus at {path} is valid: {len(corpus.documents)} documents, {len(corpus.paragraphs)} paragraphs, "
          f"{len(corpus.principles)} principle occurrences, {len(corpus.claims)} claims, "
          f"{len(corpus.timeline)} timeline events, {len(exercises)} exercises ({which} edition).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m helpers`."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description="Tools for the corpus of this notebook series.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a corpus folder (default: the bundled corpus/)")
    check.add_argument("path", nargs="?", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args(argv)
    return validate_command(args.path)


if __name__ == "__main__":
    sys.exit(main())
