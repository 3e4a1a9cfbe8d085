"""A student's work that lasts: every answer saved as they work, in a file per notebook beside it, restored when it runs again.

Where: `my-work/<notebook>.json` in the kernel's working directory, which is the notebook's folder
(so `notebooks/my-work/03_security_claims.json`); the variable SCO_NOTEBOOKS_WORK_DIR names another
folder (the tests use it). What: per exercise the answer (choices, numbers, paragraph ids, texts,
code, labels, commentary parts and checklist), attempts, hints used, whether the answer was shown,
the last feedback, and the progress state. A code cell's code is saved with the notebook itself;
its file keeps the checks' results.

The rules:

- a fresh kernel loads a notebook's file before it writes to it;
- the file is written atomically (a temporary file, then a rename): never half-written;
- an exercise this kernel has not touched never overwrites what the file holds (the file and the
  kernel's work are merged per exercise), so an empty state never writes zeros over saved work;
- only `clear` removes saved work, and the progress widget asks before it calls it.

    >>> import tempfile, helpers
    >>> from helpers.exercises import load_bank
    >>> entry = next(e for e in load_bank() if e.exercise_id == "04-signature-count")
    >>> with kept_in(tempfile.mkdtemp()):
    ...     note_attempt(entry, helpers.check(entry, "12"), "12")
    ...     note_attempt(entry, helpers.check(entry, "13"), "13")
    ...     saved = read_file(work_file("04_signatories"))["exercises"]["04-signature-count"]
    >>> saved["answer"], saved["attempts"], saved["state"]
    ('13', 2, 'right after more tries')

Progress states (`state`): not attempted; right at first try; right after more tries; right after
hints; right after the answer was shown (a right answer after "Show answer" is never counted as
right at first try); not right yet; argued disagreement (classify_claim: the student disagrees
with the annotation and argues why, which is not wrong); answered (no automatic check).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helpers.corpus import Corpus
    from helpers.exercise_models import Entry, Result

FOLDER = "my-work"
FOLDER_VARIABLE = "SCO_NOTEBOOKS_WORK_DIR"
FORMAT = 1

NOT_ATTEMPTED = "not attempted"
FIRST_TRY = "right at first try"
AFTER_TRIES = "right after more tries"
AFTER_HINTS = "right after hints"
AFTER_SHOWN = "right after the answer was shown"
NOT_YET = "not right yet"
ARGUED = "argued disagreement"
KEPT = "answered (no automatic check)"
RIGHT = (FIRST_TRY, AFTER_TRIES, AFTER_HINTS)  # right by the student's own work: the answer was not shown first
STATES = (FIRST_TRY, AFTER_TRIES, AFTER_HINTS, AFTER_SHOWN, ARGUED, KEPT, NOT_YET, NOT_ATTEMPTED)

WORK: dict[str, dict[str, dict[str, Any]]] = {}  # notebook -> exercise id -> record: this kernel's view of the saved work
_LOADED: dict[str, Path] = {}  # notebook -> the file its work was loaded from
_TOUCHED: set[tuple[str, str]] = set()  # (notebook, exercise id) the student worked on in this kernel
PROBLEMS: dict[str, str] = {}  # notebook -> why its saved work could not be read (shown in its widgets)


class WorkError(Exception):
    """Saving, clearing or exporting failed; the message says so in words a student understands."""


# --- where --------------------------------------------------------------------------------------------


def folder() -> Path:
    """The folder of a student's work: $SCO_NOTEBOOKS_WORK_DIR, else my-work/ in the working directory (the notebook's folder)."""
    named = os.environ.get(FOLDER_VARIABLE, "").strip()
    return Path(named) if named else Path.cwd() / FOLDER


def work_file(notebook: str) -> Path:
    """The file holding a notebook's work.

    >>> with kept_in("/tmp/work"):
    ...     str(work_file("03_security_claims"))
    '/tmp/work/03_security_claims.json'
    """
    return folder() / f"{notebook}.json"


@contextlib.contextmanager
def kept_in(path: str | Path) -> Iterator[Path]:
    """Keep the work in another folder for a while (tests and examples), then where it was."""
    old = os.environ.get(FOLDER_VARIABLE)
    os.environ[FOLDER_VARIABLE] = str(path)
    try:
        yield Path(path)
    finally:
        if old is None:
            os.environ.pop(FOLDER_VARIABLE, None)
        else:
            os.environ[FOLDER_VARIABLE] = old


# --- reading and writing ----------------------------------------------------------------------------


def read_file(path: Path) -> dict[str, Any]:
    """A work file's content; an absent file is empty work. Raises ValueError if the file is not a work file."""
    if not path.exists():
        return {"exercises": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
        raise ValueError("it is not a file of saved work")
    return data


def write_atomically(path: Path, text: str) -> None:
    """Write a file all at once: a temporary file beside it, then a rename over it (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def load(notebook: str) -> dict[str, dict[str, Any]]:
    """This kernel's work on a notebook, read from its file on first use (and again if the folder changed)."""
    path = work_file(notebook)
    if _LOADED.get(notebook) != path:
        _LOADED[notebook] = path
        WORK[notebook] = {}
        PROBLEMS.pop(notebook, None)
        _TOUCHED.difference_update({t for t in _TOUCHED if t[0] == notebook})
        try:
            WORK[notebook] = dict(read_file(path)["exercises"])
        except (OSError, ValueError) as problem:
            PROBLEMS[notebook] = (f"Your saved work in {path} could not be read ({problem}). It is left as it is; "
                                  "new work will be saved and the old file kept beside it.")
    return WORK.setdefault(notebook, {})


def save(notebook: str) -> None:
    """Write a notebook's work to its file: the file's records, with the exercises this kernel touched in place of theirs.

    Raises WorkError (saying why in words) if the file cannot be written.
    """
    records = load(notebook)
    path = work_file(notebook)
    try:
        try:
            on_disk = read_file(path)["exercises"]
        except ValueError:  # unreadable: keep it beside the new one rather than overwrite it
            path.replace(path.with_name(f"{path.stem}.unreadable-{datetime.now():%Y%m%d-%H%M%S}.json"))
            on_disk = {}
        merged = {**on_disk, **{i: r for i, r in records.items() if (notebook, i) in _TOUCHED}}
        text = json.dumps({"notebook": notebook, "format": FORMAT, "saved": datetime.now().isoformat(timespec="seconds"), "exercises": merged},
                          indent=1, ensure_ascii=False)
        write_atomically(path, text)
    except OSError as problem:
        raise WorkError(f"Your work could not be saved to {path} ({problem.strerror or problem}). "
                        "Copy your answers somewhere safe, and tell your teacher.") from None
    records.update(merged)


def clear(notebook: str) -> None:
    """Remove a notebook's saved work, on purpose (the progress widget asks first). Raises WorkError if it cannot."""
    load(notebook)
    try:
        work_file(notebook).unlink(missing_ok=True)
        progress_file(notebook).unlink(missing_ok=True)
    except OSError as problem:
        raise WorkError(f"Your work could not be cleared ({problem.strerror or problem}).") from None
    WORK[notebook] = {}
    _TOUCHED.difference_update({t for t in _TOUCHED if t[0] == notebook})


# --- one exercise's record ------------------------------------------------------------------------------


def blank(entry: Entry) -> dict[str, Any]:
    """The record of an exercise not yet worked on."""
    return {"kind": entry.kind, "answer": None, "attempted": False, "attempts": 0, "hints": 0, "shown": False, "feedback": "",
            "correct": None, "state": NOT_ATTEMPTED}


def record(entry: Entry) -> dict[str, Any]:
    """The record of one exercise (loaded from the saved work, or blank), in this kernel."""
    records = load(entry.notebook)
    return records.setdefault(entry.exercise_id, blank(entry))


def touch(entry: Entry) -> dict[str, Any]:
    """The record of one exercise the student is working on now: what is saved for it next comes from this kernel."""
    found = record(entry)
    _TOUCHED.add((entry.notebook, entry.exercise_id))
    return found


def storable(entry: Entry, answer: Any) -> Any:
    """The answer as the work file keeps it: JSON (None for a kind that keeps none, or for a value that is not JSON)."""
    if not entry.keeps_answer:
        return None
    try:
        json.dumps(answer)
    except (TypeError, ValueError):
        return None
    return answer


def state_after(entry: Entry, found: dict[str, Any], result: Result, answer: Any) -> str:
    """The progress state after a real attempt; right once stays right, in the state it was first reached."""
    if found.get("correct") is True:
        return found["state"]
    if result.correct is None:
        return KEPT
    if result.correct is False:
        return ARGUED if entry.argued(answer) else NOT_YET
    if found.get("shown"):
        return AFTER_SHOWN
    if found.get("hints"):
        return AFTER_HINTS
    return FIRST_TRY if found.get("attempts", 0) == 0 else AFTER_TRIES


def note_attempt(entry: Entry, result: Result, answer: Any) -> None:
    """Record a check of a real attempt (its answer, feedback and state) and save. Raises WorkError if the save fails."""
    found = touch(entry)
    found["state"] = state_after(entry, found, result, answer)
    found["correct"] = True if found.get("correct") is True else result.correct
    found.update(attempted=True, attempts=found.get("attempts", 0) + 1, feedback=result.message)
    found["answer"] = storable(entry, answer)
    save(entry.notebook)


def note_answer(entry: Entry, answer: Any) -> None:
    """Record an answer as it is written (a text area changed), and save. Raises WorkError if the save fails."""
    touch(entry)["answer"] = storable(entry, answer)
    save(entry.notebook)


def note(entry: Entry, **changes: Any) -> None:
    """Record hints used or the answer shown (with the answer as it stands), and save. Raises WorkError if the save fails."""
    touch(entry).update(changes)
    save(entry.notebook)


# --- progress, derived from the saved work --------------------------------------------------------------


def progress_record(notebook: str, entries: list[Entry]) -> dict[str, Any]:
    """The anonymous progress record of a notebook, derived from its saved work: per exercise its kind, state, attempts and hints.

    No names and no answers. `correct` counts the exercises right by the student's own work (not after the answer was shown).
    """
    records = load(notebook)
    rows = []
    for entry in entries:
        found = records.get(entry.exercise_id) or blank(entry)
        rows.append({"exercise_id": entry.exercise_id, "kind": entry.kind, "attempted": bool(found.get("attempted")), "state": found.get("state", NOT_ATTEMPTED),
                     "attempts": found.get("attempts", 0), "hints": found.get("hints", 0), "shown": bool(found.get("shown"))})
    counts = {state: sum(r["state"] == state for r in rows) for state in STATES}
    return {"notebook": notebook, "exercises": rows, "attempted": sum(r["attempted"] for r in rows),
            "correct": sum(r["state"] in RIGHT for r in rows), "total": len(rows), "states": counts}


def progress_file(notebook: str) -> Path:
    """The anonymous progress file of a notebook, beside its work file."""
    return folder() / f"progress_{notebook}.json"


def save_progress(notebook: str, entries: list[Entry]) -> Path:
    """Write the anonymous progress file (derived from the saved work, so a restart never writes zeros over it). Raises WorkError."""
    path = progress_file(notebook)
    try:
        write_atomically(path, json.dumps(progress_record(notebook, entries), indent=2, ensure_ascii=False))
    except OSError as problem:
        raise WorkError(f"The progress file could not be saved to {path} ({problem.strerror or problem}).") from None
    return path


# --- the hand-in ---------------------------------------------------------------------------------------

STYLE = """body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:2em}h3{font-size:1em;margin-bottom:.2em}
section{break-inside:avoid;margin-bottom:1.2em}dl{display:grid;grid-template-columns:9em 1fr;gap:.2em .8em;margin:.3em 0}
dt{font-weight:bold}dd{margin:0;white-space:pre-wrap}.question{font-style:italic}.note{color:#444;font-size:.9em}
@media print{body{margin:0}a{color:#111}}"""


def exercise_html(entry: Entry, found: dict[str, Any], corpus: Corpus) -> str:
    """One exercise of the hand-in: the question, the answer, the feedback, attempts, hints, whether the answer was shown, the state."""
    answer = found.get("answer")
    kept = answer not in (None, "", [], {}) or not entry.keeps_answer  # a code cell says where its code is
    written = entry.answer_in_words(answer, corpus) if kept else "(no answer)"
    rows = [("Your answer", written), ("Feedback", found.get("feedback") or "(none yet)"), ("Progress", found.get("state", NOT_ATTEMPTED)),
            ("Attempts", str(found.get("attempts", 0))), ("Hints used", str(found.get("hints", 0))),
            ("Answer shown", "yes" if found.get("shown") else "no")]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    return f"<section><h3>Exercise {escape(entry.exercise_id)}</h3><p class='question'>{escape(entry.prompt)}</p><dl>{items}</dl></section>"


def hand_in_html(notebooks: list[str], entries: list[Entry], corpus: Corpus, name: str = "") -> str:
    """The whole hand-in page: self-contained (inline CSS, no scripts, nothing fetched), printable to PDF from the browser.

    It holds only what the student wrote and was told: no model answer, rubric, solution or teaching note.
    """
    title = "My work on the SCO 2006 notebooks"
    head = f"<h1>{escape(title)}</h1>" + (f"<p><b>Name:</b> {escape(name.strip())}</p>" if name.strip() else "")
    head += f"<p class='note'>Exported on {datetime.now():%d %B %Y at %H:%M}. Made on this computer; nothing was sent anywhere.</p>"
    body = []
    for notebook in notebooks:
        records = load(notebook)
        mine = [e for e in entries if e.notebook == notebook]
        summary = progress_record(notebook, mine)
        body.append(f"<h2>Notebook {escape(notebook)}</h2><p class='note'>{summary['attempted']} of {summary['total']} exercises attempted, "
                    f"{summary['correct']} right by my own work.</p>")
        body += [exercise_html(e, records.get(e.exercise_id) or blank(e), corpus) for e in mine]
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body>{head}{''.join(body)}</body></html>")


def export_work(notebook: str | None = None, name: str = "", root: str | Path | None = None) -> Path:
    """Write the hand-in of one notebook (or of the whole series, notebook=None) as one HTML file in my-work/; return its path.

    Raises WorkError (in words) if it cannot be written. Nothing is sent anywhere.

    >>> import tempfile
    >>> with kept_in(tempfile.mkdtemp()):
    ...     path = export_work("04_signatories", name="Ada")
    ...     page = path.read_text(encoding="utf-8")
    >>> path.name, "Ada" in page, "(no answer)" in page
    ('hand-in_04_signatories.html', True, True)
    """
    from helpers.corpus import load_corpus
    from helpers.exercises import NOTEBOOKS, load_bank

    corpus = load_corpus(root)
    entries = load_bank(root, corpus)
    known = [n for n in NOTEBOOKS if any(e.notebook == n for e in entries)]
    if notebook is not None and notebook not in known:
        raise WorkError(f"There is no notebook {notebook!r}; the notebooks are {', '.join(known)}.")
    path = folder() / f"hand-in_{notebook or 'series'}.html"
    try:
        write_atomically(path, hand_in_html([notebook] if notebook else known, entries, corpus, name))
    except OSError as problem:
        raise WorkError(f"Your work could not be exported to {path} ({problem.strerror or problem}).") from None
    return path
