"""Command line for teachers, no code needed.

    python -m helpers validate [PATH]        check a corpus folder and say what is wrong; with the bundled corpus (or any
                                             corpus folder with a notebooks/ folder beside it), also that every
                                             helpers.exercise("…") and helpers.check("…", …) names an exercise of the bank
                                             and every exercise of the bank is placed exactly once, in its own notebook
    python -m helpers add-document FILE.txt --id ID --title "..." [--corpus PATH] [--label "..."] [--date YYYY-MM-DD]
                                             draft a document from a plain-text file (see helpers.documents)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.corpus import DEFAULT_ROOT, load_corpus
from helpers.editions import edition_word, placement_problems
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
    form = edition_of(exercises)
    which = edition_word(path) or form
    broken = [f"  - exercise {e.exercise_id}: {reason}" for e in exercises if form == "teacher" and (reason := self_check(e, corpus))]
    if broken:
        print(f"The corpus at {path} is NOT valid: these exercises fail their own check:\n" + "\n".join(broken), file=sys.stderr)
        return 1
    notebooks = path.parent / "notebooks"
    misplaced = placement_problems(notebooks, exercises) if notebooks.is_dir() else []
    if misplaced:
        print(f"The notebooks in {notebooks} and the exercise bank of {path} do NOT agree:\n" + "\n".join(f"  - {p}" for p in misplaced),
              file=sys.stderr)
        return 1
    print(f"The corpus at {path} is valid: {len(corpus.documents)} documents, {len(corpus.paragraphs)} paragraphs, "
          f"{len(corpus.principles)} principle occurrences, {len(corpus.claims)} claims, "
          f"{len(corpus.timeline)} timeline events, {len(exercises)} exercises ({which} edition)"
          + (f", each placed once in {notebooks}." if notebooks.is_dir() else "."))
    return 0


def add_document_command(args: argparse.Namespace) -> int:
    """Add a document from a text file; print what was written, whether the corpus is valid, and what to check next."""
    from helpers.documents import DocumentError, add_document

    try:
        added = add_document(args.file, args.id, args.title, args.corpus, label=args.label, date=args.date, language=args.language)
    except DocumentError as problem:
        print(str(problem), file=sys.stderr)
        return 1
    print(f"Added the document '{added.document}' to the corpus at {args.corpus}: {added.text_file} with {len(added.pids)} paragraphs "
          f"({added.pids[0]} to {added.pids[-1]}), its source {added.source_file} and that file's line in source/SHA256SUMS.")
    status = validate_command(args.corpus)
    print(f"\nWhat to check next, in {added.text_file}:\n{added.report()}")
    return status


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m helpers`."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description="Tools for the corpus of this notebook series.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a corpus folder (default: the bundled corpus/)")
    check.add_argument("path", nargs="?", type=Path, default=DEFAULT_ROOT)
    add = commands.add_parser("add-document", help="draft a document from a plain-text file (UTF-8; paragraphs separated by blank lines)",
                              description="Copy a plain-text file into the corpus as a verbatim source and draft its document: "
                                          "one paragraph per block of lines between blank lines, in one section 'body'.")
    add.add_argument("file", type=Path, help="the plain-text file (UTF-8)")
    add.add_argument("--id", required=True, help="the document's id: lower-case letters and digits, e.g. forum2007 (file text/<id>.yaml, paragraph ids <id>-body-1, ...)")
    add.add_argument("--title", required=True, help="the document's full title")
    add.add_argument("--corpus", type=Path, default=DEFAULT_ROOT, help="the corpus folder (default: the bundled corpus/)")
    add.add_argument("--label", help="the short name citations use (default: the title)")
    add.add_argument("--date", help="the document's date, YYYY-MM-DD (default: today; check it)")
    add.add_argument("--language", default="English", help="the original language (default: English)")
    args = parser.parse_args(argv)
    if args.command == "add-document":
        return add_document_command(args)
    return validate_command(args.path)


if __name__ == "__main__":
    sys.exit(main())
