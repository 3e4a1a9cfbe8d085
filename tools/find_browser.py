"""Find a Chromium for the browser tests: $CHROMIUM, Debian's chromium, or one on the PATH.

Exit status 0 and the path on stdout when one is found, 1 otherwise (the Makefile then installs one).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None.

    A ``$CHROMIUM`` that names no file is returned as it is, so that launching it fails and says so.
    """
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


if __name__ == "__main__":
    path = find_browser()
    if path:
        print(path)
    sys.exit(0 if path else 1)
