"""Builders shared by the paper-entry, import and export tests: an SKM survey at given units,
and spreadsheets (CSV and XLSX bytes) made from rows, so every test file shows its data."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook

from organisasi.models import UnitLayanan
from survei import services
from survei.impor import hari_ini
from survei.models import KOLOM_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei, isian_unsur
from survei.skm import KODE_TEMPLATE_SKM, KODE_TEMPLATE_SKM_HARAPAN

KODE_U = tuple(f"U{i}" for i in range(1, 10))


def survei_skm(
    *,
    unit: Sequence[UnitLayanan],
    status: str = Survei.Status.TERBUKA,
    dengan_harapan: bool = False,
    kuesioner: Kuesioner | None = None,
    mulai: date | None = None,
    selesai: date | None = None,
) -> Survei:
    """A survey of the built-in SKM questionnaire whose period runs from 30 days ago to 30 days
    ahead, so that "today" and "last week" are valid dates on a paper form."""
    if kuesioner is None:
        kuesioner = Kuesioner.objects.get(
            kode=KODE_TEMPLATE_SKM_HARAPAN if dengan_harapan else KODE_TEMPLATE_SKM
        )
    survei = services.survei_buat(
        kuesioner=kuesioner,
        instansi_unit=[(u, None) for u in unit],
        judul="SKM Uji",
        periode="Semester Uji",
        mulai=mulai or hari_ini() - timedelta(days=30),
        selesai=selesai or hari_ini() + timedelta(days=30),
        pengguna=None,
    )
    if status in (Survei.Status.TERBUKA, Survei.Status.DITUTUP):
        survei = services.survei_buka(survei=survei)
    if status == Survei.Status.DITUTUP:
        survei = services.survei_tutup(survei=survei)
    return survei


def csv_bytes(baris: Sequence[Sequence[Any]], *, pemisah: str = ",", bom: bool = False) -> bytes:
    keluaran = io.StringIO()
    csv.writer(keluaran, delimiter=pemisah).writerows(baris)
    return (b"\xef\xbb\xbf" if bom else b"") + keluaran.getvalue().encode("utf-8")


def xlsx_bytes(baris: Sequence[Sequence[Any]]) -> bytes:
    buku = Workbook()
    lembar = buku.active
    for b in baris:
        lembar.append(list(b))
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


# A real PNG header: a picture renamed to .xlsx or .csv must be refused with a message.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def jawaban_tersimpan(survei: Survei) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(unit name, service name, {code: value}) of every response, in time order: what a
    round trip must give back. The unsur answers are the response's columns (by the code of
    the questionnaire's question for that unsur), the others Jawaban rows."""
    kode_unsur = dict(
        survei.kuesioner.pertanyaan.filter(kelompok=Pertanyaan.Kelompok.UNSUR).values_list("unsur", "kode")
    )
    hasil = []
    for r in Respons.objects.filter(survei=survei).select_related("unit", "layanan").order_by("waktu", "id"):
        nilai: dict[str, Any] = {
            kode_unsur[k.upper()]: getattr(r, k) for k in KOLOM_UNSUR if getattr(r, k) is not None
        }
        nilai.update(
            (j.pertanyaan.kode, j.nilai if j.nilai is not None else j.teks)
            for j in Jawaban.objects.filter(respons=r).select_related("pertanyaan")
        )
        hasil.append((r.unit.nama, r.layanan.nama if r.layanan else None, nilai))
    return hasil


def kuesioner_tambahan(*, kode: str = "skm-plus") -> Kuesioner:
    """The SKM template plus a multiple-choice question and a free-text question."""
    asal = Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)
    baru = Kuesioner.objects.create(nama="SKM plus", kode=kode)
    terakhir = 0
    for p in asal.pertanyaan.all():
        p.pk = None
        p.kuesioner = baru
        p.save()
        terakhir = max(terakhir, p.urutan)
    Pertanyaan.objects.create(
        kuesioner=baru,
        kode="media",
        kelompok=Pertanyaan.Kelompok.TAMBAHAN,
        jenis=Pertanyaan.Jenis.PILIHAN_GANDA,
        judul="Media informasi",
        teks="Dari mana Saudara tahu layanan ini?",
        pilihan=[
            {"kode": "web", "label": "Situs web"},
            {"kode": "medsos", "label": "Media sosial"},
            {"kode": "teman", "label": "Teman"},
        ],
        urutan=terakhir + 1,
    )
    Pertanyaan.objects.create(
        kuesioner=baru,
        kode="saran",
        kelompok=Pertanyaan.Kelompok.TAMBAHAN,
        jenis=Pertanyaan.Jenis.TEKS,
        judul="Saran",
        teks="Saran Saudara",
        urutan=terakhir + 2,
    )
    return baru


def ringkasan_salah() -> list[int]:
    """Ids of the stored responses whose pola_unsur, jumlah_unsur and dijawab_unsur differ from
    those of their unsur answers u1..u9 (every writer must fill them), or that still have unsur
    answers as Jawaban rows (those belong in the columns)."""
    ringkasan = ("pola_unsur", "jumlah_unsur", "dijawab_unsur")
    salah = [
        r["pk"]
        for r in Respons.objects.values("pk", *KOLOM_UNSUR, *ringkasan)
        if [r[k] for k in ringkasan]
        != [isian_unsur({k.upper(): r[k] for k in KOLOM_UNSUR})[k] for k in ringkasan]
    ]
    salah += Jawaban.objects.filter(pertanyaan__kelompok="unsur").values_list("respons_id", flat=True)
    return sorted(set(salah))
