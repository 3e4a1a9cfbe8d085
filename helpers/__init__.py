"""helpers: the small library behind the notebooks on the SCO's 2006 Declaration and Statement.

    import helpers
    corpus = helpers.load_corpus()     # the bundled corpus, checked
    corpus.paragraphs                  # one row per body paragraph
    corpus.search("sovereignty")       # keyword in context
    corpus.cite("decl-II-3")           # 'Declaration (Annex I), section II, paragraph 3 (point 2)'
    helpers.exercise("00-distribution-gap")   # an exercise that checks itself
    helpers.load_exercises()           # the exercise bank as a DataFrame

Charts live in helpers.charts and explorers in helpers.explorers; they (and the exercise
widgets) are imported only when used, so that loading the corpus stays light.
"""

from __future__ import annotations

from typing import Any

from helpers.corpus import Corpus, load_corpus
from helpers.errors import CorpusError, Problem

__all__ = ["Corpus", "CorpusError", "Problem", "check", "edition", "exercise", "load_corpus", "load_exercises", "progress"]


def load_exercises(path: Any = None) -> Any:
    """The exercise bank as a DataFrame: exercise_id, notebook, kind, prompt, hints, solution (teacher-only text)."""
    from helpers.exercises import load_exercises as load

    return load(path)


def exercise(exercise_id: str, root: Any = None) -> Any:
    """Show one exercise of the bank (an ipywidgets widget that checks answers and explains)."""
    from helpers.exercise_widgets import exercise as build

    return build(exercise_id, root)


def progress(notebook: str, root: Any = None) -> Any:
    """This notebook's exercises: attempted and right, with a button to save an anonymous file."""
    from helpers.exercise_widgets import progress as build

    return build(notebook, root)


def check(exercise: Any, answer: Any) -> Any:
    """Check an answer to one exercise (an id or an entry) without a widget: Result(correct, message)."""
    from helpers.exercises import check as run

    return run(exercise, answer)


def edition(path: Any = None) -> str:
    """'teacher' or 'student': which edition this project's exercise files are."""
    from helpers.exercises import edition as which

    return which(path)
