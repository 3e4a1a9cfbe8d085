"""Hub accounts (NativeAuthenticator's table in the hub's database): run by the hub's Python, called by tools/hub.py.

    python hub/accounts.py set NAME        # password on standard input: create or reset the account, approved
    python hub/accounts.py remove NAME...  # remove accounts (the load test's, at its end)
    python hub/accounts.py list            # the names, one a line

The teacher creates the accounts (`tools/hub.py add-students N`), so there is no sign-up page and no
account waits for approval: a name not created by the teacher cannot log in, and no student can log in
as another, since each has their own password (students can change it at /hub/change-password).
"""

from __future__ import annotations

import sys
from pathlib import Path

import bcrypt
from nativeauthenticator.orm import UserInfo
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classroom import STATE, check_name

DATABASE = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"


def session() -> Session:
    """A session on the hub's database, with NativeAuthenticator's table created if the hub has not yet done it."""
    engine = create_engine(DATABASE)
    UserInfo.__table__.create(engine, checkfirst=True)
    return Session(engine)


def set_password(name: str, password: str) -> None:
    """Create the account `name` (approved) with this password, or give an existing one this password."""
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    with session() as db:
        found = UserInfo.find(db, check_name(name))
        if found is None:
            db.add(UserInfo(username=name, password=hashed, is_authorized=True))
        else:
            found.password, found.is_authorized = hashed, True
        db.commit()


def remove(names: list[str]) -> None:
    """Remove the accounts `names` (missing ones are ignored)."""
    with session() as db:
        for name in names:
            found = UserInfo.find(db, name)
            if found is not None:
                db.delete(found)
        db.commit()


def names() -> list[str]:
    """Every account's name."""
    with session() as db:
        return sorted(u.username for u in UserInfo.all_users(db))


def main(argv: list[str]) -> int:
    """The command line (see the module's docstring)."""
    if argv[:1] == ["set"] and len(argv) == 2:
        set_password(argv[1], sys.stdin.read().strip())
    elif argv[:1] == ["remove"]:
        remove(argv[1:])
    elif argv == ["list"]:
        print("\n".join(names()))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
