"""`python manage.py demo`: fill the database with the demo cities, accounts and, as later
apps add their steps to LANGKAH_DEMO, their demo data. Safe to run again at any time."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each step is a function `langkah(*, keluaran)` named by its dotted path, so an app adds its
# demo data by appending here without this command importing it at load time. Order matters:
# later steps may look up what earlier ones wrote.
LANGKAH_DEMO: list[str] = [
    "organisasi.demo.isi",
    "survei.demo.isi",
    "forum.demo.isi",
]


class Command(BaseCommand):
    help = "Mengisi data demo Tilik (empat kota, penataan organisasi, akun demo). Aman dijalankan ulang."

    def handle(self, *args: Any, **options: Any) -> None:
        # One transaction for every step: a failing step leaves the database as it was.
        with transaction.atomic():
            for jalur in LANGKAH_DEMO:
                import_string(jalur)(keluaran=self.stdout)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
