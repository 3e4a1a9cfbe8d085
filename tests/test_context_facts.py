"""Notebook 01's statements about its own charts and map, recomputed from what the library draws.

An outside reading found the timeline's lanes described upside down and the observers placed
"to the south and east" of the members; these tests keep the prose and the pictures in step.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import charts

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01_context.ipynb"


@pytest.fixture(scope="module")
def prose() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return re.sub(r"\s+", " ", " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))


def outline_points(feature: dict) -> set[tuple[float, float]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return {(round(p[0], 3), round(p[1], 3)) for polygon in polygons for ring in polygon for p in ring}


def neighbours(corpus, iso3: str, among: list[str]) -> list[str]:
    """The states among `among` whose outline shares at least two points with iso3's: a common border on the map."""
    points = {f["properties"]["iso3"]: outline_points(f) for f in corpus.map_features}
    return sorted(other for other in among if len(points[iso3] & points[other]) >= 2)


def test_the_timeline_lanes_are_where_the_text_says(corpus, prose: str) -> None:
    fig = charts.timeline(corpus)
    lane_of = {trace.name: trace.yaxis for trace in fig.data}
    sco, un = fig.layout[lane_of["SCO track event"].replace("y", "yaxis")].domain, fig.layout["yaxis2"].domain
    assert sco[0] > un[1], "the SCO lane is no longer above the UN lane"
    assert "the SCO's events in the upper lane and the UN's in the lower lane" in prose


def test_the_observers_borders_are_what_the_map_shows(corpus, prose: str) -> None:
    states = corpus.states.set_index("iso3")
    members = list(states[states["status_2006"] == "member"].index)
    assert neighbours(corpus, "MNG", members) == ["CHN", "RUS"]
    assert neighbours(corpus, "IND", members) == ["CHN"] and neighbours(corpus, "PAK", members) == ["CHN"]
    assert neighbours(corpus, "IRN", members) == []
    assert "Mongolia lies between Russia and China and borders both; India and Pakistan each border China; Iran borders none of the six members" in prose
    assert "south and east" not in prose


def test_no_observer_lies_east_of_china(corpus, prose: str) -> None:
    east = {f["properties"]["iso3"]: max(x for x, _ in outline_points(f)) for f in corpus.map_features}
    observers = corpus.states[corpus.states["status_2006"] == "observer"]["iso3"]
    assert all(east[o] < east["CHN"] for o in observers)
    assert "No observer lies east of China." in prose


def test_the_expert_groups_and_their_reports_follow_the_timeline(corpus, prose: str) -> None:
    groups = corpus.timeline[corpus.timeline["event_id"].str.startswith("gge-")]
    agreed = groups[~groups["title"].str.contains("no consensus")]
    assert len(groups) == 6 and len(agreed) == 4
    symbols = [f"{s} of {str(end)[:4]}" for s, end in zip(agreed["document"], agreed["end_date"], strict=True)]
    assert "four of the six groups since 2004 agreed substantive reports (" + ", ".join(symbols) + ")" in prose
    later = groups[groups["date"].astype(int) >= 2009]
    assert f"{len(later)} more expert groups met between 2009 and {later['end_date'].max()}" in prose.replace("five more", "5 more")
