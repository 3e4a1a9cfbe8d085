"""helpers: the small library behind the notebooks on the SCO's 2006 Declaration and Statement.

    import helpers
    corpus = helpers.load_corpus()     # the bundled corpus, checked
    corpus.paragraphs                  # one row per body paragraph
    corpus.search("sovereignty")       # keyword in context
    corpus.cite("decl-II-3")           # 'Declaration (Annex I), section II, paragraph 3 (point 2)'
    helpers.exercise("04-signature-count")    # an exercise that checks itself
    helpers.load_exercises()           # the exercise bank as a DataFrame

Charts live in helpers.charts and explorers in helpers.explorers; they (and the exercise
widgets) are imported only when used, so that loading the corpus stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from helpers.corpus import Corpus, load_corpus
from helpers.errors import CorpusError, Problem

if TYPE_CHECKING:
    from helpers.exercise_widgets import exercise, progress
    from helpers.exercises import check, edition, load_exercises
    from helpers.student_work import export_work

__all__ = ["Corpus", "CorpusError", "Problem", "check", "edition", "exercise", "export_work", "load_corpus", "load_exercises", "progress"]

# The exercise functions are imported on first use (PEP 562), so that `import helpers` stays light and
# never imports ipywidgets; each is the real function, with its own signature and docstring.
_LAZY = {"check": "helpers.exercises", "edition": "helpers.exercises", "load_exercises": "helpers.exercises",
        "exercise": "helpers.exercise_widgets", "progress": "helpers.exercise_widgets", "export_work": "helpers.student_work"}


def __getattr__(name: str) -> Any:
    """helpers.check, .edition, .load_exercises, .exercise and .progress, imported when first used."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy ones included."""
    return sorted(set(globals()) | set(_LAZY))
