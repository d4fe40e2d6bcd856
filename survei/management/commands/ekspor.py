"""`python manage.py ekspor KODE [--format csv|xlsx] [--keluar BERKAS]`: a survey's responses
in the export format (survei/ekspor.py), which is also the input of the analysis commands.
CSV goes to standard output unless --keluar is given; XLSX needs --keluar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from survei.ekspor import csv_bertahap, tulis_csv, xlsx_ekspor
from survei.models import Survei


class Command(BaseCommand):
    help = "Mengekspor respons survei: satu baris per respons, kolom U1..U9 menurut kode unsur."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kode", help=_("kode survei"))
        parser.add_argument(
            "--format",
            choices=["csv", "xlsx"],
            help=_("csv (bawaan) atau xlsx; ditebak dari --keluar"),
        )
        parser.add_argument(
            "--keluar", metavar="BERKAS", help=_("tulis ke berkas ini, bukan ke keluaran standar")
        )

    def handle(self, *args: Any, kode: str, format: str | None, keluar: str | None, **opsi: Any) -> None:
        survei = Survei.objects.select_related("kuesioner").filter(kode=kode).first()
        if survei is None:
            raise CommandError(_("Survei dengan kode %(kode)s tidak ditemukan.") % {"kode": kode})
        if format is None:
            format = "xlsx" if keluar and keluar.lower().endswith(".xlsx") else "csv"
        if keluar is None:
            if format == "xlsx":
                raise CommandError(_("Format xlsx perlu --keluar BERKAS.xlsx."))
            for potong in csv_bertahap(survei):
                self.stdout.write(potong, ending="")
            return
        try:
            if format == "xlsx":
                Path(keluar).write_bytes(xlsx_ekspor(survei))
            else:
                with open(keluar, "w", encoding="utf-8", newline="") as berkas:
                    tulis_csv(survei, berkas)
        except OSError as e:
            raise CommandError(
                _("Tidak dapat menulis %(berkas)s: %(alasan)s.") % {"berkas": keluar, "alasan": e.strerror}
            ) from None
        self.stderr.write(_("Ekspor ditulis ke %(berkas)s.") % {"berkas": keluar})
