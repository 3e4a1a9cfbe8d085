"""Fixtures for the browser tests: one JupyterLab server and one Chromium per session, a guarded page per test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.lab import CHROMIUM_ARGS, Guard, LabServer, browser_path


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> Iterator[LabServer]:
    server = LabServer(tmp_path_factory.mktemp("lab"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    path = browser_path()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        except Exception as problem:  # a missing browser is a failure, never a skip
            where = "in CI" if os.environ.get("CI") else "here"
            pytest.fail(f"No Chromium could be started {where} ({problem}). Run `make test`, which installs Debian's chromium package.")
        yield chromium
        chromium.close()


@pytest.fixture
def guarded_page(browser: Browser, lab_server: LabServer) -> Iterator[tuple[Page, Guard]]:
    """A fresh page whose every request outside the local server is blocked and recorded."""
    guard = Guard(lab_server.base)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", guard.route)
    page = context.new_page()
    page.on("websocket", guard.websocket)
    yield page, guard
    context.close()
