"""The public results pages (/hasil/): only closed surveys are published, the publication board
of a unit and period with its IKM as analitik computes it, Indonesian numbers, and k-anonymity
of the respondent breakdowns. Through the real views on the real database.

The helpers isi() and survei_ditutup() are also used by tests/analitik/test_api_hasil.py.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from analitik.format import angka
from analitik.keluaran import objek_ikm
from analitik.publik import sel_tersembunyi
from analitik.selectors import tabel_hitung
from analitik.statistik import bulatkan
from analitik.tabel import KODE_UNSUR, dari_baris
from organisasi.models import Instansi, UnitLayanan
from survei.models import Jawaban, Pertanyaan, Respons, Survei
from survei.services import kunci_baru, respons_simpan, survei_tutup
from tests.factories import UnitLayananFactory
from tests.survei.test_selectors import buat_survei

SEMUA_4 = dict.fromkeys(KODE_UNSUR, 4)
SEMUA_3 = dict.fromkeys(KODE_UNSUR, 3)


def isi(
    survei: Survei,
    unit: UnitLayanan,
    nilai: Mapping[str, int | None] = SEMUA_4,
    *,
    jumlah: int = 1,
    jk: str | None = None,
    pendidikan: str | None = None,
) -> None:
    """jumlah paper responses through the real service (None or a missing code: unanswered)."""
    jawaban: dict[str, object] = {k: v for k, v in nilai.items() if v is not None}
    if jk:
        jawaban["jenis_kelamin"] = jk
    if pendidikan:
        jawaban["pendidikan"] = pendidikan
    for _ in range(jumlah):
        respons_simpan(
            survei=survei, unit=unit, jawaban=jawaban, sumber=Respons.Sumber.KERTAS, kunci=kunci_baru()
        )


def survei_ditutup(*unit: UnitLayanan, periode: str = "Semester I 2025", isi_dulu: int = 0) -> Survei:
    """An open survey of these units that gets isi_dulu all-4 responses per unit, then closes."""
    survei = buat_survei(*[(u, None) for u in unit], judul=f"SKM {periode}", buka=True)
    Survei.objects.filter(pk=survei.pk).update(periode=periode)
    survei.refresh_from_db()
    for u in unit:
        if isi_dulu:
            isi(survei, u, jumlah=isi_dulu)
    return survei


def tutup(survei: Survei) -> Survei:
    return survei_tutup(survei=survei)


def url_unit(survei: Survei, unit: UnitLayanan) -> str:
    return reverse("analitik:hasil_unit", args=[survei.instansi.slug, survei.kode, unit.pk])


# Visibility ----------------------------------------------------------------------------------


def test_the_list_shows_only_instansi_with_a_closed_survey(
    client: Client, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    tutup(survei_ditutup(unit, isi_dulu=1))
    survei_ditutup(unit_instansi_lain, isi_dulu=1)  # still open

    html = client.get(reverse("analitik:hasil_beranda")).content.decode()

    assert "Pemerintah Kota Palembang" in html
    assert reverse("analitik:hasil_instansi", args=["palembang"]) in html
    assert "Pemerintah Kota Jambi" not in html


def test_the_list_says_so_when_nothing_is_published(client: Client, db: None) -> None:
    jawaban = client.get("/hasil/")

    assert jawaban.status_code == 200
    assert "Belum ada hasil survei yang diterbitkan." in jawaban.content.decode()


def test_the_instansi_page_shows_closed_periods_only(client: Client, unit: UnitLayanan) -> None:
    tertutup = tutup(survei_ditutup(unit, periode="Semester I 2025", isi_dulu=2))
    terbuka = survei_ditutup(unit, periode="Semester II 2025", isi_dulu=2)
    draf = buat_survei((unit, None), judul="SKM 2026")
    Survei.objects.filter(pk=draf.pk).update(periode="Tahun 2026")

    html = client.get(reverse("analitik:hasil_instansi", args=["palembang"])).content.decode()

    assert "Semester I 2025" in html
    assert url_unit(tertutup, unit) in html
    assert "Semester II 2025" not in html and terbuka.kode not in html
    assert "Tahun 2026" not in html and draf.kode not in html
    assert "masih berjalan tidak ditampilkan" in html
    assert "100,00" in html  # every answer 4: nilai konversi 100


def test_the_instansi_page_marks_a_unit_not_surveyed_in_a_period(
    client: Client, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    tutup(survei_ditutup(unit, unit_lain, periode="Semester I 2025", isi_dulu=1))
    kedua = tutup(survei_ditutup(unit, periode="Semester II 2025", isi_dulu=1))

    jawaban = client.get(reverse("analitik:hasil_instansi", args=["palembang"]))

    baris = {b["unit"]: b["sel"] for b in jawaban.context["baris"]}
    i = jawaban.context["periode"].index(kedua)
    assert baris[unit_lain][i] is None
    assert baris[unit_lain][1 - i]["survei"] != kedua
    assert baris[unit][i]["survei"] == kedua
    assert url_unit(kedua, unit_lain) not in jawaban.content.decode()


def test_the_instansi_page_of_an_unknown_instansi_is_404(client: Client, db: None) -> None:
    assert client.get("/hasil/tidak-ada/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "terbuka"])
def test_the_unit_page_of_a_survey_not_closed_is_404(client: Client, unit: UnitLayanan, status: str) -> None:
    survei = survei_ditutup(unit, isi_dulu=5)
    Survei.objects.filter(pk=survei.pk).update(status=status)

    assert client.get(url_unit(survei, unit)).status_code == 404


def test_the_unit_page_is_404_for_a_unit_not_in_the_survey_or_unknown(
    client: Client, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    survei = tutup(survei_ditutup(unit, isi_dulu=5))

    assert client.get(url_unit(survei, unit)).status_code == 200
    assert client.get(url_unit(survei, unit_lain)).status_code == 404
    assert client.get(f"/hasil/palembang/{survei.kode}/999999/").status_code == 404


def test_the_unit_page_is_404_under_another_instansi(
    client: Client, unit: UnitLayanan, instansi_lain: Instansi
) -> None:
    survei = tutup(survei_ditutup(unit, isi_dulu=5))

    assert client.get(f"/hasil/{instansi_lain.slug}/{survei.kode}/{unit.pk}/").status_code == 404


# The board -----------------------------------------------------------------------------------


def test_the_board_shows_the_index_with_a_decimal_comma(client: Client, unit: UnitLayanan) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, SEMUA_4)
    isi(survei, unit, SEMUA_3)
    isi(survei, unit, {**SEMUA_3, "U1": 2})  # NRR U1 = 3, the others 10/3
    tutup(survei)
    # IKM = (3 + 8 x 10/3) / 9 = 89/27 = 3,2963; nilai konversi 82,407... -> 82,41, mutu B.

    html = client.get(url_unit(survei, unit)).content.decode()

    assert "3,30" in html
    assert "82,41" in html
    assert ">B<" in html and "Baik" in html
    assert "3,33" in html  # NRR of U2..U9
    assert "U3 Waktu Penyelesaian" in html
    assert "Semester I 2025" in html
    assert "82.41" not in html


def test_the_board_uses_a_decimal_point_in_english(client: Client, unit: UnitLayanan) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, SEMUA_4)
    isi(survei, unit, SEMUA_3)
    isi(survei, unit, {**SEMUA_3, "U1": 2})
    tutup(survei)
    client.cookies["django_language"] = "en"

    html = client.get(url_unit(survei, unit)).content.decode()

    assert '<html lang="en">' in html
    assert "82.41" in html


def test_the_board_says_the_index_cannot_be_computed_without_all_nine_unsur(
    client: Client, unit: UnitLayanan
) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, {**SEMUA_4, "U9": None}, jumlah=6)
    tutup(survei)

    html = client.get(url_unit(survei, unit)).content.decode()
    halaman_instansi = client.get("/hasil/palembang/").content.decode()

    assert "IKM belum dapat dihitung" in html
    assert "belum dapat dihitung" in halaman_instansi


def test_the_board_equals_objek_ikm_on_the_same_responses(client: Client, unit: UnitLayanan) -> None:
    rng = random.Random(14)
    survei = survei_ditutup(unit)
    baris = []
    for _ in range(40):
        nilai = [rng.choice([None, 1, 2, 3, 4, 4]) for _ in KODE_UNSUR]
        if not any(nilai):
            continue
        baris.append(nilai)
        isi(survei, unit, dict(zip(KODE_UNSUR, nilai, strict=True)))
    tutup(survei)
    harapan = objek_ikm(dari_baris(baris))

    jawaban = client.get(url_unit(survei, unit))

    assert (
        objek_ikm(tabel_hitung(unit_ids=[unit.pk], mulai=None, sampai=None, survei_ids=[survei.pk]))
        == harapan
    )
    papan = jawaban.context["hasil"]
    assert papan["nilai_konversi"] == angka(bulatkan(harapan["nilai_konversi"], 2))
    assert papan["mutu"] == harapan["mutu"]
    assert papan["n"] == str(harapan["n"])


# k-anonymity ---------------------------------------------------------------------------------


def _rincian(client: Client, survei: Survei, unit: UnitLayanan, nama: str) -> dict[str, str]:
    jawaban = client.get(url_unit(survei, unit))
    return {s["label"]: s["jumlah"] for s in jawaban.context[nama]}


def test_a_cell_of_four_is_shown_as_less_than_five_with_its_complement(
    client: Client, unit: UnitLayanan
) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, jumlah=4, jk="L", pendidikan="SMA")
    isi(survei, unit, jumlah=10, jk="P", pendidikan="S1")
    tutup(survei)

    jk = _rincian(client, survei, unit, "jenis_kelamin")
    html = client.get(url_unit(survei, unit)).content.decode()

    # Without hiding P too, 14 - 10 would give the 4 men.
    assert jk == {"Laki-laki": "< 5", "Perempuan": "< 5", "Tidak diketahui": "0"}
    assert "&lt; 5" in html


def test_the_complement_is_the_next_smallest_cell_with_respondents(client: Client, unit: UnitLayanan) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, jumlah=6, jk="L", pendidikan="SMA")
    isi(survei, unit, jumlah=5, jk="P", pendidikan="S1")
    isi(survei, unit, jumlah=3, jk="P", pendidikan="D1-D3")
    isi(survei, unit, jumlah=7, jk="L", pendidikan="S2")
    tutup(survei)

    pendidikan = _rincian(client, survei, unit, "pendidikan")
    jk = _rincian(client, survei, unit, "jenis_kelamin")

    assert pendidikan["D1-D3"] == "< 5"
    assert pendidikan["S1/D4"] == "< 5"  # 5, the next-smallest
    assert pendidikan["SMA/sederajat"] == "6"
    assert pendidikan["S2"] == "7"
    assert pendidikan["SD ke bawah"] == "0"
    assert jk == {"Laki-laki": "13", "Perempuan": "8", "Tidak diketahui": "0"}


def test_respondents_without_a_profile_answer_are_a_cell_of_their_own(
    client: Client, unit: UnitLayanan
) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, jumlah=5, jk="L")
    isi(survei, unit, jumlah=6, jk="P")
    isi(survei, unit, jumlah=2)  # no profile
    tutup(survei)

    jk = _rincian(client, survei, unit, "jenis_kelamin")

    assert jk == {"Laki-laki": "< 5", "Perempuan": "6", "Tidak diketahui": "< 5"}


def test_a_profile_without_any_unsur_answer_is_not_counted(client: Client, unit: UnitLayanan) -> None:
    survei = survei_ditutup(unit)
    isi(survei, unit, jumlah=5, jk="L")
    # Profile only (the service refuses these; bulk writers such as the demo do not): not a
    # respondent of the index.
    jk_p = Pertanyaan.objects.get(kuesioner=survei.kuesioner_id, kode="jenis_kelamin")
    for _ in range(3):
        r = Respons.objects.create(
            survei=survei, unit=unit, sumber=Respons.Sumber.KERTAS, waktu=timezone.now(), kunci=kunci_baru()
        )
        Jawaban.objects.create(respons=r, pertanyaan=jk_p, jenis=jk_p.jenis, teks="P")
    tutup(survei)

    jk = _rincian(client, survei, unit, "jenis_kelamin")

    assert jk == {"Laki-laki": "5", "Perempuan": "0", "Tidak diketahui": "0"}


@pytest.mark.parametrize(
    ("jumlah", "sembunyi"),
    [
        ((5, 5, 0), [False, False, False]),
        ((4, 10, 0), [True, True, False]),
        ((4, 0, 10, 7), [True, False, False, True]),
        ((2, 3, 10), [True, True, False]),
        ((3, 0, 0), [True, True, False]),
        ((0, 0, 0), [False, False, False]),
    ],
)
def test_complementary_suppression(jumlah: tuple[int, ...], sembunyi: list[bool]) -> None:
    assert sel_tersembunyi(jumlah) == sembunyi


# Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("banyak_unit", [2, 12])
def test_the_instansi_page_query_count_does_not_grow_with_units(
    client: Client,
    instansi: Instansi,
    banyak_unit: int,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    daftar = UnitLayananFactory.create_batch(banyak_unit, instansi=instansi)
    for periode in ("Semester I 2025", "Semester II 2025"):
        tutup(survei_ditutup(*daftar, periode=periode, isi_dulu=1))

    with django_assert_max_num_queries(6):
        jawaban = client.get("/hasil/palembang/")

    assert jawaban.status_code == 200
    assert len(jawaban.context["baris"]) == banyak_unit


def test_the_unit_page_query_count_is_fixed(
    client: Client, unit: UnitLayanan, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    alamat = url_unit(tutup(survei_ditutup(unit, isi_dulu=7)), unit)

    # The survey with its unit, the count table, the breakdowns.
    with django_assert_max_num_queries(3):
        assert client.get(alamat).status_code == 200
