"""Load and fault tests (marker "beban"): a private PostgreSQL cluster, gunicorn in front of
it, many simulated citizens. `make test` leaves them out (-m "not beban"); `make test-beban`
runs them, and .ci/run runs that after the two suites.

They skip, saying why, where PostgreSQL's server binaries are not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.beban.klaster import Klaster, bin_postgres, klaster_pribadi

BEBAN = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tanpa_postgres = bin_postgres() is None
    for item in items:
        if BEBAN not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.beban)
        if tanpa_postgres:
            item.add_marker(
                pytest.mark.skip(
                    reason="load tests skipped: PostgreSQL's server binaries (initdb, pg_ctl) are missing"
                )
            )


@pytest.fixture(scope="session")
def klaster() -> Iterator[Klaster]:
    """One private cluster for the whole run; each test makes its own database in it."""
    with klaster_pribadi() as k:
        yield k
