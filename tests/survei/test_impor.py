"""Importing a spreadsheet of paper questionnaires: upload (survei:impor), column mapping and
confirmation (survei:impor_peta), the report of refused rows, and the template download."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.ekspor import kolom_ekspor
from survei.impor import UKURAN_MAKS, ZONA, hari_ini, peta_tebak
from survei.models import KOLOM_UNSUR, Impor, Jawaban, Respons, Survei
from tests.factories import LayananFactory
from tests.survei.data import KODE_U, PNG, csv_bytes, ringkasan_salah, survei_skm, xlsx_bytes

Masuk = Callable[..., Client]
KEPALA = ["waktu", "unit", "layanan", "jenis_kelamin", *KODE_U]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return survei_skm(unit=[unit, unit_lain])


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def tgl(hari_lalu: int = 3) -> str:
    return (hari_ini() - timedelta(days=hari_lalu)).isoformat()


def baris_sah(unit: UnitLayanan, n: int = 3) -> list[list[Any]]:
    return [[tgl(i + 1), unit.nama, "", "L", *[1 + (i + k) % 4 for k in range(9)]] for i in range(n)]


def unggah(klien: Client, survei: Survei, isi: bytes, nama: str = "kertas.csv") -> Any:
    return klien.post(reverse("survei:impor", args=[survei.kode]), {"berkas": SimpleUploadedFile(nama, isi)})


def impor_terakhir() -> Impor:
    return Impor.objects.latest("pk")


def alamat_peta(survei: Survei, impor: Impor) -> str:
    return reverse("survei:impor_peta", args=[survei.kode, impor.pk])


def peta_dari_halaman(klien: Client, survei: Survei, impor: Impor) -> dict[str, str]:
    """The mapping form as the page pre-fills it, ready to be posted back."""
    form = klien.get(alamat_peta(survei, impor)).context["form"]
    return {f"kolom_{i}": form[f"kolom_{i}"].value() or "" for i in range(len(form.tabel.kolom))}


def konfirmasi(klien: Client, survei: Survei, **ubah: str) -> Any:
    impor = impor_terakhir()
    data = peta_dari_halaman(klien, survei, impor)
    data.update(ubah)
    return klien.post(alamat_peta(survei, impor), data)


def tidak_ada_respons() -> bool:
    return Respons.objects.count() == 0 and Jawaban.objects.count() == 0


def pesan(respons: Any) -> list[str]:
    return [str(m) for m in get_messages(respons.wsgi_request)]


# Upload and mapping ---------------------------------------------------------------------------


def test_an_upload_is_kept_and_leads_to_the_mapping_page_without_storing_responses(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    isi = csv_bytes([KEPALA, *baris_sah(unit)])

    respons = unggah(klien, survei, isi)

    impor = impor_terakhir()
    assert respons.status_code == 303
    assert respons["Location"] == alamat_peta(survei, impor)
    assert bytes(impor.isi) == isi
    assert impor.nama_berkas == "kertas.csv"
    assert impor.status == Impor.Status.MENUNGGU
    assert tidak_ada_respons()


def test_the_mapping_page_shows_detected_codes_with_titles_and_a_preview(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit, n=7)]))

    halaman = klien.get(alamat_peta(survei, impor_terakhir()))

    html = halaman.content.decode()
    assert re.search(
        r'<option value="U8" selected>U8 · Penanganan Pengaduan, Saran dan Masukan</option>', html
    )
    assert re.search(r'<option value="U9" selected>U9 · Sarana dan Prasarana</option>', html)
    assert len(halaman.context["pratinjau"]) == 5
    assert 'name="sebagian"' in html
    assert not re.search(r'name="sebagian"[^>]*checked', html)


def test_columns_are_recognised_by_code_title_or_profile_name_never_by_position(survei: Survei) -> None:
    kolom = [
        "Tanggal",
        "Unit Layanan",
        "Persyaratan",
        "u2",
        "U3 Waktu Penyelesaian",
        "Sarana dan Prasarana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Jenis Kelamin",
        "P8",
        "9",
    ]

    peta = peta_tebak(kolom, list(survei.kuesioner.pertanyaan.all()))

    assert peta == {
        0: "waktu",
        1: "unit",
        2: "U1",
        3: "U2",
        4: "U3",
        5: "U9",
        6: "U8",
        7: "jenis_kelamin",
    }


def test_a_semicolon_csv_with_bom_is_read(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)], pemisah=";", bom=True))

    form = klien.get(alamat_peta(survei, impor_terakhir())).context["form"]

    assert form.tabel.kolom[0] == "waktu"
    assert form["kolom_4"].value() == "U1"


# Confirming -------------------------------------------------------------------------------------


def test_confirming_stores_every_row_once_with_its_row_number_in_the_key(
    survei: Survei, unit: UnitLayanan, evaluator: Pengguna, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit, n=3)]))

    respons = konfirmasi(klien, survei)

    impor = impor_terakhir()
    assert respons.status_code == 303
    assert respons["Location"] == reverse("survei:impor", args=[survei.kode])
    assert sorted(Respons.objects.values_list("kunci", flat=True)) == [
        f"impor-{impor.pk}-{n}" for n in (2, 3, 4)
    ]
    assert set(Respons.objects.values_list("sumber", "impor_id", "dientri_oleh_id")) == {
        ("impor", impor.pk, evaluator.pk)
    }
    # The nine unsur are columns of each response; jenis_kelamin is its one Jawaban row.
    assert list(Jawaban.objects.values_list("pertanyaan__kode", flat=True)) == ["jenis_kelamin"] * 3
    assert not Jawaban.objects.exclude(jenis=models_jenis()).exists()
    assert impor.status == Impor.Status.DISIMPAN
    assert impor.jumlah_respons == 3
    pertama = Respons.objects.get(kunci=f"impor-{impor.pk}-2")
    assert pertama.waktu == datetime.fromisoformat(tgl(1) + "T12:00:00").replace(tzinfo=ZONA)
    assert [getattr(pertama, k) for k in KOLOM_UNSUR] == [1 + k % 4 for k in range(9)]
    assert pertama.jawaban.get().teks == "L"
    assert ringkasan_salah() == []


def models_jenis() -> Any:
    from django.db.models import F

    return F("pertanyaan__jenis")


def test_the_success_message_names_the_number_of_responses(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit, n=4)]))

    respons = konfirmasi(klien, survei)

    assert "4 respons dari berkas kertas.csv disimpan." in pesan(respons)


def test_confirming_twice_stores_nothing_more(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit, n=2)]))
    impor = impor_terakhir()
    data = peta_dari_halaman(klien, survei, impor)
    klien.post(alamat_peta(survei, impor), data)

    kedua = klien.post(alamat_peta(survei, impor), data, follow=True)

    assert Respons.objects.count() == 2
    assert "Berkas ini sudah disimpan: 2 respons." in kedua.content.decode()


def test_an_xlsx_with_excel_dates_and_day_first_dates_is_imported(
    survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan, klien: Client
) -> None:
    kemarin = hari_ini() - timedelta(days=1)
    serial = (kemarin - datetime(1899, 12, 30).date()).days
    isi = xlsx_bytes(
        [
            ["Tanggal", "Unit", *KODE_U],
            [datetime.combine(kemarin, datetime.min.time()).replace(hour=9), unit.nama, *[4] * 9],
            [serial, f"  {unit_lain.nama.upper()} ", *[3] * 9],
            [kemarin.strftime("%d/%m/%Y"), str(unit.pk), *[2] * 9],
        ]
    )
    unggah(klien, survei, isi, "kertas.xlsx")

    respons = konfirmasi(klien, survei)

    assert respons.status_code == 303
    waktu = list(Respons.objects.order_by("kunci").values_list("waktu", "unit_id"))
    assert [w.astimezone(ZONA).date() for w, _u in waktu] == [kemarin] * 3
    assert waktu[0][0].astimezone(ZONA).hour == 9
    assert [u for _w, u in waktu] == [unit.pk, unit_lain.pk, unit.pk]


def test_a_service_is_matched_by_name_within_the_rows_unit(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    layanan = LayananFactory.create(unit=unit, nama="Akta Kelahiran")
    unggah(klien, survei, csv_bytes([KEPALA, [tgl(), unit.nama, "akta kelahiran", "P", *[3] * 9]]))

    konfirmasi(klien, survei)

    assert Respons.objects.get().layanan == layanan


# Refused rows -----------------------------------------------------------------------------------


def test_a_5_in_an_skm_column_is_reported_with_row_column_and_value_and_nothing_is_stored(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    baris = baris_sah(unit, n=3)
    baris[1][KEPALA.index("U3")] = 5
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))

    respons = konfirmasi(klien, survei)

    assert respons.status_code == 200
    [masalah] = respons.context["masalah"]
    assert (masalah.baris, masalah.kolom, masalah.nilai) == (3, "U3", "5")
    assert masalah.alasan == "Pilih salah satu nilai 1 sampai 4."
    html = respons.content.decode()
    assert "Tidak ada yang disimpan" in html
    assert '<td class="angka">3</td><td>U3</td><td class="kode">5</td>' in html
    assert tidak_ada_respons()
    assert impor_terakhir().status == Impor.Status.DITOLAK


def test_every_problem_of_every_row_is_listed(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    baris = baris_sah(unit, n=6)
    baris[0][KEPALA.index("unit")] = "Dinas Pariwisata"
    baris[1][KEPALA.index("waktu")] = "kemarin sore"
    baris[2][KEPALA.index("U1")] = "x"
    baris[2][KEPALA.index("jenis_kelamin")] = "W"
    baris[3][KEPALA.index("waktu")] = "31/02/2025"
    baris[4][KEPALA.index("waktu")] = "9999-12-31T23:00:00-12:00"
    baris[5][KEPALA.index("layanan")] = "Layanan Fiktif"
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))

    respons = konfirmasi(klien, survei)

    daftar = [(m.baris, m.kolom, m.nilai) for m in respons.context["masalah"]]
    assert daftar == [
        (2, "unit", "Dinas Pariwisata"),
        (3, "waktu", "kemarin sore"),
        (4, "U1", "x"),
        (4, "jenis_kelamin", "W"),
        (5, "waktu", "31/02/2025"),
        (6, "waktu", "9999-12-31T23:00:00-12:00"),
        (7, "layanan", "Layanan Fiktif"),
    ]
    alasan = {m.kolom: m.alasan for m in respons.context["masalah"]}
    assert "tidak termasuk survei ini" in alasan["unit"]
    assert "Tanggal tidak dikenali" in alasan["waktu"]
    assert tidak_ada_respons()


def test_a_date_outside_the_survey_period_is_reported(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    baris = baris_sah(unit, n=1)
    baris[0][0] = (survei.mulai - timedelta(days=30)).isoformat()
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))

    [masalah] = konfirmasi(klien, survei).context["masalah"]

    assert masalah.kolom == "waktu"
    assert "periode survei" in masalah.alasan
    assert tidak_ada_respons()


def test_a_row_with_more_cells_than_headers_is_reported(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    baris = baris_sah(unit, n=2)
    baris[1] = [*baris[1], "geser"]
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))

    [masalah] = konfirmasi(klien, survei).context["masalah"]

    assert masalah.baris == 3
    assert "di luar kolom berjudul" in masalah.alasan
    assert tidak_ada_respons()


def test_storing_only_the_valid_rows_is_an_option(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    baris = baris_sah(unit, n=3)
    baris[1][KEPALA.index("U3")] = 5
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))

    respons = konfirmasi(klien, survei, sebagian="on")

    assert respons.status_code == 200
    assert "2 respons disimpan" in respons.content.decode()
    assert sorted(Respons.objects.values_list("kunci", flat=True)) == [
        f"impor-{impor_terakhir().pk}-{n}" for n in (2, 4)
    ]
    assert impor_terakhir().jumlah_respons == 2


def test_the_full_problem_list_downloads_as_csv(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    baris = baris_sah(unit, n=3)
    for b in baris:
        b[KEPALA.index("U9")] = 7
    unggah(klien, survei, csv_bytes([KEPALA, *baris]))
    konfirmasi(klien, survei)

    unduhan = klien.get(reverse("survei:impor_masalah", args=[survei.kode, impor_terakhir().pk]))

    baris_csv = unduhan.content.decode().splitlines()
    assert baris_csv[0] == "baris,kolom,nilai,alasan"
    assert baris_csv[1:] == [f"{n},U9,7,Pilih salah satu nilai 1 sampai 4." for n in (2, 3, 4)]


# Bad mappings -------------------------------------------------------------------------------------


def test_a_file_without_any_unsur_column_mapped_gets_a_clear_error(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([["tanggal", "unit", "P1", "P2"], [tgl(), unit.nama, 3, 4]]))

    respons = konfirmasi(klien, survei)

    assert respons.status_code == 200
    assert any(
        "Tidak ada kolom yang dipetakan ke unsur SKM" in e for e in respons.context["form"].non_field_errors()
    )
    assert tidak_ada_respons()


def test_position_named_columns_can_be_mapped_by_hand(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    kepala = ["tanggal", "unit", *[f"P{i}" for i in range(1, 10)]]
    # The annex order: question 8 is Sarana (U9), question 9 is Pengaduan (U8).
    unggah(klien, survei, csv_bytes([kepala, [tgl(), unit.nama, 1, 1, 1, 1, 1, 1, 1, 2, 4]]))
    peta = {f"kolom_{i + 1}": f"U{i}" for i in range(1, 8)}

    respons = konfirmasi(klien, survei, **peta, kolom_9="U9", kolom_10="U8")

    assert respons.status_code == 303
    assert Respons.objects.values_list("u8", "u9").get() == (4, 2)


def test_a_code_chosen_for_two_columns_is_refused(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))

    respons = konfirmasi(klien, survei, kolom_5="U1")

    assert any("lebih dari satu kolom" in e for e in respons.context["form"].non_field_errors())
    assert tidak_ada_respons()


def test_a_missing_date_column_is_an_error_before_any_row(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))

    respons = konfirmasi(klien, survei, kolom_0="")

    assert "Pilih kolom yang berisi tanggal pengisian (waktu)." in respons.context["form"].non_field_errors()
    assert "masalah" not in respons.context
    assert tidak_ada_respons()


def test_a_unit_column_is_required_when_the_survey_has_several_units(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))

    respons = konfirmasi(klien, survei, kolom_1="")

    assert any("pilih kolom yang berisi unit" in e for e in respons.context["form"].non_field_errors())
    assert tidak_ada_respons()


def test_a_single_unit_survey_needs_no_unit_column(unit: UnitLayanan, klien: Client) -> None:
    survei = survei_skm(unit=[unit])
    unggah(klien, survei, csv_bytes([["waktu", *KODE_U], [tgl(), *[3] * 9]]))

    respons = konfirmasi(klien, survei)

    assert respons.status_code == 303
    assert Respons.objects.get().unit == unit


# Bad files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "isi", "pesan_galat"),
    [
        ("kosong.csv", b"", "Berkas kosong."),
        ("spasi.csv", b"\xef\xbb\xbf \n\n", "Berkas kosong."),
        ("foto.xlsx", PNG, "bukan buku kerja Excel yang sah"),
        ("acak.csv", bytes(range(256)) * 4, "bukan CSV dalam UTF-8"),
        ("lama.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Format XLS lama tidak didukung"),
        ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 100, "bukan buku kerja Excel yang sah"),
        ("judul.csv", b"waktu,U1\n", "tanpa baris data"),
        ("dokumen.pdf", b"%PDF-1.4", "Unggah berkas .csv atau .xlsx"),
        ("ganda.csv", b"U1,U1\n3,4\n", "muncul lebih dari sekali: U1"),
    ],
)
def test_a_file_that_is_not_a_usable_spreadsheet_is_refused_and_nothing_is_kept(
    nama: str, isi: bytes, pesan_galat: str, survei: Survei, klien: Client
) -> None:
    respons = unggah(klien, survei, isi, nama)

    assert respons.status_code == 200
    assert any(pesan_galat in e for e in respons.context["form"].errors["berkas"])
    assert Impor.objects.count() == 0
    assert tidak_ada_respons()


def test_an_empty_xlsx_is_refused(survei: Survei, klien: Client) -> None:
    respons = unggah(klien, survei, xlsx_bytes([]), "kosong.xlsx")

    assert "Baris pertama berkas harus berisi judul kolom" in respons.context["form"].errors["berkas"][0]
    assert Impor.objects.count() == 0


def test_an_oversized_file_is_refused(survei: Survei, klien: Client) -> None:
    isi = b"waktu,U1\n" + b"2025-01-01,3\n" * (UKURAN_MAKS // 13 + 1)

    respons = unggah(klien, survei, isi)

    assert "Berkas terlalu besar" in respons.context["form"].errors["berkas"][0]
    assert "paling besar 5,0 MB" in respons.context["form"].errors["berkas"][0]
    assert Impor.objects.count() == 0


def test_a_closed_survey_refuses_an_upload(unit: UnitLayanan, klien: Client) -> None:
    survei = survei_skm(unit=[unit], status=Survei.Status.DITUTUP)

    respons = unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))

    assert "tidak sedang dibuka" in respons.context["form"].errors["berkas"][0]
    assert Impor.objects.count() == 0


def test_a_survey_closed_between_upload_and_confirmation_stores_nothing(
    survei: Survei, unit: UnitLayanan, klien: Client
) -> None:
    from survei.services import survei_tutup

    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))
    data = peta_dari_halaman(klien, survei, impor_terakhir())
    survei_tutup(survei=survei)

    respons = klien.post(alamat_peta(survei, impor_terakhir()), data)

    assert "tidak sedang dibuka" in respons.content.decode()
    assert tidak_ada_respons()


# The template ---------------------------------------------------------------------------------------


def test_the_csv_template_header_is_the_export_format(survei: Survei, klien: Client) -> None:
    respons = klien.get(reverse("survei:impor_template", args=[survei.kode, "csv"]))

    assert respons.status_code == 200
    assert respons["Content-Type"] == "text/csv; charset=utf-8"
    assert respons.content.decode().splitlines() == [
        ",".join(kolom_ekspor(list(survei.kuesioner.pertanyaan.all())))
    ]


def test_the_xlsx_template_has_the_header_and_a_petunjuk_sheet(
    survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan, klien: Client
) -> None:
    respons = klien.get(reverse("survei:impor_template", args=[survei.kode, "xlsx"]))

    buku = load_workbook(io.BytesIO(respons.content))
    data, petunjuk = buku.worksheets
    assert [c.value for c in data[1]] == kolom_ekspor(list(survei.kuesioner.pertanyaan.all()))
    assert petunjuk.title == "Petunjuk"
    teks = "\n".join(
        " | ".join(str(c) for c in b if c is not None) for b in petunjuk.iter_rows(values_only=True)
    )
    assert "U8 | Penanganan Pengaduan, Saran dan Masukan | Angka 1 sampai 4" in teks
    assert "jenis_kelamin | Jenis kelamin | Satu kode: L = Laki-laki; P = Perempuan" in teks
    assert unit.nama in teks and unit_lain.nama in teks
    assert "nomor 8 adalah Sarana dan Prasarana (U9)" in teks


def test_the_filled_xlsx_template_imports_back(survei: Survei, unit: UnitLayanan, klien: Client) -> None:
    template = load_workbook(
        io.BytesIO(klien.get(reverse("survei:impor_template", args=[survei.kode, "xlsx"])).content)
    )
    lembar = template.worksheets[0]
    kolom = [c.value for c in lembar[1]]
    isi = {"waktu": tgl(), "unit": unit.nama, "pendidikan": "SMA", **dict.fromkeys(KODE_U, 2)}
    lembar.append([isi.get(k) for k in kolom])
    keluaran = io.BytesIO()
    template.save(keluaran)
    unggah(klien, survei, keluaran.getvalue(), "template.xlsx")

    respons = konfirmasi(klien, survei)

    assert respons.status_code == 303
    assert Jawaban.objects.filter(pertanyaan__kode="pendidikan", teks="SMA").exists()


# Who may ----------------------------------------------------------------------------------------------


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
def test_who_may_import(
    aktor: str, status: int, survei: Survei, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    klien = masuk(request.getfixturevalue(aktor), totp=True)

    assert klien.get(reverse("survei:impor", args=[survei.kode])).status_code == status
    assert klien.get(reverse("survei:impor_template", args=[survei.kode, "csv"])).status_code == status


def test_a_confirmation_without_csrf_token_is_refused(
    survei: Survei, unit: UnitLayanan, evaluator: Pengguna, klien: Client
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))
    data = peta_dari_halaman(klien, survei, impor_terakhir())
    tanpa_csrf = Client(enforce_csrf_checks=True)
    tanpa_csrf.force_login(evaluator)

    respons = tanpa_csrf.post(alamat_peta(survei, impor_terakhir()), data)

    assert respons.status_code == 403
    assert tidak_ada_respons()
    assert impor_terakhir().status == Impor.Status.MENUNGGU


def test_a_petugas_cannot_upload(survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk) -> None:
    respons = unggah(masuk(petugas), survei, csv_bytes([KEPALA, *baris_sah(unit)]))

    assert respons.status_code == 403
    assert Impor.objects.count() == 0


def test_another_instansi_cannot_confirm_an_upload(
    survei: Survei, unit: UnitLayanan, klien: Client, admin_lain: Pengguna, masuk: Masuk
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))
    data = peta_dari_halaman(klien, survei, impor_terakhir())
    asing = masuk(admin_lain, totp=True)

    respons = asing.post(alamat_peta(survei, impor_terakhir()), data)

    assert respons.status_code == 403
    assert (
        asing.get(reverse("survei:impor_masalah", args=[survei.kode, impor_terakhir().pk])).status_code == 403
    )
    assert tidak_ada_respons()
    assert impor_terakhir().status == Impor.Status.MENUNGGU


def test_an_upload_is_only_reachable_through_its_own_survey(
    survei: Survei,
    unit: UnitLayanan,
    unit_instansi_lain: UnitLayanan,
    klien: Client,
    admin_lain: Pengguna,
    masuk: Masuk,
) -> None:
    unggah(klien, survei, csv_bytes([KEPALA, *baris_sah(unit)]))
    survei_asing = survei_skm(unit=[unit_instansi_lain])

    respons = masuk(admin_lain, totp=True).get(alamat_peta(survei_asing, impor_terakhir()))

    assert respons.status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(survei: Survei, client: Client) -> None:
    respons = client.get(reverse("survei:impor", args=[survei.kode]))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))
