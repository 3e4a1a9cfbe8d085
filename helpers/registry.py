"""Every chart and every explorer by name: one list that the tests, the gallery and the benchmark share.

    >>> import helpers
    >>> from helpers.registry import CHARTS, EXPLORERS
    >>> corpus = helpers.load_corpus()
    >>> len(CHARTS), len(EXPLORERS)
    (12, 6)
    >>> CHARTS["sco_map"](corpus).layout.title.text
    'The SCO in 2006: 6 member states, 4 observers and 1 guest'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from helpers.corpus import Corpus


def most_annotated_principle(corpus: Corpus) -> str:
    """The principle with the most occurrences in the principles layer."""
    return str(corpus.principles.groupby("principle").size().idxmax())


def _charts() -> dict[str, Callable[[Corpus], Any]]:
    from helpers import charts

    return {
        "structure": charts.structure,
        "timeline": charts.timeline,
        "sco_map": charts.sco_map,
        "term_frequencies": charts.term_frequencies,
        "term_frequencies_by_section": lambda c: charts.term_frequencies(c, by="section", top=5),
        "principles_heatmap": charts.principles_heatmap,
        "reading_vs_counting": lambda c: charts.reading_vs_counting(c, most_annotated_principle(c)),
        "claims_by_type": charts.claims_by_type,
        "claims_by_pillar": charts.claims_by_pillar,
        "actors_by_type": charts.actors_by_type,
        "claims_sankey": charts.claims_sankey,
        "signatories": charts.signatories,
    }


EXPLORER_NAMES = ("search_explorer", "paragraph_reader", "principle_explorer", "claims_explorer", "signatory_explorer", "comparison_explorer")


def _explorers() -> dict[str, Callable[[Corpus], Any]]:
    from helpers import explorers

    return {name: getattr(explorers, name) for name in EXPLORER_NAMES}


def __getattr__(name: str) -> dict[str, Callable[[Corpus], Any]]:
    """CHARTS and EXPLORERS are built on first use, so that importing this module stays light (PEP 562)."""
    if name == "CHARTS":
        return _charts()
    if name == "EXPLORERS":
        return _explorers()
    raise AttributeError(name)
