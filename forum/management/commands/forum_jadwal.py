"""`python manage.py forum_jadwal [--tanggal YYYY-MM-DD]`: the forum's periodic job, for cron.

It closes the answered complaints whose complainant neither confirmed nor replied within 10
working days of the official answer (forum.services_pengaduan.pengaduan_tutup_otomatis), and
does nothing else: overdue complaints need no job, they are a filter on the stored due dates.
Running it more than once a day is harmless. A crontab line, once a night:

    5 1 * * *  cd /srv/tilik && .venv/bin/python manage.py forum_jadwal
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from forum.services_pengaduan import pengaduan_tutup_otomatis


class Command(BaseCommand):
    help = "Menutup otomatis pengaduan yang sudah dijawab tanpa tanggapan pelapor selama 10 hari kerja."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tanggal",
            metavar="YYYY-MM-DD",
            help=_("anggap hari ini tanggal ini (bawaan: hari ini menurut zona waktu situs)"),
        )

    def handle(self, *args: Any, tanggal: str | None, **opsi: Any) -> None:
        hari_ini = None
        if tanggal:
            try:
                hari_ini = date.fromisoformat(tanggal)
            except ValueError:
                raise CommandError(_("Tanggal harus berbentuk YYYY-MM-DD.")) from None
        jumlah = pengaduan_tutup_otomatis(hari_ini=hari_ini)
        self.stdout.write(_("%(n)s pengaduan ditutup otomatis.") % {"n": jumlah})
