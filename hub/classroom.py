"""The class server's own logic, in the standard library only: where things live, system users, the class
edition in each student's home, and the teacher's collection of hand-ins and progress.

The hub's configuration (hub/jupyterhub_config.py, run by the hub's Python) and the command line
(tools/hub.py, run by the project's Python) both import it, so neither repeats it.

Where things live (the teacher can move both with SCO_HUB_PREFIX and SCO_HUB_STATE):

- PREFIX (/opt/sco-hub): the hub's environment (venv/, the proxy in proxy/) and the class edition
  students get (class/). Readable by every user, holds no answer in clear and no secret.
- STATE (/var/lib/sco-hub, mode 700): the settings, the cookie secret and the proxy token (mode 600),
  the hub's database, the account passwords (mode 600), the log. Outside the repository: never committed.

A student's copy lives in ~/sco-2006 (their home is mode 700: no other student can open it). It is
synchronised from the class edition before each start of their server: a file the student never
changed follows the new edition; a file they changed is kept, and the new edition's version is put
beside it as `<name>.updated<suffix>`; my-work/ (their saved answers and hand-ins) is never touched.

    >>> import tempfile
    >>> edition, home = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (edition / "notebooks").mkdir(), (edition / "notebooks" / "a.ipynb").write_text("v1")
    >>> sync_edition(edition, home)["copied"]
    ['notebooks/a.ipynb']
    >>> _ = (home / COPY / "notebooks" / "a.ipynb").write_text("my answer"), (edition / "notebooks" / "a.ipynb").write_text("v2")
    >>> report = sync_edition(edition, home)
    >>> report["kept"], (home / COPY / "notebooks" / "a.ipynb").read_text(), (home / COPY / "notebooks" / "a.updated.ipynb").read_text()
    (['notebooks/a.ipynb'], 'my answer', 'v2')
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PREFIX = Path(os.environ.get("SCO_HUB_PREFIX", "/opt/sco-hub"))
STATE = Path(os.environ.get("SCO_HUB_STATE", "/var/lib/sco-hub"))
COPY = "sco-2006"  # the student's copy, in their home
MANIFEST = ".sco-2006-edition.json"  # in the home: what each file of the copy was when the edition delivered it
WORK = "my-work"  # the students' saved work and hand-ins, beside the notebooks (helpers/student_work.py)
SKIPPED = {WORK, ".ipynb_checkpoints", "__pycache__", ".git"}
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")
DEFAULTS: dict[str, Any] = {"ip": "127.0.0.1", "port": 8000, "teacher": "teacher", "mem_limit": "2G", "cpu_limit": 1.0, "idle_timeout": 3600}


# --- where ---------------------------------------------------------------------------------------------


def venv_python(prefix: Path = PREFIX) -> Path:
    """The hub environment's Python."""
    return prefix / "venv" / "bin" / "python"


def edition_dir(prefix: Path = PREFIX) -> Path:
    """The class edition the students get, as published for them (world-readable)."""
    return prefix / "class"


def settings(state: Path = STATE) -> dict[str, Any]:
    """The hub's settings (address, port, teacher, limits): the defaults, overridden by STATE/settings.json."""
    path = state / "settings.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {**DEFAULTS, **saved}


def write_private(path: Path, text: str) -> None:
    """Write a file only root can read (mode 600), created with that mode so it is never readable for a moment."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def secret(path: Path, nbytes: int = 32) -> str:
    """A secret kept in a mode-600 file, generated (hex) the first time it is asked for."""
    if not path.exists():
        write_private(path, secrets.token_hex(nbytes) + "\n")
    return path.read_text(encoding="utf-8").strip()


def new_password() -> str:
    """A password a student can type from a slip: 12 letters and digits, no look-alikes (0/O, 1/l/I).

    >>> len(new_password()), new_password() != new_password()
    (12, True)
    """
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


# --- system users ----------------------------------------------------------------------------------------


def check_name(name: str) -> str:
    """A user name the hub and the system both accept, or ValueError saying which are.

    >>> check_name("student07")
    'student07'
    >>> check_name("Ada Lovelace")
    Traceback (most recent call last):
    ValueError: 'Ada Lovelace' cannot be a user name: use lower-case letters, digits, - and _, starting with a letter (at most 31)
    """
    if not NAME.match(name):
        raise ValueError(f"{name!r} cannot be a user name: use lower-case letters, digits, - and _, starting with a letter (at most 31)")
    return name


def ensure_system_user(name: str) -> pwd.struct_passwd:
    """The system user `name`, created (with a home of its own, mode 700) if missing. Needs root."""
    check_name(name)
    try:
        found = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name], check=True, capture_output=True)
        found = pwd.getpwnam(name)
    os.chmod(found.pw_dir, 0o700)
    return found


def remove_system_user(name: str) -> None:
    """Remove a system user and their home (the load test's users only: a class's students are kept)."""
    subprocess.run(["userdel", "--remove", check_name(name)], capture_output=True, check=False)


# --- the class edition in a student's home ------------------------------------------------------------


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edition_files(edition: Path) -> list[str]:
    """The files of an edition (relative, sorted), without saved work, checkpoints or caches."""
    found = []
    for path in edition.rglob("*"):
        relative = path.relative_to(edition)
        if path.is_file() and not SKIPPED.intersection(relative.parts):
            found.append(relative.as_posix())
    return sorted(found)


def beside(path: Path) -> Path:
    """Where a new edition's version of a file the student changed goes.

    >>> beside(Path("notebooks/03_security_claims.ipynb")).name
    '03_security_claims.updated.ipynb'
    """
    return path.with_name(f"{path.stem}.updated{path.suffix}")


def sync_edition(edition: Path, home: Path, owner: tuple[int, int] | None = None) -> dict[str, list[str]]:
    """Bring ~/sco-2006 up to the class edition without overwriting anything the student changed (see the module's docstring).

    Returns what was copied (new), updated (unchanged by the student, replaced) and kept (changed by the student).
    `owner` (uid, gid) is given to every file and folder written.
    """
    copy, manifest_path = home / COPY, home / MANIFEST
    delivered: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    report: dict[str, list[str]] = {"copied": [], "updated": [], "kept": []}
    for relative in edition_files(edition):
        source, target = edition / relative, copy / relative
        new = digest(source)
        if target.exists():
            current = digest(target)
            if current == new:
                delivered[relative] = new
                continue
            if delivered.get(relative) != current:  # the student changed it: theirs stays, the new one goes beside it
                report["kept"].append(relative)
                shutil.copyfile(source, beside(target))
                continue
            report["updated"].append(relative)
        else:
            report["copied"].append(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.sync")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        delivered[relative] = new
    manifest_path.write_text(json.dumps(delivered, indent=1, sort_keys=True), encoding="utf-8")
    if owner is not None:
        chown_tree(home, owner)
    return report


def chown_tree(home: Path, owner: tuple[int, int]) -> None:
    """Give the home, the manifest and every file and folder of the copy to the student."""
    os.chown(home, *owner)
    if (home / MANIFEST).exists():
        os.chown(home / MANIFEST, *owner)
    for folder, folders, files in os.walk(home / COPY):
        os.chown(folder, *owner)
        for name in folders + files:
            os.chown(os.path.join(folder, name), *owner, follow_symlinks=False)


# --- the teacher's side: hand-ins and progress ---------------------------------------------------------


def student_homes(names: list[str]) -> dict[str, Path]:
    """The homes of the named system users that exist."""
    homes = {}
    for name in names:
        try:
            homes[name] = Path(pwd.getpwnam(name).pw_dir)
        except KeyError:
            continue
    return homes


def collect_hand_ins(homes: dict[str, Path], out: Path) -> list[Path]:
    """Copy every student's hand-in files (~/sco-2006/notebooks/my-work/*.html) into out/<account>/; return the copies."""
    copied = []
    for name, home in sorted(homes.items()):
        for page in sorted((home / COPY / "notebooks" / WORK).glob("*.html")):
            target = out / name / page.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
            copied.append(target)
    return copied


def work_files(homes: dict[str, Path]) -> list[Path]:
    """Every saved-work file (`my-work/<notebook>.json`, not the progress_ files) of the students."""
    files = []
    for home in homes.values():
        folder = home / COPY / "notebooks" / WORK
        files += [p for p in sorted(folder.glob("*.json")) if not p.name.startswith("progress_")]
    return files


def progress_summary(files: list[Path], states: tuple[str, ...]) -> dict[str, Any]:
    """The class's progress per exercise, from saved-work files: how many students attempted it, and how many are in each state.

    No account names and no answers: counts only. A file that cannot be read is counted under `unreadable`.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> record = {"attempted": True, "state": "right at first try", "hints": 0, "shown": False}
    >>> _ = (folder / "a.json").write_text(json.dumps({"notebook": "04_signatories", "exercises": {"04-x": record}}))
    >>> _ = (folder / "b.json").write_text(json.dumps({"notebook": "04_signatories", "exercises": {"04-x": {**record, "state": "right after hints", "hints": 2}}}))
    >>> row = progress_summary([folder / "a.json", folder / "b.json"], ("right at first try", "right after hints"))["exercises"][0]
    >>> row["attempted"], row["right at first try"], row["right after hints"], row["used hints"]
    (2, 1, 1, 1)
    """
    per_exercise: dict[tuple[str, str], Counter[str]] = {}
    unreadable = 0
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            exercises = data["exercises"]
            notebook = str(data.get("notebook") or path.stem)
        except (OSError, ValueError, KeyError, TypeError):
            unreadable += 1
            continue
        for exercise_id, found in exercises.items():
            counts = per_exercise.setdefault((notebook, exercise_id), Counter())
            counts["students"] += 1
            counts["attempted"] += bool(found.get("attempted"))
            counts[str(found.get("state"))] += 1
            counts["used hints"] += bool(found.get("hints"))
            counts["answer shown"] += bool(found.get("shown"))
    rows = [{"notebook": notebook, "exercise_id": exercise_id, "attempted": c["attempted"], **{s: c[s] for s in states},
             "used hints": c["used hints"], "answer shown": c["answer shown"]}
            for (notebook, exercise_id), c in sorted(per_exercise.items())]
    return {"made": datetime.now().isoformat(timespec="seconds"), "work_files": len(files), "unreadable": unreadable, "exercises": rows}


def summary_csv(summary: dict[str, Any]) -> str:
    """The progress summary as CSV (one row per exercise), for a spreadsheet."""
    rows = summary["exercises"]
    if not rows:
        return "notebook,exercise_id,attempted\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
