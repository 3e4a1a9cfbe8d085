"""Build the student and teacher editions: `make editions` (or `python tools/build_editions.py [OUT]`).

Each edition is a complete, runnable copy of the project (notebooks, corpus, helpers, set-up
files) that a teacher can zip and hand out or put on a class server:

- build/teacher/ keeps every exercise's model answer, solution code, rubric and teaching notes,
  and the notebooks show them next to each exercise;
- build/student/ has none of them: closed questions keep working because their answers are
  stored as salted hashes and their feedback encoded, so neither is readable at a glance.

The build fails, naming the exercise, if an exercise's own answer or solution fails its check.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.corpus import load_corpus  # noqa: E402
from helpers.errors import CorpusError  # noqa: E402
from helpers.exercises import EXERCISES_DIR, accepted_answers, answer_hash, encode_entry, expected_signature, load_bank, self_check  # noqa: E402

COPIED = ["README.md", "pyproject.toml", "environment.yml", "Makefile", "helpers", "corpus", "notebooks", "jupyter",
          "tools/install_lab_settings.py", "tools/find_browser.py"]
CLOSED = ("single_choice", "multiple_choice", "numeric", "find_paragraph")
EDITION_NOTE = """# {title}

A complete copy of the notebook series. To use it: `make lab` (needs Python 3.11 and make),
or with conda: `conda env create -f environment.yml`, then `jupyter lab notebooks/00_start_here.ipynb`.

{body}
"""


def copy_project(source: Path, target: Path) -> None:
    """Copy the files an edition needs, without caches, tests or builds."""
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "progress_*.json", ".cache")
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=ignore)
        elif path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def student_entry(data: dict, entry, corpus) -> dict:
    """One exercise as the student edition stores it: no teacher block, hashed answers, encoded feedback."""
    out = {k: v for k, v in data.items() if k != "teacher"}
    if entry.kind in CLOSED:
        out["answer_hashes"] = [answer_hash(entry.exercise_id, a) for a in accepted_answers(entry)]
        out.pop("answer", None)
        if "options" in out:
            out["options"] = [{k: v for k, v in o.items() if k != "correct"} for o in out["options"]]
    if entry.kind == "short_code":
        out["expected"] = expected_signature(entry, corpus)
    return encode_entry(out)


def write_student_bank(source: Path, target: Path, corpus) -> None:
    """Rewrite every exercise file of the student edition."""
    entries = {e.exercise_id: e for e in load_bank(source, corpus)}
    for path in sorted((source / EXERCISES_DIR).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rewritten = [student_entry(item, entries[item["exercise_id"]], corpus) for item in data]
        header = (f"# Exercises of notebooks/{path.stem}.ipynb, student edition.\n"
                  "# Answers are stored as salted hashes and feedback is encoded (base64), so that they\n"
                  "# are not readable at a glance. Edit the teacher edition, not this file.\n")
        text = yaml.safe_dump(rewritten, allow_unicode=True, sort_keys=False, width=120)
        (target / EXERCISES_DIR / path.name).write_text(header + text, encoding="utf-8")


def build(out: Path, source: Path = ROOT) -> int:
    """Check every exercise against its own answer, then write both editions under `out`."""
    try:
        corpus = load_corpus(source / "corpus")
        entries = load_bank(source / "corpus", corpus)
    except CorpusError as problem:
        print(f"Cannot build the editions:\n{problem}", file=sys.stderr)
        return 1
    broken = [(e.exercise_id, reason) for e in entries if (reason := self_check(e, corpus))]
    if broken:
        for exercise_id, reason in broken:
            print(f"Exercise {exercise_id} is broken: {reason}", file=sys.stderr)
        print("The editions were not built.", file=sys.stderr)
        return 1
    teacher, student = out / "teacher", out / "student"
    copy_project(source, teacher)
    copy_project(source, student)
    write_student_bank(source / "corpus", student / "corpus", corpus)
    (teacher / "EDITION.md").write_text(EDITION_NOTE.format(
        title="Teacher edition", body="Every exercise shows its model answer, solution code, rubric and teaching notes. Do not hand this edition to students."), encoding="utf-8")
    (student / "EDITION.md").write_text(EDITION_NOTE.format(
        title="Student edition", body="Exercises check themselves and explain; model answers, solutions and rubrics are with your teacher."), encoding="utf-8")
    print(f"Built {teacher} and {student} ({len(entries)} exercises checked against their own answers).")
    return 0


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build")
    parser.add_argument("--source", type=Path, default=ROOT, help="the project to build from (default: this one)")
    args = parser.parse_args()
    return build(args.out, args.source)


if __name__ == "__main__":
    sys.exit(main())
