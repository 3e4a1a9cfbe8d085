"""Every sentence true in notebooks/03_security_claims.ipynb and its exercises: each test recomputes a statement from the corpus.

See tools/prose_guards.py for how the guards read the prose.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from tools.prose_guards import ROOT, assert_no_retired_statement, assert_numbers_known, bank, doc, in_exercise, in_notebook, label, number, option

STEM = "03_security_claims"
NUMBERS = Counter({
    "03": 1, "00": 3, "02": 4, "04": 1,  # notebooks (title, prerequisites, the Python strand's earlier parts, next)
    "50": 1, "80": 1,  # the Time line: a 50-minute class, about 80 minutes of self-study
    "1": 2, "2": 1, "3": 1, "5": 3, "three": 2,  # question numbers, "(pairs, 5 minutes)", "(groups of three)" (and the other
    # "1" and "three" below: "paragraph 1" of A/76/136; "All three sentences", test_03_the_worked_classification)
    "4": 4, "6": 1,  # "paragraph 4/5/6 after the opening paragraph" (test_03_the_opening_paragraph_has_no_number and the
    # exercises' tests); "5" also counts "paragraph 5 after the opening paragraph"
    "60/45": 4, "8": 1, "2005": 1,  # test_03_the_link_to_resolution_60_45, test_03_weapons_of_mass_destruction
    "two": 6,  # "two ways of naming", "the two terms", "two sources" (two listed), "two sides", "two tools", "the two definitions": not counts of the corpus
    # dates and locators of sources outside the corpus: "years after 2006" and "the 2006 texts/Statement"; the CCDCOE page's
    # 2009 agreement and 2011 and 2015 codes; Giles and Hagestad (2013) and their 2012 starting point; the expert group of
    # 2019-2021 and its "five" topics (A/76/136, paragraph 1), Digital Watch's "five pillars" and "OEWG 2021-2025"
    "2006": 9, "2009": 1, "2011": 1, "2015": 1, "2013": 1, "2012": 1, "2019": 1, "2021": 2, "five": 2, "76/136": 1, "2025": 1,
})


def test_every_number_in_the_prose_is_known() -> None:
    assert_numbers_known(STEM, NUMBERS)


def test_no_retired_false_statement_returns() -> None:
    assert_no_retired_statement(STEM)


def test_03_commitments_and_assessments_outnumber_threats(corpus) -> None:
    in_notebook("03_security_claims", r"commitments and assessments outnumber threats")
    types = corpus.claims["type"].value_counts()
    assert types["commitment"] > types["threat"] and types["assessment"] > types["threat"]


def test_03_only_claims_about_ict_have_a_pillar(corpus) -> None:
    in_notebook("03_security_claims", r"\*\*Takeaway:\*\* only the claims about ICT have a pillar, and they are all in the Statement; the "
                                      r"Declaration's security claims are about other things and have none\.")
    said = in_notebook("03_security_claims", r"Among the claims with a pillar, ([a-z -]+) is the largest group, then ([a-z -]+); "
                                             r"no claim fits ([a-z -]+)\.")
    claims = corpus.claims
    with_pillar = claims[claims["pillar"].notna()]
    assert set(with_pillar["document"]) == {"statement"} and claims.loc[claims["document"] == "statement", "pillar"].notna().all()
    assert claims.loc[claims["document"] == "declaration", "pillar"].isna().all() and (claims["document"] == "declaration").any()
    pillars = with_pillar["pillar"].value_counts().reindex(corpus.categories("pillar")["id"], fill_value=0).sort_values(ascending=False, kind="stable")
    assert pillars.iloc[0] > pillars.iloc[1] > pillars.iloc[2]
    assert [said.group(1), said.group(2)] == [label(corpus, "pillar", p).removesuffix(" (pillar)") for p in pillars.index[:2]]
    assert pillars[pillars == 0].index.tolist() == [p for p in corpus.categories("pillar")["id"] if label(corpus, "pillar", p) == said.group(3)]
    in_notebook("03_security_claims", r"its \*\*domains\*\* and, only for a claim about ICT, a \*\*pillar\*\* \(a later lens, explained in the next section\)")
    in_notebook("03_security_claims", r"## A later lens: the pillars The pillars are \*\*not the 2006 texts' own categories\*\*\.")
    for column, value in (("type", "threat"), ("pillar", "threats")):
        by_document = claims[claims[column] == value]["document"].value_counts()
        assert by_document.get("statement", 0) > len(claims[claims[column] == value]) / 2, column


def actor_types(corpus) -> pd.DataFrame:
    actors = corpus.claim_categories[corpus.claim_categories["facet"] == "actor"]
    return actors.merge(corpus.claims[["claim_id", "type"]], on="claim_id")


def test_03_who_acts_in_which_kind_of_claim(corpus) -> None:
    in_notebook("03_security_claims", r"the SCO and its member states act mostly in commitments; criminals, terrorists and "
                                      r"\"some countries\" appear only in threats and consequences")
    table = actor_types(corpus)
    for actor in ("sco", "member-states"):
        mine = table[table["category"] == actor]["type"]
        assert (mine == "commitment").sum() > len(mine) / 2, actor
    for actor in ("criminals", "terrorists", "some-countries"):
        mine = set(table[table["category"] == actor]["type"])
        assert mine and mine <= {"threat", "consequence"}, actor
    assert label(corpus, "actor", "some-countries") == "some countries"


def test_03_only_one_threat_claim_names_who_misuses_ict(corpus) -> None:
    said = in_notebook("03_security_claims", r"only one threat claim names who misuses ICT: ([^()]+) \(`(stmt-body-\d+)`\)\. The other threat "
                                             r"claims name the technology itself or no one\.")
    table = actor_types(corpus).query("type == 'threat'")
    named = table[table["category"] != "ict"]
    assert named["claim_id"].nunique() == 1
    claim = corpus.claims.set_index("claim_id").loc[named["claim_id"].iloc[0]]
    assert claim["pid"] == said.group(2)
    labels = [label(corpus, "actor", a) for a in claim["actors"]]
    assert said.group(1).replace(", and ", ", ").replace("unnamed ", "").replace('"', "").lower() == ", ".join(labels)
    assert "some-countries" in claim["actors"]
    threats = corpus.claims[corpus.claims["type"] == "threat"]
    assert all(set(actors) <= {"ict"} for cid, actors in zip(threats["claim_id"], threats["actors"], strict=True) if cid != claim.name)


def test_03_weapons_of_mass_destruction(corpus) -> None:
    in_notebook("03_security_claims", r"The Statement's paragraph 4 after the opening paragraph compares the misuse of ICT to an attack with weapons of mass "
                                      r"destruction \(`stmt-body-4`\)\. The comparison is about the scale of the harm \(\"global disaster\"\)")
    assert "global disaster" in corpus.text("stmt-body-4")
    assert corpus.cite("stmt-body-4") == "Statement (Annex II), paragraph 4 after the opening paragraph"
    assert "an attack using weapons of mass destruction" in corpus.text("stmt-body-4")
    exercise = bank("03_security_claims")["03-find-wmd"]
    said = in_exercise("03_security_claims", "03-find-wmd", r"(\w+) paragraphs mention weapons of mass destruction; only one compares them with ICT")
    mention = set(corpus.search("weapons of mass destruction")["pid"])
    assert number(said.group(1)) == len(mention) and mention == {exercise["answer"], exercise["common_wrong"][0]["answer"]}
    assert "information" not in corpus.text(exercise["common_wrong"][0]["answer"])
    assert re.search(r'"([^"]+)"', exercise["explanation"]).group(1) in corpus.text(exercise["answer"])


def test_03_where_the_statement_names_its_term(corpus) -> None:
    in_notebook("03_security_claims", r"The Statement speaks of \*\*international information security\*\* \(in its title and in its text\)\.")
    assert "international information security" in doc(corpus, "statement")["title"]
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]
    assert statement["text"].str.contains("international information security").any()
    in_notebook("03_security_claims", r'Neither "cyber" nor "content" is a word of this document: `corpus\.search\("cyber"\)` finds nothing\.')
    assert corpus.search("cyber").empty and corpus.search("content").empty


def test_03_the_opening_paragraph_has_no_number(corpus) -> None:
    said = in_notebook("03_security_claims", r"The Statement's paragraphs carry no numbers in the UN text\. The first one says who met, where and when "
                                             r"\(`(stmt-[\w-]+)`\): this series calls it the \*opening paragraph\* and gives it no number\. The paragraphs "
                                             r"after it are counted from there, so \*paragraph 4 after the opening paragraph\* is the fourth paragraph "
                                             r"after that opening one \(the fifth on the page\), with the id `(stmt-body-4)`\.")
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]
    assert statement["pid"].tolist()[0] == said.group(1) and statement["pid"].tolist()[4] == said.group(2)
    assert corpus.cite(said.group(1)) == "Statement (Annex II), opening paragraph"
    assert all(text.lstrip()[0].isalpha() for text in statement["raw"]), "a paragraph of the UN text starts with a number"
    opening = corpus.text(said.group(1))
    assert "met in Shanghai on 15 June 2006" in opening


def test_03_the_sources_describe_later_years(corpus) -> None:
    in_notebook("03_security_claims", r"Two sources, both written years after 2006, describe how the two terms differ")
    said = in_notebook("03_security_claims", r"The page is undated; it describes the SCO's agreement on information security of (\d{4}) and the "
                                             r"draft codes of conduct that SCO states sent to the UN in (\d{4}) and (\d{4})\.")
    rows = corpus.sources.set_index("source_id")
    note = rows.loc["ccdcoe-sco", "note"]
    assert all(year in note for year in said.groups()) and min(int(y) for y in said.groups()) > 2006
    said = in_notebook("03_security_claims", r"\(Giles and Hagestad, \*Divided by a Common Language\*, (\d{4})\)\. Their paper starts from the "
                                             r"willingness that the US and the UK signalled in (\d{4}) to engage with Russia and China on cyber security\.")
    assert str(rows.loc["giles-hagestad-2013", "date"]) == said.group(1) and int(said.group(2)) > 2006
    in_notebook("03_security_claims", r"Both sources describe the debate after 2006\.")


def test_03_the_evidence_for(corpus) -> None:
    exercise = bank("03_security_claims")["03-evidence-for"]
    for choice in exercise["options"]:
        pid, quote = re.match(r"(stmt-body-\d+): “(.+)”$", choice["text"]).groups()
        assert quote in corpus.text(pid), choice["text"]
    right = {re.match(r"(stmt-body-\d+)", o["text"]).group(1) for o in exercise["options"] if o["correct"]}
    assert right == {"stmt-body-1", "stmt-body-3", "stmt-body-5"}
    assert "religious sensitivities" in corpus.text("stmt-body-5") and "human rights and freedoms" in corpus.text("stmt-body-2")
    assert "'criminal, terrorist and military/political ends'" in option(exercise, "d")["feedback"]
    assert "criminal, terrorist and military/political ends" in corpus.text("stmt-body-3")
    assert "one of a country's most valuable assets" in corpus.text("stmt-body-1")
    for quote in re.findall(r"(?<!\w)'(.+?)'(?!\w)", exercise["worked_solution"]):
        assert any(quote in corpus.text(p) for p in right), quote


def test_03_the_evidence_against(corpus) -> None:
    exercise = bank("03_security_claims")["03-evidence-against"]
    statement = corpus.paragraphs[corpus.paragraphs["document"] == "statement"]
    rights = set(statement.loc[statement["text"].str.contains("human rights", case=False), "pid"])
    assert rights == {exercise["answer"], *(w["answer"] for w in exercise["common_wrong"])} and len(rights) > 1  # "more than one paragraph"
    assert set(statement.loc[statement["text"].str.contains("freedom", case=False), "pid"]) == {"stmt-body-2"}
    assert "Universal Declaration of Human Rights" in corpus.text(exercise["answer"])
    for quote in re.findall(r"(?<!\w)'(.+?)'(?!\w)", exercise["feedback_correct"] + exercise["worked_solution"]):
        assert all(part.strip() in corpus.text(exercise["answer"]) for part in quote.split("...")), quote
    commitments = corpus.claims[(corpus.claims["document"] == "statement") & (corpus.claims["type"] == "commitment")]
    assert set(commitments["pid"]) <= set(statement["pid"].tolist()[-2:])  # "The promises of the Statement come in its last paragraphs"


def test_03_the_weighing_quotes_the_text(corpus) -> None:
    exercise = bank("03_security_claims")["03-weigh-content"]
    worked = exercise["worked_solution"]
    assert "never uses the word 'content'" in worked and corpus.search("content").empty
    for quote in re.findall(r"(?<!\w)'(.+?)'(?!\w)", worked)[1:]:
        assert any(quote in corpus.text(p) for p in corpus.paragraphs["pid"]), quote


def test_03_predict_the_most_frequent_type(corpus) -> None:
    exercise = bank("03_security_claims")["03-predict-type"]
    types = corpus.claims["type"].value_counts()
    ranked = types.index.tolist()
    right = next(o for o in exercise["options"] if o["correct"])
    assert label(corpus, "claim_type", ranked[0]) == right["text"].lower() and types.iloc[0] > types.iloc[1]
    assert "second largest" in option(exercise, "b")["feedback"] and ranked[1] == "assessment"
    assert "two types are ahead of them" in option(exercise, "d")["feedback"] and ranked.index("norm") == 2
    assert "commitments first, then assessments" in exercise["worked_solution"]
    for other in ("commitment", "assessment", "norm", "call-for-cooperation"):
        assert types["threat"] < types[other], other  # "threats far behind", "among the rarest types"
    assert types["threat"] < types.median() or ranked.index("threat") >= len(ranked) // 2


def test_03_the_worked_classification(corpus) -> None:
    said = in_notebook("03_security_claims", r"All (\w+) sentences are about ICT\. The threat and the consequence sit under \*\*existing and potential "
                                             r"threats\*\*; the first sentence, about the countries' own efforts, under \*\*cooperation and "
                                             r"capacity-building\*\* \(the codebook's last rule for pillars\)")
    claims = corpus.claims[corpus.claims["pid"] == "stmt-body-4"].set_index("claim_id")
    assert number(said.group(1)) == len(claims) and claims["pillar"].notna().all()
    assert claims["type"].to_dict() == {"stmt-body-4-a": "assessment", "stmt-body-4-b": "threat", "stmt-body-4-c": "consequence"}
    assert claims["pillar"].to_dict() == {"stmt-body-4-a": "cooperation-and-capacity-building", "stmt-body-4-b": "threats", "stmt-body-4-c": "threats"}
    assert "rule 6" in claims.loc["stmt-body-4-a", "rationale"]
    codebook = (ROOT / "corpus" / "annotations" / "CODEBOOK.md").read_text(encoding="utf-8")
    rules = re.search(r"### 5\.3 .*?\n(.*?)Examples and near-misses", codebook, re.S).group(1)
    last = re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", rules, re.S | re.M)[-1]
    assert last[0] == "6" and "**cooperation and capacity-building**" in last[1]
    text = corpus.text("stmt-body-4")
    for quote in ("useful efforts", "the extensive negative impact of the destructive use", "could cause global disaster", "such purposes"):
        assert quote in text, quote
    assert list(claims.loc["stmt-body-4-b", "actors"]) == list(claims.loc["stmt-body-4-c", "actors"])
    together = bank("03_security_claims")["03-classify-wmd"]
    assert together["claim_id"] == "stmt-body-4-c" and "such purposes" in text
    assert "Type: consequence" in together["worked_solution"] and "Pillar: existing and potential threats" in together["worked_solution"]
    assert label(corpus, "pillar", "threats").removesuffix(" (pillar)") == "existing and potential threats"
    for quote in re.findall(r"(?<!\w)'(.+?)'(?!\w)", together["worked_solution"]):
        assert quote in text, quote


def test_03_classify_a_claim_alone(corpus) -> None:
    entries = bank("03_security_claims")
    alone = corpus.claim(entries["03-classify-body-6"]["claim_id"])
    assert alone["pid"] == "stmt-body-6"
    assert corpus.text("stmt-body-6").split(". ")[0].endswith(alone["quote"])  # "the first sentence of paragraph 6"
    assert (alone["type"], alone["pillar"]) == ("call-for-cooperation", "cooperation-and-capacity-building")
    assert "imperative for States to" in alone["quote"] and "threats and challenges" in alone["quote"]
    worked = entries["03-classify-body-6"]["worked_solution"]
    assert "Type: call for cooperation" in worked and "Pillar: cooperation and capacity-building" in worked
    assert re.search(r"'(imperative for States to [^']+)'", worked).group(1) in alone["quote"]
    shown = set(corpus.claims.loc[corpus.claims["pid"] == "stmt-body-4", "type"])
    assert alone["type"] not in shown  # a type the worked example did not show
    norm = corpus.claim(entries["03-classify-content-norm"]["claim_id"])
    assert (norm["type"], norm["pillar"], set(norm["referents"])) == ("norm", "norms", {"cultures-and-civilizations", "societies"})
    worked = entries["03-classify-content-norm"]["worked_solution"]
    assert "Type: norm" in worked and "Pillar: norms" in worked and "Referents: cultures and civilizations, and societies" in worked


def test_03_the_python_strand(corpus) -> None:
    in_notebook("03_security_claims", r"Both leave out empty cells \(a claim without a pillar, for example\)\.")
    claims = corpus.claims
    assert claims["pillar"].isna().any() and claims["pillar"].value_counts().sum() < len(claims)
    in_notebook("03_security_claims", r"size of each group, in the alphabetical order of the values")
    sizes = claims.groupby("document").size()
    assert sizes.index.tolist() == sorted(sizes.index)
    in_notebook("03_security_claims", r"`table\[\"column\"\]\.value_counts\(\)` counts each value of one column, the most frequent first")
    counts = claims["type"].value_counts()
    assert counts.is_monotonic_decreasing


def test_03_who_misuses_ict(corpus) -> None:
    exercise = bank("03_security_claims")["03-who-misuses-ict"]
    text = corpus.text("stmt-body-4").lower()
    for choice in exercise["options"]:
        assert (choice["text"].lower() in text) == choice["correct"], choice["text"]
    assert "United Nations" in corpus.text("stmt-body-7")


def test_03_the_link_to_resolution_60_45(corpus) -> None:
    said = in_notebook("03_security_claims", r"supporting UN efforts \(`(stmt-body-\d+)`\), welcoming resolution (\d+/\d+) of (\d+ \w+ \d{4}) "
                                             r"\(`(stmt-body-\d+)`\), and announcing an SCO group of experts \(`(stmt-body-\d+)`\)")
    efforts, resolution, date, welcome, experts = said.groups()
    assert "support United Nations efforts" in corpus.text(efforts)
    assert f"resolution {resolution}, of {date}" in corpus.text(welcome) and "welcome" in corpus.text(welcome)
    assert "establish a group of experts" in corpus.text(experts)
