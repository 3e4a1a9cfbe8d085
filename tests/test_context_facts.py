"""Notebook 01's statements about its timeline, map, regional events and sources, recomputed from the corpus.

An outside reading found the timeline's lanes described upside down and the observers placed
"to the south and east" of the members; these tests keep the prose and the pictures in step. The
regional track (issue 13) adds claims about the events of 2000-2005, the paragraphs that answer them,
and the quotations the notebook reads: each is checked here against the timeline, the sources and
the texts. See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from helpers import charts
from tools.prose_guards import assert_no_retired_statement, assert_numbers_known, bank, flat, in_exercise, in_notebook, markdown, number

STEM = "01_context"
NUMBERS = Counter({
    "00": 2, "01": 1, "02": 1,  # notebook numbers
    "50": 1, "75": 1,  # class and self-study minutes
    # paragraph citations (test_01_paragraph_citations_exist), the numbers of the discussion questions and their minutes,
    # and the days of full dates (test_01_every_full_date_is_sourced: one "5", "8", "9" and "10" each, and a second "9")
    "1": 6, "2": 3, "3": 5, "4": 3, "5": 8, "8": 3, "9": 3, "10": 2,
    "2752": 1,  # part of the Kremlin page's address
    "five": 4, "three": 3,  # "Shanghai Five" (a name, three times; the fourth "five": test_the_expert_groups...), "groups of three" (twice), "three fifths" (Xinhua's estimate of the SCO's extent)
    "six": 7, "four": 4,  # test_01_members_and_observers, test_01_after_2006_counts (with "five" more expert groups)
    "180": 1,  # test_01_regional_summary_agrees_with_the_timeline
    "53/70": 5, "60/45": 4, "58/32": 1, "66/359": 1, "69/723": 1, "65/201": 2, "68/98": 1, "70/174": 1, "76/135": 1,  # test_01_symbols
    "26": 1, "24": 1, "13": 1, "16": 1, "12": 1, "15": 2, "30": 1,  # test_01_every_full_date_is_sourced
    # every four-digit year: test_01_every_year_is_sourced
    "1996": 1, "1998": 3, "2000": 4, "2001": 3, "2002": 1, "2004": 3, "2005": 15, "2006": 28,
    "2009": 3, "2010": 2, "2011": 2, "2013": 1, "2015": 3, "2019": 1, "2021": 2,
})
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.fixture(scope="module")
def prose() -> str:
    return markdown(STEM)


def timeline_row(corpus, event_id: str) -> pd.Series:
    return corpus.timeline.set_index("event_id").loc[event_id]


def paragraph_text(corpus, pid: str) -> str:
    return flat(corpus.text(pid))


def outline_points(feature: dict) -> set[tuple[float, float]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return {(round(p[0], 3), round(p[1], 3)) for polygon in polygons for ring in polygon for p in ring}


def neighbours(corpus, iso3: str, among: list[str]) -> list[str]:
    """The states among `among` whose outline shares at least two points with iso3's: a common border on the map."""
    points = {f["properties"]["iso3"]: outline_points(f) for f in corpus.map_features}
    return sorted(other for other in among if len(points[iso3] & points[other]) >= 2)


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


# --- the chart and the map --------------------------------------------------------------------------


def test_the_timeline_lanes_are_where_the_text_says(corpus, prose: str) -> None:
    fig = charts.timeline(corpus)
    axis_of = {track: next(t.yaxis for t in fig.data if t.name.startswith(style["lane"]))
               for track, style in charts.TRACK_STYLE.items()}
    region, sco, un = (fig.layout[axis_of[t].replace("y", "yaxis")].domain for t in ("region", "sco", "un"))
    assert region[0] > sco[1] and sco[0] > un[1], "the lanes are no longer regional politics, SCO, UN from top to bottom"
    assert set(corpus.timeline["track"]) == {"region", "sco", "un"}
    in_notebook(STEM, r"one lane per track, from top to bottom: the regional politics, the SCO's track and the UN's")
    in_notebook(STEM, r"The timeline has a third track, `region`")


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


def test_01_members_and_observers(corpus, prose: str) -> None:
    states = corpus.states
    members, observers = states[states["status_2006"] == "member"], states[states["status_2006"] == "observer"]
    assert number(in_notebook(STEM, r"In 2006 the SCO had (\w+) members, the states whose presidents").group(1)) == len(members)
    said = in_notebook(STEM, r"the (\w+) observer states of 2006 were (\w+), (\w+), (\w+) and (\w+);")
    assert number(said.group(1)) == len(observers) and sorted(said.groups()[1:]) == sorted(observers["name"])
    assert states.set_index("iso3").loc["AFG", "status_2006"] == "guest"
    said = in_notebook(STEM, r"in 2006 it had (\w+) members and (\w+) \*\*observers\*\*")
    assert (number(said.group(1)), number(said.group(2))) == (len(members), len(observers))
    assert number(in_notebook(STEM, r"The (\w+) members cover a large part of Eurasia").group(1)) == len(members)


# --- the expert groups and what came after ------------------------------------------------------------


def test_the_expert_groups_and_their_reports_follow_the_timeline(corpus, prose: str) -> None:
    groups = corpus.timeline[corpus.timeline["event_id"].str.startswith("gge-")]
    agreed = groups[~groups["title"].str.contains("no consensus")]
    assert len(groups) == 6 and len(agreed) == 4
    symbols = [f"{s} of {str(end)[:4]}" for s, end in zip(agreed["document"], agreed["end_date"], strict=True)]
    assert "four of the six groups since 2004 agreed substantive reports (" + ", ".join(symbols) + ")" in prose
    later = groups[groups["date"].astype(int) >= 2009]
    assert f"{len(later)} more expert groups met between 2009 and {later['end_date'].max()}" in prose.replace("five more", "5 more")


def test_01_after_2006_counts(corpus) -> None:
    members = len(corpus.states[corpus.states["status_2006"] == "member"])
    assert number(in_notebook(STEM, r"the governments of the (\w+) SCO states concluded an agreement").group(1)) == members
    assert "six member states" in timeline_row(corpus, "yekaterinburg-2009")["description"]
    submitted = in_notebook(STEM, r"(\w+) of them submitted a draft \*International Code")
    signers = re.search(r"In a letter dated [^,]+, (.+?) ask the Secretary-General", timeline_row(corpus, "code-of-conduct-2011")["description"])
    assert number(submitted.group(1)) == len(re.split(r", | and ", signers.group(1)))
    in_notebook(STEM, r"and the six an updated one in 2015")
    assert "the six SCO member states" in timeline_row(corpus, "code-of-conduct-2015")["description"]


# --- the regional track ------------------------------------------------------------------------------


def test_01_regional_summary_agrees_with_the_timeline(corpus) -> None:
    regional = corpus.timeline[corpus.timeline["track"] == "region"]
    assert set(regional["event_id"]) == {"russia-isd-2000", "foreign-bases-2001", "china-nsc-2002", "kyrgyz-change-2005",
                                         "andijan-2005", "astana-2005"}
    days = in_notebook(STEM, r"Uzbekistan gave US forces (\d+) days to leave K2").group(1)
    assert f"gives the United States {days} days to leave K2" in timeline_row(corpus, "foreign-bases-2001")["description"]
    assert "Kurmanbek Bakiev" in paragraph_text(corpus, "decl-pre-1")
    assert "Kurmanbek Bakiev" in timeline_row(corpus, "kyrgyz-change-2005")["description"]
    in_notebook(STEM, r"Bakiev is one of the presidents named in the Declaration's opening paragraph")
    values = "mutual trust, mutual benefit, equality and coordination"
    assert values in timeline_row(corpus, "china-nsc-2002")["description"]
    in_notebook(STEM, r"puts mutual trust,\s+mutual benefit, equality and coordination at its core")


def test_01_the_regional_events_cluster_in_the_year_before_the_summit(corpus) -> None:
    said = in_notebook(STEM, r"the change\s+of government in Kyrgyzstan, Andijan and the Astana summit all fall in (\d{4}), the year before it")
    summit = pd.Timestamp(timeline_row(corpus, "summit-2006")["date"])
    regional = corpus.timeline[corpus.timeline["track"] == "region"].set_index("event_id")["date"].str[:4].astype(int)
    assert int(said.group(1)) == summit.year - 1
    assert {e for e, year in regional.items() if year == summit.year - 1} == {"kyrgyz-change-2005", "andijan-2005", "astana-2005"}
    assert (regional < summit.year).all()
    astana = summit - pd.Timestamp(timeline_row(corpus, "astana-2005")["date"])
    assert astana < pd.Timedelta(days=365)
    in_notebook(STEM, r"Less than a year after Astana")
    in_notebook(STEM, r"In (\d{4}), the year before, the region had seen the change of government in Kyrgyzstan and Andijan")


def test_01_the_lanes_start_where_the_text_says(corpus) -> None:
    first = corpus.timeline.sort_values("date").groupby("track")["event_id"].first()
    assert first["sco"] == "shanghai-five-1996" and first["un"] == "res-53-70-1998"
    in_notebook(STEM, r"the SCO's track starts with the agreement on confidence in the military field")
    in_notebook(STEM, r"The UN\s+lane starts with the Russian draft of 1998 that became resolution 53/70")


def test_01_the_fifth_anniversary_counts_from_the_founding(corpus) -> None:
    assert "founded in Shanghai five years ago" in paragraph_text(corpus, "decl-I-1")
    founded, summit = timeline_row(corpus, "sco-founded-2001")["date"], timeline_row(corpus, "summit-2006")["date"]
    assert int(summit[:4]) - int(founded[:4]) == 5 and founded[4:] == summit[4:]
    in_notebook(STEM, r"the Declaration counts its anniversary from that\s+founding \(section I, paragraph 1\)")
    option = next(o for o in bank(STEM)["01-fifth-anniversary"]["options"] if o["correct"])
    assert "founded in Shanghai" in option["text"]


def test_01_no_paragraph_names_the_foreign_presence(corpus) -> None:
    """The prediction 01-troops-unnamed and its search cell: no paragraph names troops, bases, the coalition or Afghanistan."""
    assert len(corpus.search(r"troops|\bbases?\b|coalition|Afghanistan|United States", regex=True)) == 0
    assert "right and responsibility of countries in that region" in paragraph_text(corpus, "decl-III-3")


def test_01_quotations_are_in_the_paragraphs_cited(corpus) -> None:
    quoted = {  # a quotation of the notebook or its exercises: the paragraph it comes from
        "major events and changes taking place in the international and regional environment": "decl-I-2",
        "the right and responsibility of countries in that region": "decl-III-3",
        "models of social development should not be exported": "decl-III-5",
        "There is general stability in the Central Asian region": "decl-IV-1",
        "the useful efforts their countries have made to enhance national information security": "stmt-body-4",
        "on the occasion of the fifth anniversary": "decl-pre-1",
        "as a representative of the country chairing the Shanghai Cooperation Organization": "letter-body-1",
        "will make a constructive contribution to the establishment of a new global security architecture of mutual trust, "
        "mutual benefit, equality and mutual respect": "decl-III-4",
        "political and social systems, values and models of development should not be taken as pretexts to interfere in other "
        "countries' internal affairs": "decl-III-5",
    }
    everything = markdown(STEM) + " " + " ".join(flat(str(v)) for e in bank(STEM).values() for v in e.values())
    for quote, pid in quoted.items():
        assert quote.lower() in paragraph_text(corpus, pid).lower(), (quote, pid)
        assert quote.lower() in everything.lower(), f"no longer quoted: {quote}"


def test_01_new_security_concept_shares_three_of_four_values(corpus) -> None:
    concept = {"mutual trust", "mutual benefit", "equality", "coordination"}
    text = paragraph_text(corpus, "decl-III-4").lower()
    shared = {value for value in concept if value in text}
    assert shared == concept - {"coordination"} and "mutual respect" in text
    in_exercise(STEM, "01-answer-new-security-concept", r"Three of the position paper's four core values recur in it; \"coordination\" becomes \"mutual respect\"")
    spirit = paragraph_text(corpus, "decl-II-6").lower()
    assert "cold war mentality" in spirit and len(concept & {v for v in concept if v in spirit}) == 3


def test_01_the_pairings_of_the_exercises_are_the_timelines(corpus) -> None:
    answered = {row.event_id: row.answered_in.split("; ") for row in corpus.timeline.itertuples() if isinstance(row.answered_in, str)}
    assert set(answered) == set(corpus.timeline.loc[corpus.timeline["track"] == "region", "event_id"])
    assert all(pid in set(corpus.paragraphs["pid"]) for pids in answered.values() for pid in pids)
    assert bank(STEM)["01-answer-new-security-concept"]["answer"] in answered["china-nsc-2002"]
    assert "decl-III-3" in answered["astana-2005"] and "decl-III-5" in answered["kyrgyz-change-2005"]
    assert "decl-IV-1" in answered["andijan-2005"] and "stmt-body-4" in answered["russia-isd-2000"]


# --- citations, dates, years and symbols ---------------------------------------------------------


def test_01_paragraph_citations_exist(corpus, prose: str) -> None:
    pids = set(corpus.paragraphs["pid"])
    for section, paragraph in re.findall(r"[Ss]ection (I|II|III|IV), paragraph (\d+)", prose):
        assert f"decl-{section}-{paragraph}" in pids
    for paragraph in re.findall(r"paragraph (\d+) after the opening paragraph", prose):
        assert f"stmt-body-{paragraph}" in pids
    assert len(corpus.search("resolution")) == 1 and corpus.search("resolution")["pid"].iloc[0] == "stmt-body-8"
    in_notebook(STEM, r"The texts name no other UN resolution\.")


def known_dates(corpus) -> set[str]:
    dates = set(corpus.timeline["date"]) | set(corpus.timeline["end_date"].dropna().astype(str)) | set(corpus.sources["date"])
    return {str(d) for d in dates}


def test_01_every_full_date_is_sourced(corpus, prose: str) -> None:
    known = known_dates(corpus)
    found = re.findall(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b", prose)
    assert found
    for d, month, year in found:
        iso = pd.Timestamp(f"{d} {month} {year}").strftime("%Y-%m-%d")
        assert iso in known, f"{d} {month} {year} is the date of no timeline row and no source"


def test_01_every_year_is_sourced(corpus, prose: str) -> None:
    years = {str(d)[:4] for d in known_dates(corpus)}
    for year in re.findall(r"\b(?:19|20)\d\d\b", prose):
        assert year in years, f"{year} is the year of no timeline row and no source"


def test_01_symbols(corpus, prose: str) -> None:
    """Every resolution number or document symbol of the prose is in the timeline or in the texts."""
    timeline = " ".join(corpus.timeline[["title", "description"]].astype(str).agg(" ".join, axis=1)) + " " + " ".join(
        corpus.timeline["document"].dropna())
    texts = " ".join(corpus.paragraphs["text"])
    for symbol in re.findall(r"\b\d+/\d+\b", prose):
        assert symbol in timeline or symbol in texts, symbol
