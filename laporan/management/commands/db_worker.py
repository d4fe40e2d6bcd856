"""`manage.py db_worker`: django_tasks_db's worker, plus a watchman for report jobs.

A report job whose worker died stays "berjalan" until laporan_pulihkan_macet() sees its stale
heartbeat. That runs when a worker starts another report and when someone opens a report's
page; this watchman also runs it every LAPORAN_JAGA_DETIK seconds (default 60) in every worker
process, so a job of a killed worker is queued again (or failed after its last attempt) within
a minute of its heartbeat going stale, even when the queue is otherwise empty and nobody looks.

This command overrides django_tasks_db's because laporan comes before django_tasks_db in
INSTALLED_APPS; all of the original's options work unchanged.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as PerintahDbWorker

from laporan.services import laporan_pulihkan_macet

logger = logging.getLogger("laporan.penjaga")


def jaga_sekali() -> int:
    """One round of the watchman; never raises (a database hiccup must not kill the worker)."""
    try:
        close_old_connections()
        return laporan_pulihkan_macet()
    except Exception:
        logger.exception("Pemulihan laporan macet gagal; dicoba lagi pada putaran berikutnya")
        return 0
    finally:
        connection.close()


def _jaga(berhenti: threading.Event, selang: float) -> None:
    while True:
        jumlah = jaga_sekali()
        if jumlah:
            logger.warning("%s laporan macet dimasukkan kembali ke antrean atau ditandai gagal", jumlah)
        if berhenti.wait(selang):
            return


class Command(PerintahDbWorker):
    help = PerintahDbWorker.help + "; juga memulihkan laporan yang pekerjanya mati"

    def handle(self, *args: Any, **options: Any) -> None:
        berhenti = threading.Event()
        selang = float(getattr(settings, "LAPORAN_JAGA_DETIK", 60))
        penjaga = threading.Thread(target=_jaga, args=(berhenti, selang), name="laporan-penjaga", daemon=True)
        penjaga.start()
        try:
            super().handle(*args, **options)
        finally:
            berhenti.set()
