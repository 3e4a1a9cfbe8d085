"""Fixtures for the browser tests: one JupyterLab server and one Chromium per session, a fresh guarded page per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .lab import CHROMIUM_ARGS, SCREENSHOTS, Guard, LabServer, describe, find_chromium

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
    path = find_chromium()
    if path is None:
        where = "in CI: the CI script must install it before the tests" if os.environ.get("CI") else "on this machine"
        pytest.fail(f"No Chromium found {where} ($CHROMIUM, /usr/bin/chromium, or chromium/chromium-browser/google-chrome on the PATH); {INSTALL_HINT}.",
                    pytrace=False)
    if not Path(path).is_file():
        pytest.fail(f"CHROMIUM={path} is not a file; {INSTALL_HINT}.", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
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
    guard = Guard(lab_server.base_url)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    context.route("**/*", guard.route)
    context.route_web_socket(lambda url: not guard.allowed(url), guard.block_websocket)
    page = context.new_page()
    page.on("websocket", guard.watch_websocket)
    page.on("pageerror", guard.page_error)
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
