"""Asking for a report: who may (a matrix of actors, organisasi.izin.bisa_evaluasi_instansi),
the list page and its forms, the dashboard's entry point, and every bad input (a clear
message, nothing stored)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from laporan.models import Laporan
from laporan.services import laporan_minta_evaluasi
from organisasi.models import Instansi, Penataan, UnitLayanan
from survei.models import Survei
from tests.factories import PenataanFactory

MEMBUKA = {
    "anonim": 302,
    "warga": 403,
    "petugas": 403,
    "evaluator_lain": 403,
    "admin_lain": 403,
    "nonaktif": 302,
}
BOLEH = ("evaluator", "admin_instansi", "superuser")
WAJIB_TOTP = {"evaluator", "admin_instansi", "superuser", "evaluator_lain", "admin_lain", "nonaktif"}


def klien_untuk(aktor: str, request: pytest.FixtureRequest, masuk: Callable[..., Client]) -> Client:
    if aktor == "anonim":
        return Client()
    pengguna: Pengguna = request.getfixturevalue(aktor)
    return masuk(pengguna, totp=aktor in WAJIB_TOTP)


def url_buat(instansi: Instansi) -> str:
    return reverse("laporan:buat", kwargs={"instansi": instansi.slug})


@pytest.fixture(autouse=True)
def _pekerja_tidak_jalan(tanpa_pekerja: None) -> None:
    """Jobs stay queued here: these tests are about asking, not making."""


# Who may ask ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("aktor", [*MEMBUKA, *BOLEH])
def test_only_evaluators_and_admins_of_the_instansi_may_ask_for_a_report(
    aktor: str, request: pytest.FixtureRequest, masuk: Callable[..., Client], penataan_kosong: Penataan
) -> None:
    respons = klien_untuk(aktor, request, masuk).post(
        url_buat(penataan_kosong.instansi),
        {"jenis": "evaluasi", "penataan": penataan_kosong.pk, "transisi": "0"},
    )

    if aktor in BOLEH:
        laporan = Laporan.objects.get()
        assert respons.status_code == 302
        assert respons["Location"] == reverse("laporan:status", kwargs={"laporan_id": laporan.pk})
        assert (laporan.jenis, laporan.penataan, laporan.status) == ("evaluasi", penataan_kosong, "antri")
        assert laporan.diminta_oleh == request.getfixturevalue(aktor)
        assert laporan.url_verifikasi == f"http://testserver/laporan/verifikasi/{laporan.pk}/"
    else:
        assert respons.status_code == MEMBUKA[aktor]
        if respons.status_code == 302:
            assert respons["Location"].startswith(reverse("account_login"))
        assert not Laporan.objects.exists()


@pytest.mark.parametrize("aktor", [*MEMBUKA, *BOLEH])
def test_only_they_see_the_list_and_a_reports_page(
    aktor: str,
    request: pytest.FixtureRequest,
    masuk: Callable[..., Client],
    penataan_kosong: Penataan,
    evaluator: Pengguna,
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    klien = klien_untuk(aktor, request, masuk)

    daftar = klien.get(reverse("laporan:daftar", kwargs={"instansi": penataan_kosong.instansi.slug}))
    status = klien.get(reverse("laporan:status", kwargs={"laporan_id": laporan.pk}))
    ulang = klien.post(reverse("laporan:ulang", kwargs={"laporan_id": laporan.pk}))

    harap = 200 if aktor in BOLEH else MEMBUKA[aktor]
    assert (daftar.status_code, status.status_code) == (harap, harap)
    assert ulang.status_code == (302 if aktor in BOLEH else MEMBUKA[aktor])
    laporan.refresh_from_db()
    assert laporan.giliran == 1


def test_an_unknown_report_is_not_found(evaluator: Pengguna, masuk: Callable[..., Client]) -> None:
    klien = masuk(evaluator, totp=True)
    for nama in ("status", "unduh"):
        url = reverse(f"laporan:{nama}", kwargs={"laporan_id": "7e0b2c53-2d6e-4a3f-9d5e-2f0a1b3c4d5e"})
        assert klien.get(url).status_code == 404


# The list page and the entry point -------------------------------------------------------------------


def test_the_list_offers_both_kinds_and_shows_earlier_reports(
    penataan_kosong: Penataan, survei_kecil: Survei, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)

    halaman = (
        masuk(evaluator, totp=True)
        .get(reverse("laporan:daftar", kwargs={"instansi": penataan_kosong.instansi.slug}))
        .content.decode()
    )

    assert 'value="evaluasi"' in halaman and 'value="skm"' in halaman
    assert "Penggabungan Tanpa Data" in halaman
    assert "SKM Palembang 2025" in halaman
    assert "Dalam antrean" in halaman


def test_the_penataan_dashboard_has_the_button_that_asks_for_its_report(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    klien = masuk(evaluator, totp=True)
    halaman = klien.get(
        reverse("analitik:dasbor_penataan", kwargs={"penataan_id": penataan_kosong.pk}) + "?transisi=3"
    ).content.decode()

    assert "Buat laporan PDF" in halaman
    assert f'action="{url_buat(penataan_kosong.instansi)}"' in halaman
    assert f'name="penataan" value="{penataan_kosong.pk}"' in halaman
    assert 'name="transisi" value="3"' in halaman

    klien.post(
        url_buat(penataan_kosong.instansi),
        {"jenis": "evaluasi", "penataan": penataan_kosong.pk, "transisi": "3"},
    )
    assert Laporan.objects.get().parameter["jeda_bulan"] == 3


def test_an_skm_report_for_one_unit_records_the_unit(
    survei_kecil: Survei, unit: UnitLayanan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    masuk(evaluator, totp=True).post(
        url_buat(survei_kecil.instansi), {"jenis": "skm", "survei": survei_kecil.pk, "unit": unit.pk}
    )

    laporan = Laporan.objects.get()
    assert (laporan.jenis, laporan.survei, laporan.unit) == ("skm", survei_kecil, unit)
    assert laporan.parameter["survei"] == survei_kecil.kode


# Bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({}, "Pilih jenis laporan."),
        ({"jenis": "rahasia"}, "Jenis laporan tidak dikenal."),
        ({"jenis": "evaluasi"}, "Pilih penataan yang dievaluasi."),
        ({"jenis": "evaluasi", "penataan": "999999"}, "Penataan itu tidak ada di instansi ini."),
        (
            {"jenis": "evaluasi", "penataan": "PENATAAN", "transisi": "25"},
            "Jeda transisi harus bilangan bulat 0",
        ),
        (
            {"jenis": "evaluasi", "penataan": "PENATAAN", "transisi": "-1"},
            "Jeda transisi harus bilangan bulat 0",
        ),
        (
            {"jenis": "evaluasi", "penataan": "PENATAAN", "transisi": "dua"},
            "Jeda transisi harus bilangan bulat 0",
        ),
        ({"jenis": "skm"}, "Pilih survei (periode) yang dilaporkan."),
        ({"jenis": "skm", "survei": "999999"}, "Survei itu tidak ada di instansi ini."),
        (
            {"jenis": "skm", "survei": "SURVEI", "unit": "UNIT_LAIN_INSTANSI"},
            "Unit itu tidak ada di instansi ini.",
        ),
        ({"jenis": "skm", "survei": "SURVEI", "unit": "UNIT_DI_LUAR_SURVEI"}, "tidak termasuk survei"),
    ],
)
def test_a_bad_request_is_refused_with_a_clear_message_and_nothing_stored(
    data: dict[str, str],
    pesan: str,
    penataan_kosong: Penataan,
    survei_kecil: Survei,
    unit_instansi_lain: UnitLayanan,
    unit_anak: UnitLayanan,
    evaluator: Pengguna,
    masuk: Callable[..., Client],
) -> None:
    ganti = {
        "PENATAAN": str(penataan_kosong.pk),
        "SURVEI": str(survei_kecil.pk),
        "UNIT_LAIN_INSTANSI": str(unit_instansi_lain.pk),
        "UNIT_DI_LUAR_SURVEI": str(unit_anak.pk),
    }
    kirim = {k: ganti.get(v, v) for k, v in data.items()}

    respons = masuk(evaluator, totp=True).post(url_buat(penataan_kosong.instansi), kirim)

    assert respons.status_code == 400
    assert pesan in respons.content.decode()
    assert not Laporan.objects.exists()


def test_a_penataan_of_another_instansi_cannot_be_chosen(
    instansi_lain: Instansi, penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    lain = PenataanFactory.create(instansi=instansi_lain)

    respons = masuk(evaluator, totp=True).post(
        url_buat(penataan_kosong.instansi), {"jenis": "evaluasi", "penataan": lain.pk}
    )

    assert respons.status_code == 400
    assert "Penataan itu tidak ada di instansi ini." in respons.content.decode()
    assert not Laporan.objects.exists()


def test_asking_needs_a_post(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(url_buat(penataan_kosong.instansi))
    assert respons.status_code == 405
    assert not Laporan.objects.exists()


def test_retrying_needs_a_post(
    penataan_kosong: Penataan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    laporan = laporan_minta_evaluasi(penataan=penataan_kosong, pengguna=evaluator)
    respons = masuk(evaluator, totp=True).get(reverse("laporan:ulang", kwargs={"laporan_id": laporan.pk}))
    assert respons.status_code == 405
