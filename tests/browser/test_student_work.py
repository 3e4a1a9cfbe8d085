"""A student's work lasts, in a real JupyterLab: answer, restart the kernel, reload the page, Run All, find every answer; export the hand-in.

The server runs on a copy of the notebooks (so the student's `my-work/` folder is written beside the copy,
never in the working tree), with autosave off and every save refused (tools/lab_harness.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

import helpers
from helpers.editions import library_text, teacher_only_strings
from helpers.exercises import load_bank
from helpers.student_work import FOLDER, FOLDER_VARIABLE
from tools.lab_harness import ROOT, LabServer, error_outputs, new_guarded_page, run_notebook

NOTEBOOK = "00_start_here"
REFLECTION = "The items on crime and terrorism let the states put the texts on the record of several debates at once."
NAME = "Ada Example"


class CopyServer(LabServer):
    """The harness's server, serving a copy of the project's notebooks; the student's work goes where a student's would."""

    copy: Path = Path()

    def command(self) -> list[str]:
        return [f"--ServerApp.root_dir={self.copy}" if part.startswith("--ServerApp.root_dir=") else part for part in super().command()]

    def environment(self) -> dict[str, str]:
        return {k: v for k, v in super().environment().items() if k != FOLDER_VARIABLE}


@pytest.fixture(scope="module")
def copy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CopyServer]:
    copy = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "notebooks", copy / "notebooks", ignore=shutil.ignore_patterns(FOLDER, ".ipynb_checkpoints"))
    server = CopyServer(tmp_path_factory.mktemp("jupyterlab"))
    server.copy = copy
    try:
        server.start()
    except RuntimeError as problem:
        pytest.fail(str(problem), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def page(browser, copy_server: CopyServer) -> Iterator[Page]:
    """A page that may reach only the copy's server; nothing is fetched from outside."""
    context, page, guard = new_guarded_page(browser, copy_server.base_url)
    yield page
    assert guard.blocked == []
    context.close()


def box_of(page: Page, exercise_id: str):
    box = page.locator(".widget-vbox", has=page.locator(f"h4:text-is('Exercise {exercise_id}')")).last
    box.scroll_into_view_if_needed()
    return box


def option_text(exercise_id: str, option: str) -> str:
    entry = next(e for e in load_bank() if e.exercise_id == exercise_id)
    return next(o.text for o in entry.options if o.id == option)


def test_answers_survive_a_restart_and_a_reload_and_go_into_the_hand_in(page: Page, copy_server: CopyServer) -> None:
    table = helpers.load_exercises().set_index("exercise_id")
    chosen = {"00-parts-of-the-document": "b", "00-original-language": "a"}
    assert table.loc["00-parts-of-the-document", "kind"] == "multiple_choice" and table.loc["00-original-language", "kind"] == "single_choice"
    assert table.loc["00-find-circulation-request", "kind"] == "find_paragraph" and table.loc["00-why-agenda-items", "kind"] == "open_reflection"
    assert run_notebook(page, copy_server, f"notebooks/{NOTEBOOK}.ipynb") == "done"
    assert error_outputs(page) == []

    many = box_of(page, "00-parts-of-the-document")
    many.get_by_label(option_text("00-parts-of-the-document", chosen["00-parts-of-the-document"])).check()
    many.get_by_role("button", name="Check").click()
    many.locator("[role='status']").first.wait_for(timeout=10_000)
    one = box_of(page, "00-original-language")
    one.get_by_label(option_text("00-original-language", chosen["00-original-language"])).check()
    one.get_by_role("button", name="Check").click()
    one.locator("[role='status']", has_text="Not right").wait_for(timeout=10_000)
    paragraph = box_of(page, "00-find-circulation-request")
    paragraph.locator("input[type='text']").fill("decl-II-3")
    paragraph.get_by_role("button", name="Check").click()
    paragraph.locator("[role='status']", has_text="Not this one").wait_for(timeout=10_000)
    reflection = box_of(page, "00-why-agenda-items")
    reflection.locator("textarea").fill(REFLECTION)
    reflection.get_by_role("button", name="Save my answer").click()
    reflection.locator("[role='status']", has_text="kept").wait_for(timeout=10_000)
    saved = copy_server.copy / "notebooks" / FOLDER / f"{NOTEBOOK}.json"
    assert saved.is_file() and REFLECTION in saved.read_text(encoding="utf-8")

    for session in copy_server.api("GET", "/api/sessions"):  # restart the kernel, as Kernel > Restart Kernel does
        copy_server.api("POST", f"/api/kernels/{session['kernel']['id']}/restart", timeout=60)
    page.reload()
    assert run_notebook(page, copy_server, f"notebooks/{NOTEBOOK}.ipynb") == "done"
    assert error_outputs(page) == []

    many = box_of(page, "00-parts-of-the-document")
    assert many.get_by_label(option_text("00-parts-of-the-document", "b")).is_checked()
    assert not many.get_by_label(option_text("00-parts-of-the-document", "a")).is_checked()
    assert box_of(page, "00-original-language").get_by_label(option_text("00-original-language", "a")).is_checked()
    assert box_of(page, "00-find-circulation-request").locator("input[type='text']").input_value() == "decl-II-3"
    assert box_of(page, "00-why-agenda-items").locator("textarea").input_value() == REFLECTION
    assert "Your last check (saved)" in box_of(page, "00-original-language").inner_text()

    summary = page.locator(".widget-vbox", has=page.get_by_role("button", name="Export my work (HTML)")).last
    summary.scroll_into_view_if_needed()
    summary.locator("input[type='text']").fill(NAME)
    summary.get_by_role("button", name="Export my work (HTML)").click()
    summary.get_by_text("Your work is in").wait_for(timeout=20_000)
    hand_in = (copy_server.copy / "notebooks" / FOLDER / f"hand-in_{NOTEBOOK}.html").read_text(encoding="utf-8")
    for expected in (NAME, REFLECTION, "decl-II-3", option_text("00-original-language", "a"), option_text("00-parts-of-the-document", "b"), "Not this one"):
        assert expected.replace("'", "&#x27;") in hand_in, expected
    secrets = teacher_only_strings([e for e in load_bank() if e.notebook == NOTEBOOK], common=library_text(ROOT))
    assert secrets and [s for strings in secrets.values() for s in strings if s in hand_in] == []
