"""Install the classroom settings of JupyterLab (jupyter/overrides.json) into this environment.

JupyterLab reads default overrides from <prefix>/share/jupyter/lab/settings/overrides.json:
here they switch off the news feed and the update check, so nothing pops up in class and
nothing reaches for the internet.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "jupyter" / "overrides.json"


def main() -> int:
    """Copy the overrides next to this Python's JupyterLab."""
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, target)
    print(f"JupyterLab classroom settings installed in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
