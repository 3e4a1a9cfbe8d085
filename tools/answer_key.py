"""The answer key for teachers, generated from the exercise bank: build/handouts/answer-key.html and its PDF.

    .venv/bin/python tools/answer_key.py               # writes build/handouts/answer-key.html and .pdf
    .venv/bin/python tools/answer_key.py --html-only   # no browser needed

Per notebook, per exercise (in the order of the bank): the prompt, the right answer in words, the annotation it
rests on (claims), the explanation and the worked solution students can reveal, and the teacher-only notes
(model answer, rubric, teaching notes, solution code). Teacher data only: run on a student edition, whose bank
has no answers, it refuses and says why. tools/handouts.py uses `answer_parts` for the teacher's exercise sheets.

    >>> import helpers
    >>> from helpers.exercises import load_bank
    >>> corpus = helpers.load_corpus()
    >>> entry = {e.exercise_id: e for e in load_bank(None, corpus)}["04-signature-count"]
    >>> parts, code = answer_parts(entry, corpus)
    >>> parts[0], code.startswith("answer =")
    (('Answer', '13 signatures'), True)
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import helpers  # noqa: E402
from helpers.corpus import DEFAULT_ROOT, Corpus  # noqa: E402
from helpers.exercises import NOTEBOOKS, edition, load_bank  # noqa: E402
from tools.handouts import OUT, arguments, inline, notebook_outline, page, write_pages  # noqa: E402

STUDENT_EDITION = ("This is the student edition: its exercise bank stores answers hashed and has no teacher notes, so there is no answer key "
                   "to print. Build the answer key from the teacher edition (the repository itself, or the teacher edition made by `make editions`).")


class StudentEditionError(RuntimeError):
    """The bank is the student edition's: there are no answers to print."""


def answer_parts(entry: Any, corpus: Corpus) -> tuple[list[tuple[str, str]], str]:
    """What a teacher needs to mark an exercise: (title, text) pairs in words, and the solution code ('' if none).

    The answer in words (as "Show answer" gives it, with its unit for a number), the annotation a claim rests on,
    the explanation, the worked solution, then the teacher block: model answer, rubric, teaching notes.
    """
    parts: list[tuple[str, str]] = []
    answer = entry.shown_answer()
    if isinstance(entry.teacher_answer(), float) and hasattr(entry, "canonical"):
        answer = entry.canonical(entry.teacher_answer())  # 13, not 13.0
    if answer is not None:
        parts.append(("Answer", f"{answer} {getattr(entry, 'unit', '')}".strip()))
    notes = entry.answer_notes(corpus)
    if notes:
        parts.append(notes)
    parts += [("Explanation", entry.explanation), ("Worked solution", entry.worked_solution)]
    teacher = entry.teacher
    if teacher:
        parts += [("Model answer", teacher.model_answer), ("Rubric", teacher.rubric), ("Teaching notes", teacher.teaching_notes)]
    code = teacher.solution_code if teacher and teacher.solution_code else ""
    return [(title, text) for title, text in parts if text], code


def exercise_key(number: int, entry: Any, corpus: Corpus, section: str) -> str:
    """One exercise of the key: number, id, kind, where it stands, prompt, then its answer parts and code."""
    parts, code = answer_parts(entry, corpus)
    where = f" · section “{escape(section)}”" if section else ""
    body = "".join(f"<p><b>{escape(title)}:</b> {inline(text)}</p>" for title, text in parts)
    if code:
        body += f"<p><b>Solution code:</b></p><pre>{escape(code)}</pre>"
    checked = "checked automatically" if entry.checked else "kept, not checked: mark it yourself"
    return (f'<div class="exercise"><p class="head">{number}. <span class="id">{escape(entry.exercise_id)}</span></p>'
            f'<p class="where">{escape(entry.kind.replace("_", " "))}, {checked}{where}</p>'
            f'<p class="prompt">{inline(entry.prompt)}</p><div class="teacher">{body or "<p>No answer in the data.</p>"}</div></div>')


def answer_key_html(entries: list[Any], corpus: Corpus, notebooks: Path) -> str:
    """The answer key: a part per notebook (starting on a new page), every exercise of the bank in it."""
    blocks = ['<div class="about"><p><b>Teacher edition only.</b> Generated from the exercise bank (corpus/exercises/*.yaml): change an answer '
              "there and rebuild, never here. Do not hand this out: students find the same explanations in the notebooks only after an attempt.</p></div>"]
    for notebook in dict.fromkeys([*NOTEBOOKS, *(e.notebook for e in entries)]):
        mine = [e for e in entries if e.notebook == notebook]
        if not mine:
            continue
        title, where = notebook_outline(notebooks / f"{notebook}.ipynb")
        items = "".join(exercise_key(n, e, corpus, where.get(e.exercise_id, "")) for n, e in enumerate(mine, start=1))
        blocks.append(f'<section class="notebook-key"><h2>{escape(title)}</h2>{items}</section>')
    return page("Answer key", "\n".join(blocks), subtitle=f"Every exercise of the bank, {len(entries)} in all, with its answer · teacher edition")


def write_answer_key(out: Path = OUT, corpus_path: Path | None = None, pdf: bool = True, chromium: str | None = None) -> list[Path]:
    """Write answer-key.html (and .pdf when `pdf`) into `out`; the files written.

    Raises StudentEditionError, before writing anything, when the bank is the student edition's.
    """
    root = Path(corpus_path) if corpus_path else DEFAULT_ROOT
    if edition(root) == "student":
        raise StudentEditionError(STUDENT_EDITION)
    corpus = helpers.load_corpus(root)
    entries = load_bank(root, corpus)
    html = answer_key_html(entries, corpus, root.parent / "notebooks")
    return write_pages(out, {"answer-key": ("Answer key (teacher edition)", html)}, pdf=pdf, chromium=chromium)


def main(argv: list[str] | None = None) -> int:
    """The command line: write the answer key, or say in words why not (exit status 1)."""
    args = arguments("Build the answer key (teacher edition only) from the exercise bank.").parse_args(argv)
    try:
        written = write_answer_key(args.out, args.corpus, pdf=not args.html_only)
    except helpers.CorpusError as problem:
        print(f"The answer key was not built: the corpus has problems.\n{problem}", file=sys.stderr)
        return 1
    except RuntimeError as problem:  # StudentEditionError, or no browser
        print(str(problem), file=sys.stderr)
        return 1
    print(f"Answer key written: {', '.join(str(p) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
