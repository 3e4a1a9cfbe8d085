"""Anything a teacher or a student types ends in a result or a plain message, fast: no frozen kernel,
no traceback, no half-loaded corpus. Each case was found by trying the library as a mischievous
student or a hurried teacher would.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from pydantic import TypeAdapter

import helpers
from helpers import explorers, registry, sandbox
from helpers.exercises import Exercise, check, load_bank

ROOT = Path(__file__).resolve().parent.parent


def validate(root: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "validate", str(root)], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def timed(function, *args, **kwargs) -> tuple[object, float]:
    start = time.monotonic()
    try:
        value = function(*args, **kwargs)
    except ValueError as problem:
        value = problem
    return value, time.monotonic() - start


# --- search: no pattern can run away ----------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+$", r"(?:(?:\w+\s?)+)+\d", r"(.{1,40}){1,20}\d"])
def test_a_runaway_pattern_returns_or_explains_within_a_second(corpus, pattern: str) -> None:
    value, seconds = timed(corpus.search, pattern, regex=True)
    assert seconds < 1.5, f"{pattern!r} took {seconds:.2f} s"
    assert isinstance(value, pd.DataFrame | ValueError)


def test_a_pattern_that_times_out_gets_a_plain_message_in_the_explorer(corpus) -> None:
    message, hits = explorers.search_results(corpus, r"(.{1,40}){1,20}\d", regex=True)
    assert message.startswith("Cannot search: The pattern took more than 1 second") and "Simplify it" in message
    assert hits.empty


def test_typing_a_runaway_pattern_into_the_search_explorer_shows_the_message(corpus) -> None:
    explorer = registry.EXPLORERS["search_explorer"](corpus)
    explorer.controls["regex"].value = True
    start = time.monotonic()
    explorer.controls["query"].value = r"(.{1,40}){1,20}\d"
    assert time.monotonic() - start < 2
    assert "The pattern took more than 1 second" in explorer.outputs["message"].value
    assert explorer.outputs["table"].value == ""


def test_empty_matches_are_refused(corpus) -> None:
    with pytest.raises(ValueError, match="matches empty text"):
        corpus.search(r"\b", regex=True)
    with pytest.raises(ValueError, match="matches empty text"):
        corpus.search(r"x*", regex=True)


def test_yes_no_options_must_be_booleans(corpus) -> None:
    with pytest.raises(TypeError, match="regex must be True or False, not 'no'"):
        corpus.search("security", regex="no")
    assert len(corpus.search("security", regex=False)) == len(corpus.search("security"))


# --- code runs with a time limit ---------------------------------------------------------------


def short_code(solution: str) -> object:
    return TypeAdapter(Exercise).validate_python({
        "exercise_id": "05-test-loop", "notebook": "05_explore", "kind": "short_code", "prompt": "Count the paragraphs.",
        "starter_code": "n = ...", "variable": "n", "teacher": {"solution_code": solution}})


def test_a_students_endless_loop_is_stopped_with_a_message(corpus, monkeypatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)
    result, seconds = timed(check, short_code("n = len(corpus.paragraphs)"), "while True:\n    pass", corpus)
    assert seconds < 3
    assert result.correct is False
    assert result.message == "Your code ran for more than 1 seconds and was stopped: is there a loop that never ends?"
    assert check(short_code("n = len(corpus.paragraphs)"), "n = len(corpus.paragraphs)", corpus).correct is True


def test_a_students_code_cannot_take_all_the_memory(corpus) -> None:
    result = check(short_code("n = len(corpus.paragraphs)"), "x = [0] * 10**11\nn = 1", corpus)
    assert result.correct is False and "more memory" in result.message


def test_a_solution_with_an_endless_loop_fails_validation_without_hanging(corpus_copy: Path) -> None:
    path = corpus_copy / "exercises" / "05_explore.yaml"
    path.write_text(path.read_text(encoding="utf-8") + """
- exercise_id: 05-endless
  notebook: 05_explore
  kind: numeric
  prompt: "How many paragraphs?"
  answer: 36
  explanation: "Count them."
  teacher:
    solution_code: |
      while True:
          pass
""", encoding="utf-8")
    start = time.monotonic()
    out = validate(corpus_copy)
    assert time.monotonic() - start < 30
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "exercise 05-endless: its solution code fails: Your code ran for more than 5 seconds and was stopped" in out.stderr


# --- what validates must load, and what loads must draw ------------------------------------------


def test_an_emptied_principles_layer_is_refused(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "annotations" / "principles.yaml").write_text("", encoding="utf-8")
    assert problems_of(corpus_copy) == ["annotations/principles.yaml: the file has no entries; a layer needs at least one (restore the file, or keep one entry you are sure of)"]


def test_a_claims_layer_with_only_comments_is_refused(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "annotations" / "claims.yaml").write_text("# nothing yet\n# really\n", encoding="utf-8")
    assert problems_of(corpus_copy) == ["annotations/claims.yaml: the file has no entries; a layer needs at least one (restore the file, or keep one entry you are sure of)"]


@pytest.mark.parametrize("table", ["states", "glossary", "timeline", "people"])
def test_a_table_with_only_its_header_is_refused(corpus_copy: Path, table: str) -> None:
    path = corpus_copy / "reference" / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = validate(corpus_copy)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"reference/{table}.csv: the file has a header row but no rows of data" in out.stderr


def test_a_signature_whose_state_is_not_in_the_table_is_refused(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "states.csv"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("KGZ,")) + "\n", encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert "text/letter.yaml, entry signature 'Ulan Djusupov', field 'iso3': 'KGZ' is not in reference/states.csv" in problems


def test_a_truncated_map_is_refused(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "sco_map.geojson"
    path.write_bytes(path.read_bytes()[:5000])
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("reference/sco_map.geojson: the file is not valid GeoJSON")


def test_a_deleted_map_is_refused(corpus_copy: Path, problems_of) -> None:
    (corpus_copy / "reference" / "sco_map.geojson").unlink()
    assert problems_of(corpus_copy) == ["reference/sco_map.geojson: the file is missing"]


def test_a_map_without_a_states_outline_is_refused(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "sco_map.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"iso3":"MNG"', '"iso3":"XXX"').replace('"iso3": "MNG"', '"iso3": "XXX"'), encoding="utf-8")
    assert "reference/sco_map.geojson: the state MNG of reference/states.csv has no outline in the map" in problems_of(corpus_copy)


def test_a_key_written_twice_in_one_entry_is_refused(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "annotations" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  pid: stmt-body-1\n")
    path.write_text(text[:first] + "  pid: stmt-body-2\n" + text[first:], encoding="utf-8")
    [problem] = problems_of(corpus_copy)
    assert problem.startswith("annotations/claims.yaml: a key is repeated at line")
    assert problem.endswith("the key 'pid' is written twice in one entry")


# --- encodings and spreadsheets ------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "named"), [("latin-1", "Latin-1 or Windows-1252"), ("utf-16", "UTF-16")])
def test_a_file_not_saved_as_utf8_gets_one_message(corpus_copy: Path, encoding: str, named: str) -> None:
    path = corpus_copy / "stopwords.txt"
    path.write_bytes((path.read_text(encoding="utf-8") + "café\n").encode(encoding))
    out = validate(corpus_copy)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"stopwords.txt: the file is not UTF-8 text (it looks like {named}); open it in a text editor or spreadsheet and save it as UTF-8" in out.stderr
    assert "1 problem" in out.stderr


def test_a_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_loads(corpus_copy: Path, corpus) -> None:
    for name in ("timeline", "states", "people", "glossary"):
        path = corpus_copy / "reference" / f"{name}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = helpers.load_corpus(corpus_copy)
    pd.testing.assert_frame_equal(loaded.timeline, corpus.timeline)


def test_a_csv_separated_by_semicolons_gets_one_message_that_says_so(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "reference" / "timeline.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    assert problems_of(corpus_copy) == ["reference/timeline.csv: the columns are separated by semicolons; save it as CSV with commas "
                                        "(in a spreadsheet: 'CSV', field delimiter ',', character set UTF-8)"]


# --- the rules stated in the files' header comments ---------------------------------------------


def test_a_claim_needs_at_least_one_referent(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "annotations" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- claim_id: stmt-body-1-b")
    line = text.index("  referents:", start)
    end = text.index("\n", line)
    path.write_text(text[:line] + "  referents: []" + text[end:], encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert any(p.startswith("annotations/claims.yaml, entry 'stmt-body-1-b', field 'referents'") for p in problems), problems


def test_a_duplicate_principle_occurrence_is_refused(corpus_copy: Path, problems_of) -> None:
    path = corpus_copy / "annotations" / "principles.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- principle:")
    end = text.index("- principle:", start + 1)
    path.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    problems = problems_of(corpus_copy)
    assert len(problems) == 1 and problems[0].endswith("the same principle, paragraph and quote are listed twice; delete one entry")


# --- public functions check their arguments -------------------------------------------------------


def test_a_single_layer_name_is_one_layer_not_letters(corpus) -> None:
    assert str(corpus.highlight("stmt-body-4", layers="claims")) == str(corpus.highlight("stmt-body-4", layers=["claims"]))


def test_a_single_stopword_is_one_word_not_letters(corpus) -> None:
    counts = corpus.term_frequencies(stopwords="the")
    assert "the" not in set(counts["term"])
    assert "t" not in set(counts["term"]) and counts.equals(corpus.term_frequencies(stopwords=["the"]))
    with pytest.raises(TypeError, match="stopwords must be a word in quotes or a list of them"):
        corpus.term_frequencies(stopwords=3)


def test_ids_are_stripped_and_near_misses_get_a_suggestion(corpus) -> None:
    assert corpus.cite(" decl-II-3 ") == corpus.cite("decl-II-3")
    with pytest.raises(ValueError, match="Did you mean decl-II-3"):
        corpus.cite("decl-ii-3")
    any_id = load_bank(None, corpus)[0].exercise_id
    with pytest.raises(ValueError, match=f"did you mean {any_id}"):
        check(any_id[:-1] + "x", "a", corpus)


def test_a_choice_question_given_a_number_answers_in_words(corpus) -> None:
    entry = next(e for e in load_bank(None, corpus) if e.kind == "single_choice")
    result = check(entry.exercise_id, 5, corpus)
    assert result.correct is False and result.message.startswith("Answer with the id of an option in quotes")
    with pytest.raises(TypeError, match="Give an exercise id in quotes"):
        check(5, "a", corpus)


# --- numeric answers ---------------------------------------------------------------------------------


def numeric(answer: float, tolerance: float = 0, decimals: int = 0) -> object:
    return TypeAdapter(Exercise).validate_python({
        "exercise_id": "00-test-number", "notebook": "00_start_here", "kind": "numeric", "prompt": "How many?",
        "answer": answer, "tolerance": tolerance, "decimals": decimals, "teacher": {"solution_code": f"answer = {answer}"}})


@pytest.mark.parametrize(("typed", "right"), [("13", True), ("13.0", True), (" 13 paragraphs", True), (13, True),
                                              ("12.6", False), ("13.4", False), ("1,3", False), ("12", False), ("14", False)])
def test_a_tolerance_of_zero_means_exactly(corpus, typed: object, right: bool) -> None:
    assert check(numeric(13), typed, corpus).correct is right


@pytest.mark.parametrize(("typed", "right"), [("12", True), ("14", True), ("11", False), ("12.5", False)])
def test_a_tolerance_means_what_it_says(corpus, typed: str, right: bool) -> None:
    assert check(numeric(13, tolerance=1), typed, corpus).correct is right


def test_decimal_commas_and_thousands(corpus) -> None:
    assert check(numeric(1.3, decimals=1), "1,3", corpus).correct is True
    assert check(numeric(1300), "1,300,0", corpus).correct is False
    assert check(numeric(1000000), "1,000,000", corpus).correct is True
    ambiguous = check(numeric(1300), "1,300", corpus)
    assert ambiguous.correct is False and ambiguous.message == "Is '1,300' a number in thousands or a decimal number? Type it without a comma: 1300, or 1.300."


# --- every chart and explorer on the real corpus: the registry's own smoke test ------------------------


def test_every_chart_and_explorer_builds(corpus) -> None:
    for build in [*registry.CHARTS.values(), *registry.EXPLORERS.values()]:
        assert build(corpus) is not None
