"""The class hub in a browser: the teacher and two students log in; each student has their own copy and cannot open the
other's files; answers persist across a server restart; the teacher collects both hand-ins.

The hub is one of its own (tools/loadtest.py's running_hub: free loopback ports, its own state, its users removed at
the end). Needs root and the hub's environment; skipped, saying why, without them.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "hub"), str(ROOT / "tools")]

import classroom  # noqa: E402
import loadtest  # noqa: E402

import hub as hubtool  # noqa: E402  (tools/hub.py)

STATE = Path("/var/lib/sco-hub-browsertest")
NOTEBOOK = "00_start_here"


@pytest.fixture(scope="module")
def class_hub(class_hub_installed: None) -> Iterator[loadtest.RunningHub]:
    """A hub with a teacher and two students."""
    with loadtest.running_hub(2, state=STATE, stem="browserkid", teacher="browserteacher") as running:
        yield running


def log_in(browser: Browser, hub: loadtest.RunningHub, name: str) -> Page:
    """A fresh browser context logged in as `name` through the hub's log-in form, its JupyterLab open."""
    page = browser.new_context().new_page()
    page.goto(f"{hub.address}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", hub.passwords[name])
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"**/user/{name}/lab/**", timeout=120_000)
    page.wait_for_selector(".jp-DirListing-content", timeout=120_000)
    return page


def student(hub: loadtest.RunningHub, name: str) -> loadtest.Student:
    """The load test's simulated student, for the kernel and REST parts (with a deadline far away)."""
    return loadtest.Student(loadtest.Run(base=hub.address, deadline=time.monotonic() + 600), name, hub.passwords[name], hub.tokens[name])


def test_teacher_and_two_students(browser: Browser, class_hub: loadtest.RunningHub) -> None:
    first, second = sorted(class_hub.tokens)
    pages = {name: log_in(browser, class_hub, name) for name in (first, second, class_hub.teacher)}
    for name in (first, second):  # each student sees their own copy, opened at the first notebook
        assert f"/user/{name}/lab/tree/{classroom.COPY}/notebooks/{NOTEBOOK}.ipynb" in pages[name].url
        pages[name].wait_for_selector(f".jp-DirListing-item[title*='{NOTEBOOK}']", timeout=60_000)
        assert Path(classroom.student_homes([name])[name], classroom.COPY, "notebooks", f"{NOTEBOOK}.ipynb").is_file()

    # the first student tries the second's files: through the hub (another's server) and through their own kernel (the disk)
    answer = pages[first].goto(f"{class_hub.address}/user/{second}/lab")
    assert answer is not None and (answer.status == 403 or f"/user/{first}/" in pages[first].url or "/hub/" in pages[first].url)
    other = classroom.student_homes([second])[second] / classroom.COPY / "README.md"
    simulated = {name: student(class_hub, name) for name in (first, second)}
    kernel = simulated[first].request(f"/user/{first}/api/kernels", "POST", {"name": "python3"})
    channel = simulated[first].connect(kernel["id"])
    failed, printed = simulated[first].execute(channel, f"open({str(other)!r}).read()", measured=False)
    channel.close()
    assert failed and "PermissionError" in printed, printed

    # both students answer in notebook 00 and hand it in; the first one's server is restarted; the answers are still there
    for name in (first, second):
        simulated[name].work_through(NOTEBOOK)
        assert simulated[name].report["answers_lost"] == 0 and simulated[name].report["cell_errors"] == 0, simulated[name].report["problems"]
    saved = json.loads((classroom.student_homes([first])[first] / classroom.COPY / "notebooks" / classroom.WORK / f"{NOTEBOOK}.json").read_text())
    simulated[first].stop_server()
    simulated[first].start_server()
    session = simulated[first].request(f"/user/{first}/api/kernels", "POST", {"name": "python3"})
    channel = simulated[first].connect(session["id"])
    read_back = simulated[first].printed_work(channel, f"import os; os.chdir(os.path.expanduser('~/{classroom.COPY}/notebooks'))\n"
                                                       + loadtest.READ_BACK_CODE.format(notebook=NOTEBOOK))
    channel.close()
    assert {k: v["state"] for k, v in read_back.items()} == {k: v["state"] for k, v in saved["exercises"].items()} and read_back

    # the teacher collects both hand-ins, and sees them in their own JupyterLab
    folder = hubtool.collect(state=STATE)
    assert sorted(p.parent.name for p in (folder / "hand-ins").rglob("*.html")) == [first, second]
    progress = json.loads((folder / "class-progress.json").read_text())
    assert progress["students"] == 2 and progress["exercises"] and first not in json.dumps(progress)
    teacher = pages[class_hub.teacher]
    teacher.goto(f"{class_hub.address}/user/{class_hub.teacher}/lab/tree/collected/hand-ins/{first}")
    teacher.wait_for_selector(f".jp-DirListing-item[title*='hand-in_{NOTEBOOK}']", timeout=60_000)
