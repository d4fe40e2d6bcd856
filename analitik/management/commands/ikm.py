"""`python manage.py ikm FILE [--json] [--bobot-lama]`: the Indeks Kepuasan Masyarakat of the
respondents in a CSV or XLSX in the export format (columns U1..U9; see analitik.berkas).

--json prints the ikm object of analitik.keluaran (an interface: keep its keys); without it a
readable Indonesian table. A file that cannot be used ends with a non-zero exit status and one
message naming the row and column, never a traceback."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from analitik.berkas import BerkasTidakSah, berkas_baca
from analitik.format import angka, bilangan, judul_unsur
from analitik.keluaran import objek_ikm
from analitik.statistik import IKMTidakLengkap
from analitik.tabel import TabelHitung

LEBAR_JUDUL = 46


def tabel_dari(jalur: str) -> TabelHitung:
    try:
        return berkas_baca(jalur)
    except BerkasTidakSah as e:
        raise CommandError(e.pesan) from None


def pesan_tidak_lengkap(e: IKMTidakLengkap, *, berkas: str) -> str:
    return _(
        "IKM tidak dapat dihitung dari %(berkas)s: unsur %(unsur)s tidak dijawab satu responden pun. "
        "IKM PermenPANRB 14/2017 membagi dengan sembilan unsur, sehingga memerlukan jawaban untuk "
        "setiap unsur."
    ) % {"berkas": berkas, "unsur": ", ".join(e.unsur_kosong)}


def tulis_json(obj: Any) -> str:
    # allow_nan=False: the objects promise null, never NaN; a NaN here is a bug to see at once.
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)


def kalimat_bobot(bobot: float) -> str:
    if abs(bobot - 0.111) < 1e-12:
        return _(
            "Bobot: 0,111 per unsur (cara lama, --bobot-lama): NRR tertimbang = NRR × 0,111 dan IKM = "
            "jumlah NRR tertimbang, seperti tabel yang memakai bobot cetak peraturan. Jumlah bobotnya "
            "0,999, sehingga IKM 0,1% lebih rendah daripada dengan bobot tepat 1/9."
        )
    return _("Bobot: tepat 1/9 per unsur (tidak dibulatkan menjadi 0,111).")


def baris_ikm(obj: dict[str, Any]) -> list[str]:
    """The readable table of one ikm object."""
    # Outside the f-string, so that makemessages sees the msgids.
    kolom_unsur, kolom_jumlah, kolom_tertimbang = _("Unsur"), _("Jumlah"), _("NRR tertimbang")
    baris = [
        _("Jumlah responden: %(n)s") % {"n": bilangan(obj["n"])},
        "",
        f"{kolom_unsur:<{LEBAR_JUDUL}} {'n':>7} {kolom_jumlah:>8} {'NRR':>7} {kolom_tertimbang:>15}",
    ]
    for kode, u in obj["unsur"].items():
        baris.append(
            f"{judul_unsur(kode)[:LEBAR_JUDUL]:<{LEBAR_JUDUL}} {bilangan(u['n']):>7} "
            f"{bilangan(u['jumlah']):>8} {angka(u['nrr'], 3):>7} {angka(u['nrr_tertimbang'], 4):>15}"
        )
    baris += [
        "",
        _("IKM (1-4): %(x)s") % {"x": angka(obj["ikm"], 4)},
        _("Nilai konversi (IKM × 25): %(x)s") % {"x": angka(obj["nilai_konversi"])},
        _("Mutu pelayanan: %(x)s") % {"x": obj["mutu"]},
        _("Kinerja unit pelayanan: %(x)s") % {"x": _(obj["kinerja"])},
        kalimat_bobot(obj["bobot"]),
        _("Mutu dibaca dari nilai konversi yang dibulatkan ke dua desimal (setengah ke atas)."),
    ]
    return baris


class Command(BaseCommand):
    help = "Menghitung IKM (PermenPANRB 14/2017) dari berkas CSV atau XLSX berformat ekspor Tilik."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", help=_("berkas CSV atau XLSX dengan kolom U1..U9"))
        parser.add_argument("--json", action="store_true", help=_("keluaran JSON"))
        parser.add_argument(
            "--bobot-lama", action="store_true", help=_("bobot 0,111 seperti tabel lama, bukan tepat 1/9")
        )

    def handle(self, *args: Any, berkas: str, json: bool, bobot_lama: bool, **opsi: Any) -> None:
        tabel = tabel_dari(berkas)
        try:
            obj = objek_ikm(tabel, bobot_lama=bobot_lama)
        except IKMTidakLengkap as e:
            raise CommandError(pesan_tidak_lengkap(e, berkas=berkas)) from None
        if json:
            self.stdout.write(tulis_json(obj))
            return
        judul = _("Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): %(berkas)s") % {"berkas": berkas}
        self.stdout.write("\n".join([judul, *baris_ikm(obj)]))
