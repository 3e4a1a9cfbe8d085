"""A class under load: `make loadtest` (or `python tools/loadtest.py --students 30 --minutes 2`) -> build/loadtest.json. Needs root.

It starts a hub of its own (state in /var/lib/sco-hub-loadtest, on a free port of 127.0.0.1, the same
environment and class edition as `make hub`, and its own accounts), so a class's hub is never touched.
N simulated students arrive over M minutes, evenly spaced, as a class does. Each one:

1. logs in through the hub's log-in form (its own password), then starts its server through the hub's API;
2. per notebook: opens a session, runs every code cell through the kernel (websocket), answers the first
   exercises as the widgets do (helpers.student_work: a hint, then an attempt), restarts the kernel and
   reads its saved work back (an answer that is not there, or not the same, is an answer lost), and hands
   the notebook in (helpers.student_work.export_work, checked on disk);
3. stops its server.

Bounded: at most --students (<= 60) students, and a deadline (--minutes plus --grace) after which every
student stops where it is; loopback only. At the end the hub is stopped and its users, homes and state removed.

Reported: students served, notebooks run, cell errors, answers lost, server start time and cell latency
(median, 95th percentile), memory per student (peak resident memory of their processes), the hub's and the
proxy's CPU, and the class size at which the median cell latency passes 2 seconds ("not reached up to N").
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import random
import shutil
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for needed in (ROOT, ROOT / "hub", ROOT / "tools"):
    if str(needed) not in sys.path:
        sys.path.insert(0, str(needed))

import classroom  # noqa: E402
import websocket  # noqa: E402  (websocket-client, installed with jupyter_server)

import hub as hubtool  # noqa: E402  (tools/hub.py)

STATE = Path("/var/lib/sco-hub-loadtest")
OUT = ROOT / "build" / "loadtest.json"
STEM = "loadtest"
MAX_STUDENTS = 60
THRESHOLD = 2.0  # seconds of median cell latency that a class notices
DEFAULT_NOTEBOOKS = ("00_start_here", "04_signatories")
EXERCISES_PER_NOTEBOOK = 3
CELL_TIMEOUT = 180

ANSWER_CODE = """
import json as _json, helpers as _helpers
from helpers import student_work as _sw
from helpers.exercises import load_bank as _load_bank
_mine = [e for e in _load_bank() if e.notebook == {notebook!r}][:{count}]
for _e in _mine:
    _sw.note(_e, hints=1)
    _answer = "12" if _e.kind == "numeric" else "An answer written by a simulated student."
    try:
        _result = _helpers.check(_e, _answer)
    except Exception:
        continue
    _sw.note_attempt(_e, _result, _answer)
print("SCO-WORK " + _json.dumps({{e.exercise_id: _sw.WORK[{notebook!r}][e.exercise_id] for e in _mine}}))
"""
READ_BACK_CODE = """
import json as _json
from helpers import student_work as _sw
print("SCO-WORK " + _json.dumps(_sw.read_file(_sw.work_file({notebook!r}))["exercises"]))
"""
HAND_IN_CODE = """
from helpers import student_work as _sw
print("SCO-WORK " + str(_sw.export_work({notebook!r})))
"""
COMPARED = ("answer", "attempts", "hints", "shown", "state")


@dataclass
class Run:
    """What every student measured, shared between their threads (appends are atomic in CPython)."""

    base: str
    deadline: float
    active: int = 0
    latencies: list[tuple[float, int]] = field(default_factory=list)  # (seconds, students working at that moment)
    starts: list[float] = field(default_factory=list)
    logins: list[float] = field(default_factory=list)
    students: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Late(Exception):
    """The run's deadline passed: the student stops where it is."""


# --- one simulated student ----------------------------------------------------------------------------


class Student:
    """One simulated student: their account, their token, their server."""

    def __init__(self, run: Run, name: str, password: str, token: str) -> None:
        self.run, self.name, self.password, self.token = run, name, password, token
        self.report: dict[str, Any] = {"notebooks_run": 0, "cell_errors": 0, "answers_saved": 0, "answers_lost": 0, "hand_ins": 0, "problems": []}

    def request(self, path: str, method: str = "GET", body: dict | None = None, timeout: float = 60) -> Any:
        """A call to the hub's or the student's server's REST API with the student's token."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.run.base + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def log_in(self) -> None:
        """The log-in form, as a browser posts it; fails if the hub sends the student back to it."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        started = time.monotonic()
        opener.open(self.run.base + "/hub/login", timeout=60).read()
        xsrf = next(c.value for c in jar if c.name == "_xsrf")
        form = urllib.parse.urlencode({"username": self.name, "password": self.password, "_xsrf": xsrf}).encode()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        try:
            no_redirect.open(urllib.request.Request(self.run.base + "/hub/login", data=form), timeout=60)
            raise RuntimeError(f"{self.name} was not logged in (the hub showed the log-in form again)")
        except urllib.error.HTTPError as answer:
            if answer.code != 302 or "/login" in (answer.headers.get("Location") or ""):
                raise RuntimeError(f"{self.name} was not logged in (HTTP {answer.code})") from None
        if not any(c.name == "jupyterhub-session-id" for c in jar):
            raise RuntimeError(f"{self.name} got no session cookie")
        self.run.logins.append(time.monotonic() - started)

    def start_server(self) -> None:
        """Start the server and wait until the hub says it is ready; the time it took is the server start time."""
        started = time.monotonic()
        try:
            self.request(f"/hub/api/users/{self.name}/server", "POST", {}, timeout=150)
        except urllib.error.HTTPError as answer:
            if answer.code not in (201, 202, 400):  # 400: already running
                raise
        while True:
            self.check_time()
            user = self.request(f"/hub/api/users/{self.name}")
            server = (user.get("servers") or {}).get("")
            if server and server.get("ready"):
                break
            time.sleep(0.5)
        self.run.starts.append(time.monotonic() - started)

    def stop_server(self) -> None:
        """Stop the server (the hub answers 202 while it stops, 204 when it has)."""
        try:
            self.request(f"/hub/api/users/{self.name}/server", "DELETE", timeout=120)
        except (urllib.error.URLError, OSError) as problem:
            self.report["problems"].append(f"stopping the server: {problem}")

    def check_time(self) -> None:
        """Raise Late once the run's deadline has passed."""
        if time.monotonic() > self.run.deadline:
            raise Late

    # --- the kernel ---------------------------------------------------------------------------------------

    def connect(self, kernel_id: str) -> websocket.WebSocket:
        """The kernel's websocket, through the hub's proxy."""
        url = self.run.base.replace("http://", "ws://") + f"/user/{self.name}/api/kernels/{kernel_id}/channels"
        return websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=CELL_TIMEOUT)

    def execute(self, channel: websocket.WebSocket, code: str, measured: bool = True) -> tuple[bool, str]:
        """Run code in the kernel; (whether it raised, what it printed). Its time is a cell latency when `measured`."""
        message_id = uuid.uuid4().hex
        channel.send(json.dumps({"header": {"msg_id": message_id, "username": self.name, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                                           "version": "5.3"}, "parent_header": {}, "metadata": {}, "channel": "shell",
                                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
                                            "stop_on_error": True}}))
        with self.run.lock:
            working = self.run.active
        started, failed, printed = time.monotonic(), False, []
        while True:
            if time.monotonic() - started > CELL_TIMEOUT:
                raise RuntimeError(f"a cell ran longer than {CELL_TIMEOUT} s")
            message = json.loads(channel.recv())
            if message.get("parent_header", {}).get("msg_id") != message_id or message.get("channel") != "iopub":
                continue
            kind = message["header"]["msg_type"]
            if kind == "error":
                failed = True
                printed.append("\n".join(message["content"].get("traceback", []))[-1500:])
            elif kind == "stream":
                printed.append(message["content"].get("text", ""))
            elif kind == "status" and message["content"].get("execution_state") == "idle":
                break
        if measured:
            self.run.latencies.append((time.monotonic() - started, working))
        return failed, "".join(printed)

    def printed_work(self, channel: websocket.WebSocket, code: str) -> Any:
        """Run code that prints 'SCO-WORK <json or text>' and return what it printed."""
        failed, printed = self.execute(channel, code, measured=False)
        line = next((line for line in printed.splitlines() if line.startswith("SCO-WORK ")), None)
        if failed or line is None:
            raise RuntimeError(f"the work code failed: {printed[-800:]}")
        text = line.removeprefix("SCO-WORK ")
        return json.loads(text) if text[:1] == "{" else text

    def work_through(self, notebook: str) -> None:
        """Open a notebook, run it, answer, restart, read back, hand in."""
        path = f"{classroom.COPY}/notebooks/{notebook}.ipynb"
        cells = self.request(f"/user/{self.name}/api/contents/{urllib.parse.quote(path)}")["content"]["cells"]
        session = self.request(f"/user/{self.name}/api/sessions", "POST", {"path": path, "type": "notebook", "name": f"{notebook}.ipynb",
                                                                          "kernel": {"name": "python3"}})
        kernel_id = session["kernel"]["id"]
        channel = self.connect(kernel_id)
        try:
            for cell in cells:
                self.check_time()
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                if cell["cell_type"] != "code" or not source.strip():
                    continue
                failed, printed = self.execute(channel, source)
                if failed:
                    self.report["cell_errors"] += 1
                    self.report["problems"].append(f"{notebook}: {printed[-400:]}")
            self.report["notebooks_run"] += 1
            before = self.printed_work(channel, ANSWER_CODE.format(notebook=notebook, count=EXERCISES_PER_NOTEBOOK))
            self.report["answers_saved"] += len(before)
            channel.close()
            self.request(f"/user/{self.name}/api/kernels/{kernel_id}/restart", "POST", {}, timeout=120)
            channel = self.connect(kernel_id)
            after = self.printed_work(channel, READ_BACK_CODE.format(notebook=notebook))
            for exercise_id, record in before.items():
                kept = after.get(exercise_id) or {}
                if any(kept.get(key) != record.get(key) for key in COMPARED):
                    self.report["answers_lost"] += 1
                    self.report["problems"].append(f"{notebook}: {exercise_id} saved as {record}, read back as {kept}")
            page = Path(self.printed_work(channel, HAND_IN_CODE.format(notebook=notebook)))
            home = Path(classroom.student_homes([self.name])[self.name])
            if page.is_file() and home in page.parents and page.stat().st_size > 0:
                self.report["hand_ins"] += 1
            else:
                self.report["problems"].append(f"{notebook}: no hand-in at {page}")
        finally:
            channel.close()
            with contextlib.suppress(urllib.error.URLError, OSError):
                self.request(f"/user/{self.name}/api/sessions/{session['id']}", "DELETE")

    def attend(self, arrival: float, notebooks: list[str]) -> None:
        """The whole class of one student: arrive, log in, start, work through the notebooks, stop."""
        time.sleep(max(0.0, arrival - time.monotonic()))
        with self.run.lock:
            self.run.active += 1
        try:
            self.log_in()
            self.start_server()
            for notebook in notebooks:
                self.work_through(notebook)
            self.report["served"] = True
        except Late:
            self.report["problems"].append("stopped at the deadline")
        except Exception as problem:  # a student's failure is reported, never hides the others'
            self.report["problems"].append(f"{type(problem).__name__}: {problem}")
        finally:
            with self.run.lock:
                self.run.active -= 1
            self.stop_server()
            self.run.students.append({"name": self.name, **self.report})


# --- measuring the machine --------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_by_uid() -> dict[int, int]:
    """Resident memory (bytes) of every user's processes, added up (from /proc)."""
    totals: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        uid = rss = 0
        for line in status.splitlines():
            if line.startswith("Uid:"):
                uid = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
        totals[uid] = totals.get(uid, 0) + rss
    return totals


class Sampler(threading.Thread):
    """Samples the students' memory every two seconds: the peak per student."""

    def __init__(self, uids: dict[int, str]) -> None:
        super().__init__(daemon=True)
        self.uids, self.peaks, self.done = uids, dict.fromkeys(uids.values(), 0), threading.Event()

    def run(self) -> None:
        while not self.done.wait(2):
            for uid, rss in resident_by_uid().items():
                if uid in self.uids:
                    name = self.uids[uid]
                    self.peaks[name] = max(self.peaks[name], rss)


def percentile(values: list[float], share: float) -> float | None:
    """The value below which `share` of the values lie (nearest rank), or None for no values.

    >>> percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)
    10
    >>> percentile([0.2, 0.4, 0.6], 0.5)
    0.4
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def threshold_class_size(latencies: list[tuple[float, int]], limit: float = THRESHOLD) -> int | None:
    """The smallest number of students working at once at which the median cell latency passes `limit` seconds (None: never).

    >>> threshold_class_size([(0.5, 1), (0.7, 1), (1.5, 2), (2.5, 3), (2.6, 3)])
    3
    >>> threshold_class_size([(0.5, 1)]) is None
    True
    """
    by_size: dict[int, list[float]] = {}
    for seconds, size in latencies:
        by_size.setdefault(size, []).append(seconds)
    passing = [size for size, values in sorted(by_size.items()) if statistics.median(values) > limit]
    return passing[0] if passing else None


def free_ports() -> int:
    """A port P on 127.0.0.1 such that P (the hub's address), P+1 (the hub itself) and P+2 (the proxy's API) are all free."""
    rng = random.Random()
    for _ in range(200):
        base = rng.randrange(20000, 40000)
        try:
            for port in (base, base + 1, base + 2):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise OSError("no three free ports in a row on 127.0.0.1")


def rounded(value: float | None, digits: int = 3) -> float | None:
    """A figure for the report."""
    return None if value is None else round(value, digits)


# --- the run ------------------------------------------------------------------------------------------


@dataclass
class RunningHub:
    """A hub started for a test or a load test: its address, the teacher's name, and per student their password and an API token."""

    address: str
    teacher: str
    passwords: dict[str, str]
    tokens: dict[str, str]
    hub_pid: int | None
    proxy_pid: int | None


@contextlib.contextmanager
def running_hub(students: int, state: Path = STATE, stem: str = STEM, teacher: str = "loadteacher", log: Path | None = None) -> Iterator[RunningHub]:
    """A hub of its own on free loopback ports, with `students` accounts (and the teacher's); stopped, and its users,
    homes, cgroups and state removed, on leaving (its log is kept at `log` first)."""
    shutil.rmtree(state, ignore_errors=True)
    names: list[str] = []
    try:
        address = hubtool.start("127.0.0.1", free_ports(), teacher, None, state=state, publish=not classroom.edition_dir().exists())
        made = hubtool.add_students(students, stem, state=state)
        names = sorted(made)
        tokens = {}
        for name in names:  # the hub knows a user once they exist in it; then the tools' token can give them a token
            hubtool.api(f"/users/{name}", "POST", {}, state=state)
            tokens[name] = hubtool.api(f"/users/{name}/tokens", "POST", {"note": "test", "expires_in": 7200}, state=state)["token"]
        proxy = state / "jupyterhub-proxy.pid"
        yield RunningHub(address, teacher, {**made, teacher: hubtool.passwords(state)[teacher]}, tokens, hubtool.hub_pid(state),
                      int(proxy.read_text().strip()) if proxy.exists() else None)
    finally:
        try:
            hubtool.stop(state)
        except hubtool.HubError as problem:
            print(problem, file=sys.stderr)
        if log is not None and (state / "hub.log").exists():
            log.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(state / "hub.log", log)
        for name in [*names, teacher]:
            classroom.remove_system_user(name)
            for group in Path("/sys/fs/cgroup").glob(f"*/sco-hub/{name}"):
                with contextlib.suppress(OSError):
                    group.rmdir()
        shutil.rmtree(state, ignore_errors=True)


def load_test(students: int, minutes: float, notebooks: list[str], grace: float, out: Path) -> dict[str, Any]:
    """Start a hub of its own, run the class, stop it and clean up; return (and write) the report."""
    began = time.monotonic()
    with running_hub(students, log=out.with_name("loadtest-hub.log")) as hub:
        names = sorted(hub.tokens)
        cpu_before = {p: cpu_seconds(p) for p in (hub.hub_pid, hub.proxy_pid) if p}
        deadline = time.monotonic() + (minutes + grace) * 60
        run = Run(base=hub.address, deadline=deadline)
        sampler = Sampler({classroom.ensure_system_user(n).pw_uid: n for n in names})
        sampler.start()
        spacing = minutes * 60 / max(1, students)
        rng = random.Random(16)
        start_at = time.monotonic()
        threads = [threading.Thread(target=Student(run, n, hub.passwords[n], hub.tokens[n]).attend,
                                    args=(start_at + i * spacing + rng.uniform(0, spacing / 2), notebooks)) for i, n in enumerate(names)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1.0, deadline - time.monotonic() + 180))
        wall = time.monotonic() - start_at
        sampler.done.set()
        cpu = {p: (cpu_seconds(p) - before) / wall * 100 for p, before in cpu_before.items() if Path(f"/proc/{p}").exists()}
        hub_pid, proxy_pid = hub.hub_pid, hub.proxy_pid
        cells = [s for s, _ in run.latencies]
        memory = [v / 2**20 for v in sampler.peaks.values() if v]
        report = {
            "students": students, "arrival_minutes": minutes, "notebooks": notebooks, "machine_cpus": os.cpu_count(),
            "students_served": sum(bool(s.get("served")) for s in run.students),
            "notebooks_run": sum(s["notebooks_run"] for s in run.students),
            "cells_run": len(cells),
            "cell_errors": sum(s["cell_errors"] for s in run.students),
            "answers_saved": sum(s["answers_saved"] for s in run.students),
            "answers_lost": sum(s["answers_lost"] for s in run.students),
            "hand_ins": sum(s["hand_ins"] for s in run.students),
            "login_seconds": {"median": rounded(percentile(run.logins, 0.5)), "p95": rounded(percentile(run.logins, 0.95))},
            "server_start_seconds": {"median": rounded(percentile(run.starts, 0.5)), "p95": rounded(percentile(run.starts, 0.95)),
                                     "max": rounded(max(run.starts, default=None))},
            "cell_latency_seconds": {"median": rounded(percentile(cells, 0.5)), "p95": rounded(percentile(cells, 0.95)),
                                     "max": rounded(max(cells, default=None))},
            "memory_per_student_mib": {"median": rounded(percentile(memory, 0.5), 1), "max": rounded(max(memory, default=None), 1)},
            "hub_cpu_percent": rounded(cpu.get(hub_pid), 1), "proxy_cpu_percent": rounded(cpu.get(proxy_pid), 1) if proxy_pid else None,
            "latency_passes_2s_at": threshold_class_size(run.latencies) or f"not reached up to {max((n for _, n in run.latencies), default=0)}",
            "wall_seconds": rounded(wall, 1),
            "problems": {s["name"]: s["problems"][:5] for s in sorted(run.students, key=lambda s: s["name"]) if s["problems"]},
        }
    report["total_seconds"] = rounded(time.monotonic() - began, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--students", type=int, default=30, help=f"how many students (at most {MAX_STUDENTS})")
    parser.add_argument("--minutes", type=float, default=2.0, help="over how many minutes they arrive")
    parser.add_argument("--notebooks", default=",".join(DEFAULT_NOTEBOOKS), help="the notebooks each student runs, comma-separated")
    parser.add_argument("--grace", type=float, default=15.0, help="minutes after the last arrival before every student stops")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("tools/loadtest.py needs root: it makes a system user per simulated student.", file=sys.stderr)
        return 1
    if not 1 <= args.students <= MAX_STUDENTS:
        print(f"--students must be between 1 and {MAX_STUDENTS}.", file=sys.stderr)
        return 1
    try:
        report = load_test(args.students, args.minutes, [n.strip() for n in args.notebooks.split(",") if n.strip()], args.grace, args.out)
    except (hubtool.HubError, OSError, ValueError) as problem:
        print(f"tools/loadtest.py: {problem}", file=sys.stderr)
        return 1
    print(json.dumps({k: v for k, v in report.items() if k != "problems"}, indent=1))
    print(f"Written to {args.out}")
    return 0 if report["answers_lost"] == 0 and report["cell_errors"] == 0 and report["students_served"] == args.students else 1


if __name__ == "__main__":
    sys.exit(main())
