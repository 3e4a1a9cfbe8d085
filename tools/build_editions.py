"""Build the student and teacher editions: `make editions` (or `python tools/build_editions.py [OUT] [--source PROJECT]`).

Each edition is a complete, runnable copy of the project (notebooks, corpus, helpers, set-up
files; not tests/, .git or build/) that a teacher can zip and hand out or put on a class server:

- build/teacher/ keeps every exercise's model answer, solution code, rubric and teaching notes
  (the notebooks show them next to each exercise), and this script, to rebuild after adapting;
- build/student/ has none of them: closed questions keep working because their answers are
  stored as salted hashes and their feedback encoded, so neither is readable at a glance.

The build fails (exit status 1), naming the exercise, if the bank does not validate, if an
exercise's own answer or solution does not pass its own check, if the student edition would
contain any teacher-only text, or if an answer that is right in the teacher edition is not
right in the student edition. Nothing is left half-built: both editions are written to a
temporary folder and moved into place only when every check has passed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.corpus import load_corpus  # noqa: E402
from helpers.editions import find_leaks, library_text, teacher_only_strings, write_student_bank  # noqa: E402
from helpers.errors import CorpusError  # noqa: E402
from helpers.exercises import check, edition_of, load_bank, self_check  # noqa: E402

COPIED = ["README.md", "pyproject.toml", "environment.yml", "Makefile", "helpers", "corpus", "notebooks", "jupyter", ".jupyter", "docs",
          "tools/install_lab_settings.py", "tools/__init__.py", "tools/lab_harness.py"]  # the harness finds a browser for `make browser`
TEACHER_ONLY = ["tools/build_editions.py"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "progress_*.json", ".cache", ".DS_Store")
EDITION_NOTE = """# {title}

A complete copy of the notebook series. To use it: `make lab` (needs Python 3.11 and make),
or with conda: `conda env create -f environment.yml`, then `jupyter lab notebooks/00_start_here.ipynb`.

{body}
"""
TEACHER_NOTE = ("Every exercise shows its model answer, solution code, rubric and teaching notes (under \"Teacher edition\"). "
                "Do not hand this edition to students. To adapt the exercises, edit `corpus/exercises/*.yaml`, run "
                "`python -m helpers validate`, then `python tools/build_editions.py` to build a new student edition.")
STUDENT_NOTE = ("Exercises check themselves and explain; model answers, solutions and rubrics are with your teacher. "
                "Answers are stored as hashes so that they are not readable at a glance: please work the exercises "
                "rather than decode them.")


def fail(*lines: str) -> int:
    """Print why the build stopped; return the exit status."""
    for line in lines:
        print(line, file=sys.stderr)
    print("The editions were not built.", file=sys.stderr)
    return 1


def copy_project(source: Path, target: Path, extra: list[str] | None = None) -> None:
    """Copy the files an edition needs, without caches, checkpoints, saved progress, tests or builds."""
    for name in COPIED + (extra or []):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=IGNORED)
        elif path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def verify_edition(folder: Path, expected: str, reference: dict) -> list[str]:
    """Load a built edition's corpus and bank; it must be the expected edition and accept the teacher's answers."""
    problems = []
    try:
        corpus = load_corpus(folder / "corpus")
        entries = load_bank(folder / "corpus", corpus)
    except CorpusError as problem:
        return [f"The {expected} edition does not load:\n{problem}"]
    if edition_of(entries) != expected:
        problems.append(f"The {expected} edition's exercise files look like the {edition_of(entries)} edition's.")
    for entry in entries:
        answer = reference.get(entry.exercise_id)
        if answer is not None and not check(entry, answer, corpus).correct:
            problems.append(f"Exercise {entry.exercise_id}: the right answer is not accepted in the {expected} edition.")
    return problems


def build(out: Path, source: Path = ROOT) -> int:
    """Check every exercise against its own answer, then write both editions under `out` (out/teacher, out/student)."""
    try:
        corpus = load_corpus(source / "corpus")
        entries = load_bank(source / "corpus", corpus)
    except CorpusError as problem:
        return fail(f"Cannot build the editions: the corpus or the exercise bank is not valid.\n{problem}")
    broken = [f"Exercise {e.exercise_id} is broken: {reason}" for e in entries if (reason := self_check(e, corpus))]
    if broken:
        return fail(*broken)
    if edition_of(entries) != "teacher":
        return fail(f"{source / 'corpus' / 'exercises'} holds student-edition exercise files; build from the teacher edition.")
    reference = {e.exercise_id: e.solution_answer(corpus) for e in entries}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".building-") as temporary:
        staging = Path(temporary)
        teacher, student = staging / "teacher", staging / "student"
        copy_project(source, teacher, TEACHER_ONLY)
        copy_project(source, student)
        write_student_bank(source / "corpus", student / "corpus", corpus)
        (teacher / "EDITION.md").write_text(EDITION_NOTE.format(title="Teacher edition", body=TEACHER_NOTE), encoding="utf-8")
        (student / "EDITION.md").write_text(EDITION_NOTE.format(title="Student edition", body=STUDENT_NOTE), encoding="utf-8")
        leaks = find_leaks(student, teacher_only_strings(entries, common=library_text(student)))
        if leaks:
            return fail(*(f"Exercise {i}: teacher-only text is in the student edition's {f}: “{s}…”" for i, f, s in leaks[:20]))
        problems = verify_edition(teacher, "teacher", reference) + verify_edition(student, "student", reference)
        if problems:
            return fail(*problems)
        for name in ("teacher", "student"):
            shutil.rmtree(out / name, ignore_errors=True)
            (staging / name).rename(out / name)
    print(f"Built {out / 'teacher'} and {out / 'student'}: {len(entries)} exercises checked against their own answers, "
          "the student edition checked for teacher-only text.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build", help="where to write teacher/ and student/ (default: build/)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the project to build from (default: this one)")
    args = parser.parse_args(argv)
    return build(args.out.resolve(), args.source.resolve())


if __name__ == "__main__":
    sys.exit(main())
