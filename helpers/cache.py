"""A private, signed cache of validated corpora, in the user's own cache folder (never in a shared corpus folder).

Checking every corpus file takes longer than importing pandas; so a corpus that passed every
check is kept for the next load, keyed by a digest of all its files and of this library's code.
The cache lives in the user's cache directory ($XDG_CACHE_HOME or ~/.cache, then
sco-2006-notebooks/), a folder only its owner may open. Each entry is signed with HMAC-SHA256
under a random key kept in that folder, and an entry is read only when its signature matches:
a file planted by someone else, or altered, is ignored and the corpus is checked again.
Set SCO_NOTEBOOKS_CACHE=off to switch the cache off.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "cache"
    >>> store(folder, "abc", {"answer": 42})
    >>> fetch(folder, "abc")
    {'answer': 42}
    >>> (folder / "abc.pickle").write_bytes(b"tampered")
    8
    >>> fetch(folder, "abc") is None
    True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

APP = "sco-2006-notebooks"
KEY_FILE = "key"
SIGNATURE_SIZE = 32


def cache_dir() -> Path | None:
    """The user's cache folder for this project, or None when the cache is switched off."""
    if os.environ.get("SCO_NOTEBOOKS_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP


def fingerprint(root: Path, code: Path) -> str:
    """A digest of every file of a corpus folder and of the library's code: it changes whenever either does."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file()) + sorted(code.glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(path.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def private_folder(folder: Path) -> bool:
    """Make the folder (owner only) if needed; True only when it is this user's and nobody else may write in it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def key(folder: Path) -> bytes | None:
    """The folder's signing key, made on first use (readable by its owner only)."""
    path = folder / KEY_FILE
    try:
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        if path.stat().st_uid != os.getuid() or path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            return None
        return path.read_bytes()
    except OSError:
        return None


def fetch(folder: Path, name: str) -> Any:
    """The object stored under a name, if its signature matches; None otherwise."""
    if not private_folder(folder) or (secret := key(folder)) is None:
        return None
    try:
        data = (folder / f"{name}.pickle").read_bytes()
    except OSError:
        return None
    signature, payload = data[:SIGNATURE_SIZE], data[SIGNATURE_SIZE:]
    if not hmac.compare_digest(signature, hmac.new(secret, payload, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(folder: Path, name: str, value: Any) -> None:
    """Sign and keep an object under a name, replacing what the folder held; a folder that cannot be written gets nothing."""
    if not private_folder(folder) or (secret := key(folder)) is None:
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        for old in folder.glob("*.pickle"):
            old.unlink()
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:
            handle.write(hmac.new(secret, payload, hashlib.sha256).digest() + payload)
        os.replace(handle.name, folder / f"{name}.pickle")
    except OSError:
        return
