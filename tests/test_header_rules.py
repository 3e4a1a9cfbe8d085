"""The rules that a layer file's header comment states are the rules the validator enforces."""

from __future__ import annotations

import re
from pathlib import Path

import annotated_types
import pytest

from helpers import schema

ANNOTATIONS = Path(__file__).resolve().parent.parent / "corpus" / "annotations"
FIELD_LINE = re.compile(r"^#   ([a-z_]+)\s+(required|optional)\b(.*)$")


def stated_fields(path: Path) -> dict[str, tuple[str, str]]:
    """The fields the header's "Each entry" block lists: name -> (required/optional, the rest of the description)."""
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    fields: dict[str, tuple[str, str]] = {}
    last = None
    for line in header[header.index(next(h for h in header if h.startswith("# Each entry"))) + 1:]:
        found = FIELD_LINE.match(line)
        if found:
            last = found.group(1)
            fields[last] = (found.group(2), found.group(3))
        elif last and line.startswith("#              "):
            fields[last] = (fields[last][0], fields[last][1] + " " + line.strip("# "))
        else:
            break
    return fields


def min_length(info) -> int:
    return next((m.min_length for m in info.metadata if isinstance(m, annotated_types.MinLen)), 0)


@pytest.mark.parametrize(("file", "model"), [("claims.yaml", schema.Claim), ("principles.yaml", schema.PrincipleOccurrence)])
def test_the_header_lists_exactly_the_models_fields_with_their_rules(file: str, model) -> None:
    stated = stated_fields(ANNOTATIONS / file)
    assert list(stated) == list(model.model_fields), f"{file}: the header's fields differ from the schema's"
    for name, info in model.model_fields.items():
        kind, text = stated[name]
        assert (kind == "required") == info.is_required(), f"{file}: {name} is {kind} in the header"
        says_at_least_one = "AT LEAST ONE" in text.upper()
        assert says_at_least_one == (min_length(info) >= 1 and info.annotation is not str), f"{file}: '{name}' at-least-one rule"
        if min_length(info) >= 1 and info.annotation is str:
            assert "not empty" in text or re.search(r"\bid of vocabulary\.yaml", text), f"{file}: the header must say that '{name}' may not be empty"
