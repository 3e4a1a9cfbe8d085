"""The built-in exercise kinds: importing this module registers them, in this order.

Each kind is one class in its own module (helpers/kind_<name>.py) that registers itself with
`@register` (helpers.exercise_models). To add a built-in kind, write its module and add it to
BUILT_IN; a kind defined elsewhere (a notebook, a test) only needs `@register`. The order is the
order in which "the kind must be one of ..." lists them.

    >>> from helpers.exercise_models import kind_class
    >>> [kind_class(name).__module__ for name in ("numeric", "short_code")]
    ['helpers.kind_numeric', 'helpers.kind_short_code']
"""

from __future__ import annotations

import importlib

BUILT_IN = (
    "helpers.kind_choice",  # single_choice, multiple_choice
    "helpers.kind_numeric",
    "helpers.kind_find_paragraph",
    "helpers.kind_classify_claim",
    "helpers.kind_short_code",
    "helpers.kind_code_cell",
    "helpers.kind_open_reflection",
    "helpers.kind_commentary",
)

for _module in BUILT_IN:
    importlib.import_module(_module)
