"""Responses as a table: one row per response, the same columns for every survey.

The columns are the input format of the analysis commands and of the import, so an export
imported into another survey gives back the same answers:

    waktu, unit, layanan, sumber, jenis_kelamin, usia, pendidikan, pekerjaan, U1 .. U9,
    then every other question of the questionnaire by code, in the questionnaire's order.

U1..U9 are always all nine, in code order, whatever order the questionnaire asks them in
(the annex asks U9 before U8): a column is identified by its code, never by its position.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .impor import AWAL_RUMUS, ZONA, judul_pertanyaan, rentang_tanggal
from .models import KODE_UNSUR, KOLOM_UNSUR, Pertanyaan, Respons, Survei
from .skm import KODE_PROFIL

KOLOM_AWAL = ("waktu", "unit", "layanan", "sumber")
KOLOM_PROFIL = KODE_PROFIL  # jenis_kelamin, usia, pendidikan, pekerjaan
PEMISAH_PILIHAN = "|"

Sel = str | int | None


def kolom_ekspor(daftar_pertanyaan: Sequence[Pertanyaan]) -> list[str]:
    tetap = set(KOLOM_PROFIL) | set(KODE_UNSUR)
    lain = [p.kode for p in daftar_pertanyaan if p.kode not in tetap]
    return [*KOLOM_AWAL, *KOLOM_PROFIL, *KODE_UNSUR, *lain]


def _pertanyaan(survei: Survei) -> list[Pertanyaan]:
    return list(survei.kuesioner.pertanyaan.all())


def waktu_teks(waktu: Any) -> str:
    return timezone.localtime(waktu, ZONA).isoformat(timespec="seconds")


def aman_rumus(teks: str) -> str:
    """A free-text answer that starts like a formula would run as one when the CSV is opened in
    a spreadsheet (CSV injection); a leading apostrophe, which spreadsheets hide and the import
    removes again, keeps it text."""
    return "'" + teks if teks.startswith(AWAL_RUMUS) else teks


def baris_ekspor(
    survei: Survei, *, daftar_pertanyaan: Sequence[Pertanyaan] | None = None, untuk_csv: bool = True
) -> Iterator[list[Sel]]:
    """The rows (without the header), read in one streamed query whatever their number: each
    response with its unsur answers (Respons.u1..u9), joined to its other answers (Jawaban),
    one row per answer or a single row for a response without any.
    untuk_csv guards free text against formulas (aman_rumus); XLSX cells are typed as text."""
    if daftar_pertanyaan is None:
        daftar_pertanyaan = _pertanyaan(survei)
    kolom = kolom_ekspor(daftar_pertanyaan)
    awal = len(KOLOM_AWAL)
    # Search past the fixed columns: a custom question may be coded like one of them.
    posisi = {p.pk: awal + kolom[awal:].index(p.kode) for p in daftar_pertanyaan}
    # The answer to unsur Uk (column uk of the response) goes to the column of the
    # questionnaire's question for that unsur; an unsur the questionnaire does not ask has none.
    pertanyaan_unsur = {p.unsur: p.pk for p in daftar_pertanyaan if p.kelompok == Pertanyaan.Kelompok.UNSUR}
    posisi_unsur = [
        (i, posisi[pertanyaan_unsur[k]]) for i, k in enumerate(KODE_UNSUR) if k in pertanyaan_unsur
    ]
    teks_bebas = {p.pk for p in daftar_pertanyaan if p.jenis == Pertanyaan.Jenis.TEKS} if untuk_csv else set()
    data = (
        Respons.objects.filter(survei=survei)
        .order_by("waktu", "id")
        .values_list(
            "id",
            "waktu",
            "unit__nama",
            "layanan__nama",
            "sumber",
            *KOLOM_UNSUR,
            "jawaban__pertanyaan_id",
            "jawaban__nilai",
            "jawaban__teks",
        )
        .iterator(chunk_size=2000)
    )
    baris: list[Sel] | None = None
    respons_id = None
    for rid, waktu, unit, layanan, sumber, *unsur, pertanyaan_id, nilai, teks in data:
        if rid != respons_id:
            if baris is not None:
                yield baris
            respons_id = rid
            baris = [None] * len(kolom)
            baris[:awal] = [waktu_teks(waktu), unit, layanan or "", sumber]
            for i, letak in posisi_unsur:
                baris[letak] = unsur[i]
        assert baris is not None
        if pertanyaan_id is None:  # a response without other answers than the unsur
            continue
        if pertanyaan_id in teks_bebas and teks is not None:
            teks = aman_rumus(teks)
        baris[posisi[pertanyaan_id]] = nilai if nilai is not None else teks
    if baris is not None:
        yield baris


class _Gema:
    """A file that hands back what is written to it, for csv.writer inside a generator."""

    def write(self, teks: str) -> str:
        return teks


def csv_bertahap(survei: Survei, *, ukuran_potong: int = 500) -> Iterator[str]:
    """The CSV (UTF-8 without BOM, comma, RFC 4180 line ends) in chunks of rows."""
    daftar = _pertanyaan(survei)
    penulis = csv.writer(_Gema())
    yield penulis.writerow(kolom_ekspor(daftar))
    potong: list[str] = []
    for baris in baris_ekspor(survei, daftar_pertanyaan=daftar):
        potong.append(penulis.writerow(["" if s is None else s for s in baris]))
        if len(potong) >= ukuran_potong:
            yield "".join(potong)
            potong = []
    if potong:
        yield "".join(potong)


def tulis_csv(survei: Survei, berkas: TextIO) -> None:
    for potong in csv_bertahap(survei):
        berkas.write(potong)


def _sel_xlsx(lembar: Any, nilai: Sel) -> Any:
    if not isinstance(nilai, str):
        return nilai
    sel = WriteOnlyCell(lembar, value=ILLEGAL_CHARACTERS_RE.sub("", nilai))
    # openpyxl would store "=..." as a formula; an answer is always text.
    sel.data_type = "s"
    return sel


def _simpan_buku(buku: Workbook) -> bytes:
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def xlsx_ekspor(survei: Survei) -> bytes:
    daftar = _pertanyaan(survei)
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet(_("Respons"))
    lembar.append([_sel_xlsx(lembar, k) for k in kolom_ekspor(daftar)])
    for baris in baris_ekspor(survei, daftar_pertanyaan=daftar, untuk_csv=False):
        lembar.append([_sel_xlsx(lembar, s) for s in baris])
    return _simpan_buku(buku)


# The import template -------------------------------------------------------------------------


def csv_teks(baris: Iterable[Sequence[Any]]) -> str:
    penulis = csv.writer(_Gema())
    return "".join(penulis.writerow(b) for b in baris)


def template_csv(survei: Survei) -> str:
    return csv_teks([kolom_ekspor(_pertanyaan(survei))])


def _nilai_diterima(p: Pertanyaan) -> str:
    jenis = Pertanyaan.Jenis(p.jenis)
    if jenis in (Pertanyaan.Jenis.SKALA4, Pertanyaan.Jenis.SKALA5):
        label = "; ".join(f"{i} = {_(t)}" for i, t in enumerate(p.label_nilai, start=1))
        return _("Angka 1 sampai %(maks)d") % {"maks": p.skala_maks} + (f" ({label})" if label else "")
    if jenis in (Pertanyaan.Jenis.PILIHAN_TUNGGAL, Pertanyaan.Jenis.PILIHAN_GANDA):
        daftar = "; ".join(f"{c['kode']} = {_(str(c.get('label', c['kode'])))}" for c in p.pilihan)
        if jenis == Pertanyaan.Jenis.PILIHAN_GANDA:
            return _("Satu kode atau lebih, dipisah |: %(daftar)s") % {"daftar": daftar}
        return _("Satu kode: %(daftar)s") % {"daftar": daftar}
    if jenis == Pertanyaan.Jenis.ANGKA:
        if p.angka_min is not None and p.angka_maks is not None:
            return _("Bilangan bulat %(min)d sampai %(maks)d") % {"min": p.angka_min, "maks": p.angka_maks}
        return _("Bilangan bulat")
    return _("Teks bebas")


def _petunjuk(survei: Survei, daftar: Sequence[Pertanyaan]) -> list[list[str]]:
    awal, akhir = rentang_tanggal(survei)
    per_kode = {p.kode: p for p in daftar}
    baris = [
        [
            _("Petunjuk pengisian: %(judul)s (%(periode)s)")
            % {"judul": survei.judul, "periode": survei.periode}
        ],
        [
            _(
                "Satu baris per kuesioner. Kolom dikenali dari KODE di baris judul, bukan dari urutannya: "
                "pada lampiran PermenPANRB 14/2017 pertanyaan nomor 8 adalah Sarana dan Prasarana (U9) dan "
                "nomor 9 adalah Penanganan Pengaduan (U8). Isian yang kosong berarti tidak dijawab."
            )
        ],
        [],
        [_("Kolom"), _("Isi"), _("Nilai yang diterima")],
        [
            "waktu",
            _("Tanggal pengisian (wajib)"),
            _(
                "Tanggal %(awal)s sampai %(akhir)s, misalnya 2025-03-04, 04/03/2025, "
                "2025-03-04T10:15:00+07:00 atau sel tanggal Excel"
            )
            % {"awal": f"{awal:%d/%m/%Y}", "akhir": f"{akhir:%d/%m/%Y}"},
        ],
        ["unit", _("Unit layanan"), _("Nama unit persis seperti daftar di bawah (huruf besar/kecil bebas)")],
        [
            "layanan",
            _("Jenis layanan (boleh kosong)"),
            _("Nama layanan unit tersebut, seperti daftar di bawah"),
        ],
        [
            "sumber",
            _("Asal data (diisi oleh ekspor)"),
            _("Diabaikan saat impor: setiap baris tercatat sebagai impor"),
        ],
    ]
    for kode in kolom_ekspor(daftar)[len(KOLOM_AWAL) :]:
        p = per_kode.get(kode)
        if p is None:
            baris.append([kode, _("Tidak dipakai kuesioner ini"), _("Biarkan kosong")])
        else:
            baris.append([kode, judul_pertanyaan(p), _nilai_diterima(p)])
    baris += [[], [_("Unit layanan dalam survei ini"), _("Layanan")]]
    for unit in survei.unit.order_by("nama").prefetch_related("layanan"):
        layanan = [la.nama for la in unit.layanan.all() if la.aktif]
        baris.append([unit.nama, ", ".join(layanan)])
    return baris


def template_xlsx(survei: Survei) -> bytes:
    """The export's header on the first sheet, and a "Petunjuk" sheet: codes, allowed values,
    the survey's units."""
    daftar = _pertanyaan(survei)
    buku = Workbook(write_only=True)
    data = buku.create_sheet(_("Respons"))
    data.append([_sel_xlsx(data, k) for k in kolom_ekspor(daftar)])
    petunjuk = buku.create_sheet("Petunjuk")
    for baris in _petunjuk(survei, daftar):
        petunjuk.append([_sel_xlsx(petunjuk, s) for s in baris])
    return _simpan_buku(buku)
