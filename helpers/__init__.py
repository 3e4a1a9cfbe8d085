"""helpers: the small library behind the notebooks on the SCO's 2006 Declaration and Statement.

    import helpers
    corpus = helpers.load_corpus()     # the bundled corpus, checked
    corpus.paragraphs                  # one row per body paragraph
    corpus.search("sovereignty")       # keyword in context
    corpus.cite("decl-II-3")           # 'Declaration (Annex I), section II, paragraph 3 (point 2)'

Charts live in helpers.charts, explorers in helpers.explorers; both are imported only when used,
so that loading the corpus stays light.
"""

from helpers.corpus import Corpus, load_corpus
from helpers.errors import CorpusError, Problem

__all__ = ["Corpus", "CorpusError", "Problem", "load_corpus"]
