"""Set up Django for a benchmark on a fresh temporary database."""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def siapkan() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="tilik-bench-")
        os.environ["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    if "DATABASE_URL" in os.environ:
        # Never benchmark on a real database: create and use a dedicated one.
        import atexit

        from django.test.utils import setup_databases, teardown_databases

        lama = setup_databases(verbosity=0, interactive=False)
        atexit.register(teardown_databases, lama, verbosity=0)
    else:
        call_command("migrate", verbosity=0)


def ukur(fungsi: Callable[[], object], *, ulang: int = 20) -> tuple[float, float]:
    """Median and max wall time in milliseconds over `ulang` runs (after one warm-up)."""
    fungsi()
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - mulai) * 1000)
    return statistics.median(waktu), max(waktu)
