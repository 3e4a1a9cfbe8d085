"""Fixtures for the browser tests: one JupyterLab server and one Chromium per session, a fresh guarded page per test.

The harness itself (server, browser finder, guard, notebook runner) is tools/lab_harness.py, shared with `make bench`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tools.lab_harness import SCREENSHOTS, Guard, LabServer, describe, find_browser, launch_chromium, new_guarded_page

INSTALL_HINT = "run `make test`, which installs the browser (Debian: apt-get install -y chromium), or set CHROMIUM=/path/to/chromium"


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """JupyterLab on 127.0.0.1 (free port, random token), isolated in a temporary home; shut down at the end."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
    except RuntimeError as problem:
        pytest.fail(str(problem), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole session. A missing browser fails the tests: it is never a silent skip."""
    path = find_browser()
    if path is None:
        where = "in CI: the CI script must install it before the tests" if os.environ.get("CI") else "on this machine"
        pytest.fail(f"No Chromium found {where} ($CHROMIUM, /usr/bin/chromium, chromium/chromium-browser/google-chrome on the PATH, or Playwright's own); "
                    f"{INSTALL_HINT}.",
                    pytrace=False)
    if not Path(path).is_file():
        pytest.fail(f"CHROMIUM={path} is not a file; {INSTALL_HINT}.", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright, path)
        except Exception as problem:
            pytest.fail(f"Chromium at {path} did not start ({problem}); {INSTALL_HINT}.", pytrace=False)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item, so that a fixture can tell whether its test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def guarded_page(request: pytest.FixtureRequest, browser: Browser, lab_server: LabServer) -> Iterator[tuple[Page, Guard]]:
    """A page in a fresh browser context that may reach only the local server; the guard records whatever was blocked.

    If the test fails, the page is saved to build/screenshots/FAILED-<test>.png and its state printed.
    At the end the context is closed and every kernel the test started is shut down.
    """
    context, page, guard = new_guarded_page(browser, lab_server.base_url)
    yield page, guard
    report = getattr(request.node, "report_call", None)
    failed_shot = SCREENSHOTS / ("FAILED-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name) + ".png")
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(failed_shot))
        print(f"{request.node.name}: {describe(page)}; blocked {guard.blocked}; page errors {guard.page_errors}")
    else:
        failed_shot.unlink(missing_ok=True)  # from an earlier run
    context.close()
    lab_server.shutdown_sessions()
