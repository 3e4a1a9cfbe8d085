"""A JupyterHub for one class on this machine: `make hub` / `make hub-stop`, or `python tools/hub.py COMMAND`. Needs root.

    python tools/hub.py start [--ip 0.0.0.0] [--port 8000] [--teacher NAME] [--edition build/class]
    python tools/hub.py add-students N [--prefix student]   # accounts student01..N, passwords printed once (and kept, mode 600)
    python tools/hub.py password NAME                       # a new password for an account (a student forgot theirs)
    python tools/hub.py collect [--out FOLDER]              # every hand-in, and the class progress, in the teacher's folder
    python tools/hub.py status
    python tools/hub.py stop

`start` installs what the hub needs the first time (and when a pin changes): a Python environment of its own
in /opt/sco-hub/venv (hub/requirements.txt plus the project's own pins from pyproject.toml, never in the
project's .venv) and configurable-http-proxy from the npm registry (hub/proxy-version.txt). It publishes
the class edition (build/class, built by tools/build_editions.py if missing) to /opt/sco-hub/class, where
each student's first log-in copies it into their home, and starts the hub in the background. The secrets,
settings, database, passwords and log are in /var/lib/sco-hub (mode 700; secrets mode 600): outside the
repository, never committed. See hub/jupyterhub_config.py for what the hub does, and the README's
"On a class server".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for needed in (ROOT, ROOT / "hub"):  # the project (helpers) and the hub's own module (classroom: this file is tools/hub.py, so not `from hub import`)
    if str(needed) not in sys.path:
        sys.path.insert(0, str(needed))

import classroom  # noqa: E402

HUB = ROOT / "hub"
REQUIREMENTS = HUB / "requirements.txt"
PROXY = (HUB / "proxy-version.txt").read_text(encoding="utf-8").strip()
BASE_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")  # a Python every student can run (not one under /root)


class HubError(Exception):
    """Something the teacher must fix; the message says what."""


# --- install ----------------------------------------------------------------------------------------------


def project_pins(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The project's own dependencies (exact pins), read from pyproject.toml: what the notebooks need on a student's server.

    >>> any(pin.startswith("jupyterlab==") for pin in project_pins())
    True
    """
    return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])


def hub_pins(requirements: Path = REQUIREMENTS) -> list[str]:
    """The hub's own pins (hub/requirements.txt, without comments).

    >>> hub_pins()[0]
    'jupyterhub==6.1.1'
    """
    lines = (line.split("#", 1)[0].strip() for line in requirements.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def base_python() -> str:
    """A Python 3.11+ outside root's home, so that the students' servers (run as their own users) can run it."""
    for candidate in (sys.executable, *BASE_PYTHONS):
        real = Path(candidate).resolve()
        if real.exists() and not str(real).startswith("/root/"):
            return str(real)
    raise HubError("No Python that students can run was found (this one is under /root/): install python3 (apt-get install python3-venv).")


def install_stamp() -> str:
    """What the installed environment was made from: the pins and the proxy's version."""
    return hashlib.sha256(json.dumps([hub_pins(), project_pins(), PROXY]).encode()).hexdigest()


def install(prefix: Path = classroom.PREFIX) -> None:
    """Install the hub's environment and proxy into PREFIX, unless they are there from the same pins."""
    stamp = prefix / ".installed"
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == install_stamp():
        return
    if shutil.which("npm") is None:
        raise HubError("npm is needed to install configurable-http-proxy (the hub's proxy): apt-get install nodejs npm")
    prefix.mkdir(parents=True, exist_ok=True, mode=0o755)
    python = classroom.venv_python(prefix)
    print(f"Installing the hub into {prefix} (once; a few minutes): {', '.join(hub_pins())}, the project's pins, {PROXY}")
    if not python.exists():
        run([base_python(), "-m", "venv", str(prefix / "venv")])
    run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(python), "-m", "pip", "install", "--quiet", *hub_pins(), *project_pins()])
    run([str(python), str(ROOT / "tools" / "install_lab_settings.py")])
    (prefix / "proxy").mkdir(exist_ok=True)
    run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix / "proxy"), PROXY])
    stamp.write_text(install_stamp() + "\n", encoding="utf-8")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a command; a failure becomes a HubError that shows its output."""
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise HubError(f"{' '.join(command[:4])} ... failed:\n{(done.stderr or done.stdout)[-2000:]}")
    return done


# --- the class edition ------------------------------------------------------------------------------------


def publish_edition(edition: Path | None, prefix: Path = classroom.PREFIX) -> Path:
    """Copy the class edition to PREFIX/class (readable by all, owned by root), building it first if there is none."""
    source = edition or ROOT / "build" / "class"
    if not source.exists() and edition is None:
        print("No build/class yet: building the editions (tools/build_editions.py)")
        run([sys.executable, str(ROOT / "tools" / "build_editions.py")], cwd=ROOT)
    if not (source / "notebooks").is_dir():
        raise HubError(f"{source} is not an edition (no notebooks/ in it): give --edition, or run `make editions`.")
    edition_word = source / "corpus" / "exercises" / "EDITION"
    if edition_word.exists() and edition_word.read_text(encoding="utf-8").strip() != "class":
        raise HubError(f"{source} is the {edition_word.read_text(encoding='utf-8').strip()} edition; students get the class edition.")
    target = classroom.edition_dir(prefix)
    fresh = target.with_name("class.new")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(source, fresh, ignore=shutil.ignore_patterns(*classroom.SKIPPED))
    for folder, _, files in os.walk(fresh):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)
    return target


# --- the hub process ---------------------------------------------------------------------------------------


def exposure_warnings(root: Path = ROOT) -> list[str]:
    """Warnings when students on this machine could read the teacher edition: this clone, with every answer, is readable by all.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> folder.chmod(0o750)
    >>> exposure_warnings(folder)
    []
    >>> folder.chmod(0o755)
    >>> exposure_warnings(folder)[0].startswith("Warning: ")
    True
    """
    if root.stat().st_mode & 0o005:
        return [f"Warning: {root} (the teacher edition, with every answer) can be read by every user of this machine, students "
                f"included. Run `chmod 750 {root}`: the hub needs nothing from it once the class edition is published."]
    return []


def hub_pid(state: Path = classroom.STATE) -> int | None:
    """The running hub's process id, or None."""
    path = state / "jupyterhub.pid"
    try:
        pid = int(path.read_text(encoding="utf-8").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def address(state: Path = classroom.STATE) -> str:
    """The hub's address, as students type it."""
    found = classroom.settings(state)
    host = "127.0.0.1" if found["ip"] in ("", "0.0.0.0") else found["ip"]
    return f"http://{host}:{found['port']}"


def api(path: str, method: str = "GET", body: dict | None = None, state: Path = classroom.STATE) -> object:
    """A call to the hub's REST API with the tools' token (kept in STATE, mode 600)."""
    token = (state / "api_token").read_text(encoding="utf-8").strip()
    request = urllib.request.Request(f"{address(state)}/hub/api{path}", method=method, headers={"Authorization": f"token {token}"},
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else None


def wait_until_up(state: Path = classroom.STATE, seconds: float = 90) -> None:
    """Wait until the hub answers on its address; HubError with the log's end if it does not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{address(state)}/hub/api", timeout=5):
                return
        except (OSError, urllib.error.URLError):
            time.sleep(1)
    log = (state / "hub.log").read_text(encoding="utf-8", errors="replace")[-3000:] if (state / "hub.log").exists() else ""
    raise HubError(f"The hub did not answer at {address(state)} within {seconds:.0f} s. The end of {state / 'hub.log'}:\n{log}")


def set_password(name: str, password: str, prefix: Path = classroom.PREFIX, state: Path = classroom.STATE) -> None:
    """Create or reset a hub account (NativeAuthenticator's table), and keep its password in STATE/passwords.json (mode 600)."""
    if not (state / "jupyterhub.sqlite").exists():
        raise HubError("The hub has no database yet: start it once first (`make hub`).")
    run([str(classroom.venv_python(prefix)), str(HUB / "accounts.py"), "set", classroom.check_name(name)], input=password,
        env={**os.environ, "SCO_HUB_STATE": str(state), "SCO_HUB_PREFIX": str(prefix)})
    kept = passwords(state)
    kept[name] = password
    classroom.write_private(state / "passwords.json", json.dumps(kept, indent=1, sort_keys=True))


def passwords(state: Path = classroom.STATE) -> dict[str, str]:
    """The passwords the hub handed out (a student who changed theirs at /hub/change-password has another)."""
    path = state / "passwords.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def start(ip: str, port: int, teacher: str, edition: Path | None, prefix: Path = classroom.PREFIX, state: Path = classroom.STATE,
          publish: bool = True) -> str:
    """Install if needed, publish the class edition (unless not `publish`), make the teacher's account, start the hub; return its address."""
    if hub_pid(state):
        return address(state)
    for warning in exposure_warnings():
        print(warning, file=sys.stderr)
    install(prefix)
    if publish:
        publish_edition(edition, prefix)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)
    kept = classroom.settings(state)
    kept.update(ip=ip, port=port, teacher=classroom.check_name(teacher))
    classroom.write_private(state / "settings.json", json.dumps(kept, indent=1))
    classroom.ensure_system_user(teacher)
    environment = {**os.environ, "SCO_HUB_STATE": str(state), "SCO_HUB_PREFIX": str(prefix)}
    with open(state / "hub.log", "ab") as log:
        subprocess.Popen([str(prefix / "venv" / "bin" / "jupyterhub"), "-f", str(HUB / "jupyterhub_config.py")], cwd=state,
                         env=environment, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    wait_until_up(state)
    if teacher not in passwords(state):  # after the hub's first start: the hub makes its database, then the accounts go in
        set_password(teacher, classroom.new_password(), prefix, state)
    return address(state)


def stop(state: Path = classroom.STATE, seconds: float = 60) -> bool:
    """Stop the hub (and with it the proxy and the students' servers); False if it was not running."""
    pid = hub_pid(state)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and hub_pid(state) == pid:
        time.sleep(0.5)
    if hub_pid(state) == pid:
        raise HubError(f"The hub (process {pid}) did not stop within {seconds:.0f} s; see {state / 'hub.log'}")
    return True


# --- students ------------------------------------------------------------------------------------------


def add_students(count: int, stem: str = "student", prefix: Path = classroom.PREFIX, state: Path = classroom.STATE) -> dict[str, str]:
    """Accounts stem01.. up to `count` students (existing ones kept as they are), each a system user; the new names and passwords."""
    made = {}
    kept = passwords(state)
    width = max(2, len(str(count)))
    for number in range(1, count + 1):
        name = classroom.check_name(f"{stem}{number:0{width}d}")
        classroom.ensure_system_user(name)
        if name not in kept:
            made[name] = classroom.new_password()
            set_password(name, made[name], prefix, state)
    return made


def collect(out: Path | None = None, state: Path = classroom.STATE) -> Path:
    """Every student's hand-ins into one folder (the teacher's ~/collected by default) and the class progress beside them."""
    from helpers.student_work import STATES

    teacher = classroom.settings(state)["teacher"]
    names = sorted(n for n in passwords(state) if n != teacher)
    homes = classroom.student_homes(names)
    teacher_home = classroom.student_homes([teacher]).get(teacher)
    folder = out or (teacher_home / "collected" if teacher_home else ROOT / "build" / "collected")
    folder.mkdir(parents=True, exist_ok=True)
    copied = classroom.collect_hand_ins(homes, folder / "hand-ins")
    summary = classroom.progress_summary(classroom.work_files(homes), STATES)
    summary["students"] = len(homes)
    (folder / "class-progress.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    (folder / "class-progress.csv").write_text(classroom.summary_csv(summary), encoding="utf-8")
    if out is None and teacher_home:
        owner = teacher_home.stat()
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, owner.st_uid, owner.st_gid)
    print(f"{len(copied)} hand-in files from {len(homes)} students, and the class progress ({len(summary['exercises'])} exercises), in {folder}")
    return folder


def status(state: Path = classroom.STATE) -> str:
    """Whether the hub runs, where, and whose servers are up."""
    pid = hub_pid(state)
    if pid is None:
        return "The hub is not running (start it with `make hub`)."
    lines = [f"The hub runs (process {pid}) at {address(state)}; teacher: {classroom.settings(state)['teacher']}"]
    try:
        users = api("/users", state=state)
        running = [u["name"] for u in users if u.get("servers")]  # type: ignore[union-attr]
        lines.append(f"{len(users)} users have logged in; servers running: {', '.join(running) or 'none'}")  # type: ignore[arg-type]
    except (OSError, urllib.error.URLError, ValueError) as problem:
        lines.append(f"(the hub's API did not answer: {problem})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    starting = commands.add_parser("start", help="install if needed and start the hub")
    starting.add_argument("--ip", default=os.environ.get("HUB_IP", "127.0.0.1"), help="the address to listen on (0.0.0.0: every network)")
    starting.add_argument("--port", type=int, default=int(os.environ.get("HUB_PORT", "8000")))
    starting.add_argument("--teacher", default=os.environ.get("HUB_TEACHER", "teacher"), help="the teacher's account name (the admin)")
    starting.add_argument("--edition", type=Path, help="the class edition to hand out (default: build/class)")
    commands.add_parser("stop", help="stop the hub and every student's server")
    commands.add_parser("status", help="is it running, and whose servers are up")
    adding = commands.add_parser("add-students", help="make accounts for N students")
    adding.add_argument("count", type=int)
    adding.add_argument("--prefix", default="student", help="the names' stem (default: student, giving student01, student02, ...)")
    resetting = commands.add_parser("password", help="a new password for an account")
    resetting.add_argument("name")
    collecting = commands.add_parser("collect", help="gather the hand-ins and the class progress")
    collecting.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    try:
        if os.geteuid() != 0:
            raise HubError("The class hub needs root (it makes a system user per student): run it with sudo.")
        if args.command == "start":
            where = start(args.ip, args.port, args.teacher, args.edition)
            print(f"The hub runs at {where}. The teacher logs in as {args.teacher!r}, password in {classroom.STATE / 'passwords.json'} "
                  "(root only). Add students with `python tools/hub.py add-students N`.")
        elif args.command == "stop":
            print("The hub is stopped." if stop() else "The hub was not running.")
        elif args.command == "status":
            print(status())
        elif args.command == "add-students":
            made = add_students(args.count, args.prefix)
            print("\n".join(f"{name}\t{password}" for name, password in made.items()) or "Every account existed already.")
            print(f"(All passwords, kept for you: {classroom.STATE / 'passwords.json'}, readable by root only.)")
        elif args.command == "password":
            password = classroom.new_password()
            set_password(args.name, password)
            print(f"{args.name}\t{password}")
        elif args.command == "collect":
            collect(args.out)
    except (HubError, ValueError, OSError) as problem:
        print(f"tools/hub.py {args.command}: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
