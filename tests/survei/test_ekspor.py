"""Exporting responses (survei/ekspor.py, survei:ekspor): the exact columns, the values, the
streamed CSV and its constant number of queries, permissions, and the round trip through the
import into another survey."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.ekspor import baris_ekspor, kolom_ekspor
from survei.impor import ZONA, hari_ini
from survei.models import Impor, Respons, Survei
from survei.services import kunci_baru, respons_simpan
from tests.factories import LayananFactory
from tests.survei.data import jawaban_tersimpan, kuesioner_tambahan, survei_skm

Masuk = Callable[..., Client]
KOLOM_SKM = [
    *("waktu", "unit", "layanan", "sumber"),
    *("jenis_kelamin", "usia", "pendidikan", "pekerjaan"),
    *(f"U{i}" for i in range(1, 10)),
]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return survei_skm(unit=[unit, unit_lain])


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def isi(
    survei: Survei,
    unit: UnitLayanan,
    *,
    waktu: datetime | None = None,
    sumber: str = "kertas",
    **jawaban: Any,
) -> Respons:
    respons, _baru = respons_simpan(
        survei=survei,
        unit=unit,
        layanan=jawaban.pop("layanan", None),
        jawaban=jawaban,
        sumber=sumber,
        kunci=kunci_baru(),
        waktu=waktu or datetime.combine(hari_ini() - timedelta(days=1), datetime.min.time(), tzinfo=ZONA),
    )
    return respons


def unduh_csv(klien: Client, survei: Survei) -> list[list[str]]:
    respons = klien.get(reverse("survei:ekspor", args=[survei.kode, "csv"]))
    teks = respons.getvalue().decode("utf-8")
    return list(csv.reader(io.StringIO(teks)))


# Columns and values ------------------------------------------------------------------------------


def test_the_columns_are_fixed_with_u1_to_u9_in_code_order(survei: Survei) -> None:
    assert kolom_ekspor(list(survei.kuesioner.pertanyaan.all())) == KOLOM_SKM


def test_harapan_and_extra_questions_follow_in_the_questionnaires_order(unit: UnitLayanan) -> None:
    harapan = survei_skm(unit=[unit], dengan_harapan=True)
    tambahan = survei_skm(unit=[unit], kuesioner=kuesioner_tambahan())

    kolom_harapan = kolom_ekspor(list(harapan.kuesioner.pertanyaan.all()))

    assert kolom_harapan[: len(KOLOM_SKM)] == KOLOM_SKM
    assert kolom_harapan[len(KOLOM_SKM) :] == ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H9", "H8"]
    assert kolom_ekspor(list(tambahan.kuesioner.pertanyaan.all())) == [*KOLOM_SKM, "media", "saran"]


def test_a_row_holds_the_answers_under_their_codes(survei: Survei, unit: UnitLayanan) -> None:
    layanan = LayananFactory.create(unit=unit, nama="KTP Elektronik")
    waktu = datetime.combine(hari_ini() - timedelta(days=2), datetime.min.time(), tzinfo=ZONA).replace(
        hour=10, minute=15
    )
    isi(
        survei,
        unit,
        waktu=waktu,
        layanan=layanan,
        U1=1,
        U2=2,
        U3=3,
        U4=4,
        U5=1,
        U6=2,
        U7=3,
        U8=4,
        jenis_kelamin="P",
        usia=41,
    )

    [baris] = list(baris_ekspor(survei))

    assert baris == [
        f"{waktu.date().isoformat()}T10:15:00+07:00",
        unit.nama,
        "KTP Elektronik",
        "kertas",
        "P",
        41,
        None,
        None,
        1,
        2,
        3,
        4,
        1,
        2,
        3,
        4,
        None,
    ]


def test_multiple_choices_are_joined_with_a_bar(unit: UnitLayanan) -> None:
    survei = survei_skm(unit=[unit], kuesioner=kuesioner_tambahan())
    isi(survei, unit, U1=3, media="teman|web", saran="Antrean lebih tertib")

    [baris] = list(baris_ekspor(survei))

    assert baris[-2:] == ["web|teman", "Antrean lebih tertib"]


def test_an_unsur_question_coded_otherwise_is_exported_under_its_code(unit: UnitLayanan) -> None:
    kuesioner = kuesioner_tambahan()
    kuesioner.pertanyaan.filter(kode="U3").update(kode="lama_layanan")
    survei = survei_skm(unit=[unit], kuesioner=kuesioner)
    respons = isi(survei, unit, U1=2, lama_layanan=4, saran="Cepat")

    [baris] = list(baris_ekspor(survei))
    kolom = kolom_ekspor(list(kuesioner.pertanyaan.all()))

    assert (respons.u3, kolom[len(KOLOM_SKM) :]) == (4, ["lama_layanan", "media", "saran"])
    assert dict(zip(kolom, baris, strict=True)) | {"waktu": None} == {
        **dict.fromkeys(kolom),
        "unit": unit.nama,
        "layanan": "",
        "sumber": "kertas",
        "U1": 2,
        "lama_layanan": 4,
        "saran": "Cepat",
    }


def test_rows_come_in_time_order(survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan) -> None:
    kemarin = datetime.combine(hari_ini() - timedelta(days=1), datetime.min.time(), tzinfo=ZONA)
    isi(survei, unit, waktu=kemarin, U1=2)
    isi(survei, unit_lain, waktu=kemarin - timedelta(days=3), U1=4)

    assert [b[1] for b in baris_ekspor(survei)] == [unit_lain.nama, unit.nama]


# The download ------------------------------------------------------------------------------------


def test_the_csv_is_streamed_utf8_without_bom_and_comma_separated(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    isi(survei, unit, U1=3, U9=4)

    respons = klien.get(reverse("survei:ekspor", args=[survei.kode, "csv"]))

    assert isinstance(respons, StreamingHttpResponse)
    assert respons["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="respons-{survei.kode}.csv"' in respons["Content-Disposition"]
    badan = respons.getvalue()
    assert badan.startswith(b"waktu,unit,layanan,sumber,jenis_kelamin,usia,pendidikan,pekerjaan,U1,")
    assert b",3,,,,,,,,4\r\n" in badan


def test_the_number_of_queries_does_not_grow_with_the_responses(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    def hitung() -> int:
        with CaptureQueriesContext(connection) as kueri:
            respons = klien.get(reverse("survei:ekspor", args=[survei.kode, "csv"]))
            respons.getvalue()
        return len(kueri)

    isi(survei, unit, U1=3)
    sedikit = hitung()
    for i in range(25):
        isi(survei, unit, U1=1 + i % 4, U2=2, jenis_kelamin="L")

    assert hitung() == sedikit


def test_the_xlsx_download_holds_the_same_table(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    isi(survei, unit, U1=3, U8=1, pendidikan="S2")

    respons = klien.get(reverse("survei:ekspor", args=[survei.kode, "xlsx"]))

    lembar = load_workbook(io.BytesIO(respons.content)).worksheets[0]
    kepala, baris = list(lembar.iter_rows(values_only=True))
    assert list(kepala) == KOLOM_SKM
    assert dict(zip(kepala, baris, strict=True)) | {"waktu": None} == {
        **dict.fromkeys(KOLOM_SKM),
        "unit": unit.nama,
        "sumber": "kertas",
        "pendidikan": "S2",
        "U1": 3,
        "U8": 1,
    }


def test_a_text_answer_that_looks_like_a_formula_stays_text(unit: UnitLayanan, klien: Client) -> None:
    survei = survei_skm(unit=[unit], kuesioner=kuesioner_tambahan())
    isi(survei, unit, U1=3, saran='=HYPERLINK("http://contoh.invalid","klik")')

    tabel = unduh_csv(klien, survei)
    lembar = load_workbook(
        io.BytesIO(klien.get(reverse("survei:ekspor", args=[survei.kode, "xlsx"])).content)
    )

    assert tabel[1][-1] == '\'=HYPERLINK("http://contoh.invalid","klik")'
    sel = lembar.worksheets[0].cell(row=2, column=len(tabel[0]))
    assert sel.data_type == "s"
    assert sel.value == '=HYPERLINK("http://contoh.invalid","klik")'


@pytest.mark.parametrize(
    ("aktor", "status"),
    [
        ("evaluator", 200),
        ("admin_instansi", 200),
        ("superuser", 200),
        ("petugas", 403),
        ("warga", 403),
        ("evaluator_lain", 403),
        ("admin_lain", 403),
    ],
)
@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_who_may_export(
    aktor: str, status: int, format: str, survei: Survei, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    klien = masuk(request.getfixturevalue(aktor), totp=True)

    assert klien.get(reverse("survei:ekspor", args=[survei.kode, format])).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(survei: Survei, client: Client) -> None:
    respons = client.get(reverse("survei:ekspor", args=[survei.kode, "csv"]))

    assert respons.status_code == 302


def test_another_format_is_404(survei: Survei, klien: Client) -> None:
    assert klien.get(f"/kelola/survei/{survei.kode}/ekspor.pdf").status_code == 404


# Round trip -------------------------------------------------------------------------------------------


def isi_beragam(survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan) -> None:
    layanan = LayananFactory.create(unit=unit_lain, nama="Imunisasi Anak")
    awal = datetime.combine(hari_ini() - timedelta(days=10), datetime.min.time(), tzinfo=ZONA)
    isi(
        survei,
        unit,
        waktu=awal.replace(hour=8, minute=5, second=7),
        U1=1,
        U2=2,
        U3=3,
        U4=4,
        U5=1,
        U6=2,
        U7=3,
        U8=4,
        U9=1,
    )
    isi(
        survei,
        unit_lain,
        waktu=awal + timedelta(days=1),
        layanan=layanan,
        U8=2,
        U9=4,
        jenis_kelamin="L",
        usia=19,
    )
    isi(
        survei,
        unit,
        waktu=awal + timedelta(days=2),
        U4=3,
        pendidikan="D1-D3",
        pekerjaan="Wirausaha",
        media="web|medsos|teman",
    )
    isi(
        survei,
        unit_lain,
        waktu=awal + timedelta(days=3),
        sumber="online",
        **{f"U{i}": 4 for i in range(1, 10)},
        saran='-tolong; tambah kursi, "ruang tunggu"\nbaris kedua',
    )


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_an_export_imported_into_another_survey_gives_the_same_answers(
    format: str, unit: UnitLayanan, unit_lain: UnitLayanan, klien: Client
) -> None:
    kuesioner = kuesioner_tambahan()
    asal = survei_skm(unit=[unit, unit_lain], kuesioner=kuesioner)
    tujuan = survei_skm(unit=[unit, unit_lain], kuesioner=kuesioner)
    isi_beragam(asal, unit, unit_lain)
    ekspor = klien.get(reverse("survei:ekspor", args=[asal.kode, format]))
    berkas = ekspor.getvalue() if format == "csv" else ekspor.content

    klien.post(
        reverse("survei:impor", args=[tujuan.kode]),
        {"berkas": SimpleUploadedFile(f"ekspor.{format}", berkas)},
    )
    impor = Impor.objects.get()
    form = klien.get(reverse("survei:impor_peta", args=[tujuan.kode, impor.pk])).context["form"]
    peta = {f"kolom_{i}": form[f"kolom_{i}"].value() or "" for i in range(len(form.tabel.kolom))}
    respons = klien.post(reverse("survei:impor_peta", args=[tujuan.kode, impor.pk]), peta)

    assert respons.status_code == 303
    assert jawaban_tersimpan(tujuan) == jawaban_tersimpan(asal)
    assert list(Respons.objects.filter(survei=tujuan).values_list("waktu", flat=True)) == list(
        Respons.objects.filter(survei=asal).values_list("waktu", flat=True)
    )
    assert set(Respons.objects.filter(survei=tujuan).values_list("sumber", flat=True)) == {"impor"}
