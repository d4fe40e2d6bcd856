"""The software version printed in every report and stored with it.

TILIK_VERSI from the environment when the deployment sets it (an image built without .git),
else `git describe` of the checkout, asked once per process (a worker, not every request),
else the VERSION constant of this release.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

VERSION = "0.1.0"
_AKAR = Path(__file__).resolve().parent.parent


@cache
def versi() -> str:
    dari_env = os.environ.get("TILIK_VERSI", "").strip()
    if dari_env:
        return dari_env[:100]
    git = shutil.which("git")
    if git and (_AKAR / ".git").exists():
        try:
            hasil = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [git, "describe", "--tags", "--always", "--dirty"],
                cwd=_AKAR,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            hasil = None
        if hasil is not None and hasil.returncode == 0 and hasil.stdout.strip():
            return f"tilik {VERSION} ({hasil.stdout.strip()[:60]})"
    return f"tilik {VERSION}"
