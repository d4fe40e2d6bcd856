"""Background work of the reports, on Django's Tasks API (the django-tasks backport).

The queue is the database (django_tasks_db.DatabaseBackend, worked by `manage.py db_worker`);
the test settings use the ImmediateBackend, which runs the task inside enqueue(). Arguments
are the report's id and its giliran (see laporan.services), both JSON.
"""

from __future__ import annotations

from django_tasks import task

from .services import laporan_jalankan, laporan_pulihkan_macet


@task()
def buat_laporan(laporan_id: str, giliran: int) -> str:
    # A worker that picks up work first re-queues the jobs of workers that died.
    laporan_pulihkan_macet()
    return laporan_jalankan(laporan_id=laporan_id, giliran=giliran)
