"""Run Django in a separate process with a chosen environment.

Settings are read once per process, so a test about what the environment selects (production
mode, another database, a broken database) needs a fresh interpreter.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUKSI = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-for-tests-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "tilik.example.go.id,testserver",
}


def lingkungan(**tambahan: str | None) -> dict[str, str]:
    """The current environment without the project's own variables, plus `tambahan`
    (a value of None removes a variable)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SQLITE_PATH", "EMAIL_URL", "EMAIL_FILE_PATH"}
        and not k.startswith("DJANGO_")
    }
    for k, v in tambahan.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def manage(*args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=lingkungan(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def python(kode: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    """Run `kode` after django.setup() with config.settings and the given environment."""
    awal = "import django, os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\ndjango.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", awal + kode],
        cwd=ROOT,
        env=lingkungan(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
