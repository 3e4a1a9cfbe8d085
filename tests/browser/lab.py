"""Driving JupyterLab in headless Chromium, offline, as a student would.

The pieces:

* :class:`LabServer` starts ``jupyter lab`` from this Python on 127.0.0.1, on a free port, with a
  random token, the project's classroom settings (``jupyter/``) plus a few settings for tests only,
  and every Jupyter/IPython directory in a temporary folder, so a test run never reads or writes
  the user's own ``~/.jupyter``. The server refuses to save any file: a test never changes a notebook.
* :class:`Guard` lets the page reach only that server (and ``data:``/``blob:`` URLs) and records
  everything else it blocked, so a test can assert that a notebook needs no internet.
* :func:`open_notebook`, :func:`run_all`, :func:`wait_until_done`, :func:`error_outputs`,
  :func:`plot_count`, :func:`widget_count` and :func:`screenshot` drive and read one notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Request, Route, WebSocket, WebSocketRoute
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
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
"""Written by tests/browser/lab.py for one test session: the browser tests never save a file."""
from tornado.web import HTTPError


def refuse_to_save(model, path, contents_manager, **kwargs):
    """Refuse every save: the notebooks in the repository must stay as they are."""
    raise HTTPError(403, f"the browser tests never save files ({path})")


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


sys.path.insert(0, str(ROOT / "tools"))
from find_browser import find_browser as find_chromium  # noqa: E402  (one search for a browser, shared with `make browser`)

browser_path = find_chromium  # the name tools/bench.py uses


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
    def base(self) -> str:
        """Same as :attr:`base_url` (the name tools/bench.py uses)."""
        return self.base_url

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
        return env

    def write_config(self) -> None:
        """Write the settings layered over the project's: JupyterLab reads ``labconfig/default_setting_overrides.json``
        from every config folder, after the app's own ``overrides.json``."""
        config = self.folder("JUPYTER_CONFIG_DIR")
        (config / "labconfig").mkdir(parents=True, exist_ok=True)
        (config / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(lab_overrides(), indent=2), encoding="utf-8")
        (config / "jupyter_server_config.py").write_text(TEST_SERVER_CONFIG, encoding="utf-8")

    def command(self) -> list[str]:
        """``jupyter lab`` from the same Python as pytest."""
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


def open_notebook(page: Page, base_url: str, token: str, path: str, timeout: float = 120) -> list[str]:
    """Open ``path`` (relative to the repository) in JupyterLab; wait until every cell is shown and the kernel is idle.

    Returns the texts of any dialogs that had to be dismissed on the way (there should be none).
    """
    ready = {"notebook": NOTEBOOK, "cells": len(json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"])}
    page.goto(f"{base_url}/lab/tree/{path}?token={token}&reset", wait_until="domcontentloaded")
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
