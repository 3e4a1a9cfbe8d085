"""Build the class, self-study and teacher editions: `make editions` (or `python tools/build_editions.py [OUT] [--source PROJECT]`).

Each edition is a complete, runnable copy of the project (notebooks, corpus, helpers, set-up
files; not tests/, .git or build/) that a teacher can zip and hand out or put on a class server:

- build/class/ is for students in a class: no model answers, solution code, rubrics or teaching
  notes; closed questions keep working because their answers are stored as salted hashes and
  their feedback encoded (base64), so neither is readable at a glance;
- build/self-study/ is for a learner alone: the class edition plus, per exercise, its model answer
  and rubric, encoded, which the notebooks reveal after a real attempt, for self-assessment;
- build/teacher/ keeps everything (the notebooks show it next to each exercise), and this script,
  to rebuild after adapting.

Every edition's notebooks ship without outputs, execution counts or widget state, and the class and
self-study editions say which they are in `corpus/exercises/EDITION`. The build fails (exit status 1),
naming the exercise, if the bank does not validate, if the notebooks and the bank disagree, if an
exercise's own answer or solution does not pass its own check, if any file of the class or self-study
edition holds teacher-only text it must not ship (notebooks, READMEs, docs, docstrings, YAML, CSV, image
text), or if an edition does not load, is not the edition it says, or refuses an answer that is right in
the teacher's data. Nothing is left half-built: the editions are written to a temporary folder and moved
into place only when every check has passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.corpus import load_corpus  # noqa: E402
from helpers.editions import (  # noqa: E402
    CLASS,
    EDITIONS,
    SELF_ASSESSMENT,
    SELF_STUDY,
    TEACHER,
    View,
    clean_notebooks,
    edition_leaks,
    edition_word,
    library_text,
    placement_problems,
    write_edition_bank,
)
from helpers.errors import CorpusError  # noqa: E402
from helpers.exercise_encoding import decode  # noqa: E402
from helpers.exercises import EXERCISES_DIR, VIEW_VARIABLE, check, edition_of, load_bank, self_check, view  # noqa: E402

COPIED = ["README.md", "pyproject.toml", "environment.yml", "Makefile", "helpers", "corpus", "notebooks", "jupyter", ".jupyter", "docs",
          "tools/install_lab_settings.py", "tools/__init__.py", "tools/lab_harness.py"]  # the harness finds a browser for `make browser`
TEACHER_ONLY = ["tools/build_editions.py", "docs/teacher-guide.md",  # copied into the teacher edition only, with the teacher's kit:
                "tools/handouts.py", "tools/answer_key.py", "tools/slides.py", "tools/site.py", "web"]  # make handouts, slides, site
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "progress_*.json", "my-work", ".cache", ".DS_Store", "node_modules")
OLD_EDITIONS = ["student"]  # the editions' former names, removed from OUT when they hold a built edition
EDITION_NOTE = """# {title}

{body}

The series comes in three editions, built from one source by `make editions`:

| edition | for whom | what it shows |
| --- | --- | --- |
| class | students in a class | exercises that check themselves and explain; no model answers, solution code, rubrics or teaching notes; "Show answer" only where the teacher allows it |
| self-study | a learner working alone | the same, and after a real attempt the answer, the model answer and the rubric, to assess your own work |
| teacher | the teacher | everything, next to each exercise; never for students |

To use it: `make lab` (needs Python 3.11 and make), or with conda: `conda env create -f environment.yml`,
then `jupyter lab notebooks/00_start_here.ipynb`. Your answers are saved as you work in
`notebooks/my-work/`, beside the notebooks; keep that folder when you move to another copy.

In the class and self-study editions the right answers are stored as salted hashes and the hidden
texts (feedback, explanations, model answers) base64-encoded: that keeps them from a glance at the
files, not from a determined student, who can try every option or decode base64.
"""
NOTES = {
    CLASS: ("Class edition", "This is the **class** edition, for students in a class. Model answers, solutions and rubrics are "
                             "with your teacher; please work the exercises rather than decode them."),
    SELF_STUDY: ("Self-study edition", "This is the **self-study** edition, for a learner working alone. Make a real attempt at "
                                       "each exercise first: then \"Show answer\" gives the answer, and for written answers the "
                                       "model answer and the rubric, to assess your own work."),
    TEACHER: ("Teacher edition", "This is the **teacher** edition. `make lab-teacher` opens it with every exercise's model answer, "
                                 "solution code, rubric and teaching notes (under \"Teacher edition\"); `make lab` opens it as a "
                                 "self-learner sees it. Do not hand it to students: hand out the class or self-study edition. "
                                 "To adapt the exercises, edit `corpus/exercises/*.yaml`, run `python -m helpers validate`, "
                                 "then `python tools/build_editions.py` to build all three editions again."),
}


def fail(*lines: str) -> int:
    """Print why the build stopped; return the exit status."""
    for line in lines:
        print(line, file=sys.stderr)
    print("The editions were not built.", file=sys.stderr)
    return 1


def copy_project(source: Path, target: Path, extra: list[str] | None = None) -> None:
    """Copy the files an edition needs, without caches, checkpoints, saved work, tests or builds."""
    for name in COPIED + (extra or []):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=IGNORED)
        elif path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def make_edition(source: Path, target: Path, corpus, edition: View) -> None:
    """Write one edition into `target`: the project, its exercise files, its notebooks cleaned, its EDITION.md."""
    copy_project(source, target, TEACHER_ONLY if edition == TEACHER else None)
    if edition != TEACHER:
        for name in TEACHER_ONLY:  # a file inside a copied folder (docs/) is removed again
            (target / name).unlink(missing_ok=True)
    write_edition_bank(source / "corpus", target / "corpus", corpus, edition)
    clean_notebooks(target / "notebooks")
    title, body = NOTES[edition]
    (target / "EDITION.md").write_text(EDITION_NOTE.format(title=title, body=body), encoding="utf-8")


def view_of(folder: Path, asked: str) -> str:
    """The view helpers.exercises.view gives a built edition when SCO_NOTEBOOKS_VIEW asks for `asked` (the EDITION file must win)."""
    before = os.environ.get(VIEW_VARIABLE)
    os.environ[VIEW_VARIABLE] = asked
    try:
        return view(folder / "corpus")
    except CorpusError as problem:
        return f"no view ({problem})"
    finally:
        if before is None:
            os.environ.pop(VIEW_VARIABLE, None)
        else:
            os.environ[VIEW_VARIABLE] = before


def stored_problems(folder: Path, expected: View, source: dict) -> list[str]:
    """What an edition's exercise files store that they must not: a teacher block in the class edition; in the self-study
    edition anything but the encoded model answer and rubric of the teacher's data."""
    problems = []
    for path in sorted((folder / "corpus" / EXERCISES_DIR).glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            block, original = item.get("teacher") or {}, source[item["exercise_id"]].teacher
            wanted = {f: getattr(original, f) for f in SELF_ASSESSMENT if original and getattr(original, f)} if expected == SELF_STUDY else {}
            try:
                stored = {f: decode(text) for f, text in block.items()}
            except (ValueError, TypeError):
                stored = block
            if stored != wanted:
                problems.append(f"Exercise {item['exercise_id']}: the {expected} edition stores {sorted(block) or 'no teacher block'}, "
                                f"not {sorted(wanted) or 'no teacher block'}{' (encoded)' if wanted else ''}.")
    return problems


def verify_edition(folder: Path, expected: View, reference: dict, source: dict) -> list[str]:
    """Load a built edition's corpus and bank; it must be the edition it says and accept the teacher's answers."""
    try:
        corpus = load_corpus(folder / "corpus")
        entries = load_bank(folder / "corpus", corpus)
    except CorpusError as problem:
        return [f"The {expected} edition does not load:\n{problem}"]
    problems = []
    word = edition_word(folder / "corpus")
    if word != (None if expected == TEACHER else expected):
        problems.append(f"The {expected} edition's corpus/exercises/EDITION says {word!r}.")
    if (form := edition_of(entries)) != ("teacher" if expected == TEACHER else "student"):
        problems.append(f"The {expected} edition's exercise files are in the {form} form.")
    if (shown := view_of(folder, TEACHER)) != expected:
        problems.append(f"The {expected} edition opens in the {shown} view.")
    problems += stored_problems(folder, expected, source) if expected != TEACHER else []
    for entry in entries:
        answer = reference.get(entry.exercise_id)
        if answer is not None and not check(entry, answer, corpus).correct:
            problems.append(f"Exercise {entry.exercise_id}: the right answer is not accepted in the {expected} edition.")
    return problems


def build(out: Path, source: Path = ROOT) -> int:
    """Check every exercise against its own answer and every notebook against the bank, then write the three editions under `out`."""
    try:
        corpus = load_corpus(source / "corpus")
        entries = load_bank(source / "corpus", corpus)
    except CorpusError as problem:
        return fail(f"Cannot build the editions: the corpus or the exercise bank is not valid.\n{problem}")
    if edition_of(entries) != "teacher" or edition_word(source / "corpus") is not None:
        return fail(f"{source / 'corpus' / 'exercises'} holds a built edition's exercise files; build from the teacher edition.")
    broken = [f"Exercise {e.exercise_id} is broken: {reason}" for e in entries if (reason := self_check(e, corpus))]
    broken += placement_problems(source / "notebooks", entries)
    if broken:
        return fail(*broken)
    reference = {e.exercise_id: e.solution_answer(corpus) for e in entries}
    by_id = {e.exercise_id: e for e in entries}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".building-") as temporary:
        staging = Path(temporary)
        for edition in EDITIONS:
            make_edition(source, staging / edition, corpus, edition)
        leaks = [(edition, *leak) for edition in EDITIONS for leak in edition_leaks(staging / edition, edition, entries, library_text(staging / edition))]
        if leaks:
            return fail(*(f"Exercise {i}: teacher-only text is in the {e} edition's {f}: “{s}…”" for e, i, f, s in leaks[:20]))
        problems = [p for edition in EDITIONS for p in verify_edition(staging / edition, edition, reference, by_id)]
        if problems:
            return fail(*problems)
        for name in EDITIONS:
            shutil.rmtree(out / name, ignore_errors=True)
            (staging / name).rename(out / name)
    for name in OLD_EDITIONS:
        if (out / name / "EDITION.md").is_file():
            shutil.rmtree(out / name)
            print(f"Removed {out / name}, an edition of an older build (now: class, self-study, teacher).")
    print(f"Built {', '.join(str(out / e) for e in EDITIONS)}: {len(entries)} exercises checked against their own answers and "
          "their notebooks; the class and self-study editions checked for teacher-only text in every file.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build", help="where to write class/, self-study/ and teacher/ (default: build/)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the project to build from (default: this one)")
    args = parser.parse_args(argv)
    return build(args.out.resolve(), args.source.resolve())


if __name__ == "__main__":
    sys.exit(main())
