"""Driving JupyterLab in Chromium: start a local server, open a notebook, run it, read what a student sees."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from find_browser import find_browser  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
TEST_SETTINGS = {  # for tests only: every cell stays in the page, and nothing is saved back to the repository
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 with a token, isolated from the user's own settings."""

    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> None:
        settings = self.home / "user-settings"
        for name, values in TEST_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(self.home / "config"), "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
               "IPYTHONDIR": str(self.home / "ipython"), "JUPYTERLAB_SETTINGS_DIR": str(settings),
               "JUPYTERLAB_WORKSPACES_DIR": str(self.home / "workspaces"), "PYTHONWARNINGS": "ignore"}
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}", "--ServerApp.port_retries=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log = (self.home / "lab.log").open("w")
        self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited: {(self.home / 'lab.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("jupyter lab did not start in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Guard:
    """Lets through only requests to the local server (and data:/blob: URLs); records the rest."""

    def __init__(self, base: str):
        self.base = base
        self.blocked: list[str] = []

    def allowed(self, url: str) -> bool:
        return url.startswith((self.base + "/", "data:", "blob:", self.base.replace("http", "ws", 1) + "/"))

    def route(self, route: Route, request: Request) -> None:
        if self.allowed(request.url):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def websocket(self, socket) -> None:
        if not self.allowed(socket.url):
            self.blocked.append(socket.url)


KERNEL_READY = """(cells) => {
  const panel = document.querySelector('.jp-NotebookPanel');
  if (!panel || panel.querySelectorAll('.jp-Cell').length !== cells) return false;
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status');
  const bar = document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar')?.textContent || '';
  return status === 'idle' && !/Initializing|No Kernel|Connecting/.test(bar);
}"""


def open_notebook(page: Page, server: LabServer, path: str) -> None:
    """Open a notebook in JupyterLab and wait until all its cells are shown and its kernel is idle."""
    cells = len(json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"])
    page.goto(f"{server.base}/lab/tree/{path}?token={server.token}&reset")
    page.wait_for_function(KERNEL_READY, arg=cells, timeout=90_000, polling=250)


def run_all(page: Page) -> None:
    """Run > Run All Cells, from the menu as a student would."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


WAIT_DONE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim());
  return status === 'idle' && prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p));
}"""


def wait_until_done(page: Page, timeout: float = 240) -> None:
    """Wait for an idle kernel AND an execution count on every code cell (the status alone reads idle too early)."""
    page.wait_for_function(WAIT_DONE, timeout=timeout * 1000, polling=500)


def error_outputs(page: Page) -> list[str]:
    """The texts of error and stderr outputs shown in the notebook."""
    selector = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
    return [e.inner_text()[:300] for e in page.locator(selector).all()]


def plot_count(page: Page) -> int:
    """How many plotly charts are drawn (an SVG inside each)."""
    return page.locator(".js-plotly-plot:has(.main-svg)").count()


def widget_count(page: Page, selector: str) -> int:
    """How many widgets of one kind are displayed, e.g. '.widget-dropdown'."""
    return page.locator(f".jp-OutputArea {selector}").count()


def screenshot(page: Page, name: str) -> Path:
    """Save what the student sees now under build/screenshots/."""
    path = ROOT / "build" / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def browser_path() -> str | None:
    """The Chromium to drive (Debian's package, $CHROMIUM, or one on the PATH)."""
    return find_browser()
