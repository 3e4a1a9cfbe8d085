"""Every notebook in a real JupyterLab in headless Chromium, offline: Run All, then look as a student would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import helpers
from tools.lab_harness import ROOT, error_outputs, plot_count, run_notebook, screenshot, widget_count

# What each notebook must show once run: charts drawn, and the explorers' controls.
EXPECTED = {
    "00_start_here": {"plots": 1, "explorer": ".widget-dropdown"},
    "01_context": {"plots": 2, "map": True},
    "02_principles": {"plots": 3, "explorer": ".widget-dropdown"},
    "03_security_claims": {"plots": 5, "explorer": ".widget-dropdown"},
    "04_signatories": {"plots": 2, "map": True, "explorer": ".widget-dropdown"},
    "05_explore": {"plots": 3, "explorer": ".widget-text"},
    "06_commentary": {"plots": 1, "explorer": ".widget-dropdown"},
}
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def run(page: Page, lab_server, name: str) -> str:
    """notebooks/<name>.ipynb through the harness's runner: Run All, every cell run (or Run All stopped), its charts drawn."""
    return run_notebook(page, lab_server, f"notebooks/{name}.ipynb", plots=EXPECTED.get(name, {}).get("plots", 0))


def test_every_notebook_has_expectations() -> None:
    assert sorted(EXPECTED) == NOTEBOOKS


# Only defined when there are notebooks: an empty notebooks/ then gives no test here, rather than a skipped one
# (the smoke tests in test_smoke.py still run).
if NOTEBOOKS:

    @pytest.mark.parametrize("name", NOTEBOOKS)
    def test_notebook_runs_in_jupyterlab_offline(guarded_page, lab_server, name: str) -> None:
        """Open, Run All, wait: no traceback, nothing on stderr, every cell run, nothing fetched from outside; a screenshot."""
        page, guard = guarded_page
        state = run(page, lab_server, name)
        assert error_outputs(page) == []
        assert state == "done"
        assert guard.blocked == []
        assert plot_count(page) >= EXPECTED[name]["plots"]
        assert widget_count(page, ".widget-button") >= 3, "the exercises' buttons are not displayed"
        if "explorer" in EXPECTED[name]:
            assert widget_count(page, EXPECTED[name]["explorer"]) >= 1
        if EXPECTED[name].get("map"):
            shapes = page.locator(".js-plotly-plot:has(.gtitle:has-text('The SCO in 2006')) path.js-fill").count()
            assert shapes >= 50, f"the map shows {shapes} shapes"
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        screenshot(page, name)
        if name in INTERACTIONS:
            INTERACTIONS[name](page)
        assert guard.blocked == []


def choose(page: Page, label: str, option: str):
    """Choose an option in the explorer dropdown labelled `label`; return the explorer's box."""
    explorer = page.locator(".widget-vbox", has=page.locator(f"label:text-is('{label}')")).last
    explorer.scroll_into_view_if_needed()
    explorer.locator(".widget-dropdown", has=page.locator(f"label:text-is('{label}')")).locator("select").select_option(label=option)
    return explorer


def read_another_document(page: Page) -> None:
    explorer = choose(page, "Document:", "Statement (Annex II)")
    explorer.get_by_text("stmt-pre-1 · Statement (Annex II), opening paragraph").wait_for(timeout=10_000)


def explore_a_principle(page: Page) -> None:
    explorer = choose(page, "Principle:", "Mutual trust")
    explorer.locator(".gtitle", has_text="Mutual trust: reading finds it in").wait_for(timeout=10_000)
    explorer.get_by_text("Spirit of Shanghai").first.wait_for(timeout=10_000)


def explore_a_state(page: Page) -> None:
    explorer = choose(page, "State:", "Kazakhstan (member)")
    explorer.get_by_text("Nazarbayev").wait_for(timeout=10_000)


INTERACTIONS = {"00_start_here": read_another_document, "02_principles": explore_a_principle, "04_signatories": explore_a_state}


def output_of(page: Page, exercise_id: str):
    return page.locator(".widget-vbox", has=page.locator(f"h4:text-is('Exercise {exercise_id}')")).last


def test_student_answers_an_exercise_wrong_then_right(guarded_page, lab_server) -> None:
    """The README's exercise screenshot is taken first, before any answer, hint or feedback is on the page; then a student answers."""
    page, guard = guarded_page
    run(page, lab_server, "00_start_here")
    box = output_of(page, "00-original-language")
    box.scroll_into_view_if_needed()
    shown = [b for b in (box, output_of(page, "00-distribution-gap")) if b.locator("[role='status']").count() or b.get_by_text("Hint 1:").count()]
    assert not shown, "feedback or a hint is in the screenshot's exercises"  # (a check cell further down may have left feedback)
    screenshot(page, "00_start_here_exercise", full=False)
    box.get_by_label("Only Russia wrote the texts.").check()
    box.get_by_role("button", name="Check").click()
    feedback = box.locator("[role='status']")
    feedback.filter(has_text="Not right").wait_for(timeout=10_000)
    assert "not authorship" in feedback.inner_text()
    box.get_by_label("The English text we read is a translation from Russian.").check()
    box.get_by_role("button", name="Check").click()
    box.locator("[role='status']", has_text="Right.").wait_for(timeout=10_000)
    box.get_by_role("button", name="Hint (0 of 3)").click()
    box.get_by_text("Hint 1:").wait_for(timeout=10_000)
    assert guard.blocked == []


def test_student_searches_and_the_table_and_chart_change(guarded_page, lab_server) -> None:
    page, guard = guarded_page
    run(page, lab_server, "05_explore")
    explorer = page.locator(".widget-vbox", has=page.locator("label:text-is('Search for:')")).last
    explorer.scroll_into_view_if_needed()
    before = explorer.locator("b", has_text="matches for").inner_text()
    query = explorer.locator("input[type='text']").first
    query.fill("sovereignty")
    query.press("Enter")
    explorer.locator("b", has_text="3 matches for “sovereignty”").wait_for(timeout=10_000)
    assert before != explorer.locator("b", has_text="matches for").inner_text()
    assert explorer.locator("mark").count() == 3
    explorer.locator(".gtitle", has_text="Hits for “sovereignty” by section").wait_for(timeout=10_000)
    screenshot(page, "05_explore_search", full=False)
    assert guard.blocked == []


def test_student_filters_claims_and_the_chart_redraws(guarded_page, lab_server) -> None:
    page, guard = guarded_page
    run(page, lab_server, "03_security_claims")
    explorer = page.locator(".widget-vbox", has=page.locator("label:text-is('Type:')")).last
    explorer.scroll_into_view_if_needed()
    title = explorer.locator(".gtitle")
    claims = helpers.load_corpus().claims
    total, threats = len(claims), int((claims["type"] == "threat").sum())
    assert f"{total} matching claims" in title.text_content()
    explorer.locator(".widget-dropdown", has=page.locator("label:text-is('Type:')")).locator("select").select_option(label="Threat")
    explorer.locator(".gtitle", has_text=f"{threats} matching claims by type").wait_for(timeout=10_000)
    explorer.locator("b", has_text=f"{threats} of {total} claims match").wait_for(timeout=10_000)
    explorer.locator(".js-plotly-plot").scroll_into_view_if_needed()
    screenshot(page, "03_security_claims_explorer", full=False)
    assert guard.blocked == []
