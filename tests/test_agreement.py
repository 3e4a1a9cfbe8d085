"""The agreement figures that CODEBOOK.md reports are recomputed here from the frozen readings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.agreement import compare

AGREEMENT = Path(__file__).resolve().parent.parent / "corpus" / "annotations" / "agreement"
CODEBOOK = AGREEMENT.parent / "CODEBOOK.md"


def reading(name: str) -> list[dict]:
    return yaml.safe_load((AGREEMENT / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("layer", "row"), [("statement_original_layer", "original layer vs second reading"),
                                            ("statement_first_reading", "revised layer vs second reading")])
def test_the_codebook_reports_the_agreement_the_readings_show(corpus, layer: str, row: str) -> None:
    texts = dict(zip(corpus.paragraphs["pid"], corpus.paragraphs["text"], strict=True))
    first, second = reading(layer), reading("statement_second_reading")
    result = compare(first, second, texts)
    line = re.search(rf"^\| {row} \| (\d+) / (\d+) \| (\d+) \| (\d+) \| ([\d.]+) \| ([\d.]+) \|$", CODEBOOK.read_text(encoding="utf-8"), re.MULTILINE)
    assert line, f"CODEBOOK.md has no row '{row}'"
    stated = [int(v) for v in line.groups()[:4]] + [float(v) for v in line.groups()[4:]]
    assert stated == [len(first), len(second), len(result.pairs), len(result.only_first) + len(result.only_second),
                      round(result.kappa("type"), 2), round(result.kappa("pillar"), 2)]


def test_the_second_reading_is_anchored_and_uses_the_vocabulary(corpus) -> None:
    texts = dict(zip(corpus.paragraphs["pid"], corpus.paragraphs["text"], strict=True))
    known = {facet: set(corpus.categories(facet)["id"]) for facet in ("claim_type", "actor", "referent", "domain", "pillar")}
    for claim in reading("statement_second_reading"):
        assert claim["quote"] in texts[claim["pid"]]
        assert claim["type"] in known["claim_type"] and (claim["pillar"] is None or claim["pillar"] in known["pillar"])
        for field, facet in (("actors", "actor"), ("referents", "referent"), ("domains", "domain")):
            assert set(claim[field]) <= known[facet], (claim["quote"], field)


def test_the_frozen_first_reading_is_the_statement_part_of_the_layer(corpus) -> None:
    """Until the layer is edited again, the frozen first reading is what claims.yaml says of the Statement."""
    layer = corpus.claims[corpus.claims["document"] == "statement"]
    frozen = reading("statement_first_reading")
    assert [c["claim_id"] for c in frozen] == list(layer["claim_id"]), "the Statement's claims changed: read them twice again and update CODEBOOK.md, section 6"
    assert [c["type"] for c in frozen] == list(layer["type"])

