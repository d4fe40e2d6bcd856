"""Run every benchmarks/bench_*.py in its own process and print their figures.

Each benchmark builds its own throw-away database (SQLite file in a temp folder unless
DATABASE_URL is set), so running them never touches var/tilik.sqlite3.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    gagal = 0
    for berkas in sorted(HERE.glob("bench_*.py")):
        print(f"== {berkas.stem}", flush=True)
        hasil = subprocess.run([sys.executable, str(berkas)], cwd=HERE.parent, check=False)
        gagal += hasil.returncode != 0
    return 1 if gagal else 0


if __name__ == "__main__":
    sys.exit(main())
