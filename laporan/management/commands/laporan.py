"""`python manage.py laporan --daftar [--jenis evaluasi|skm]`: one penataan slug per line (the
slugified judul, as `banding --penataan` takes it), then a tab, its instansi and its judul;
with --jenis skm the survey codes instead.

`python manage.py laporan SLUG --keluar FILE.pdf [--jenis evaluasi|skm] [--instansi SLUG]
[--jeda-bulan N] [--unit UNIT] [--url-dasar URL]`: make the report in this process (no worker
needed) and write it to FILE. For evaluasi SLUG is a penataan (slug or id, found by
analitik.penataan.penataan_cari); for skm it is a survey code, with --unit the slug of one of
its units (all units without it). The report is recorded like one asked for on the web, so
its verification page works; --url-dasar is the site address printed with the QR code
(settings.LAPORAN_URL_DASAR, else settings.URL_SITUS, by default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from analitik.penataan import KesalahanAnalisis, penataan_cari
from laporan import berkas
from laporan.models import Laporan
from laporan.services import (
    JEDA_MAKS,
    KesalahanLaporan,
    laporan_jalankan,
    laporan_minta_evaluasi,
    laporan_minta_skm,
)
from organisasi.models import Penataan, UnitLayanan
from survei.models import Survei

URL_DASAR_BAKU = "http://localhost:8000"


class Command(BaseCommand):
    help = "Membuat laporan PDF (evaluasi penataan atau hasil SKM) ke sebuah berkas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "slug", nargs="?", help=_("slug atau id penataan (evaluasi), atau kode survei (skm)")
        )
        parser.add_argument("--daftar", action="store_true", help=_("tampilkan slug yang tersedia"))
        parser.add_argument("--keluar", help=_("berkas PDF yang ditulis"))
        parser.add_argument(
            "--jenis", choices=[j.value for j in Laporan.Jenis], default=Laporan.Jenis.EVALUASI
        )
        parser.add_argument(
            "--instansi", help=_("slug instansi, bila slug penataan dipakai beberapa instansi")
        )
        parser.add_argument(
            "--jeda-bulan", type=int, default=0, help=_("jeda transisi dalam bulan (evaluasi)")
        )
        parser.add_argument("--unit", help=_("slug unit layanan dalam survei (skm); tanpa ini semua unit"))
        parser.add_argument("--url-dasar", help=_("alamat situs untuk kode QR verifikasi"))

    def handle(self, *args: Any, **opsi: Any) -> None:
        with translation.override("id"):
            if opsi["daftar"]:
                self._daftar(opsi["jenis"])
                return
            if not opsi["slug"] or not opsi["keluar"]:
                raise CommandError(_("Berikan SLUG dan --keluar BERKAS.pdf, atau --daftar."))
            self._buat(opsi)

    def _daftar(self, jenis: str) -> None:
        if jenis == Laporan.Jenis.SKM:
            for s in Survei.objects.select_related("instansi").order_by("instansi__slug", "-mulai", "kode"):
                self.stdout.write(f"{s.kode}\t{s.instansi.nama}\t{s.judul} ({s.periode})")
            return
        for p in Penataan.objects.select_related("instansi").order_by(
            "instansi__slug", "tanggal_efektif", "pk"
        ):
            self.stdout.write(f"{slugify(p.judul)}\t{p.instansi.nama}\t{p.judul}")

    def _buat(self, opsi: dict[str, Any]) -> None:
        keluar = Path(opsi["keluar"])
        if keluar.is_dir():
            raise CommandError(_("--keluar harus nama berkas, bukan folder: %(jalur)s") % {"jalur": keluar})
        if not keluar.parent.exists():
            raise CommandError(_("Folder %(jalur)s tidak ada.") % {"jalur": keluar.parent})
        dasar = (
            opsi["url_dasar"]
            or getattr(settings, "LAPORAN_URL_DASAR", "")
            or getattr(settings, "URL_SITUS", "")
            or URL_DASAR_BAKU
        ).rstrip("/")

        def url_verifikasi(laporan: Laporan) -> str:
            return dasar + reverse("laporan:verifikasi", kwargs={"laporan_id": laporan.pk})

        try:
            if opsi["jenis"] == Laporan.Jenis.SKM:
                laporan = self._minta_skm(opsi, url_verifikasi)
            else:
                if not 0 <= opsi["jeda_bulan"] <= JEDA_MAKS:
                    raise CommandError(_("--jeda-bulan harus 0 sampai %(maks)s.") % {"maks": JEDA_MAKS})
                penataan = penataan_cari(penataan_slug=opsi["slug"], instansi_slug=opsi["instansi"])
                laporan = laporan_minta_evaluasi(
                    penataan=penataan,
                    pengguna=None,
                    jeda_bulan=opsi["jeda_bulan"],
                    url_verifikasi=url_verifikasi,
                    antrekan=False,
                )
        except (KesalahanAnalisis, KesalahanLaporan) as e:
            raise CommandError(e.pesan) from e
        laporan_jalankan(laporan_id=str(laporan.pk), giliran=laporan.giliran)
        laporan.refresh_from_db()
        if laporan.status != Laporan.Status.SELESAI:
            raise CommandError(laporan.pesan_galat or _("Laporan gagal dibuat."))
        keluar.write_bytes(berkas.jalur(laporan.berkas).read_bytes())
        self.stdout.write(
            _("Laporan ditulis ke %(jalur)s (%(halaman)s halaman, SHA-256 %(sha)s); verifikasi: %(url)s")
            % {
                "jalur": keluar,
                "halaman": laporan.jumlah_halaman,
                "sha": laporan.sha256_berkas,
                "url": laporan.url_verifikasi,
            }
        )

    def _minta_skm(self, opsi: dict[str, Any], url_verifikasi: Any) -> Laporan:
        survei = Survei.objects.select_related("instansi").filter(kode=opsi["slug"]).first()
        if survei is None:
            raise CommandError(_("Survei dengan kode “%(kode)s” tidak ditemukan.") % {"kode": opsi["slug"]})
        unit = None
        if opsi["unit"]:
            unit = UnitLayanan.objects.filter(instansi_id=survei.instansi_id, slug=opsi["unit"]).first()
            if unit is None:
                raise CommandError(
                    _("Unit “%(unit)s” tidak ditemukan di %(instansi)s.")
                    % {"unit": opsi["unit"], "instansi": survei.instansi.nama}
                )
        return laporan_minta_skm(
            survei=survei, unit=unit, pengguna=None, url_verifikasi=url_verifikasi, antrekan=False
        )
