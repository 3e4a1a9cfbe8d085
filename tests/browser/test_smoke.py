"""The harness itself, on two throw-away notebooks: a clean one with a chart and a live widget, and a faulty one."""

from __future__ import annotations

import urllib.error

import pytest
from playwright.sync_api import Page, expect

from tools.lab_harness import Guard, LabServer, error_outputs, plot_count, run_notebook, screenshot, widget_count

SMOKE = "tests/browser/fixtures/smoke.ipynb"
FAULTY = "tests/browser/fixtures/faulty.ipynb"


def effective_setting(server: LabServer, plugin: str, key: str) -> object:
    """A setting as JupyterLab will apply it: the user's value, else the schema's default (where overrides land)."""
    answer = server.api("GET", f"/lab/api/settings/{plugin}")
    return answer["settings"].get(key, answer["schema"]["properties"][key]["default"])


def test_server_uses_the_classroom_and_test_settings(lab_server: LabServer) -> None:
    """No news or update pop-ups (classroom), every cell in the DOM and no autosave (tests only)."""
    assert effective_setting(lab_server, "@jupyterlab/apputils-extension:notification", "fetchNews") == "false"
    assert effective_setting(lab_server, "@jupyterlab/apputils-extension:notification", "checkForUpdates") is False
    assert effective_setting(lab_server, "@jupyterlab/notebook-extension:tracker", "kernelShutdown") is False
    assert effective_setting(lab_server, "@jupyterlab/notebook-extension:tracker", "windowingMode") == "none"
    assert effective_setting(lab_server, "@jupyterlab/docmanager-extension:plugin", "autosave") is False
    assert lab_server.api("GET", "/lab/api/news") == {"news": []}  # news_url is None: the server fetches none either


def test_server_refuses_to_save(lab_server: LabServer) -> None:
    """Whatever a test does in the page, the repository's notebooks are never written."""
    model = lab_server.api("GET", f"/api/contents/{SMOKE}")
    with pytest.raises(urllib.error.HTTPError) as refused:
        lab_server.api("PUT", f"/api/contents/{SMOKE}", {"type": "notebook", "format": "json", "content": model["content"]})
    assert refused.value.code == 403


def test_smoke_notebook_runs_and_its_widget_answers(guarded_page: tuple[Page, Guard], lab_server: LabServer) -> None:
    """Open, Run All, wait; the chart is drawn, the widget shows and answers typing; nothing reached outside."""
    page, guard = guarded_page
    assert run_notebook(page, lab_server, SMOKE, plots=1) == "done"  # no dialog on opening, every cell run, the chart drawn
    assert error_outputs(page) == []
    expect(page.get_by_text("plotly renderer: plotly_mimetype")).to_be_visible()  # plotly's offline JupyterLab renderer
    assert plot_count(page) == 1
    expect(page.locator(".js-plotly-plot .gtitle")).to_have_text("Smoke test: a bar chart")
    assert page.locator(".js-plotly-plot .main-svg .bars path").count() == 3, "the bar trace is not drawn"
    assert widget_count(page, ".widget-text") == 1
    assert widget_count(page) >= 3  # the box, the text field and the output area
    output = page.locator(".jp-OutputArea-output .widget-output")
    expect(output).to_have_text("Hello, nobody!")

    page.locator(".jp-OutputArea-output .widget-text input").fill("Ada")
    expect(output).to_have_text("Hello, Ada!", timeout=10_000)

    path = screenshot(page, "smoke")
    assert path.stat().st_size > 10_000
    assert guard.blocked == []
    assert guard.page_errors == []


def test_harness_sees_every_fault(guarded_page: tuple[Page, Guard], lab_server: LabServer) -> None:
    """stderr, a traceback and an outside request are all caught, and Run All stopping at the error ends the wait ("stopped", not a timeout)."""
    page, guard = guarded_page
    assert run_notebook(page, lab_server, FAULTY, timeout=60) == "stopped"
    errors = error_outputs(page)
    assert any("a warning on stderr" in text for text in errors), errors
    assert any("ZeroDivisionError" in text for text in errors), errors
    assert page.locator(".jp-CodeCell .jp-InputArea-prompt").last.inner_text().strip() == "[ ]:"
    assert "http://example.invalid/pixel.png" in guard.blocked
