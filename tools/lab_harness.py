"""The JupyterLab harness shared by the browser tests (tests/browser/) and `make bench` (tools/bench.py).

Tests import it, tools import it; it imports neither. The pieces:

* :func:`find_browser`: THE search for a Chromium (``$CHROMIUM``, Debian's ``/usr/bin/chromium``, one on the
  PATH, else Playwright's own download). ``python tools/lab_harness.py`` prints its path (exit status 1 when
  there is none): that is how ``make browser`` decides whether to install one.
* :class:`LabServer` starts ``jupyter lab`` from this Python on 127.0.0.1, on a free port, with a
  random token, the project's classroom settings (``jupyter/``) plus a few settings for tests only
  (autosave off, every cell kept in the page), and every Jupyter/IPython directory in a temporary folder,
  so a run never reads or writes the user's own ``~/.jupyter``. The server refuses to save any file:
  nothing driven through it ever changes a notebook.
* :func:`launch_chromium` and :func:`new_guarded_page`: headless Chromium, and a page that may reach only
  that server; its :class:`Guard` records everything else it blocked, so a caller can assert that a
  notebook needs no internet.
* :func:`run_notebook`: THE notebook runner: open a notebook, Run All from the menu, wait until every cell
  has run (or Run All stopped at an error) and the charts are drawn. Built from :func:`open_notebook`,
  :func:`run_all`, :func:`wait_until_done` and :func:`wait_for_plots`; :func:`error_outputs`,
  :func:`plot_count`, :func:`widget_count` and :func:`screenshot` read the result.

Playwright is imported only where a browser is driven, so finding a browser needs nothing but the standard library.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, Route, WebSocket, WebSocketRoute

ROOT = Path(__file__).resolve().parents[1]
PROJECT_CONFIG = ROOT / "jupyter"  # the classroom settings, shared with `make lab`
CLASSROOM_OVERRIDES = PROJECT_CONFIG / "overrides.json"
SCREENSHOTS = ROOT / "build" / "screenshots"

# Settings for the tests only, layered over the classroom ones: every cell stays in the DOM
# (JupyterLab otherwise detaches cells outside the viewport), and nothing is autosaved.
TEST_OVERRIDES: dict[str, dict[str, Any]] = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

# Server-side settings for the tests only: any attempt to save a file is refused with 403.
TEST_SERVER_CONFIG = '''\
"""Written by tools/lab_harness.py for one server: the browser tests and the benchmark never save a file."""
from tornado.web import HTTPError


def refuse_to_save(model, path, contents_manager, **kwargs):
    """Refuse every save: the notebooks in the repository must stay as they are."""
    raise HTTPError(403, f"this server never saves files ({path}): it runs the browser tests and the benchmark")


c.ContentsManager.pre_save_hook = refuse_to_save
'''

CHROMIUM_ARGS = [
    "--no-sandbox",  # we may be root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers
]
# Every folder Jupyter and IPython would otherwise find in the user's home, pointed into a temporary one.
ISOLATED = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")

# The DOM of JupyterLab 4.6 that the helpers rely on; kept together so a JupyterLab upgrade is one edit.
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
CODE_PROMPT = ".jp-CodeCell .jp-InputArea-prompt"
STDERR_OR_ERROR = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
    " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
)
WIDGET_FAILURES = ("Error displaying widget", "Failed to load model class", "Error creating widget", "Model not found")
PLOTS_DRAWN = ".js-plotly-plot:has(.main-svg)"
DIALOG = ".jp-Dialog"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None: ``$CHROMIUM``, ``/usr/bin/chromium``, one on the PATH,
    else the Chromium that ``playwright install chromium`` downloaded.

    A ``$CHROMIUM`` that names no file is returned as it is, so that launching it fails and says so.
    """
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return playwright_chromium()


def playwright_chromium() -> str | None:
    """Where Playwright keeps its own Chromium, if Playwright is installed and has downloaded it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # no driver, or no browser downloaded: nothing found
        return None
    return path if path and Path(path).is_file() else None


def launch_chromium(playwright: Playwright, path: str) -> Browser:
    """Headless Chromium from ``path`` with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def lab_overrides() -> dict[str, dict[str, Any]]:
    """The classroom settings of ``jupyter/overrides.json`` with the test-only settings laid over them."""
    merged: dict[str, dict[str, Any]] = json.loads(CLASSROOM_OVERRIDES.read_text(encoding="utf-8"))
    for plugin, values in TEST_OVERRIDES.items():
        merged.setdefault(plugin, {}).update(values)
    return merged


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 with a token, isolated from the user's own Jupyter folders."""

    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """Where the server listens, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """The server's own log (stdout and stderr)."""
        return self.home / "lab.log"

    def folder(self, variable: str) -> Path:
        """The temporary folder that stands in for one of the :data:`ISOLATED` variables."""
        return self.home / variable.lower()

    def environment(self) -> dict[str, str]:
        """The environment of the server: every Jupyter and IPython folder in ``home``, and the project's config."""
        dirs = {name: self.folder(name) for name in ISOLATED}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if key not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_TOKEN", "PYTHONWARNINGS")}
        env.update({name: str(path) for name, path in dirs.items()})
        # No PYTHONWARNINGS here: the kernels inherit this environment, and a warning a student would see must fail the test.
        env.update({"JUPYTER_CONFIG_PATH": str(PROJECT_CONFIG), "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        # A student's saved work goes here, never into the project's notebooks/my-work (the kernels inherit this).
        env["SCO_NOTEBOOKS_WORK_DIR"] = str(self.folder("my-work"))  # each server its own: no work carried between tests
        # What `make lab` shows a self-learner (no teacher panel), so that no screenshot shows a teacher's answer.
        env.setdefault("SCO_NOTEBOOKS_VIEW", "self-study")
        return env

    def write_config(self) -> None:
        """Write the settings layered over the project's: JupyterLab reads ``labconfig/default_setting_overrides.json``
        from every config folder, after the app's own ``overrides.json``."""
        config = self.folder("JUPYTER_CONFIG_DIR")
        (config / "labconfig").mkdir(parents=True, exist_ok=True)
        (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(lab_overrides(), indent=2), encoding="utf-8")
        (config / "jupyter_server_config.py").write_text(TEST_SERVER_CONFIG, encoding="utf-8")

    def command(self) -> list[str]:
        """``jupyter lab`` from this Python (the one running pytest or the benchmark)."""
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                   "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        return command

    def start(self, timeout: float = 90) -> None:
        """Start the server and wait (at most ``timeout`` seconds) until ``/api/status`` answers."""
        self.write_config()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(self.command(), env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        """Call the server's REST API with the token; the decoded JSON answer (None if empty)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base_url}{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def shutdown_sessions(self) -> None:
        """End every notebook session and its kernel, so the next test starts afresh."""
        for session in self.api("GET", "/api/sessions"):
            with contextlib.suppress(urllib.error.HTTPError):  # already gone
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)

    def stop(self) -> None:
        """Shut the server down (SIGTERM, then SIGKILL after 20 s); its kernels go with it."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.api("POST", "/api/shutdown", timeout=5)
            self.process.wait(timeout=20)
        except (OSError, urllib.error.HTTPError, subprocess.TimeoutExpired):
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the server's log, for failure messages."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:] if self.log_path.exists() else ""


class Guard:
    """Lets a page reach only the local server (HTTP and WebSocket), ``data:`` and ``blob:``; records the rest.

    ``blocked`` lists every URL that was stopped; ``page_errors`` the uncaught JavaScript exceptions.
    """

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.blocked: list[str] = []
        self.page_errors: list[str] = []

    def allowed(self, url: str) -> bool:
        """True for the local server's own URLs (http and ws) and for ``data:``/``blob:`` URLs."""
        origins = (self.base_url + "/", "ws" + self.base_url.removeprefix("http") + "/")
        return url.startswith((*origins, "data:", "blob:")) or url in (self.base_url, origins[1][:-1])

    def route(self, route: Route, request: Request) -> None:
        """The handler for ``context.route("**/*", ...)``."""
        if self.allowed(request.url):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort("blockedbyclient")

    def block_websocket(self, websocket: WebSocketRoute) -> None:
        """The handler for ``context.route_web_socket(...)`` of outside URLs: never connected to a server."""
        self.blocked.append(websocket.url)
        websocket.close(code=1008, reason="blocked by the browser tests")

    def watch_websocket(self, websocket: WebSocket) -> None:
        """A second net: record any WebSocket the page opened to somewhere else."""
        if not self.allowed(websocket.url) and websocket.url not in self.blocked:
            self.blocked.append(websocket.url)

    def page_error(self, error: Exception) -> None:
        """Record an uncaught exception in the page."""
        self.page_errors.append(str(error))


def new_guarded_page(browser: Browser, base_url: str, viewport: dict[str, int] | None = None) -> tuple[BrowserContext, Page, Guard]:
    """A page in a fresh browser context that may reach only ``base_url`` (HTTP and WebSocket), with its guard.

    Service workers are blocked (they would escape the routing) and actions time out after 30 s.
    The caller closes the context.
    """
    guard = Guard(base_url)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    context.route("**/*", guard.route)
    context.route_web_socket(lambda url: not guard.allowed(url), guard.block_websocket)
    page = context.new_page()
    page.on("websocket", guard.watch_websocket)
    page.on("pageerror", guard.page_error)
    return context, page, guard


def dismiss_dialogs(page: Page) -> list[str]:
    """Close any open JupyterLab dialog (accepting its default, e.g. the kernel choice); their texts, for the report."""
    texts: list[str] = []
    for _ in range(5):
        dialog = page.locator(DIALOG).first
        if not dialog.is_visible():
            break
        texts.append(" ".join(dialog.inner_text().split()))
        accept = dialog.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=5_000)
    return texts


# Ready: every cell is in the page, a kernel is chosen, and it is idle. The execution indicator alone reads
# "idle" while the toolbar still says "No Kernel", before the kernel has even started.
KERNEL_READY = """({notebook, cells}) => {
  const panel = document.querySelector(notebook);
  if (!panel || panel.querySelectorAll('.jp-Cell').length !== cells) return false;
  const kernel = panel.querySelector('.jp-KernelName')?.textContent.trim() ?? '';
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status');
  return kernel !== '' && kernel !== 'No Kernel' && status === 'idle';
}"""


def open_notebook(page: Page, server: LabServer, path: str, timeout: float = 120) -> list[str]:
    """Open ``path`` (relative to the repository) in JupyterLab; wait until every cell is shown and the kernel is idle.

    Returns the texts of any dialogs that had to be dismissed on the way (there should be none).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    ready = {"notebook": NOTEBOOK, "cells": len(json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"])}
    page.goto(f"{server.base_url}/lab/tree/{path}?token={server.token}&reset", wait_until="domcontentloaded")
    dismissed: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            page.wait_for_function(KERNEL_READY, arg=ready, timeout=2_000, polling=100)
            page.wait_for_timeout(300)
            if page.evaluate(KERNEL_READY, ready):  # still ready a moment later
                break
        except PlaywrightTimeout:
            dismissed += dismiss_dialogs(page)
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not open with an idle kernel within {timeout:.0f} s; {describe(page)}") from None
    return dismissed + dismiss_dialogs(page)


def run_all(page: Page) -> None:
    """Run > Run All Cells, from the menu bar, as a student would."""
    page.locator(NOTEBOOK).first.click(position={"x": 5, "y": 5})  # focus the notebook
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    started = "(selector) => [...document.querySelectorAll(selector)].some(p => p.textContent.trim() !== '[ ]:')"
    page.wait_for_function(started, arg=f"{NOTEBOOK} {CODE_PROMPT}", timeout=30_000, polling=100)


STATE = """({notebook, prompt}) => {
  const panel = document.querySelector(notebook);
  if (!panel) return {state: 'no notebook'};
  const kernel = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') ?? 'unknown';
  const prompts = [...panel.querySelectorAll(prompt)].map(p => p.textContent.trim());
  const numbered = prompts.every(p => /^\\[\\d+\\]:$/.test(p));
  const queued = prompts.some(p => p === '[*]:');
  let state = 'running';
  if (kernel === 'idle' && prompts.length > 0 && numbered) state = 'done';
  else if (kernel === 'idle' && !queued) state = 'stopped';
  return {state, kernel, prompts: prompts.join(' ')};
}"""
STATE_ARG = {"notebook": NOTEBOOK, "prompt": CODE_PROMPT}


def describe(page: Page) -> str:
    """The kernel's status, the code cells' prompts and any dialog, for failure messages."""
    try:
        state = page.evaluate(STATE, STATE_ARG)
        dialogs = [" ".join(t.split()) for t in page.locator(DIALOG).all_inner_texts()]
    except Exception as problem:  # the page itself may be gone
        return f"(page unreadable: {problem})"
    return f"kernel {state.get('kernel')!r}, prompts {state.get('prompts')!r}, dialogs {dialogs}"


def wait_until_done(page: Page, timeout: float = 240, settle: float = 0.5) -> str:
    """Wait until the kernel is idle AND every code cell shows an execution count ``[n]:``.

    The status indicator alone reads idle between cells, so the prompts are what count; the state must
    also hold for ``settle`` seconds. Run All stops at the first exception: the kernel drops the cells
    still queued, which go back to ``[ ]:``. That ends the wait early with ``"stopped"`` (then
    :func:`error_outputs` shows why). Returns ``"done"`` or ``"stopped"``; raises AssertionError on timeout.
    """
    deadline = time.monotonic() + timeout
    last, since = "", time.monotonic()
    while time.monotonic() < deadline:
        state = page.evaluate(STATE, STATE_ARG)["state"]
        if state != last:
            last, since = state, time.monotonic()
        elif state in ("done", "stopped") and time.monotonic() - since >= settle:
            return state
        page.wait_for_timeout(200)
    raise AssertionError(f"the notebook did not finish within {timeout:.0f} s: {describe(page)}")


def run_notebook(page: Page, server: LabServer, path: str, plots: int = 0, timeout: float = 240) -> str:
    """Open ``path`` (relative to the repository), Run All, and wait until every cell has run or Run All stopped.

    Returns ``"done"`` or ``"stopped"`` (see :func:`wait_until_done`). When done, also waits until at least
    ``plots`` charts are drawn (plotly.js draws after the cell has run). A dialog on opening is an error.
    """
    dialogs = open_notebook(page, server, path)
    if dialogs:
        raise AssertionError(f"dialogs popped up on opening {path}: {dialogs}")
    run_all(page)
    state = wait_until_done(page, timeout=timeout)
    if state == "done" and plots:
        wait_for_plots(page, plots)
    return state


def error_outputs(page: Page) -> list[str]:
    """What went wrong, as the student sees it: stderr and error outputs (tracebacks), and widgets that failed to show."""
    texts = [" ".join(text.split())[:1500] for text in page.locator(STDERR_OR_ERROR).all_inner_texts()]
    outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
    texts += [f"widget failure: {failure}" for failure in WIDGET_FAILURES if failure in outputs]
    return texts


def plot_count(page: Page) -> int:
    """How many plotly charts are drawn, i.e. ``.js-plotly-plot`` elements holding a ``.main-svg``."""
    return page.locator(PLOTS_DRAWN).count()


def wait_for_plots(page: Page, count: int = 1, timeout: float = 60) -> None:
    """Wait until at least ``count`` plotly charts are drawn (plotly.js renders after the cell has run)."""
    page.wait_for_function(f"(n) => document.querySelectorAll('{PLOTS_DRAWN}').length >= n", arg=count, timeout=timeout * 1000, polling=250)


def widget_count(page: Page, selector: str = ".jupyter-widgets") -> int:
    """How many widget views in the outputs match ``selector`` (default: any; e.g. ``.widget-text``, ``.widget-dropdown``)."""
    return page.locator(f".jp-OutputArea-output {selector}").count()


def screenshot(page: Page, name: str, full: bool = True, max_height: int = 12_000) -> Path:
    """Save what the student sees to ``build/screenshots/<name>.png``: the whole notebook, or (``full=False``) the window as it is.

    JupyterLab scrolls inside its own panel, so a "full page" screenshot would show one screenful:
    for ``full`` the notebook is scrolled to the top and the viewport stretched to the end of its last
    cell (at most ``max_height`` pixels) for the shot, then put back.
    """
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    extra = 0
    if full:
        extra = page.evaluate("""(sel) => {
          const scroller = document.querySelector(sel + ' .jp-WindowedPanel-outer');
          const cells = scroller ? scroller.querySelectorAll('.jp-Cell') : [];
          if (!cells.length) return 0;
          scroller.scrollTop = 0;
          const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
          return Math.ceil(bottom - scroller.getBoundingClientRect().bottom + 24);
        }""", NOTEBOOK)
    height = min(max_height, viewport["height"] + max(0, int(extra)))
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(800)  # let JupyterLab and plotly lay out again
    try:
        page.screenshot(path=str(path))
    finally:
        if height > viewport["height"]:
            page.set_viewport_size(viewport)
    return path


if __name__ == "__main__":
    found = find_browser()
    if found:
        print(found)
    sys.exit(0 if found else 1)
