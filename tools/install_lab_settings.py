"""Install the classroom settings of JupyterLab (the files in jupyter/) into this environment.

- jupyter/overrides.json -> <prefix>/share/jupyter/lab/settings/overrides.json: the default
  settings of the interface (no news feed, no update check);
- jupyter/jupyter_server_config.json -> <prefix>/etc/jupyter/jupyter_server_config.d/: the same on
  the server side (no news URL, never check for updates, read-only extension manager).

So nothing pops up in class and nothing reaches for the internet.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "jupyter"
TARGETS = {
    "overrides.json": Path("share") / "jupyter" / "lab" / "settings" / "overrides.json",
    "jupyter_server_config.json": Path("etc") / "jupyter" / "jupyter_server_config.d" / "sco-classroom.json",
}


def main() -> int:
    """Copy the settings next to this Python's JupyterLab."""
    for name, relative in TARGETS.items():
        target = Path(sys.prefix) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE / name, target)
        print(f"JupyterLab classroom settings installed in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
